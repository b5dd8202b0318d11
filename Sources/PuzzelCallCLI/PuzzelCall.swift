import CallFlow
import FoundationEssentials
import Glibc
import Localization

/// The `puzzel-call` command: picks a subcommand, runs it, turns its outcome into output and an exit status.
package enum PuzzelCall {
    static let commands: [any Command.Type] = [
        CallCommand.self, NormalizeCommand.self, FindCommand.self, SelectionCommand.self, LoginCommand.self,
        LogoutCommand.self, StatusCommand.self, HistoryCommand.self, InstallCommand.self, UninstallCommand.self,
        DoctorCommand.self,
    ]

    package static func main() async -> Never {
        let status = await run(Array(CommandLine.arguments.dropFirst()), console: .process())
        Console.standardOutput.flush()
        exit(status.rawValue)
    }

    static func run(_ arguments: [String], console: Console) async -> ExitStatus {
        switch arguments.first {
        case nil, "help", "-h":
            console.print(overview)
            return arguments.isEmpty ? .usage : .success
        case "--help" where arguments.count == 1:
            console.print(overview)
            return .success
        case "--version":
            console.print("\(Product.name) \(Product.version)")
            return .success
        default:
            break
        }
        if arguments == CallFollow.detachedArguments { return await CallFollow.detached(console: console) }
        // The application menu starts the entry without a link: the one thing to do then is to sign in.
        if arguments == [CallCommand.fromDesktop] {
            return await run([LoginCommand.spec.name, CallCommand.fromDesktop], console: console)
        }
        // The desktop runs `puzzel-call %u`: anything that is not a command name is a number to call.
        let (command, commandArguments) =
            if let named = commands.first(where: { $0.spec.name == arguments[0] }) {
                (named, Array(arguments.dropFirst()))
            } else {
                (CallCommand.self as any Command.Type, arguments)
            }
        let json = commandArguments.contains("--json")
        // Known before parsing, so that even a command line the desktop got wrong is told as a notification.
        console.fromDesktop =
            command.spec.options.contains { $0.name == CallCommand.fromDesktop }
            && commandArguments.contains(CallCommand.fromDesktop)
        do {
            let parsed = try command.spec.parse(commandArguments)
            if parsed.wantsHelp {
                console.print(command.spec.help)
                return .success
            }
            return try await command.run(parsing: parsed, console: console)
        } catch let failure as any UserFacingError {
            await report(failure, json: json, console: console)
            return failure.exitStatus
        } catch {
            let failure = UnexpectedFailure(message: "unexpected error: \(error)")
            await report(failure, json: json, console: console)
            return failure.exitStatus
        }
    }

    /// An error no command turned into a message of its own: reported, with `--json` too, as the
    /// temporary failure the process exits with.
    private struct UnexpectedFailure: UserFacingError {
        let message: String
        var code: String { "unexpected" }
        var exitStatus: ExitStatus { .temporaryFailure }
    }

    static func report(_ failure: any UserFacingError, json: Bool, console: Console) async {
        if json {
            console.printJSON(ErrorReport(failure))
        } else {
            let said = failure.text(in: console.language)
            console.warn("puzzel-call: \(said)")
            let summary = ClickText.notCalling(nil).text(in: console.language)
            await console.tell(Notice(summary: summary, body: said.asSentence))
        }
    }

    static var overview: String {
        let specs = commands.map { $0.spec }
        let width = specs.map { $0.name.count }.max() ?? 0
        let list = specs.map { "  \($0.name.padded(to: width))  \($0.summary)" }
        return """
            Usage: puzzel-call [call] [options] TEL-URI-OR-NUMBER
                   puzzel-call COMMAND [options]

            Turns a tel: or callto: link into a Puzzel callout: your phone rings first, then the number.

            Commands:
            \(list.joined(separator: "\n"))

            Run `puzzel-call COMMAND --help` for a command's options, `puzzel-call --version` for the version.
            Configuration: /etc/xdg/puzzel-call/config, then ~/.config/puzzel-call/config (key = value lines).

            Exit status:
            \(ExitStatus.table)
            """
    }
}

/// One subcommand of `puzzel-call`.
protocol Command: Sendable {
    /// What the command was asked, typed: read from the arguments its `spec` parsed.
    associatedtype Options: CommandOptions
    static var spec: CommandSpec { get }
    static func run(_ options: Options, console: Console) async throws -> ExitStatus
}

/// A command's options, read once from what its spec parsed; a value that does not fit is a usage error.
protocol CommandOptions: Sendable {
    init(_ arguments: ParsedArguments) throws(UsageError)
}

extension Command {
    /// Reads the options from `arguments`, then runs.
    static func run(parsing arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        try await run(try Options(arguments), console: console)
    }
}
