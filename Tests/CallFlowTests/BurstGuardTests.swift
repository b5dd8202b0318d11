import Foundation
import PhoneNumbers
import Synchronization
import Testing

@testable import CallFlow

/// A page allowed to open `tel:` links can click them on its own: at most `burstLimit` different numbers a
/// minute are called without the agent's yes. The clock is the test's.
@Suite(.timeLimit(.minutes(5))) struct BurstGuardTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// The numbers the agent was asked about, with the count each question said.
    final class Questions: Sendable {
        let asked = Mutex<[String]>([])
        let counts = Mutex<[Int]>([])
        let answer: Bool
        init(answer: Bool) { self.answer = answer }

        var confirm: Click.Confirmation {
            { [self] number, numbers in
                asked.withLock { $0.append(number.e164) }
                counts.withLock { $0.append(numbers) }
                return answer
            }
        }
        var all: [String] { asked.withLock { $0 } }
        var numbersSaid: [Int] { counts.withLock { $0 } }
    }

    func desk(_ settings: String = "burstLimit = 3\n") throws -> Desk {
        let desk = try Desk()
        desk.configure(settings)
        return desk
    }

    @Test func threeNumbersAMinuteByDefault() {
        #expect(Configuration().burstLimit == 3)
    }

    @Test func aPageFiringANewNumberEveryFiveSecondsForAMinuteGetsThreeCalls() async throws {
        let desk = try desk()
        let no = Questions(answer: false)
        var called = 0
        for step in 0...12 {
            let report = try await desk.click(
                "tel:+47900000\(10 + step)", now: start + Double(step) * 5, confirm: no.confirm)
            if report.wasCalled { called += 1 }
        }
        #expect(called == 3)
        #expect(desk.puzzel.requests(to: .callout).count == 3)
        // Each question says how many different numbers were clicked within the minute, this one included.
        #expect(no.numbersSaid == (3...12).map { min($0, 11) + 1 })
    }

    @Test func theFourthDifferentNumberWaitsForTheAgentsYes() async throws {
        let desk = try desk()
        let no = Questions(answer: false), yes = Questions(answer: true)
        for (offset, number) in ["+4722123456", "+4799999999", "+4766666666"].enumerated() {
            #expect(try await desk.click("tel:" + number, now: start + Double(offset) * 10).wasCalled)
        }
        let refused = try await desk.click("tel:+4788888888", now: start + 30, confirm: no.confirm)
        #expect(refused.failure?.kind == .burstNotConfirmed)
        #expect(refused.failure?.exitStatus == .refused)
        #expect(refused.closesQuietly, "an unconfirmed question closes without a notice of its own")
        #expect(no.all == ["+4788888888"])
        #expect(desk.puzzel.requests(to: .callout).count == 3, "nothing is sent without the agent's yes")

        #expect(try await desk.click("tel:+4788888888", now: start + 40, confirm: yes.confirm).wasCalled)
        #expect(yes.all == ["+4788888888"])
        // A minute after the first three, one more number is no burst.
        #expect(try await desk.click("tel:+4777777777", now: start + 101, confirm: no.confirm).wasCalled)
        #expect(no.all == ["+4788888888"], "not asked again")
    }

    @Test func aLaterClickOfANumberWithAnOpenQuestionJoinsItAndCallsNothing() async throws {
        let desk = try desk("burstLimit = 1\n")
        #expect(try await desk.click("tel:+4722123456", now: start).wasCalled)
        let joined = Mutex<Click.Report?>(nil)
        // While the agent is asked about the number, the page fires it again, 50 s later.
        let asking: Click.Confirmation = { [start] _, _ in
            let later = try? await desk.click("tel:+4799999999", now: start + 50) { _, _ in
                Issue.record("the later click asked again")
                return true
            }
            joined.withLock { $0 = later }
            return false
        }
        let refused = try await desk.click("tel:+4799999999", now: start + 1, confirm: asking)
        #expect(refused.failure?.kind == .burstNotConfirmed)
        let later = try #require(joined.withLock { $0 })
        #expect(later.outcomeCode == "already-asking")
        #expect(later.closesQuietly, "it shows nothing new")
        #expect(desk.puzzel.requests(to: .callout).count == 1, "never called without the yes")

        // The question closed unanswered: the next click of the number asks anew.
        let again = Questions(answer: false)
        #expect(try await desk.click("tel:+4799999999", now: start + 55, confirm: again.confirm).failure != nil)
        #expect(again.all == ["+4799999999"])
        #expect(desk.puzzel.requests(to: .callout).count == 1)
    }

    @Test func theSameNumberAgainIsNoNewNumber() async throws {
        let desk = try desk("burstLimit = 1\nduplicateWindowSeconds = 0\n")
        let no = Questions(answer: false)
        #expect(try await desk.click("tel:+4722123456", now: start, confirm: no.confirm).wasCalled)
        #expect(try await desk.click("tel:+4722123456", now: start + 1, confirm: no.confirm).wasCalled)
        #expect(try await desk.click("tel:+4799999999", now: start + 2, confirm: no.confirm).failure != nil)
        #expect(no.all == ["+4799999999"])
    }

    @Test func withoutARecordTheGuardRefusesAsTheDoubleClickGuardDoes() async throws {
        let desk = try desk("burstLimit = 3\nduplicateWindowSeconds = 0\n")
        // A folder where the record should be, and no runtime folder: no record can be kept.
        try FileManager.default.createDirectory(
            atPath: desk.cacheDirectory + "/recent-calls.json", withIntermediateDirectories: true)
        desk.environment["XDG_RUNTIME_DIR"] = nil
        let report = try await desk.click(now: start)
        #expect(report.failure?.kind == .noRecordFolder)
        #expect(desk.puzzel.requests(to: .callout).isEmpty)
        #expect(try await desk.click(force: true, now: start).wasCalled, "--force aside")
    }

    @Test func zeroNeverAsksAndForceDoesNotAsk() async throws {
        let desk = try desk("burstLimit = 0\n")
        let no = Questions(answer: false)
        for (offset, number) in ["+4722123456", "+4799999999", "+4788888888", "+4777777777"].enumerated() {
            #expect(try await desk.click("tel:" + number, now: start + Double(offset), confirm: no.confirm).wasCalled)
        }
        desk.configure("burstLimit = 1\n")
        #expect(try await desk.click("tel:+4766666666", force: true, now: start + 5, confirm: no.confirm).wasCalled)
        #expect(no.all.isEmpty)
    }

    @Test(arguments: ["-1", "two", "101", "2.5"])
    func aLimitThatIsNoCountIsRefused(value: String) throws {
        let desk = try Desk()
        desk.configure("burstLimit = \(value)\n")
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader(environment: desk.environment).load() }
    }
}
