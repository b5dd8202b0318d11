import CallFlow
import FoundationEssentials
import SystemSupport

/// `puzzel-call history`: the last calls, from the history file.
enum HistoryCommand: Command {
    static let spec = CommandSpec(
        name: "history", usage: "puzzel-call history [-n N] [--json]",
        summary: "Show the last calls: when, which number, and what came of it.",
        options: [
            .init(name: "-n", value: "N", help: "How many calls to show, newest last (default 20)."),
            CommandSpec.jsonOption,
        ],
        details: "The history is kept in $XDG_STATE_HOME/puzzel-call/history.jsonl, under 1 MB.",
        positionals: 0...0)

    struct Options: CommandOptions {
        let count: Int
        let json: Bool

        init(_ arguments: ParsedArguments) throws(UsageError) {
            count =
                try arguments.values["-n"].map { value throws(UsageError) in
                    guard let count = Int(value), count > 0 else {
                        throw UsageError("history: -n takes a positive number")
                    }
                    return count
                } ?? 20
            json = arguments.has("--json")
        }
    }

    static func run(_ options: Options, console: Console) async throws -> ExitStatus {
        let history = CallHistory(directory: XDGDirectories(environment: console.environment).stateDirectory)
        let entries = history.last(options.count)
        if options.json {
            console.printJSON(["entries": entries])
            return .success
        }
        if entries.isEmpty { console.warn("No calls yet.") }
        for entry in entries {
            let said = [entry.message] + (entry.warnings ?? []).map { "warning: \($0)" }
            let fields = [
                console.dateStyle.string(from: entry.time), entry.outcome, entry.destination ?? "-",
                said.joined(separator: "; ").escapedForDisplay,
            ]
            console.print(fields.joined(separator: "  "))
        }
        return .success
    }
}
