import Desktop
import FoundationEssentials
import PuzzelAPI

/// What a call came to, when it did not fail.
package enum CallResult: Sendable, Equatable {
    case called(CalloutReceipt)
    /// The same number was clicked this many seconds ago: not called again.
    case alreadyCalling(secondsAgo: TimeInterval)
}

/// Orders one callout: a session, the agent's state, then the callout, with the fewest requests possible —
/// two on the warm path (state, then the callout on a connection of its own).
package struct Caller: Sendable {
    let configuration: Configuration
    let sessions: SessionProvider
    let duplicates: DuplicateGuard
    let now: @Sendable () -> Date

    package init(configuration: Configuration, context: Context) {
        self.configuration = configuration
        sessions = SessionProvider(configuration: configuration, context: context)
        duplicates = DuplicateGuard(
            folders: sessions.records, window: configuration.duplicateWindowSeconds,
            clickTime: configuration.timeoutSeconds)
        now = context.now
    }

    /// - Parameter force: call even when the agent is busy or the number was just clicked.
    /// - Parameter deadline: when `timeoutSeconds` are up; every step gets what is left.
    package func call(destination: String, force: Bool, deadline: Date) async throws(CallFailure) -> CallResult {
        switch await duplicates.claim(destination, at: now(), deadline: deadline, force: force) {
        case .duplicate(let secondsAgo): return .alreadyCalling(secondsAgo: secondsAgo)
        case .unguarded(let reason) where force: sessions.warn("no record of this call is kept: \(reason)")
        case .unguarded(let reason): throw .noRecordOfRecentCalls(reason)
        case .claimed: break
        }
        do {
            return .called(try await placeCallout(to: destination, force: force, deadline: deadline))
        } catch {
            // A callout that may have reached Puzzel keeps its claim: a second click must not ring twice.
            if error.code != CallFailure.mayHaveBeenPlacedCode {
                await duplicates.release(destination, deadline: deadline)
            }
            throw error
        }
    }

    private func placeCallout(to destination: String, force: Bool, deadline: Date) async throws(CallFailure)
        -> CalloutReceipt
    {
        var session = try await sessions.session(deadline: deadline)
        if configuration.checkStatus {
            try AgentAvailability.check(try await sessions.agentState(of: &session, deadline: deadline), force: force)
        }
        let customerKey = session.customerKey
        let userId = session.userId!
        let request = configuration.calloutRequest(destination: destination)
        // From here a click that dies may have placed the call: its claim must hold.
        await duplicates.markSent(destination, deadline: deadline)
        return try await sessions.authorized(&session, deadline: deadline, isCallout: true) {
            token throws(PuzzelError) in
            try await sessions.client.orderCallout(
                request, customerKey: customerKey, userId: userId, token: token, deadline: deadline)
        }
    }
}

/// Whether the agent can take a callout now: Puzzel rings the agent's phone first.
enum AgentAvailability {
    static func check(_ state: AgentState, force: Bool) throws(CallFailure) {
        switch state.contactCentreStatus.lowercased() {
        case "loggedoff": throw .notLoggedOn()
        case "pause": throw .paused(state.pauseName)
        default: break
        }
        guard force || state.userStatus.lowercased() == "available" else {
            throw .notAvailable(state.userStatus)
        }
    }
}
