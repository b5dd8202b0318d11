import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Puzzel's authentication, Puzzel ID and ContactCentre5 calls, one request each.
///
/// The client never retries: whether a request may be sent again is the caller's decision, and
/// `PuzzelError.Kind.unavailable(requestMayHaveReachedPuzzel:)` tells it what it needs to know.
/// One client holds one URLSession, so consecutive calls share one keep-alive connection per host —
/// except the callout, which always opens a connection of its own: libcurl, under URLSession, silently
/// sends a request again when a reused connection closes before any answer, and a callout sent twice
/// rings the customer twice. On a fresh connection it never does.
public final class PuzzelClient: Sendable {
    private let endpoints: PuzzelEndpoints
    private let clientName: String
    private let clientVersion: String
    private let session: URLSession

    public init(endpoints: PuzzelEndpoints, clientName: String, clientVersion: String) {
        self.endpoints = endpoints
        self.clientName = clientName
        self.clientVersion = clientVersion
        session = Self.makeSession()
    }

    private static func makeSession() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        return URLSession(configuration: configuration)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// `POST {auth}/api/Authenticate/LogIn`.
    public func logIn(_ credentials: PasswordCredentials, deadline: Date) async throws(PuzzelError) -> SignIn {
        let call = Call("log in to Puzzel", secrets: [credentials.password])
        let body = LogInBody(
            customerKey: credentials.customerKey, userName: credentials.userName,
            password: credentials.password, clientName: clientName, clientVersion: clientVersion)
        let answer = try await send(
            .json(body, to: endpoints.authURL.appendingAPIPath("api/Authenticate/LogIn")), call, deadline)
        switch answer.status {
        case 200..<300:
            let logIn: LogInAnswer = try answer.decode(call)
            if logIn.twoFactorRequired {
                throw PuzzelError(
                    .twoFactorRequired,
                    "Puzzel asks user \(credentials.userName) for two-factor authentication, "
                        + "which Puzzel's API cannot complete. Use an API user without two-factor authentication, or sign in with Puzzel ID."
                )
            }
            guard let token = logIn.accessToken, !token.isEmpty else { throw rejected(credentials, answer, call) }
            let refreshSession = logIn.refreshToken.flatMap { refresh in
                PuzzelDate.parse(refresh.expiryDate).map {
                    RefreshSession(customerKey: refresh.customerKey, sessionId: refresh.sessionId, expiry: $0)
                }
            }
            return SignIn(accessToken: AccessToken(token), refreshSession: refreshSession)
        case 400, 401, 403:
            throw rejected(credentials, answer, call)
        default:
            throw answer.unexpected(call)
        }
    }

    /// `POST {auth}/api/Authenticate/GetAccessToken`: a new access token for a live refresh session.
    public func refresh(_ refreshSession: RefreshSession, deadline: Date) async throws(PuzzelError) -> AccessToken {
        let call = Call("renew the Puzzel session", secrets: [refreshSession.sessionId])
        let body = RefreshBody(customerKey: refreshSession.customerKey, sessionId: refreshSession.sessionId)
        let answer = try await send(
            .json(body, to: endpoints.authURL.appendingAPIPath("api/Authenticate/GetAccessToken")), call, deadline)
        switch answer.status {
        case 200..<300:
            let refreshed: RefreshAnswer = try answer.decode(call)
            guard !refreshed.accessToken.isEmpty else {
                throw PuzzelError(.refreshRejected, "Puzzel did not renew the session; a new login is needed.")
            }
            return AccessToken(refreshed.accessToken)
        case 400, 401, 403:
            throw PuzzelError(.refreshRejected, "Puzzel ended the session; a new login is needed.")
        default:
            throw answer.unexpected(call)
        }
    }

    /// `POST {puzzelID}/connect/token` with the client-credentials grant for one contact-centre user.
    public func signIn(_ credentials: ClientCredentials, deadline: Date) async throws(PuzzelError) -> AccessToken {
        let call = Call("sign in with Puzzel ID", secrets: [credentials.clientSecret])
        let form = [
            ("grant_type", "client_credentials"), ("client_id", credentials.clientId),
            ("client_secret", credentials.clientSecret),
            ("scope", "contact-centre:\(credentials.customerKey):\(credentials.userId)"),
        ]
        let answer = try await send(
            .form(form, to: endpoints.puzzelIDURL.appendingAPIPath("connect/token")), call, deadline)
        switch answer.status {
        case 200..<300:
            let token: PuzzelIDAnswer = try answer.decode(call)
            let expiry =
                JWT.expiry(of: token.accessToken) ?? token.expiresIn.map { answer.sentAt.addingTimeInterval($0) }
            return AccessToken(value: token.accessToken, expiry: expiry)
        case 400, 401, 403:
            let reason = answer.explanation(call).map { " (\($0))" } ?? ""
            throw PuzzelError(
                .rejectedCredentials,
                "Puzzel ID refused client \(credentials.clientId) for customer key "
                    + "\(credentials.customerKey), user \(credentials.userId)\(reason). Check the client id, secret and user id."
            )
        default:
            throw answer.unexpected(call)
        }
    }

    /// `GET {api}/ContactCentre5/accesstokeninformation`: whose token this is, and until when.
    public func tokenInformation(_ token: AccessToken, deadline: Date) async throws(PuzzelError) -> TokenInformation {
        let call = Call("read who is signed in to Puzzel", secrets: [token.value])
        let url = endpoints.apiURL.appendingAPIPath("ContactCentre5/accesstokeninformation")
        let envelope: Envelope<TokenInformationResult> = try await contactCentre(
            .get(url, token: token), call, deadline)
        guard let result = envelope.result else { throw PuzzelError.unreadable(call) }
        return TokenInformation(
            customerKey: result.customerKey, userId: result.userId.value,
            accessTokenExpiry: result.accessTokenExpiry.flatMap(PuzzelDate.parse))
    }

    /// `GET {api}/ContactCentre5/{customerKey}/users/{userId}`.
    public func agentState(customerKey: String, userId: String, token: AccessToken, deadline: Date)
        async throws(PuzzelError) -> AgentState
    {
        let call = Call("read the agent's state in Puzzel", secrets: [token.value])
        let url = endpoints.apiURL.appendingAPIPath(
            "ContactCentre5/\(customerKey.asPathSegment)/users/\(userId.asPathSegment)")
        let envelope: Envelope<AgentStateResult> = try await contactCentre(.get(url, token: token), call, deadline)
        guard let result = envelope.result else { throw PuzzelError.unreadable(call) }
        return result.state
    }

    /// `POST {api}/ContactCentre5/{customerKey}/users/{userId}/callout`: Puzzel rings the agent's
    /// phone, then `request.destination`.
    public func orderCallout(
        _ request: CalloutRequest, customerKey: String, userId: String, token: AccessToken,
        deadline: Date
    ) async throws(PuzzelError) -> CalloutReceipt {
        let call = Call("order the callout", secrets: [token.value])
        let url = endpoints.calloutURL(customerKey: customerKey, userId: userId)
        let freshConnection = Self.makeSession()
        defer { freshConnection.finishTasksAndInvalidate() }
        let envelope: Envelope<Ignored> = try await contactCentre(
            .json(request, to: url, token: token), call, deadline, on: freshConnection)
        return CalloutReceipt(id: envelope.id, message: envelope.message.map { call.clean($0) })
    }

    // MARK: Shared steps

    private func rejected(_ credentials: PasswordCredentials, _ answer: HTTPAnswer, _ call: Call) -> PuzzelError {
        let reason = answer.explanation(call).map { " Puzzel says: \($0)" } ?? ""
        return PuzzelError(
            .rejectedCredentials,
            "Puzzel rejected the password of user \(credentials.userName) "
                + "(customer key \(credentials.customerKey)).\(reason)")
    }

    /// A ContactCentre5 call: unwraps Puzzel's `{result, code, id, message}` and turns its failures into errors.
    private func contactCentre<Result: Decodable>(
        _ request: URLRequest, _ call: Call, _ deadline: Date, on connection: URLSession? = nil
    ) async throws(PuzzelError) -> Envelope<Result> {
        let answer = try await send(request, call, deadline, on: connection ?? session)
        switch answer.status {
        case 200..<300:
            let envelope: Envelope<Result> = try answer.decode(call)
            guard envelope.code == 0 else {
                let message = envelope.message.map { call.clean($0) }.flatMap { $0.isEmpty ? nil : $0 }
                throw PuzzelError(
                    .refused(code: envelope.code),
                    message ?? "Puzzel refused to \(call.purpose) (code \(envelope.code)).")
            }
            return envelope
        case 401, 403:
            throw PuzzelError(
                .unauthorized,
                "Puzzel no longer accepts the sign-in (HTTP \(answer.status)) when trying to \(call.purpose).")
        case 400..<500:
            let code = (try? JSONDecoder().decode(Envelope<Ignored>.self, from: answer.body)).map(\.code).flatMap {
                $0 == 0 ? nil : $0
            }
            let message = answer.explanation(call) ?? "Puzzel refused to \(call.purpose) (HTTP \(answer.status))."
            throw PuzzelError(.refused(code: code ?? answer.status), message)
        default:
            throw answer.unexpected(call)
        }
    }

    /// Sends one request, with whatever time is left before `deadline` as its timeout.
    private func send(_ request: URLRequest, _ call: Call, _ deadline: Date, on session: URLSession? = nil)
        async throws(PuzzelError) -> HTTPAnswer
    {
        let session = session ?? self.session
        let sentAt = Date()
        let remaining = deadline.timeIntervalSince(sentAt)
        guard remaining > 0 else {
            throw PuzzelError(.unavailable(requestMayHaveReachedPuzzel: false), "No time was left to \(call.purpose).")
        }
        var request = request
        // URLSession on Linux truncates this to whole seconds and restarts it with every byte received,
        // so the watchdog in `perform` keeps the deadline; this only has to stay out of its way.
        request.timeoutInterval = remaining.rounded(.up) + 1
        request.setValue("\(clientName)/\(clientVersion)", forHTTPHeaderField: "User-Agent")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        do {
            let (body, response) = try await perform(request, on: session, until: deadline)
            guard let response = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
            return HTTPAnswer(status: response.statusCode, body: body, sentAt: sentAt)
        } catch {
            throw PuzzelError.transport(error, host: request.url?.host ?? "Puzzel", call)
        }
    }

    /// Runs the request, cancelling it when `deadline` passes (reported as a timeout).
    private func perform(_ request: URLRequest, on session: URLSession, until deadline: Date) async throws
        -> (Data, URLResponse)
    {
        try await withCheckedThrowingContinuation { continuation in
            let task = session.dataTask(with: request) { body, response, error in
                if let body, let response {
                    continuation.resume(returning: (body, response))
                } else if (error as? URLError)?.code == .cancelled {
                    // Only the watchdog cancels.
                    continuation.resume(throwing: URLError(.timedOut))
                } else {
                    continuation.resume(throwing: error ?? URLError(.unknown))
                }
            }
            task.resume()
            DispatchQueue.global().asyncAfter(wallDeadline: .now() + deadline.timeIntervalSinceNow) { [weak task] in
                task?.cancel()
            }
        }
    }
}

/// One call's purpose, for messages, and the secrets it carries, kept out of every message.
struct Call {
    let purpose: String
    let secrets: [String]

    init(_ purpose: String, secrets: [String]) {
        self.purpose = purpose
        self.secrets = secrets.filter { !$0.isEmpty }
    }

    /// Text from Puzzel made safe to show: no control or formatting characters (which could rewrite a
    /// terminal line or reorder text), none of this call's secrets, and at most 300 characters.
    func clean(_ text: String) -> String {
        var cleaned = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    switch $0.properties.generalCategory {
                    case .control, .format, .lineSeparator, .paragraphSeparator: " "
                    default: $0
                    }
                }))
        for secret in secrets { cleaned = cleaned.replacingOccurrences(of: secret, with: "[redacted]") }
        cleaned = cleaned.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return cleaned.count > 300 ? String(cleaned.prefix(300)) + "…" : cleaned
    }
}

struct HTTPAnswer {
    let status: Int
    let body: Data
    let sentAt: Date

    func decode<Value: Decodable>(_ call: Call) throws(PuzzelError) -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: body)
        } catch {
            throw PuzzelError.unreadable(call)
        }
    }

    /// Puzzel's own explanation of a failure, cleaned, when the body has one.
    func explanation(_ call: Call) -> String? {
        (try? JSONDecoder().decode(ErrorAnswer.self, from: body))?.explanation.map { call.clean($0) }.flatMap {
            $0.isEmpty ? nil : $0
        }
    }

    /// For statuses the call has no meaning for: 5xx, redirects, and the like.
    func unexpected(_ call: Call) -> PuzzelError {
        PuzzelError(
            .unavailable(requestMayHaveReachedPuzzel: true),
            "Puzzel could not \(call.purpose): it answered HTTP \(status)\(status >= 500 ? ", it may be having problems" : "")."
        )
    }
}

extension URLRequest {
    static func get(_ url: URL, token: AccessToken) -> URLRequest {
        var request = URLRequest(url: url)
        request.setValue("Bearer \(token.value)", forHTTPHeaderField: "Authorization")
        return request
    }

    /// A POST whose body JSONEncoder writes, so every string in it stays data.
    static func json(_ body: some Encodable, to url: URL, token: AccessToken? = nil) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token.value)", forHTTPHeaderField: "Authorization") }
        // Encoding plain structs of strings cannot fail.
        request.httpBody = try! JSONEncoder.requestBody.encode(body)
        return request
    }

    static func form(_ fields: [(String, String)], to url: URL) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(fields.map { "\($0.asPathSegment)=\($1.asPathSegment)" }.joined(separator: "&").utf8)
        return request
    }
}

extension PuzzelError {
    static func unreadable(_ call: Call) -> PuzzelError {
        PuzzelError(
            .unavailable(requestMayHaveReachedPuzzel: true),
            "Puzzel's answer when trying to \(call.purpose) could not be read.")
    }

    /// A failure below HTTP. Only errors that happen before a connection exists mean the request
    /// cannot have reached Puzzel; a timeout or a dropped connection may come after Puzzel acted on it.
    static func transport(_ error: any Error, host: String, _ call: Call) -> PuzzelError {
        let code = (error as? URLError)?.code
        switch code {
        case .cannotFindHost?, .dnsLookupFailed?, .cannotConnectToHost?, .notConnectedToInternet?,
            .secureConnectionFailed?, .serverCertificateUntrusted?, .serverCertificateHasBadDate?,
            .serverCertificateNotYetValid?, .serverCertificateHasUnknownRoot?, .clientCertificateRejected?,
            .clientCertificateRequired?, .unsupportedURL?, .badURL?:
            return PuzzelError(
                .unavailable(requestMayHaveReachedPuzzel: false),
                "Could not \(call.purpose): cannot connect to \(host) (\(describe(code))).")
        case .timedOut?:
            return PuzzelError(
                .unavailable(requestMayHaveReachedPuzzel: true),
                "Could not \(call.purpose): \(host) did not answer in time.")
        default:
            return PuzzelError(
                .unavailable(requestMayHaveReachedPuzzel: true),
                "Could not \(call.purpose): the connection to \(host) failed (\(describe(code))).")
        }
    }

    private static func describe(_ code: URLError.Code?) -> String {
        switch code {
        case .cannotFindHost?, .dnsLookupFailed?: "host not found"
        case .cannotConnectToHost?: "connection refused"
        case .notConnectedToInternet?: "no network"
        case .networkConnectionLost?, .badServerResponse?: "the connection closed without an answer"
        case .secureConnectionFailed?, .serverCertificateUntrusted?, .serverCertificateHasBadDate?,
            .serverCertificateNotYetValid?, .serverCertificateHasUnknownRoot?:
            "TLS failed"
        case let code?: "error \(code.rawValue)"
        case nil: "unknown error"
        }
    }
}
