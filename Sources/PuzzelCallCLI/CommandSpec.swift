import CallFlow
import FoundationEssentials
import Glibc
import SystemSupport

/// What a command accepts, from which both its parsing and its `--help` are made.
struct CommandSpec: Sendable {
    struct Option: Sendable {
        let name: String
        /// The value's placeholder in help, e.g. `CC`; nil for a flag.
        let value: String?
        let help: String
    }

    let name: String
    let usage: String
    let summary: String
    let options: [Option]
    /// Lines after the options: details, examples.
    let details: String
    /// How many positional arguments it takes.
    let positionals: ClosedRange<Int>

    static let jsonOption = Option(
        name: "--json", value: nil, help: "Print one JSON object and nothing else on stdout.")
    static let helpOption = Option(name: "--help", value: nil, help: "Show this help.")
    static let verboseOption = Option(
        name: "--verbose", value: nil,
        help: "Trace every request to Puzzel on stderr (passwords, tokens and session ids redacted).")
    static let countryOption = Option(
        name: "--country", value: "CC", help: "The country of numbers without a country code (e.g. NO).")

    var help: String {
        let allOptions = options + [Self.helpOption]
        let width = allOptions.map { $0.name.count + ($0.value.map { $0.count + 1 } ?? 0) }.max() ?? 0
        var text = "Usage: \(usage)\n\n\(summary)\n\nOptions:\n"
        for option in allOptions {
            let left = option.name + (option.value.map { " " + $0 } ?? "")
            text += "  \(left.padded(to: width))  \(option.help)\n"
        }
        if !details.isEmpty { text += "\n\(details)\n" }
        return text + "\nExit status:\n\(ExitStatus.table)\n"
    }

    func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var remaining = arguments[...]
        var optionsEnded = false
        while let argument = remaining.popFirst() {
            let isOption = argument.hasPrefix("--") || argument.count == 2 && argument.hasPrefix("-")
            if optionsEnded || !isOption {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            let (name, inlineValue) = Self.split(argument)
            if name == "--help" || name == "-h" {
                parsed.wantsHelp = true
                continue
            }
            guard let option = options.first(where: { $0.name == name }) else {
                throw UsageError(
                    "\(self.name): unknown option \(name.escapedForDisplay); see `puzzel-call \(self.name) --help`")
            }
            if option.value == nil {
                guard inlineValue == nil else { throw UsageError("\(self.name): \(name) takes no value") }
                parsed.flags.insert(name)
            } else if let value = inlineValue ?? nextValue(&remaining) {
                parsed.values[name] = value
                parsed.allValues[name, default: []].append(value)
            } else {
                throw UsageError("\(self.name): \(name) needs a value (\(option.value!))")
            }
        }
        if !parsed.wantsHelp && !positionals.contains(parsed.positionals.count) {
            throw UsageError("\(self.name): \(positionalProblem(parsed.positionals.count)); usage: \(usage)")
        }
        return parsed
    }

    private func positionalProblem(_ count: Int) -> String {
        count < positionals.lowerBound ? "missing argument" : "too many arguments"
    }

    /// The value after an option, unless the next argument is itself one of this command's options
    /// (`--prefix --json`): that is a missing value, not a folder named `--json`.
    private func nextValue(_ remaining: inout ArraySlice<String>) -> String? {
        guard let next = remaining.first else { return nil }
        let name = Self.split(next).0
        if name == "--help" || name == "-h" || options.contains(where: { $0.name == name }) { return nil }
        return remaining.popFirst()
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}

/// The options and arguments given to one command.
struct ParsedArguments: Sendable {
    var flags: Set<String> = []
    /// Each option's last value.
    var values: [String: String] = [:]
    /// Every value of an option that may be given more than once, in order.
    var allValues: [String: [String]] = [:]
    var positionals: [String] = []
    var wantsHelp = false

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The options that set a configuration key, as the configuration's last layer: a flag sets `true`.
    func settings(_ keys: KeyValuePairs<String, String>) -> [ConfigurationLoader.Setting] {
        keys.compactMap { option, key in
            if let value = values[option] { return (key, value, option) }
            return has(option) ? (key, "true", option) : nil
        }
    }
}
