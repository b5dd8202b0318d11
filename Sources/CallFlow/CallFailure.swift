import Desktop
import PuzzelAPI
import SystemSupport

/// Why a click did not become a call, in words for the agent, with the exit status scripts see.
package struct CallFailure: UserFacingError, Equatable {
    package let code: String
    /// For the terminal: the fix may name a command-line option.
    package let message: String
    /// For the agent who clicked: the fix in words a click can follow.
    package let clickMessage: String
    package let exitStatus: ExitStatus
    /// Whether `--force` gets past this refusal: a click offers “Call anyway” instead.
    package let forceHelps: Bool

    init(code: String, message: String, clickMessage: String? = nil, exitStatus: ExitStatus, forceHelps: Bool = false) {
        self.code = code
        self.message = message
        self.clickMessage = clickMessage ?? message
        self.exitStatus = exitStatus
        self.forceHelps = forceHelps
    }

    /// The label of the notification's action that repeats a refused click with `--force`.
    package static let callAnyway = "Call anyway"

    static func notLoggedOn() -> CallFailure {
        CallFailure(
            code: "agent-logged-off",
            message: "You are not logged on in Puzzel; log on in the agent application and click again",
            exitStatus: .refused)
    }

    /// - Parameter pause: the pause's name; Puzzel's bare id for it tells the agent nothing.
    static func paused(_ pause: String?) -> CallFailure {
        let name = pause.map { " (\($0.escapedForDisplay))" } ?? ""
        return CallFailure(
            code: "agent-paused", message: "You are on pause\(name) in Puzzel; end the pause and click again",
            exitStatus: .refused)
    }

    static func notAvailable(_ status: String) -> CallFailure {
        let refusal = "You are \(describing: status) in Puzzel, not Available; click again when you are free"
        return CallFailure(
            code: "agent-not-available", message: refusal + ", or run with --force",
            clickMessage: refusal + ", or choose “\(callAnyway)”", exitStatus: .refused, forceHelps: true)
    }

    /// One different number too many within `BurstGuard.window`, and the agent did not confirm it.
    static func burstNotConfirmed(limit: Int) -> CallFailure {
        let refusal =
            "Not calling: \(limit + 1) different numbers within \(Int(BurstGuard.window)) s look like a web page "
            + "clicking links for you, and this call was not confirmed; if you clicked it, click again and confirm"
        return CallFailure(
            code: "burst-not-confirmed", message: refusal + ", or run with --force", clickMessage: refusal,
            exitStatus: .refused)
    }

    package static let mayHaveBeenPlacedCode = "call-may-have-been-placed"

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
        let refusal =
            "Not calling: puzzel-call cannot keep the record that stops a double click from calling "
            + "twice (\(reason)); free some space or make the folder writable"
        return CallFailure(
            code: "no-record-folder", message: refusal + ", or run with --force",
            clickMessage: refusal + ", or choose “\(callAnyway)”", exitStatus: .cannotCreate, forceHelps: true)
    }

    /// A number that will not be called, with the way past it when there is one.
    init(_ refusal: NumberRefusal) {
        self.init(
            code: refusal.code, message: refusal.message, clickMessage: refusal.clickMessage,
            exitStatus: refusal.exitStatus, forceHelps: refusal.forceHelps)
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
        // For a click, the notification's summary says that the call may have been placed.
        let clickMessage = code == Self.mayHaveBeenPlacedCode ? error.message : message
        self.init(code: code, message: message, clickMessage: clickMessage, exitStatus: exitStatus)
    }
}

extension String.StringInterpolation {
    /// Puzzel's user status as the agent says it: “in wrap-up”, “busy”.
    fileprivate mutating func appendInterpolation(describing status: String) {
        switch status.lowercased() {
        case "wrapup": appendLiteral("in wrap-up")
        case "busy": appendLiteral("busy")
        case "noanswer": appendLiteral("marked as not answering")
        default: appendLiteral(status.escapedForDisplay)
        }
    }
}
