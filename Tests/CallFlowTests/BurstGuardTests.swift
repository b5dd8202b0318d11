import Foundation
import PhoneNumbers
import Synchronization
import Testing

@testable import CallFlow

/// A page allowed to open `tel:` links can click them on its own: a third different number within 10 s
/// waits for the agent's yes. The clock is the test's.
@Suite(.timeLimit(.minutes(5))) struct BurstGuardTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// The numbers the agent was asked about.
    final class Questions: Sendable {
        let asked = Mutex<[String]>([])
        let answer: Bool
        init(answer: Bool) { self.answer = answer }

        var confirm: Click.Confirmation {
            { [self] number in
                asked.withLock { $0.append(number.e164) }
                return answer
            }
        }
        var all: [String] { asked.withLock { $0 } }
    }

    @Test func theThirdDifferentNumberWithinTenSecondsWaitsForTheAgent() async throws {
        let desk = try Desk()
        desk.configure("burstLimit = 2\n")
        let no = Questions(answer: false), yes = Questions(answer: true)
        #expect(try await desk.click("tel:+4722123456", now: start, confirm: no.confirm).wasCalled)
        #expect(try await desk.click("tel:+4799999999", now: start + 1, confirm: no.confirm).wasCalled)
        let refused = try await desk.click("tel:+4788888888", now: start + 2, confirm: no.confirm)
        #expect(refused.failure?.code == "burst-not-confirmed")
        #expect(refused.failure?.exitStatus == .refused)
        #expect(no.all == ["+4788888888"])
        #expect(desk.puzzel.requests(to: .callout).count == 2, "nothing is sent without the agent's yes")

        #expect(try await desk.click("tel:+4788888888", now: start + 3, confirm: yes.confirm).wasCalled)
        #expect(yes.all == ["+4788888888"])
        // Ten seconds after the first two, one number within the window is no burst.
        #expect(try await desk.click("tel:+4777777777", now: start + 11.5, confirm: no.confirm).wasCalled)
        #expect(no.all == ["+4788888888"], "not asked again")
    }

    @Test func theSameNumberAgainIsNoNewNumber() async throws {
        let desk = try Desk()
        desk.configure("burstLimit = 1\nduplicateWindowSeconds = 0\n")
        let no = Questions(answer: false)
        #expect(try await desk.click("tel:+4722123456", now: start, confirm: no.confirm).wasCalled)
        #expect(try await desk.click("tel:+4722123456", now: start + 1, confirm: no.confirm).wasCalled)
        #expect(try await desk.click("tel:+4799999999", now: start + 2, confirm: no.confirm).failure != nil)
        #expect(no.all == ["+4799999999"])
    }

    @Test func zeroNeverAsksAndForceDoesNotAsk() async throws {
        let desk = try Desk()
        desk.configure("burstLimit = 0\n")
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
