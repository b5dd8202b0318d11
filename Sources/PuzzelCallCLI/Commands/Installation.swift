import CallFlow
import Desktop

/// What `install` and `uninstall` share: where they work, how they fail and what they print.
enum Installation {
    /// Where `install` and `uninstall` work: for this user, for every user, or below a packager's folder.
    static let scopeOptions: [CommandSpec.Option] = [
        .init(name: "--system", value: nil, help: "For every user: /usr/local/bin, /usr/share/applications, /etc/xdg."),
        .init(
            name: "--prefix", value: "DIR",
            help: "Files only, below DIR (for packagers): DIR/bin, DIR/share/applications."),
        CommandSpec.jsonOption,
    ]

    static func scope(_ arguments: ParsedArguments) throws(UsageError) -> HandlerRegistration.Scope {
        switch (arguments.has("--system"), arguments.values["--prefix"]) {
        case (true, .some): throw UsageError("--system and --prefix cannot be used together")
        case (true, nil): .system
        case (false, let prefix?): .prefix(prefix)
        case (false, nil): .user
        }
    }

    /// Installing or uninstalling failed: a file could not be written or removed.
    struct Failure: UserFacingError {
        let message: String
        var code: String { "install-failed" }
        var exitStatus: ExitStatus { .cannotCreate }
    }

    /// What `install` and `uninstall` print with `--json`.
    private struct Report: Encodable {
        let binary: String
        let desktopEntry: String
        let steps: [String]
        let warnings: [String]
    }

    static func present(
        _ steps: [String], warnings: [String], _ registration: HandlerRegistration, json: Bool,
        _ console: Console
    ) {
        if json {
            console.printJSON(
                Report(
                    binary: registration.installedBinaryPath, desktopEntry: registration.desktopFilePath, steps: steps,
                    warnings: warnings))
        } else {
            steps.forEach(console.print)
            warnings.forEach(console.warning)
        }
    }
}
