import Foundation
import TestSupport
import Testing

@testable import SystemSupport

@Suite(.timeLimit(.minutes(5))) struct FileLockTests {
    let folder = TemporaryDirectory()

    @Test func aLockIsAPrivateFileOfOursAndHeldByOneAtATime() async throws {
        let path = folder.file("login.lock")
        let lock = await FileLock.acquire(path, until: Date())
        #expect(lock != nil)
        #expect(permissions(path) == 0o600)
        #expect(await FileLock.acquire(path, until: Date()) == nil, "held, and no time left to wait")
        _ = consume lock
        #expect(await FileLock.acquire(path, until: Date()) != nil, "an existing lock file is used again")
    }

    @Test func aLinkInTheLocksPlaceIsNeverFollowed() async {
        let path = folder.file("login.lock")
        let target = folder.file("elsewhere")
        symlink(target, path)
        #expect(await FileLock.acquire(path, until: Date()) == nil)
        #expect(!FileManager.default.fileExists(atPath: target), "nothing is created where the link leads")
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give the lock file to another user"))
    func aLockFileOfAnotherUserIsRefused() async {
        let path = folder.write("", to: "login.lock", mode: 0o666)
        chown(path, 65534, 65534)
        #expect(await FileLock.acquire(path, until: Date()) == nil)
    }
}
