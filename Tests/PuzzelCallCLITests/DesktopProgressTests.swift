import Desktop
import FakePuzzel
import Foundation
import SystemSupport
import TestSupport
import Testing

@testable import PuzzelCallCLI

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
        // Waited for on a thread of its own: the cooperative threads serve the tests running meanwhile.
        await offThePool { click.waitUntilExit() }
        #expect(click.terminationStatus == 0)
        #expect(destinations() == ["004722123456"])
        #expect(await eventually { monitor.text.contains("string \"Calling +47 22 12 34 56\"") })
        let notifications = monitor.text.components(separatedBy: "member=Notify").dropFirst()
        #expect(notifications.count == 2, "one click, one notification: shown, then updated")
        #expect(notifications.last?.contains("uint32 \(calling)") == true, "the outcome replaces it in place")
        #expect(ids.lastID(for: "+4722123456") == calling, "the server kept its id")
    }
}

/// Signing in from the notification, with the real keyring and notification server: no terminal anywhere.
extension DesktopChainTests {
    @Test(
        .enabled(
            if: installed(
                "dbus-daemon", "gdbus", "dbus-monitor", "Xvfb", "dunst", "gnome-keyring-daemon", "secret-tool"),
            "needs dbus, libglib2.0-bin, xvfb, dunst, gnome-keyring and libsecret-tools"))
    func aRejectedPasswordIsReplacedFromTheNotificationAndTheCallPlaced() async throws {
        let (bus, monitor, desktop) = try await notificationDesktop()
        try await bus.startKeyring(home: folder.path + "/keyring")
        var environment = desktop
        environment["PUZZEL_PASSWORD"] = nil
        let account = [
            "service", "puzzel-call", "customerKey", puzzel.account.customerKey, "userName",
            puzzel.account.userName,
        ]
        let stored = try run(
            "secret-tool", ["store", "--label=Puzzel"] + account, input: "wrong-password-1", in: environment)
        #expect(stored.succeeded, "\(stored.standardErrorText)")
        // The dialog: a stand-in for zenity that writes down its command line and answers the new password.
        let typed = folder.write(puzzel.account.password + "\n", to: "typed", mode: 0o600)
        folder.write(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '\(folder.path)/zenity-arguments'\ncat '\(typed)'\n",
            to: "dialogs/zenity", mode: 0o755)
        environment["PATH"] = folder.path + "/dialogs:" + environment["PATH"]!

        let click = try start(productBinary("puzzel-call"), ["--from-desktop", "tel:+4722123456"], in: environment)
        #expect(await eventually { monitor.text.contains("string \"Sign in\"") })
        let ids = NotificationIDs(directories: XDGDirectories(environment: environment))
        #expect(await eventually { ids.lastID(for: "+4722123456") != 0 })
        let refusal = ids.lastID(for: "+4722123456")
        try bus.chooseAction("sign-in", of: refusal)
        // Waited for on a thread of its own: the cooperative threads serve the tests running meanwhile.
        await offThePool { click.waitUntilExit() }
        #expect(click.terminationStatus == 0)
        #expect(destinations() == ["004722123456"])
        let sent = puzzel.requests(to: .logIn).map { $0.jsonBody?["password"] as? String }
        #expect(sent == ["wrong-password-1", puzzel.account.password], "each password sent once")
        let kept = try run("secret-tool", ["lookup"] + account, in: environment)
        #expect(
            kept.standardOutputText.trimmingCharacters(in: .newlines) == puzzel.account.password, "kept in the keyring")
        let arguments = try String(contentsOfFile: folder.path + "/zenity-arguments", encoding: .utf8)
        #expect(!arguments.contains(puzzel.account.password) && arguments.contains("--hide-text"))
        #expect(await eventually { monitor.text.contains("string \"Calling +47 22 12 34 56\"") })
        let outcome = monitor.text.components(separatedBy: "member=Notify").last ?? ""
        #expect(outcome.contains("uint32 \(refusal)"), "the call takes the refusal's place")
    }
}

extension DesktopChainTests {
    @Test(
        .enabled(
            if: installed("dbus-daemon", "gdbus", "dbus-monitor", "Xvfb", "dunst"),
            "needs dbus, libglib2.0-bin, xvfb and dunst"))
    func aQuestionNobodyAnsweredIsClosedQuietly() async throws {
        let (bus, monitor, environment) = try await notificationDesktop()
        defer { withExtendedLifetime(bus) {} }
        let ids = NotificationIDs(directories: XDGDirectories(environment: environment))
        var question = Notice(
            summary: "Call +47 888 88 888?", body: "Choose “Call” only if you clicked it.", subject: "+4788888888",
            actions: [Notifier.Action(key: "call", label: "Call")])
        question.choiceWait = 0
        let notifier = Notifier(environment: environment)
        let reply = await offThePool { [question] in notifier.show(question, ids: ids) }
        #expect(reply == .shown)
        let id = ids.lastID(for: "+4788888888")
        #expect(await eventually { monitor.text.contains("member=CloseNotification") })
        let closing = monitor.text.components(separatedBy: "member=CloseNotification").last ?? ""
        #expect(closing.contains("uint32 \(id)"), "the question itself, and nothing shown in its place")
        #expect(monitor.text.components(separatedBy: "member=Notify").count == 2)
    }
}
