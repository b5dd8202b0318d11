import FoundationEssentials
import SystemSupport

/// What the guards remember of the last minute's clicks: one file under one lock (`Record.recentCalls`), so
/// a click counts its number and claims it in one step, seeing every parallel click's.
struct RecentCalls: Codable, Equatable {
    /// The double-click guard's claims, by destination.
    var claims: [String: DuplicateGuard.Entry] = [:]
    /// When each different number was last clicked (called or asked about), for the burst guard.
    var numbers: [String: TimeInterval] = [:]
    /// The numbers that wait for the agent's yes.
    var questions: [String: BurstGuard.Question] = [:]

    /// Both folders' records as one: of two entries for one destination, the later.
    mutating func merge(_ other: RecentCalls) {
        claims.merge(other.claims) { $0.time >= $1.time ? $0 : $1 }
        numbers.merge(other.numbers, uniquingKeysWith: max)
        questions.merge(other.questions) { $0.time >= $1.time ? $0 : $1 }
    }
}

/// The guards a click passes before anything is sent — no double call, no burst of numbers a page clicked —
/// decided together on `RecentCalls`: one lock, one read, one write. Without that record the click is
/// refused (`--force` aside): both guards fail closed.
struct ClickGuards: Sendable {
    let folders: RecordFolders
    let duplicates: DuplicateGuard
    let burst: BurstGuard

    /// Why a click may not claim its number.
    enum Refusal: Error, Equatable {
        /// The same number was claimed this long ago, by a click that may have called it.
        case alreadyCalling(secondsAgo: TimeInterval)
        /// The agent is being asked about this number: their answer to that question decides.
        case alreadyAsking
        /// One different number too many this minute: the agent must say yes. `numbers` counts this one.
        case askFirst(numbers: Int)
        /// No record could be read or kept.
        case unrecorded(RecordFailure)
    }

    /// Claims `destination` for this click, or says why not. A number one too many is counted and its
    /// question recorded as open, so later clicks of it join the question instead of calling.
    /// - Parameter force: `--force` or “Call anyway”: neither guard stops the click, but the claim is recorded.
    /// - Parameter confirmed: the agent said yes to this number's question.
    func claim(_ destination: String, at now: Date, deadline: Date, force: Bool, confirmed: Bool = false)
        async throws(Refusal) -> CalloutClaim
    {
        guard duplicates.isOn || burst.isOn else { return CalloutClaim(unrecorded: destination) }
        let outcome = await update(until: deadline) { (recent: inout RecentCalls) -> (Refusal?, save: Bool) in
            burst.forgetOld(in: &recent, at: now)
            if !force, let secondsAgo = duplicates.blockingClaim(on: destination, in: recent, at: now) {
                return (.alreadyCalling(secondsAgo: secondsAgo), save: false)
            }
            if !force && !confirmed {
                if burst.isAsking(about: destination, in: recent) { return (.alreadyAsking, save: false) }
                if let numbers = burst.numbersNeedingYes(for: destination, in: recent) {
                    burst.count(destination, in: &recent, at: now)
                    recent.questions[destination] = BurstGuard.Question(
                        time: now.timeIntervalSince1970, asker: .current)
                    return (.askFirst(numbers: numbers), save: true)
                }
            }
            recent.questions[destination] = nil
            burst.count(destination, in: &recent, at: now)
            duplicates.claim(destination, in: &recent, at: now)
            return (nil, save: true)
        }
        switch outcome {
        case .success(nil): return CalloutClaim(destination, guards: self)
        case .success(let refusal?): throw refusal
        case .failure(let failure): throw .unrecorded(failure)
        }
    }

    /// Closes this click's question about `destination`, unanswered or answered no: a later click asks anew.
    func closeQuestion(on destination: String, deadline: Date) async {
        _ = await update(until: deadline) { recent in
            ((), save: recent.questions.removeValue(forKey: destination) != nil)
        }
    }

    /// Moves the claim on `destination` to `stage`, or gives it back (nil).
    fileprivate func mark(_ destination: String, _ stage: DuplicateGuard.Stage?, deadline: Date) async
        -> RecordFailure?
    {
        guard duplicates.isOn else { return nil }
        let outcome = await update(until: deadline) { recent in
            if let stage { recent.claims[destination]?.stage = stage } else { recent.claims[destination] = nil }
            return ((), save: true)
        }
        if case .failure(let failure) = outcome { return failure }
        return nil
    }

    private func update<Outcome>(until deadline: Date, _ change: (inout RecentCalls) -> (Outcome, save: Bool))
        async -> Result<Outcome, RecordFailure>
    {
        await folders.update(.recentCalls, until: deadline, empty: RecentCalls(), merging: { $0.merge($1) }, change)
    }
}

/// A click's hold on its number, from its claim until the callout went out (kept: a second click must not
/// ring twice) or surely did not (released). It cannot be copied and each step consumes it, so one owner
/// marks it sent once, and `Caller` can send a callout only with the `SentClaim` that marking returns.
struct CalloutClaim: ~Copyable {
    let destination: String
    /// Where the claim is recorded; nil when no record is kept (the guards are off, or the agent forced the call
    /// without one).
    private let guards: ClickGuards?

    fileprivate init(_ destination: String, guards: ClickGuards) {
        self.destination = destination
        self.guards = guards
    }

    /// A claim that nothing records.
    init(unrecorded destination: String) {
        self.destination = destination
        guards = nil
    }

    /// Records that the callout goes out now: from here the claim holds for the whole window, even if this
    /// click dies. When that cannot be recorded, the callout must not go out.
    consuming func markSent(deadline: Date) async throws(RecordFailure) -> SentClaim {
        if let failure = await guards?.mark(destination, .sent, deadline: deadline) { throw failure }
        return SentClaim(destination: destination, guards: guards)
    }

    /// Gives the claim back after a failure before anything was sent: a new click may try again.
    consuming func release(deadline: Date) async {
        _ = await guards?.mark(destination, nil, deadline: deadline)
    }
}

/// A claim whose callout went out, or may have: kept for the window unless Puzzel surely did not act on it.
struct SentClaim: ~Copyable {
    let destination: String
    fileprivate let guards: ClickGuards?

    /// Gives the claim back after a failure that surely did not reach Puzzel (it refused, or the connection
    /// was never made).
    consuming func release(deadline: Date) async {
        _ = await guards?.mark(destination, nil, deadline: deadline)
    }
}
