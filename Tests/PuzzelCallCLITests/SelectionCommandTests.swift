import Desktop
import FakePuzzel
import Foundation
import SystemSupport
import TestSupport
import Testing

@testable import PuzzelCallCLI

/// The selection is read for real: xclip owns the primary selection of a private Xvfb display, and
/// `puzzel-call selection` reads it back through xclip.
@Suite(.timeLimit(.minutes(5)), .enabled(if: installed("dbus-daemon", "Xvfb", "xclip"), "needs Xvfb and xclip"))
struct SelectionCommandTests {
    let bus: PrivateSessionBus
    var runner = CommandRunner()

    init() throws {
        bus = try PrivateSessionBus()
        try bus.startDisplay()
        runner.environment["DISPLAY"] = bus.display
        // xclip is the one selection tool on the test's PATH, and no chooser is, whatever the machine has.
        runner.folder.provide("xclip")
        // The desktop runs the shortcut: outcomes are told in notifications.
        runner.fromDesktop = true
    }

    /// Makes `text` the primary selection, as highlighting it in a window would (or copies it to the clipboard).
    /// A loaded machine may start the X server's answer late: xclip is given a second chance.
    private func select(_ text: String, selection: String = "primary") async throws {
        for _ in 0..<2 {
            try bus.start("xclip", ["-quiet", "-i", "-selection", selection], input: Data(text.utf8))
            let selected = await eventually {
                let output = try? Subprocess.run(
                    "xclip", ["-o", "-selection", selection], environment: runner.environment, timeout: .seconds(5))
                return output?.standardOutputText == text
            }
            if selected { return }
        }
        throw TestSetupFailure("xclip did not take the selection")
    }

    /// A zenity that notes its arguments and the rows it was given beside itself, and prints `answer`.
    private func withChooser(answering answer: String) -> CommandRunner {
        runner.folder.write(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"${0%/*}/arguments\"\ncat > \"${0%/*}/rows\"\nprintf '%s\\n' '\(answer)'\n",
            to: "bin/zenity", mode: 0o755)
        return runner
    }

    @Test func callsTheOneNumberOfTheSelectionAsAClickWould() async throws {
        try await select("Kunde ringte fra +47 22 12 34 56 den 15/03/2024 kl. 14:30")
        let result = await runner.run("selection", "--dry-run", "--json")
        #expect(result.status == 0)
        #expect(result.json["e164"] as? String == "+4722123456")
        #expect(result.json["destination"] as? String == "004722123456")
        #expect(result.json["dryRun"] as? Bool == true)
    }

    @Test func readsTheClipboardInsteadWhenAsked() async throws {
        try await select("Ordre 2024-000123")
        try await select("Ring meg på 22 12 34 56", selection: "clipboard")
        let result = await runner.run("selection", "--clipboard", "--country", "NO", "--dry-run", "--json")
        #expect(result.status == 0)
        #expect(result.json["e164"] as? String == "+4722123456")
    }

    /// Each number once, as the text wrote it, with its type and country; zenity says which row was chosen.
    @Test func letsTheAgentChooseAmongSeveralNumbersWithoutPuttingThemOnACommandLine() async throws {
        try await select("Sentral 22 12 34 56, mobil 412 34 567, sentral igjen +4722123456, Stockholm +46 8 123 456 78")
        let runner = withChooser(answering: "2")
        let result = await runner.run("selection", "--country", "NO", "--dry-run", "--json")
        #expect(result.status == 0)
        #expect(result.json["e164"] as? String == "+4741234567")
        let arguments = try String(contentsOfFile: runner.folder.path + "/bin/arguments", encoding: .utf8)
        #expect(arguments.contains("--list\n"))
        #expect(arguments.contains("--hide-column=1\n--print-column=1\n"))
        #expect(!arguments.contains("412"))
        let rows = try String(contentsOfFile: runner.folder.path + "/bin/rows", encoding: .utf8)
        #expect(
            rows == """
                1
                22 12 34 56
                Fixed line
                Norway
                2
                412 34 567
                Mobile
                Norway
                3
                +46 8 123 456 78
                Fixed line
                Sweden

                """)
    }

    @Test func theChooserSpeaksTheAgentsLanguage() async throws {
        try await select("Ring +46 8 123 456 78 eller +47 412 34 567")
        var runner = withChooser(answering: "1")
        runner.environment["LANG"] = "nb_NO.UTF-8"
        let result = await runner.run("selection", "--dry-run", "--json")
        #expect(result.json["e164"] as? String == "+46812345678")
        let arguments = try String(contentsOfFile: runner.folder.path + "/bin/arguments", encoding: .utf8)
        #expect(arguments.contains("--column=Nummer\n--column=Nummertype\n--column=Land\n"))
        let rows = try String(contentsOfFile: runner.folder.path + "/bin/rows", encoding: .utf8)
        #expect(rows == "1\n+46 8 123 456 78\nFastnettnummer\nSverige\n2\n+47 412 34 567\nMobilnummer\nNorge\n")
    }

    @Test func listsSeveralNumbersAndCallsNoneWithoutAChooser() async throws {
        try await select("Sentral +47 22 12 34 56, direkte +47 23 45 67 89")
        let result = await runner.run("selection", "--dry-run")
        #expect(result.status == 65)
        #expect(result.stdoutLines == ["+4722123456", "+4723456789"])
        #expect(runner.notices.all.first?.body.contains("2 numbers") == true)
    }

    @Test func saysSoInANotificationWhenTheSelectionHoldsNoNumber() async throws {
        try await select("Ordre 2024-000123, levert 15/03/2024, 1 299 kr")
        let result = await runner.run("selection", "--dry-run")
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(runner.notices.all.map(\.body) == ["There is no phone number in the selection."])
    }

    @Test func speaksTheAgentsLanguage() async throws {
        try await select("Ordre 2024-000123, levert 15/03/2024, 1 299 kr")
        var runner = runner
        runner.environment["LANG"] = "nb_NO.UTF-8"
        let result = await runner.run("selection", "--dry-run")
        #expect(result.stderr == "puzzel-call: Det er ikke noe telefonnummer i det markerte.\n")
        #expect(runner.notices.all.map(\.summary) == ["Ringer ikke"])
        #expect(runner.notices.all.map(\.body) == ["Det er ikke noe telefonnummer i det markerte."])
        let json = await runner.run("selection", "--dry-run", "--json")
        #expect(json.json["message"] as? String == "There is no phone number in the selection.")
    }

    /// `--verbose` is taken as a click on the link takes it: the trace of the requests goes to standard error.
    @Test func tracesTheRequestsWithVerboseAsAClickDoes() async throws {
        let puzzel = try FakePuzzelServer()
        defer { puzzel.stop() }
        var runner = runner
        runner.talk(to: puzzel, as: puzzel.account)
        try await select("Ring meg på +47 22 12 34 56")
        let result = await runner.run("selection", "--verbose")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("/callout → 200 in"), "\(result.stderr)")
        #expect(result.stderr.contains("\"password\":\"<redacted>\""))
        #expect(!result.stderr.contains(puzzel.account.password))
        #expect(puzzel.requests(to: .callout).count == 1)
    }

    @Test func refusesASelectionOver64KiBUnread() async throws {
        try await select("+47 22 12 34 56 " + String(repeating: "x", count: 70_000))
        let result = await runner.run("selection", "--dry-run", "--json")
        #expect(result.status == 65)
        #expect(result.json["error"] as? String == "selection-too-large")
    }
}

/// The paths real xclip on Xvfb does not take — the chooser cancelled, xsel where xclip is missing, wl-paste
/// under Wayland — each with fake programs on a PATH of their own, which note how they were run.
@Suite(.timeLimit(.minutes(5))) struct SelectionToolTests {
    let puzzel: FakePuzzelServer
    var runner = CommandRunner()

    init() throws {
        puzzel = try FakePuzzelServer()
        runner.talk(to: puzzel, as: puzzel.account)
        runner.fromDesktop = true
        // Only the fakes are on the test's PATH: no real xclip, xsel, wl-paste or zenity is found.
        runner.environment["DISPLAY"] = ":99"
        runner.environment["WAYLAND_DISPLAY"] = nil
    }

    var callouts: Int { puzzel.requests(to: .callout).count }

    /// A fake `tool` that prints `output` and exits with `status`, noting its arguments beside itself.
    private func fake(_ tool: String, printing output: String = "", status: Int = 0) {
        runner.folder.write(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"${0%/*}/\(tool)-arguments\"\nprintf '%s' '\(output)'\nexit \(status)\n",
            to: "bin/\(tool)", mode: 0o755)
    }

    private func arguments(of tool: String) throws -> String {
        try String(contentsOfFile: runner.folder.path + "/bin/\(tool)-arguments", encoding: .utf8)
    }

    /// Cancelling is the agent's own choice: nothing is called, and no notification tells them what they did.
    @Test func aCancelledChooserCallsNothingAndSaysNothingOnTheDesktop() async throws {
        fake("xclip", printing: "Sentral +47 22 12 34 56, direkte +47 23 45 67 89")
        fake("zenity", status: 1)
        let result = await runner.run("selection")
        #expect(result.status == 65)
        #expect(runner.notices.all.isEmpty)
        #expect(result.stderr == "puzzel-call: No number was chosen: nothing was called.\n")
        let json = await runner.run("selection", "--json")
        #expect(json.status == 65)
        #expect(json.json["error"] as? String == "not-chosen")
        #expect(try arguments(of: "zenity").contains("--list"))
        #expect(callouts == 0)
    }

    @Test func xselReadsTheSelectionWhereXclipIsMissing() async throws {
        fake("xsel", printing: "Ring +47 22 12 34 56")
        let result = await runner.run("selection", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.json["e164"] as? String == "+4722123456")
        #expect(try arguments(of: "xsel") == "--output\n--primary\n")
        #expect(callouts == 1)
        #expect(await runner.run("selection", "--clipboard", "--dry-run").status == 0)
        #expect(try arguments(of: "xsel") == "--output\n--clipboard\n")
    }

    @Test func wlPasteReadsThePrimarySelectionUnderWayland() async throws {
        var runner = runner
        runner.environment["WAYLAND_DISPLAY"] = "wayland-0"
        fake("wl-paste", printing: "Ring +47 22 12 34 56")
        fake("xclip", printing: "Ring +47 23 45 67 89")
        let result = await runner.run("selection", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.json["e164"] as? String == "+4722123456", "Wayland's own selection, not XWayland's")
        #expect(try arguments(of: "wl-paste") == "--no-newline\n--primary\n")
        #expect(callouts == 1)
    }
}
