import Desktop
import FoundationEssentials
import Localization
import PuzzelAPI

/// Signing in ahead of the first click, signing out, and what `status` shows.
package struct Account: Sendable {
    let configuration: Configuration
    let sessions: SessionProvider
    let now: @Sendable () -> Date
    let environment: [String: String]
    let trace: HTTPTrace?

    /// - Parameter typedPassword: a password just typed at `login`, tried before every configured source.
    package init(configuration: Configuration, context: Context, typedPassword: String? = nil) {
        self.configuration = configuration
        sessions = SessionProvider(configuration: configuration, context: context, typedPassword: typedPassword)
        now = context.now
        environment = context.environment
        trace = context.trace
    }

    /// Signs in afresh. The user says the credentials are right, so an earlier rejection is forgotten:
    /// this is the one way to send a once-rejected password again.
    package func logIn() async throws(CallFailure) -> Status {
        await sessions.forgetSession()
        sessions.forgetRejection()
        let session = try await sessions.session(deadline: now().addingTimeInterval(configuration.timeoutSeconds))
        return Status(session, agent: nil)
    }

    /// Whether the password kept now is one Puzzel rejected, so that every click stops without sending it.
    package func isBlockedByRejectedPassword() async -> Bool {
        await sessions.sendsRejectedCredentials(deadline: now().addingTimeInterval(configuration.timeoutSeconds))
    }

    /// The browser sign-in with Puzzel ID (`idClientId`): opens the system browser, waits for the agent to sign
    /// in there, and keeps the session in the keyring. This is what `login --browser` runs, and what the desktop's
    /// "Sign in" action calls when `configuration.usesBrowserSignIn`.
    /// - Parameters:
    ///   - language: the language of the page the browser shows at the end.
    ///   - tell: hears what to show the agent meanwhile (that the browser opens).
    package func logInWithBrowser(language: Language, tell: @Sendable (BrowserSignInText) -> Void = { _ in })
        async throws(CallFailure) -> Status
    {
        guard configuration.usesBrowserSignIn else {
            throw CallFailure(
                ConfigurationError(
                    "login --browser: idClientId is not configured; the Puzzel ID admin registers the client"))
        }
        let session = try await BrowserLogin(sessions: sessions, environment: environment, trace: trace).run(
            language: language, tell: tell)
        return Status(session, agent: nil)
    }

    /// Forgets the session; a password Puzzel rejected stays unsent until `login`. A browser sign-in's refresh
    /// token is first revoked where the provider offers revocation; when that fails the session is still
    /// forgotten here, and the failure is returned for the agent to hear.
    @discardableResult
    package func logOut() async -> CallFailure? {
        var failure: CallFailure?
        if configuration.usesBrowserSignIn, let session = try? await sessions.cachedSession(),
            let refreshToken = session.browserRefreshToken, let endpoint = session.signInEndpoints?.revocationEndpoint
        {
            let deadline = now().addingTimeInterval(configuration.timeoutSeconds)
            do {
                let registration = try await sessions.credentials.browserClient(deadline: deadline)
                try await sessions.client.revoke(
                    refreshToken: refreshToken, client: registration, at: endpoint, deadline: deadline)
            } catch let error as CallFailure {
                failure = error
            } catch let error as PuzzelError {
                failure = CallFailure(error)
            } catch {
                failure = nil
            }
        }
        await sessions.forgetSession()
        return failure
    }

    /// Who is signed in and until when, with the agent's state from Puzzel; nil when nobody is.
    package func status() async throws(CallFailure) -> Status? {
        guard try await sessions.cachedSession() != nil else { return nil }
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
            customerKey = session.customerKey
            // A browser sign-in is known by the user id Puzzel gave, not by its client.
            user =
                session.browserRefreshToken != nil || session.signInEndpoints != nil
                ? session.userId ?? session.identity.principal : session.identity.principal
            userId = session.userId
            tokenExpiry = session.tokenExpiry
            sessionExpiry = session.refreshSession?.expiry ?? session.tokenExpiry
            contactCentreStatus = agent?.contactCentreStatus
            userStatus = agent?.userStatus
            pause = agent?.pauseName
        }
    }
}
