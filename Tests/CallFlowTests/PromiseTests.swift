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
    @Test func anUnwritableCacheFallsBackToTheRuntimeFolder() async throws {
        let desk = try Desk()
        // A file where the cache folder should be: nothing can be created below it, even by root.
        desk.environment["XDG_CACHE_HOME"] = desk.folder.write("", to: "not-a-folder")
        desk.environment["XDG_RUNTIME_DIR"] = desk.folder.path + "/run"
        let now = Date()
        #expect(try await desk.click(now: now).wasCalled)
        #expect(try await desk.click(now: now.addingTimeInterval(1)).outcomeCode == "already-calling")
        #expect(desk.puzzel.requests(to: .callout).count == 1)
        #expect(FileManager.default.fileExists(atPath: desk.folder.path + "/run/puzzel-call/recent-callouts.json"))
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
    func aFullCacheStillStopsAWrongPasswordAfterOneTry() async throws {
        let desk = try Desk()
        let disk = try FullDisk(at: desk.folder.path + "/cache")
        disk.fill()
        desk.environment["XDG_RUNTIME_DIR"] = desk.folder.path + "/run"
        desk.environment["PUZZEL_PASSWORD"] = "wrong"
        for number in 1...5 {
            let report = try await desk.click("tel:+479999999\(number)")
            #expect(report.failure?.exitStatus == .signInFailed)
        }
        #expect(desk.puzzel.requests(to: .logIn).count == 1)
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
        #expect(report.failure?.message.hasPrefix("Not calling: puzzel-call cannot keep the record") == true)
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

    @Test(arguments: [(sent: false, running: false, blocks: false), (true, false, true), (false, true, true)])
    func aClaimBlocksOnlyWhileItsClickRunsOrOnceTheCallWentOut(sent: Bool, running: Bool, blocks: Bool)
        async throws
    {
        let desk = try Desk()
        let now = Date()
        // The current process with another start time: its pid was reused, so the claimant is gone.
        let claimant = running ? ProcessIdentity.current : ProcessIdentity(pid: getpid(), startTime: 1)
        let claim = DuplicateGuard.Entry(time: now.timeIntervalSince1970 - 1, claimant: claimant, sent: sent)
        desk.folder.write(
            String(decoding: try JSONEncoder().encode(["004722123456": claim]), as: UTF8.self),
            to: "cache/puzzel-call/recent-callouts.json", mode: 0o600)
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
        let guardWithoutProc = DuplicateGuard(
            folders: RecordFolders(XDGDirectories(environment: folder.environment)), window: 60, clickTime: 15,
            processes: folder.path + "/no-proc")
        let (destination, now) = ("004722123456", Date())
        let deadline = now.addingTimeInterval(15)
        #expect(await guardWithoutProc.claim(destination, at: now, deadline: deadline, force: false) == .claimed)
        #expect(
            await guardWithoutProc.claim(
                destination, at: now.addingTimeInterval(14.9), deadline: deadline, force: false)
                == .duplicate(
                    secondsAgo: now.addingTimeInterval(14.9).timeIntervalSince1970 - now.timeIntervalSince1970),
            "its click may still be signing in")
        #expect(
            await guardWithoutProc.claim(destination, at: now.addingTimeInterval(15), deadline: deadline, force: false)
                == .claimed, "its click's time is up")
    }

    @Test func aKeyringThatDoesNotAnswerIsATemporaryFailure() async throws {
        let desk = try Desk()
        desk.configure("timeoutSeconds = 15\n")
        desk.environment["PUZZEL_PASSWORD"] = nil
        desk.keyring = { _, _, _ throws(SecretStore.Failure) in throw .notAnswering }
        let report = try await desk.click()
        #expect(report.failure?.code == "keyring-not-answering")
        #expect(report.failure?.exitStatus == .temporaryFailure)
        #expect(report.failure?.message.contains("The keyring did not answer within timeoutSeconds (15 s)") == true)
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
