import Foundation

/// Everything the fake knows, and how it answers each endpoint. Only touched under the server's lock.
struct FakePuzzelState {
    var account: FakeAccount
    var agentState = FakeAgentState.available
    /// The states an accepted callout leads through, one a state read (`FakePuzzelServer.statusTimeline`).
    var statusTimeline: [FakeAgentState] = []
    /// What is left of the timeline the last callout started.
    var timelineAhead: [FakeAgentState] = []
    var accessTokenLifetime: TimeInterval = 3600
    var refreshSessionLifetime: TimeInterval = 8 * 3600
    var refreshAnswersWithObject = false
    var calloutResult: (code: Int, message: String?) = (0, nil)
    var failedLogIns = 0
    var accessTokens: [String: Date] = [:]
    /// Vouches for tokens another issuer made (`FakePuzzelServer.trustTokens`).
    var externalTokens: (@Sendable (String) -> Bool)?
    var refreshSessions: [String: Date] = [:]
    var faults: [FakeEndpoint: [Fault]] = [:]
    var requests: [RecordedRequest] = []
    var onExchange: (@Sendable (RecordedRequest, Int?) -> Void)?
    var connectionCount = 0
    var openSockets: Set<Int32> = []
    var stopped = false
    /// Endpoints whose requests meet before they are answered (`FakePuzzelServer.holdAnswers`).
    var rendezvous: [FakeEndpoint: Rendezvous] = [:]
    var listenerClosed = false
    /// The fake's clock: the tokens and sessions it issues expire, and are judged expired, by it.
    let now: @Sendable () -> Date

    init(account: FakeAccount, now: @escaping @Sendable () -> Date) {
        self.account = account
        self.now = now
    }

    mutating func takeFault(for endpoint: FakeEndpoint) -> Fault? {
        guard var queue = faults[endpoint], !queue.isEmpty else { return nil }
        let fault = queue.removeFirst()
        faults[endpoint] = queue
        return fault
    }

    mutating func answer(_ request: RecordedRequest, customerKey: String?, userId: String?) -> (status: Int, body: Data)
    {
        switch request.endpoint {
        case .logIn: return logIn(request)
        case .getAccessToken: return getAccessToken(request)
        case .puzzelIDToken: return puzzelIDToken(request)
        case .tokenInformation: return authorized(request) { token in tokenInformation(token) }
        case .agentState:
            if !timelineAhead.isEmpty { agentState = timelineAhead.removeFirst() }
            return authorized(request) { _ in ownUser(customerKey, userId) { agentStateAnswer() } }
        case .callout:
            let answer = authorized(request) { _ in ownUser(customerKey, userId) { callout(request) } }
            if answer.status == 200, calloutResult.code == 0 { timelineAhead = statusTimeline }
            return answer
        case .unknown: return json(404, ["message": "No HTTP resource was found that matches the request URI."])
        }
    }

    // MARK: Authentication

    private mutating func logIn(_ request: RecordedRequest) -> (status: Int, body: Data) {
        // .NET binds JSON names case-insensitively; so does the fake.
        let body = (request.jsonBody ?? [:]).reduce(into: [String: Any]()) { $0[$1.key.lowercased()] = $1.value }
        let rightPassword =
            body["customerkey"] as? String == account.customerKey
            && body["username"] as? String == account.userName
            && body["password"] as? String == account.password
        guard rightPassword, failedLogIns < 4 else {
            if !rightPassword { failedLogIns += 1 }
            let message = failedLogIns >= 4 ? "The user is locked." : "Wrong customer key, user name or password."
            return json(401, ["message": message])
        }
        failedLogIns = 0
        if account.twoFactorRequired {
            return json(
                200,
                [
                    "accessToken": NSNull(), "refreshToken": NSNull(), "languageCode": "en",
                    "twoFactorRequired": true, "twoFactor": ["type": "Sms"],
                    "logoutFromExternalIdentityProvider": false,
                ])
        }
        let sessionId = UUID().uuidString
        let sessionExpiry = now().addingTimeInterval(refreshSessionLifetime)
        refreshSessions[sessionId] = sessionExpiry
        return json(
            200,
            [
                "accessToken": issueAccessToken(),
                "refreshToken": [
                    "customerKey": account.customerKey, "sessionId": sessionId,
                    "expiryDate": Self.zonelessDate(sessionExpiry),
                ],
                "languageCode": "en", "twoFactorRequired": false, "twoFactor": NSNull(),
                "logoutFromExternalIdentityProvider": false,
            ])
    }

    private mutating func getAccessToken(_ request: RecordedRequest) -> (status: Int, body: Data) {
        let body = (request.jsonBody ?? [:]).reduce(into: [String: Any]()) { $0[$1.key.lowercased()] = $1.value }
        guard body["customerkey"] as? String == account.customerKey, let sessionId = body["sessionid"] as? String,
            let expiry = refreshSessions[sessionId], expiry > now()
        else { return json(401, ["message": "The session has expired."]) }
        let token = issueAccessToken()
        return refreshAnswersWithObject ? json(200, ["accessToken": token]) : (200, Data("\"\(token)\"".utf8))
    }

    private mutating func puzzelIDToken(_ request: RecordedRequest) -> (status: Int, body: Data) {
        let form = request.formBody
        guard form["grant_type"] == "client_credentials" else { return json(400, ["error": "unsupported_grant_type"]) }
        guard form["client_id"] == account.clientId, form["client_secret"] == account.clientSecret else {
            return json(400, ["error": "invalid_client"])
        }
        let scope = "contact-centre:\(account.customerKey):\(account.userId)"
        guard form["scope"] == scope else { return json(400, ["error": "invalid_scope"]) }
        return json(
            200,
            [
                "access_token": issueAccessToken(), "expires_in": Int(accessTokenLifetime),
                "token_type": "Bearer", "scope": scope,
            ])
    }

    /// A JWT-shaped token (ES256 header, `exp` claim, a signature nobody checks).
    private mutating func issueAccessToken() -> String {
        let expiry = now().addingTimeInterval(accessTokenLifetime)
        let header = ["alg": "ES256", "typ": "JWT"] as [String: Any]
        let payload: [String: Any] = [
            "sub": String(account.userId), "customerKey": account.customerKey,
            "exp": Int(expiry.timeIntervalSince1970), "jti": UUID().uuidString,
        ]
        let signature = Data((0..<64).map { _ in UInt8.random(in: 0...255) })
        let token = [Self.jsonData(header), Self.jsonData(payload), signature].map(Self.base64URL).joined(
            separator: ".")
        accessTokens[token] = expiry
        return token
    }

    // MARK: ContactCentre5

    private func authorized(_ request: RecordedRequest, _ answer: (String) -> (status: Int, body: Data)) -> (
        status: Int, body: Data
    ) {
        let authorization = request.headers["authorization"] ?? ""
        let token = authorization.hasPrefix("Bearer ") ? String(authorization.dropFirst(7)) : ""
        guard let expiry = accessTokens[token] ?? externalExpiry(of: token), expiry > now() else {
            return json(401, ["message": "Authorization has been denied for this request."])
        }
        return answer(token)
    }

    /// An hour from now for a token the external issuer vouches for; it keeps its own expiry.
    private func externalExpiry(of token: String) -> Date? {
        guard !token.isEmpty, externalTokens?(token) == true else { return nil }
        return now().addingTimeInterval(3600)
    }

    private func ownUser(_ customerKey: String?, _ userId: String?, _ answer: () -> (status: Int, body: Data)) -> (
        status: Int, body: Data
    ) {
        guard customerKey == account.customerKey, userId == String(account.userId) else {
            return json(404, ["result": NSNull(), "code": 404, "id": NSNull(), "message": "User not found."])
        }
        return answer()
    }

    private func tokenInformation(_ token: String) -> (status: Int, body: Data) {
        envelope([
            "customerKey": account.customerKey, "customerId": 1, "userGroupId": 7, "userId": account.userId,
            "languageId": 1, "languageCode": "en", "passwordValidDaysLeft": 90,
            "accessTokenExpiry": Self.isoDate(accessTokens[token] ?? now().addingTimeInterval(3600)),
        ])
    }

    private func agentStateAnswer() -> (status: Int, body: Data) {
        envelope([
            "contactCentreStatus": agentState.contactCentreStatus, "userStatus": agentState.userStatus,
            "pauseTypeId": agentState.pauseTypeId ?? NSNull(), "pauseTypeName": agentState.pauseTypeName ?? NSNull(),
            "profileName": "Sandbox profile", "userGroupName": "Sandbox group", "profiles": [] as [Any],
        ])
    }

    private func callout(_ request: RecordedRequest) -> (status: Int, body: Data) {
        guard let destination = request.jsonBody?["destination"] as? String, !destination.isEmpty else {
            return json(
                400, ["result": NSNull(), "code": 400, "id": NSNull(), "message": "The destination is missing."])
        }
        return json(
            200,
            [
                "result": NSNull(), "code": calloutResult.code, "id": UUID().uuidString,
                "message": calloutResult.message ?? NSNull(),
            ])
    }

    private func envelope(_ result: [String: Any]) -> (status: Int, body: Data) {
        json(200, ["result": result, "code": 0, "id": UUID().uuidString, "message": NSNull()])
    }

    private func json(_ status: Int, _ object: [String: Any]) -> (status: Int, body: Data) {
        (status, Self.jsonData(object))
    }

    // MARK: Formats

    private static func jsonData(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Puzzel's `expiryDate`: UTC without a zone suffix, two fraction digits (`2024-08-12T21:26:50.51`).
    static func zonelessDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SS"
        return formatter.string(from: date)
    }

    static func isoDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
