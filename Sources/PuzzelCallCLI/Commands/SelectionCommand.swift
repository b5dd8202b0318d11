import CallFlow
import Desktop
import FoundationEssentials
import Localization
import PhoneNumbers
import SystemSupport

/// `puzzel-call selection`: calls the number in the text the agent selected, for a keyboard shortcut.
enum SelectionCommand: Command {
    static let spec = CommandSpec(
        name: "selection", usage: "puzzel-call selection [options]",
        summary: "Call the phone number in the selected text (for a keyboard shortcut).",
        options: [
            .init(name: "--clipboard", value: nil, help: "Read the clipboard instead of the primary selection."),
            CommandSpec.countryOption, CallCommand.dryRunOption, CallCommand.forceOption,
            CallCommand.fromDesktopOption, CommandSpec.jsonOption, CommandSpec.verboseOption,
        ],
        details: """
            The selection is read with wl-paste (Wayland), xclip or xsel (X11), and searched for phone numbers
            as `puzzel-call find` searches text. One number is called as a click on its link is. Among several
            different numbers the agent picks one in a zenity list; without zenity they are listed and nothing
            is called (exit 65). No number, or a selection over 64 KiB, is told in a notification (exit 65).
            """,
        positionals: 0...0)

    struct Options: CommandOptions {
        /// `--country`, as the configuration's last layer.
        let settings: [ConfigurationLoader.Setting]
        let clipboard: Bool
        let dryRun: Bool
        let force: Bool
        let json: Bool
        let verbose: Bool

        init(_ arguments: ParsedArguments) {
            settings = arguments.settings(["--country": "country"])
            clipboard = arguments.has("--clipboard")
            dryRun = arguments.has("--dry-run")
            force = arguments.has("--force")
            json = arguments.has("--json")
            verbose = arguments.has(CommandSpec.verboseOption.name)
        }
    }

    static func run(_ options: Options, console: Console) async throws -> ExitStatus {
        let configuration = try console.configuration(options.settings)
        // Reading the selection and asking which number run programs (xclip, zenity): on a thread of their own.
        let reader = SelectionReader(environment: console.environment)
        let source: SelectionReader.Source = options.clipboard ? .clipboard : .primary
        let text = try await DedicatedThread.run {
            Result { () throws(SelectionReader.Failure) in try reader.read(source) }
        }
        .mapError(SelectionFailure.init).get()
        let found = distinctNumbers(in: text, country: configuration.country)
        let numbers = found.map(\.number)
        let chosen: PhoneNumber
        switch found.count {
        case 0:
            throw SelectionFailure.noNumber
        case 1:
            chosen = numbers[0]
        default:
            let chooser = NumberChooser(environment: console.environment, language: console.language)
            switch await DedicatedThread.run({ chooser.choose(among: found) }) {
            case .chosen(let number):
                chosen = number
            case .cancelled:
                // The agent's own choice: said at the terminal and in --json, never in a notification.
                let cancelled = SelectionFailure.notChosen
                if options.json {
                    console.printJSON(ErrorReport(cancelled))
                } else {
                    console.warn("puzzel-call: \(cancelled.text(in: console.language))")
                }
                return cancelled.exitStatus
            case .noChooser:
                if !options.json { numbers.forEach { console.print($0.e164) } }
                throw SelectionFailure.severalNumbers(numbers)
            }
        }
        // The chosen number goes the way of a click on its link, E.164 so that no country is needed again.
        var call = CallCommand.Options(input: chosen.e164)
        (call.dryRun, call.force, call.json, call.verbose) = (
            options.dryRun, options.force, options.json, options.verbose
        )
        return try await CallCommand.run(call, console: console)
    }

    /// The numbers of `text`, each once, as first written, in the order they first appear.
    private static func distinctNumbers(in text: String, country: String?) -> [NumberMatch] {
        let matcher = NumberMatcher(defaultRegion: country)
        var seen: Set<String> = []
        var numbers: [NumberMatch] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            for match in matcher.matches(in: String(line))
            where seen.insert(match.number.e164).inserted {
                numbers.append(match)
            }
        }
        return numbers
    }
}

/// Lets the agent pick one of several numbers in a zenity list: each as the text wrote it, with its type and
/// country. The rows go to zenity on its standard input, never on its command line (a customer's number is
/// personal data, and command lines are world-readable); kdialog takes its items only on the command line, so it
/// is not used.
struct NumberChooser {
    let environment: [String: String]
    let language: Language

    enum Choice: Equatable {
        case chosen(PhoneNumber)
        /// The agent closed the list or chose nothing.
        case cancelled
        /// No chooser is installed, or it could not be run.
        case noChooser
    }

    func choose(among numbers: [NumberMatch]) -> Choice {
        guard Subprocess.find("zenity", environment: environment) != nil else { return .noChooser }
        // A hidden first column holds each row's place in the list: zenity prints it for the row chosen.
        let cells = numbers.enumerated().flatMap { index, match in
            [String(index + 1), match.raw, match.number.typeName(in: language), match.number.placeName(in: language)]
        }
        let rows = cells.map { String($0.map { $0.isNewline ? " " : $0 }) }.joined(separator: "\n") + "\n"
        let output: Subprocess.Output
        do {
            output = try Subprocess.run(
                "zenity",
                [
                    "--list", "--title=Puzzel Call", "--text=\(SelectionText.chooseOne.text(in: language))",
                    "--column=#", "--column=\(SelectionText.numberColumn.text(in: language))",
                    "--column=\(SelectionText.typeColumn.text(in: language))",
                    "--column=\(SelectionText.countryColumn.text(in: language))", "--hide-column=1", "--print-column=1",
                    // Wide enough for every column: zenity's default cuts the country off.
                    "--width=560", "--height=320",
                ], input: Data(rows.utf8), environment: environment, timeout: .seconds(600))
        } catch {
            return .noChooser
        }
        guard output.succeeded, let row = Int(output.standardOutputText.trimmed), numbers.indices.contains(row - 1)
        else { return .cancelled }
        return .chosen(numbers[row - 1].number)
    }
}

/// Why the selection gave no call.
struct SelectionFailure: UserFacingError {
    let code: String
    let said: SelectionText
    var message: String { said.text(in: .english) }
    var exitStatus: ExitStatus { .noNumber }

    func text(in language: Language) -> String { said.text(in: language) }

    static let noNumber = SelectionFailure(code: "no-number", said: .noNumber)
    static let notChosen = SelectionFailure(code: "not-chosen", said: .notChosen)

    static func severalNumbers(_ numbers: [PhoneNumber]) -> SelectionFailure {
        SelectionFailure(code: "several-numbers", said: .severalNumbers(numbers.map(\.international)))
    }

    init(code: String, said: SelectionText) {
        self.code = code
        self.said = said
    }

    init(_ failure: SelectionReader.Failure) {
        switch failure {
        case .noTool: self.init(code: "no-selection-tool", said: .noSelectionTool)
        case .tooLarge(let limit): self.init(code: "selection-too-large", said: .tooLarge(kibibytes: limit / 1024))
        case .timedOut(let tool): self.init(code: "selection-timed-out", said: .timedOut(tool: tool))
        }
    }
}
