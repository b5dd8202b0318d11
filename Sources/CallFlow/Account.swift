import Desktop
import FoundationEssentials
import PuzzelAPI

/// Signing in ahead of the first click, signing out, and what `status` shows.
package struct Account: Sendable {
    let configuration: Configuration
    let sessions: SessionProvider
    let now: @Sendable () -> Date

    /// - Parameter typedPassword: a password just typed at `login`, tried before every configured source.
    package init(configuration: Configuration, context: Context, typedPassword: String? = nil) {
        self.configuration = configuration
        sessions = SessionProvider(configuration: configuration, context: context, typedPassword: typedPassword)
        now = context.now
    }

    /// Signs in afresh. The user says the credentials are right, so an earlier rejection is forgotten:
    /// this is the one way to send a once-rejected password again.
    package func logIn() async throws(CallFailure) -> Status {
        sessions.forgetSession()
        sessions.forgetRejection()
        let session = try await sessions.session(deadline: now().addingTimeInterval(configuration.timeoutSeconds))
        return Status(session, agent: nil)
    }

    /// Whether the password kept now is one Puzzel rejected, so that every click stops without sending it.
    package func isBlockedByRejectedPassword() async -> Bool {
        await sessions.sendsRejectedCredentials(deadline: now().addingTimeInterval(configuration.timeoutSeconds))
    }

    /// Forgets the session; a password Puzzel rejected stays unsent until `login`.
    package func logOut() {
        sessions.forgetSession()
    }

    /// Who is signed in and until when, with the agent's state from Puzzel; nil when nobody is.
    package func status() async throws(CallFailure) -> Status? {
        guard sessions.cachedSession() != nil else { return nil }
        return try await signedIn()
    }

    /// Signs in as a click would — the cached session, else a refresh or a login, never a password
    /// Puzzel rejected — and reads the agent's state.
    package func signedIn() async throws(CallFailure) -> Status {
        let deadline = now().addingTimeInterval(configuration.timeoutSeconds)
        var session = try await sessions.session(deadline: deadline)
        let state = try await sessions.agentState(of: &session, deadline: deadline)
        return Status(session, agent: state)
    }

    /// A signed-in session as shown to the user: never a token.
    package struct Status: Sendable, Encodable {
        package let customerKey: String
        package let user: String
        package let userId: String?
        /// When the access token runs out (it is renewed on its own while the session lives).
        package let tokenExpiry: Date?
        /// When a new login is needed.
        package let sessionExpiry: Date?
        package let contactCentreStatus: String?
        package let userStatus: String?
        /// The pause's name; none when Puzzel gives only its id, which tells the agent nothing.
        package let pause: String?

        init(_ session: StoredSession, agent: AgentState?) {
            customerKey = session.identity.customerKey
            user = session.identity.principal
            userId = session.userId
            tokenExpiry = session.tokenExpiry
            sessionExpiry = session.refreshSession?.expiry ?? session.tokenExpiry
            contactCentreStatus = agent?.contactCentreStatus
            userStatus = agent?.userStatus
            pause = agent?.pauseName
        }
    }
}
