import Desktop
import FoundationEssentials
import PuzzelAPI
import SystemSupport

/// Hands out a signed-in session: the cached one while its token lives, else a refreshed or new one.
/// Sign-in happens under a lock, so ten parallel clicks make one login.
struct SessionProvider: Sendable {
    let client: PuzzelClient
    let store: SessionStore
    /// Where the records behind the promises go: the rejected credentials, the locks, the recent callouts.
    let records: RecordFolders
    let rejected: RejectedCredentials
    let credentials: CredentialSource
    let configuration: Configuration
    let now: @Sendable () -> Date
    /// Told about trouble that does not stop the click, such as a cache that cannot be written.
    let warn: @Sendable (String) -> Void

    /// The sessions of the configured user, kept in `$XDG_CACHE_HOME/puzzel-call/`.
    /// - Parameter typedPassword: a password just typed at `login`, tried before every configured source.
    init(configuration: Configuration, context: Context, typedPassword: String? = nil) {
        let directories = context.directories
        client = PuzzelClient(
            endpoints: configuration.endpoints, clientName: Product.name, clientVersion: Product.version,
            environment: context.environment, trace: context.trace)
        store = SessionStore(
            directory: directories.cacheDirectory, secrets: context.secrets,
            keyring: configuration.usesBrowserSignIn
                ? KeyringSessions(configuration: configuration, environment: context.environment) : nil)
        // Known before any is used, so that no message can hold one even when it was never sent.
        for secret in [
            typedPassword, context.environment["PUZZEL_PASSWORD"], configuration.password, configuration.clientSecret,
            configuration.idClientSecret,
        ] {
            context.secrets.insert(secret)
        }
        records = RecordFolders(directories)
        rejected = RejectedCredentials(folders: records)
        var credentials = CredentialSource(
            configuration: configuration, environment: context.environment, keyring: context.keyring,
            warn: context.warn)
        credentials.typedPassword = typedPassword
        self.credentials = credentials
        self.configuration = configuration
        now = context.now
        warn = context.warn
    }

    /// A session with a live token and the user's id, asking Puzzel for the id only the first time.
    func session(deadline: Date) async throws(CallFailure) -> StoredSession {
        let identity = try credentials.identity()
        let cached = try await store.load(for: identity, deadline: deadline)
        var session: StoredSession
        if let cached, cached.hasUsableToken(at: now()) {
            session = cached
        } else {
            session = try await signIn(identity, replacing: cached, deadline: deadline)
        }
        guard session.userId == nil else { return session }
        let information = try await authorized(&session, deadline: deadline) { token throws(PuzzelError) in
            try await client.tokenInformation(token, deadline: deadline)
        }
        session.userId = information.userId
        if configuration.usesBrowserSignIn { session.puzzelCustomerKey = information.customerKey }
        session.tokenExpiry = session.tokenExpiry ?? information.accessTokenExpiry
        await save(session)
        return session
    }

    /// The agent's state in Puzzel, read with `session`'s token.
    func agentState(of session: inout StoredSession, deadline: Date) async throws(CallFailure) -> AgentState {
        let customerKey = session.customerKey
        let userId = session.userId!
        return try await authorized(&session, deadline: deadline) { token throws(PuzzelError) in
            try await client.agentState(customerKey: customerKey, userId: userId, token: token, deadline: deadline)
        }
    }

    /// The cached session of the configured user, without signing in; nil when there is none.
    func cachedSession() async throws(CallFailure) -> StoredSession? {
        guard let identity = try? credentials.identity() else { return nil }
        return try await store.load(for: identity, deadline: now().addingTimeInterval(configuration.timeoutSeconds))
    }

    /// Sends a request with the session's token. Two failures allow one more try, because Puzzel surely did
    /// not act on the first: a 401 or 403 (after renewing the session), and a connection that was never made
    /// for a reason that may pass (a name not resolved, a connection or a proxy tunnel refused). A certificate
    /// that failed or a refused URL would fail the same way again, and is not tried twice.
    func authorized<Answer>(
        _ session: inout StoredSession, deadline: Date, isCallout: Bool = false,
        _ request: (AccessToken) async throws(PuzzelError) -> Answer
    ) async throws(CallFailure) -> Answer {
        var renewed = false
        var resent = false
        while true {
            do {
                return try await request(session.accessToken)
            } catch  where error.kind == .unauthorized && !renewed {
                renewed = true
                session = try await renew(after: session, deadline: deadline)
            } catch  where error.kind == .unavailable(requestMayHaveReachedPuzzel: false) && !resent {
                resent = true
            } catch {
                throw CallFailure(error, duringCallout: isCallout)
            }
        }
    }

    /// A new session after Puzzel turned `stale`'s token away.
    func renew(after stale: StoredSession, deadline: Date) async throws(CallFailure) -> StoredSession {
        try await signIn(stale.identity, replacing: stale, deadline: deadline)
    }

    /// Whether the credentials a sign-in would send now are ones Puzzel rejected: every click then stops
    /// without sending them, until the password changes.
    func sendsRejectedCredentials(deadline: Date) async -> Bool {
        // The browser sign-in sends no password.
        guard !configuration.usesBrowserSignIn, let identity = try? credentials.identity(),
            let method = try? await credentials.signInMethod(deadline: deadline)
        else { return false }
        return rejected.wereRejected(identity, secret: method.secret)
    }

    /// Forgets the cached session. The record of rejected credentials stays: only `login` clears it.
    func forgetSession() async {
        await store.clear()
    }

    /// Forgets that Puzzel rejected the configured identity's credentials.
    func forgetRejection() {
        if let identity = try? credentials.identity() { rejected.forget(identity) }
    }

    /// - Parameter stale: the session whose token expired or was turned away, if any; its token is never reused.
    private func signIn(_ identity: SessionIdentity, replacing stale: StoredSession?, deadline: Date)
        async throws(CallFailure) -> StoredSession
    {
        var lock: FileLock?
        do { lock = try await records.lock(.signInLock, until: deadline) } catch {
            // Kept at best (`Record.signInLock`): a click that cannot take turns signs in on its own.
            warn("signing in without the sign-in lock: \(error)")
        }
        defer { withExtendedLifetime(lock) {} }

        // Another click may have signed in, or renewed the session, while this one waited for the lock.
        let latest = try await store.load(for: identity, deadline: deadline)
        if let latest, latest.hasUsableToken(at: now()), latest.accessToken != stale?.accessToken {
            return latest
        }
        let current = latest ?? stale
        var session: StoredSession
        if let current, current.canRefresh(at: now()), let refreshed = try await refresh(current, deadline: deadline) {
            session = refreshed
        } else {
            session = try await logIn(identity, deadline: deadline)
            // The same user keeps the same id: no need to ask Puzzel again.
            session.userId = session.userId ?? current?.userId
        }
        await save(session)
        return session
    }

    /// Nil when the refresh session has ended and a login is needed.
    private func refresh(_ session: StoredSession, deadline: Date) async throws(CallFailure) -> StoredSession? {
        if let refreshToken = session.browserRefreshToken, let endpoints = session.signInEndpoints {
            return try await renewBrowserSession(session, refreshToken, at: endpoints, deadline: deadline)
        }
        do {
            let token = try await client.refresh(session.refreshSession!, deadline: deadline)
            var refreshed = session
            refreshed.accessToken = token
            refreshed.tokenExpiry = token.expiry
            return refreshed
        } catch  where error.kind == .refreshRejected || error.kind == .unauthorized {
            return nil
        } catch {
            throw CallFailure(error)
        }
    }

    /// The browser sign-in's refresh-token grant. A refusal forgets the session, so the next click asks for a
    /// sign-in at once instead of sending the same refused token again.
    private func renewBrowserSession(
        _ session: StoredSession, _ refreshToken: String, at endpoints: OpenIDEndpoints, deadline: Date
    ) async throws(CallFailure) -> StoredSession? {
        let registration = try await credentials.browserClient(deadline: deadline)
        store.secrets.insert(registration.clientSecret)
        do {
            let tokens = try await client.renewBrowserSession(
                refreshToken: refreshToken, client: registration, at: endpoints, deadline: deadline)
            var renewed = session
            renewed.accessToken = tokens.accessToken
            renewed.tokenExpiry = tokens.accessToken.expiry
            // A provider that rotates refresh tokens has just made the old one useless.
            renewed.browserRefreshToken = tokens.refreshToken ?? refreshToken
            return renewed
        } catch  where error.kind == .refreshRejected {
            await store.clear()
            return nil
        } catch {
            throw CallFailure(error)
        }
    }

    private func logIn(_ identity: SessionIdentity, deadline: Date) async throws(CallFailure) -> StoredSession {
        // A browser sign-in needs the agent: a click never opens a browser by itself.
        if configuration.usesBrowserSignIn { throw .browserSignInNeeded }
        let method = try await credentials.signInMethod(deadline: deadline)
        store.secrets.insert(method.secret)
        let signInHelps = credentials.configuration.sendsKeptPassword(environment: credentials.environment)
        guard !rejected.wereRejected(identity, secret: method.secret) else {
            throw .credentialsRejectedBefore(signInHelps: signInHelps)
        }
        do { try rejected.ensureWritable() } catch { throw .noRecordOfRejections(error.description) }
        do {
            switch method {
            case .password(let credentials):
                let signIn = try await client.logIn(credentials, deadline: deadline)
                return StoredSession(
                    identity: identity, accessToken: signIn.accessToken, tokenExpiry: signIn.accessToken.expiry,
                    refreshSession: signIn.refreshSession, userId: nil)
            case .puzzelID(let credentials):
                let token = try await client.signIn(credentials, deadline: deadline)
                return StoredSession(
                    identity: identity, accessToken: token, tokenExpiry: token.expiry, refreshSession: nil,
                    userId: credentials.userId)
            }
        } catch {
            if error.kind == .rejectedCredentials {
                do { try rejected.record(identity, secret: method.secret) } catch {
                    warn("cannot remember the rejected credentials: \(error)")
                }
            }
            throw CallFailure(error, signInHelps: signInHelps)
        }
    }

    func save(_ session: StoredSession) async {
        do { try await store.save(session) } catch { warn("the session is not kept for the next click: \(error)") }
    }
}

extension CallFailure {
    /// The same failure, seen as a failed click. Its words are for whoever set puzzel-call up (a configuration
    /// error names a file and a key), so they stay as they are.
    init(_ error: some UserFacingError) {
        self.init(kind: .other(code: error.code), terminal: .verbatim(error.message), exitStatus: error.exitStatus)
    }
}
