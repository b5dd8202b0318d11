import CallFlow
import PhoneNumbers
import SystemSupport

/// Tells the agent what became of a click: on the terminal, or as one JSON object.
struct ClickPresenter {
    let console: Console
    let json: Bool

    func present(_ report: Click.Report) -> ExitStatus {
        let status: ExitStatus
        switch report.outcome {
        case .success: status = .success
        case .failure(let failure): status = failure.exitStatus
        }
        if json {
            console.printJSON(ClickSummary(report, exitStatus: status))
        } else {
            report.warnings.forEach { console.warning($0) }
            console.tell(notice(for: report, failed: status != .success))
        }
        return status
    }

    private func notice(for report: Click.Report, failed: Bool) -> Notice {
        let number = report.number?.international ?? String(report.input.prefix(60)).escapedForDisplay
        let summary: String =
            switch report.outcome {
            case .success(.called): "Calling \(number)"
            case .success(.alreadyCalling): "Already calling \(number)"
            case .failure: "Not calling \(number)"
            }
        return Notice(summary: summary, body: report.message, isFailure: failed, deadline: report.deadline)
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
