import FakePuzzel
import Foundation
import TestSupport
import Testing

/// A double click as the desktop makes it: two `puzzel-call` processes, the first one gone when the second
/// clicks the same number. Whatever stage the first ended at, the second is told "already calling" when
/// the first may have placed the call, and calls when the first surely did not.
@Suite(.timeLimit(.minutes(5))) struct DoubleClickTests {
    let desk: Desk

    init() throws {
        desk = try Desk()
        // However slowly a loaded machine runs the two, they fall in one window.
        desk.configure("duplicateWindowSeconds = 60\n")
    }

    /// The outcome code a `--json` click printed.
    func outcome(_ result: MeasuredProcess.Result) -> String? {
        result.output.firstMatch(of: /"outcome":"([a-z-]+)"/).map { String($0.1) }
    }

    func secondClick() async -> String? {
        outcome(await desk.runProcess(["--json", "tel:+4722123456"]))
    }

    @Test func afterAnAnsweredCallTheSecondIsAlreadyCalling() async {
        let first = await desk.runProcess(["--json", "tel:+4722123456"])
        #expect(outcome(first) == "called")
        #expect(await secondClick() == "already-calling")
        #expect(desk.puzzel.requests(to: .callout).count == 1)
    }

    @Test func afterACallThatMayHaveBeenPlacedTheSecondIsAlreadyCalling() async {
        // Puzzel reads the callout and the connection drops: it may have placed the call.
        desk.puzzel.inject(.dropAfterReading, on: .callout)
        let first = await desk.runProcess(["--json", "tel:+4722123456"])
        #expect(outcome(first) == "call-may-have-been-placed")
        #expect(await secondClick() == "already-calling")
        #expect(desk.puzzel.requests(to: .callout).count == 1)
    }

    @Test func afterAClickKilledWhileItsCalloutWasOnItsWayTheSecondIsAlreadyCalling() async throws {
        // Puzzel keeps the first callout waiting until a second arrives: the first click dies while it waits.
        desk.puzzel.holdAnswers(on: .callout, untilWaiting: 2, atMost: 60)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: productBinary("puzzel-call"))
        process.arguments = ["tel:+4722123456"]
        process.environment = desk.environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        #expect(await eventually { desk.puzzel.arrivals(on: .callout) == 1 })
        kill(process.processIdentifier, SIGKILL)
        await offThePool { process.waitUntilExit() }

        #expect(await secondClick() == "already-calling")
        #expect(desk.puzzel.arrivals(on: .callout) == 1)
    }

    @Test func afterAFailureBeforeSendingTheSecondCalls() async {
        desk.puzzel.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "Busy")
        let first = await desk.runProcess(["--json", "tel:+4722123456"])
        #expect(outcome(first) == "agent-not-available")
        desk.puzzel.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "Available")
        #expect(await secondClick() == "called", "nothing reached Puzzel: the claim was given back")
        #expect(desk.puzzel.requests(to: .callout).count == 1)
    }
}
