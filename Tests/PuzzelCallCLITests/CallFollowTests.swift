import CallFlow
import FakePuzzel
import Foundation
import Synchronization
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
