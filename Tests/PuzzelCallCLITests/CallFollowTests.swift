import CallFlow
import FakePuzzel
import Foundation
import Synchronization
import SystemSupport
import TestSupport
import Testing

@testable import PuzzelCallCLI

/// `--follow`: after the callout, the agent's phone rings, the call, its end, each told in turn.
@Suite(.timeLimit(.minutes(5))) struct CallFollowTests {
    let puzzel: FakePuzzelServer
    var runner = CommandRunner()
    /// Every wait of the follow, which ends at once.
    let waits = Notices.Waits()

    init() throws {
        puzzel = try FakePuzzelServer()
        runner.talk(to: puzzel, as: puzzel.account)
        // A clock that stands still: each wait is the whole 2 s.
        runner.now = Date()
        runner.pause = { [waits] duration in waits.append(duration) }
        puzzel.statusTimeline = [.available, .available, .busy, .busy, .wrapUp]
    }

    var history: [HistoryEntry] {
        CallHistory(directory: runner.environment["XDG_STATE_HOME"]! + "/puzzel-call").last(10)
    }

    @Test func fromTheDesktopTheClicksOwnNotificationShowsRingingThenTheCallThenItsEnd() async {
        var runner = runner
        runner.fromDesktop = true
        #expect(await runner.run("--follow", "tel:+47 22 12 34 56").status == 0)
        let notices = runner.notices.all
        #expect(
            notices.map(\.summary).suffix(4) == [
                "Calling +47 22 12 34 56", "Your phone is ringing: answer it to call +47 22 12 34 56",
                "In the call with +47 22 12 34 56", "The call with +47 22 12 34 56 has ended",
            ])
        #expect(Set(notices.map(\.subject)) == ["+4722123456"], "one notification, replaced in place")
        #expect(puzzel.requests(to: .agentState).count == 1 + 5, "the click's check, then one read a state")
        #expect(waits.all.filter { $0 >= .seconds(2) }.count == 5, "2 s before each read")
        #expect(history.map(\.callProgress) == [.ended])
    }

    @Test func atATerminalEachStageIsALineOrAJSONObject() async {
        let lines = await runner.run("call", "--follow", "tel:+4722123456").stdoutLines
        #expect(
            lines == [
                "Your phone is ringing: answer it to call +47 22 12 34 56", "In the call with +47 22 12 34 56",
                "The call with +47 22 12 34 56 has ended",
            ])
        puzzel.agentState = .available  // the agent is through with the wrap-up the last call left
        let result = await runner.run("--follow", "--json", "tel:+4722123457")
        #expect(result.stdoutLines.first?.contains(#""outcome":"called""#) == true, "the click's object first")
        let objects = result.stdoutLines.dropFirst()
        #expect(
            Array(objects) == [
                #"{"callProgress":"ringing"}"#, #"{"callProgress":"connected"}"#, #"{"callProgress":"ended"}"#,
            ])
    }

    @Test func anUnansweredPhoneSaysPuzzelLoggedTheAgentOffInTheirLanguage() async {
        puzzel.statusTimeline = [FakeAgentState(contactCentreStatus: "LoggedOff", userStatus: "NoAnswer")]
        var runner = runner
        runner.fromDesktop = true
        runner.environment["LANG"] = "nb_NO.UTF-8"
        #expect(await runner.run("--follow", "tel:+4722123456").status == 0)
        let last = runner.notices.all.last
        #expect(last?.summary == "Du svarte ikke på telefonen, så +47 22 12 34 56 ble ikke ringt")
        #expect(last?.body.hasPrefix("Puzzel logget deg av") == true)
        #expect(history.map(\.callProgress) == [.notAnswered])
    }

    @Test func aClickFromTheDesktopStartsTheFollowAndEndsAndTheFollowTellsEachStageInItsNotification() async {
        var runner = runner
        runner.fromDesktop = true
        runner.folder.write("followCall = true\n", to: "config/puzzel-call/config", mode: 0o600)
        #expect(await runner.run("tel:+47 22 12 34 56").status == 0)
        #expect(runner.follows.all == ["+4722123456"], "started, the number on its standard input")
        #expect(puzzel.requests(to: .agentState).count == 1, "the click itself reads nothing more")
        #expect(runner.notices.all.map(\.summary).last == "Calling +47 22 12 34 56")
        // What the started process does, with exactly the arguments it is given:
        var started = runner
        started.fromDesktop = false
        #expect(await started.run(CallFollow.detachedArguments, stdin: ["+4722123456"]).status == 0)
        #expect(
            runner.notices.all.map(\.summary).suffix(3) == [
                "Your phone is ringing: answer it to call +47 22 12 34 56", "In the call with +47 22 12 34 56",
                "The call with +47 22 12 34 56 has ended",
            ])
        #expect(Set(runner.notices.all.map(\.subject)) == ["+4722123456"], "one notification, replaced in place")
        #expect(history.map(\.callProgress) == [.ended])
    }

    @Test func followCallFalseAFailedClickOrATerminalStartsNoFollow() async {
        puzzel.statusTimeline = []
        var runner = runner
        runner.fromDesktop = true
        #expect(await runner.run("tel:+4722123456").status == 0, "followCall = false in the tests' system config")
        runner.folder.write("followCall = true\n", to: "config/puzzel-call/config", mode: 0o600)
        puzzel.agentState = .busy
        #expect(await runner.run("tel:+4722123457").status != 0)
        puzzel.agentState = .available
        runner.fromDesktop = false
        #expect(await runner.run("tel:+4722123458").status == 0)
        #expect(runner.follows.all.isEmpty)
    }

    @Test func theProgramTheDesktopStartsExitsWithTheOutcomeAndItsFollowRecordsTheEnd() async throws {
        puzzel.statusTimeline = [.busy, .wrapUp]
        // The click reads no state of its own; every read is the follow's, held until the click has exited.
        runner.folder.write("followCall = true\ncheckStatus = false\n", to: "config/puzzel-call/config", mode: 0o600)
        puzzel.holdAnswers(on: .agentState, atMost: 60)
        let click = await offThePool { [runner] in
            try? Subprocess.run(
                productBinary("puzzel-call"), ["--from-desktop", "tel:+4722123456"], environment: runner.environment,
                timeout: .seconds(120))
        }
        #expect(click?.termination == .exited(0), "exits with the callout's outcome, the follow still reading")
        #expect(history.map(\.callProgress) == [nil])
        #expect(await eventually { puzzel.arrivals(on: .agentState) == 1 }, "the follow reads, in a process of its own")
        puzzel.releaseAnswers(on: .agentState)
        var ended = false
        for _ in 0..<6 where !ended { ended = await eventually { history.map(\.callProgress) == [.ended] } }
        #expect(ended, "the follow saw the call end, and recorded it")
        #expect(puzzel.requests(to: .agentState).count == 2)
    }

    @Test func withoutFollowNothingIsRead() async {
        #expect(await runner.run("tel:+4722123456").status == 0)
        #expect(puzzel.requests(to: .agentState).count == 1)
        #expect(history.map(\.callProgress) == [nil])
    }
}

extension Notices {
    /// The waits a command made, in order.
    final class Waits: Sendable {
        private let list = Mutex<[Duration]>([])
        func append(_ duration: Duration) { list.withLock { $0.append(duration) } }
        var all: [Duration] { list.withLock { $0 } }
    }
}
