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
    let burst: BurstGuard
    let confirm: Confirmation
    let placing: Placing
    let warn: @Sendable (String) -> Void
    let now: @Sendable () -> Date

    /// Asks the agent whether to call `number`, one different number too many within `BurstGuard.window`:
    /// true when they say yes.
    package typealias Confirmation = @Sendable (_ number: PhoneNumber) async -> Bool

    /// Told when the callout to `number` is about to be ordered, with the click's deadline: from here on the
    /// agent waits for Puzzel.
    package typealias Placing = @Sendable (_ number: PhoneNumber, _ deadline: Date) -> Void

    package init(
        configuration: Configuration, context: Context, confirm: @escaping Confirmation = { _ in false },
        placing: @escaping Placing = { _, _ in }
    ) {
        self.configuration = configuration
        caller = Caller(configuration: configuration, context: context)
        secrets = context.secrets
        let directories = context.directories
        history = CallHistory(directory: directories.stateDirectory)
        burst = BurstGuard(folders: RecordFolders(directories), limit: configuration.burstLimit)
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
            case .failure(let failure): failure.click
            }
        }

        /// Whether Puzzel may have placed the call although the click failed: the one outcome the agent must
        /// not miss, since a second click could ring twice.
        package var mayHaveBeenPlaced: Bool {
            if case .failure(let failure) = outcome { failure.code == CallFailure.mayHaveBeenPlacedCode } else { false }
        }

        /// Whether a new password would get the click further: the agent is offered “Sign in”.
        package var signInHelps: Bool {
            if case .failure(let failure) = outcome { failure.signInHelps } else { false }
        }

        /// Whether the same click with `--force` would get further.
        package var forceHelps: Bool {
            switch outcome {
            case .success(.called): false
            case .success(.alreadyCalling): true
            case .failure(let failure): failure.forceHelps
            }
        }

        package var outcomeCode: String {
            switch outcome {
            case .success(.called): "called"
            case .success(.alreadyCalling): "already-calling"
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
            if await !burst.admit(destination!, at: now(), deadline: deadline, confirmed: force) {
                guard await confirm(read.number) else { throw .burstNotConfirmed(limit: burst.limit) }
                _ = await burst.admit(destination!, at: now(), deadline: deadline, confirmed: true)
                // The agent may have taken a while to answer: the call gets its whole time from now.
                deadline = now().addingTimeInterval(configuration.timeoutSeconds)
            }
            placing(read.number, deadline)
            outcome = .success(try await caller.call(destination: destination!, force: force, deadline: deadline))
        } catch {
            outcome = .failure(error)
        }
        let report = Report(
            input: input, number: number, destination: destination, cautions: cautions, outcome: outcome,
            deadline: deadline)
        record(report)
        return report
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
