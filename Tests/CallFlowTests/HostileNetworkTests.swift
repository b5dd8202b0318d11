import FakePuzzel
import Foundation
import TestSupport
import Testing

@testable import CallFlow

/// A click against a network that lies: redirects, answers without end, a certificate nobody trusts,
/// plain http, a proxy in between. Whatever it is told, a click sends each request once, to the URL it
/// was configured with, and stops by its deadline.
@Suite struct HostileNetworkTests {
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
        #expect(failure.code == CallFailure.mayHaveBeenPlacedCode)
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
        }
        #expect(huge.output.contains("Puzzel's answer was too large"))
        #expect(desk.puzzel.requests(to: .agentState).allSatisfy { $0.headers["accept-encoding"] == "identity" })
        #expect(desk.puzzel.requests(to: .callout).isEmpty)
    }

    @Test func aCertificateTheSystemDoesNotTrustIsAClearRefusal() async throws {
        let desk = try Desk()
        #expect(try await desk.click().wasCalled, "signed in, user id cached")
        let tls = try UntrustedTLSServer()
        defer { tls.stop() }
        desk.configure("checkStatus = false\n")
        desk.environment["PUZZEL_API_URL"] = tls.url

        let failure = try #require(try await desk.click("tel:+4722123457").failure)

        #expect(failure.message.contains("not trusted"), "\(failure.message)")
        #expect(!failure.message.contains("may have been placed"))
        #expect(failure.exitStatus == .temporaryFailure)
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

    @Test func aClickGoesThroughTheConfiguredProxy() async throws {
        let desk = try Desk()
        let proxy = try FakeConnectProxy()
        defer { proxy.stop() }

        let result = await desk.runProcess(["tel:+4722123456"], environment: ["http_proxy": proxy.url])

        #expect(result.status == 0, "\(result.output)")
        #expect(proxy.connectTargets.contains("127.0.0.1:\(desk.puzzel.port)"))
        #expect(desk.puzzel.requests(to: .callout).count == 1)
    }

    /// A request that never left (here the proxy refused the tunnel) cannot have reached Puzzel: it is
    /// tried once more, and the click goes through.
    @Test func aConnectionThatWasNeverMadeIsTriedOnceMore() async throws {
        let desk = try Desk()
        #expect(await desk.runProcess(["tel:+4722123456"]).status == 0, "signed in")
        let proxy = try FakeConnectProxy(refusing: 1)
        defer { proxy.stop() }

        let result = await desk.runProcess(["tel:+4722123457"], environment: ["http_proxy": proxy.url])

        #expect(result.status == 0, "\(result.output)")
        #expect(proxy.connectTargets.count == 3, "refused, then the state and the callout")
        #expect(desk.puzzel.requests(to: .agentState).count == 2)
    }

    @Test func theTraceShowsEveryRequestAndNoSecret() async throws {
        let desk = try Desk()
        let result = await desk.runProcess(["--verbose", "tel:+4722123456"])

        #expect(result.status == 0, "\(result.output)")
        for endpoint in ["api/Authenticate/LogIn", "accesstokeninformation", "/callout"] {
            #expect(result.output.contains(endpoint), "\(endpoint) is traced")
        }
        #expect(result.output.contains("→ 200 in"))
        #expect(result.output.contains("\"password\":\"<redacted>\""))
        #expect(result.output.contains("\"destination\":\"004722123456\""))
        let tokens = desk.puzzel.requests.compactMap { $0.headers["authorization"]?.dropFirst("Bearer ".count) }
        #expect(!tokens.isEmpty)
        for secret in [desk.puzzel.account.password] + tokens.map(String.init) + desk.puzzel.sessionIds {
            #expect(!result.output.contains(secret))
        }
        #expect(!result.output.lowercased().contains("authorization"))
    }

    @Test func aClickWritesNothingOutsideItsOwnFolders() async throws {
        let desk = try Desk()
        _ = await desk.runProcess(["tel:+4722123456"])
        let files = FileManager.default.enumerator(atPath: desk.folder.path)?.allObjects as? [String] ?? []
        // The home and XDG folders themselves, and below each only puzzel-call's own folder.
        let strays = files.filter { path in
            let components = path.split(separator: "/")
            return components.count > 1 && components[1] != "puzzel-call"
        }
        #expect(strays.isEmpty, "\(strays)")
    }

    /// 128 gzip members of 16 MiB of zeros each: 2 GiB once inflated, a few hundred kilobytes sent.
    private func gzipBomb() throws -> [UInt8] {
        let folder = TemporaryDirectory()
        let zeros = folder.path + "/zeros"
        FileManager.default.createFile(atPath: zeros, contents: Data(count: 16 << 20))
        try #require(MeasuredProcess.run("/bin/gzip", ["-9", zeros], environment: [:]).status == 0)
        let member = try #require(FileManager.default.contents(atPath: zeros + ".gz"))
        return Array(repeating: Array(member), count: 128).flatMap { $0 }
    }
}
