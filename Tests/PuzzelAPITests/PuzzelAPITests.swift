import FakePuzzel
import Foundation
import Synchronization
import Testing

@testable import PuzzelAPI

/// A fake Puzzel and a client pointed at it, for one test.
struct Harness {
    let server: FakePuzzelServer
    let client: PuzzelClient
    let account: FakeAccount

    /// - Parameter now: the fake's clock, which the tokens and sessions it issues expire by.
    init(_ account: FakeAccount = .sandbox, now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.account = account
        server = try FakePuzzelServer(account: account, now: now)
        client = PuzzelClient(
            endpoints: PuzzelEndpoints(
                authURL: server.authURL, apiURL: server.apiURL,
                puzzelIDURL: server.puzzelIDURL),
            clientName: "puzzel-call-tests", clientVersion: "0.1", environment: [:])
    }

    var credentials: PasswordCredentials {
        PasswordCredentials(customerKey: account.customerKey, userName: account.userName, password: account.password)
    }

    var clientCredentials: ClientCredentials {
        ClientCredentials(
            clientId: account.clientId, clientSecret: account.clientSecret,
            customerKey: account.customerKey, userId: String(account.userId))
    }

    var userId: String { String(account.userId) }

    func signedIn() async throws(PuzzelError) -> SignIn { try await client.logIn(credentials, deadline: .soon) }

    func agentState(_ token: AccessToken) async throws(PuzzelError) -> AgentState {
        try await client.agentState(customerKey: account.customerKey, userId: userId, token: token, deadline: .soon)
    }

    func callout(
        _ request: CalloutRequest = CalloutRequest(destination: "004722123456"), token: AccessToken,
        deadline: Date = .soon
    ) async throws(PuzzelError) -> CalloutReceipt {
        try await client.orderCallout(
            request, customerKey: account.customerKey, userId: userId, token: token, deadline: deadline)
    }
}

extension Date {
    static var soon: Date { Date(timeIntervalSinceNow: 5) }
    /// A fixed moment for the fake's clock, in whole seconds as Puzzel's expiries are.
    static let fixedNow = Date(timeIntervalSince1970: 1_800_000_000)
}

/// The error `operation` throws, or nil when it succeeds.
func failure<T>(_ operation: () async throws(PuzzelError) -> T) async -> PuzzelError? {
    do {
        _ = try await operation()
        return nil
    } catch {
        return error
    }
}

@Suite(.timeLimit(.minutes(5))) struct LogInTests {
    @Test func logInReturnsTheTokenWithItsExpiryAndTheRefreshSession() async throws {
        let harness = try Harness(now: { .fixedNow })
        defer { harness.server.stop() }
        let signIn = try await harness.signedIn()

        #expect(signIn.accessToken.expiry == Date.fixedNow.addingTimeInterval(3600))
        let session = try #require(signIn.refreshSession)
        #expect(session.customerKey == harness.account.customerKey)
        #expect(session.expiry == Date.fixedNow.addingTimeInterval(8 * 3600))
        let body = try #require(harness.server.requests(to: .logIn).first?.jsonBody)
        #expect(body["customerKey"] as? String == harness.account.customerKey)
        #expect(body["userName"] as? String == harness.account.userName)
        #expect(body["password"] as? String == harness.account.password)
        #expect(body["clientName"] as? String == "puzzel-call-tests")
        #expect(body["clientVersion"] as? String == "0.1")
    }

    @Test func aWrongPasswordIsRejectedWithoutShowingIt() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let wrong = PasswordCredentials(
            customerKey: harness.account.customerKey, userName: harness.account.userName,
            password: "Wrong-Secret-1")
        let error = try #require(
            await failure { () async throws(PuzzelError) in try await harness.client.logIn(wrong, deadline: .soon) })
        #expect(error.kind == .rejectedCredentials)
        #expect(!error.message.contains("Wrong-Secret-1"))
        #expect(harness.server.requests(to: .logIn).count == 1)
    }

    @Test func aRejectionEchoingThePasswordIsRedactedAndStrippedOfControlCharacters() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        harness.server.inject(
            .respond(status: 400, body: #"{"message":"Bad password \u001b[31msandbox-password\u202e!"}"#), on: .logIn)
        let error = try #require(await failure { () async throws(PuzzelError) in try await harness.signedIn() })
        #expect(error.kind == .rejectedCredentials)
        #expect(!error.message.contains(harness.account.password))
        #expect(!error.message.unicodeScalars.contains { $0 == "\u{1b}" || $0 == "\u{202e}" })
        #expect(error.message.contains("Bad password"))
    }

    @Test func twoFactorAuthenticationStopsWithAPointerToAnAPIUserOrPuzzelID() async throws {
        let harness = try Harness(FakeAccount(twoFactorRequired: true))
        defer { harness.server.stop() }
        let error = try #require(await failure { () async throws(PuzzelError) in try await harness.signedIn() })
        #expect(error.kind == .twoFactorRequired)
        #expect(error.message.contains("Puzzel ID"))
    }

    @Test func refreshReadsABareJSONString() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let session = try #require(try await harness.signedIn().refreshSession)
        let token = try await harness.client.refresh(session, deadline: .soon)
        #expect(token.expiry != nil)
        _ = try await harness.agentState(token)
        let body = try #require(harness.server.requests(to: .getAccessToken).first?.jsonBody)
        #expect(body["sessionId"] as? String == session.sessionId)
        #expect(body["customerKey"] as? String == session.customerKey)
    }

    @Test func refreshReadsAnObjectWithAccessToken() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        harness.server.refreshAnswersWithObject = true
        let session = try #require(try await harness.signedIn().refreshSession)
        let token = try await harness.client.refresh(session, deadline: .soon)
        _ = try await harness.agentState(token)
    }

    @Test func anEndedRefreshSessionIsRejected() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let session = try #require(try await harness.signedIn().refreshSession)
        harness.server.expireRefreshSessions()
        let error = await failure { () async throws(PuzzelError) in
            try await harness.client.refresh(session, deadline: .soon)
        }
        #expect(error?.kind == .refreshRejected)
        #expect(error?.message.contains(session.sessionId) == false)
    }

    @Test func puzzelIDGrantSendsTheFormAndReturnsAUsableToken() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.client.signIn(harness.clientCredentials, deadline: .soon)
        #expect(token.expiry != nil)
        _ = try await harness.agentState(token)
        let request = try #require(harness.server.requests(to: .puzzelIDToken).first)
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(
            request.formBody == [
                "grant_type": "client_credentials", "client_id": harness.account.clientId,
                "client_secret": harness.account.clientSecret,
                "scope": "contact-centre:\(harness.account.customerKey):\(harness.account.userId)",
            ])
    }

    @Test func puzzelIDRejectsAWrongSecretWithoutShowingIt() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        var credentials = harness.clientCredentials
        credentials.clientSecret = "Wrong&Secret=2"
        let error = await failure { () async throws(PuzzelError) in
            try await harness.client.signIn(credentials, deadline: .soon)
        }
        #expect(error?.kind == .rejectedCredentials)
        #expect(error?.message.contains("Wrong&Secret=2") == false)
        #expect(harness.server.requests(to: .puzzelIDToken).first?.formBody["client_secret"] == "Wrong&Secret=2")
    }
}

@Suite(.timeLimit(.minutes(5))) struct ContactCentreTests {
    @Test func tokenInformationGivesTheUserIdAndExpiry() async throws {
        let harness = try Harness(now: { .fixedNow })
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        let information = try await harness.client.tokenInformation(token, deadline: .soon)
        #expect(information.userId == "4242")
        #expect(information.customerKey == harness.account.customerKey)
        #expect(information.accessTokenExpiry == Date.fixedNow.addingTimeInterval(3600))
        #expect(token.expiry == Date.fixedNow.addingTimeInterval(3600))
        #expect(
            harness.server.requests(to: .tokenInformation).first?.headers["authorization"] == "Bearer \(token.value)")
    }

    @Test(arguments: [FakeAgentState.available, .busy, .wrapUp, .loggedOff, .pause("Lunch", id: "3")])
    func agentStateIsDecoded(_ state: FakeAgentState) async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        harness.server.agentState = state
        let decoded = try await harness.agentState(try await harness.signedIn().accessToken)
        #expect(
            decoded
                == AgentState(
                    contactCentreStatus: state.contactCentreStatus, userStatus: state.userStatus,
                    pauseTypeId: state.pauseTypeId, pauseName: state.pauseTypeName,
                    profileName: "Sandbox profile"))
    }

    @Test func calloutSucceedsWithPuzzelsId() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let receipt = try await harness.callout(token: try await harness.signedIn().accessToken)
        #expect(receipt.id?.isEmpty == false)
        #expect(harness.server.requests(to: .callout).count == 1)
    }

    @Test func calloutRefusedWithANonZeroCodeCarriesPuzzelsMessage() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        harness.server.calloutResult = (code: 17, message: "No logged-on phone\r\nfor this agent")
        let token = try await harness.signedIn().accessToken
        let error = await failure { () async throws(PuzzelError) in try await harness.callout(token: token) }
        #expect(error == PuzzelError(.refused(code: 17), .puzzelSays("No logged-on phone for this agent")))
    }

    @Test func calloutBodyHoldsOnlyTheSetFieldsWithAHostileDestinationAsData() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let hostile = "\"}, \"queueKey\": \"x\u{0}\n$(rm -rf ~)\\"
        let request = CalloutRequest(destination: hostile, queueKey: "q1", requestDescription: "Ticket 42")
        _ = try await harness.callout(request, token: try await harness.signedIn().accessToken)
        let sent = try #require(harness.server.requests(to: .callout).first)
        let body = try #require(sent.jsonBody)
        #expect(Set(body.keys) == ["destination", "queueKey", "requestDescription"])
        #expect(body["destination"] as? String == hostile)
        #expect(body["queueKey"] as? String == "q1")
        #expect(body["requestDescription"] as? String == "Ticket 42")
        #expect(sent.headers["content-type"]?.hasPrefix("application/json") == true)
    }

    @Test func aCalloutAnswerWithoutPuzzelsCodeMayHaveBeenPlaced() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        harness.server.inject(.respond(status: 200, body: "{}"), on: .callout)
        let error = await failure { () async throws(PuzzelError) in try await harness.callout(token: token) }
        #expect(error?.kind == .unavailable(requestMayHaveReachedPuzzel: true))
    }

    @Test func aClientErrorFromContactCentreIsRefusedWithPuzzelsMessage() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        let error = await failure { () async throws(PuzzelError) in
            try await harness.client.agentState(
                customerKey: harness.account.customerKey, userId: "999", token: token, deadline: .soon)
        }
        #expect(error == PuzzelError(.refused(code: 404), .puzzelSays("User not found.")))
    }

    @Test func pathSegmentsArePercentEncoded() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        _ = await failure { () async throws(PuzzelError) in
            try await harness.client.agentState(customerKey: "../a b", userId: "1/2?x", token: token, deadline: .soon)
        }
        #expect(
            harness.server.requests(to: .agentState).first?.path == "/ContactCentre5/%2E%2E%2Fa%20b/users/1%2F2%3Fx")
    }

    @Test func anInvalidTokenIsUnauthorized() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        harness.server.expireAccessTokens()
        let error = await failure { () async throws(PuzzelError) in try await harness.agentState(token) }
        #expect(error?.kind == .unauthorized)
        #expect(error?.message.contains(token.value) == false)
    }

    @Test func http403IsUnauthorizedToo() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        harness.server.inject(.respond(status: 403, body: "{}"), on: .callout)
        let error = await failure { () async throws(PuzzelError) in try await harness.callout(token: token) }
        #expect(error?.kind == .unauthorized)
    }
}

@Suite(.timeLimit(.minutes(5))) struct FailureTests {
    @Test(arguments: [
        Fault.respond(status: 503, body: "<html>Service Unavailable</html>"),
        .respond(status: 200, body: "<html>proxy login</html>"),
        .respond(status: 200, body: #"{"unexpected": true}"#),
    ])
    func serverErrorsAndUnreadableAnswersAreUnavailableAfterReachingPuzzel(_ fault: Fault) async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        harness.server.inject(fault, on: .agentState)
        let error = await failure { () async throws(PuzzelError) in try await harness.agentState(token) }
        #expect(error?.kind == .unavailable(requestMayHaveReachedPuzzel: true))
    }

    @Test func aCalloutAnsweredAfterTheDeadlineIsUnavailableAndSentOnce() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        harness.server.inject(.delay(seconds: 5), on: .callout)
        let error = await failure { () async throws(PuzzelError) in
            try await harness.callout(token: token, deadline: Date(timeIntervalSinceNow: 1))
        }
        #expect(error?.kind == .unavailable(requestMayHaveReachedPuzzel: true))
        #expect(harness.server.requests(to: .callout).count == 1)
    }

    /// URLSession restarts its own timeout with every byte received: the deadline holds all the same.
    @Test func aDeadlineIsAbsoluteEvenWhenTheAnswerKeepsTrickling() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        harness.server.inject(.trickle(seconds: 5), on: .agentState)
        let deadline = Date(timeIntervalSinceNow: 1)
        let error = await failure { () async throws(PuzzelError) in
            try await harness.client.agentState(
                customerKey: harness.account.customerKey, userId: harness.userId,
                token: token, deadline: deadline)
        }
        // The whole answer comes in 5 s: without the deadline the read would succeed.
        #expect(error?.kind == .unavailable(requestMayHaveReachedPuzzel: true))
        #expect(error?.message.contains("did not answer in time") == true)
    }

    /// URLSession on Linux counts its own timeout in whole seconds: under one second would be none at all.
    @Test func aDeadlineUnderASecondStillLetsAPromptAnswerThrough() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        let state = try await harness.client.agentState(
            customerKey: harness.account.customerKey, userId: harness.userId,
            token: token, deadline: Date(timeIntervalSinceNow: 0.9))
        #expect(state.userStatus == "Available")
    }

    @Test func aConnectionDroppedAfterTheCalloutIsUnavailableAndNeverActedOnTwice() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        harness.server.inject(.dropAfterReading, on: .callout)
        let error = await failure { () async throws(PuzzelError) in
            try await harness.callout(token: token, deadline: Date(timeIntervalSinceNow: 5))
        }
        #expect(error?.kind == .unavailable(requestMayHaveReachedPuzzel: true))
        #expect(harness.server.requests(to: .callout).filter(\.isComplete).count == 1)
    }

    @Test(arguments: [Fault.dropBeforeReading, .dropAfterReading])
    func aConnectionDroppedWithoutAnAnswerMayHaveReachedPuzzel(_ fault: Fault) async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        harness.server.inject(fault, on: .logIn)
        let error = await failure { () async throws(PuzzelError) in try await harness.signedIn() }
        #expect(error?.kind == .unavailable(requestMayHaveReachedPuzzel: true))
    }

    @Test func aRefusedConnectionNeverReachedPuzzel() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let closed = try RefusingPort()
        let client = PuzzelClient(
            endpoints: PuzzelEndpoints(authURL: closed.url, apiURL: closed.url, puzzelIDURL: closed.url),
            clientName: "puzzel-call-tests", clientVersion: "0.1", environment: [:])
        let error = await failure { () async throws(PuzzelError) in
            try await client.logIn(harness.credentials, deadline: .soon)
        }
        #expect(error?.kind == .unavailable(requestMayHaveReachedPuzzel: false))
        #expect(error?.message.contains(harness.account.password) == false)
    }

    /// A token is Puzzel's text, sent back in a header: one holding a line break would add a header of its
    /// own choosing (or end the head early), so neither the read nor the callout is sent at all.
    @Test(arguments: ["token\r\nX-Forged: 1", "token\nX-Forged: 1", "token\rX-Forged: 1", "token\u{2028}next"])
    func aTokenWithALineBreakIsNeverSent(value: String) async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = AccessToken(value: value, expiry: nil)

        let read = await failure { () async throws(PuzzelError) in try await harness.agentState(token) }
        let callout = await failure { () async throws(PuzzelError) in try await harness.callout(token: token) }

        for error in [read, callout] {
            #expect(error?.kind == .refusedBeforeSending)
            #expect(
                error?.message.contains("a header value holds a line break") == true, "\(String(describing: error))")
        }
        #expect(harness.server.requests.isEmpty, "nothing reached Puzzel")
    }

    @Test func nothingIsSentWhenTheDeadlineHasPassed() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let error = await failure { () async throws(PuzzelError) in
            try await harness.client.logIn(harness.credentials, deadline: Date(timeIntervalSinceNow: -1))
        }
        #expect(error?.kind == .unavailable(requestMayHaveReachedPuzzel: false))
        #expect(harness.server.requests.isEmpty)
    }
}

/// What `--verbose` shows of a sign-in whose password Puzzel echoes, in each form it can take on the wire.
@Suite(.timeLimit(.minutes(5))) struct TraceRedactionTests {
    static let password = "pa\"ss/wörd+<1> &x"

    /// The password as a JSON string holds it: escaped as most JSON writers do, as writers that escape a
    /// slash do, as .NET's System.Text.Json does (upper-case hex), as HTML-safe JavaScript writers do
    /// (lower-case); and percent-encoded as a URL or a form carries it.
    @Test(arguments: [
        #"pa\"ss/wörd+<1> &x"#, #"pa\"ss\/wörd+<1> &x"#, #"pa\u0022ss/w\u00F6rd\u002B\u003C1\u003E \u0026x"#,
        #"pa\u0022ss/w\u00f6rd\u002b\u003c1\u003e \u0026x"#, "pa%22ss%2Fw%C3%B6rd%2B%3C1%3E%20%26x",
        "pa%22ss%2Fw%C3%B6rd%2B%3C1%3E+%26x",
    ])
    func aPasswordPuzzelEchoesIsRedactedInEachForm(echoed: String) async throws {
        let account = FakeAccount(password: Self.password)
        let server = try FakePuzzelServer(account: account)
        defer { server.stop() }
        let entries = Mutex<[String]>([])
        let client = PuzzelClient(
            endpoints: PuzzelEndpoints(authURL: server.authURL, apiURL: server.apiURL, puzzelIDURL: server.puzzelIDURL),
            clientName: "puzzel-call-tests", clientVersion: "0.1", environment: [:],
            trace: HTTPTrace { entry in entries.withLock { $0.append(entry) } })
        server.inject(.respond(status: 400, body: #"{"message":"wrong password: "# + echoed + #""}"#), on: .logIn)

        _ = await failure { () async throws(PuzzelError) in
            try await client.logIn(
                PasswordCredentials(
                    customerKey: account.customerKey, userName: account.userName, password: Self.password),
                deadline: .soon)
        }

        let trace = entries.withLock { $0.joined(separator: "\n") }
        #expect(trace.contains(#"wrong password: <redacted>""#), "\(trace)")
        #expect(!trace.contains(echoed))
    }
}

@Suite(.timeLimit(.minutes(5))) struct ConnectionTests {
    @Test func readsShareOneKeepAliveConnection() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        _ = try await harness.agentState(token)
        _ = try await harness.agentState(token)
        let connections = harness.server.requests.map(\.connectionID)
        #expect(connections.count == 3)
        #expect(connections[1] == connections[2], "the two reads share a connection")
    }

    /// libcurl resends a request when a reused connection closes before any answer; a sign-in or a
    /// callout must not be resent, so neither rides a connection that was used before, or is used after.
    @Test func theSignInAndTheCalloutEachOpenTheirOwnConnection() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        _ = try await harness.agentState(token)
        _ = try await harness.callout(token: token)
        _ = try await harness.agentState(token)
        let connections = harness.server.requests.map(\.connectionID)
        #expect(connections.count == 4)
        #expect(Set(connections[0...2]).count == 3)
        #expect(connections[3] == connections[1], "the read after the callout reuses the reads' connection")
    }

    @Test func aCalloutWhoseConnectionDropsIsNeitherResentNorLeftHanging() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let token = try await harness.signedIn().accessToken
        _ = try await harness.agentState(token)
        harness.server.inject(.dropAfterReading, on: .callout)
        let error = await failure { () async throws(PuzzelError) in
            try await harness.callout(token: token, deadline: Date(timeIntervalSinceNow: 10))
        }
        #expect(error?.kind == .unavailable(requestMayHaveReachedPuzzel: true))
        #expect(harness.server.requests(to: .callout).count == 1, "not even a partial resend")
        #expect(
            error?.message.contains("closed without an answer") == true,
            "the failure is the dropped connection, reported as it happens, not the deadline")
    }

    /// The proxies are the ones the command's environment names, by curl's rules, whatever the process's own
    /// variables say: a test's click is not sent through the developer's proxy, nor a click through one that
    /// the environment handed to the command does not name.
    @Test func theProxiesAreReadFromTheCommandsEnvironmentByCurlsRules() {
        let named = Proxies(environment: [
            "http_proxy": "http://a:1", "HTTP_PROXY": "http://forged:1", "HTTPS_PROXY": "http://b:2",
            "ALL_PROXY": "socks5h://c:3", "NO_PROXY": "example.com",
        ])
        #expect(named.proxy(forScheme: "http") == "http://a:1")
        #expect(named.proxy(forScheme: "https") == "http://b:2")
        #expect(named.noProxy == "example.com")
        #expect(Proxies(environment: ["HTTP_PROXY": "http://forged:1"]).proxy(forScheme: "http") == "")
        #expect(Proxies(environment: ["all_proxy": "socks5h://c:3"]).proxy(forScheme: "http") == "socks5h://c:3")
        #expect(Proxies(environment: [:]).proxy(forScheme: "https") == "")
    }
}

@Suite(.timeLimit(.minutes(5))) struct FormatTests {
    @Test func aDateWithoutZoneIsUTC() {
        #expect(PuzzelDate.parse("2024-08-12T21:26:50.51") == Date(timeIntervalSince1970: 1_723_498_010.51))
        #expect(PuzzelDate.parse("2024-08-12T21:26:50Z") == Date(timeIntervalSince1970: 1_723_498_010))
        #expect(PuzzelDate.parse("2024-08-12T23:26:50+02:00") == Date(timeIntervalSince1970: 1_723_498_010))
        #expect(PuzzelDate.parse("tomorrow") == nil)
    }

    @Test(arguments: [
        "2030-13-01T00:00:00Z", "2030-00-01T00:00:00Z", "2030-12-45T00:00:00Z", "2030-02-30T00:00:00Z",
        "2031-02-29T00:00:00Z", "2030-01-01T24:00:00Z", "2030-01-01T23:60:00Z", "2030-01-01T23:59:61Z",
        "2030-01-01T00:00:00+99:99", "2030-01-01T00:00:00+14:01", "2030-01-01T00:00:00-15:00",
        "2030-01-01T00:00:00+01:60", "2030-+1-01T00:00:00Z", "2030/01/01T00:00:00Z",
    ])
    func anImpossibleDateIsRefused(text: String) {
        #expect(PuzzelDate.parse(text) == nil)
    }

    @Test func theFurthestZonesAndALeapDayAreRead() {
        #expect(PuzzelDate.parse("2024-02-29T14:00:00+14:00") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(PuzzelDate.parse("2024-02-28T10:00:00-14:00") == Date(timeIntervalSince1970: 1_709_164_800))
    }

    @Test func aTokenThatIsNoJWTHasNoExpiry() {
        #expect(AccessToken("opaque-token").expiry == nil)
        #expect(AccessToken("a.b.c").expiry == nil)
    }

    @Test func printingCredentialsOrTokensNeverShowsTheSecret() {
        let token = AccessToken(value: "secret-token", expiry: nil)
        let credentials = PasswordCredentials(customerKey: "1", userName: "u", password: "secret-password")
        let session = RefreshSession(customerKey: "1", sessionId: "secret-session", expiry: Date())
        #expect(!"\(token) \(credentials) \(session)".contains("secret"))
    }
}
