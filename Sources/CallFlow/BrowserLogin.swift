import BrowserSignIn
import Desktop
import FoundationEssentials
import Localization
import PuzzelAPI
import Synchronization
import SystemSupport

/// The browser sign-in with Puzzel ID (OAuth 2.0 for native apps, RFC 8252): the provider's endpoints from its
/// checked discovery document, the system browser at the authorization request (PKCE S256, `state`, `nonce`),
/// the one answer on a loopback listener, the code traded for tokens, who signed in read from Puzzel, and the
/// session kept in the keyring alone.
struct BrowserLogin {
    let sessions: SessionProvider
    let environment: [String: String]
    let trace: HTTPTrace?

    /// - Parameters:
    ///   - language: the language of the page the browser shows at the end.
    ///   - tell: hears what to show the agent while the browser is open.
    func run(language: Language, tell: @Sendable (BrowserSignInText) -> Void) async throws(CallFailure)
        -> StoredSession
    {
        let configuration = sessions.configuration
        let identity = try sessions.credentials.identity()
        func deadline() -> Date { Date().addingTimeInterval(configuration.timeoutSeconds) }
        // Checked before the browser opens: the tokens may go nowhere else.
        let keyring = SecretStore(environment: environment)
        guard keyring.isAvailable else { throw .noKeyringForSession(keyring.unavailabilityReason) }

        let endpoints: OpenIDEndpoints
        do { endpoints = try await sessions.client.discoverSignIn(deadline: deadline()) } catch {
            throw CallFailure(error)
        }
        let registration = try await sessions.credentials.browserClient(deadline: deadline())
        sessions.store.secrets.insert(registration.clientSecret)
        let listener: LoopbackRedirectListener
        do { listener = try LoopbackRedirectListener() } catch {
            throw CallFailure(
                kind: .other(code: "cannot-listen"), .verbatim("Cannot sign in with the browser: \(error)."),
                exitStatus: .temporaryFailure)
        }
        let request = AuthorizationRequest(
            authorizationEndpoint: endpoints.authorizationEndpoint, clientId: registration.clientId,
            scope: configuration.idScope, redirectURI: listener.redirectURI)
        sessions.store.secrets.insert(request.verifier)
        trace?.note("sign-in: waiting for the browser's answer on \(listener.redirectURI)")
        trace?.note("sign-in: opening \(endpoints.authorizationEndpoint.absoluteString) (PKCE S256, state, nonce)")
        tell(.openingBrowser)

        let browser = BrowserLaunch()
        browser.open(request.url, environment: environment)
        let wait = configuration.signInWaitSeconds
        let answer = await DedicatedThread.run { [state = request.state] in
            listener.answer(
                state: state, until: Date().addingTimeInterval(wait), language: language,
                abandon: { browser.failure != nil })
        }
        let code: String
        switch answer {
        case .code(let value):
            code = value
            sessions.store.secrets.insert(code)
            trace?.note("sign-in: the browser brought back a code with this sign-in's state")
        case .declined(let error):
            let shown = String(error.prefix(300)).escapedForDisplay
            throw CallFailure(
                kind: .other(code: "sign-in-declined"), .browserSignIn(.declined(error: shown)),
                exitStatus: .signInFailed)
        case .stateMismatch:
            throw CallFailure(
                kind: .signInFailed, .browserSignIn(.stateMismatch), exitStatus: .signInFailed)
        case .noAnswer:
            throw CallFailure(
                kind: .other(code: "sign-in-timed-out"), .browserSignIn(.noAnswer(seconds: Int(wait))),
                exitStatus: .temporaryFailure)
        case .abandoned:
            throw CallFailure(
                kind: .other(code: "no-browser"), .browserSignIn(.browserNotOpened(reason: browser.failure ?? "")),
                exitStatus: .temporaryFailure)
        }

        let tokens: OpenIDTokens
        do {
            tokens = try await sessions.client.finishBrowserSignIn(
                code: code, verifier: request.verifier, redirectURI: request.redirectURI, client: registration,
                at: endpoints, deadline: deadline())
        } catch {
            throw CallFailure(error)
        }
        var session = StoredSession(
            identity: identity, accessToken: tokens.accessToken, tokenExpiry: tokens.accessToken.expiry,
            refreshSession: nil, userId: nil, browserRefreshToken: tokens.refreshToken, signInEndpoints: endpoints)
        sessions.store.secrets.insert(tokens.accessToken.value)
        sessions.store.secrets.insert(tokens.refreshToken)
        // Who signed in: Puzzel's word, as for every other sign-in (the ID token is not relied on).
        let information: TokenInformation
        do { information = try await sessions.client.tokenInformation(session.accessToken, deadline: deadline()) } catch
        {
            throw CallFailure(error)
        }
        session.userId = information.userId
        session.puzzelCustomerKey = information.customerKey
        session.tokenExpiry = session.tokenExpiry ?? information.accessTokenExpiry
        trace?.note("sign-in: Puzzel names user \(information.userId) of customer \(information.customerKey)")

        // Kept under the sign-in lock that clicks renewing the session share.
        // Kept at best (`Record.signInLock`), as for every sign-in.
        let lock = try? await sessions.records.lock(.signInLock, until: deadline())
        defer { withExtendedLifetime(lock) {} }
        do { try await sessions.store.save(session) } catch {
            throw .noKeyringForSession(error.description)
        }
        return session
    }
}

/// `xdg-open` with the authorization request's address (an argument vector, never a shell; xdg-open goes
/// through the desktop portal where there is one). It is not waited for: a browser it starts may run for
/// hours. What went wrong, if it failed, is kept for the wait to see.
final class BrowserLaunch: Sendable {
    private let problem = Mutex<String?>(nil)

    var failure: String? { problem.withLock { $0 } }

    func open(_ url: String, environment: [String: String]) {
        DedicatedThread.start { [self] in
            let reason: String?
            do throws(Subprocess.Failure) {
                let output = try Subprocess.run("xdg-open", [url], environment: environment, timeout: .seconds(120))
                switch output.termination {
                case .exited(0), .timedOut: reason = nil
                default:
                    let said = output.standardErrorText.split(separator: "\n").first.map { ": " + String($0) } ?? ""
                    reason = "xdg-open \(output.termination.explanation)\(said)".escapedForDisplay
                }
            } catch {
                reason = error.description.escapedForDisplay
            }
            problem.withLock { $0 = reason }
        }
    }
}

extension CallFailure {
    /// The browser sign-in keeps its tokens in the keyring or not at all.
    static func noKeyringForSession(_ reason: String) -> CallFailure {
        CallFailure(
            kind: .other(code: "no-keyring"),
            .verbatim(
                "There is no desktop keyring to keep the Puzzel ID session in (\(reason.escapedForDisplay)): the browser "
                    + "sign-in keeps its tokens there and nowhere else. Install and unlock a Secret Service keyring "
                    + "(GNOME Keyring, KWallet, KeePassXC), then sign in again."),
            exitStatus: .cannotCreate)
    }
}
