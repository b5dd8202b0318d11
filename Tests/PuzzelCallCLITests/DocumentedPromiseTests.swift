import Desktop
import FakePuzzel
import Foundation
import Glibc
import TestSupport
import Testing

@testable import PuzzelCallCLI

/// What the README promises of the commands' output: `--json` errors, `doctor`, a refused link's name,
/// and how long the keyring is waited for.
@Suite(.timeLimit(.minutes(5))) struct DocumentedPromiseTests {
    let puzzel: FakePuzzelServer
    var runner = CommandRunner()

    init() throws {
        puzzel = try FakePuzzelServer()
        runner.talk(to: puzzel, as: puzzel.account)
    }

    /// A way for a command to fail: its arguments, and what to do to the agent's desk first.
    struct Failing: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        var prepare: @Sendable (inout [String: String], TemporaryDirectory, FakePuzzelServer) -> Void = { _, _, _ in }
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let failures: [Failing] = [
        Failing(arguments: ["tel:abc", "--json"]),
        Failing(arguments: ["--dry-run", "tel:+47 1", "--json"]),
        Failing(arguments: ["call", "tel:+4722123456", "--json"]) { _, _, puzzel in
            puzzel.setAgentState(contactCentreStatus: "LoggedOff", userStatus: "LoggedOff")
        },
        Failing(arguments: ["call", "tel:+4722123456", "--json"]) { environment, _, _ in
            environment["PUZZEL_PASSWORD"] = "wrong"
        },
        Failing(arguments: ["normalize", "--country", "Narnia", "--json", "22123456"]),
        Failing(arguments: ["login", "--json"]) { environment, _, _ in environment["PUZZEL_CUSTOMER_KEY"] = nil },
        Failing(arguments: ["login", "--password-stdin", "--json"]) { environment, _, _ in
            environment["PUZZEL_PASSWORD"] = nil
        },
        Failing(arguments: ["status", "--json"]) { _, folder, _ in
            folder.write("country = Narnia\n", to: "config/puzzel-call/config")
        },
        Failing(arguments: ["logout", "--forget", "--json"]) { _, folder, _ in
            // A config folder the user's private group may write: read, but no private file is written there.
            let file = folder.write("password = hunter2\n", to: "config/puzzel-call/config", mode: 0o600)
            chmod((file as NSString).deletingLastPathComponent, 0o770)
        },
        Failing(arguments: ["history", "-n", "0", "--json"]),
        Failing(arguments: ["install", "--system", "--prefix", "/opt", "--json"]),
        Failing(arguments: ["install", "--json"]) { environment, folder, _ in
            environment["HOME"] = folder.write("", to: "not-a-home")
        },
        Failing(arguments: ["uninstall", "--json", "extra"]),
        Failing(arguments: ["doctor", "--json", "--unknown"]),
    ]

    @Test(arguments: failures)
    func aJSONErrorNamesTheExitStatusTheProcessEndsWith(_ failing: Failing) async {
        var runner = runner
        failing.prepare(&runner.environment, runner.folder, puzzel)
        let result = await runner.run(failing.arguments)
        #expect(![0, 1].contains(result.status), "\(result.stdout)")
        #expect(result.stdoutLines.count == 1, "one JSON object and nothing else")
        #expect(result.json["exitStatus"] as? Int == Int(result.status), "\(result.stdout)")
        #expect(result.json["error"] is String)
        #expect(result.json["message"] is String)
    }

    @Test func aRefusedLinkIsNamedByItsFirst60Characters() async {
        var runner = runner
        runner.fromDesktop = true
        let name = "agent." + String(repeating: "abcdefghij", count: 10)
        let link = "callto:" + name
        #expect(await runner.run(link).status == 65)
        let notice = runner.notices.all.last
        // The headline names no raw link; the body names the refused one by its first 60 characters.
        #expect(notice?.summary == "Not calling")
        #expect(
            notice?.body.hasPrefix("callto:\(name.prefix(60))… is a Skype name, not a number") == true,
            "\(notice?.body ?? "")")
    }

    @Test func aKeyringThatDoesNotAnswerWithinTimeoutSecondsEndsTheClick() async {
        var runner = runner
        // A keyring that answers, but only after the click's time is up.
        runner.folder.write(
            "#!/bin/sh\nsleep 4\necho '\(puzzel.account.password)'\n", to: "tools/secret-tool", mode: 0o755)
        runner.environment["PATH"] = runner.folder.path + "/tools:" + runner.environment["PATH"]!
        runner.environment["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + runner.folder.path + "/no-bus"
        runner.environment["PUZZEL_PASSWORD"] = nil
        runner.folder.write("timeoutSeconds = 1\n", to: "config/puzzel-call/config")
        let result = await runner.run("tel:+4722123456", "--json")
        #expect(result.status == 75)
        #expect(result.json["error"] as? String == "keyring-not-answering")
        #expect(puzzel.requests.isEmpty)
    }

    // MARK: doctor

    /// `doctor --json` as a dictionary of each check's name to the check.
    func doctor(_ arguments: String..., runner: CommandRunner? = nil) async -> (
        status: Int32, checks: [String: [String: Any]], top: Set<String>
    ) {
        let result = await (runner ?? self.runner).run(["doctor", "--json"] + arguments)
        let checks = result.json["checks"] as? [[String: Any]] ?? []
        let byName = Dictionary(checks.map { ($0["name"] as? String ?? "", $0) }) { first, _ in first }
        return (result.status, byName, Set(result.json.keys))
    }

    @Test func doctorOnABareDesktopFailsEachLinkWithItsFixAndExits1() async throws {
        var runner = runner
        // The desktop's tools are there, but nothing of puzzel-call's: an installed package's binary and
        // entry are outside the test's PATH and XDG_DATA_DIRS.
        runner.folder.provide("xdg-mime", "gio", "desktop-file-validate")
        runner.environment["PUZZEL_PASSWORD"] = nil
        runner.environment["PUZZEL_CUSTOMER_KEY"] = nil
        let (status, checks, top) = await doctor(runner: runner)
        #expect(status == 1)
        #expect(top == ["ok", "checks"])
        let failing = [
            "binary-on-path", "desktop-entry", "xdg-mime", "gio-mime", "notifications", "account", "password",
        ]
        for name in failing {
            #expect(checks[name]?["ok"] as? Bool == false, "\(name)")
            #expect((checks[name]?["fix"] as? String)?.isEmpty == false, "\(name) says how to fix it")
        }
        #expect(checks["configuration"]?["ok"] as? Bool == true)
        #expect(checks["configuration"]?["fix"] == nil)
        #expect(checks["sign-in"] == nil, "only --online signs in")

        let text = await runner.run("doctor")
        #expect(text.status == 1)
        #expect(
            text.stdoutLines.contains(
                "✗ puzzel-call is not on PATH — run `puzzel-call install`, "
                    + "and add ~/.local/bin to PATH if your login does not"))
    }

    @Test func doctorNamesABrokenConfigurationAndExits1() async {
        runner.folder.write("country = Narnia\n", to: "config/puzzel-call/config")
        let (status, checks, _) = await doctor()
        #expect(status == 1)
        #expect((checks["configuration"]?["description"] as? String)?.contains("Narnia") == true)
    }

    @Test func doctorFindsEachPasswordSource() async {
        var runner = runner
        #expect(
            await doctor(runner: runner).checks["password"]?["description"] as? String
                == "password from PUZZEL_PASSWORD")
        runner.environment["PUZZEL_PASSWORD"] = nil
        runner.folder.write(
            "passwordCommand = no-such-password-program\n", to: "config/puzzel-call/config", mode: 0o600)
        let missing = await doctor(runner: runner).checks["password"]
        #expect(missing?["ok"] as? Bool == false)
        #expect(missing?["description"] as? String == "passwordCommand no-such-password-program is not installed")
        runner.folder.write("password = hunter2\n", to: "config/puzzel-call/config", mode: 0o600)
        // A keyring that knows the password comes before the config file.
        let tools = runner.folder.write("#!/bin/sh\necho hunter3\n", to: "tools/secret-tool", mode: 0o755)
        let path = runner.environment["PATH"]!
        runner.environment["PATH"] = (tools as NSString).deletingLastPathComponent + ":" + path
        runner.environment["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + runner.folder.path + "/no-bus"
        #expect(
            await doctor(runner: runner).checks["password"]?["description"] as? String
                == "password in the desktop keyring")
        runner.environment["PATH"] = path
        #expect(
            await doctor(runner: runner).checks["password"]?["description"] as? String
                == "password in a private config file")
    }

    @Test func doctorOnlineSignsInForReal() async {
        var runner = runner
        let signedIn = await doctor("--online", runner: runner).checks["sign-in"]
        #expect(signedIn?["ok"] as? Bool == true)
        #expect(signedIn?["description"] as? String == "signed in to Puzzel as \(puzzel.account.userName)")
        #expect(puzzel.requests(to: .logIn).count == 1)

        runner.environment["PUZZEL_USERNAME"] = "someone.else"
        let (status, checks, _) = await doctor("--online", runner: runner)
        #expect(status == 1)
        #expect(checks["sign-in"]?["ok"] as? Bool == false)
        #expect(checks["sign-in"]?["fix"] as? String == "run `puzzel-call login`")
    }

    @Test(
        .enabled(
            if: installed("xdg-mime", "gio", "desktop-file-validate", "dbus-daemon", "gdbus", "Xvfb", "dunst"),
            "needs xdg-utils, libglib2.0-bin, desktop-file-utils, dbus, xvfb and dunst"))
    func doctorOnAWorkingDesktopPassesEveryCheck() async throws {
        var runner = runner
        // The account in the user's config file, where a click from the desktop finds it too.
        let settings: [(key: String, variable: String)] = [
            ("customerKey", "PUZZEL_CUSTOMER_KEY"), ("userName", "PUZZEL_USERNAME"), ("password", "PUZZEL_PASSWORD"),
            ("authURL", "PUZZEL_AUTH_URL"), ("apiURL", "PUZZEL_API_URL"),
        ]
        let config = settings.map { "\($0.key) = \(runner.environment[$0.variable]!)\n" }.joined()
        runner.folder.write(config, to: "config/puzzel-call/config", mode: 0o600)
        for setting in settings { runner.environment[setting.variable] = nil }
        let bus = try PrivateSessionBus()
        try await bus.startNotificationServer()
        runner.environment.merge(bus.environment) { $1 }
        runner.folder.provide("xdg-mime", "gio", "desktop-file-validate", "update-desktop-database")
        runner.environment["PATH"] = runner.environment["HOME"]! + "/.local/bin:" + runner.environment["PATH"]!
        _ = try HandlerRegistration(environment: runner.environment).install(binary: productBinary("puzzel-call"))

        let (status, checks, _) = await doctor("--online", runner: runner)
        // Each browser installed here has a check of its own: none of them trusts every site by default.
        let names =
            [
                "binary-on-path", "desktop-entry", "xdg-mime", "gio-mime", "notifications", "configuration", "account",
                "password", "environment", "shortcut", "sign-in",
            ] + checks.keys.filter { $0.hasPrefix("browser-") }
        for name in names { #expect(checks[name]?["ok"] as? Bool == true, "\(name): \(checks[name] ?? [:])") }
        // A `swift build` binary loads the toolchain's runtime: doctor must say so, and that alone fails it.
        let notSelfContained = !RuntimeLibraries.fromToolchain().isEmpty
        #expect((checks["self-contained"]?["ok"] as? Bool == false) == notSelfContained)
        #expect(checks.count == names.count + (notSelfContained ? 1 : 0))
        #expect(status == (notSelfContained ? 1 : 0))
    }
}
