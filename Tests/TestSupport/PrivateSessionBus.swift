import Desktop
import Foundation
import SystemSupport

/// Whether every tool a test needs is installed here (on CI they are; elsewhere the test is skipped).
package func installed(_ tools: String...) -> Bool {
    tools.allSatisfy { Subprocess.find($0, environment: ["PATH": machinePath]) != nil }
}

/// Polls until `condition` holds, for at most about ten seconds (daemons take a moment to start, more on a
/// loaded machine). It sleeps as a task does, so the cooperative thread it runs on serves other tests meanwhile.
@discardableResult
package func eventually(_ condition: () -> Bool) async -> Bool {
    for _ in 0..<200 {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return condition()
}

/// A private D-Bus session bus for one test, with the daemons started on it; all stopped at the end.
package final class PrivateSessionBus {
    package let address: String
    private let busPID: pid_t
    private var daemons: [Process] = []
    package private(set) var display: String?

    private let home = TemporaryDirectory()

    package init() throws {
        // A bus of its own configuration: it starts no service on demand, as the session's would from the
        // machine's service files (a notification daemon, a keyring), so what runs on it is what the test
        // started. Its socket lies in the bus's own folder.
        let configuration = home.write(
            """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:dir=\(home.path)</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>

            """, to: "session.conf")
        let output = try Subprocess.run(
            "dbus-daemon", ["--config-file=\(configuration)", "--fork", "--print-address=1", "--print-pid=1"],
            environment: ["PATH": machinePath, "HOME": home.path])
        let lines = output.standardOutputText.split(separator: "\n").map(String.init)
        guard output.succeeded, lines.count == 2, let pid = pid_t(lines[1]) else {
            throw TestSetupFailure("dbus-daemon did not start: \(output.standardErrorText)")
        }
        address = lines[0]
        busPID = pid
    }

    deinit {
        for daemon in daemons.reversed() where daemon.isRunning {
            daemon.terminate()
            daemon.waitUntilExit()
        }
        kill(busPID, SIGTERM)
        // The bus removes its socket from its folder as it ends; the folder goes once it has (five seconds at
        // most), or removing it would trip over a file that vanished meanwhile and leave it behind.
        let socket = address.split(separator: ",").first { $0.hasPrefix("unix:path=") }?.dropFirst("unix:path=".count)
        for _ in 0..<500 where socket.map({ FileManager.default.fileExists(atPath: String($0)) }) == true {
            usleep(10_000)
        }
    }

    /// What a program needs to reach this bus (and its display, once there is one): merged into a test's
    /// own environment, it brings no `PATH`, runtime folder or display of the machine's.
    package var environment: [String: String] {
        var environment = ["DBUS_SESSION_BUS_ADDRESS": address]
        environment["DISPLAY"] = display
        return environment
    }

    /// The environment the bus's own daemons and tools (Xvfb, dunst, gdbus, dbus-monitor) run in: they are
    /// the test's machinery, found on the machine's `PATH`, with the bus's folder for a home, so no user's
    /// settings of theirs (a dunstrc) are read.
    private var daemonEnvironment: [String: String] {
        environment.merging([
            "PATH": machinePath, "HOME": home.path, "XDG_CONFIG_HOME": home.file("config"),
            "XDG_DATA_HOME": home.file("data"), "XDG_CACHE_HOME": home.file("cache"),
            "XDG_STATE_HOME": home.file("state"),
        ]) { $1 }
    }

    /// Starts a daemon that lives until the bus goes.
    @discardableResult
    package func start(
        _ program: String, _ arguments: [String], input: Data? = nil, output: FileHandle? = nil,
        environment extra: [String: String] = [:]
    ) throws -> Process {
        let process = Process()
        guard let path = Subprocess.find(program, environment: daemonEnvironment) else {
            throw TestSetupFailure("\(program) is not installed")
        }
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = daemonEnvironment.merging(extra) { $1 }
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // The test runner's threads block signals, and Process passes the mask on: the daemon would
        // then ignore terminate().
        var allowAll = sigset_t(), previous = sigset_t()
        sigemptyset(&allowAll)
        pthread_sigmask(SIG_SETMASK, &allowAll, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
        daemons.append(process)
        if let input {
            inputPipe.fileHandleForWriting.write(input)
            try inputPipe.fileHandleForWriting.close()
        }
        return process
    }

    /// A real notification server: dunst on a virtual X display, with a configuration of its own. Returns
    /// dunst's process.
    @discardableResult
    package func startNotificationServer() async throws -> Process {
        try startDisplay()
        // dunst's menu of actions runs this program in place of dmenu: it stands for the agent's hand, and
        // picks the line of the action `chooseAction` names, such as `#Call anyway (summary) [7,call-anyway]`.
        let menu = home.write("#!/bin/sh\nexec grep -m1 -F -f '\(home.path)/menu-choice'\n", to: "menu", mode: 0o755)
        let configuration = home.write("[global]\n    dmenu = \(menu)\n", to: "dunstrc")
        let dunst = try start("dunst", ["-config", configuration])
        guard await eventually({ hasOwner("org.freedesktop.Notifications") }) else {
            throw TestSetupFailure("dunst did not start")
        }
        return dunst
    }

    /// Xfce's settings daemon, xfconfd, found as the bus would start it (its D-Bus service file), keeping its
    /// settings below `configHome` and reading no system-wide defaults.
    package func startXfconf(configHome: String) async throws {
        let service = try String(
            contentsOfFile: "/usr/share/dbus-1/services/org.xfce.Xfconf.service", encoding: .utf8)
        guard let exec = service.split(separator: "\n").first(where: { $0.hasPrefix("Exec=") }) else {
            throw TestSetupFailure("xfconf's D-Bus service names no program")
        }
        try start(
            String(exec.dropFirst("Exec=".count)), [],
            environment: ["XDG_CONFIG_HOME": configHome, "XDG_CONFIG_DIRS": configHome + "/no-system-defaults"])
        guard await eventually({ hasOwner("org.xfce.Xfconf") }) else {
            throw TestSetupFailure("xfconfd did not start")
        }
    }

    /// A stand-in for AccountsService (`org.freedesktop.Accounts`, which lives on the system bus): it knows the
    /// user `userID`, whose `Language` property is `language`. Python's GLib bindings serve it.
    package func startAccountsService(userID: UInt32, language: String) async throws {
        let script = home.write(Self.fakeAccountsService, to: "fake-accounts-service.py")
        try start("/usr/bin/python3", [script, address, String(userID), language])
        guard await eventually({ hasOwner("org.freedesktop.Accounts") }) else {
            throw TestSetupFailure("the fake AccountsService did not start")
        }
    }

    private static let fakeAccountsService = """
        import sys
        from gi.repository import Gio, GLib

        address, uid, language = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        node = Gio.DBusNodeInfo.new_for_xml('''<node>
          <interface name="org.freedesktop.Accounts">
            <method name="FindUserById"><arg type="x" direction="in"/><arg type="o" direction="out"/></method>
          </interface>
          <interface name="org.freedesktop.Accounts.User"><property name="Language" type="s" access="read"/></interface>
        </node>''')
        user = "/org/freedesktop/Accounts/User%d" % uid

        def find_user(connection, sender, path, interface, method, parameters, invocation):
            if parameters.unpack()[0] == uid:
                invocation.return_value(GLib.Variant("(o)", (user,)))
            else:
                invocation.return_dbus_error("org.freedesktop.Accounts.Error.Failed", "no such user")

        flags = Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION
        bus = Gio.DBusConnection.new_for_address_sync(address, flags, None, None)
        bus.register_object("/org/freedesktop/Accounts", node.interfaces[0], find_user, None, None)
        bus.register_object(user, node.interfaces[1], None, lambda *_: GLib.Variant("s", language), None)
        bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "RequestName",
                      GLib.Variant("(su)", ("org.freedesktop.Accounts", 0)), None, Gio.DBusCallFlags.NONE, -1, None)
        GLib.MainLoop().run()
        """

    /// A virtual X display (Xvfb) of its own; `display` names it.
    package func startDisplay() throws {
        let displayPipe = Pipe()
        try start("Xvfb", ["-displayfd", "1", "-nolisten", "tcp"], output: displayPipe.fileHandleForWriting)
        var number = ""
        while !number.hasSuffix("\n") {
            let chunk = displayPipe.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw TestSetupFailure("Xvfb did not start") }
            number += String(decoding: chunk, as: UTF8.self)
        }
        display = ":" + number.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A real Secret Service: GNOME Keyring with a fresh keyring in `home`, unlocked.
    package func startKeyring(home: String) async throws {
        try start(
            "gnome-keyring-daemon", ["--foreground", "--unlock", "--components=secrets"], input: Data("unlock".utf8),
            environment: ["HOME": home, "XDG_DATA_HOME": home + "/share", "XDG_RUNTIME_DIR": home])
        guard await eventually({ hasOwner("org.freedesktop.secrets") }) else {
            throw TestSetupFailure("gnome-keyring-daemon did not start")
        }
    }

    package func hasOwner(_ name: String) -> Bool {
        let output = try? Subprocess.run(
            "gdbus",
            [
                "call", "--session", "--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
                "--method", "org.freedesktop.DBus.NameHasOwner", "'\(name)'",
            ], environment: daemonEnvironment)
        return output?.standardOutputText == "(true,)\n"
    }

    /// Chooses the action `key` on the notification `id` as the agent does, from dunst's menu of actions:
    /// dunst itself then sends `ActionInvoked`.
    package func chooseAction(_ key: String, of id: UInt32) throws {
        home.write("[\(id),\(key)]\n", to: "menu-choice")
        let output = try Subprocess.run("dunstctl", ["context"], environment: environment)
        guard output.succeeded else { throw TestSetupFailure("dunstctl context failed: \(output.standardErrorText)") }
    }

    /// Closes the notification `id` through the server, which then sends `NotificationClosed` itself.
    package func closeNotification(_ id: UInt32) throws {
        let output = try Subprocess.run(
            "gdbus",
            [
                "call", "--session", "--dest", "org.freedesktop.Notifications", "--object-path",
                "/org/freedesktop/Notifications", "--method", "org.freedesktop.Notifications.CloseNotification",
                "uint32 \(id)",
            ], environment: environment)
        guard output.succeeded else { throw TestSetupFailure("CloseNotification failed: \(output.standardErrorText)") }
    }

    /// Emits a signal of the notification service from a connection of its own (`gdbus emit`), as any
    /// program on the session bus can: the server's name, but not its connection.
    package func emitNotificationSignal(_ name: String, id: UInt32, _ action: String) throws {
        try emit(name, ["uint32 \(id)", "'\(action)'"])
    }

    package func emitNotificationSignal(_ name: String, id: UInt32, reason: UInt32) throws {
        try emit(name, ["uint32 \(id)", "uint32 \(reason)"])
    }

    private func emit(_ name: String, _ arguments: [String]) throws {
        let output = try Subprocess.run(
            "gdbus",
            [
                "emit", "--session", "--object-path", "/org/freedesktop/Notifications", "--signal",
                "org.freedesktop.Notifications.\(name)",
            ] + arguments, environment: daemonEnvironment)
        guard output.succeeded else { throw TestSetupFailure("gdbus emit failed: \(output.standardErrorText)") }
    }

    /// Records the calls to a D-Bus interface made on this bus, as dbus-monitor prints them.
    package func monitor(interface: String) async throws -> BusMonitor {
        let monitor = try BusMonitor()
        try start("dbus-monitor", ["--address", address, "interface='\(interface)'"], output: monitor.handle)
        // dbus-monitor announces itself on the bus before it reports anything.
        guard await eventually({ monitor.text.contains("NameAcquired") }) else {
            throw TestSetupFailure("dbus-monitor did not start")
        }
        return monitor
    }
}

package final class BusMonitor {
    let temporary = TemporaryDirectory()
    let handle: FileHandle

    init() throws {
        let file = temporary.write("", to: "monitor")
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
    }

    package var text: String { (try? String(contentsOfFile: temporary.path + "/monitor", encoding: .utf8)) ?? "" }
}

package struct TestSetupFailure: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
