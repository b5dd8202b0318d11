import Glibc

/// Bytes from the kernel's random number generator, for values an attacker must not guess: the PKCE
/// verifier, the OAuth `state` and `nonce`.
package enum SecureRandom {
    /// `count` random bytes, from glibc's getentropy (getrandom(2) underneath, which Swift's Glibc module does
    /// not export): it blocks only until the kernel's pool is first seeded at boot and fills up to 256 bytes
    /// in one call. A failure stops the program, since a guessable value would be worse than none.
    package static func bytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        for start in stride(from: 0, to: count, by: 256) {
            let length = min(256, count - start)
            let result = bytes.withUnsafeMutableBytes { getentropy($0.baseAddress! + start, length) }
            precondition(result == 0, "getentropy failed: errno \(errno)")
        }
        return bytes
    }

    /// `count` random bytes as unpadded base64url text (RFC 4648 §5): 32 bytes make 43 characters.
    package static func base64URL(_ count: Int) -> String { Base64URL.encode(bytes(count)) }
}

/// Unpadded base64url (RFC 4648 §5), as PKCE and JWTs write bytes.
package enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    package static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<(chunk.count + 1) {
                output.append(alphabet[Int(value >> (18 - 6 * UInt32(position)) & 0x3f)])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
