import Desktop
import FakePuzzel
import Foundation
import SystemSupport
import TestSupport
import Testing

/// The installed program on a real session bus and notification server, Puzzel slow to answer.
extension DesktopChainTests {
    @Test(
        .enabled(
            if: installed("dbus-daemon", "gdbus", "dbus-monitor", "Xvfb", "dunst"),
            "needs dbus, libglib2.0-bin, xvfb and dunst"))
    func callingShowsWhilePuzzelIsSlowAndTheOutcomeReplacesIt() async throws {
        let (bus, monitor, environment) = try await notificationDesktop()
        defer { withExtendedLifetime(bus) {} }
        // Puzzel holds the agent's state until the test has seen what the agent sees meanwhile.
        puzzel.holdAnswers(on: .agentState)
        let click = try start(productBinary("puzzel-call"), ["--from-desktop", "tel:+47 22 12 34 56"], in: environment)
        #expect(await eventually { monitor.text.contains("string \"Calling +47 22 12 34 56…\"") })
        let ids = NotificationIDs(directories: XDGDirectories(environment: environment))
        #expect(await eventually { ids.lastID(for: "+4722123456") != 0 })
        let calling = ids.lastID(for: "+4722123456")
        #expect(destinations().isEmpty, "shown before the outcome")

        puzzel.releaseAnswers(on: .agentState)
        click.waitUntilExit()
        #expect(click.terminationStatus == 0)
        #expect(destinations() == ["004722123456"])
        #expect(await eventually { monitor.text.contains("string \"Calling +47 22 12 34 56\"") })
        let notifications = monitor.text.components(separatedBy: "member=Notify").dropFirst()
        #expect(notifications.count == 2, "one click, one notification: shown, then updated")
        #expect(notifications.last?.contains("uint32 \(calling)") == true, "the outcome replaces it in place")
        #expect(ids.lastID(for: "+4722123456") == calling, "the server kept its id")
    }
}
