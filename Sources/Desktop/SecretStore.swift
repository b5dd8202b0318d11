import FoundationEssentials
import SystemSupport

/// The Puzzel password in the desktop's keyring (the freedesktop.org Secret Service: GNOME Keyring,
/// KWallet, KeePassXC…), through libsecret's `secret-tool`.
///
/// The password goes to `secret-tool` on standard input, never on its command line, where any user
/// of the machine could read it in the process list.
package struct SecretStore: Sendable {
    /// Whose password it is; stored as the attributes `customerKey` and `userName` beside
    /// `service=puzzel-call`.
    package struct Account: Sendable, Hashable {
        package let customerKey: String
        package let userName: String

        package init(customerKey: String, userName: String) {
            self.customerKey = customerKey
            self.userName = userName
        }
    }

    package enum Failure: Error, Equatable, CustomStringConvertible {
        /// No keyring to use here: `secret-tool` is missing, there is no session bus or no Secret
        /// Service answers. Callers fall back to the private config file.
        case unavailable(String)
        /// The keyring did not answer in time: it may be waiting for the user to unlock it.
        case notAnswering

        package var description: String {
            switch self {
            case .unavailable(let reason): "the keyring is not available: \(reason)"
            case .notAnswering: "the keyring did not answer"
            }
        }
    }

    package static let service = "puzzel-call"

    let environment: [String: String]
    let timeout: Duration

    /// - Parameter timeout: how long to wait for the keyring, which may first ask the user to unlock it,
    ///   when no deadline says otherwise.
    package init(environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Duration = .seconds(10))
    {
        self.environment = environment
        self.timeout = timeout
    }

    /// Whether `secret-tool` is installed and there is a session bus to find the keyring on.
    package var isAvailable: Bool { unavailability == nil }

    package func store(_ password: String, for account: Account) throws(Failure) {
        let label = "Puzzel password for \(account.userName) (customer \(account.customerKey))"
        try store(password, label: label, attributes: attributes(account))
    }

    /// Keeps any secret under `attributes` (name, value, name, value…) beside `service=puzzel-call`.
    package func store(_ secret: String, label: String, attributes: [String]) throws(Failure) {
        guard
            try run(
                ["store", "--label=\(label)", "service", Self.service] + attributes, input: Data(secret.utf8)) != nil
        else {
            throw .unavailable("the keyring did not take the secret")
        }
    }

    /// The secret kept under `attributes`, or nil when there is none.
    package func lookup(attributes: [String], deadline: Date? = nil) throws(Failure) -> String? {
        let left = deadline.map { Duration.milliseconds(max(0, Int($0.timeIntervalSinceNow * 1000))) }
        return try run(["lookup", "service", Self.service] + attributes, timeout: left ?? timeout).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// Forgets the secret kept under `attributes`; forgetting one that is not there is fine.
    package func clear(attributes: [String]) throws(Failure) {
        _ = try run(["clear", "service", Self.service] + attributes)
    }

    /// The stored password, or nil when none is stored for the account.
    /// - Parameter deadline: when to stop waiting for the keyring instead of after the store's timeout: a
    ///   click's `timeoutSeconds` alone bound its look-up, longer or shorter.
    package func lookup(_ account: Account, deadline: Date? = nil) throws(Failure) -> String? {
        try lookup(attributes: attributes(account), deadline: deadline)
    }

    /// Forgets the password; forgetting one that is not there is fine.
    package func clear(_ account: Account) throws(Failure) {
        try clear(attributes: attributes(account))
    }

    private func attributes(_ account: Account) -> [String] {
        ["customerKey", account.customerKey, "userName", account.userName]
    }

    /// Why there is no keyring to use here; empty when there is one.
    package var unavailabilityReason: String { unavailability ?? "" }

    private var unavailability: String? {
        if Subprocess.find("secret-tool", environment: environment) == nil { return "secret-tool is not installed" }
        if let address = environment["DBUS_SESSION_BUS_ADDRESS"], !address.isEmpty { return nil }
        if let runtime = environment["XDG_RUNTIME_DIR"], FileManager.default.fileExists(atPath: runtime + "/bus") {
            return nil
        }
        return "there is no session bus"
    }

    /// What `secret-tool` printed, or nil when it found nothing: it then exits 1 without a word,
    /// while a missing or broken Secret Service also says why on standard error.
    private func run(_ arguments: [String], input: Data? = nil, timeout: Duration? = nil) throws(Failure) -> Data? {
        if let reason = unavailability { throw .unavailable(reason) }
        let output: Subprocess.Output
        do {
            output = try Subprocess.run(
                "secret-tool", arguments, input: input, environment: environment, timeout: timeout ?? self.timeout)
        } catch {
            throw .unavailable(error.description)
        }
        switch output.termination {
        case .exited(0): return output.standardOutput
        case .exited(1) where output.standardError.isEmpty: return nil
        case .timedOut: throw .notAnswering
        default:
            let message = output.standardErrorText.split(separator: "\n").first.map(String.init) ?? "secret-tool failed"
            throw .unavailable(message)
        }
    }
}
