import Desktop
import Localization
import PhoneNumbers
import PuzzelAPI
import SystemSupport

/// Why a click did not become a call, in words for the agent, with the exit status scripts see.
package struct CallFailure: UserFacingError, Equatable {
    package let code: String
    /// For the terminal, in English: the fix may name a command-line option.
    package let message: String
    /// For the agent who clicked, in their language: the fix in words a click can follow.
    package let click: ClickText
    package let exitStatus: ExitStatus
    /// Whether `--force` gets past this refusal: a click offers “Call anyway” instead.
    package let forceHelps: Bool

    init(code: String, message: String, click: ClickText? = nil, exitStatus: ExitStatus, forceHelps: Bool = false) {
        self.code = code
        self.message = message
        self.click = click ?? .verbatim(message)
        self.exitStatus = exitStatus
        self.forceHelps = forceHelps
    }

    /// A refusal the catalog words, which the terminal reads in English.
    init(code: String, _ click: ClickText, exitStatus: ExitStatus) {
        self.init(code: code, message: click.inEnglish, click: click, exitStatus: exitStatus)
    }

    /// A refusal that `--force` gets past: the terminal names the option, a click offers “Call anyway”.
    init(code: String, forceable refusal: ClickText, exitStatus: ExitStatus) {
        self.init(
            code: code, message: refusal.inEnglish + ", or run with --force", click: .orCallAnyway(refusal),
            exitStatus: exitStatus, forceHelps: true)
    }

    static func notLoggedOn() -> CallFailure {
        CallFailure(code: "agent-logged-off", .notLoggedOn, exitStatus: .refused)
    }

    /// - Parameter pause: the pause's name; Puzzel's bare id for it tells the agent nothing.
    static func paused(_ pause: String?) -> CallFailure {
        CallFailure(code: "agent-paused", .paused(pause?.escapedForDisplay), exitStatus: .refused)
    }

    static func notAvailable(_ status: String) -> CallFailure {
        CallFailure(
            code: "agent-not-available", forceable: .notAvailable(status: status.escapedForDisplay),
            exitStatus: .refused)
    }

    /// One different number too many within `BurstGuard.window`, and the agent did not confirm it.
    static func burstNotConfirmed(limit: Int) -> CallFailure {
        let refusal = ClickText.burstNotConfirmed(numbers: limit + 1, seconds: Int(BurstGuard.window))
        return CallFailure(
            code: "burst-not-confirmed", message: refusal.inEnglish + ", or run with --force", click: refusal,
            exitStatus: .refused)
    }

    package static let mayHaveBeenPlacedCode = "call-may-have-been-placed"

    static let credentialsRejectedBefore = CallFailure(
        code: "credentials-rejected", .credentialsRejected, exitStatus: .signInFailed)

    static func keyringNotAnswering(within seconds: Double) -> CallFailure {
        let shown = seconds == seconds.rounded() ? "\(Int(seconds))" : "\(seconds)"
        return CallFailure(
            code: "keyring-not-answering", .keyringNotAnswering(seconds: shown), exitStatus: .temporaryFailure)
    }

    /// Neither the cache nor the runtime folder takes the record that stops a double click.
    static func noRecordOfRecentCalls(_ reason: String) -> CallFailure {
        CallFailure(
            code: "no-record-folder", forceable: .noRecordOfRecentCalls(reason: reason), exitStatus: .cannotCreate)
    }

    /// A number that will not be called, with the way past it when there is one.
    init(_ refusal: NumberRefusal) {
        self.init(
            code: refusal.code, message: refusal.message, click: refusal.click,
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
    /// A link that holds no callable number: the terminal reads the reader's English, a click its own words.
    init(_ error: PhoneNumberError) {
        self.init(code: error.code, message: error.message, click: ClickText(error), exitStatus: error.exitStatus)
    }

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
        // Puzzel's own words are English; the notification's summary says that the call may have been placed.
        let click = ClickText.verbatim(code == Self.mayHaveBeenPlacedCode ? error.message : message)
        self.init(code: code, message: message, click: click, exitStatus: exitStatus)
    }
}

extension ClickText {
    /// The text for the terminal and the history, which stay English.
    var inEnglish: String { text(in: .english) }
}
