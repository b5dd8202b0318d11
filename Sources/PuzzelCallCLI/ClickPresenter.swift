import CallFlow
import Desktop
import Localization
import SystemSupport

/// Tells the agent what became of a click: on the terminal, as one JSON object, or from the desktop as a
/// notification that says what the summary does not, and offers “Call anyway” where `--force` would help and
/// “Sign in” where a new password would.
/// The terminal and the notification speak the agent's language; `--json` stays English.
struct ClickPresenter {
    let console: Console
    let json: Bool
    static let callAnywayKey = "call-anyway"

    /// - Parameter callAnyway: the same click with `--force`, run when the agent chooses “Call anyway”; nil
    ///   when the click was forced already.
    /// - Parameter signIn: asks for a new password and clicks again, the outcome told in this one's place, when
    ///   the agent chooses “Sign in”; nil when the agent cancelled the dialog, or where a typed password would
    ///   not be the one sent.
    func present(
        _ report: Click.Report, callAnyway: (() async -> Click.Report)? = nil,
        signIn: (() async -> ExitStatus?)? = nil
    ) async -> ExitStatus {
        let status: ExitStatus
        switch report.outcome {
        case .success: status = .success
        case .failure(let failure): status = failure.exitStatus
        }
        if json {
            console.printJSON(ClickSummary(report, exitStatus: status))
            return status
        }
        let language = console.language
        report.cautions.forEach { console.warning($0.text(in: language)) }
        let said = report.terminalText.text(in: language)
        console.warn(status == .success ? said : "puzzel-call: \(said)")
        // A click that joined an open question, or whose question closed unanswered, has nothing new to show:
        // a notice now could take the place of a newer one about the same number.
        guard !report.closesQuietly else { return status }
        let offersForce = report.forceHelps && callAnyway != nil
        var notice = Notice(
            summary: Self.summary(of: report).text(in: language), body: Self.body(of: report, in: language),
            urgency: report.mayHaveBeenPlaced ? .critical : .normal, deadline: report.deadline,
            subject: report.number?.e164)
        if offersForce {
            notice.actions = [Notifier.Action(key: Self.callAnywayKey, label: ClickText.callAnyway.text(in: language))]
        }
        let offersSignIn = report.signInHelps && signIn != nil
        if offersSignIn {
            notice.actions = [
                Notifier.Action(key: DesktopSignIn.actionKey, label: SignInText.signIn.text(in: language))
            ]
        }
        let reply = await console.tell(notice)
        if let callAnyway, offersForce, reply == .chosen(Self.callAnywayKey) { return await present(callAnyway()) }
        if let signIn, offersSignIn, reply == .chosen(DesktopSignIn.actionKey), let status = await signIn() {
            return status
        }
        return status
    }

    /// The outcome in a line, with the number as read, never the link.
    static func summary(of report: Click.Report) -> ClickText {
        switch report.outcome {
        case .success(.called): .calling(report.number!)
        case .success(.alreadyCalling): .notCallingAgain(report.number!)
        case .success(.alreadyAsking): .callQuestion(report.number!)
        case .failure where report.mayHaveBeenPlaced: .mayHaveBeenPlaced
        case .failure: .notCalling(report.number)
        }
    }

    /// What the summary does not say: that the agent's phone rings first, or why not and the fix; the
    /// number's type and country; every warning.
    static func body(of report: Click.Report, in language: Language) -> String {
        var lines: [String] = []
        switch report.outcome {
        case .success(.called): lines.append(ClickText.phoneRingsFirst.text(in: language))
        case .failure(let failure) where report.mayHaveBeenPlaced:
            lines.append((report.number.map { "\($0.international): " } ?? "") + failure.click.text(in: language))
        default: lines += [report.clickMessage?.text(in: language).asSentence].compactMap { $0 }
        }
        if let number = report.number { lines.append(ClickText.about(number).text(in: language)) }
        lines += report.cautions.map { $0.text(in: language).capitalizedFirst }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// A notification's line as a sentence starts: with a capital letter, unless it starts with a link's scheme
    /// (`sip:`, `callto:123alice`), which is shown as written.
    var asSentence: String {
        prefix { $0 != " " }.contains(":") ? self : capitalizedFirst
    }
}

/// A click as `--json` prints it; `error` is set (a stable code) only when the click failed.
struct ClickSummary: Encodable {
    let input: String
    let outcome: String
    let message: String
    let error: String?
    let e164: String?
    let international: String?
    let destination: String?
    let `extension`: String?
    /// What a phone dials after the call connects (`,,1`): never dialled by Puzzel.
    let postDial: String?
    /// Vanity letters past the end of the number.
    let ignored: String?
    let warnings: [String]
    let exitStatus: Int32

    init(_ report: Click.Report, exitStatus: ExitStatus) {
        input = report.input
        outcome = report.outcomeCode
        message = report.message
        if case .failure(let failure) = report.outcome { error = failure.code } else { error = nil }
        e164 = report.number?.e164
        international = report.number?.international
        destination = report.destination
        self.extension = report.number?.extensionDigits
        postDial = report.number?.postDial
        ignored = report.number?.ignored
        warnings = report.warnings
        self.exitStatus = exitStatus.rawValue
    }
}
