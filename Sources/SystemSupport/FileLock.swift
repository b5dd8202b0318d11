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

    /// Why a lock was not taken. Only `unavailable` means that this file cannot serve as the lock: a lock
    /// held elsewhere until the deadline is still the lock every process takes turns on.
    package enum Failure: Error, Equatable, CustomStringConvertible {
        /// Held by another process until the deadline.
        case timedOut
        /// The file cannot be opened or locked, or is not a file of ours: the reason, with `errno` when it has one.
        case unavailable(reason: String, errno: Int32?)

        package var description: String {
            switch self {
            case .timedOut: "timed out waiting for the lock"
            case .unavailable(let reason, _): reason
            }
        }
    }

    /// Waits for the lock until `deadline`.
    package static func acquire(_ path: String, until deadline: Date) async throws(Failure) -> FileLock {
        // Created exclusively, so nobody can have slipped a file or a link of their own in its place; an
        // existing one is opened without following a link, and must be ours like any other.
        let flags = O_RDWR | O_CLOEXEC | O_NOFOLLOW
        var descriptor = open(path, flags | O_CREAT | O_EXCL, 0o600)
        if descriptor < 0 && errno == EEXIST { descriptor = open(path, flags) }
        guard descriptor >= 0 else { throw .unavailable(reason: PrivateFile.lastError(), errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
            close(descriptor)
            throw .unavailable(reason: "\(path) is not a file of ours", errno: nil)
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return FileLock(descriptor: descriptor) }
        let failure = errno
        guard failure == EWOULDBLOCK || failure == EINTR else {
            close(descriptor)
            throw .unavailable(reason: String(cString: strerror(failure)), errno: failure)
        }
        guard deadline.timeIntervalSinceNow > 0 else {
            close(descriptor)
            throw .timedOut
        }
        // The wait owns the descriptor from here: it closes it when the lock comes too late.
        guard let lock = await Wait(descriptor: descriptor).outcome(until: deadline) else { throw .timedOut }
        return lock
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
