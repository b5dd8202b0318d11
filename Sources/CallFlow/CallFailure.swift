import Desktop
import Localization
import PhoneNumbers
import PuzzelAPI
import SystemSupport

/// Why a click did not become a call, in words for the agent, with the exit status scripts see.
package struct CallFailure: UserFacingError, Equatable {
    package let code: String
    /// In English, for `--json` and the history.
    package let message: String
    /// For the terminal, in the agent's language: the fix may name a command-line option.
    package let terminal: ClickText
    /// For the agent who clicked, in their language: the fix in words a click can follow.
    package let click: ClickText
    package let exitStatus: ExitStatus
    /// Whether `--force` gets past this refusal: a click offers “Call anyway” instead.
    package let forceHelps: Bool
    /// Whether a new password gets past it: a click offers “Sign in”.
    package let signInHelps: Bool

    package func text(in language: Language) -> String { terminal.text(in: language) }

    init(
        code: String, terminal: ClickText, click: ClickText? = nil, message: String? = nil, exitStatus: ExitStatus,
        forceHelps: Bool = false, signInHelps: Bool = false
    ) {
        self.code = code
        self.message = message ?? terminal.inEnglish
        self.terminal = terminal
        self.click = click ?? terminal
        self.exitStatus = exitStatus
        self.forceHelps = forceHelps
        self.signInHelps = signInHelps
    }

    /// A refusal said the same way on the terminal and after a click.
    init(code: String, _ refusal: ClickText, exitStatus: ExitStatus) {
        self.init(code: code, terminal: refusal, exitStatus: exitStatus)
    }

    /// A refusal that `--force` gets past: the terminal names the option, a click offers “Call anyway”.
    init(code: String, forceable refusal: ClickText, exitStatus: ExitStatus) {
        self.init(
            code: code, terminal: .orRunWithForce(refusal), click: .orCallAnyway(refusal), exitStatus: exitStatus,
            forceHelps: true)
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
            code: "burst-not-confirmed", terminal: .orRunWithForce(refusal), click: refusal, exitStatus: .refused)
    }

    package static let mayHaveBeenPlacedCode = "call-may-have-been-placed"

    /// The browser sign-in's session ended (or never began) and cannot renew itself: the agent signs in again.
    static let browserSignInNeeded = CallFailure(
        code: "sign-in-needed", terminal: .browserSignIn(.signInAgainAtTerminal), click: .browserSignIn(.signInAgain),
        exitStatus: .signInFailed, signInHelps: true)

    /// - Parameter signInHelps: whether the password typed in the desktop's dialog is the one sent; else the
    ///   agent is told to correct the password where puzzel-call reads it.
    static func credentialsRejectedBefore(signInHelps: Bool) -> CallFailure {
        CallFailure(
            code: "credentials-rejected", terminal: .credentialsRejected,
            click: .signIn(signInHelps ? .passwordRejectedBefore : .passwordRejectedBeforeAtItsSource),
            exitStatus: .signInFailed, signInHelps: signInHelps)
    }

    /// No password in any source: the terminal names `login`, a click offers “Sign in”.
    /// - Parameter user: the user name, escaped for display.
    static func noPassword(user: String) -> CallFailure {
        CallFailure(
            code: ConfigurationError.code, terminal: .noPassword(user: user),
            click: .signIn(.noPasswordKept(user: user)),
            exitStatus: .configuration, signInHelps: true)
    }

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
            code: refusal.code, terminal: refusal.terminal, click: refusal.click, message: refusal.message,
            exitStatus: refusal.exitStatus, forceHelps: refusal.forceHelps)
    }

    /// No customer key or user name in any source. A click may not see the environment a terminal's shell
    /// has, so its fix is the desktop's sign-in, which asks for it; else the config file and `login`.
    /// - Parameter configFile: the user's config file, escaped for display.
    /// - Parameter signInHelps: whether the desktop's sign-in can ask for it (not for a Puzzel ID client).
    static func missing(_ setting: AccountSetting, configFile: String, signInHelps: Bool) -> CallFailure {
        CallFailure(
            code: ConfigurationError.code, terminal: .noAccountSettingOrVariable(setting, configFile: configFile),
            click: signInHelps
                ? .signIn(.noAccountSettingKept(setting)) : .noAccountSetting(setting, configFile: configFile),
            exitStatus: .configuration, signInHelps: signInHelps)
    }

    /// Neither the cache nor the runtime folder takes the record of rejected passwords.
    static func noRecordOfRejections(_ reason: String) -> CallFailure {
        CallFailure(code: "no-record-folder", .noRecordOfRejections(reason: reason), exitStatus: .cannotCreate)
    }

    /// A link that holds no callable number: `--json` reads the reader's English, the terminal and a click
    /// the agent's language.
    init(_ error: PhoneNumberError) {
        self.init(code: error.code, terminal: ClickText(error), message: error.message, exitStatus: error.exitStatus)
    }

    /// - Parameter duringCallout: the failure came from ordering the callout, which may have reached Puzzel.
    /// - Parameter signInHelps: whether a password typed in the desktop's dialog would be the one sent.
    init(_ error: PuzzelError, duringCallout: Bool = false, signInHelps: Bool = false) {
        let (code, exitStatus): (String, ExitStatus) =
            switch error.kind {
            case .rejectedCredentials: ("credentials-rejected", .signInFailed)
            case .twoFactorRequired: ("two-factor-required", .signInFailed)
            case .unauthorized, .refreshRejected, .browserSignInRefused: ("sign-in-failed", .signInFailed)
            case .unusableSignInSettings: ("sign-in-settings", .configuration)
            case .refused: ("callout-refused", .refused)
            case .redirected: ("redirected", .temporaryFailure)
            case .unavailable(requestMayHaveReachedPuzzel: true) where duringCallout:
                (Self.mayHaveBeenPlacedCode, .temporaryFailure)
            case .unavailable, .refusedBeforeSending: ("unavailable", .temporaryFailure)
            }
        let terminal: ClickText =
            switch code {
            case Self.mayHaveBeenPlacedCode: .mayHaveBeenPlacedAfter(error.text)
            case "redirected" where duringCallout: .notPlacedAfter(error.text)
            default: .puzzel(error.text)
            }
        // After a click the notification's summary says that the call may have been placed.
        let click = code == Self.mayHaveBeenPlacedCode ? .puzzel(error.text) : terminal
        self.init(
            code: code, terminal: terminal, click: click, exitStatus: exitStatus,
            signInHelps: signInHelps && error.kind == .rejectedCredentials)
    }
}

extension ClickText {
    /// The text for the terminal and the history, which stay English.
    var inEnglish: String { text(in: .english) }
}
