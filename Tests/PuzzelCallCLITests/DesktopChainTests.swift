import Desktop
import FakePuzzel
import Foundation
import SystemSupport
import TestSupport
import Testing

/// The whole chain a click takes, with the real tools: the desktop's handler lookup, the installed binary,
/// a fake Puzzel on loopback, the session bus with a real notification server and a real keyring.
@Suite(.serialized, .timeLimit(.minutes(5))) struct DesktopChainTests {
    let folder = TemporaryDirectory()
    let puzzel: FakePuzzelServer
    var environment: [String: String]

    init() throws {
        puzzel = try FakePuzzelServer()
        environment = folder.environment.merging([
            "PUZZEL_AUTH_URL": puzzel.authURL.absoluteString, "PUZZEL_API_URL": puzzel.apiURL.absoluteString,
            "PUZZEL_CUSTOMER_KEY": puzzel.account.customerKey, "PUZZEL_USERNAME": puzzel.account.userName,
            "PUZZEL_PASSWORD": puzzel.account.password,
        ]) { $1 }
        // A click has an hour, which no test meets by accident on a loaded machine.
        // The follow of a call has tests of its own.
        folder.write("timeoutSeconds = 3600\nfollowCall = false\n", to: "etc-xdg/puzzel-call/config")
        // The desktop's tools a click goes through; no browser, and no puzzel-call but the one installed here.
        folder.provide(
            "xdg-open", "xdg-mime", "gio", "desktop-file-validate", "update-desktop-database", "secret-tool")
    }

    @discardableResult
    func run(_ program: String, _ arguments: [String], input: String? = nil, in environment: [String: String]? = nil)
        throws -> Subprocess.Output
    {
        try Subprocess.run(
            program, arguments, input: input.map { Data($0.utf8) }, environment: environment ?? self.environment,
            timeout: .seconds(20))
    }

    func puzzelCall(_ arguments: String..., input: String? = nil, in environment: [String: String]? = nil) throws
        -> Subprocess.Output
    {
        try run(productBinary("puzzel-call"), arguments, input: input, in: environment)
    }

    func destinations() -> [String] {
        puzzel.requests(to: .callout).compactMap { $0.jsonBody?["destination"] as? String }
    }

    @Test(
        .enabled(
            if: installed("xdg-open", "xdg-mime", "gio", "desktop-file-validate"),
            "needs xdg-utils, libglib2.0-bin, desktop-file-utils"))
    func aClickedLinkReachesPuzzelAndUninstallPutsEverythingBack() async throws {
        var environment = environment
        // xdg-utils' generic mode consults scheme handlers only inside a graphical session.
        environment["DISPLAY"] = ":99"
        folder.write("duplicateWindowSeconds = 0\n", to: "config/puzzel-call/config")
        // A softphone handled tel: links before; xdg-mime names only handlers whose entry exists.
        folder.write(
            "[Desktop Entry]\nType=Application\nName=Softphone\nExec=true %u\nMimeType=x-scheme-handler/tel;\n",
            to: "data/applications/org.example.Softphone.desktop")
        try run("xdg-mime", ["default", "org.example.Softphone.desktop", "x-scheme-handler/tel"], in: environment)

        let install = try puzzelCall("install", in: environment)
        #expect(install.succeeded, "\(install.standardErrorText)")
        for scheme in ["tel", "callto"] {
            let handler = try run("xdg-mime", ["query", "default", "x-scheme-handler/\(scheme)"], in: environment)
            #expect(handler.standardOutputText == "puzzel-call.desktop\n")
        }
        let entry = folder.path + "/data/applications/puzzel-call.desktop"
        #expect(try run("desktop-file-validate", [entry]).succeeded)

        #expect(try run("xdg-open", ["tel:+47 22 12 34 56"], in: environment).succeeded)
        #expect(await eventually { destinations().count == 1 })
        try run("gio", ["open", "callto://+4722123456"], in: environment)
        #expect(await eventually { destinations().count == 2 })
        #expect(destinations() == ["004722123456", "004722123456"])

        #expect(try puzzelCall("uninstall", in: environment).succeeded)
        let tel = try run("xdg-mime", ["query", "default", "x-scheme-handler/tel"], in: environment)
        #expect(tel.standardOutputText == "org.example.Softphone.desktop\n")
        let callto = try run("xdg-mime", ["query", "default", "x-scheme-handler/callto"], in: environment)
        #expect(callto.standardOutputText.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: entry))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/home/.local/bin/puzzel-call"))
    }

    @Test(.enabled(if: installed("xdg-mime"), "needs xdg-utils"))
    func aPackagedEntryBecomesTheDefaultWithoutACopy() throws {
        var environment = environment
        environment["XDG_DATA_DIRS"] = folder.path + "/usr/share"
        #expect(try puzzelCall("install", "--default-only", in: environment).termination == .exited(73))
        let packaged = folder.write(
            String(
                decoding: try Data(
                    contentsOf: URL(fileURLWithPath: #filePath + "/../../../desktop/puzzel-call.desktop")
                        .standardizedFileURL), as: UTF8.self),
            to: "usr/share/applications/puzzel-call.desktop")
        #expect(try puzzelCall("install", "--default-only", in: environment).succeeded)
        let handler = try run("xdg-mime", ["query", "default", "x-scheme-handler/callto"], in: environment)
        #expect(handler.standardOutputText == "puzzel-call.desktop\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/home/.local/bin/puzzel-call"))
        #expect(try puzzelCall("uninstall", in: environment).succeeded)
        let list = (try? String(contentsOfFile: folder.path + "/config/mimeapps.list", encoding: .utf8)) ?? ""
        #expect(!list.contains("puzzel-call"), "the default is taken back")
        #expect(FileManager.default.fileExists(atPath: packaged), "the package's entry is the package's")
    }

    @Test(
        .enabled(
            if: installed("dbus-daemon", "gdbus", "dbus-monitor", "Xvfb", "dunst"),
            "needs dbus, libglib2.0-bin, xvfb and dunst"))
    func theAgentIsToldThroughTheDesktop() async throws {
        let (bus, monitor, environment) = try await notificationDesktop()
        defer { withExtendedLifetime(bus) {} }

        #expect(try puzzelCall("--from-desktop", "tel:+47 22 12 34 56", in: environment).succeeded)
        #expect(await eventually { monitor.text.contains("Calling +47 22 12 34 56") })
        #expect(monitor.text.contains("Your phone rings first"))

        puzzel.setAgentState(contactCentreStatus: "LoggedOff", userStatus: "LoggedOff")
        #expect(try puzzelCall("--from-desktop", "tel:+4799999999", in: environment).termination == .exited(69))
        #expect(await eventually { monitor.text.contains("log on in the agent application and click again") })
    }

    @Test(
        .enabled(
            if: installed("dbus-daemon", "gdbus", "dbus-monitor", "Xvfb", "dunst"),
            "needs dbus, libglib2.0-bin, xvfb and dunst"))
    func callAnywayOnTheNotificationPlacesTheCall() async throws {
        let (bus, monitor, click, refusal) = try await aBusyAgentsClickOfferingCallAnyway()
        #expect(destinations().isEmpty)

        // The agent clicks the button, on the server's own menu.
        try bus.chooseAction("call-anyway", of: refusal)
        click.waitUntilExit()
        #expect(click.terminationStatus == 0)
        #expect(destinations() == ["004722123456"])
        #expect(await eventually { monitor.text.contains("string \"Calling +47 22 12 34 56\"") })
        let outcome = monitor.text.components(separatedBy: "member=Notify").last ?? ""
        #expect(outcome.contains("uint32 \(refusal)"), "the outcome takes the refusal's place")
    }

    /// Another program on the session bus answers in the server's name; then the server closes the
    /// notification. Nothing is called: the agent never chose to.
    @Test(
        .enabled(
            if: installed("dbus-daemon", "gdbus", "dbus-monitor", "Xvfb", "dunst"),
            "needs dbus, libglib2.0-bin, xvfb and dunst"))
    func aForgedCallAnywayPlacesNothing() async throws {
        let (bus, _, click, refusal) = try await aBusyAgentsClickOfferingCallAnyway()

        try bus.emitNotificationSignal("ActionInvoked", id: refusal, "call-anyway")
        try bus.closeNotification(refusal)
        click.waitUntilExit()

        #expect(click.terminationStatus != 0)
        #expect(destinations().isEmpty, "no callout")
    }

    /// A busy agent's click from the desktop, still running, its refusal on the screen offering “Call anyway”;
    /// with the id the server gave the refusal, which puzzel-call keeps to replace it.
    func aBusyAgentsClickOfferingCallAnyway() async throws -> (PrivateSessionBus, BusMonitor, Process, UInt32) {
        let (bus, monitor, environment) = try await notificationDesktop()
        puzzel.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "Busy")
        let click = try start(productBinary("puzzel-call"), ["--from-desktop", "tel:+4722123456"], in: environment)
        #expect(await eventually { monitor.text.contains("string \"Call anyway\"") })
        let ids = NotificationIDs(directories: XDGDirectories(environment: environment))
        #expect(await eventually { ids.lastID(for: "+4722123456") != 0 })
        return (bus, monitor, click, ids.lastID(for: "+4722123456"))
    }

    /// A session bus with a notification server, the calls to it recorded, and the environment that uses it.
    func notificationDesktop() async throws -> (PrivateSessionBus, BusMonitor, [String: String]) {
        let bus = try PrivateSessionBus()
        try await bus.startNotificationServer()
        let monitor = try await bus.monitor(interface: "org.freedesktop.Notifications")
        return (bus, monitor, environment.merging(bus.environment) { $1 })
    }

    /// Starts `program` and returns at once, its output discarded.
    func start(_ program: String, _ arguments: [String], in environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func withoutASessionBusTheCallStillGoesThrough() throws {
        var environment = environment
        environment["DBUS_SESSION_BUS_ADDRESS"] = nil
        // Without a bus the notifier gives up before it connects to anything (NotifierTests'
        // withoutASessionBusNothingIsDeliveredAndNothingIsStarted); how long a bus that does not answer is waited
        // for is DocumentedDesktopTests' aNotificationServiceThatDoesNotAnswerIsWaitedForTwoSecondsAtMost.
        #expect(try puzzelCall("--from-desktop", "tel:+4722123456", in: environment).succeeded)
        #expect(destinations() == ["004722123456"])
        let log = try String(contentsOfFile: folder.path + "/state/puzzel-call/puzzel-call.log", encoding: .utf8)
        #expect(log.contains("Calling +47 22 12 34 56"))
    }

    @Test(
        .enabled(
            if: installed("dbus-daemon", "gdbus", "gnome-keyring-daemon", "secret-tool"),
            "needs dbus, gnome-keyring and libsecret-tools"))
    func thePasswordLivesInTheKeyringAndNeverOnACommandLine() async throws {
        let bus = try PrivateSessionBus()
        try await bus.startKeyring(home: folder.path + "/keyring")
        // A secret-tool that writes down every command line it is given, then does its job.
        let wrappers = folder.path + "/wrappers"
        let record = folder.path + "/secret-tool-arguments"
        folder.write(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '\(record)'\nexec \(Subprocess.find("secret-tool", environment: environment)!) \"$@\"\n",
            to: "wrappers/secret-tool", mode: 0o755)
        var environment = environment.merging(bus.environment) { $1 }
        environment["PATH"] = wrappers + ":" + environment["PATH"]!
        environment["PUZZEL_PASSWORD"] = nil
        let password = puzzel.account.password

        let login = try puzzelCall("login", "--password-stdin", input: password + "\n", in: environment)
        #expect(login.succeeded, "\(login.standardErrorText)")
        #expect(login.standardOutputText.contains("kept in your desktop keyring"))
        let config = (try? String(contentsOfFile: folder.path + "/config/puzzel-call/config", encoding: .utf8)) ?? ""
        #expect(!config.contains(password))

        #expect(try puzzelCall("logout", in: environment).succeeded)
        #expect(
            try puzzelCall("tel:+4722123456", in: environment).succeeded, "the click finds the password in the keyring")
        #expect(puzzel.requests(to: .logIn).count == 2)

        #expect(try puzzelCall("logout", "--forget", in: environment).succeeded)
        let lookup = try run(
            "secret-tool",
            [
                "lookup", "service", "puzzel-call", "customerKey", puzzel.account.customerKey, "userName",
                puzzel.account.userName,
            ],
            in: environment)
        #expect(lookup.standardOutputText.isEmpty)

        let commandLines = try String(contentsOfFile: record, encoding: .utf8)
        #expect(commandLines.contains("store"))
        #expect(!commandLines.contains(password))
    }
}
