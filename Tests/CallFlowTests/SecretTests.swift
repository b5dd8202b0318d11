import FakePuzzel
import Foundation
import TestSupport
import Testing

@testable import CallFlow

/// Where a secret may go and where it may not: a session only to the URLs it was made for, a password
/// program's error output only to the terminal.
@Suite(.timeLimit(.minutes(5))) struct SecretTests {
    /// The API URL changes (a new Puzzel, or someone's server): the cached token is not sent there. The
    /// click signs in again, and the new server sees only what it issued.
    @Test func aChangedAPIURLMeansANewSignInAndTheOldTokenGoesNowhere() async throws {
        let desk = try Desk()
        #expect(try await desk.click().wasCalled, "signed in")
        let elsewhere = try FakePuzzelServer()
        defer { elsewhere.stop() }
        desk.environment["PUZZEL_API_URL"] = elsewhere.apiURL.absoluteString

        _ = try await desk.click("tel:+4722123457")

        let oldTokens = Set(desk.puzzel.requests.compactMap { $0.headers["authorization"] })
        #expect(!oldTokens.isEmpty)
        #expect(!elsewhere.requests.isEmpty, "the click went to the new URL")
        for request in elsewhere.requests {
            #expect(!oldTokens.contains(request.headers["authorization"] ?? ""), "\(request.endpoint)")
        }
        #expect(desk.puzzel.requests(to: .logIn).count == 2, "a new sign-in for the new URL")
    }

    /// Both URLs change: the new Puzzel signs the agent in and takes the call, and the old session's token
    /// and session id reach neither.
    @Test func aChangedAuthAndAPIURLSignInThereAndSendTheOldSessionNowhere() async throws {
        let desk = try Desk()
        #expect(try await desk.click().wasCalled, "signed in")
        let elsewhere = try FakePuzzelServer()
        defer { elsewhere.stop() }
        desk.environment["PUZZEL_AUTH_URL"] = elsewhere.authURL.absoluteString
        desk.environment["PUZZEL_API_URL"] = elsewhere.apiURL.absoluteString
        let before = desk.puzzel.requests.count

        #expect(try await desk.click("tel:+4722123457").wasCalled)

        #expect(desk.puzzel.requests.count == before, "the old Puzzel hears nothing more")
        #expect(elsewhere.requests(to: .logIn).count == 1)
        let old = desk.puzzel.requests.compactMap { $0.headers["authorization"] } + desk.puzzel.sessionIds
        for request in elsewhere.requests {
            let sent = (request.headers["authorization"] ?? "") + String(decoding: request.body, as: UTF8.self)
            for secret in old { #expect(!sent.contains(secret.dropFirst("Bearer ".count))) }
        }
    }

    /// A password program that fails says why on its error output, which may hold anything it read: the
    /// terminal gets it, the click's message, its `--json` and the history do not.
    @Test func aFailingPasswordProgramsErrorOutputGoesToTheTerminalOnly() async throws {
        let desk = try Desk()
        desk.environment["PUZZEL_PASSWORD"] = nil
        let program = desk.folder.write(
            "#!/bin/sh\necho 'vault: token s3cr3t-vault-token expired' >&2\nexit 3\n", to: "bin/vault-password",
            mode: 0o700)
        desk.configure("passwordCommand = \(program)\n")

        let report = try await desk.click()
        let json = await desk.runProcess(["--json", "tel:+4722123457"])

        let failure = try #require(report.failure)
        #expect(failure.message.contains("passwordCommand"), "\(failure.message)")
        #expect(failure.message.contains("exit status 3"))
        #expect(!failure.message.contains("s3cr3t"))
        #expect(desk.warnings.contains { $0.contains("vault: token s3cr3t-vault-token expired") }, "\(desk.warnings)")
        let jsonLine = try #require(json.output.split(separator: "\n").first { $0.hasPrefix("{") })
        #expect(!jsonLine.contains("s3cr3t"), "\(jsonLine)")
        #expect(json.output.contains("s3cr3t"), "the terminal (standard error) has it: \(json.output)")
        let files = FileManager.default.enumerator(atPath: desk.folder.path)?.allObjects as? [String] ?? []
        for file in files where file != "bin/vault-password" {
            let contents = FileManager.default.contents(atPath: desk.folder.path + "/" + file) ?? Data()
            #expect(!String(decoding: contents, as: UTF8.self).contains("s3cr3t"), "\(file)")
        }
    }
}
