import Desktop
import PuzzelAPI
import SystemSupport

/// Why a click did not become a call, in words for the agent, with the exit status scripts see.
package struct CallFailure: UserFacingError, Equatable {
    package let code: String
    package let message: String
    package let exitStatus: ExitStatus

    init(code: String, message: String, exitStatus: ExitStatus) {
        self.code = code
        self.message = message
        self.exitStatus = exitStatus
    }

    static func notLoggedOn() -> CallFailure {
        CallFailure(
            code: "agent-logged-off",
            message: "You are not logged on in Puzzel; log on in the agent application and click again",
            exitStatus: .refused)
    }

    static func paused(_ pause: String?) -> CallFailure {
        let name = pause.map { " (\($0.escapedForDisplay))" } ?? ""
        return CallFailure(
            code: "agent-paused", message: "You are on pause in Puzzel\(name); end the pause and click again",
            exitStatus: .refused)
    }

    static func notAvailable(_ status: String) -> CallFailure {
        CallFailure(
            code: "agent-not-available",
            message: "You are \(status.escapedForDisplay) in Puzzel, not Available; click again when you are free, "
                + "or run with --force",
            exitStatus: .refused)
    }

    static let mayHaveBeenPlacedCode = "call-may-have-been-placed"

    static let credentialsRejectedBefore = CallFailure(
        code: "credentials-rejected",
        message: "Puzzel rejected these credentials before, so they are not sent again (Puzzel locks a user "
            + "after four wrong passwords); fix the password and run `puzzel-call login`",
        exitStatus: .signInFailed)

    static func keyringNotAnswering(within seconds: Double) -> CallFailure {
        CallFailure(
            code: "keyring-not-answering",
            message:
                "The keyring did not answer within timeoutSeconds (\(seconds == seconds.rounded() ? "\(Int(seconds))" : "\(seconds)") s); unlock it "
                + "(it may be asking for its password) and click again",
            exitStatus: .temporaryFailure)
    }

    /// Neither the cache nor the runtime folder takes the record that stops a double click.
    static func noRecordOfRecentCalls(_ reason: String) -> CallFailure {
        CallFailure(
            code: "no-record-folder",
            message: "Not calling: puzzel-call cannot keep the record that stops a double click from calling "
                + "twice (\(reason)); free some space or make the folder writable, or run with --force",
            exitStatus: .cannotCreate)
    }

    /// Neither the cache nor the runtime folder takes the record of rejected passwords.
    static func noRecordOfRejections(_ reason: String) -> CallFailure {
        CallFailure(
            code: "no-record-folder",
            message: "Not signing in: puzzel-call cannot keep the record that stops a wrong password from being "
                + "sent again, and Puzzel locks a user after four (\(reason)); free some space or make the folder "
                + "writable",
            exitStatus: .cannotCreate)
    }

    /// - Parameter duringCallout: the failure came from ordering the callout, which may have reached Puzzel.
    init(_ error: PuzzelError, duringCallout: Bool = false) {
        let (code, exitStatus): (String, ExitStatus) =
            switch error.kind {
            case .rejectedCredentials: ("credentials-rejected", .signInFailed)
            case .twoFactorRequired: ("two-factor-required", .signInFailed)
            case .unauthorized, .refreshRejected: ("sign-in-failed", .signInFailed)
            case .refused: ("callout-refused", .refused)
            case .redirected: ("redirected", .temporaryFailure)
            case .unavailable(requestMayHaveReachedPuzzel: true) where duringCallout:
                (Self.mayHaveBeenPlacedCode, .temporaryFailure)
            case .unavailable: ("unavailable", .temporaryFailure)
            }
        let message =
            switch code {
            case Self.mayHaveBeenPlacedCode:
                "\(error.message) The call may have been placed: check your phone before clicking again."
            case "redirected" where duringCallout: "\(error.message) The call was not placed."
            default: error.message
            }
        self.init(code: code, message: message, exitStatus: exitStatus)
    }
}
