import Foundation
import SystemSupport
import TestSupport
import Testing

@testable import Desktop

@Suite(.timeLimit(.minutes(5))) struct NotifierTests {
    /// Text from a link that tries to smuggle in parameters or markup.
    let hostile = "+47 22', 'injected', @as [], {}, 0) \\' \"<b>bold</b>\" & more\nsecond line"

    @Test(
        .enabled(
            if: installed("dbus-daemon", "dbus-monitor", "Xvfb", "dunst"), "needs dbus, xvfb and dunst"))
    func aRealNotificationServerReceivesTheTextVerbatim() async throws {
        let bus = try PrivateSessionBus()
        try await bus.startNotificationServer()
        let monitor = try await bus.monitor(interface: "org.freedesktop.Notifications")
        let data = TemporaryDirectory()
        let icon = data.write("<svg/>", to: "icons/hicolor/scalable/apps/puzzel-call.svg")
        let notifier = Notifier(environment: bus.environment.merging(["XDG_DATA_HOME": data.path]) { $1 })

        #expect(notifier.isServiceReachable())
        #expect(notifier.show(.init(summary: hostile, body: hostile, urgency: .critical)).failure == nil)

        #expect(await eventually { monitor.text.contains("int32 -1") })
        let call = monitor.text.components(separatedBy: "member=Notify").last ?? ""
        #expect(call.contains("string \"puzzel-call\""))
        #expect(call.contains("string \"\(icon)\""), "the installed icon, by its path")
        #expect(call.contains("string \"\(hostile)\""))
        #expect(call.contains("string \"\(Notifier.escapingMarkup(hostile))\""))
        #expect(call.contains("byte 2"))
        #expect(!call.contains("injected\"\n"))
    }

    @Test(
        .enabled(
            if: installed("dbus-daemon", "dbus-monitor", "Xvfb", "dunst"), "needs dbus, xvfb and dunst"))
    func aNotificationCarriesTheEntryAndCategoryAndReplacesTheEarlierOne() async throws {
        let bus = try PrivateSessionBus()
        try await bus.startNotificationServer()
        let monitor = try await bus.monitor(interface: "org.freedesktop.Notifications")
        let notifier = Notifier(environment: bus.environment)

        let first = try notifier.show(.init(summary: "Not calling +47 22 12 34 56", body: "busy")).get()
        let second = try notifier.show(.init(summary: "Calling +47 22 12 34 56", body: "", replaces: first.id)).get()
        #expect(second.id == first.id, "the server updates the notification in place")
        let third = try notifier.show(.init(summary: "Calling +46 8 123 456 78", body: "")).get()
        #expect(third.id != first.id)

        #expect(await eventually { monitor.text.components(separatedBy: "member=Notify").count == 4 })
        let call = monitor.text.components(separatedBy: "member=Notify")[2]
        #expect(call.contains("uint32 \(first.id)"))
        #expect(call.contains("string \"desktop-entry\"\n         variant             string \"puzzel-call\""))
        #expect(call.contains("string \"category\"\n         variant             string \"call\""))
    }

    @Test(
        .enabled(if: installed("dbus-daemon", "gdbus", "Xvfb", "dunst"), "needs dbus, libglib2.0-bin, xvfb and dunst"))
    func theActionTheAgentChoosesComesBack() async throws {
        let bus = try PrivateSessionBus()
        try await bus.startNotificationServer()
        let notifier = Notifier(environment: bus.environment)
        let callAnyway = Notifier.Action(key: "call-anyway", label: "Call anyway")
        let other = try notifier.show(.init(summary: "Not calling +46 8 123 456 78", body: "", actions: [callAnyway]))
            .get()
        let shown = try notifier.show(.init(summary: "Not calling +47 22 12 34 56", body: "", actions: [callAnyway]))
            .get()

        // The server closes the other notification, and the agent chooses ours from the server's menu.
        try bus.closeNotification(other.id)
        try bus.chooseAction("call-anyway", of: shown.id)
        #expect(shown.chosenAction(until: Date().addingTimeInterval(60)) == "call-anyway")
        #expect(other.chosenAction(until: Date().addingTimeInterval(60)) == nil, "closed first: no action")
    }

    /// Any program on the session bus can emit the notification service's signals, with any id: only the
    /// connection that showed the notification answers for the agent.
    @Test(
        .enabled(if: installed("dbus-daemon", "gdbus", "Xvfb", "dunst"), "needs dbus, libglib2.0-bin, xvfb and dunst"))
    func aSignalFromAnotherConnectionIsNotTheAgentsAnswer() async throws {
        let bus = try PrivateSessionBus()
        try await bus.startNotificationServer()
        let notifier = Notifier(environment: bus.environment)
        let callAnyway = Notifier.Action(key: "call-anyway", label: "Call anyway")
        let shown = try notifier.show(.init(summary: "Not calling +47 22 12 34 56", body: "", actions: [callAnyway]))
            .get()

        try bus.emitNotificationSignal("ActionInvoked", id: shown.id, "forged")
        try bus.emitNotificationSignal("NotificationClosed", id: shown.id, reason: 2)
        try bus.chooseAction("call-anyway", of: shown.id)

        #expect(shown.chosenAction(until: Date().addingTimeInterval(60)) == "call-anyway")
    }

    @Test(.enabled(if: installed("dbus-daemon", "Xvfb", "dunst"), "needs dbus, xvfb and dunst"))
    func noChoiceEndsAtTheDeadline() async throws {
        let bus = try PrivateSessionBus()
        try await bus.startNotificationServer()
        let shown = try Notifier(environment: bus.environment).show(
            .init(summary: "Not calling", body: "", actions: [.init(key: "call-anyway", label: "Call anyway")])
        ).get()
        #expect(shown.chosenAction(until: Date()) == nil)
    }

    @Test(.enabled(if: installed("dbus-daemon"), "needs dbus"))
    func aBusWithoutANotificationServerIsReported() throws {
        let bus = try PrivateSessionBus()
        let notifier = Notifier(environment: bus.environment)
        #expect(!notifier.isServiceReachable())
        #expect(notifier.show(.init(summary: "Calling", body: "+47 22 12 34 56")).failure != nil)
        // libdbus aborts the process on a string it cannot send: NUL, noncharacters and emoji go through.
        #expect(notifier.show(.init(summary: "\u{FFFF}\u{1F4DE}\0x", body: "\u{10FFFF}\u{FFFE}")).failure != nil)
    }

    @Test func withoutASessionBusNothingIsDeliveredAndNothingIsStarted() {
        let notifier = Notifier(environment: [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin", "DISPLAY": ":99",
        ])
        #expect(notifier.show(.init(summary: "Calling", body: "+47")).failure == "there is no session bus")
        #expect(!notifier.isServiceReachable())
    }

    @Test(
        .enabled(
            if: installed("dbus-daemon", "dbus-monitor", "Xvfb", "dunst"), "needs dbus, xvfb and dunst"))
    func noProgramIsRunSoTheNumberIsOnNoCommandLine() async throws {
        let bus = try PrivateSessionBus()
        try await bus.startNotificationServer()
        let monitor = try await bus.monitor(interface: "org.freedesktop.Notifications")
        // Not a tool to be found: had anything been run, the number would have been on its command line.
        var environment = bus.environment
        environment["PATH"] = TemporaryDirectory().path

        #expect(
            Notifier(environment: environment).show(
                .init(summary: "Calling +47 22 12 34 56", body: hostile, urgency: .critical)
            ).failure == nil)
        #expect(await eventually { monitor.text.contains("member=Notify") && monitor.text.contains("int32 -1") })
        #expect(monitor.text.contains("string \"Calling +47 22 12 34 56\""))
    }

    @Test(
        .enabled(
            if: installed("dbus-daemon", "gdbus", "Xvfb", "dunst"), "needs dbus, libglib2.0-bin, xvfb and dunst"))
    func aHungNotificationServerIsWaitedForOnlyUntilTheDeadline() async throws {
        let bus = try PrivateSessionBus()
        let dunst = try await bus.startNotificationServer()
        // Stopped, it keeps its name on the bus and does not answer; it goes on after 3 s, well within the
        // notifier's own timeout, and answers then: only the click's deadline stops the wait before that.
        let pid = dunst.processIdentifier
        kill(pid, SIGSTOP)
        let wakeUp = Task.detached {
            try? await Task.sleep(for: .seconds(3))
            kill(pid, SIGCONT)
        }
        let notifier = Notifier(environment: bus.environment, timeout: .seconds(60))
        let shown = notifier.show(.init(summary: "Calling", body: "+47"), deadline: Date().addingTimeInterval(0.3))
        #expect(shown.failure == "org.freedesktop.Notifications did not answer in time")
        await wakeUp.value
    }

    @Test(.enabled(if: installed("readelf"), "needs binutils"))
    func theProgramDoesNotLinkLibdbus() throws {
        let output = try Subprocess.run(
            "readelf", ["-d", productBinary("puzzel-call")], environment: ProcessInfo.processInfo.environment)
        #expect(output.succeeded)
        #expect(output.standardOutputText.contains("(NEEDED)"))
        #expect(!output.standardOutputText.contains("libdbus"))
        #expect(!output.standardOutputText.contains("libgio"))
    }
}

extension Result<Notifier.Shown, Notifier.Shown.Failure> {
    /// Why nothing was shown; nil when it was.
    fileprivate var failure: String? {
        if case .failure(let failure) = self { failure.description } else { nil }
    }
}
