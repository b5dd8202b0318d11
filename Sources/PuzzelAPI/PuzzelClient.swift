import FoundationEssentials
import Localization
import SystemSupport

/// Puzzel's authentication, Puzzel ID and ContactCentre5 calls, one request each.
///
/// The client never retries: whether a request may be sent again is the caller's decision, and
/// `PuzzelError.Kind` tells it what it needs to know (`unavailable(requestMayHaveReachedPuzzel:)`,
/// `refusedBeforeSending`). Reads share a keep-alive connection; the sign-in and the callout travel on
/// connections of their own (see `HTTPTransport`). Each secret goes only to its own origin: the password
/// and the refresh session to the auth URL, the bearer token to the API URL, the client secret to Puzzel
/// ID; no redirect is followed.
package final class PuzzelClient: Sendable {
    let endpoints: PuzzelEndpoints
    private let clientName: String
    private let clientVersion: String
    private let transport: HTTPTransport
    private let trace: HTTPTrace?

    /// - Parameter environment: where the proxies are named (`https_proxy`, `no_proxy`, as curl reads them).
    package init(
        endpoints: PuzzelEndpoints, clientName: String, clientVersion: String, environment: [String: String],
        trace: HTTPTrace? = nil
    ) {
        self.endpoints = endpoints
        self.clientName = clientName
        self.clientVersion = clientVersion
        self.trace = trace
        transport = HTTPTransport(userAgent: "\(clientName)/\(clientVersion)", environment: environment)
    }

    /// `POST {auth}/api/Authenticate/LogIn`.
    package func logIn(_ credentials: PasswordCredentials, deadline: Date) async throws(PuzzelError) -> SignIn {
        let call = Call(.logIn, secrets: [credentials.password])
        let body = LogInBody(
            customerKey: credentials.customerKey, userName: credentials.userName,
            password: credentials.password, clientName: clientName, clientVersion: clientVersion)
        let answer = try await send(
            .json(body, to: endpoints.authURL.appendingAPIPath("api/Authenticate/LogIn")), call, deadline)
        switch answer.status {
        case 200..<300:
            let logIn: LogInAnswer = try answer.decode(call)
            if logIn.twoFactorRequired {
                throw PuzzelError(.twoFactorRequired, .twoFactorRequired(user: credentials.userName.escapedForDisplay))
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
    package func refresh(_ refreshSession: RefreshSession, deadline: Date) async throws(PuzzelError) -> AccessToken {
        let call = Call(.renewSession, secrets: [refreshSession.sessionId])
        let body = RefreshBody(customerKey: refreshSession.customerKey, sessionId: refreshSession.sessionId)
        let answer = try await send(
            .json(body, to: endpoints.authURL.appendingAPIPath("api/Authenticate/GetAccessToken")), call, deadline)
        switch answer.status {
        case 200..<300:
            let refreshed: RefreshAnswer = try answer.decode(call)
            guard !refreshed.accessToken.isEmpty else {
                throw PuzzelError(.refreshRejected, .sessionNotRenewed)
            }
            return AccessToken(refreshed.accessToken)
        case 400, 401, 403:
            throw PuzzelError(.refreshRejected, .sessionEnded)
        default:
            throw answer.unexpected(call)
        }
    }

    /// `POST {puzzelID}/connect/token` with the client-credentials grant for one contact-centre user.
    package func signIn(_ credentials: ClientCredentials, deadline: Date) async throws(PuzzelError) -> AccessToken {
        let call = Call(.signInWithPuzzelID, secrets: [credentials.clientSecret])
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
            throw PuzzelError(
                .rejectedCredentials,
                .clientRejected(
                    client: credentials.clientId.escapedForDisplay,
                    customerKey: credentials.customerKey.escapedForDisplay,
                    user: credentials.userId.escapedForDisplay, puzzelSays: answer.explanation(call)))
        default:
            throw answer.unexpected(call)
        }
    }

    /// `GET {api}/ContactCentre5/accesstokeninformation`: whose token this is, and until when.
    package func tokenInformation(_ token: AccessToken, deadline: Date) async throws(PuzzelError) -> TokenInformation {
        let call = Call(.readTokenInformation, secrets: [token.value])
        let url = endpoints.apiURL.appendingAPIPath("ContactCentre5/accesstokeninformation")
        let envelope: Envelope<TokenInformationResult> = try await contactCentre(
            .get(url, token: token), call, deadline)
        guard let result = envelope.result else { throw PuzzelError.unreadable(call) }
        return TokenInformation(
            customerKey: result.customerKey, userId: result.userId.value,
            accessTokenExpiry: result.accessTokenExpiry.flatMap(PuzzelDate.parse))
    }

    /// `GET {api}/ContactCentre5/{customerKey}/users/{userId}`.
    package func agentState(customerKey: String, userId: String, token: AccessToken, deadline: Date)
        async throws(PuzzelError) -> AgentState
    {
        let call = Call(.readAgentState, secrets: [token.value])
        let url = endpoints.apiURL.appendingAPIPath(
            "ContactCentre5/\(customerKey.asPathSegment)/users/\(userId.asPathSegment)")
        let envelope: Envelope<AgentStateResult> = try await contactCentre(.get(url, token: token), call, deadline)
        guard let result = envelope.result else { throw PuzzelError.unreadable(call) }
        return result.state
    }

    /// `POST {api}/ContactCentre5/{customerKey}/users/{userId}/callout`: Puzzel rings the agent's
    /// phone, then `request.destination`.
    package func orderCallout(
        _ request: CalloutRequest, customerKey: String, userId: String, token: AccessToken,
        deadline: Date
    ) async throws(PuzzelError) -> CalloutReceipt {
        let call = Call(.orderCallout, secrets: [token.value])
        let url = endpoints.calloutURL(customerKey: customerKey, userId: userId)
        let envelope: Envelope<Ignored> = try await contactCentre(.json(request, to: url, token: token), call, deadline)
        return CalloutReceipt(id: envelope.id, message: envelope.message.map { call.clean($0) })
    }

    // MARK: Shared steps

    private func rejected(_ credentials: PasswordCredentials, _ answer: HTTPAnswer, _ call: Call) -> PuzzelError {
        PuzzelError(
            .rejectedCredentials,
            .passwordRejected(
                user: credentials.userName.escapedForDisplay, customerKey: credentials.customerKey.escapedForDisplay,
                puzzelSays: answer.explanation(call)))
    }

    /// A ContactCentre5 call: unwraps Puzzel's `{result, code, id, message}` and turns its failures into errors.
    private func contactCentre<Result: Decodable>(_ request: HTTPRequest, _ call: Call, _ deadline: Date)
        async throws(PuzzelError) -> Envelope<Result>
    {
        let answer = try await send(request, call, deadline)
        switch answer.status {
        case 200..<300:
            let envelope: Envelope<Result> = try answer.decode(call)
            guard envelope.code == 0 else {
                let message = envelope.message.map { call.clean($0) }.flatMap { $0.isEmpty ? nil : $0 }
                throw PuzzelError(
                    .refused(code: envelope.code),
                    message.map(PuzzelText.puzzelSays) ?? .refused(call.step, code: envelope.code, isHTTPStatus: false))
            }
            return envelope
        case 401, 403:
            throw PuzzelError(.unauthorized, .signInNoLongerAccepted(call.step, status: answer.status))
        case 400..<500:
            let code = (try? answer.decode(Envelope<Ignored>.self)).map(\.code).flatMap { $0 == 0 ? nil : $0 }
            let text =
                answer.explanation(call).map(PuzzelText.puzzelSays)
                ?? .refused(call.step, code: answer.status, isHTTPStatus: true)
            throw PuzzelError(.refused(code: code ?? answer.status), text)
        default:
            throw answer.unexpected(call)
        }
    }

    /// Sends one request with whatever time is left before `deadline`. A redirect is an answer like any
    /// other to the transport; here it stops the call, since following it would take a secret elsewhere.
    func send(_ request: HTTPRequest, _ call: Call, _ deadline: Date) async throws(PuzzelError)
        -> HTTPAnswer
    {
        let host = request.url.host ?? "Puzzel"
        let clock = ContinuousClock()
        let start = clock.now
        let outcome: Result<HTTPAnswer, TransportFailure>
        do {
            outcome = .success(try await transport.send(request, until: deadline))
        } catch {
            outcome = .failure(error)
        }
        trace?.exchange(request, outcome: outcome, duration: clock.now - start, secrets: call.secrets)
        switch outcome {
        case .success(let answer) where (300..<400).contains(answer.status):
            throw PuzzelError.redirected(answer, host: host, call)
        case .success(let answer):
            return answer
        case .failure(let failure):
            throw PuzzelError(failure, host: host, call)
        }
    }
}

/// One call's step, for messages, and the secrets it carries, kept out of every message.
struct Call {
    let step: PuzzelStep
    let secrets: [String]

    init(_ step: PuzzelStep, secrets: [String]) {
        self.step = step
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
        cleaned = Redaction.replacing(secrets, in: cleaned)
        cleaned = cleaned.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return cleaned.count > 300 ? String(cleaned.prefix(300)) + "…" : cleaned
    }
}

extension HTTPAnswer {
    func decode<Value: Decodable>(_ type: Value.Type = Value.self) throws -> Value {
        try JSONDecoder().decode(Value.self, from: Data(body))
    }

    func decode<Value: Decodable>(_ call: Call) throws(PuzzelError) -> Value {
        do {
            return try decode()
        } catch {
            throw PuzzelError.unreadable(call)
        }
    }

    /// Puzzel's own explanation of a failure, cleaned, when the body has one.
    func explanation(_ call: Call) -> String? {
        (try? decode(ErrorAnswer.self))?.explanation.map { call.clean($0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// For statuses the call has no meaning for: 5xx and the like.
    func unexpected(_ call: Call) -> PuzzelError {
        PuzzelError(.unavailable(requestMayHaveReachedPuzzel: true), .unexpectedStatus(call.step, status: status))
    }
}

extension HTTPRequest {
    static func get(_ url: URL, token: AccessToken) -> HTTPRequest {
        HTTPRequest(method: .get, url: url, headers: [("Authorization", "Bearer \(token.value)")])
    }

    /// A POST whose body JSONEncoder writes, so every string in it stays data.
    static func json(_ body: some Encodable, to url: URL, token: AccessToken? = nil) -> HTTPRequest {
        // Encoding plain structs of strings cannot fail.
        let bytes = Array(try! JSONEncoder.requestBody.encode(body))
        return HTTPRequest(
            method: .post, url: url, headers: token.map { [("Authorization", "Bearer \($0.value)")] } ?? [],
            body: .json(bytes))
    }

    static func form(_ fields: [(String, String)], to url: URL) -> HTTPRequest {
        HTTPRequest(method: .post, url: url, body: .form(fields.map { (name: $0, value: $1) }))
    }
}

extension PuzzelError {
    static func unreadable(_ call: Call) -> PuzzelError {
        PuzzelError(.unavailable(requestMayHaveReachedPuzzel: true), .unreadableAnswer(call.step))
    }

    /// A failure below HTTP. Only a request that never left (no connection, no TLS session) cannot have
    /// reached Puzzel; a timeout or a dropped connection may come after Puzzel acted on it.
    init(_ failure: TransportFailure, host: String, _ call: Call) {
        let host = host.escapedForDisplay
        switch failure {
        case .neverSent(let problem) where problem.mayPassByItself:
            self.init(.unavailable(requestMayHaveReachedPuzzel: false), .cannotConnect(call.step, host: host, problem))
        case .neverSent(let problem):
            self.init(.refusedBeforeSending, .cannotConnect(call.step, host: host, problem))
        case .timedOut(mayHaveBeenSent: false):
            self.init(.unavailable(requestMayHaveReachedPuzzel: false), .noTimeToConnect(call.step, host: host))
        case .timedOut(mayHaveBeenSent: true):
            self.init(.unavailable(requestMayHaveReachedPuzzel: true), .noAnswerInTime(call.step, host: host))
        case .answerTooLarge:
            self.init(.unavailable(requestMayHaveReachedPuzzel: true), .answerTooLarge(call.step))
        case .connectionLost(let problem):
            self.init(
                .unavailable(requestMayHaveReachedPuzzel: true), .connectionFailed(call.step, host: host, problem))
        }
    }

    /// A 3xx answer. Puzzel's API does not redirect, so one means a wrong URL or someone in between; it is
    /// never followed, and the request was not acted on.
    static func redirected(_ answer: HTTPAnswer, host: String, _ call: Call) -> PuzzelError {
        let target = answer.redirectTarget.flatMap { URL(string: $0)?.host }.map(\.escapedForDisplay)
        return PuzzelError(
            .redirected,
            .redirected(call.step, host: host.escapedForDisplay, status: answer.status, target: target))
    }
}

extension ConnectionProblem {
    /// Whether the same request, sent again at once, may get through: the network or the proxy was in the
    /// way. A certificate that failed, a failed handshake or a refused URL stays so; an error libcurl names
    /// no better is not taken for a passing one.
    fileprivate var mayPassByItself: Bool {
        switch self {
        case .hostNotFound, .proxyNotFound, .connectionRefused, .proxyRefused: true
        case .urlNotAllowed, .plainHTTPBeyondThisMachine, .headerWithLineBreak, .libcurlMissing, .libcurlRefusedSetting,
            .certificateExpired,
            .certificateNotYetValid, .certificateNotTrusted, .certificateForAnotherName, .tlsHandshakeFailed,
            .closedWithoutAnswer, .answerCutOff, .answerNotHTTP, .other:
            false
        }
    }
}
