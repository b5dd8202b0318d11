import Desktop
import FoundationEssentials
import Glibc

/// Remembers credentials Puzzel rejected, so the next click does not send them again: Puzzel locks a
/// user after four wrong passwords in a row. Only a salted SHA-256 fingerprint is kept, never the password.
struct RejectedCredentials {
    let directory: String
    var file: String { directory + "/rejected-credentials.json" }

    private struct Record: Codable {
        let salt: String
        let fingerprint: String
    }

    func wereRejected(_ identity: SessionIdentity, secret: String) -> Bool {
        guard let data = PrivateFile.readOwned(file), let record = try? JSONDecoder().decode(Record.self, from: data)
        else { return false }
        return record.fingerprint == Self.fingerprint(identity, secret: secret, salt: record.salt)
    }

    func record(_ identity: SessionIdentity, secret: String) throws(PrivateFile.Failure) {
        let salt = (0..<16).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.joined()
        let record = Record(salt: salt, fingerprint: Self.fingerprint(identity, secret: secret, salt: salt))
        try PrivateFile.ensureDirectory(directory)
        try PrivateFile.write(try! JSONEncoder().encode(record), to: file)
    }

    func forget() {
        unlink(file)
    }

    private static func fingerprint(_ identity: SessionIdentity, secret: String, salt: String) -> String {
        // NUL separates the fields: none of them can hold one, so no two inputs run together.
        let fields = [salt, identity.authURL, identity.customerKey, identity.principal, secret]
        return SHA256.hex(Array(fields.joined(separator: "\u{0}").utf8))
    }
}
