import Foundation
import TestSupport
import Testing

@testable import Desktop

@Suite struct NotifierTests {
    /// Text from a link that tries to close the GVariant literal and smuggle in parameters or markup.
    let hostile = "+47 22', 'injected', @as [], {}, 0) \\' \"<b>bold</b>\" & more\nsecond line"

    @Test(
        .enabled(
            if: installed("dbus-daemon", "gdbus", "dbus-monitor", "Xvfb", "dunst"),
            "needs dbus, libglib2.0-bin, xvfb and dunst"))
    func aRealNotificationServerReceivesTheTextVerbatim() throws {
        let bus = try PrivateSessionBus()
        try bus.startNotificationServer()
        let monitor = try bus.monitor(interface: "org.freedesktop.Notifications")
        let notifier = Notifier(environment: bus.environment)

        #expect(notifier.isServiceReachable())
        let delivery = notifier.send(summary: hostile, body: hostile, urgency: .critical)
        #expect(delivery == .delivered)

        #expect(eventually { monitor.text.contains("int32 -1") })
        let call = monitor.text.components(separatedBy: "member=Notify").last ?? ""
        #expect(call.contains("string \"puzzel-call\""))
        #expect(call.contains("string \"\(hostile)\""))
        #expect(call.contains("string \"\(Notifier.escapingMarkup(hostile))\""))
        #expect(call.contains("byte 2"))
        #expect(!call.contains("injected\"\n"))
    }

    @Test(.enabled(if: installed("dbus-daemon", "gdbus"), "needs dbus and libglib2.0-bin"))
    func aBusWithoutANotificationServerIsReported() throws {
        let bus = try PrivateSessionBus()
        let notifier = Notifier(environment: bus.environment)
        #expect(!notifier.isServiceReachable())
        #expect(!notifier.send(summary: "Calling", body: "+47 22 12 34 56").wasDelivered)
    }

    @Test func withoutASessionBusNothingIsDeliveredAndNothingIsStarted() {
        let notifier = Notifier(environment: [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin", "DISPLAY": ":99",
        ])
        #expect(notifier.send(summary: "Calling", body: "+47") == .notDelivered(reason: "there is no session bus"))
        #expect(!notifier.isServiceReachable())
    }

    @Test(
        .enabled(
            if: installed("dbus-daemon", "gdbus", "dbus-monitor", "Xvfb", "dunst", "notify-send"),
            "needs dbus, libglib2.0-bin, xvfb, dunst and libnotify-bin"))
    func notifySendIsUsedWhenGdbusIsMissing() throws {
        let bus = try PrivateSessionBus()
        try bus.startNotificationServer()
        let monitor = try bus.monitor(interface: "org.freedesktop.Notifications")
        let tools = TemporaryDirectory()
        try FileManager.default.createSymbolicLink(
            atPath: tools.file("notify-send"),
            withDestinationPath: Subprocess.find("notify-send", environment: ProcessInfo.processInfo.environment)!)
        var environment = bus.environment
        environment["PATH"] = tools.path

        #expect(
            Notifier(environment: environment).send(summary: "-x " + hostile, body: hostile, urgency: .critical)
                == .delivered)
        #expect(eventually { monitor.text.contains("member=Notify") && monitor.text.contains("int32") })
        #expect(monitor.text.contains("string \"-x \(hostile)\""))
        #expect(monitor.text.contains("byte 2"))
    }

    @Test func gvariantLiteralsEscapeEverythingThatCouldEndThem() {
        #expect(Notifier.gvariantString("it's a \\ test\n\u{1}\0") == "'it\\'s a \\\\ test\\n\\u0001'")
    }
}
