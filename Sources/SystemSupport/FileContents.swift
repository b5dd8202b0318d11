import Glibc

/// Reads a file to its end with plain system calls. Files in /proc report a size of 0, so nothing here
/// trusts the size; `limit` keeps a file that never ends (a FIFO, /dev/zero) from taking all memory.
package enum FileContents {
    package static func read(_ path: String, limit: Int = 16 << 20) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return read(descriptor: descriptor, limit: limit)
    }

    /// What is left to read from an open file: what was checked about the descriptor holds for what is read.
    package static func read(descriptor: Int32, limit: Int = 16 << 20) -> [UInt8]? {
        var contents: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        while contents.count < limit {
            let count = block.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return contents }
            contents += block[..<count]
        }
        return nil
    }
}
