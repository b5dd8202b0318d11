import Localization
import SystemSupport

/// The exit statuses of `puzzel-call`, from BSD's sysexits.h so scripts can tell failures apart.
package enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    /// `doctor` found something wrong.
    case checksFailed = 1
    /// The command line was wrong.
    case usage = 64
    /// The link holds no callable number.
    case noNumber = 65
    /// Puzzel refused: the agent is not available or the callout was rejected.
    case refused = 69
    /// A file could not be created or removed (`install`, `uninstall`).
    case cannotCreate = 73
    /// A temporary failure: network, timeout, server error. Trying again later may work.
    case temporaryFailure = 75
    /// Sign-in failed: wrong credentials, or two-factor authentication required.
    case signInFailed = 77
    /// The configuration is missing or invalid.
    case configuration = 78
}

extension ExitStatus {
    /// What the status means, in a few words: the one table that `--help`, the overview and the manual page
    /// print.
    package var meaning: String {
        switch self {
        case .success: "done"
        case .checksFailed: "doctor found something wrong"
        case .usage: "the command line was wrong"
        case .noNumber: "no callable number"
        case .refused: "refused by Puzzel"
        case .cannotCreate: "a file or record could not be written"
        case .temporaryFailure: "temporary failure (network, timeout, Puzzel's server)"
        case .signInFailed: "sign-in failed"
        case .configuration: "configuration missing or invalid"
        }
    }

    /// Every status and its meaning, as one line each: `  75  temporary failure (…)`.
    package static var table: String {
        allCases.map { "  \(String($0.rawValue).padded(to: 3)) \($0.meaning)" }.joined(separator: "\n")
    }
}

/// An error whose message is written for the person or script that ran the command.
package protocol UserFacingError: Error, Sendable {
    /// A stable identifier for scripts, e.g. `config-invalid` (the `error` field of `--json` output).
    var code: String { get }
    /// What went wrong and, where there is one, the fix, in English: `--json` and the history keep it.
    var message: String { get }
    var exitStatus: ExitStatus { get }
    /// The same for the person at the terminal, in their language.
    func text(in language: Language) -> String
}

extension UserFacingError {
    /// Words for whoever set puzzel-call up (a file, a key, an option) stay as they are.
    package func text(in language: Language) -> String { message }
}

/// The command line did not make sense.
package struct UsageError: UserFacingError {
    package let message: String
    package var code: String { "usage" }
    package var exitStatus: ExitStatus { .usage }

    package init(_ message: String) { self.message = message }
}

/// A private file (the config file `login` writes, a record) that could not be written.
extension PrivateFile.Failure: UserFacingError {
    package var code: String { "cannot-write" }
    package var message: String { description }
    package var exitStatus: ExitStatus { .cannotCreate }
}
