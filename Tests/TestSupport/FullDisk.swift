import Foundation
import Glibc

/// A tiny tmpfs mounted at a path and filled to the last byte: a full disk for one test. Needs root
/// (CI runs as root); unmounted when the value goes away.
package final class FullDisk: Sendable {
    package let path: String

    package static var isPossible: Bool { geteuid() == 0 }

    /// Mounts an empty disk at `path` (created 0700 when missing); `fill()` fills it.
    package init(at path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard mount("tmpfs", path, "tmpfs", 0, "size=64k,mode=0700") == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM)
        }
    }

    /// Writes zeros until the disk takes no more.
    package func fill() {
        let descriptor = open(path + "/.filler", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        precondition(descriptor >= 0)
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
        close(descriptor)
    }

    deinit { umount2(path, Int32(MNT_DETACH)) }
}
