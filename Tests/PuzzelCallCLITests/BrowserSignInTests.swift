import FakePuzzel
import Foundation
import Glibc
import SystemSupport
import TestSupport
import Testing

@testable import PuzzelCallCLI

/// A real OpenID provider for the browser sign-in: django-oauth-toolkit with OpenID Connect, as
/// scripts/oidc-provider/provider.py sets it up (`.ci/run` installs it into .build/oidc-venv). One is
/// started for the whole run; it stops when the test process ends and closes its input.
final class OpenIDProvider: Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized.path
    static let python =
        ProcessInfo.processInfo.environment["PUZZEL_OIDC_PYTHON"] ?? root + "/.build/oidc-venv/bin/python"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: python) }

    /// The provider most tests share; its authorization codes live a minute, as DOT's do by default.
    private static let sharedOne = Result { try OpenIDProvider() }

    /// The shared provider, started (the first time) on a thread of its own: Django's start takes seconds,
    /// which one of Swift concurrency's few cooperative threads must not spend waiting.
    static func shared() async throws -> OpenIDProvider {
        try await offThePool { sharedOne }.get()
    }

    /// A provider of its own, started on a thread of its own.
    static func start(codeSeconds: Int) async throws -> OpenIDProvider {
        try await offThePool { Result { try OpenIDProvider(codeSeconds: codeSeconds) } }.get()
    }

    let url: String
    private let process: Process
    private let input: Pipe

    /// - Parameter codeSeconds: how long an authorization code stays good.
    init(codeSeconds: Int = 60) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.root + "/scripts/oidc-provider/provider.py"]
        var environment = ProcessInfo.processInfo.environment
        environment["OIDC_CODE_SECONDS"] = String(codeSeconds)
        process.environment = environment
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw TestSetupFailure("the OpenID provider did not start") }
            line += chunk
        }
        let started = try JSONSerialization.jsonObject(with: line) as? [String: String]
        guard let url = started?["url"] else { throw TestSetupFailure("the OpenID provider said no address") }
        self.url = url
    }

    deinit {
        try? input.fileHandleForWriting.close()
    }

    /// The issuer puzzel-call is configured with.
    var issuer: String { url + "/o" }

    /// What Puzzel would ask the provider: whether the access token is one it issued and still honours.
    func honours(_ accessToken: String) -> Bool {
        (try? fetch("GET", "/o/userinfo/", headers: ["Authorization: Bearer \(accessToken)"]))?.status == 200
    }

    /// How many token requests carried all these fields (tests share the provider: each names its own
    /// `redirect_uri` or `refresh_token`).
    func tokenRequests(_ fields: [String: String]) throws -> Int {
        let answer = try fetch("GET", "/test/counts?" + Self.form(fields))
        return (try JSONSerialization.jsonObject(with: answer.body) as? [String: Int])?["count"] ?? -1
    }

    /// Sends a form to the provider, as a client would; the answer's status.
    func post(_ path: String, _ form: [String: String]) throws -> Int {
        try fetch(
            "POST", path, headers: ["Content-Type: application/x-www-form-urlencoded"], body: Self.form(form)
        ).status
    }

    private static func form(_ fields: [String: String]) -> String {
        fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
    }

    /// One HTTP/1.0 exchange with the provider over a plain socket: no proxy a test's environment names (CI's
    /// second run names ones that lead nowhere) can come in between.
    private func fetch(_ method: String, _ path: String, headers: [String] = [], body: String = "") throws -> (
        status: Int, body: Data
    ) {
        let port = UInt16(url.split(separator: ":").last!)!
        let connection = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(connection) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw TestSetupFailure("the OpenID provider does not answer") }
        let request =
            (["\(method) \(path) HTTP/1.0", "Host: 127.0.0.1:\(port)", "Content-Length: \(body.utf8.count)"] + headers)
            .joined(separator: "\r\n") + "\r\n\r\n" + body
        _ = request.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            answer.append(contentsOf: buffer[..<count])
        }
        guard let end = answer.range(of: Data("\r\n\r\n".utf8)),
            let status = String(decoding: answer[..<end.lowerBound], as: UTF8.self).split(separator: " ").dropFirst()
                .first.flatMap({ Int($0) })
        else { throw TestSetupFailure("the OpenID provider's answer could not be read") }
        return (status, answer[end.upperBound...])
    }
}

/// One agent's desktop for the browser sign-in: a private keyring, the stand-in browser as `xdg-open`, a
/// secret-tool that writes down its command lines, and the fake Puzzel trusting the provider's tokens.
struct BrowserDesk {
    let provider: OpenIDProvider
    let puzzel: FakePuzzelServer
    let bus: PrivateSessionBus
    var runner = CommandRunner()

    init(provider: OpenIDProvider, issuerPath: String = "/o", browser mode: String = "consent") async throws {
        self.provider = provider
        puzzel = try FakePuzzelServer()
        puzzel.trustTokens { [provider] in provider.honours($0) }
        bus = try PrivateSessionBus()
        runner.talk(to: puzzel)
        try await bus.startKeyring(home: runner.folder.path + "/keyring")
        // The test's PATH holds only what it declares: python3 for the stand-in browser, which is `xdg-open`, and a
        // secret-tool that writes down its command lines before it does its job.
        runner.folder.provide("python3")
        let secretTool = Subprocess.find("secret-tool", environment: ["PATH": machinePath])!
        runner.folder.write(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '\(runner.folder.path)/argv'\nexec '\(secretTool)' \"$@\"\n",
            to: "bin/secret-tool", mode: 0o755)
        runner.folder.write(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '\(runner.folder.path)/argv'\n"
                + "exec '\(OpenIDProvider.root)/scripts/oidc-provider/browser.py' \"$@\"\n",
            to: "bin/xdg-open", mode: 0o755)
        runner.environment.merge(bus.environment) { $1 }
        runner.environment["PUZZEL_ID_URL"] = provider.url + issuerPath
        runner.environment["STANDIN_BROWSER_MODE"] = mode
        runner.environment["STANDIN_BROWSER_LOG"] = runner.folder.path + "/browser.log"
        runner.folder.write("idClientId = puzzel-call\n", to: "config/puzzel-call/config")
    }

    /// The session in the keyring, as secret-tool gives it; nil when there is none.
    func keyringSession() throws -> [String: Any]? {
        let output = try Subprocess.run("secret-tool", ["lookup"] + keyringAttributes, environment: runner.environment)
        guard output.succeeded, !output.standardOutput.isEmpty else { return nil }
        return try JSONSerialization.jsonObject(with: output.standardOutput) as? [String: Any]
    }

    var keyringAttributes: [String] {
        [
            "service", "puzzel-call", "kind", "browser-session", "issuer", runner.environment["PUZZEL_ID_URL"]!,
            "clientId", "puzzel-call",
        ]
    }

    /// Makes the access token in the keyring look run out, as it will after its lifetime.
    func expireAccessToken() throws {
        var session = try #require(try keyringSession())
        session["tokenExpiry"] = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60))
        let output = try Subprocess.run(
            "secret-tool", ["store", "--label=Puzzel ID session of Puzzel Call"] + keyringAttributes,
            input: try JSONSerialization.data(withJSONObject: session), environment: runner.environment)
        #expect(output.succeeded)
    }

    /// The code requests made with this desk's sign-ins.
    func codeRequests() throws -> Int {
        let redirect = browserLog.compactMap { $0["opened"] as? String }.first.flatMap {
            URLComponents(string: $0)?.queryItems?.first { $0.name == "redirect_uri" }?.value
        }
        return try provider.tokenRequests(["grant_type": "authorization_code", "redirect_uri": try #require(redirect)])
    }

    func refreshRequests(with refreshToken: String) throws -> Int {
        try provider.tokenRequests(["grant_type": "refresh_token", "refresh_token": refreshToken])
    }

    func tokens() throws -> (access: String, refresh: String) {
        let session = try #require(try keyringSession())
        let access = try #require((session["accessToken"] as? [String: Any])?["value"] as? String)
        return (access, try #require(session["browserRefreshToken"] as? String))
    }

    /// What the stand-in browser saw, one entry a line.
    var browserLog: [[String: Any]] {
        let text = (try? String(contentsOfFile: runner.folder.path + "/browser.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The code the browser brought back, from the address it was sent to.
    var code: String? {
        browserLog.compactMap { $0["answer"] as? String }.first.flatMap {
            URLComponents(string: $0)?.queryItems?.first { $0.name == "code" }?.value
        }
    }

    /// Every secret must be absent from every file the agent's folders hold (the keyring's own file is
    /// encrypted), from every command line, and from what the commands printed.
    func expectNowhere(_ secrets: [String], in printed: [CommandRunner.Result]) throws {
        let files = FileManager.default.enumerator(atPath: runner.folder.path)!.compactMap { $0 as? String }
        // The stand-in browser's own log holds what a browser's history would.
        for file in files where !file.hasPrefix("keyring/") && !file.hasPrefix("bin/") && file != "browser.log" {
            guard let data = FileManager.default.contents(atPath: runner.folder.path + "/" + file) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for secret in secrets { #expect(!text.contains(secret), "a secret in \(file)") }
        }
        for result in printed {
            for secret in secrets { #expect(!(result.stdout + result.stderr).contains(secret), "a secret printed") }
        }
    }
}

let browserSignInTools = installed("dbus-daemon", "gdbus", "gnome-keyring-daemon", "secret-tool", "python3")

@Suite(
    .timeLimit(.minutes(5)),
    .enabled(
        if: OpenIDProvider.isInstalled && browserSignInTools,
        "needs django-oauth-toolkit in .build/oidc-venv (.ci/run installs it), dbus, gnome-keyring and libsecret-tools"),
    // Each test starts a bus, a keyring and a browser: one at a time keeps the rest of the suite's clicks on time.
    .serialized)
struct BrowserSignInTests {
    @Test func signingInKeepsTheTokensInTheKeyringAndAClickUsesThem() async throws {
        let provider = try await OpenIDProvider.shared()
        let desk = try await BrowserDesk(provider: provider)
        let login = await desk.runner.run("login", "--browser", "--verbose")
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.contains("Signed in to Puzzel as \(desk.puzzel.account.userId)"), "\(login.stdout)")
        #expect(login.stderr.contains("Opening your browser to sign in with Puzzel ID"))
        #expect(login.stderr.contains("sign-in: the browser brought back a code with this sign-in's state"))
        let page = try #require(desk.browserLog.compactMap { $0["page"] as? String }.first)
        #expect(page.contains("You can close this tab"))
        let tokens = try desk.tokens()
        #expect(provider.honours(tokens.access))

        let click = await desk.runner.run("tel:+4722123456")
        #expect(click.status == 0, "\(click.stderr)")
        let callout = try #require(desk.puzzel.requests(to: .callout).first)
        #expect(callout.headers["authorization"] == "Bearer \(tokens.access)", "the provider's token reaches Puzzel")

        let doctor = await desk.runner.run("doctor")
        #expect(
            doctor.stdout.contains("browser sign-in with Puzzel ID at \(provider.issuer), public client puzzel-call"))
        #expect(doctor.stdout.contains("renews itself with its refresh token"), "\(doctor.stdout)")

        let code = try #require(desk.code)
        try desk.expectNowhere([tokens.access, tokens.refresh, code], in: [login, click, doctor])
        let argv = try String(contentsOfFile: desk.runner.folder.path + "/argv", encoding: .utf8)
        #expect(
            argv.contains("store --label=Puzzel ID session of Puzzel Call service puzzel-call kind browser-session"))
        #expect(argv.contains("code_challenge_method=S256"), "the browser opened the authorization request")
        #expect(!argv.contains("code_verifier"))
        #expect(try desk.codeRequests() == 1)
    }

    /// The application menu's “Sign in to Puzzel”, and a notification's “Sign in”, take a Puzzel ID tenant to
    /// the browser: no password dialog opens.
    @Test func signingInFromTheDesktopOpensTheBrowserAndAsksForNoPassword() async throws {
        let provider = try await OpenIDProvider.shared()
        let desk = try await BrowserDesk(provider: provider)
        desk.runner.folder.write(
            "#!/bin/sh\necho asked >> '\(desk.runner.folder.path)/dialog'\n", to: "bin/zenity", mode: 0o755)
        let login = await desk.runner.run("login", "--from-desktop")
        #expect(login.status == 0, "\(login.stderr)")
        #expect(desk.browserLog.filter { $0["opened"] != nil }.count == 1)
        #expect(provider.honours(try desk.tokens().access))
        #expect(!FileManager.default.fileExists(atPath: desk.runner.folder.path + "/dialog"), "no password dialog")
    }

    @Test func theSessionRenewsItselfOnceForTwoClicksAtOnceAndLogoutRevokesIt() async throws {
        let provider = try await OpenIDProvider.shared()
        let desk = try await BrowserDesk(provider: provider)
        #expect(await desk.runner.run("login", "--browser").status == 0)
        let first = try desk.tokens()

        try desk.expireAccessToken()
        let runner = desk.runner
        async let one = runner.run("tel:+4722123456")
        async let two = runner.run("tel:+4723456789")
        let (a, b) = await (one, two)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
        #expect(try desk.refreshRequests(with: first.refresh) == 1, "one refresh for both clicks")
        let renewed = try desk.tokens()
        #expect(renewed.access != first.access && renewed.refresh != first.refresh)
        let authorizations = desk.puzzel.requests(to: .callout).map { $0.headers["authorization"] }
        #expect(authorizations == ["Bearer \(renewed.access)", "Bearer \(renewed.access)"])
        #expect(desk.browserLog.filter { $0["opened"] != nil }.count == 1, "renewed without a browser")

        let logout = await desk.runner.run("logout")
        #expect(logout.status == 0, "\(logout.stderr)")
        #expect(try desk.keyringSession() == nil)
        let refreshAfterLogout = try provider.post(
            "/o/token/", ["grant_type": "refresh_token", "refresh_token": renewed.refresh, "client_id": "puzzel-call"])
        #expect(refreshAfterLogout == 400, "logout revoked the refresh token")
        try desk.expectNowhere([first.access, first.refresh, renewed.access, renewed.refresh], in: [a, b, logout])
    }

    @Test func aRefreshTheProviderRefusesAsksForASignInOnce() async throws {
        let provider = try await OpenIDProvider.shared()
        let desk = try await BrowserDesk(provider: provider)
        let login = await desk.runner.run("login", "--browser")
        #expect(login.status == 0, "\(login.stderr)")
        let tokens = try desk.tokens()
        let revoked = try provider.post(
            "/o/revoke_token/",
            ["token": tokens.refresh, "token_type_hint": "refresh_token", "client_id": "puzzel-call"])
        #expect(revoked == 200)

        try desk.expireAccessToken()
        let click = await desk.runner.run("tel:+4722123456")
        #expect(click.status == 77)
        #expect(
            click.stderr.contains(
                "The Puzzel ID session has ended and cannot renew itself: run `puzzel-call login --browser`"))
        #expect(try desk.keyringSession() == nil, "the refused session is forgotten")
        let again = await desk.runner.run("tel:+4722123456")
        #expect(again.status == 77)
        #expect(try desk.refreshRequests(with: tokens.refresh) == 1, "a refused refresh is never sent again")
        #expect(desk.puzzel.requests(to: .callout).isEmpty)
        #expect(desk.browserLog.filter { $0["opened"] != nil }.count == 1, "a click never opens the browser")
        try desk.expectNowhere([tokens.access, tokens.refresh], in: [click, again])
    }

    @Test func anAnswerWithAnotherStateIsNeverUsed() async throws {
        let provider = try await OpenIDProvider.shared()
        let desk = try await BrowserDesk(provider: provider, browser: "wrong-state")
        let login = await desk.runner.run("login", "--browser")
        #expect(login.status == 77)
        #expect(login.stderr.contains("does not belong to this sign-in"), "\(login.stderr)")
        #expect(try desk.codeRequests() == 0, "its code is never sent")
        #expect(try desk.keyringSession() == nil)
        try desk.expectNowhere([try #require(desk.code)], in: [login])
    }

    @Test func aSecondAnswerFindsTheListenerClosed() async throws {
        let provider = try await OpenIDProvider.shared()
        let desk = try await BrowserDesk(provider: provider, browser: "twice")
        let login = await desk.runner.run("login", "--browser")
        #expect(login.status == 0, "\(login.stderr)")
        let deliveries = desk.browserLog.compactMap { $0["listener"] }.map { "\($0)" }
        #expect(deliveries == ["200", "refused"])
        #expect(try desk.codeRequests() == 1)
    }

    @Test func aDeclinedConsentStoresNothing() async throws {
        let provider = try await OpenIDProvider.shared()
        let desk = try await BrowserDesk(provider: provider, browser: "deny")
        let login = await desk.runner.run("login", "--browser")
        #expect(login.status == 77)
        #expect(login.stderr.contains("The sign-in was not completed in the browser (access_denied"), "\(login.stderr)")
        #expect(try desk.keyringSession() == nil)
        let page = try #require(desk.browserLog.compactMap { $0["page"] as? String }.first)
        #expect(page.contains("The sign-in did not finish"))
    }

    @Test func anExpiredCodeIsRefusedWithAClearMessage() async throws {
        let provider = try await OpenIDProvider.start(codeSeconds: 1)
        var desk = try await BrowserDesk(provider: provider, browser: "late")
        desk.runner.environment["STANDIN_BROWSER_DELAY"] = "2.5"
        let login = await desk.runner.run("login", "--browser")
        #expect(login.status == 77)
        #expect(login.stderr.contains("Puzzel ID did not accept the sign-in from the browser"), "\(login.stderr)")
        #expect(try desk.keyringSession() == nil)
        try desk.expectNowhere([try #require(desk.code)], in: [login])
    }

    @Test func aRedirectedDiscoveryIsNotFollowed() async throws {
        let provider = try await OpenIDProvider.shared()
        let desk = try await BrowserDesk(provider: provider, issuerPath: "/moved")
        let login = await desk.runner.run("login", "--browser")
        #expect(login.status == 75)
        #expect(login.stderr.contains("answered with a redirect"), "\(login.stderr)")
        #expect(desk.browserLog.isEmpty, "no browser opens")
    }

    @Test func aRedirectedTokenRequestIsNotFollowed() async throws {
        let provider = try await OpenIDProvider.shared()
        let desk = try await BrowserDesk(provider: provider, issuerPath: "/moving-token")
        let login = await desk.runner.run("login", "--browser")
        #expect(login.status == 75)
        #expect(login.stderr.contains("answered with a redirect (HTTP 307"), "\(login.stderr)")
        #expect(try desk.codeRequests() == 0, "the code never reached a token endpoint")
        #expect(try desk.keyringSession() == nil)
        try desk.expectNowhere([try #require(desk.code)], in: [login])
    }

    @Test func aDiscoveryDocumentOfAnotherIssuerIsRefused() async throws {
        let provider = try await OpenIDProvider.shared()
        let desk = try await BrowserDesk(provider: provider, issuerPath: "/other-issuer")
        let login = await desk.runner.run("login", "--browser")
        #expect(login.status == 78)
        #expect(login.stderr.contains("name another issuer (https://id.example.net)"), "\(login.stderr)")
        #expect(desk.browserLog.isEmpty)
    }

    @Test func noBrowserIsSaidAtOnce() async throws {
        let provider = try await OpenIDProvider.shared()
        let desk = try await BrowserDesk(provider: provider, browser: "broken")
        let login = await desk.runner.run("login", "--browser")
        #expect(login.status == 75)
        #expect(login.stderr.contains("Could not open a browser to sign in (xdg-open exit status 3"), "\(login.stderr)")
    }
}
