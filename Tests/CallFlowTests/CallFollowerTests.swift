import FakePuzzel
import Foundation
import Synchronization
import Testing

@testable import CallFlow

/// A clock that moves only when the follow sleeps: the follow's bounds are checked on it, not on the machine.
final class SteppingClock: Sendable {
    private let current = Mutex(Date())
    var now: Date { current.withLock { $0 } }

    func sleep(_ duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        current.withLock { $0.addTimeInterval(seconds) }
    }
}

/// What a test saw, in order.
final class Recorded<Element: Sendable>: Sendable {
    private let list = Mutex<[Element]>([])
    func append(_ element: Element) { list.withLock { $0.append(element) } }
    var all: [Element] { list.withLock { $0 } }
}

/// After a click, the agent sees their phone ring, the call, and its end, from Puzzel's own state reads.
@Suite(.timeLimit(.minutes(5))) struct CallFollowerTests {
    let desk: Desk
    let clock = SteppingClock()
    /// When each state read was made, on the follow's clock.
    let reads = Recorded<Date>()

    init() throws { desk = try Desk() }

    /// Clicks, then follows the call as the desktop does, reading the state from the fake Puzzel.
    func clickAndFollow(followSeconds: TimeInterval? = nil) async throws -> (stages: [CallStage], CallProgress) {
        #expect(try await desk.click().outcomeCode == "called")
        let configuration = try ConfigurationLoader(environment: desk.environment).load()
        let context = Context(
            environment: desk.environment, keyring: desk.keyring, secrets: desk.secrets, warn: { _ in },
            now: { [clock] in clock.now })
        let fromPuzzel = CallFollower(configuration: configuration, context: context)
        let read: CallFollower.Read = { [clock, reads] () async throws(CallFailure) in
            reads.append(clock.now)
            return try await fromPuzzel.read()
        }
        var follower = CallFollower(read: read, now: { [clock] in clock.now }, sleep: { [clock] in clock.sleep($0) })
        follower.followSeconds = followSeconds ?? configuration.followSeconds
        let stages = Mutex<[CallStage]>([])
        let progress = await follower.follow { stage in stages.withLock { $0.append(stage) } }
        return (stages.withLock { $0 }, progress)
    }

    var stateReads: Int { desk.puzzel.requests(to: .agentState).count }

    func expectReadsTwoSecondsApart() {
        let times = reads.all
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(later.timeIntervalSince(earlier) >= 2, "at most one request every 2 s")
        }
    }

    @Test func ringingThenInTheCallThenEndedInOrderAndThenStops() async throws {
        desk.puzzel.statusTimeline = [.available, .available, .busy, .busy, .busy, .wrapUp, .available]
        let before = 1  // the click's own check before the callout
        let (stages, progress) = try await clickAndFollow()
        #expect(stages == [.ringing, .connected, .ended])
        #expect(progress == .ended)
        #expect(stateReads - before == 6, "stops at the end of the call")
        expectReadsTwoSecondsApart()
    }

    @Test func theHistoryEntryKeepsTheCallsLastStage() async throws {
        desk.puzzel.statusTimeline = [.available, .busy, .wrapUp]
        let (_, progress) = try await clickAndFollow()
        let history = CallHistory(directory: desk.environment["XDG_STATE_HOME"]! + "/puzzel-call")
        let called = try #require(history.last(1).first)
        #expect(called.callProgress == nil, "not followed yet")
        try history.record(progress, ofCallTo: try #require(called.destination))
        try history.record(.unknown, ofCallTo: "0046812345678")
        let entries = history.last(5)
        #expect(entries.map(\.callProgress) == [.ended], "one entry, with its progress; a stray progress joins none")
        let line = try String(contentsOfFile: history.file, encoding: .utf8)
        #expect(line.contains("\"callProgress\":\"ended\""))
    }

    @Test func anUnansweredPhoneStopsTheFollowAndSaysWhenPuzzelLoggedTheAgentOff() async throws {
        desk.puzzel.statusTimeline = [
            .available, FakeAgentState(contactCentreStatus: "LoggedOff", userStatus: "NoAnswer"),
        ]
        let (stages, progress) = try await clickAndFollow()
        #expect(stages == [.ringing, .notAnswered(loggedOff: true)])
        #expect(progress == .notAnswered)
    }

    @Test func aStatusNotInTheTableIsShownAsPuzzelNamesIt() async throws {
        desk.puzzel.statusTimeline = [
            .available, FakeAgentState(contactCentreStatus: "LoggedOn", userStatus: "System"),
        ]
        let (stages, progress) = try await clickAndFollow(followSeconds: 10)
        #expect(stages == [.ringing, .puzzelSays("System")])
        #expect(progress == .unknown)
    }

    @Test func aPhoneNobodyAnswersIsFollowedForFollowSecondsOnly() async throws {
        let start = clock.now
        let (stages, progress) = try await clickAndFollow(followSeconds: 20)
        #expect(stages == [.ringing])
        #expect(progress == .ringing)
        #expect(stateReads - 1 == 10, "a read every 2 s for 20 s")
        #expect(reads.all.last!.timeIntervalSince(start) <= 20)
        expectReadsTwoSecondsApart()
    }

    @Test func aLongCallIsReadThirtyTimesAtMost() async throws {
        desk.puzzel.statusTimeline = [.busy]
        let (stages, progress) = try await clickAndFollow()
        #expect(stages == [.connected])
        #expect(progress == .connected)
        #expect(stateReads - 1 == 30)
        expectReadsTwoSecondsApart()
    }
}
