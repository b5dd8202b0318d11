import Desktop
import FakePuzzel
import Foundation
import Localization
import TestSupport
import Testing

@testable import PuzzelCallCLI

/// Every notification a click can show keeps the important in sight: only a call that may have been placed is
/// critical; the body adds to the summary and starts as a sentence; no notification names a command.
extension DesktopOutcomeTests {
    /// One way a click can end, and what it needs to end so.
    struct Ending: Sendable, CustomStringConvertible {
        let description: String
        var link = "tel:+4722123456"
        var config = ""
        var environment: [String: String?] = [:]
        /// Runs before the click, on the fake Puzzel.
        var prepare: @Sendable (FakePuzzelServer) -> Void = { _ in }
        /// Clicks before the one shown, with the same runner.
        var before: [String] = []
    }

    static let endings: [Ending] = [
        Ending(description: "called"),
        Ending(description: "already calling", config: "duplicateWindowSeconds = 60\n", before: ["tel:+4722123456"]),
        Ending(description: "busy") { $0.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "Busy") },
        Ending(description: "in a status of Puzzel's own") {
            $0.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "Ringing")
        },
        Ending(description: "paused") {
            $0.setAgentState(contactCentreStatus: "Pause", userStatus: "Pause", pauseTypeId: "3", pauseName: "Lunch")
        },
        Ending(description: "logged off") {
            $0.setAgentState(contactCentreStatus: "LoggedOff", userStatus: "LoggedOff")
        },
        Ending(
            description: "may have been placed", prepare: { $0.inject(.dropAfterReading, on: .callout) },
            before: ["tel:+4799999999"]),
        Ending(description: "Puzzel failing") { $0.inject(.respond(status: 503, body: ""), on: .logIn) },
        Ending(description: "callout refused") { $0.calloutResult = (17, "Queue closed") },
        Ending(
            description: "password rejected", config: "password = wrong\n", environment: ["PUZZEL_PASSWORD": nil],
            before: ["tel:+4799999999"]),
        Ending(description: "no customer key", environment: ["PUZZEL_CUSTOMER_KEY": nil]),
        Ending(description: "rejected password from the environment", environment: ["PUZZEL_PASSWORD": "wrong"]),
        Ending(
            description: "a third number within 10 s", config: "burstLimit = 2\n",
            before: ["tel:+4711111111", "tel:+4733333333"]),
        Ending(description: "a broken config file", config: "country = Narnia\n"),
        Ending(description: "emergency number", link: "tel:112"),
        Ending(description: "placeholder", link: "tel:+4477362XXXX"),
        Ending(description: "Skype name", link: "callto:123alice"),
        Ending(description: "short number", link: "tel:1813", environment: ["PUZZEL_COUNTRY": "NO"]),
        Ending(description: "not a phone link", link: "sip:alice@example.com"),
        Ending(description: "no number", link: "tel:"),
        Ending(description: "too short", link: "tel:+47 1"),
        Ending(description: "unknown country code", link: "tel:+999 123 456 789"),
        Ending(description: "garbled", link: "tel:%2B47%FF22123456"),
        Ending(description: "premium rate", link: "tel:+44 909 876 5432"),
    ]

    /// A hundred clicks and more in all: one language at a time, so the clicks of the tests running meanwhile
    /// keep their share of the machine.
    @Test(.serialized, arguments: Language.allCases)
    func everyNotificationKeepsTheImportantInSight(_ language: Language) async {
        var seen: [Notice] = []
        for ending in Self.endings {
            var runner = CommandRunner()
            runner.talk(to: puzzel, as: puzzel.account)
            runner.fromDesktop = true
            runner.environment["LANG"] = language.rawValue + ".UTF-8"
            for (key, value) in ending.environment { runner.environment[key] = value }
            runner.folder.write(ending.config, to: "config/puzzel-call/config", mode: 0o600)
            // “Progress” shows: the half second is over at once.
            runner.pause = { _ in }
            for link in ending.before { _ = await runner.run(link) }
            ending.prepare(puzzel)
            _ = await runner.run(ending.link)
            seen += runner.notices.all
            puzzel.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "Available")
            puzzel.calloutResult = (0, nil)
        }
        #expect(seen.count >= Self.endings.count)
        let mayHaveBeenPlaced = ClickText.mayHaveBeenPlaced.text(in: language)
        #expect(seen.contains { $0.summary == mayHaveBeenPlaced })
        #expect(seen.contains { $0.summary.hasSuffix("…") }, "the progress is among them")
        for notice in seen {
            #expect(
                (notice.urgency == .critical) == (notice.summary == mayHaveBeenPlaced),
                "only a call that may have been placed is critical: \(notice.summary)")
            #expect(!notice.body.contains(notice.summary), "the body repeats the summary: \(notice.summary)")
            if let first = notice.body.first, first.isLetter, !notice.body.prefix(while: { $0 != " " }).contains(":") {
                #expect(first.isUppercase, "the body starts as a sentence: \(notice.body)")
            }
            for text in [notice.summary, notice.body] + notice.actions.map(\.label) {
                #expect(!text.contains("`"), "\(text)")
                #expect(!text.contains(" --"), "no option: \(text)")
                for command in PuzzelCall.commands.map({ $0.spec.name }) {
                    #expect(!text.contains("puzzel-call \(command)"), "no command: \(text)")
                }
            }
        }
    }
}
