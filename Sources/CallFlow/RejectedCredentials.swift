import Desktop
import FoundationEssentials
import Glibc
import SystemSupport

/// Remembers credentials Puzzel rejected, so the next click does not send them again: Puzzel locks a
/// user after four wrong passwords in a row. Only salted SHA-256 fingerprints are kept, never a password,
/// one per identity (auth URL, customer key, user), so alternating two identities re-sends neither.
///
/// The promise must hold on a full disk too: the record is kept in the first of `folders` that takes
/// it, and is read from all of them.
struct RejectedCredentials {
    let folders: RecordFolders
    static let fileName = "rejected-credentials.json"

    private struct Record: Codable {
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

    func wereRejected(_ identity: SessionIdentity, secret: String) -> Bool {
        folders.paths.contains { folder in
            guard let record = load(folder) else { return false }
            return record.rejected[record.key(identity)] == record.fingerprint(identity, secret: secret)
        }
    }

    /// Makes sure a rejection could be kept, before a sign-in sends the secret: the record is rewritten
    /// in the first folder that takes it. A refused click is better than a locked account.
    func ensureWritable() throws(RecordFolders.Unwritable) {
        try folders.firstWriting { folder throws(PrivateFile.Failure) in try save(load(folder) ?? Record(), in: folder)
        }
    }

    func record(_ identity: SessionIdentity, secret: String) throws(RecordFolders.Unwritable) {
        try folders.firstWriting { folder throws(PrivateFile.Failure) in
            var record = load(folder) ?? Record()
            record.rejected[record.key(identity)] = record.fingerprint(identity, secret: secret)
            try save(record, in: folder)
        }
    }

    /// Forgets the rejection of `identity` only: `login` vouches for one identity's credentials.
    func forget(_ identity: SessionIdentity) {
        for folder in folders.paths {
            guard var record = load(folder), record.rejected.removeValue(forKey: record.key(identity)) != nil else {
                continue
            }
            try? save(record, in: folder)
        }
    }

    private func load(_ folder: String) -> Record? {
        PrivateFile.readOwned(folder + "/" + Self.fileName).flatMap { try? JSONDecoder().decode(Record.self, from: $0) }
    }

    private func save(_ record: Record, in folder: String) throws(PrivateFile.Failure) {
        try PrivateFile.ensureDirectory(folder)
        try PrivateFile.write(try! JSONEncoder().encode(record), to: folder + "/" + Self.fileName)
    }

    private static func fingerprint(_ fields: [String]) -> String {
        // NUL separates the fields: none of them can hold one, so no two inputs run together.
        SHA256.hex(Array(fields.joined(separator: "\u{0}").utf8))
    }
}
