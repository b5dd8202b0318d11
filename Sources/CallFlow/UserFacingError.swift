/// The exit statuses of `puzzel-call`, from BSD's sysexits.h so scripts can tell failures apart.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    /// The command line was wrong.
    case usage = 64
    /// The link holds no callable number.
    case noNumber = 65
    /// Puzzel refused: the agent is not available or the callout was rejected.
    case refused = 69
    /// A temporary failure: network, timeout, server error. Trying again later may work.
    case temporaryFailure = 75
    /// Sign-in failed: wrong credentials, or two-factor authentication required.
    case signInFailed = 77
    /// The configuration is missing or invalid.
    case configuration = 78
}

/// An error whose message is written for the person or script that ran the command.
public protocol UserFacingError: Error, Sendable {
    /// A stable identifier for scripts, e.g. `config-invalid` (the `error` field of `--json` output).
    var code: String { get }
    /// What went wrong and, where there is one, the fix.
    var message: String { get }
    var exitStatus: ExitStatus { get }
}

/// The command line did not make sense.
public struct UsageError: UserFacingError {
    public let message: String
    public var code: String { "usage" }
    public var exitStatus: ExitStatus { .usage }

    public init(_ message: String) { self.message = message }
}
