import CallFlow
import Desktop
import Foundation

/// `puzzel-call login`: asks for what is missing, signs in for real and keeps the session.
enum LoginCommand: Command {
    static let spec = CommandSpec(
        name: "login", usage: "puzzel-call login [options]",
        summary: "Sign in to Puzzel once, check the credentials, and keep the session for the next clicks.",
        options: [
            .init(name: "--customer-key", value: "KEY", help: "Your Puzzel customer key (asked when not configured)."),
            .init(name: "--user", value: "NAME", help: "Your Puzzel user name (asked when not configured)."),
            .init(name: "--password-stdin", value: nil, help: "Read the password from standard input instead of asking."),
            CommandSpec.jsonOption,
        ],
        details: "The password is stored in the desktop's keyring when there is one, never printed.",
        positionals: 0...0)

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        throw NotYetAvailable(feature: "signing in")
    }
}

/// `puzzel-call logout`: forgets the session, and with `--forget` the stored password too.
enum LogoutCommand: Command {
    static let spec = CommandSpec(
        name: "logout", usage: "puzzel-call logout [--forget]",
        summary: "Forget the cached Puzzel session.",
        options: [
            .init(name: "--forget", value: nil, help: "Also remove the password from the keyring."),
            CommandSpec.jsonOption,
        ],
        details: "", positionals: 0...0)

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        throw NotYetAvailable(feature: "signing out")
    }
}

/// `puzzel-call status`: who is signed in, until when, and the agent's state. Never a token.
enum StatusCommand: Command {
    static let spec = CommandSpec(
        name: "status", usage: "puzzel-call status [--json]",
        summary: "Show who is signed in, until when, and your state in Puzzel.",
        options: [CommandSpec.jsonOption], details: "", positionals: 0...0)

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        throw NotYetAvailable(feature: "status")
    }
}

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

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        let count = try arguments.values["-n"].map { value throws(UsageError) in
            guard let count = Int(value), count > 0 else { throw UsageError("history: -n takes a positive number") }
            return count
        } ?? 20
        let history = CallHistory(directory: XDGDirectories(environment: console.environment).stateDirectory)
        let entries = history.last(count)
        if arguments.has("--json") {
            console.printJSON(["entries": entries])
            return .success
        }
        if entries.isEmpty { console.warn("No calls yet.") }
        let time = Date.ISO8601FormatStyle(timeZone: .current).year().month().day().time(includingFractionalSeconds: false)
        for entry in entries {
            let fields = [
                entry.time.formatted(time), entry.outcome, entry.destination ?? "-", entry.message.escapedForDisplay,
            ]
            console.print(fields.joined(separator: "  "))
        }
        return .success
    }
}

/// A command whose work has not landed yet.
struct NotYetAvailable: UserFacingError {
    let feature: String
    var message: String { "\(feature) is not available yet in this version" }
    var code: String { "not-available" }
    var exitStatus: ExitStatus { .usage }
}
