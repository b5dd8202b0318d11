import FoundationEssentials
import Glibc
import Synchronization

/// An advisory lock (`flock`) on a file, so that processes started by parallel clicks take turns.
package final class FileLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Waits for the lock until `deadline`; nil when the file cannot be opened, is not a file of ours, or the
    /// time runs out.
    package static func acquire(_ path: String, until deadline: Date) async -> FileLock? {
        // Created exclusively, so nobody can have slipped a file or a link of their own in its place; an
        // existing one is opened without following a link, and must be ours like any other.
        let flags = O_RDWR | O_CLOEXEC | O_NOFOLLOW
        var descriptor = open(path, flags | O_CREAT | O_EXCL, 0o600)
        if descriptor < 0 && errno == EEXIST { descriptor = open(path, flags) }
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
            close(descriptor)
            return nil
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return FileLock(descriptor: descriptor) }
        guard errno == EWOULDBLOCK || errno == EINTR, deadline.timeIntervalSinceNow > 0 else {
            close(descriptor)
            return nil
        }
        return await Wait(descriptor: descriptor).outcome(until: deadline)
    }

    /// A wait for a lock held elsewhere: a blocking `flock` on a thread of its own — never on one of Swift
    /// concurrency's few cooperative threads, which the click holding the lock needs to go on — raced
    /// against the deadline. Whichever ends first decides; a lock granted too late is given back at once.
    private final class Wait: Sendable {
        private let descriptor: Int32
        private let waiter = Mutex<CheckedContinuation<FileLock?, Never>?>(nil)

        init(descriptor: Int32) { self.descriptor = descriptor }

        func outcome(until deadline: Date) async -> FileLock? {
            await withCheckedContinuation { continuation in
                waiter.withLock { $0 = continuation }
                let timer = Task {
                    guard (try? await Task.sleep(for: .seconds(deadline.timeIntervalSinceNow))) != nil else { return }
                    finish(with: nil)
                }
                Task {
                    let locked = await DedicatedThread.run { [descriptor] in
                        var result: Int32
                        repeat { result = flock(descriptor, LOCK_EX) } while result != 0 && errno == EINTR
                        return result == 0
                    }
                    timer.cancel()
                    if !locked { close(descriptor) }
                    finish(with: locked ? FileLock(descriptor: descriptor) : nil)
                }
            }
        }

        /// Hands `lock` to the waiting click, if it still waits; otherwise `lock` goes, and with it the lock.
        private func finish(with lock: FileLock?) {
            waiter.withLock { $0.take() }?.resume(returning: lock)
        }
    }
}
