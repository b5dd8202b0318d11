import FakePuzzel
import Foundation
import TestSupport
import Testing

@testable import CallFlow

/// A click against a network that lies: redirects, answers without end, a certificate nobody trusts,
/// plain http, a proxy in between. Whatever it is told, a click sends each request once, to the URL it
/// was configured with, and stops by its deadline.
@Suite(.timeLimit(.minutes(5))) struct HostileNetworkTests {
    static let redirectedEndpoints: [FakeEndpoint] = [.logIn, .tokenInformation, .agentState, .callout]

    @Test(arguments: [301, 302, 307, 308], redirectedEndpoints)
    func aRedirectIsNeverFollowed(status: Int, endpoint: FakeEndpoint) async throws {
        let desk = try Desk()
        let elsewhere = try FakePuzzelServer()
        defer { elsewhere.stop() }
        desk.puzzel.inject(.redirect(status: status, to: elsewhere.apiURL.absoluteString + "/anywhere"), on: endpoint)

        let report = try await desk.click()

        let failure = try #require(report.failure)
        #expect(failure.code == "redirected")
        #expect(failure.exitStatus == .temporaryFailure)
        #expect(failure.message.contains("HTTP \(status) to 127.0.0.1"))
        #expect(!failure.message.contains("may have been placed"))
        if endpoint == .callout { #expect(failure.message.contains("The call was not placed")) }
        #expect(desk.puzzel.requests(to: endpoint).count == 1)
        #expect(elsewhere.requests.isEmpty, "the redirect target sees nothing, no password, no token")
    }

    @Test func aRedirectLoopSendsTheCalloutOnce() async throws {
        let desk = try Desk()
        let calloutPath =
            "/ContactCentre5/\(desk.puzzel.account.customerKey)/users/\(desk.puzzel.account.userId)/callout"
        desk.puzzel.inject(
            .redirect(status: 307, to: desk.puzzel.apiURL.absoluteString + calloutPath), on: .callout, times: 30)

        let report = try await desk.click()

        #expect(report.failure?.code == "redirected")
        #expect(desk.puzzel.requests(to: .callout).count == 1)
    }

    @Test func aRedirectedSignInIsNotRecordedAsARejectedPassword() async throws {
        let desk = try Desk()
        desk.puzzel.inject(.redirect(status: 302, to: "http://127.0.0.1:9/elsewhere"), on: .logIn)
        #expect(try await desk.click().failure?.code == "redirected")

        let next = try await desk.click("tel:+4722123457")

        #expect(next.wasCalled, "the same password is sent again: Puzzel never rejected it")
        #expect(desk.puzzel.requests(to: .logIn).count == 2)
    }

    /// The sign-ins beside LogIn: renewing the session (GetAccessToken) and Puzzel ID's token. A redirect
    /// takes neither the session id nor the client secret anywhere, and is no rejection: the next click
    /// signs in the same way.
    @Test(arguments: [301, 302, 307, 308], [FakeEndpoint.getAccessToken, .puzzelIDToken])
    func aRedirectedRenewalOrPuzzelIDSignInIsNeitherFollowedNorARejection(status: Int, endpoint: FakeEndpoint)
        async throws
    {
        let desk = try Desk()
        let elsewhere = try FakePuzzelServer()
        defer { elsewhere.stop() }
        var now = Date()
        if endpoint == .puzzelIDToken {
            let account = desk.puzzel.account
            desk.configure(
                "clientId = \(account.clientId)\nclientSecret = \(account.clientSecret)\nuserId = \(account.userId)\n")
        } else {
            #expect(try await desk.click().wasCalled, "signed in")
            // Half a minute before the token's hour is up: the session is renewed.
            now = now.addingTimeInterval(3600 - 30)
        }
        desk.puzzel.inject(.redirect(status: status, to: elsewhere.apiURL.absoluteString + "/anywhere"), on: endpoint)

        let failure = try #require(try await desk.click("tel:+4722123457", now: now).failure)

        #expect(failure.code == "redirected")
        #expect(failure.message.contains("HTTP \(status) to 127.0.0.1"))
        #expect(elsewhere.requests.isEmpty, "the redirect target sees nothing, no session id, no client secret")
        #expect(try await desk.click("tel:+4722123458", now: now).wasCalled)
        #expect(desk.puzzel.requests(to: endpoint).count == 2, "the same sign-in, sent again: nothing was rejected")
        #expect(desk.puzzel.requests(to: .logIn).count == (endpoint == .puzzelIDToken ? 0 : 1))
    }

    @Test(arguments: [true, false])
    func anAnswerPastOneMebibyteEndsTheClick(declaringLength: Bool) async throws {
        let desk = try Desk()
        desk.puzzel.inject(.oversized(bytes: 100 << 20, declaringLength: declaringLength), on: .agentState)

        let report = try await desk.click()

        let failure = try #require(report.failure)
        #expect(failure.message.contains("Puzzel's answer was too large"))
        #expect(failure.exitStatus == .temporaryFailure)
        #expect(desk.puzzel.requests(to: .callout).isEmpty)
    }

    @Test func aCalloutWhoseAnswerIsTooLargeMayHaveBeenPlaced() async throws {
        let desk = try Desk()
        desk.puzzel.inject(.oversized(bytes: 2 << 20, declaringLength: false), on: .callout)

        let failure = try #require(try await desk.click().failure)

        #expect(failure.message.contains("Puzzel's answer was too large"))
        #expect(failure.kind == .callMayHaveBeenPlaced)
    }

    /// The process a click runs in, fed a 100 MB answer and a gzip bomb: it asks for no compression,
    /// inflates nothing, stops counting at 1 MiB, and stays small.
    @Test func hugeAnswersKeepTheClickSmall() async throws {
        let desk = try Desk()
        desk.configure("timeoutSeconds = 5\n")
        let bomb = try gzipBomb()
        desk.puzzel.inject(.oversized(bytes: 100_000_000, declaringLength: false), on: .agentState)
        let huge = await desk.runProcess(["tel:+4722123456"])
        desk.puzzel.inject(.respondRaw(status: 200, headers: ["Content-Encoding: gzip"], body: bomb), on: .agentState)
        let bombed = await desk.runProcess(["tel:+4722123457"])

        for result in [huge, bombed] {
            #expect(result.status == 75, "\(result.output)")
            #expect(result.peakMemoryKiB < 64 * 1024, "peak \(result.peakMemoryKiB) KiB")
            // The bound: the answer is cut off at 1 MiB, long before the deadline would end it.
            #expect(result.elapsedSeconds < 5 + 1, "\(result.elapsedSeconds) s")
        }
        #expect(huge.output.contains("Puzzel's answer was too large"))
        #expect(desk.puzzel.requests(to: .agentState).allSatisfy { $0.headers["accept-encoding"] == "identity" })
        #expect(desk.puzzel.requests(to: .callout).isEmpty)
    }

    @Test func aCertificateTheSystemDoesNotTrustIsAClearRefusal() async throws {
        let desk = try Desk()
        #expect(try await desk.click().wasCalled, "signed in, user id cached")
        let tls = try LoopbackTLSServer()
        defer { tls.stop() }
        desk.configure("checkStatus = false\n")
        desk.environment["PUZZEL_API_URL"] = tls.url

        let failure = try #require(try await desk.click("tel:+4722123457").failure)

        #expect(failure.message.contains("not trusted"), "\(failure.message)")
        #expect(!failure.message.contains("may have been placed"))
        #expect(failure.exitStatus == .temporaryFailure)
    }

    /// A certificate from an authority the system trusts, for another name or out of date: the message says
    /// which, and the callout was not placed.
    @Test(
        .enabled(if: TrustingOnly.isPossible, "needs a private mount namespace (unshare)"),
        arguments: [
            (LoopbackTLSServer.Certificate.forAnotherName, "the server's certificate is for another name"),
            (.expired, "the server's certificate has expired"),
        ])
    func aCertificateForAnotherNameOrOutOfDateIsNamed(certificate: LoopbackTLSServer.Certificate, words: String)
        async throws
    {
        let desk = try Desk()
        #expect(await desk.runProcess(["tel:+4722123456"]).status == 0, "signed in, user id cached")
        let tls = try LoopbackTLSServer(certificate)
        defer { tls.stop() }
        desk.configure("checkStatus = false\n")

        let result = await desk.runProcess(
            ["tel:+4722123457"], environment: ["PUZZEL_API_URL": tls.url], trustingOnly: tls.authority)

        #expect(result.status == 75, "\(result.output)")
        #expect(result.output.contains(words), "\(result.output)")
        #expect(!result.output.contains("may have been placed"))
    }

    /// Only a connection that failed for a passing reason is tried once more (see
    /// `aConnectionThatWasNeverMadeIsTriedOnceMore`): a certificate that failed would fail again.
    @Test func aCertificateThatFailedIsNotTriedAgain() async throws {
        let desk = try Desk()
        #expect(await desk.runProcess(["tel:+4722123456"]).status == 0, "signed in, user id cached")
        let tls = try LoopbackTLSServer()
        defer { tls.stop() }

        let result = await desk.runProcess(["--verbose", "tel:+4722123457"], environment: ["PUZZEL_API_URL": tls.url])

        #expect(result.status == 75, "\(result.output)")
        let attempts = result.output.split(separator: "\n").filter { $0.contains("GET \(tls.url)/") }
        #expect(attempts.count == 1, "\(result.output)")
    }

    /// libcurl writes every TLS session's secrets to the file `SSLKEYLOGFILE` names; puzzel-call takes the
    /// variable away first, and no file appears.
    @Test func sslKeyLogFileGetsNoSecret() async throws {
        let desk = try Desk()
        let tls = try LoopbackTLSServer()
        defer { tls.stop() }
        let keyLog = desk.folder.path + "/tls-secrets"

        let result = await desk.runProcess(
            ["tel:+4722123456"], environment: ["PUZZEL_AUTH_URL": tls.url, "SSLKEYLOGFILE": keyLog])

        #expect(result.status == 75, "the sign-in met the https server: \(result.output)")
        #expect(!FileManager.default.fileExists(atPath: keyLog))
    }

    @Test func plainHTTPBeyondThisMachineStopsBeforeAnythingIsSent() throws {
        var environment = TemporaryDirectory().environment
        environment["PUZZEL_AUTH_URL"] = "http://auth.example.com"
        #expect {
            try ConfigurationLoader(environment: environment).load()
        } throws: { error in
            let message = (error as? ConfigurationError)?.message ?? ""
            return message.contains("PUZZEL_AUTH_URL") && message.contains("use https://")
        }
    }

    @Test func plainHTTPInTheConfigFileStopsTheProgramBeforeAnythingIsSent() async throws {
        let desk = try Desk()
        desk.environment["PUZZEL_API_URL"] = nil
        desk.configure("checkStatus = true\napiURL = http://example.com\n")
        let origin = desk.environment["XDG_CONFIG_HOME"]! + "/puzzel-call/config:2: apiURL"

        let click = await desk.runProcess(["tel:+4722123456"])

        #expect(click.status == 78, "\(click.output)")
        #expect(click.output.contains(origin), "\(click.output)")
        #expect(click.output.contains("use https://"))
        #expect(click.output.contains("localhost, 127.0.0.0/8, ::1"), "loopback as the rule has it")
        #expect(desk.puzzel.requests.isEmpty)

        let doctor = await desk.runProcess(["doctor", "--json"])
        let json = doctor.output.drop { $0 != "{" }
        let report = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let checks = report?["checks"] as? [[String: Any]] ?? []
        let configuration = try #require(checks.first { $0["name"] as? String == "configuration" })
        #expect(doctor.status == 1)
        #expect(configuration["ok"] as? Bool == false)
        #expect((configuration["description"] as? String)?.contains(origin) == true, "\(configuration)")
        #expect(desk.puzzel.requests.isEmpty)
    }

    /// A proxy reaches Puzzel by name for a click: here `puzzel.test`, which only the proxy can resolve, in
    /// front of an https server. The click goes through the proxy and meets that server's certificate.
    @Test(arguments: ["https_proxy", "ALL_PROXY"])
    func aClickGoesThroughTheConfiguredProxy(variable: String) async throws {
        let desk = try Desk()
        let tls = try LoopbackTLSServer()
        defer { tls.stop() }
        let proxy = try FakeConnectProxy(localNames: ["puzzel.test"])
        defer { proxy.stop() }

        let result = await desk.runProcess(
            ["tel:+4722123456"],
            environment: [variable: proxy.url, "PUZZEL_AUTH_URL": "https://puzzel.test:\(tls.port)"])

        #expect(result.status == 75, "\(result.output)")
        #expect(result.output.contains("not trusted"), "the tunnel reached the https server: \(result.output)")
        #expect(proxy.connectTargets == ["puzzel.test:\(tls.port)"])
    }

    @Test func aHostInNoProxyIsReachedDirectly() async throws {
        let desk = try Desk()
        let proxy = try FakeConnectProxy(localNames: ["puzzel.test"])
        defer { proxy.stop() }

        let result = await desk.runProcess(
            ["tel:+4722123456"],
            environment: [
                "https_proxy": proxy.url, "ALL_PROXY": proxy.url, "no_proxy": "puzzel.test",
                "PUZZEL_AUTH_URL": "https://puzzel.test:443",
            ])

        #expect(result.status == 75, "\(result.output)")
        #expect(result.output.contains("host not found"), "looked up directly: \(result.output)")
        #expect(proxy.connections == 0, "no tunnel")
    }

    /// A proxy would reach its own machine's loopback, not this one's, and a plain http request would
    /// carry the password across the network: Puzzel on this machine is reached directly, whatever proxy
    /// the environment names, and the proxy sees nothing at all.
    @Test(arguments: ["http_proxy", "https_proxy", "ALL_PROXY", "HTTP_PROXY"])
    func thisMachineIsReachedWithoutAProxy(variable: String) async throws {
        let desk = try Desk()
        let proxy = try FakeConnectProxy()
        defer { proxy.stop() }

        let result = await desk.runProcess(["tel:+4722123456"], environment: [variable: proxy.url])

        #expect(result.status == 0, "\(result.output)")
        #expect(proxy.connections == 0)
        #expect(desk.puzzel.requests(to: .callout).count == 1)
    }

    /// A request that never left (here the proxy refused the tunnel) cannot have reached Puzzel: it is
    /// tried once more, and this time meets the server behind the proxy.
    @Test func aConnectionThatWasNeverMadeIsTriedOnceMore() async throws {
        let desk = try Desk()
        #expect(await desk.runProcess(["tel:+4722123456"]).status == 0, "signed in")
        let tls = try LoopbackTLSServer()
        defer { tls.stop() }
        let proxy = try FakeConnectProxy(refusing: 1, localNames: ["puzzel.test"])
        defer { proxy.stop() }

        let result = await desk.runProcess(
            ["tel:+4722123457"],
            environment: ["https_proxy": proxy.url, "PUZZEL_API_URL": "https://puzzel.test:\(tls.port)"])

        #expect(result.status == 75, "\(result.output)")
        #expect(result.output.contains("not trusted"), "the second try reached the server: \(result.output)")
        #expect(proxy.connectTargets.count == 2, "refused, then tried once more")
    }

    /// A libcurl that refuses one of the settings a click relies on (an older one, or one built without
    /// TLS): the request is not sent at all, and the message names the setting. The control, a refused
    /// option puzzel-call never sets, calls as usual.
    @Test(arguments: [
        ("CURLOPT_SSL_VERIFYPEER", 64), ("CURLOPT_SSL_VERIFYHOST", 81), ("CURLOPT_PROXY", 10004),
        ("CURLOPT_PROTOCOLS_STR", 10318), ("CURLOPT_MAXFILESIZE_LARGE", 30117), ("none", 10000 + 9999),
    ])
    func aSettingLibcurlRefusesStopsTheRequestBeforeItIsSent(name: String, option: Int) async throws {
        let desk = try Desk()
        // Built once, by a compiler: not on a cooperative thread that other tests' clicks need.
        let libcurl = try await offThePool { Result { try RefusingLibcurl.environment(refusing: option) } }.get()

        let result = await desk.runProcess(["tel:+4722123456"], environment: libcurl)

        if name == "none" {
            #expect(result.status == 0, "the stand-in libcurl works: \(result.output)")
            #expect(desk.puzzel.requests(to: .callout).count == 1)
        } else {
            #expect(result.status == 75, "\(result.output)")
            #expect(result.output.contains("libcurl refused the setting \(name)"), "\(result.output)")
            #expect(result.output.contains("nothing was sent"))
            #expect(desk.puzzel.requests.isEmpty, "nothing reached Puzzel")
        }
    }

    /// A click, `status` and `login`, each with `--verbose`: every request is traced, no secret is.
    @Test func theTraceShowsEveryRequestAndNoSecret() async throws {
        let desk = try Desk()
        let click = await desk.runProcess(["--verbose", "tel:+4722123456"])
        let status = await desk.runProcess(["status", "--verbose"])
        let login = await desk.runProcess(["login", "--verbose"])

        for result in [click, status, login] { #expect(result.status == 0, "\(result.output)") }
        for endpoint in ["api/Authenticate/LogIn", "accesstokeninformation", "/callout"] {
            #expect(click.output.contains(endpoint), "\(endpoint) is traced")
        }
        #expect(click.output.contains("→ 200 in"))
        #expect(click.output.contains("\"destination\":\"004722123456\""))
        #expect(status.output.contains("ContactCentre5/"), "\(status.output)")
        #expect(status.output.contains("→ 200 in"))
        #expect(login.output.contains("api/Authenticate/LogIn → 200 in"), "\(login.output)")
        for result in [click, login] { #expect(result.output.contains("\"password\":\"<redacted>\"")) }
        let tokens = desk.puzzel.requests.compactMap { $0.headers["authorization"]?.dropFirst("Bearer ".count) }
        #expect(!tokens.isEmpty)
        for secret in [desk.puzzel.account.password] + tokens.map(String.init) + desk.puzzel.sessionIds {
            for result in [click, status, login] { #expect(!result.output.contains(secret)) }
        }
        for result in [click, status, login] { #expect(!result.output.lowercased().contains("authorization")) }
    }

    @Test func aClickWritesNothingOutsideItsOwnFolders() async throws {
        let desk = try Desk()
        _ = await desk.runProcess(["tel:+4722123456"])
        let files = FileManager.default.enumerator(atPath: desk.folder.path)?.allObjects as? [String] ?? []
        // The home and XDG folders themselves, and below each only puzzel-call's own folder (`bin` holds the
        // test's tools).
        let strays = files.filter { path in
            let components = path.split(separator: "/")
            return components.count > 1 && components[0] != "bin" && components[1] != "puzzel-call"
        }
        #expect(strays.isEmpty, "\(strays)")
    }

    /// 128 gzip members of 16 MiB of zeros each: 2 GiB once inflated, a few hundred kilobytes sent.
    private func gzipBomb() throws -> [UInt8] {
        let folder = TemporaryDirectory()
        let zeros = folder.path + "/zeros"
        try Data(count: 16 << 20).write(to: URL(fileURLWithPath: zeros))
        try #require(MeasuredProcess.run("/bin/gzip", ["-9", zeros], environment: [:]).status == 0)
        let member = try #require(FileManager.default.contents(atPath: zeros + ".gz"))
        return Array(repeating: Array(member), count: 128).flatMap { $0 }
    }
}
