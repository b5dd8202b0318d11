import CallFlow
import PhoneNumbers
import SystemSupport

/// `puzzel-call find`: every phone number in text, for scripts.
enum FindCommand: Command {
    static let spec = CommandSpec(
        name: "find", usage: "puzzel-call find [options] [FILE ...]",
        summary: "Print every phone number found in text; reads standard input when no file is given.",
        options: [
            CommandSpec.countryOption,
            .init(
                name: "--leniency", value: "L",
                help: "possible, valid (the default), strict-grouping or exact-grouping."),
            .init(name: "--json", value: nil, help: "Print one JSON object per number and nothing else on stdout."),
        ],
        details: """
            Numbers are found as libphonenumber's findNumbers finds them: dates, times, prices, order numbers,
            IBANs and card numbers are not numbers. Each line is searched on its own. Without --json, one
            E.164 number a line. With --json, one object per number with line (from 1), start and end
            (Unicode characters within the line, end exclusive), raw (the text as written), e164, region,
            type and valid. The exit status is 65 when no number is found.
            """,
        positionals: 0...Int.max)

    struct Options: CommandOptions {
        /// `--country`, as the configuration's last layer.
        let settings: [ConfigurationLoader.Setting]
        let leniency: Leniency
        /// The files to search; none searches standard input.
        let files: [String]
        let json: Bool

        init(_ arguments: ParsedArguments) throws(UsageError) {
            settings = arguments.settings(["--country": "country"])
            leniency = try FindCommand.leniency(arguments.values["--leniency"])
            files = arguments.positionals
            json = arguments.has("--json")
        }
    }

    static func run(_ options: Options, console: Console) async throws -> ExitStatus {
        let configuration = try console.configuration(options.settings)
        let matcher = NumberMatcher(defaultRegion: configuration.country, leniency: options.leniency)
        let json = options.json
        var foundAny = false
        func search(_ line: String, number lineNumber: Int) {
            for match in matcher.matches(in: line) {
                foundAny = true
                if json {
                    console.print(FoundNumber(line: lineNumber, match: match).json)
                } else {
                    console.print(match.number.e164)
                }
            }
        }
        if options.files.isEmpty {
            var lineNumber = 0
            while let line = console.nextInputLine() {
                lineNumber += 1
                search(line, number: lineNumber)
            }
        } else {
            // Every file is read before anything is printed, so a missing file prints no partial output.
            let files = try options.files.map(readLines)
            for lines in files {
                for (index, line) in lines.enumerated() { search(line, number: index + 1) }
            }
        }
        if foundAny { return .success }
        // With --json the outcome is always one JSON object, as for every other failure.
        if json { throw NothingFound() }
        return .noNumber
    }

    /// No number in the text: exit 65, and with `--json` the error object that says so.
    struct NothingFound: UserFacingError {
        var message: String { "find: no phone number was found" }
        var code: String { "no-number" }
        var exitStatus: ExitStatus { .noNumber }
    }

    private static func leniency(_ name: String?) throws(UsageError) -> Leniency {
        guard let name else { return .valid }
        guard let leniency = Leniency(rawValue: name) else {
            let names = Leniency.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError("find: --leniency \(name.escapedForDisplay) is not one of \(names)")
        }
        return leniency
    }

    /// The lines of a file, line ends (`\n` or `\r\n`) removed.
    private static func readLines(_ path: String) throws(UsageError) -> [String] {
        guard let bytes = FileContents.read(path) else {
            throw UsageError("find: cannot read \(path.escapedForDisplay)")
        }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        if bytes.last == UInt8(ascii: "\n") { lines.removeLast() }
        return lines
    }
}

/// One number of `find --json`, written as one line of JSON with every key present and the keys sorted, as the other
/// commands' JSON is: written directly, because `find` prints a line per number and JSONEncoder would cost more than
/// finding the number.
struct FoundNumber {
    let line: Int
    let match: NumberMatch

    var json: String {
        let number = match.number
        let region = number.region?.jsonQuoted ?? "null"
        return """
            {"e164":\(number.e164.jsonQuoted),"end":\(match.end),"line":\(line),"raw":\(match.raw.jsonQuoted),\
            "region":\(region),"start":\(match.start),"type":\(number.type.rawValue.jsonQuoted),"valid":\(number.isValid)}
            """
    }
}
