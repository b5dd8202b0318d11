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

    /// A button on the notification: `key` comes back when the agent chooses it.
    package struct Action: Sendable, Equatable {
        package let key: String
        package let label: String

        package init(key: String, label: String) {
            self.key = key
            self.label = label
        }
    }

    /// One notification, with what the specification lets a server know about it.
    package struct Message: Sendable, Equatable {
        package var summary: String
        package var body: String
        package var urgency: Urgency
        package var actions: [Action]
        /// The notification this one takes the place of; 0 for none.
        package var replaces: UInt32

        package init(
            summary: String, body: String, urgency: Urgency = .normal, actions: [Action] = [], replaces: UInt32 = 0
        ) {
            self.summary = summary
            self.body = body
            self.urgency = urgency
            self.actions = actions
            self.replaces = replaces
        }
    }

    package static let appName = "puzzel-call"
    /// The specification's category for notifications about calls.
    static let category = "call"
    static let interface = "org.freedesktop.Notifications"
    static let path = "/org/freedesktop/Notifications"

    let environment: [String: String]
    let timeout: Duration

    /// - Parameter environment: where the session bus is found (`DBUS_SESSION_BUS_ADDRESS`, `XDG_RUNTIME_DIR`).
    /// - Parameter timeout: the longest a notification may take, when no deadline is sooner.
    package init(environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Duration = .seconds(2)) {
        self.environment = environment
        self.timeout = timeout
    }

    /// Shows `message`, sent over D-Bus from this process: the number and Puzzel's message never appear on a
    /// command line, where every local user could read them. The connection it went over is kept, so the
    /// agent's choice of an action can come back.
    /// - Parameter deadline: when the click's time is up; the notification gets what is left, at most `timeout`.
    package func show(_ message: Message, deadline: Date? = nil) -> Result<Shown, Shown.Failure> {
        do throws(SessionBus.Failure) {
            let bus = try connect(deadline: deadline)
            let limit = self.deadline(deadline)
            // Subscribed before the notification exists, so no answer to it can be missed.
            if !message.actions.isEmpty { try bus.subscribe(toSignalsOf: Self.interface, deadline: limit) }
            let reply = try bus.call(
                destination: Self.interface, path: Self.path, interface: Self.interface,
                method: "Notify",
                [
                    .string(Self.appName),
                    .uint32(message.replaces),
                    .string(icon),
                    .string(message.summary),
                    .string(Self.escapingMarkup(message.body)),
                    .stringArray(message.actions.flatMap { [$0.key, $0.label] }),
                    .hints([
                        ("urgency", .byte(message.urgency.rawValue)), ("desktop-entry", .string(Self.appName)),
                        ("category", .string(Self.category)),
                    ]),
                    .int32(-1),  // the server's usual display time
                ], deadline: limit)
            guard case .uint32(let id) = reply.arguments.first else {
                throw SessionBus.Failure(description: "the notification service gave no notification id")
            }
            return .success(Shown(id: id, server: reply.sender, bus: bus))
        } catch {
            return .failure(Shown.Failure(description: error.description))
        }
    }

    /// A notification on the screen, and the connection its actions come back on. Not Sendable, as its libdbus
    /// connection is not: the one thread that showed it waits for the agent's choice.
    package final class Shown {
        package struct Failure: Error, Equatable, CustomStringConvertible {
            package let description: String
        }

        /// The server's id for it, for the next notification about the same thing to take its place.
        package let id: UInt32
        /// The unique bus name of the server that showed it and gave `id`: the connection that answered Notify.
        private let server: String?
        private let bus: SessionBus

        init(id: UInt32, server: String?, bus: SessionBus) {
            self.id = id
            self.server = server
            self.bus = bus
        }

        /// The key of the action the agent chose, waiting until `deadline`; nil when the notification was
        /// closed without one, or the time ran out.
        ///
        /// Only the server that showed the notification speaks for the agent: any program on the session bus
        /// can emit an `ActionInvoked` with any id, and one that did would place a call nobody chose.
        package func chosenAction(until deadline: Date) -> String? {
            let answer = bus.nextSignal(until: deadline) { signal in
                signal.sender != nil && signal.sender == server
                    && signal.interface == Notifier.interface && signal.arguments.first == .uint32(id)
                    && ["ActionInvoked", "NotificationClosed"].contains(signal.member)
            }
            guard let answer, answer.member == "ActionInvoked", answer.arguments.count > 1,
                case .string(let key) = answer.arguments[1]
            else { return nil }
            return key
        }

        /// Takes it off the screen, quietly: a question nobody waits for any more. One already closed is left so.
        package func close() {
            _ = try? bus.call(
                destination: Notifier.interface, path: Notifier.path, interface: Notifier.interface,
                method: "CloseNotification", [.uint32(id)], deadline: Date().addingTimeInterval(2))
        }
    }

    /// The entry's icon: the installed file's path, which every notification server shows, or its theme name.
    private var icon: String {
        DesktopIcon.installedPath(in: XDGDirectories(environment: environment)) ?? DesktopIcon.name
    }

    /// Whether a notification service answers on the session bus (starting it if the bus can).
    package func isServiceReachable() -> Bool {
        do {
            try connect(deadline: nil).call(
                destination: Self.interface, path: Self.path, interface: Self.interface,
                method: "GetServerInformation", deadline: deadline(nil))
            return true
        } catch {
            return false
        }
    }

    private func connect(deadline: Date?) throws(SessionBus.Failure) -> SessionBus {
        guard let address = sessionBusAddress else { throw SessionBus.Failure(description: "there is no session bus") }
        return try SessionBus(address: address, deadline: self.deadline(deadline))
    }

    /// The sooner of the click's deadline and this notifier's own limit.
    private func deadline(_ clickDeadline: Date?) -> Date {
        let (seconds, attoseconds) = timeout.components
        let ownLimit = Date().addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
        return min(ownLimit, clickDeadline ?? ownLimit)
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
