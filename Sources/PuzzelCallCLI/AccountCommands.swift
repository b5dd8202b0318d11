import CallFlow
import Desktop
import FoundationEssentials
import Glibc
import Localization
import SystemSupport

/// `puzzel-call login`: asks for what is missing, signs in for real and keeps the session.
enum LoginCommand: Command {
    static let spec = CommandSpec(
        name: "login", usage: "puzzel-call login [options]",
        summary: "Sign in to Puzzel once, check the credentials, and keep the session for the next clicks.",
        options: [
            .init(name: "--customer-key", value: "KEY", help: "Your Puzzel customer key (asked when not configured)."),
            .init(name: "--user", value: "NAME", help: "Your Puzzel user name (asked when not configured)."),
            .init(
                name: "--password-stdin", value: nil, help: "Read the password from standard input instead of asking."),
            CommandSpec.jsonOption, CommandSpec.verboseOption,
        ],
        details: "The password is stored in the desktop's keyring when there is one, never printed.",
        positionals: 0...0)

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        let options = arguments.settings(["--customer-key": "customerKey", "--user": "userName"])
        var configuration = try console.configuration(options)
        // What was given or asked for here is kept in the user's config for the clicks to come.
        var remembered: [(key: String, value: String?)] = options.map { ($0.key, $0.value) }
        if configuration.customerKey == nil {
            configuration.customerKey = try ask(console, "Puzzel customer key: ", missing: "--customer-key")
            remembered.append(("customerKey", configuration.customerKey))
        }
        if configuration.userName == nil && !configuration.usesPuzzelID {
            configuration.userName = try ask(console, "Puzzel user name: ", missing: "--user")
            remembered.append(("userName", configuration.userName))
        }
        let typedPassword = try password(for: configuration, arguments, console)
        let status = try await console.account(
            configuration, typedPassword: typedPassword, trace: console.trace(arguments)
        ).logIn()

        var notes: [String] = []
        if let typedPassword {
            if Keyring.store(typedPassword, customerKey: status.customerKey, userName: status.user, console) {
                notes.append("The password is kept in your desktop keyring.")
                remembered.append(("password", nil))
            } else {
                remembered.append(("password", typedPassword))
            }
        }
        let configFile = UserConfigFile(environment: console.environment)
        if !remembered.isEmpty {
            try configFile.update(remembered)
            if remembered.contains(where: { $0.key == "password" && $0.value != nil }) {
                notes.append(
                    "No desktop keyring was found: the password is kept in \(configFile.path), readable by you only.")
            }
        }
        if arguments.has("--json") {
            console.printJSON(status)
        } else {
            console.print("Signed in to Puzzel as \(status.user) (customer key \(status.customerKey)).")
            notes.forEach { console.print($0) }
        }
        return .success
    }

    private static func ask(_ console: Console, _ question: String, missing option: String) throws -> String {
        let what = question.dropLast(2).lowercased()
        guard let answer = try answer(console, question, naming: what, secret: false) else {
            throw ConfigurationError("login: \(what) is not configured; give \(option)")
        }
        return answer
    }

    static let tries = 3

    /// Asks until something is typed, `tries` times at most: an empty answer is a slip of the Enter key.
    /// Nil when there is no terminal to ask at.
    private static func answer(_ console: Console, _ question: String, naming what: String, secret: Bool)
        throws(UsageError) -> String?
    {
        for _ in 0..<tries {
            guard let typed = console.ask(question, secret) else { return nil }
            let answer = secret ? typed : typed.trimmed
            if !answer.isEmpty { return answer }
        }
        throw UsageError("login: no \(what) was typed in \(tries) tries")
    }

    /// The password to sign in with: read from standard input, or asked for at the terminal. Nil leaves it
    /// to the configured sources: `PUZZEL_PASSWORD` and `passwordCommand` are managed elsewhere, and a
    /// script without a terminal relies on them.
    private static func password(for configuration: Configuration, _ arguments: ParsedArguments, _ console: Console)
        throws(UsageError) -> String?
    {
        if arguments.has("--password-stdin") {
            guard let line = console.nextInputLine(), !line.isEmpty else {
                throw UsageError("login: --password-stdin found no password on standard input")
            }
            return line
        }
        let managedElsewhere =
            configuration.usesPuzzelID || configuration.passwordCommand != nil
            || console.environment["PUZZEL_PASSWORD"].map { !$0.isEmpty } == true
        if managedElsewhere { return nil }
        return try answer(console, "Password for \(configuration.userName!): ", naming: "password", secret: true)
    }
}

/// `puzzel-call logout`: forgets the session, and with `--forget` the stored password too.
enum LogoutCommand: Command {
    static let spec = CommandSpec(
        name: "logout", usage: "puzzel-call logout [--forget]",
        summary: "Forget the cached Puzzel session.",
        options: [
            .init(name: "--forget", value: nil, help: "Also remove the stored password (keyring or config file)."),
            CommandSpec.jsonOption,
        ],
        details: "", positionals: 0...0)

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        let configuration = try console.configuration()
        console.account(configuration).logOut()
        let forget = arguments.has("--forget")
        if forget {
            if let customerKey = configuration.customerKey, let userName = configuration.userName {
                Keyring.clear(customerKey: customerKey, userName: userName, console)
            }
            try UserConfigFile(environment: console.environment).update([("password", nil)])
        }
        if arguments.has("--json") {
            console.printJSON(["signedOut": true, "passwordForgotten": forget])
        } else {
            console.print(forget ? "Signed out; the stored password is forgotten." : "Signed out.")
        }
        return .success
    }
}

/// `puzzel-call status`: who is signed in, until when, and the agent's state. Never a token.
enum StatusCommand: Command {
    static let spec = CommandSpec(
        name: "status", usage: "puzzel-call status [--json]",
        summary: "Show who is signed in, until when, and your state in Puzzel.",
        options: [CommandSpec.jsonOption, CommandSpec.verboseOption], details: "", positionals: 0...0)

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        let configuration = try console.configuration()
        let status = try await console.account(configuration, trace: console.trace(arguments)).status()
        if arguments.has("--json") {
            console.printJSON(StatusReport(status))
            return .success
        }
        guard let status else {
            console.print("Not signed in. Run `puzzel-call login`, or click a number.")
            return .success
        }
        console.print(
            "Signed in to Puzzel as \(status.user) (customer key \(status.customerKey), user id \(status.userId ?? "?"))."
        )
        if let sessionExpiry = status.sessionExpiry {
            console.print("The session lasts until \(console.dateStyle.string(from: sessionExpiry)).")
        }
        let state = [status.contactCentreStatus, status.userStatus, status.pause].compactMap { $0 }
        console.print("Your state in Puzzel: \(state.map(\.escapedForDisplay).joined(separator: ", ")).")
        return .success
    }

    /// `status --json`: `signedIn`, and the session's details when there is one.
    struct StatusReport: Encodable {
        let signedIn: Bool
        let session: Account.Status?

        init(_ status: Account.Status?) {
            signedIn = status != nil
            session = status
        }
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
        let count =
            try arguments.values["-n"].map { value throws(UsageError) in
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
