import Desktop
import Foundation
import SystemSupport
import TestSupport
import Testing

/// Whether GNOME's keyboard settings can be written here: gsettings and the media-keys schema (gnome-settings-daemon's).
private let hasGNOMEKeyboardSettings: Bool = {
    guard installed("gsettings") else { return false }
    let schemas = try? Subprocess.run("gsettings", ["list-schemas"])
    return schemas?.standardOutputText.contains("org.gnome.settings-daemon.plugins.media-keys\n") == true
}()

/// `install --shortcut` with the real gsettings, its settings in a keyfile of the test's own.
@Suite(
    .timeLimit(.minutes(5)), .enabled(if: hasGNOMEKeyboardSettings, "needs gsettings and gnome-settings-daemon-common"))
struct ShortcutTests {
    let folder = TemporaryDirectory()
    let environment: [String: String]
    private let listSchema = "org.gnome.settings-daemon.plugins.media-keys"
    private let entrySchema =
        "org.gnome.settings-daemon.plugins.media-keys.custom-keybinding:"
        + "/org/gnome/settings-daemon/plugins/media-keys/custom-keybindings/puzzel-call/"
    private let othersEntry = "/org/gnome/settings-daemon/plugins/media-keys/custom-keybindings/custom0/"

    init() {
        environment = folder.environment.merging(["GSETTINGS_BACKEND": "keyfile"]) { $1 }
        // The machine's gsettings and its compiled schemas (gnome-settings-daemon's among them), and the tools
        // `install` runs; the settings themselves are in the keyfile in the test's own config folder.
        folder.provide("gsettings", "xdg-mime", "desktop-file-validate", "update-desktop-database")
        folder.provideSharedData("glib-2.0/schemas")
    }

    @discardableResult
    private func run(_ program: String, _ arguments: String...) throws -> Subprocess.Output {
        try Subprocess.run(program, arguments, environment: environment, timeout: .seconds(20))
    }

    private func puzzelCall(_ arguments: String...) throws -> Subprocess.Output {
        try Subprocess.run(productBinary("puzzel-call"), arguments, environment: environment, timeout: .seconds(20))
    }

    private func listed() throws -> String {
        try run("gsettings", "get", listSchema, "custom-keybindings").standardOutputText
    }

    @Test func installAddsAShortcutForTheSelectionDoctorShowsItAndUninstallRemovesIt() throws {
        try run("gsettings", "set", listSchema, "custom-keybindings", "['\(othersEntry)']")

        let install = try puzzelCall("install", "--shortcut", "<Primary><Alt>p")
        #expect(install.succeeded, "\(install.standardErrorText)")
        #expect(try run("gsettings", "get", entrySchema, "binding").standardOutputText == "'<Primary><Alt>p'\n")
        let command = try run("gsettings", "get", entrySchema, "command").standardOutputText
        #expect(command == "'\(folder.path)/home/.local/bin/puzzel-call selection --from-desktop'\n")
        #expect(try listed().contains(othersEntry))
        #expect(try listed().contains("/custom-keybindings/puzzel-call/"))

        let doctor = try puzzelCall("doctor", "--json")
        let report = try JSONSerialization.jsonObject(with: doctor.standardOutput) as? [String: Any]
        let checks = report?["checks"] as? [[String: Any]] ?? []
        let shortcut = checks.first { $0["name"] as? String == "shortcut" }
        #expect(shortcut?["ok"] as? Bool == true)
        #expect((shortcut?["description"] as? String)?.contains("<Primary><Alt>p") == true)

        #expect(try puzzelCall("uninstall").succeeded)
        #expect(try listed() == "['\(othersEntry)']\n")
        #expect(try run("gsettings", "get", entrySchema, "binding").standardOutputText == "''\n")
    }

    /// GNOME splits the command as a shell line (g_shell_parse_argv): a home with a space or a quote in it
    /// must not split the program's path.
    @Test func aHomeWithASpaceAndAQuoteIsQuotedInTheCommand() throws {
        var environment = environment
        let home = folder.path + "/Ola O'Nordmann"
        environment["HOME"] = home
        let install = try Subprocess.run(
            productBinary("puzzel-call"), ["install", "--shortcut"], environment: environment, timeout: .seconds(20))
        #expect(install.succeeded, "\(install.standardErrorText)")
        let binding = try #require(try KeyboardShortcut(environment: environment).current())
        let program = home + "/.local/bin/puzzel-call"
        #expect(
            binding.command == "'\(folder.path)/Ola O'\\''Nordmann/.local/bin/puzzel-call' selection --from-desktop")
        #expect(binding.arguments == [program, "selection", "--from-desktop"])
        // A POSIX shell splits single quotes as GLib does: each word on a line of its own.
        let words = try Subprocess.run("/bin/sh", ["-c", "printf '%s\\n' " + binding.command], timeout: .seconds(5))
        #expect(words.standardOutputText == "\(program)\nselection\n--from-desktop\n")

        let doctor = try Subprocess.run(
            productBinary("puzzel-call"), ["doctor", "--json"], environment: environment, timeout: .seconds(20))
        let report = try JSONSerialization.jsonObject(with: doctor.standardOutput) as? [String: Any]
        let checks = report?["checks"] as? [[String: Any]] ?? []
        #expect(checks.first { $0["name"] as? String == "shortcut" }?["ok"] as? Bool == true)
    }

    @Test func theDefaultShortcutIsShiftSuperCAndNonsenseKeysAreRefused() throws {
        #expect(try puzzelCall("install", "--shortcut").succeeded)
        #expect(try run("gsettings", "get", entrySchema, "binding").standardOutputText == "'<Shift><Super>c'\n")
        let refused = try puzzelCall("install", "--shortcut", "ctrl+p; rm -rf")
        #expect(refused.termination == .exited(64))
        #expect(try run("gsettings", "get", entrySchema, "binding").standardOutputText == "'<Shift><Super>c'\n")
    }
}

/// Runs the real `puzzel-call` in a folder of the test's own, as a desktop's session would.
struct ShortcutDesk {
    let folder = TemporaryDirectory()
    var environment: [String: String]

    init(desktop: String, _ extra: [String: String] = [:]) {
        environment = folder.environment.merging(["XDG_CURRENT_DESKTOP": desktop, "GSETTINGS_BACKEND": "keyfile"]) {
            $1
        }
        .merging(extra) { $1 }
        // The machine's settings tools and the schemas they read, and the tools `install` runs; the settings
        // themselves stay in the test's own folders.
        folder.provide(
            "gsettings", "xdg-mime", "desktop-file-validate", "update-desktop-database", "xfconf-query",
            "kwriteconfig5",
            "kreadconfig5")
        folder.provideSharedData("glib-2.0/schemas")
    }

    /// The command line the shortcut runs, as the desktops' shells split it.
    var command: String { "\(folder.path)/home/.local/bin/puzzel-call selection --from-desktop" }

    @discardableResult
    func run(_ program: String, _ arguments: String...) throws -> String {
        try Subprocess.run(program, arguments, environment: environment, timeout: .seconds(20)).standardOutputText
    }

    func puzzelCall(_ arguments: String...) throws -> Subprocess.Output {
        try Subprocess.run(productBinary("puzzel-call"), arguments, environment: environment, timeout: .seconds(30))
    }

    /// What `doctor --json` says of the shortcut: whether it passed, and its words.
    func doctorShortcut() throws -> (ok: Bool?, description: String?) {
        let report = try JSONSerialization.jsonObject(with: try puzzelCall("doctor", "--json").standardOutput)
        let checks = (report as? [String: Any])?["checks"] as? [[String: Any]] ?? []
        let shortcut = checks.first { $0["name"] as? String == "shortcut" }
        return (shortcut?["ok"] as? Bool, shortcut?["description"] as? String)
    }
}

private func hasSchema(_ schema: String) -> Bool {
    guard installed("gsettings") else { return false }
    let schemas = try? Subprocess.run("gsettings", ["list-schemas"])
    return schemas?.standardOutputText.contains(schema + "\n") == true
}

/// Cinnamon lists its custom keybindings by name, each binding a list of accelerators; read back with gsettings.
@Suite(
    .timeLimit(.minutes(5)),
    .enabled(if: hasSchema("org.cinnamon.desktop.keybindings"), "needs gsettings and cinnamon-desktop-data"))
struct CinnamonShortcutTests {
    let desk = ShortcutDesk(desktop: "X-Cinnamon")
    let list = "org.cinnamon.desktop.keybindings"
    let entry =
        "org.cinnamon.desktop.keybindings.custom-keybinding:/org/cinnamon/desktop/keybindings/custom-keybindings/"
        + "puzzel-call/"

    @Test func installWritesACinnamonKeybindingAndUninstallRemovesIt() throws {
        try desk.run("gsettings", "set", list, "custom-list", "['custom0']")
        let install = try desk.puzzelCall("install", "--shortcut", "<Primary><Alt>p")
        #expect(install.succeeded, "\(install.standardErrorText)")
        #expect(try desk.run("gsettings", "get", list, "custom-list") == "['custom0', 'puzzel-call']\n")
        #expect(try desk.run("gsettings", "get", entry, "binding") == "['<Primary><Alt>p']\n")
        #expect(try desk.run("gsettings", "get", entry, "command") == "'\(desk.command)'\n")
        #expect(try desk.run("gsettings", "get", entry, "name") == "'Puzzel Call: call the selected number'\n")
        #expect(try desk.doctorShortcut().ok == true)

        #expect(try desk.puzzelCall("uninstall").succeeded)
        #expect(try desk.run("gsettings", "get", list, "custom-list") == "['custom0']\n")
        #expect(try desk.run("gsettings", "get", entry, "binding") == "@as []\n")
    }
}

/// MATE's window manager runs numbered commands on keys: the first free number is taken, and found again.
@Suite(
    .timeLimit(.minutes(5)),
    .enabled(if: hasSchema("org.mate.Marco.keybinding-commands"), "needs gsettings and marco-common"))
struct MATEShortcutTests {
    let desk = ShortcutDesk(desktop: "MATE")
    let commands = "org.mate.Marco.keybinding-commands"
    let bindings = "org.mate.Marco.global-keybindings"

    @Test func installTakesMarcosFirstFreeCommandAndUninstallGivesItBack() throws {
        try desk.run("gsettings", "set", commands, "command-1", "'xterm'")
        try desk.run("gsettings", "set", bindings, "run-command-1", "'<Primary><Alt>t'")
        let install = try desk.puzzelCall("install", "--shortcut", "<Primary><Alt>p")
        #expect(install.succeeded, "\(install.standardErrorText)")
        #expect(try desk.run("gsettings", "get", commands, "command-2") == "'\(desk.command)'\n")
        #expect(try desk.run("gsettings", "get", bindings, "run-command-2") == "'<Primary><Alt>p'\n")
        #expect(try desk.run("gsettings", "get", commands, "command-1") == "'xterm'\n")

        // Again, with other keys: the same command, not a second one.
        #expect(try desk.puzzelCall("install", "--shortcut").succeeded)
        #expect(try desk.run("gsettings", "get", bindings, "run-command-2") == "'<Shift><Super>c'\n")
        #expect(try desk.run("gsettings", "get", commands, "command-3") == "' '\n")
        let doctor = try desk.doctorShortcut()
        #expect(doctor.ok == true && doctor.description?.contains("<Shift><Super>c") == true)

        #expect(try desk.puzzelCall("uninstall").succeeded)
        #expect(try desk.run("gsettings", "get", commands, "command-2") == "' '\n")
        #expect(try desk.run("gsettings", "get", bindings, "run-command-2") == "'disabled'\n")
        #expect(try desk.run("gsettings", "get", bindings, "run-command-1") == "'<Primary><Alt>t'\n")
    }
}

/// Xfce keeps its shortcuts in xfconf: xfconfd, started by a private session bus, with a home of its own.
@Suite(.timeLimit(.minutes(5)), .enabled(if: installed("dbus-daemon", "xfconf-query"), "needs dbus-daemon and xfconf"))
struct XfceShortcutTests {
    let bus: PrivateSessionBus
    let desk: ShortcutDesk
    let channel = ["-c", "xfce4-keyboard-shortcuts"]

    init() throws {
        bus = try PrivateSessionBus()
        desk = ShortcutDesk(desktop: "XFCE", ["DBUS_SESSION_BUS_ADDRESS": bus.address])
    }

    private func xfconf(_ arguments: String...) throws -> String {
        try Subprocess.run("xfconf-query", channel + arguments, environment: desk.environment, timeout: .seconds(20))
            .standardOutputText
    }

    @Test func installWritesAnXfceCustomCommandAndUninstallRemovesIt() async throws {
        try await bus.startXfconf(configHome: desk.folder.path + "/config")
        _ = try xfconf("-p", "/commands/custom/<Primary><Alt>t", "-n", "-t", "string", "-s", "xfce4-terminal")
        let install = try desk.puzzelCall("install", "--shortcut", "<Primary><Alt>p")
        #expect(install.succeeded, "\(install.standardErrorText)")
        #expect(try xfconf("-p", "/commands/custom/<Primary><Alt>p") == desk.command + "\n")

        // Other keys move the command: one property, under the new keys.
        #expect(try desk.puzzelCall("install", "--shortcut").succeeded)
        #expect(try xfconf("-p", "/commands/custom/<Shift><Super>c") == desk.command + "\n")
        #expect(try xfconf("-l").contains("<Primary><Alt>p") == false)
        #expect(try desk.doctorShortcut().ok == true)

        #expect(try desk.puzzelCall("uninstall").succeeded)
        #expect(try xfconf("-l") == "/commands/custom/<Primary><Alt>t\n")
    }
}

/// Plasma's global shortcut: a desktop entry that runs the command, and its keys in kglobalshortcutsrc, read back
/// with kreadconfig.
@Suite(
    .timeLimit(.minutes(5)),
    .enabled(if: installed("kwriteconfig5", "kreadconfig5", "desktop-file-validate"), "needs libkf5config-bin"))
struct PlasmaShortcutTests {
    let desk = ShortcutDesk(desktop: "KDE")
    var entry: String { desk.folder.path + "/data/applications/puzzel-call-selection.desktop" }

    private func launchKeys() throws -> String {
        try desk.run(
            "kreadconfig5", "--file", "kglobalshortcutsrc", "--group", "services", "--group",
            "puzzel-call-selection.desktop", "--key", "_launch")
    }

    @Test func installWritesAGlobalShortcutAndItsEntryAndUninstallRemovesThem() throws {
        let install = try desk.puzzelCall("install", "--shortcut", "<Primary><Alt>p")
        #expect(install.succeeded, "\(install.standardErrorText)")
        #expect(try launchKeys() == "Ctrl+Alt+P\n")
        let validation = try Subprocess.run("desktop-file-validate", [entry], timeout: .seconds(20))
        #expect(validation.succeeded && validation.standardOutputText.isEmpty, "\(validation.standardOutputText)")
        let text = try String(contentsOfFile: entry, encoding: .utf8)
        #expect(text.contains("\nExec=\(desk.command)\n"))
        let doctor = try desk.doctorShortcut()
        #expect(doctor.ok == true && doctor.description?.contains("<Primary><Alt>p") == true)

        #expect(try desk.puzzelCall("install", "--shortcut").succeeded)
        #expect(try launchKeys() == "Shift+Meta+C\n")

        #expect(try desk.puzzelCall("uninstall").succeeded)
        #expect(try launchKeys() == "\n")
        #expect(!FileManager.default.fileExists(atPath: entry))
    }
}

extension PlasmaShortcutTests {
    /// Plasma 6's kwriteconfig6 is taken where it is installed: here one that notes its use and hands over to
    /// kwriteconfig5, which writes the same file.
    @Test func plasma6sToolIsTakenFirst() throws {
        var desk = desk
        for verb in ["write", "read"] {
            desk.folder.write(
                "#!/bin/sh\necho \"$0\" >> \"${0%/*}/used\"\nexec k\(verb)config5 \"$@\"\n", to: "bin/k\(verb)config6",
                mode: 0o755)
        }
        desk.environment["PATH"] = desk.folder.path + "/bin:" + desk.environment["PATH"]!
        #expect(try desk.puzzelCall("install", "--shortcut").succeeded)
        #expect(try launchKeys() == "Shift+Meta+C\n")
        #expect(try desk.doctorShortcut().ok == true)
        let used = try String(contentsOfFile: desk.folder.path + "/bin/used", encoding: .utf8)
        #expect(used.contains("/bin/kwriteconfig6\n") && used.contains("/bin/kreadconfig6\n"))
    }
}

/// Anywhere else nothing is written: the command line to bind is printed, and install succeeds.
@Suite(.timeLimit(.minutes(5))) struct OtherDesktopShortcutTests {
    @Test func elsewhereTheCommandLineToBindIsPrintedAndInstallSucceeds() throws {
        let desk = ShortcutDesk(desktop: "LXQt")
        let install = try desk.puzzelCall("install", "--shortcut")
        #expect(install.termination == .exited(0), "\(install.standardErrorText)")
        #expect(install.standardOutputText.contains("(LXQt): in your desktop's keyboard settings, add a custom"))
        #expect(install.standardOutputText.contains("add a custom shortcut on <Shift><Super>c"))
        #expect(install.standardOutputText.contains("\n    \(desk.command)\n"))
        #expect(try desk.doctorShortcut().ok == true)
    }
}
