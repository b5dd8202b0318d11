import Desktop
import FoundationEssentials
import Localization
import PhoneNumbers
import PuzzelAPI
import SystemSupport

/// The whole of one click: read the link, decide whether the number may be called, call it, and keep
/// the attempt in the history. The command line and the tests drive this directly.
package struct Click: Sendable {
    package let configuration: Configuration
    let caller: Caller
    let history: CallHistory
    /// What the history line is cleaned of: the click's passwords, tokens and session id.
    let secrets: SecretValues
    let guards: ClickGuards
    let confirm: Confirmation
    let placing: Placing
    let warn: @Sendable (String) -> Void
    let now: @Sendable () -> Date

    /// Asks the agent whether to call `number`, one different number too many within `BurstGuard.window`:
    /// true when they say yes.
    /// - Parameter numbers: how many different numbers were clicked this minute, this one included.
    package typealias Confirmation = @Sendable (_ number: PhoneNumber, _ numbers: Int) async -> Bool

    /// Told when the callout to `number` is about to be ordered, with the click's deadline: from here on the
    /// agent waits for Puzzel.
    package typealias Placing = @Sendable (_ number: PhoneNumber, _ deadline: Date) -> Void

    package init(
        configuration: Configuration, context: Context, confirm: @escaping Confirmation = { _, _ in false },
        placing: @escaping Placing = { _, _ in }
    ) {
        self.configuration = configuration
        caller = Caller(configuration: configuration, context: context)
        secrets = context.secrets
        let directories = context.directories
        history = CallHistory(directory: directories.stateDirectory)
        let clickTime = configuration.timeoutSeconds
        guards = ClickGuards(
            folders: RecordFolders(directories),
            duplicates: DuplicateGuard(window: configuration.duplicateWindowSeconds, clickTime: clickTime),
            burst: BurstGuard(limit: configuration.burstLimit, questionTime: BurstGuard.window + clickTime))
        self.confirm = confirm
        self.placing = placing
        warn = context.warn
        now = context.now
    }

    /// What became of the click: the message is what the agent is told.
    package struct Report: Sendable {
        package let input: String
        package let number: PhoneNumber?
        package let destination: String?
        /// Things the agent should know that did not stop the call, in words for any language.
        package let cautions: [ClickText]
        package let outcome: Result<CallResult, CallFailure>
        /// When the click's `timeoutSeconds` are up: telling the outcome gets what is left.
        package let deadline: Date

        /// For the terminal, in the agent's language: the fix may name a command-line option.
        package var terminalText: ClickText {
            switch outcome {
            case .success(.called): .callingPhoneRingsFirst(number!)
            case .success(.alreadyCalling(let secondsAgo)):
                .alreadyCallingRunWithForce(number!, secondsAgo: Int(secondsAgo.rounded()))
            // The question it joins.
            case .success(.alreadyAsking): .callQuestion(number!)
            case .failure(let failure): failure.terminal
            }
        }

        /// The same in English, for `--json` and the history.
        package var message: String {
            switch outcome {
            case .success: terminalText.inEnglish
            case .failure(let failure): failure.message
            }
        }

        /// The cautions for `--json` and the history, which stay English.
        package var warnings: [String] { cautions.map(\.inEnglish) }

        /// For the agent who clicked: the fix in words a click can follow; nil for a call, which needs none.
        package var clickMessage: ClickText? {
            switch outcome {
            case .success(.called): nil
            case .success(.alreadyCalling(let secondsAgo)): .alreadyCalling(secondsAgo: Int(secondsAgo.rounded()))
            case .success(.alreadyAsking): nil
            case .failure(let failure): failure.click
            }
        }

        /// Whether Puzzel may have placed the call although the click failed: the one outcome the agent must
        /// not miss, since a second click could ring twice.
        package var mayHaveBeenPlaced: Bool {
            if case .failure(let failure) = outcome { failure.kind == .callMayHaveBeenPlaced } else { false }
        }

        /// Whether a new password would get the click further: the agent is offered “Sign in”.
        package var signInHelps: Bool {
            if case .failure(let failure) = outcome { failure.signInHelps } else { false }
        }

        /// Whether the same click with `--force` would get further.
        package var forceHelps: Bool {
            switch outcome {
            case .success(.called), .success(.alreadyAsking): false
            case .success(.alreadyCalling): true
            case .failure(let failure): failure.forceHelps
            }
        }

        /// Whether the desktop shows nothing of this outcome: the click joined a question that is open, or its
        /// own question closed without a yes — the question was what the agent saw, and a notice now could
        /// take the place of a newer one about the same number.
        package var closesQuietly: Bool {
            switch outcome {
            case .success(.alreadyAsking): true
            case .failure(let failure): failure.kind == .burstNotConfirmed
            case .success: false
            }
        }

        package var outcomeCode: String {
            switch outcome {
            case .success(.called): "called"
            case .success(.alreadyCalling): "already-calling"
            case .success(.alreadyAsking): "already-asking"
            case .failure(let failure): failure.code
            }
        }
    }

    package func run(_ input: String, force: Bool) async -> Report {
        var deadline = now().addingTimeInterval(configuration.timeoutSeconds)
        var number: PhoneNumber?
        var destination: String?
        var cautions: [ClickText] = []
        let outcome: Result<CallResult, CallFailure>
        do throws(CallFailure) {
            let read = try Self.check(input, configuration: configuration, force: force)
            (number, cautions) = read
            destination = read.number.destination(configuration.destinationFormat)
            outcome = .success(try await call(destination!, read.number, force: force, deadline: &deadline))
        } catch {
            outcome = .failure(error)
        }
        let report = Report(
            input: input, number: number, destination: destination, cautions: cautions, outcome: outcome,
            deadline: deadline)
        record(report)
        return report
    }

    /// Why a click ends before its callout: with a result that is no failure, or a failure.
    private enum Halt: Error {
        case done(CallResult)
        case failed(CallFailure)
    }

    /// Claims `destination` and calls it.
    private func call(_ destination: String, _ number: PhoneNumber, force: Bool, deadline: inout Date)
        async throws(CallFailure) -> CallResult
    {
        let claim: CalloutClaim
        do throws(Halt) {
            claim = try await self.claim(destination, number, force: force, deadline: &deadline)
        } catch {
            switch error {
            case .done(let result): return result
            case .failed(let failure): throw failure
            }
        }
        placing(number, deadline)
        return .called(try await caller.call(claim, force: force, deadline: deadline))
    }

    /// The claim on `destination`, once both guards let it through; the agent is asked first when it is one
    /// different number too many this minute, and then the call gets its whole time from their yes.
    private func claim(_ destination: String, _ number: PhoneNumber, force: Bool, deadline: inout Date)
        async throws(Halt) -> CalloutClaim
    {
        var confirmed = false
        while true {
            do {
                return try await guards.claim(
                    destination, at: now(), deadline: deadline, force: force, confirmed: confirmed)
            } catch {
                switch error {
                case .alreadyCalling(let secondsAgo): throw .done(.alreadyCalling(secondsAgo: secondsAgo))
                case .alreadyAsking: throw .done(.alreadyAsking)
                case .unrecorded(let failure) where force:
                    warn("no record of this call is kept: \(failure)")
                    return CalloutClaim(unrecorded: destination)
                case .unrecorded(let failure): throw .failed(.noRecordOfRecentCalls(failure.description))
                case .askFirst(let numbers):
                    // A confirmed claim is never asked about again: a second question would be a loop.
                    let yes = confirmed ? false : await confirm(number, numbers)
                    // The agent may have taken a while to answer: what follows gets its whole time from now.
                    deadline = now().addingTimeInterval(configuration.timeoutSeconds)
                    guard yes else {
                        await guards.closeQuestion(on: destination, deadline: deadline)
                        throw .failed(.burstNotConfirmed(numbers: numbers))
                    }
                    confirmed = true
                }
            }
        }
    }

    /// The number in `input` and the warnings to call it with, or why it will not be called. A dry run
    /// shows exactly this much of a click.
    package static func read(_ input: String, configuration: Configuration, force: Bool) throws(CallFailure)
        -> (number: PhoneNumber, warnings: [String])
    {
        let (number, cautions) = try check(input, configuration: configuration, force: force)
        return (number, cautions.map(\.inEnglish))
    }

    /// The same, the warnings in words for any language: a click's notification speaks the agent's.
    private static func check(_ input: String, configuration: Configuration, force: Bool) throws(CallFailure)
        -> (number: PhoneNumber, cautions: [ClickText])
    {
        let number: PhoneNumber
        do { number = try NumberReader(defaultRegion: configuration.country).read(input) } catch {
            throw CallFailure(error)
        }
        do { return (number, try NumberPolicy.check(number, configuration: configuration, force: force)) } catch {
            throw CallFailure(error)
        }
    }

    private func record(_ report: Report) {
        let entry = HistoryEntry(
            time: now(), input: secrets.redacting(report.input), destination: report.destination,
            outcome: report.outcomeCode, message: secrets.redacting(report.message),
            warnings: report.warnings.map(secrets.redacting))
        do { try history.append(entry) } catch { warn("the history was not updated: \(error)") }
    }
}
