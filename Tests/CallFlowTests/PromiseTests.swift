import Desktop
import FakePuzzel
import Foundation
import SystemSupport
import TestSupport
import Testing

@testable import CallFlow

/// The promises a click keeps — no rejected password sent again, no double call — on a full or broken
/// disk, with a killed click, and across identities.
@Suite(.timeLimit(.minutes(5))) struct PromiseTests {
    @Test func aRecentCallsFileTheCacheCannotTakeGoesToTheRuntimeFolder() async throws {
        let desk = try Desk()
        // A folder where the record should be: it cannot be replaced by a file, even by root.
        try FileManager.default.createDirectory(
            atPath: desk.cacheDirectory + "/recent-calls.json", withIntermediateDirectories: true)
        desk.environment["XDG_RUNTIME_DIR"] = desk.folder.path + "/run"
        let now = Date()
        #expect(try await desk.click(now: now).wasCalled)
        #expect(try await desk.click(now: now.addingTimeInterval(1)).outcomeCode == "already-calling")
        #expect(desk.puzzel.requests(to: .callout).count == 1)
        #expect(FileManager.default.fileExists(atPath: desk.folder.path + "/run/puzzel-call/recent-calls.json"))
    }

    @Test func anUnwritableCacheSendsNoPassword() async throws {
        let desk = try Desk()
        // A file where the cache folder should be: nothing can be created below it, even by root. The runtime
        // folder could hold a rejection, but a logout empties it: no durable record, no password sent.
        desk.environment["XDG_CACHE_HOME"] = desk.folder.write("", to: "not-a-folder")
        desk.environment["XDG_RUNTIME_DIR"] = desk.folder.path + "/run"
        let report = try await desk.click()
        #expect(report.failure?.kind == .noRecordFolder)
        #expect(report.failure?.exitStatus == .cannotCreate)
        #expect(report.failure?.message.contains("free some space or make the folder writable") == true)
        #expect(desk.puzzel.requests.isEmpty)
    }

    @Test func aRejectionOnlyTheRuntimeFolderHeldMovesToTheCacheAndOutlivesALogout() async throws {
        let desk = try Desk()
        desk.environment["XDG_RUNTIME_DIR"] = desk.folder.path + "/run"
        desk.environment["PUZZEL_PASSWORD"] = "wrong"
        #expect(try await desk.click().failure?.exitStatus == .signInFailed)
        // As if the cache had failed between the check and the rejection: the record is in the runtime folder.
        let runtime = desk.folder.path + "/run/puzzel-call"
        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            atPath: desk.cacheDirectory + "/rejected-credentials.json", toPath: runtime + "/rejected-credentials.json")

        #expect(try await desk.click("tel:+4799999999").failure?.kind == .credentialsRejected)
        #expect(FileManager.default.fileExists(atPath: desk.cacheDirectory + "/rejected-credentials.json"))
        // A logout empties the runtime folder.
        try FileManager.default.removeItem(atPath: runtime)
        #expect(try await desk.click("tel:+4788888888").failure?.kind == .credentialsRejected)
        #expect(desk.puzzel.requests(to: .logIn).count == 1, "the rejected password was sent once")
    }

    @Test func aCacheFolderOthersCanRenameHoldsNoRecord() async throws {
        let desk = try Desk()
        // Another user who can write the folder above the cache can rename the cache away, records and all.
        let parent = desk.folder.path + "/shared"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        chmod(parent, 0o777)
        desk.environment["XDG_CACHE_HOME"] = parent + "/cache"
        let report = try await desk.click()
        #expect(report.failure?.kind == .noRecordFolder)
        #expect(report.failure?.message.contains("group or others can change \(parent)") == true)
        #expect(desk.puzzel.requests.isEmpty)
    }

    @Test func withNeitherFolderWritableNoPasswordIsSent() async throws {
        let desk = try Desk()
        desk.environment["XDG_CACHE_HOME"] = desk.folder.write("", to: "not-a-folder")
        desk.environment["XDG_RUNTIME_DIR"] = desk.folder.write("", to: "not-a-runtime-folder")
        let report = try await desk.click()
        #expect(report.failure?.exitStatus == .cannotCreate)
        #expect(report.failure?.message.contains("free some space or make the folder writable") == true)
        #expect(desk.puzzel.requests.isEmpty)
        let forced = try await desk.click(force: true)
        #expect(forced.failure?.exitStatus == .cannotCreate, "--force does not risk the account either")
        #expect(desk.puzzel.requests(to: .logIn).isEmpty)
    }

    @Test(.enabled(if: FullDisk.isPossible, "needs root to mount a full disk"))
    func aFullCacheSendsNoPasswordWhoseRejectionCouldNotBeKept() async throws {
        let desk = try Desk()
        let disk = try FullDisk(at: desk.folder.path + "/cache")
        disk.fill()
        desk.environment["XDG_RUNTIME_DIR"] = desk.folder.path + "/run"
        desk.environment["PUZZEL_PASSWORD"] = "wrong"
        for number in 1...5 {
            let report = try await desk.click("tel:+479999999\(number)")
            #expect(report.failure?.exitStatus == .cannotCreate)
        }
        #expect(desk.puzzel.requests(to: .logIn).isEmpty)
        withExtendedLifetime(disk) {}
    }

    @Test(.enabled(if: FullDisk.isPossible, "needs root to mount a full disk"))
    func aFullCacheWithoutARuntimeFolderRefusesTheClickRatherThanCallTwice() async throws {
        let desk = try Desk()
        desk.environment["XDG_RUNTIME_DIR"] = nil
        let disk = try FullDisk(at: desk.folder.path + "/cache")
        let now = Date()
        #expect(try await desk.click(now: now).wasCalled)
        disk.fill()
        let report = try await desk.click("tel:+4799999999", now: now.addingTimeInterval(1))
        #expect(report.failure?.exitStatus == .cannotCreate)
        #expect(
            report.failure?.message.hasPrefix("The record that stops a double click from calling twice cannot be kept")
                == true)
        #expect(desk.puzzel.requests(to: .callout).count == 1)
        withExtendedLifetime(disk) {}
    }

    @Test func eachIdentityKeepsItsOwnRejection() async throws {
        let desk = try Desk()
        desk.environment["PUZZEL_PASSWORD"] = "wrong"
        for round in 0..<4 {
            desk.environment["PUZZEL_USERNAME"] = round.isMultiple(of: 2) ? "agent-a" : "agent-b"
            #expect(try await desk.click("tel:+479999999\(round)").failure?.exitStatus == .signInFailed)
        }
        #expect(desk.puzzel.requests(to: .logIn).count == 2, "one try per identity")
    }

    @Test(arguments: [
        (stage: DuplicateGuard.Stage.claimed, running: false, blocks: false), (.sent, false, true),
        (.claimed, true, true),
    ])
    func aClaimBlocksOnlyWhileItsClickRunsOrOnceTheCallWentOut(
        stage: DuplicateGuard.Stage, running: Bool, blocks: Bool
    ) async throws {
        let desk = try Desk()
        let now = Date()
        // The current process with another start time: its pid was reused, so the claimant is gone.
        let claimant = running ? ProcessIdentity.current : ProcessIdentity(pid: getpid(), startTime: 1)
        let claim = DuplicateGuard.Entry(time: now.timeIntervalSince1970 - 1, claimant: claimant, stage: stage)
        desk.folder.write(
            String(decoding: try JSONEncoder().encode(RecentCalls(claims: ["004722123456": claim])), as: UTF8.self),
            to: "cache/puzzel-call/recent-calls.json", mode: 0o600)
        let report = try await desk.click(now: now)
        #expect(report.outcomeCode == (blocks ? "already-calling" : "called"))
    }

    @Test func aClaimantThatEndedIsNotRunning() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let ended = ProcessIdentity(pid: process.processIdentifier, startTime: nil)
        #expect(ended.liveness() == .ended)
        #expect(ProcessIdentity.current.liveness() == .running)
    }

    @Test func aClaimantWhoseLifeCannotBeToldHoldsItsClaimWhileItsClickMayRun() async throws {
        let folder = TemporaryDirectory()
        let guardWithoutProc = DuplicateGuard(window: 60, clickTime: 15, processes: folder.path + "/no-proc")
        let (destination, now) = ("004722123456", Date())
        var recent = RecentCalls()
        guardWithoutProc.claim(destination, in: &recent, at: now)
        #expect(
            guardWithoutProc.blockingClaim(on: destination, in: recent, at: now.addingTimeInterval(14.9))
                == now.addingTimeInterval(14.9).timeIntervalSince1970 - now.timeIntervalSince1970,
            "its click may still be signing in")
        #expect(
            guardWithoutProc.blockingClaim(on: destination, in: recent, at: now.addingTimeInterval(15)) == nil,
            "its click's time is up")
    }

    @Test func aLockHeldElsewhereUntilTheDeadlineIsATimeOutNeverAnotherFoldersLock() async throws {
        let folder = TemporaryDirectory()
        let directories = XDGDirectories(
            environment: folder.environment.merging(["XDG_RUNTIME_DIR": folder.path + "/run"]) { $1 })
        let folders = RecordFolders(directories)
        try PrivateFile.ensureDirectory(folders.paths[0])
        let held = try await FileLock.acquire(folders.paths[0] + "/" + Record.recentCalls.lockName, until: Date())
        await #expect(throws: RecordFailure.timedOut(lock: folders.paths[0] + "/recent-calls.lock")) {
            try await folders.lock(.recentCalls, until: Date().addingTimeInterval(0.2))
        }
        #expect(
            !FileManager.default.fileExists(atPath: folders.paths[1] + "/recent-calls.lock"),
            "two clicks must never each hold a different lock")
        withExtendedLifetime(held) {}
    }

    @Test func aKeyringThatDoesNotAnswerIsATemporaryFailure() async throws {
        let desk = try Desk()
        desk.configure("timeoutSeconds = 15\n")
        desk.environment["PUZZEL_PASSWORD"] = nil
        desk.keyring = { _, _, _ throws(SecretStore.Failure) in throw .notAnswering }
        let report = try await desk.click()
        #expect(report.failure?.code == "keyring-not-answering")
        #expect(report.failure?.exitStatus == .temporaryFailure)
        #expect(report.failure?.message.contains("The keyring did not answer within 15 s;") == true)
        #expect(report.failure?.message.contains("login") == false, "the password is not missing")
        #expect(desk.puzzel.requests.isEmpty)
    }

    @Test func aForcedCallIsRecordedToo() async throws {
        let desk = try Desk()
        let now = Date()
        #expect(try await desk.click(force: true, now: now).wasCalled)
        let plain = try await desk.click(now: now.addingTimeInterval(0.1))
        #expect(plain.outcomeCode == "already-calling")
        #expect(desk.puzzel.requests(to: .callout).count == 1)
    }
}
