import FoundationEssentials
import SystemSupport

/// Tells the agent what happened with a desktop notification, through the freedesktop.org
/// notification service (`org.freedesktop.Notifications`) on the session bus.
///
/// Sending never throws and never waits long: the call the agent clicked matters more than the
/// message about it. When nothing was delivered the caller writes the outcome somewhere else.
public struct Notifier: Sendable {
    public enum Urgency: UInt8, Sendable {
        case low = 0, normal = 1, critical = 2
    }

    public enum Delivery: Sendable, Equatable {
        case delivered
        case notDelivered(reason: String)

        public var wasDelivered: Bool { self == .delivered }
    }

    public static let appName = "puzzel-call"

    let environment: [String: String]
    let timeout: Duration

    /// - Parameter environment: where the session bus is found (`DBUS_SESSION_BUS_ADDRESS`,
    ///   `XDG_RUNTIME_DIR`) and the tools (`PATH`).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Duration = .seconds(2)) {
        self.environment = environment
        self.timeout = timeout
    }

    /// Shows a notification with `gdbus`, or `notify-send` when only that is installed.
    public func send(summary: String, body: String, urgency: Urgency = .normal) -> Delivery {
        guard hasSessionBus else { return .notDelivered(reason: "there is no session bus") }
        if Subprocess.find("gdbus", environment: environment) != nil {
            return run("gdbus", Self.gdbusArguments(summary: summary, body: body, urgency: urgency))
        }
        if Subprocess.find("notify-send", environment: environment) != nil {
            return run(
                "notify-send",
                [
                    "--app-name=\(Self.appName)", "--urgency=\(Self.urgencyName(urgency))",
                    "--", summary, Self.escapingMarkup(body),
                ])
        }
        return .notDelivered(reason: "neither gdbus nor notify-send is installed")
    }

    /// Whether a notification service answers on the session bus (starting it if the bus can).
    public func isServiceReachable() -> Bool {
        guard hasSessionBus else { return false }
        return run("gdbus", Self.callArguments(method: "GetServerInformation", [])) == .delivered
    }

    /// Without an address or the usual socket, gdbus would try to autolaunch a bus of its own.
    private var hasSessionBus: Bool {
        if let address = environment["DBUS_SESSION_BUS_ADDRESS"], !address.isEmpty { return true }
        guard let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty else { return false }
        return FileManager.default.fileExists(atPath: runtime + "/bus")
    }

    private func run(_ tool: String, _ arguments: [String]) -> Delivery {
        do {
            let output = try Subprocess.run(tool, arguments, environment: environment, timeout: timeout)
            switch output.termination {
            case .exited(0): return .delivered
            case .timedOut: return .notDelivered(reason: "the notification service did not answer in time")
            default:
                let message = output.standardErrorText.split(separator: "\n").first.map(String.init) ?? "\(tool) failed"
                return .notDelivered(reason: message)
            }
        } catch {
            return .notDelivered(reason: error.description)
        }
    }

    static func gdbusArguments(summary: String, body: String, urgency: Urgency) -> [String] {
        callArguments(
            method: "Notify",
            [
                gvariantString(appName),
                "uint32 0",  // replaces no earlier notification
                gvariantString(""),  // no icon
                gvariantString(summary),
                gvariantString(escapingMarkup(body)),
                "@as []",  // no actions
                "{'urgency': <byte \(urgency.rawValue)>}",
                "int32 -1",  // the server's usual display time
            ])
    }

    private static func callArguments(method: String, _ parameters: [String]) -> [String] {
        [
            "call", "--session", "--dest", "org.freedesktop.Notifications",
            "--object-path", "/org/freedesktop/Notifications",
            "--method", "org.freedesktop.Notifications.\(method)",
            // Whole seconds; our own timeout is the real bound.
            "--timeout", "5", "--",
        ] + parameters
    }

    /// A string in GVariant text format, which is how gdbus reads every parameter: single-quoted,
    /// with quotes, backslashes and control characters escaped so no text can end the literal.
    static func gvariantString(_ text: String) -> String {
        var literal = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": literal += "\\'"
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\t": literal += "\\t"
            case "\0": continue  // a GVariant string cannot hold NUL
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                literal += "\\u\(scalar.value.hexadecimal(width: 4))"
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "'"
    }

    /// Notification servers read a subset of HTML in the body; text from a link must show as text.
    static func escapingMarkup(_ text: String) -> String {
        text.replacing("&", with: "&amp;")
            .replacing("<", with: "&lt;")
            .replacing(">", with: "&gt;")
    }

    private static func urgencyName(_ urgency: Urgency) -> String {
        switch urgency {
        case .low: "low"
        case .normal: "normal"
        case .critical: "critical"
        }
    }
}
