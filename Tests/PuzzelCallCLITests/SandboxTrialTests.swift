import Foundation
import SystemSupport
import TestSupport
import Testing

/// The README's trial without a Puzzel account, as a user runs it: the config lines `puzzel-sandbox
/// --print-config` gives, `login --password-stdin`, a click, and `doctor`, which then agrees that the
/// settings are where a click from the desktop finds them.
@Suite(.timeLimit(.minutes(5))) struct SandboxTrialTests {
    @Test
    func theConfigLinesTheSandboxPrintsSignInAndCallAndDoctorAgrees() async throws {
        let folder = TemporaryDirectory()
        // No keyring, no fleet config, no PUZZEL_ variable: only what the trial writes.
        let environment = folder.environment.merging(["PATH": folder.file("no-tools"), "LANG": "C.UTF-8"]) { $1 }
        let sandbox = Process()
        sandbox.executableURL = URL(fileURLWithPath: productBinary("puzzel-sandbox"))
        sandbox.arguments = ["--port", "0"]
        let banner = Pipe()
        sandbox.standardOutput = banner
        sandbox.standardError = FileHandle.nullDevice
        try sandbox.run()
        defer { sandbox.terminate() }
        let firstLine = String(decoding: banner.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(firstLine.firstMatch(of: /127\.0\.0\.1:(\d+)\./)?.1)

        let printed = try Subprocess.run(
            productBinary("puzzel-sandbox"), ["--port", String(port), "--print-config"], timeout: .seconds(20))
        #expect(printed.succeeded)
        folder.write(printed.standardOutputText, to: "config/puzzel-call/config")
        let password = try #require(
            printed.standardOutputText.firstMatch(
                of: /# Then sign in: echo (\S+) \| puzzel-call login --password-stdin/)?.1)

        func puzzelCall(_ arguments: String..., input: String? = nil) throws -> Subprocess.Output {
            try Subprocess.run(
                productBinary("puzzel-call"), arguments, input: input.map { Data($0.utf8) }, environment: environment,
                timeout: .seconds(30))
        }
        let login = try puzzelCall("login", "--password-stdin", input: password + "\n")
        #expect(login.succeeded, "\(login.standardErrorText)")
        let click = try puzzelCall("tel:+47 22 12 34 56")
        #expect(click.succeeded, "\(click.standardErrorText)")

        let doctor = try puzzelCall("doctor", "--online", "--json")
        let report = try #require(try JSONSerialization.jsonObject(with: doctor.standardOutput) as? [String: Any])
        let checks = (report["checks"] as? [[String: Any]] ?? []).reduce(into: [String: Bool]()) {
            $0[$1["name"] as? String ?? ""] = $1["ok"] as? Bool
        }
        for name in ["configuration", "account", "password", "environment", "sign-in"] {
            #expect(checks[name] == true, "\(name): \(doctor.standardOutputText)")
        }
    }
}
