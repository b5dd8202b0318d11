import Foundation
import Glibc
import SystemSupport
import TestSupport
import Testing

@testable import Desktop

/// What the README promises of the desktop: uninstall respects the user's later choice, `install --system`
/// puts everything in the system's places, and a notification is waited for two seconds at most.
@Suite(.timeLimit(.minutes(5))) struct DocumentedDesktopTests {
    func defaultHandler(_ scheme: String, _ environment: [String: String]) throws -> String {
        try Subprocess.run("xdg-mime", ["query", "default", "x-scheme-handler/\(scheme)"], environment: environment)
            .standardOutputText
    }

    @Test(.enabled(if: installed("xdg-mime"), "needs xdg-utils"))
    func uninstallLeavesAHandlerTheUserPickedAfterInstall() throws {
        let home = TemporaryDirectory()
        home.provide("xdg-mime")
        let environment = home.environment
        // xdg-mime names only handlers whose entry exists.
        for name in ["Old", "Softphone"] {
            home.write(
                "[Desktop Entry]\nType=Application\nName=\(name)\nExec=true %u\nMimeType=x-scheme-handler/tel;\n",
                to: "data/applications/org.example.\(name).desktop")
        }
        #expect(
            try Subprocess.run(
                "xdg-mime", ["default", "org.example.Old.desktop", "x-scheme-handler/tel"], environment: environment
            ).succeeded)
        let registration = HandlerRegistration(scope: .user, environment: environment)
        _ = try registration.install(binary: Subprocess.find("true", environment: environment)!)
        #expect(try defaultHandler("tel", environment) == "puzzel-call.desktop\n")

        // The user picks a softphone after install.
        #expect(
            try Subprocess.run(
                "xdg-mime", ["default", "org.example.Softphone.desktop", "x-scheme-handler/tel"],
                environment: environment
            ).succeeded)
        _ = try registration.uninstall()
        #expect(try defaultHandler("tel", environment) == "org.example.Softphone.desktop\n", "not the old one back")
        #expect(try defaultHandler("callto", environment) == "", "still ours: given back to no handler")
        #expect(!FileManager.default.fileExists(atPath: registration.desktopFilePath))
    }

    /// Whether this process may mount in a namespace of its own (root, as in CI, with the capability).
    static let canMountPrivately: Bool = {
        guard getuid() == 0, installed("unshare", "mount") else { return false }
        return (try? Subprocess.run("unshare", ["--mount", "true"], environment: ["PATH": "/usr/bin:/bin"]))?
            .succeeded == true
    }()

    @Test(
        .enabled(if: canMountPrivately, "needs root and unshare to give /usr a private view"),
        .enabled(if: installed("xdg-mime", "desktop-file-validate"), "needs xdg-utils and desktop-file-utils"))
    func installSystemPutsTheProgramTheEntryAndTheDefaultsInTheSystemsPlaces() throws {
        let folder = TemporaryDirectory()
        // No dpkg among the tools: without the package, whether or not this machine has it installed.
        folder.provide("unshare", "mount", "xdg-mime", "desktop-file-validate", "update-desktop-database")
        let environment = folder.environment
        // /usr/local/bin, /usr/share/applications and /usr/share/icons are empty folders of this namespace alone,
        // gone with it: an installed package's entry and icon are neither seen nor touched.
        let script = """
            set -e
            mount -t tmpfs -o mode=755 tmpfs /usr/local/bin
            mount -t tmpfs -o mode=755 tmpfs /usr/share/applications
            mkdir -p /usr/share/icons
            mount -t tmpfs -o mode=755 tmpfs /usr/share/icons
            "$0" install --system
            echo "== installed"
            cmp "$0" /usr/local/bin/puzzel-call && echo same program
            desktop-file-validate /usr/share/applications/puzzel-call.desktop && echo valid entry
            grep '^Exec=' /usr/share/applications/puzzel-call.desktop
            cat "$XDG_CONFIG_DIRS/mimeapps.list"
            HOME="$XDG_STATE_HOME" XDG_DATA_DIRS=/usr/share xdg-mime query default x-scheme-handler/callto
            "$0" uninstall --system > /dev/null
            echo "== uninstalled"
            ls -A /usr/local/bin /usr/share/applications
            cat "$XDG_CONFIG_DIRS/mimeapps.list" 2>/dev/null || true
            """
        let output = try Subprocess.run(
            "unshare", ["--mount", "--propagation", "private", "sh", "-c", script, productBinary("puzzel-call")],
            environment: environment, timeout: .seconds(60))
        #expect(output.succeeded, "\(output.standardErrorText)")
        let text = output.standardOutputText
        let installed = text.components(separatedBy: "== installed\n").last?.components(separatedBy: "== uninstalled")
        #expect(
            installed?.first
                == """
                same program
                valid entry
                Exec=/usr/local/bin/puzzel-call --from-desktop %u
                Exec=/usr/local/bin/puzzel-call login --from-desktop
                [Default Applications]
                x-scheme-handler/tel=puzzel-call.desktop
                x-scheme-handler/callto=puzzel-call.desktop
                puzzel-call.desktop

                """)
        #expect(installed?.last?.hasPrefix("\n/usr/local/bin:\n\n/usr/share/applications:\n") == true, "\(text)")
        #expect(installed?.last?.contains("puzzel-call") == false, "\(text)")
    }

    @Test(
        .enabled(
            if: installed("dbus-daemon", "gdbus", "Xvfb", "dunst"), "needs dbus, libglib2.0-bin, xvfb and dunst"))
    func aNotificationServiceThatDoesNotAnswerIsWaitedForTwoSecondsAtMost() async throws {
        let bus = try PrivateSessionBus()
        let dunst = try await bus.startNotificationServer()
        let pid = dunst.processIdentifier
        // The service keeps its name on the bus but answers nothing until it is continued.
        kill(pid, SIGSTOP)
        defer { kill(pid, SIGCONT) }
        #expect(
            await eventually {
                (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.contains(") T ") == true
            }
        )
        // Were the bound longer than six seconds, the service would answer in time and the notification be shown.
        let sent = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            if sent.wait(timeout: .now() + 6) == .timedOut { kill(pid, SIGCONT) }
        }
        let shown = Notifier(environment: bus.environment).show(
            .init(summary: "Calling", body: "+47 22 12 34 56"), deadline: Date().addingTimeInterval(60))
        sent.signal()
        guard case .failure = shown else {
            Issue.record("a service that does not answer was taken to have shown the notification")
            return
        }
    }
}
