import FoundationEssentials
import SystemSupport

/// Tells the agent what happened with a desktop notification, through the freedesktop.org
/// notification service (`org.freedesktop.Notifications`) on the session bus, called from this process.
///
/// Sending never throws and never waits long: the call the agent clicked matters more than the
/// message about it. When nothing was delivered the caller writes the outcome somewhere else.
package struct Notifier: Sendable {
    package enum Urgency: UInt8, Sendable {
        case low = 0, normal = 1, critical = 2
    }

    package enum Delivery: Sendable, Equatable {
        case delivered
        case notDelivered(reason: String)

        package var wasDelivered: Bool { self == .delivered }
    }

    package static let appName = "puzzel-call"

    let environment: [String: String]
    let timeout: Duration

    /// - Parameter environment: where the session bus is found (`DBUS_SESSION_BUS_ADDRESS`, `XDG_RUNTIME_DIR`).
    /// - Parameter timeout: the longest a notification may take, when no deadline is sooner.
    package init(environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Duration = .seconds(2)) {
        self.environment = environment
        self.timeout = timeout
    }

    /// Shows a notification, sent over D-Bus from this process: the number and Puzzel's message never
    /// appear on a command line, where every local user could read them.
    /// - Parameter deadline: when the click's time is up; the notification gets what is left, at most `timeout`.
    package func send(summary: String, body: String, urgency: Urgency = .normal, deadline: Date? = nil) -> Delivery {
        call(
            "Notify",
            [
                .string(Self.appName),
                .uint32(0),  // replaces no earlier notification
                .string(icon),
                .string(summary),
                .string(Self.escapingMarkup(body)),
                .emptyStringArray,  // no actions
                .byteHint(key: "urgency", value: urgency.rawValue),
                .int32(-1),  // the server's usual display time
            ], deadline: deadline)
    }

    /// The entry's icon: the installed file's path, which every notification server shows, or its theme name.
    private var icon: String {
        DesktopIcon.installedPath(in: XDGDirectories(environment: environment)) ?? DesktopIcon.name
    }

    /// Whether a notification service answers on the session bus (starting it if the bus can).
    package func isServiceReachable() -> Bool {
        call("GetServerInformation", [], deadline: nil) == .delivered
    }

    private func call(_ method: String, _ arguments: [SessionBus.Argument], deadline: Date?) -> Delivery {
        guard let address = sessionBusAddress else { return .notDelivered(reason: "there is no session bus") }
        let (seconds, attoseconds) = timeout.components
        let ownLimit = Date().addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
        let bus = SessionBus(address: address)
        do {
            try bus.call(
                destination: "org.freedesktop.Notifications", path: "/org/freedesktop/Notifications",
                interface: "org.freedesktop.Notifications", method: method, arguments,
                deadline: min(ownLimit, deadline ?? ownLimit))
            return .delivered
        } catch {
            return .notDelivered(reason: error.description)
        }
    }

    /// The bus of `DBUS_SESSION_BUS_ADDRESS`, else the usual socket; without either there is none to use.
    private var sessionBusAddress: String? {
        if let address = environment["DBUS_SESSION_BUS_ADDRESS"], !address.isEmpty { return address }
        guard let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty,
            FileManager.default.fileExists(atPath: runtime + "/bus")
        else { return nil }
        return "unix:path=" + runtime + "/bus"
    }

    /// Notification servers read a subset of HTML in the body; text from a link must show as text.
    static func escapingMarkup(_ text: String) -> String {
        text.replacing("&", with: "&amp;")
            .replacing("<", with: "&lt;")
            .replacing(">", with: "&gt;")
    }
}
