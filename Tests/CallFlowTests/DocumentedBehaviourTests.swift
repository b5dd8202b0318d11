import Desktop
import FakePuzzel
import Foundation
import TestSupport
import Testing

@testable import CallFlow

/// What the README promises of a click's sign-in and retries, each checked the way a user would notice it.
@Suite(.timeLimit(.minutes(5))) struct DocumentedBehaviourTests {
    @Test(arguments: [401, 403])
    func anExpiredSessionOnTheCalloutItselfIsRenewedAndTheCalloutSentOnceMore(status: Int) async throws {
        let desk = try Desk()
        #expect(try await desk.click().wasCalled)
        desk.puzzel.inject(.respond(status: status, body: "{}"), on: .callout)
        let report = try await desk.click("tel:+4799999999")
        #expect(report.wasCalled)
        #expect(desk.requestSequence.suffix(4) == [.agentState, .callout, .getAccessToken, .callout])
    }

    @Test func aSecond401OnTheCalloutIsNotRetriedAgain() async throws {
        let desk = try Desk()
        #expect(try await desk.click().wasCalled)
        desk.puzzel.inject(.respond(status: 401, body: "{}"), on: .callout, times: 2)
        let report = try await desk.click("tel:+4799999999")
        #expect(report.failure?.exitStatus == .signInFailed)
        #expect(desk.puzzel.requests(to: .callout).count == 3, "the first click's callout, then one retry")
    }

    @Test func aSignInHeldPastTimeoutSecondsEndsTheClickWithTheTimeout() async throws {
        let desk = try Desk()
        desk.configure("timeoutSeconds = 2\n")
        desk.puzzel.inject(.delay(seconds: 8), on: .logIn)
        let report = try await desk.click()
        #expect(report.failure?.exitStatus == .temporaryFailure)
        // On a busy machine the time may run out before the request is even sent: a timeout all the same.
        let message = report.failure?.message ?? ""
        #expect(message.contains("did not answer in time") || message.contains("no time was left"), "\(message)")
        #expect(desk.puzzel.requests(to: .callout).isEmpty)
    }

    /// The password sources, highest first; each test run leaves out the ones above `winner`.
    enum Source: String, CaseIterable { case environment, passwordCommand, keyring, configFile }

    @Test(arguments: Source.allCases)
    func thePasswordComesFromTheFirstSourceThatHasOne(winner: Source) async throws {
        let desk = try Desk()
        let right = desk.puzzel.account.password
        let sources = Source.allCases.drop { $0 != winner }
        func password(_ source: Source) -> String { source == winner ? right : "wrong-from-\(source.rawValue)" }

        desk.environment["PUZZEL_PASSWORD"] = sources.contains(.environment) ? password(.environment) : nil
        var config = ""
        if sources.contains(.passwordCommand) {
            let script = desk.folder.write(
                "#!/bin/sh\necho '\(password(.passwordCommand))'\n", to: "private/password", mode: 0o700)
            config += "passwordCommand = \(script)\n"
        }
        if sources.contains(.configFile) { config += "password = \(password(.configFile))\n" }
        desk.configure(config)
        let keyringPassword = sources.contains(.keyring) ? password(.keyring) : nil
        desk.keyring = { _, _, _ in keyringPassword }

        #expect(try await desk.click().wasCalled)
        #expect(desk.puzzel.requests(to: .logIn).map { $0.jsonBody?["password"] as? String } == [right])
    }

    @Test func passwordCommandRunsWithoutTheNumberOrASecretOnItsCommandLine() async throws {
        let desk = try Desk()
        desk.environment["PUZZEL_PASSWORD"] = nil
        let record = desk.folder.path + "/private/arguments"
        let script = desk.folder.write(
            """
            #!/bin/sh
            printf '%s\\n' "$0" "$@" > '\(record)'
            echo '\(desk.puzzel.account.password)'
            echo 'not the password'
            """, to: "private/password", mode: 0o700)
        desk.configure("passwordCommand = \(script) --account \"agent seven\"\n")
        #expect(try await desk.click("tel:+4722123456").wasCalled)
        let sent = desk.puzzel.requests(to: .logIn).map { $0.jsonBody?["password"] as? String }
        #expect(sent == [desk.puzzel.account.password], "the first line only")
        let arguments = try String(contentsOfFile: record, encoding: .utf8)
        #expect(arguments == "\(script)\n--account\nagent seven\n", "split like a shell would, nothing added")
        for secret in ["22123456", desk.puzzel.account.password] { #expect(!arguments.contains(secret)) }
    }
}
