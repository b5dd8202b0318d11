import Desktop
import Localization
import PhoneNumbers
import PuzzelAPI
import SystemSupport

/// Why a click did not become a call, in words for the agent, with the exit status scripts see.
package struct CallFailure: UserFacingError, Equatable {
    /// What went wrong, for the decisions a click makes on it: whether its claim holds, what its summary says.
    package let kind: Kind
    /// The stable code `--json` and the history show.
    package var code: String { kind.code }
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

    /// The kinds of failure; the number reader's and the configuration's own kinds keep their codes.
    package enum Kind: Sendable, Hashable {
        case agentLoggedOff, agentPaused, agentNotAvailable, burstNotConfirmed, credentialsRejected
        case twoFactorRequired, signInFailed, calloutRefused, redirected, unavailable, keyringNotAnswering
        case noRecordFolder, signInNeeded, signInSettings
        /// Puzzel may have placed the call although no answer said so: the click's claim must hold.
        case callMayHaveBeenPlaced
        /// A refusal of the number reader's or the number policy's, a configuration error, or a step of the
        /// browser sign-in: their code.
        case other(code: String)

        package var code: String {
            switch self {
            case .agentLoggedOff: "agent-logged-off"
            case .agentPaused: "agent-paused"
            case .agentNotAvailable: "agent-not-available"
            case .burstNotConfirmed: "burst-not-confirmed"
            case .credentialsRejected: "credentials-rejected"
            case .twoFactorRequired: "two-factor-required"
            case .signInFailed: "sign-in-failed"
            case .calloutRefused: "callout-refused"
            case .redirected: "redirected"
            case .unavailable: "unavailable"
            case .keyringNotAnswering: "keyring-not-answering"
            case .noRecordFolder: "no-record-folder"
            case .signInNeeded: "sign-in-needed"
            case .signInSettings: "sign-in-settings"
            case .callMayHaveBeenPlaced: "call-may-have-been-placed"
            case .other(let code): code
            }
        }
    }

    init(
        kind: Kind, terminal: ClickText, click: ClickText? = nil, message: String? = nil, exitStatus: ExitStatus,
        forceHelps: Bool = false, signInHelps: Bool = false
    ) {
        self.kind = kind
        self.message = message ?? terminal.inEnglish
        self.terminal = terminal
        self.click = click ?? terminal
        self.exitStatus = exitStatus
        self.forceHelps = forceHelps
        self.signInHelps = signInHelps
    }

    /// A refusal said the same way on the terminal and after a click.
    init(kind: Kind, _ refusal: ClickText, exitStatus: ExitStatus) {
        self.init(kind: kind, terminal: refusal, exitStatus: exitStatus)
    }

    /// A refusal that `--force` gets past: the terminal names the option, a click offers “Call anyway”.
    init(kind: Kind, forceable refusal: ClickText, exitStatus: ExitStatus) {
        self.init(
            kind: kind, terminal: .orRunWithForce(refusal), click: .orCallAnyway(refusal), exitStatus: exitStatus,
            forceHelps: true)
    }

    static func notLoggedOn() -> CallFailure {
        CallFailure(kind: .agentLoggedOff, .notLoggedOn, exitStatus: .refused)
    }

    /// - Parameter pause: the pause's name; Puzzel's bare id for it tells the agent nothing.
    static func paused(_ pause: String?) -> CallFailure {
        CallFailure(kind: .agentPaused, .paused(pause?.escapedForDisplay), exitStatus: .refused)
    }

    static func notAvailable(_ status: String) -> CallFailure {
        CallFailure(
            kind: .agentNotAvailable, forceable: .notAvailable(status: status.escapedForDisplay),
            exitStatus: .refused)
    }

    /// One different number too many this minute, and the agent did not confirm it.
    /// - Parameter numbers: how many different numbers this one made.
    static func burstNotConfirmed(numbers: Int) -> CallFailure {
        let refusal = ClickText.burstNotConfirmed(numbers: numbers, seconds: Int(BurstGuard.window))
        return CallFailure(
            kind: .burstNotConfirmed, terminal: .orRunWithForce(refusal), click: refusal, exitStatus: .refused)
    }

    /// The browser sign-in's session ended (or never began) and cannot renew itself: the agent signs in again.
    static let browserSignInNeeded = CallFailure(
        kind: .signInNeeded, terminal: .browserSignIn(.signInAgainAtTerminal), click: .browserSignIn(.signInAgain),
        exitStatus: .signInFailed, signInHelps: true)

    /// - Parameter signInHelps: whether the password typed in the desktop's dialog is the one sent; else the
    ///   agent is told to correct the password where puzzel-call reads it.
    static func credentialsRejectedBefore(signInHelps: Bool) -> CallFailure {
        CallFailure(
            kind: .credentialsRejected, terminal: .credentialsRejected,
            click: .signIn(signInHelps ? .passwordRejectedBefore : .passwordRejectedBeforeAtItsSource),
            exitStatus: .signInFailed, signInHelps: signInHelps)
    }

    /// No password in any source: the terminal names `login`, a click offers “Sign in”.
    /// - Parameter user: the user name, escaped for display.
    static func noPassword(user: String) -> CallFailure {
        CallFailure(
            kind: .other(code: ConfigurationError.code), terminal: .noPassword(user: user),
            click: .signIn(.noPasswordKept(user: user)),
            exitStatus: .configuration, signInHelps: true)
    }

    static func keyringNotAnswering(within seconds: Double) -> CallFailure {
        let shown = seconds == seconds.rounded() ? "\(Int(seconds))" : "\(seconds)"
        return CallFailure(
            kind: .keyringNotAnswering, .keyringNotAnswering(seconds: shown), exitStatus: .temporaryFailure)
    }

    /// Neither the cache nor the runtime folder takes the record that stops a double click.
    static func noRecordOfRecentCalls(_ reason: String) -> CallFailure {
        CallFailure(
            kind: .noRecordFolder, forceable: .noRecordOfRecentCalls(reason: reason), exitStatus: .cannotCreate)
    }

    /// A number that will not be called, with the way past it when there is one.
    init(_ refusal: NumberRefusal) {
        self.init(
            kind: .other(code: refusal.code), terminal: refusal.terminal, click: refusal.click,
            message: refusal.message,
            exitStatus: refusal.exitStatus, forceHelps: refusal.forceHelps)
    }

    /// No customer key or user name in any source. A click may not see the environment a terminal's shell
    /// has, so its fix is the desktop's sign-in, which asks for it; else the config file and `login`.
    /// - Parameter configFile: the user's config file, escaped for display.
    /// - Parameter signInHelps: whether the desktop's sign-in can ask for it (not for a Puzzel ID client).
    static func missing(_ setting: AccountSetting, configFile: String, signInHelps: Bool) -> CallFailure {
        CallFailure(
            kind: .other(code: ConfigurationError.code),
            terminal: .noAccountSettingOrVariable(setting, configFile: configFile),
            click: signInHelps
                ? .signIn(.noAccountSettingKept(setting)) : .noAccountSetting(setting, configFile: configFile),
            exitStatus: .configuration, signInHelps: signInHelps)
    }

    /// Neither the cache nor the runtime folder takes the record of rejected passwords.
    static func noRecordOfRejections(_ reason: String) -> CallFailure {
        CallFailure(kind: .noRecordFolder, .noRecordOfRejections(reason: reason), exitStatus: .cannotCreate)
    }

    /// A link that holds no callable number: `--json` reads the reader's English, the terminal and a click
    /// the agent's language.
    init(_ error: PhoneNumberError) {
        self.init(
            kind: .other(code: error.code), terminal: ClickText(error), message: error.message,
            exitStatus: error.exitStatus)
    }

    /// - Parameter duringCallout: the failure came from ordering the callout, which may have reached Puzzel.
    /// - Parameter signInHelps: whether a password typed in the desktop's dialog would be the one sent.
    init(_ error: PuzzelError, duringCallout: Bool = false, signInHelps: Bool = false) {
        let (kind, exitStatus): (Kind, ExitStatus) =
            switch error.kind {
            case .rejectedCredentials: (.credentialsRejected, .signInFailed)
            case .twoFactorRequired: (.twoFactorRequired, .signInFailed)
            case .unauthorized, .refreshRejected, .browserSignInRefused: (.signInFailed, .signInFailed)
            case .unusableSignInSettings: (.signInSettings, .configuration)
            case .refused: (.calloutRefused, .refused)
            case .redirected: (.redirected, .temporaryFailure)
            case .unavailable(requestMayHaveReachedPuzzel: true) where duringCallout:
                (.callMayHaveBeenPlaced, .temporaryFailure)
            case .unavailable, .refusedBeforeSending: (.unavailable, .temporaryFailure)
            }
        let terminal: ClickText =
            switch kind {
            case .callMayHaveBeenPlaced: .mayHaveBeenPlacedAfter(error.text)
            case .redirected where duringCallout: .notPlacedAfter(error.text)
            default: .puzzel(error.text)
            }
        // After a click the notification's summary says that the call may have been placed.
        let click = kind == .callMayHaveBeenPlaced ? .puzzel(error.text) : terminal
        self.init(
            kind: kind, terminal: terminal, click: click, exitStatus: exitStatus,
            signInHelps: signInHelps && error.kind == .rejectedCredentials)
    }
}

extension ClickText {
    /// The text for the terminal and the history, which stay English.
    var inEnglish: String { text(in: .english) }
}
