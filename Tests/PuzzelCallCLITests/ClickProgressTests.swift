import Desktop
import FakePuzzel
import Foundation
import TestSupport
import Testing

@testable import PuzzelCallCLI

/// A click whose outcome is slow in coming shows “Calling…” at once, and the outcome takes its place.
extension DesktopOutcomeTests {
    @Test func aSlowPuzzelShowsCallingAtOnceAndTheOutcomeTakesItsPlace() async {
        puzzel.holdAnswers(on: .agentState)
        var runner = runner
        // The half second is over as soon as the click waits for it.
        runner.pause = { _ in }
        let slow = runner
        async let click = slow.run("tel:+47 22 12 34 56")
        #expect(await eventually { !slow.notices.all.isEmpty && puzzel.arrivals(on: .agentState) == 1 })
        #expect(slow.notices.all.map(\.summary) == ["Calling +47 22 12 34 56…"])
        #expect(slow.notices.all.first?.body == "A fixed line number in Norway.", "never the summary again")
        puzzel.releaseAnswers(on: .agentState)
        #expect(await click.status == 0)
        let notices = slow.notices.all
        #expect(notices.map(\.summary) == ["Calling +47 22 12 34 56…", "Calling +47 22 12 34 56"])
        #expect(notices.map(\.subject) == ["+4722123456", "+4722123456"], "the outcome replaces it in place")
        #expect(callouts == 1)
    }

    @Test func aRefusalAfterTheWaitReplacesCallingToo() async {
        puzzel.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "Busy")
        puzzel.holdAnswers(on: .agentState)
        var runner = runner
        runner.pause = { _ in }
        runner.environment["LANG"] = "sv_SE.UTF-8"
        let slow = runner
        async let click = slow.run("tel:+4722123456")
        #expect(await eventually { !slow.notices.all.isEmpty })
        puzzel.releaseAnswers(on: .agentState)
        #expect(await click.status == 69)
        let notices = slow.notices.all
        #expect(notices.count == 2)
        #expect(notices.first?.summary.hasSuffix("+47 22 12 34 56…") == true)
        #expect(notices.last?.summary.hasSuffix("+47 22 12 34 56") == true)
        #expect(notices.first?.subject == notices.last?.subject)
    }

    @Test func aQuickOutcomeIsTheOnlyNotification() async {
        // The half second never passes before the outcome: the runner's pause ends only when cancelled.
        #expect(await runner.run("tel:+4722123456").status == 0)
        #expect(runner.notices.all.map(\.summary) == ["Calling +47 22 12 34 56"])
    }
}
