import CallFlow

/// `puzzel-call install`: become the desktop's handler of tel: and callto: links.
enum InstallCommand: Command {
    static let spec = CommandSpec(
        name: "install", usage: "puzzel-call install [--system | --prefix DIR]",
        summary: "Install this program as the handler of tel: and callto: links.",
        options: [
            .init(name: "--system", value: nil, help: "Install for every user (/usr/local/bin, /usr/share/applications)."),
            .init(name: "--prefix", value: "DIR", help: "Install below DIR (for packagers)."),
            CommandSpec.jsonOption,
        ],
        details: "", positionals: 0...0)

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        throw NotYetAvailable(feature: "install")
    }
}

/// `puzzel-call uninstall`: remove what `install` added and give the links back to their previous handlers.
enum UninstallCommand: Command {
    static let spec = CommandSpec(
        name: "uninstall", usage: "puzzel-call uninstall [--system | --prefix DIR]",
        summary: "Remove what install added and restore the previous handlers.",
        options: [
            .init(name: "--system", value: nil, help: "Uninstall the system-wide installation."),
            .init(name: "--prefix", value: "DIR", help: "Uninstall from below DIR."),
            CommandSpec.jsonOption,
        ],
        details: "", positionals: 0...0)

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        throw NotYetAvailable(feature: "uninstall")
    }
}

/// `puzzel-call doctor`: checks every link of the chain a click takes, one line each.
enum DoctorCommand: Command {
    static let spec = CommandSpec(
        name: "doctor", usage: "puzzel-call doctor [--online] [--json]",
        summary: "Check the installation, the configuration and the desktop, and say how to fix what is wrong.",
        options: [
            .init(name: "--online", value: nil, help: "Also sign in to Puzzel to check the credentials."),
            CommandSpec.jsonOption,
        ],
        details: "", positionals: 0...0)

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        throw NotYetAvailable(feature: "doctor")
    }
}
