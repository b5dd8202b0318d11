/// SHA-256 (FIPS 180-4), for fingerprints of rejected credentials and of the files `install` wrote, and for
/// PKCE's code challenge.
/// Foundation on Linux has no digest API and the project takes no third-party packages; this is short and
/// checked against the standard's vectors (`SHA256Tests`).
package enum SHA256 {
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// The digest of `message` as lowercase hexadecimal.
    package static func hex<Bytes: Collection<UInt8>>(_ message: Bytes) -> String {
        digest(message).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// The digest of `message`: 32 bytes.
    package static func digest<Bytes: Collection<UInt8>>(_ message: Bytes) -> [UInt8] {
        var hash: [UInt32] = [
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
        ]
        let bytes = Array(message)
        // Whole blocks straight from the message (a program is megabytes), then the padded tail.
        let whole = bytes.count / 64 * 64
        bytes.withUnsafeBufferPointer { compress($0, blocks: whole / 64, into: &hash) }
        var tail = Array(bytes[whole...])
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(bytes.count) * 8
        tail += (0..<8).reversed().map { UInt8(truncatingIfNeeded: bitLength >> ($0 * 8)) }
        tail.withUnsafeBufferPointer { compress($0, blocks: tail.count / 64, into: &hash) }
        return hash.flatMap { word in (0..<4).reversed().map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
    }

    /// Runs the compression function over the first `blocks` 64-byte blocks of `data`.
    private static func compress(_ data: UnsafeBufferPointer<UInt8>, blocks: Int, into hash: inout [UInt32]) {
        guard blocks > 0 else { return }
        let constants = roundConstants
        constants.withUnsafeBufferPointer { constants in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                for block in 0..<blocks {
                    let base = block * 64
                    for i in 0..<16 {
                        let at = base + i * 4
                        schedule[i] =
                            UInt32(data[at]) << 24 | UInt32(data[at + 1]) << 16 | UInt32(data[at + 2]) << 8
                            | UInt32(data[at + 3])
                    }
                    for i in 16..<64 {
                        let s0 =
                            schedule[i - 15].rotatedRight(7) ^ schedule[i - 15].rotatedRight(18)
                            ^ (schedule[i - 15] >> 3)
                        let s1 =
                            schedule[i - 2].rotatedRight(17) ^ schedule[i - 2].rotatedRight(19)
                            ^ (schedule[i - 2] >> 10)
                        schedule[i] = schedule[i - 16] &+ s0 &+ schedule[i - 7] &+ s1
                    }
                    var (a, b, c, d, e, f, g, h) = (
                        hash[0], hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7]
                    )
                    for i in 0..<64 {
                        let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                        let choice = (e & f) ^ (~e & g)
                        let temp1 = h &+ s1 &+ choice &+ constants[i] &+ schedule[i]
                        let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                        let majority = (a & b) ^ (a & c) ^ (b & c)
                        (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ s0 &+ majority)
                    }
                    hash[0] &+= a
                    hash[1] &+= b
                    hash[2] &+= c
                    hash[3] &+= d
                    hash[4] &+= e
                    hash[5] &+= f
                    hash[6] &+= g
                    hash[7] &+= h
                }
            }
        }
    }
}

extension UInt32 {
    // Transparent, so that even a debug build hashes a program of megabytes in a moment.
    @_transparent fileprivate func rotatedRight(_ count: UInt32) -> UInt32 { self >> count | self << (32 - count) }
}
