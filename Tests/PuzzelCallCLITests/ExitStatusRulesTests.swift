import CallFlow
import FakePuzzel
import Foundation
import TestSupport
import Testing

@testable import PuzzelCallCLI

/// The README's table of exit statuses and its `--json` rule, held for every command: for each, a bad
/// option, a bad value and a bad input end with the status the table gives, and with `--json` the process
/// prints one JSON object whose `exitStatus` is that status. Together the cases reach every status in the table.
@Suite(.timeLimit(.minutes(5))) struct ExitStatusRulesTests {
    /// One way to run a command, what to do first, and the status the README's table gives it.
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let status: CallFlow.ExitStatus
        var stdin: [String] = []
        var prepare: @Sendable (inout [String: String], TemporaryDirectory, FakePuzzelServer) -> Void = { _, _, _ in }
        var testDescription: String { "\(arguments.joined(separator: " ")) → \(status.rawValue)" }
    }

    static let brokenConfig: @Sendable (inout [String: String], TemporaryDirectory, FakePuzzelServer) -> Void = {
        _, folder, _ in folder.write("colour = blue\n", to: "config/puzzel-call/config")
    }

    static let cases: [Case] = [
        // call
        Case(arguments: ["call", "--bogus", "tel:+4722123456"], status: .usage),
        Case(arguments: ["call", "--country", "XX", "tel:22123456"], status: .usage),
        Case(arguments: ["call", "tel:abc"], status: .noNumber),
        Case(arguments: ["call", "tel:+4722123456"], status: .refused) { _, _, puzzel in
            puzzel.setAgentState(contactCentreStatus: "LoggedOff", userStatus: "LoggedOff")
        },
        Case(arguments: ["call", "tel:+4722123456"], status: .temporaryFailure) { environment, _, _ in
            // Nothing listens on port 9 of loopback (discard, never served here): the connection is refused.
            environment["PUZZEL_API_URL"] = "http://127.0.0.1:9"
            environment["PUZZEL_AUTH_URL"] = "http://127.0.0.1:9"
        },
        Case(arguments: ["call", "tel:+4722123456"], status: .signInFailed) { environment, _, _ in
            environment["PUZZEL_PASSWORD"] = "wrong"
        },
        Case(arguments: ["call", "--dry-run", "tel:+4722123456"], status: .success),
        // normalize
        Case(arguments: ["normalize", "--bogus", "22123456"], status: .usage),
        Case(arguments: ["normalize", "--country", "XX", "22123456"], status: .usage),
        Case(arguments: ["normalize", "tel:abc"], status: .noNumber),
        // find
        Case(arguments: ["find", "--bogus"], status: .usage),
        Case(arguments: ["find", "--leniency", "sloppy"], status: .usage),
        Case(arguments: ["find"], status: .noNumber, stdin: ["no number in this line"]),
        // selection: a stand-in xclip holds the selected text.
        Case(arguments: ["selection", "--bogus"], status: .usage),
        Case(arguments: ["selection", "--country", "XX"], status: .usage),
        Case(arguments: ["selection"], status: .noNumber) { environment, folder, _ in
            folder.write("#!/bin/sh\necho 'no number in this text'\n", to: "tools/xclip", mode: 0o755)
            environment["PATH"] = folder.file("tools")
            environment["DISPLAY"] = ":99"
        },
        // login
        Case(arguments: ["login", "--bogus"], status: .usage),
        Case(arguments: ["login", "--customer-key"], status: .usage),
        Case(arguments: ["login", "--password-stdin"], status: .signInFailed, stdin: ["wrong"]) {
            environment, _, _ in environment["PUZZEL_PASSWORD"] = nil
        },
        // logout, status, history
        Case(arguments: ["logout", "--bogus"], status: .usage),
        Case(arguments: ["logout", "extra"], status: .usage),
        Case(arguments: ["logout"], status: .configuration, prepare: brokenConfig),
        Case(arguments: ["status", "--bogus"], status: .usage),
        Case(arguments: ["status", "extra"], status: .usage),
        Case(arguments: ["status"], status: .configuration, prepare: brokenConfig),
        Case(arguments: ["history", "--bogus"], status: .usage),
        Case(arguments: ["history", "-n", "many"], status: .usage),
        Case(arguments: ["history", "-n", "0"], status: .usage),
        Case(arguments: ["history"], status: .success) { _, folder, _ in
            // A damaged line is skipped, not a failure: the history is a record, not an input to act on.
            folder.write("not json\n", to: "state/puzzel-call/history.jsonl", mode: 0o600)
        },
        // install, uninstall
        Case(arguments: ["install", "--bogus"], status: .usage),
        Case(arguments: ["install", "--system", "--trusted-origin", "*"], status: .usage),
        Case(arguments: ["install", "--default-only"], status: .cannotCreate) { environment, folder, _ in
            // No entry is installed anywhere this environment looks.
            environment["XDG_DATA_DIRS"] = folder.file("nowhere")
        },
        Case(arguments: ["uninstall", "--bogus"], status: .usage),
        Case(arguments: ["uninstall", "--prefix"], status: .usage),
        Case(arguments: ["uninstall", "extra"], status: .usage),
        Case(arguments: ["uninstall"], status: .success) { environment, folder, _ in
            // No record of an installation (the home is not even a folder): nothing to take back.
            environment["HOME"] = folder.write("", to: "not-a-home")
        },
        // doctor
        Case(arguments: ["doctor", "--bogus"], status: .usage),
        Case(arguments: ["doctor", "extra"], status: .usage),
        Case(arguments: ["doctor"], status: .checksFailed) { environment, _, _ in environment["PATH"] = "/nonexistent"
        },
    ]

    func run(_ testCase: Case, json: Bool) async throws -> CommandRunner.Result {
        let puzzel = try FakePuzzelServer()
        defer { puzzel.stop() }
        var runner = CommandRunner()
        runner.talk(to: puzzel, as: puzzel.account)
        testCase.prepare(&runner.environment, runner.folder, puzzel)
        return await runner.run(testCase.arguments + (json ? ["--json"] : []), stdin: testCase.stdin)
    }

    @Test(arguments: cases)
    func endsWithTheStatusTheTableGives(_ testCase: Case) async throws {
        let result = try await run(testCase, json: false)
        #expect(result.status == testCase.status.rawValue, "\(result.stderr)")
    }

    @Test(arguments: cases)
    func withJSONPrintsOneObjectNamingThatStatus(_ testCase: Case) async throws {
        let result = try await run(testCase, json: true)
        #expect(result.status == testCase.status.rawValue, "\(result.stdout)")
        #expect(result.stdoutLines.count == 1, "one JSON object and nothing else: \(result.stdout)")
        if testCase.status == .success || testCase.status == .checksFailed {
            // A dry run is its report; doctor's report says whether every check passed.
            #expect(result.json["error"] == nil)
        } else if testCase.arguments[0] == "normalize" && testCase.status == .noNumber {
            // normalize answers each input line with an object of its own, the failed ones naming why.
            #expect(result.json["error"] is String)
            #expect(result.json["message"] is String)
        } else {
            #expect(result.json["exitStatus"] as? Int == Int(testCase.status.rawValue), "\(result.stdout)")
            #expect(result.json["error"] is String)
            #expect(result.json["message"] is String)
        }
    }

    @Test func theCasesReachEveryStatusInTheTable() {
        #expect(Set(Self.cases.map(\.status)) == Set(CallFlow.ExitStatus.allCases))
        #expect(Set(Self.cases.map { $0.arguments[0] }) == Set(PuzzelCall.commands.map { $0.spec.name }))
        for command in PuzzelCall.commands.map({ $0.spec.name }) {
            let statuses = Self.cases.filter { $0.arguments[0] == command }.map(\.status)
            #expect(statuses.filter { $0 == .usage }.count >= 2, "\(command): a bad option and a bad value")
            #expect(statuses.contains { $0 != .usage }, "\(command): a bad input")
        }
    }

    @Test func findWithJSONSaysNoNumberWasFound() async {
        let result = await CommandRunner().run(["find", "--json"], stdin: ["nothing to call here"])
        #expect(
            result.stdout == #"{"error":"no-number","exitStatus":65,"message":"find: no phone number was found"}"#
                + "\n")
    }

    @Test func aDryRunWithoutAnyCountryNamesNoSourceForIt() async {
        var runner = CommandRunner()
        for variable in ["LANG", "LC_ALL", "LC_MESSAGES", "PUZZEL_COUNTRY"] { runner.environment[variable] = nil }
        let result = await runner.run("--dry-run", "--json", "tel:+4722123456")
        #expect(result.status == 0)
        #expect(result.json["country"] == nil)
        #expect(result.json["countrySource"] == nil, "\(result.stdout)")
    }

    @Test func loginWithoutATerminalNamesPasswordStdin() async {
        var runner = CommandRunner()
        runner.environment["PUZZEL_CUSTOMER_KEY"] = "10000"
        runner.environment["PUZZEL_USERNAME"] = "agent7"
        runner.environment["PATH"] = "/nonexistent"
        let result = await runner.run("login")
        #expect(result.status == 78)
        #expect(
            result.stderr
                == "puzzel-call: login: there is no terminal to ask for the password at: give it on standard input "
                + "with `puzzel-call login --password-stdin`, or sign in from the desktop (“Sign in to Puzzel” "
                + "in the application menu, or `puzzel-call login --from-desktop`)\n")
    }
}
