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
