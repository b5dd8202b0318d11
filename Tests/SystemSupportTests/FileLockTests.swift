import Foundation
import TestSupport
import Testing

@testable import SystemSupport

@Suite(.timeLimit(.minutes(5))) struct FileLockTests {
    let folder = TemporaryDirectory()

    @Test func aLockIsAPrivateFileOfOursAndHeldByOneAtATime() async throws {
        let path = folder.file("login.lock")
        let lock = try? await FileLock.acquire(path, until: Date())
        #expect(lock != nil)
        #expect(permissions(path) == 0o600)
        await #expect(throws: FileLock.Failure.timedOut, "held, and no time left to wait") {
            try await FileLock.acquire(path, until: Date())
        }
        _ = consume lock
        #expect((try? await FileLock.acquire(path, until: Date())) != nil, "an existing lock file is used again")
    }

    @Test func aLockHeldElsewhereTimesOutAtTheDeadline() async throws {
        let path = folder.file("login.lock")
        let held = try await FileLock.acquire(path, until: Date())
        await #expect(throws: FileLock.Failure.timedOut, "a contended lock is not an unavailable one") {
            try await FileLock.acquire(path, until: Date().addingTimeInterval(0.2))
        }
        withExtendedLifetime(held) {}
    }

    @Test func aLinkInTheLocksPlaceIsNeverFollowed() async {
        let path = folder.file("login.lock")
        let target = folder.file("elsewhere")
        symlink(target, path)
        #expect(await Self.isUnavailable(path))
        #expect(!FileManager.default.fileExists(atPath: target), "nothing is created where the link leads")
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give the lock file to another user"))
    func aLockFileOfAnotherUserIsRefused() async {
        let path = folder.write("", to: "login.lock", mode: 0o666)
        chown(path, 65534, 65534)
        #expect(await Self.isUnavailable(path))
    }

    /// Whether the lock at `path` is refused as no lock of ours, rather than held elsewhere.
    static func isUnavailable(_ path: String) async -> Bool {
        do throws(FileLock.Failure) {
            _ = try await FileLock.acquire(path, until: Date())
            return false
        } catch {
            if case .unavailable = error { return true }
            return false
        }
    }
}
