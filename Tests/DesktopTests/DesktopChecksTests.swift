import Foundation
import SystemSupport
import TestSupport
import Testing

@testable import Desktop

@Suite(.timeLimit(.minutes(5))) struct DesktopChecksTests {
    @Test(
        .enabled(
            if: installed("xdg-mime", "desktop-file-validate", "gio"),
            "needs xdg-utils, desktop-file-utils and libglib2.0-bin"))
    func findsWhatIsMissingBeforeInstallAndNothingAfter() throws {
        let home = TemporaryDirectory()
        home.provide("xdg-mime", "desktop-file-validate", "gio", "update-desktop-database")
        var environment = home.environment
        environment["PATH"] = home.file("home/.local/bin") + ":" + environment["PATH"]!
        let checks = DesktopChecks(environment: environment)
        let linkChecks = {
            [checks.binaryOnPath(), checks.entryInstalled(), checks.xdgMimeDefaults(), checks.gioDefaults()]
        }

        let before = linkChecks()
        #expect(before.map(\.ok) == [false, false, false, false])
        #expect(before.allSatisfy { $0.fix?.contains("puzzel-call install") == true })
        #expect(before[2].description == "xdg-mime does not name puzzel-call for every link (tel: none; callto: none)")

        _ = try HandlerRegistration(environment: environment).install(
            binary: Subprocess.find("true", environment: environment)!)
        let after = linkChecks()
        #expect(after.map(\.ok) == [true, true, true, true])
        #expect(after.allSatisfy { $0.fix == nil })

        // An entry installed before --from-desktop: clicks would tell their outcome nowhere.
        let entry = home.file("data/applications/puzzel-call.desktop")
        let installed = try String(contentsOfFile: entry, encoding: .utf8)
        try installed.replacingOccurrences(of: " --from-desktop %u", with: " %u").write(
            toFile: entry, atomically: false, encoding: .utf8)
        #expect(checks.entryInstalled().ok == false)
        #expect(checks.entryInstalled().description.contains("--from-desktop"))

        // A broken entry is caught, with the way to repair it.
        try "[Desktop Entry]\nName=Puzzel Call\n".write(
            toFile: home.file("data/applications/puzzel-call.desktop"), atomically: false, encoding: .utf8)
        #expect(checks.entryInstalled().ok == false)
    }

    @Test func withoutABusTheNotificationCheckFailsWithAFix() {
        let check = DesktopChecks(environment: ["HOME": "/home/agent", "PATH": TemporaryDirectory().path])
            .notificationService()
        #expect(!check.ok)
        #expect(check.fix?.contains("/home/agent/.local/state/puzzel-call/puzzel-call.log") == true)
    }
}
