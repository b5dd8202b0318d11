import Foundation
import SystemSupport
import TestSupport
import Testing

@testable import Desktop

@Suite(.timeLimit(.minutes(5))) struct HandlerRegistrationTests {
    static let shippedEntry = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("desktop/puzzel-call.desktop").path

    @Test func theCompiledEntryIsTheShippedFile() throws {
        let shipped = try String(contentsOfFile: Self.shippedEntry, encoding: .utf8)
        #expect(DesktopEntry.template == shipped)
        let installed = DesktopEntry.text(binaryPath: "/home/agent/.local/bin/puzzel-call")
        let changed = zip(shipped.split(separator: "\n"), installed.split(separator: "\n")).filter { $0 != $1 }
        #expect(
            changed.map(\.1) == [
                "Exec=/home/agent/.local/bin/puzzel-call --from-desktop %u",
                "TryExec=/home/agent/.local/bin/puzzel-call",
                "Exec=/home/agent/.local/bin/puzzel-call login --from-desktop",
            ], "the menu's “Sign in to Puzzel” runs the installed program too")
    }

    @Test func theCompiledIconIsTheShippedFileAndTheEntryNamesIt() throws {
        let shipped = try String(
            contentsOfFile: Self.shippedEntry.replacing("puzzel-call.desktop", with: "puzzel-call.svg"), encoding: .utf8
        )
        #expect(DesktopIcon.svg == shipped)
        #expect(DesktopEntry.template.contains("\nIcon=\(DesktopIcon.name)\n"))
    }

    @Test func theEntrySpeaksTheAgentsLanguages() {
        for language in ["nb", "nn", "sv", "da", "fi"] {
            for key in ["Name", "GenericName", "Comment", "Keywords"] {
                #expect(DesktopEntry.template.contains("\n\(key)[\(language)]="), "\(key)[\(language)]")
            }
        }
    }

    @Test(.enabled(if: installed("desktop-file-validate"), "needs desktop-file-utils"))
    func theShippedEntryIsValidWithoutAWarning() throws {
        let output = try Subprocess.run("desktop-file-validate", [Self.shippedEntry])
        #expect(output.succeeded)
        #expect(output.standardOutputText + output.standardErrorText == "")
    }

    @Test func pathsWithReservedCharactersAreQuotedInExec() {
        #expect(DesktopEntry.execArgument("/opt/puzzel/bin/puzzel-call") == "/opt/puzzel/bin/puzzel-call")
        #expect(
            DesktopEntry.execArgument("/home/Jo Doe/100%/$x`\"/puzzel-call")
                == #""/home/Jo Doe/100%%/\\$x\\`\\"/puzzel-call""#)
    }

    @Test(
        .enabled(
            if: installed("xdg-mime", "desktop-file-validate", "update-desktop-database", "gio"),
            "needs xdg-utils, desktop-file-utils and libglib2.0-bin"))
    func installMakesItTheHandlerOnceAndUninstallPutsEverythingBack() throws {
        let home = TemporaryDirectory()
        home.provide("xdg-mime", "desktop-file-validate", "update-desktop-database", "gio")
        let environment = home.environment
        let previousList =
            "[Added Associations]\ntext/plain=org.example.Editor.desktop;\n\n[Default Applications]\nx-scheme-handler/tel=org.example.Softphone.desktop\ntext/html=org.example.Browser.desktop\n"
        home.write(previousList, to: "config/mimeapps.list")
        let before = try snapshot(home.path)
        let registration = HandlerRegistration(scope: .user, environment: environment)

        let report = try registration.install(binary: Subprocess.find("true", environment: environment)!)
        #expect(report.contains("Installed the program as \(home.path)/home/.local/bin/puzzel-call"))
        #expect(
            report.contains {
                $0.hasPrefix("Made Puzzel Call the default") && $0.hasSuffix("(before: org.example.Softphone.desktop)")
            })
        for scheme in ["tel", "callto"] {
            let query = try Subprocess.run(
                "xdg-mime", ["query", "default", "x-scheme-handler/\(scheme)"], environment: environment)
            #expect(query.standardOutputText == "puzzel-call.desktop\n")
            let gio = try Subprocess.run("gio", ["mime", "x-scheme-handler/\(scheme)"], environment: environment)
            #expect(gio.standardOutputText.hasPrefix("Default application for "))
            #expect(gio.standardOutputText.contains("x-scheme-handler/\(scheme)?: puzzel-call.desktop\n"))
        }
        #expect(registration.iconPath == "\(home.path)/data/icons/hicolor/scalable/apps/puzzel-call.svg")
        #expect(try String(contentsOfFile: registration.iconPath, encoding: .utf8) == DesktopIcon.svg)
        #expect(DesktopIcon.installedPath(in: XDGDirectories(environment: environment)) == registration.iconPath)
        let validation = try Subprocess.run(
            "desktop-file-validate", [registration.desktopFilePath], environment: environment)
        #expect(validation.succeeded && validation.standardOutput.isEmpty)
        #expect(
            try String(contentsOfFile: registration.desktopFilePath, encoding: .utf8).contains(
                "\nExec=\(registration.binaryPath) --from-desktop %u\n"))

        let installed = try snapshot(home.path)
        let again = try registration.install(binary: Subprocess.find("true", environment: environment)!)
        #expect(try snapshot(home.path) == installed)
        #expect(again.contains("Puzzel Call is already the default for tel: and callto: links"))

        let removal = try registration.uninstall()
        #expect(removal.contains("Removed \(registration.binaryPath)"))
        #expect(try snapshot(home.path) == before)
        #expect(
            try registration.uninstall() == [
                "Nothing to uninstall: no record of an installation in \(registration.recordPath)"
            ])
    }

    @Test(.enabled(if: installed("xdg-mime"), "needs xdg-utils to check the result"))
    func withoutXdgUtilsTheListIsEditedDirectly() throws {
        let home = TemporaryDirectory()
        let environment = home.environment
        let registration = HandlerRegistration(scope: .user, environment: environment)
        let before = try snapshot(home.path)

        _ = try registration.install(binary: Subprocess.find("true", environment: environment)!)
        #expect(
            try String(contentsOfFile: home.file("config/mimeapps.list"), encoding: .utf8)
                == "[Default Applications]\nx-scheme-handler/tel=puzzel-call.desktop\nx-scheme-handler/callto=puzzel-call.desktop\n"
        )
        home.provide("xdg-mime")
        let query = try Subprocess.run(
            "xdg-mime", ["query", "default", "x-scheme-handler/callto"], environment: environment)
        #expect(query.standardOutputText == "puzzel-call.desktop\n")

        _ = try registration.uninstall()
        #expect(
            try snapshot(home.path).filter { !$0.key.hasPrefix("bin") } == before.filter { !$0.key.hasPrefix("bin") })
    }

    @Test func eachScopeHasItsPlaces() {
        let environment = ["HOME": "/home/agent", "XDG_CONFIG_DIRS": "/etc/fleet:/etc/xdg"]
        let user = HandlerRegistration(scope: .user, environment: environment)
        #expect(
            [user.binaryPath, user.desktopFilePath, user.mimeAppsListPath] == [
                "/home/agent/.local/bin/puzzel-call", "/home/agent/.local/share/applications/puzzel-call.desktop",
                "/home/agent/.config/mimeapps.list",
            ])
        let system = HandlerRegistration(scope: .system, environment: environment)
        #expect(
            [system.binaryPath, system.desktopFilePath, system.mimeAppsListPath] == [
                "/usr/local/bin/puzzel-call", "/usr/share/applications/puzzel-call.desktop", "/etc/fleet/mimeapps.list",
            ])
        #expect(HandlerRegistration(scope: .prefix("/opt/pc"), environment: environment).mimeAppsListPath == nil)
    }

    @Test func aPrefixGetsTheFilesButNoDefaults() throws {
        let home = TemporaryDirectory()
        let stage = TemporaryDirectory()
        let environment = home.environment
        let registration = HandlerRegistration(scope: .prefix(stage.file("usr")), environment: environment)
        _ = try registration.install(binary: Subprocess.find("true", environment: environment)!)
        #expect(FileManager.default.isExecutableFile(atPath: stage.file("usr/bin/puzzel-call")))
        #expect(
            FileManager.default.fileExists(atPath: stage.file("usr/share/icons/hicolor/scalable/apps/puzzel-call.svg")))
        #expect(
            try String(contentsOfFile: stage.file("usr/share/applications/puzzel-call.desktop"), encoding: .utf8)
                .contains("Exec=\(stage.path)/usr/bin/puzzel-call --from-desktop %u"))
        #expect(!FileManager.default.fileExists(atPath: home.file("config/mimeapps.list")))
        _ = try registration.uninstall()
        #expect(try FileManager.default.contentsOfDirectory(atPath: stage.path) == [])
    }
}

/// Every file and directory below `root` with its contents and permissions, and every link with its target
/// (the test's tools are links to the machine's).
func snapshot(_ root: String) throws -> [String: String] {
    var entries: [String: String] = [:]
    for case let relative as String in FileManager.default.enumerator(atPath: root)! {
        let path = root + "/" + relative
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
            entries[relative] = "link to " + target
            continue
        }
        let mode = String(permissions(path) ?? 0, radix: 8)
        entries[relative] =
            mode + " "
            + (FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "<dir>")
    }
    return entries
}

@Suite(.timeLimit(.minutes(5))) struct ClickTests {
    /// The chain a click takes: the desktop's opener finds the installed entry and runs the installed
    /// program with the link as one argument (here a stand-in program that records what it gets).
    @Test(.enabled(if: installed("xdg-open", "xdg-mime", "gio"), "needs xdg-utils and libglib2.0-bin"))
    func xdgOpenAndGioOpenRunTheInstalledHandlerWithTheLink() async throws {
        let home = TemporaryDirectory()
        let script = "#!/bin/sh\n{ printf '%s|' \"$@\"; echo; } >> '\(home.file("clicks"))'\n"
        let recorder = home.write(script, to: "recorder", mode: 0o755)
        home.provide("xdg-open", "xdg-mime", "gio")
        // xdg-utils' generic mode consults scheme handlers only inside a graphical session.
        let environment = home.environment.merging(["DISPLAY": ":99"]) { $1 }
        _ = try HandlerRegistration(environment: environment).install(binary: recorder)

        let hostile = "tel:+47 22 12 34 56;phone-context=$(id)`id`'\""
        #expect(try Subprocess.run("xdg-open", [hostile], environment: environment, timeout: .seconds(10)).succeeded)
        #expect(
            try Subprocess.run(
                "gio", ["open", "callto://+4722123456"], environment: environment, timeout: .seconds(10)
            ).succeeded)
        let clicks = { (try? String(contentsOfFile: home.file("clicks"), encoding: .utf8)) ?? "" }
        #expect(await eventually { clicks().split(separator: "\n").count == 2 })
        #expect(
            Set(clicks().split(separator: "\n"))
                == ["--from-desktop|\(hostile)|", "--from-desktop|callto://+4722123456|"])
    }
}

@Test(.timeLimit(.minutes(5))) func theRunningBinaryIsFoundByItsRealPath() throws {
    let path = try #require(HandlerRegistration.runningBinaryPath)
    #expect(path.hasPrefix("/") && FileManager.default.isExecutableFile(atPath: path))
}
