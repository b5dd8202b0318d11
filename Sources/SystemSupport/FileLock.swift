import FoundationEssentials
import Glibc

/// An advisory lock (`flock`) on a file, so that processes started by parallel clicks take turns.
package final class FileLock {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Waits for the lock until `deadline`; nil when the file cannot be opened, is not a file of ours, or the
    /// time runs out.
    package static func acquire(_ path: String, until deadline: Date) -> FileLock? {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
            close(descriptor)
            return nil
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                return nil
            }
            usleep(2_000)
        }
        return FileLock(descriptor: descriptor)
    }
}
