import FoundationEssentials

/// Stops a web page from making the agent call without a click: a browser that lets a site open `tel:` links
/// lets the page click them itself, and a test page called 3 numbers in 3 s. At most `limit` different
/// numbers a minute are called without the agent's yes; the next different one waits for it.
///
/// What it limits: different numbers within any 60 s, counted across parallel clicks (`RecentCalls`). A
/// number that waits for a yes is never called by a later click of it: that click joins the open question.
/// What it cannot: tell a page's click from the agent's, or stop a page from calling up to `limit` numbers
/// a minute, or the same number again once the double-click window has passed.
package struct BurstGuard: Sendable {
    /// How many different numbers a minute are called without asking; 0 never asks.
    let limit: Int
    /// How long a question may stay open when its asker's life cannot be told: the click's time, and the
    /// question's own minute.
    let questionTime: TimeInterval
    /// Where the running processes are listed: `/proc`, unless a test shows what a system without it does.
    var processes = ProcessIdentity.processes

    package static let window: TimeInterval = 60

    var isOn: Bool { limit > 0 }

    /// A number that waits for the agent's yes, and the click that asks.
    struct Question: Codable, Equatable {
        let time: TimeInterval
        let asker: ProcessIdentity
    }

    /// Forgets the numbers counted more than a minute ago and the questions no click asks any more.
    func forgetOld(in recent: inout RecentCalls, at now: Date) {
        recent.numbers = recent.numbers.filter { now.timeIntervalSince1970 - $0.value < Self.window }
        recent.questions = recent.questions.filter { isOpen($0.value, at: now) }
    }

    /// Whether a question about `destination` is open: a later click of it joins that question.
    func isAsking(about destination: String, in recent: RecentCalls) -> Bool {
        recent.questions[destination] != nil
    }

    /// How many different numbers `destination` makes this minute, when it is one too many to call without a
    /// yes; nil when it may be called.
    func numbersNeedingYes(for destination: String, in recent: RecentCalls) -> Int? {
        guard isOn else { return nil }
        let others = recent.numbers.keys.filter { $0 != destination }.count
        return others < limit ? nil : others + 1
    }

    /// Counts `destination` as clicked at `now`: called, or asked about.
    func count(_ destination: String, in recent: inout RecentCalls, at now: Date) {
        guard isOn else { return }
        recent.numbers[destination] = now.timeIntervalSince1970
    }

    private func isOpen(_ question: Question, at now: Date) -> Bool {
        switch question.asker.liveness(in: processes) {
        case .running: true
        case .ended: false
        case .unknown: now.timeIntervalSince1970 - question.time < questionTime
        }
    }
}
