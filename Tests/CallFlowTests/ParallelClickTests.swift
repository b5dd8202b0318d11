import FakePuzzel
import Foundation
import TestSupport
import Testing

/// Clicks as the desktop makes them: each one a `puzzel-call` process of its own, several at once.
@Suite(.timeLimit(.minutes(5))) struct ParallelClickTests {
    func runAtOnce(_ desk: Desk, _ argumentLists: [[String]]) async -> [(status: Int32, output: String)] {
        await withTaskGroup(of: (Int32, String).self) { group in
            for arguments in argumentLists {
                group.addTask {
                    let result = await desk.runProcess(arguments)
                    return (result.status, result.output)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func tenParallelClicksMakeOneLogin() async throws {
        let desk = try Desk()
        // Without the sign-in lock, two logins are sure to meet here; with it, only one ever arrives.
        desk.puzzel.holdAnswers(on: .logIn, untilWaiting: 2, atMost: 2)
        let results = await runAtOnce(desk, (0..<10).map { ["tel:+47 22 12 34 \(10 + $0)"] })
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.output))")
        #expect(desk.puzzel.requests(to: .logIn).count == 1)
        #expect(desk.puzzel.requests(to: .callout).count == 10)
    }

    @Test func parallelClicksWithAWrongPasswordAndALockTheCacheCannotHoldSendItOnce() async throws {
        let desk = try Desk()
        // A folder where the cache's sign-in lock should be: the lock is taken in the runtime folder.
        try FileManager.default.createDirectory(
            atPath: desk.cacheDirectory + "/sign-in.lock", withIntermediateDirectories: true)
        desk.environment["XDG_RUNTIME_DIR"] = desk.folder.path + "/run"
        desk.environment["PUZZEL_PASSWORD"] = "wrong"
        let results = await runAtOnce(desk, (0..<5).map { ["tel:+47 22 12 34 \(10 + $0)"] })
        #expect(results.allSatisfy { $0.status == 77 }, "\(results.map(\.output))")
        #expect(desk.puzzel.requests(to: .logIn).count == 1, "the sign-in lock is in the runtime folder too")
    }

    @Test func threeClicksOnOneNumberWithinASecondCallOnce() async throws {
        let desk = try Desk()
        // However slowly a loaded machine starts the three, they fall in one window.
        desk.configure("duplicateWindowSeconds = 60\n")
        // Without the double-click claim, two callouts are sure to meet here; with it, only one arrives.
        desk.puzzel.holdAnswers(on: .callout, untilWaiting: 2, atMost: 2)
        let results = await runAtOnce(desk, Array(repeating: ["--json", "tel:+4722123456"], count: 3))
        #expect(results.allSatisfy { $0.status == 0 })
        let outcomes = results.map { $0.output.firstMatch(of: /"outcome":"([a-z-]+)"/).map { String($0.1) } }
        #expect(outcomes.sorted { ($0 ?? "") < ($1 ?? "") } == ["already-calling", "already-calling", "called"])
        #expect(desk.puzzel.requests(to: .callout).count == 1)
    }

    @Test func aClickKilledDuringSignInDoesNotBlockTheNext() async throws {
        let desk = try Desk()
        desk.configure("duplicateWindowSeconds = 60\n")
        // Puzzel keeps the first sign-in waiting until the next click's arrives: however slow the machine,
        // the first click dies before it could call.
        desk.puzzel.holdAnswers(on: .logIn, untilWaiting: 2, atMost: 60)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: productBinary("puzzel-call"))
        process.arguments = ["tel:+4722123456"]
        process.environment = desk.environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Its claim is made before it signs in; it dies while Puzzel keeps it waiting.
        #expect(await eventually { desk.puzzel.arrivals(on: .logIn) == 1 })
        let claims = desk.cacheDirectory + "/recent-calls.json"
        #expect((try? String(contentsOfFile: claims, encoding: .utf8))?.contains("004722123456") == true)
        kill(process.processIdentifier, SIGKILL)
        await offThePool { process.waitUntilExit() }

        let next = try await desk.click()
        #expect(next.wasCalled, "\(next.message)")
        #expect(desk.puzzel.requests(to: .callout).count == 1)
    }

    @Test func noSecretInAnyOutput() async throws {
        let desk = try Desk()
        let success = await desk.runProcess(["--json", "tel:+4722123456"])
        desk.puzzel.expireAccessTokens()
        desk.puzzel.expireRefreshSessions()
        desk.environment["PUZZEL_PASSWORD"] = "not-the-password"
        let failure = await desk.runProcess(["--json", "tel:+4799999999"])
        #expect(failure.status == 77)
        let history = await desk.runProcess(["history", "--json"])
        let tokens = desk.puzzel.requests.compactMap { $0.headers["authorization"] }
        #expect(!tokens.isEmpty)
        for output in [success.output, failure.output, history.output] {
            #expect(!output.contains(FakeAccount.sandbox.password))
            #expect(!output.contains("not-the-password"))
            for token in tokens { #expect(!output.contains(token.dropFirst("Bearer ".count))) }
        }
    }
}
