import CallFlow
import Desktop
import SystemSupport

/// `puzzel-call uninstall`: remove what `install` added and give the links back to their previous handlers.
enum UninstallCommand: Command {
    static let spec = CommandSpec(
        name: "uninstall", usage: "puzzel-call uninstall [--system | --prefix DIR]",
        summary: "Remove what install added and restore the previous handlers.",
        options: Installation.scopeOptions,
        details: "Handlers chosen since install are left as they are.",
        positionals: 0...0)

    struct Options: CommandOptions {
        let scope: HandlerRegistration.Scope
        let json: Bool

        init(_ arguments: ParsedArguments) throws(UsageError) {
            scope = try Installation.scope(arguments)
            json = arguments.has("--json")
        }
    }

    static func run(_ options: Options, console: Console) async throws -> ExitStatus {
        // Uninstalling runs programs (xdg-mime, update-desktop-database, gsettings): on a thread of its own.
        try await DedicatedThread.run { Result { try uninstall(options, console) } }.get()
    }

    private static func uninstall(_ options: Options, _ console: Console) throws -> ExitStatus {
        let registration = HandlerRegistration(scope: options.scope, environment: console.environment)
        var steps: [String]
        do { steps = try registration.uninstall() } catch { throw Installation.Failure(message: error.description) }
        if case .user = registration.scope {
            // Where the desktop's keyboard settings cannot be read, there is no shortcut of ours to remove.
            steps += (try? KeyboardShortcut(environment: console.environment).uninstall()) ?? []
        }
        Installation.present(steps, warnings: [], registration, json: options.json, console)
        return .success
    }
}
