import Desktop
import FoundationEssentials
import PuzzelAPI

/// What a call came to, when it did not fail.
package enum CallResult: Sendable, Equatable {
    case called(CalloutReceipt)
    /// The same number was clicked this many seconds ago: not called again.
    case alreadyCalling(secondsAgo: TimeInterval)
    /// The agent is being asked about this number: the click joins that question and shows nothing new.
    case alreadyAsking
}

/// Orders one callout: a session, the agent's state, then the callout, with the fewest requests possible —
/// two on the warm path (state, then the callout on a connection of its own).
package struct Caller: Sendable {
    let configuration: Configuration
    let sessions: SessionProvider

    package init(configuration: Configuration, context: Context) {
        self.configuration = configuration
        sessions = SessionProvider(configuration: configuration, context: context)
    }

    /// A callout ready to go: the session to send it with and the request.
    private struct Prepared {
        var session: StoredSession
        let customerKey: String
        let userId: String
        let request: CalloutRequest
    }

    /// Calls the number `claim` holds. The claim is given back when nothing reached Puzzel, and kept when the
    /// callout went out or may have: a second click must not ring twice.
    /// - Parameter force: call even when the agent is busy.
    /// - Parameter deadline: when `timeoutSeconds` are up; every step gets what is left.
    func call(_ claim: consuming CalloutClaim, force: Bool, deadline: Date) async throws(CallFailure)
        -> CalloutReceipt
    {
        var prepared: Prepared
        do { prepared = try await prepare(claim.destination, force: force, deadline: deadline) } catch {
            await claim.release(deadline: deadline)
            throw error
        }
        // From here a click that dies may have placed the call: its claim must hold.
        let sent: SentClaim
        do { sent = try await claim.markSent(deadline: deadline) } catch {
            throw .noRecordOfRecentCalls(error.description)
        }
        do {
            return try await send(&prepared, as: sent, deadline: deadline)
        } catch {
            if error.kind != .callMayHaveBeenPlaced { await sent.release(deadline: deadline) }
            throw error
        }
    }

    private func prepare(_ destination: String, force: Bool, deadline: Date) async throws(CallFailure) -> Prepared {
        var session = try await sessions.session(deadline: deadline)
        if configuration.checkStatus {
            try AgentAvailability.check(try await sessions.agentState(of: &session, deadline: deadline), force: force)
        }
        return Prepared(
            session: session, customerKey: session.customerKey, userId: session.userId!,
            request: configuration.calloutRequest(destination: destination))
    }

    /// Sends the callout; only a claim marked sent lets it go.
    private func send(_ prepared: inout Prepared, as sent: borrowing SentClaim, deadline: Date)
        async throws(CallFailure) -> CalloutReceipt
    {
        let (request, customerKey, userId) = (prepared.request, prepared.customerKey, prepared.userId)
        return try await sessions.authorized(&prepared.session, deadline: deadline, isCallout: true) {
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
