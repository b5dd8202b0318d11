import Desktop
import FoundationEssentials
import Glibc
import SystemSupport

/// Remembers credentials Puzzel rejected, so the next click does not send them again: Puzzel locks a
/// user after four wrong passwords in a row. Only salted SHA-256 fingerprints are kept, never a password,
/// one per identity (auth URL, customer key, user), so alternating two identities re-sends neither.
///
/// The promise must hold across a logout, a reboot and a full disk: the record lives in the cache folder,
/// written to disk before a sign-in goes on. Only when the cache fails between that check and a rejection
/// does the rejection go to the runtime folder, which a logout empties: the next click moves it to the
/// cache, or sends no password.
struct RejectedCredentials {
    let folders: RecordFolders
    static let record = Record.rejectedCredentials

    private struct Entries: Codable {
        var salt: String
        /// The fingerprint of each identity's rejected secret, by the fingerprint of the identity.
        var rejected: [String: String] = [:]

        init() { salt = (0..<16).map { _ in UInt8.random(in: 0...255).hexadecimal(width: 2) }.joined() }

        func key(_ identity: SessionIdentity) -> String {
            RejectedCredentials.fingerprint([salt, identity.authURL, identity.customerKey, identity.principal])
        }

        func fingerprint(_ identity: SessionIdentity, secret: String) -> String {
            RejectedCredentials.fingerprint([salt, identity.authURL, identity.customerKey, identity.principal, secret])
        }
    }

    /// Whether Puzzel rejected `secret` for `identity`. A rejection that only the runtime folder held moves
    /// to the cache now, as soon as it can: a logout empties the runtime folder.
    func wereRejected(_ identity: SessionIdentity, secret: String) -> Bool {
        let holders = folders.saved(Self.record, as: Entries.self).filter { _, entries in
            entries.rejected[entries.key(identity)] == entries.fingerprint(identity, secret: secret)
        }.map(\.folder)
        if !holders.isEmpty, !holders.contains(folders.durable),
            (try? keep(identity, secret, in: folders.durable)) != nil
        {
            forget(identity, in: folders.paths.dropFirst())
        }
        return !holders.isEmpty
    }

    /// Makes sure a rejection can be kept for good, before a sign-in sends a secret: the cache's record is
    /// rewritten and synced to disk. A refused click is better than a locked account.
    func ensureWritable() throws(RecordFailure) {
        try folders.firstWriting(Self.record) { folder throws(PrivateFile.Failure) in
            try save(load(folder) ?? Entries(), in: folder)
        }
    }

    /// Keeps the rejection in the cache, else (the cache failed since `ensureWritable`) in the runtime folder.
    func record(_ identity: SessionIdentity, secret: String) throws(RecordFailure) {
        var failures: [PrivateFile.Failure] = []
        for folder in folders.paths {
            do throws(PrivateFile.Failure) {
                return try keep(identity, secret, in: folder)
            } catch { failures.append(error) }
        }
        throw .unwritable(failures)
    }

    private func keep(_ identity: SessionIdentity, _ secret: String, in folder: String) throws(PrivateFile.Failure) {
        try folders.prepare(folder)
        var entries = load(folder) ?? Entries()
        entries.rejected[entries.key(identity)] = entries.fingerprint(identity, secret: secret)
        try save(entries, in: folder)
    }

    /// Forgets the rejection of `identity` only: `login` vouches for one identity's credentials.
    func forget(_ identity: SessionIdentity) {
        forget(identity, in: folders.paths[...])
    }

    private func forget(_ identity: SessionIdentity, in paths: ArraySlice<String>) {
        for folder in paths {
            guard var entries = load(folder), entries.rejected.removeValue(forKey: entries.key(identity)) != nil else {
                continue
            }
            try? save(entries, in: folder)
        }
    }

    private func load(_ folder: String) -> Entries? {
        PrivateFile.readOwned(folder + "/" + Self.record.fileName).flatMap {
            try? JSONDecoder().decode(Entries.self, from: $0)
        }
    }

    private func save(_ entries: Entries, in folder: String) throws(PrivateFile.Failure) {
        try PrivateFile.write(
            try! JSONEncoder().encode(entries), to: folder + "/" + Self.record.fileName, syncingFolder: true)
    }

    private static func fingerprint(_ fields: [String]) -> String {
        // NUL separates the fields: none of them can hold one, so no two inputs run together.
        SHA256.hex(Array(fields.joined(separator: "\u{0}").utf8))
    }
}
