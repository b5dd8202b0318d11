import CallFlow
import Desktop
import PuzzelAPI

/// Where `install` and `uninstall` work: for this user, for every user, or below a packager's folder.
private let scopeOptions: [CommandSpec.Option] = [
    .init(name: "--system", value: nil, help: "For every user: /usr/local/bin, /usr/share/applications, /etc/xdg."),
    .init(
        name: "--prefix", value: "DIR", help: "Files only, below DIR (for packagers): DIR/bin, DIR/share/applications."),
    CommandSpec.jsonOption,
]

private func scope(_ arguments: ParsedArguments) throws(UsageError) -> HandlerRegistration.Scope {
    switch (arguments.has("--system"), arguments.values["--prefix"]) {
    case (true, .some): throw UsageError("--system and --prefix cannot be used together")
    case (true, nil): .system
    case (false, let prefix?): .prefix(prefix)
    case (false, nil): .user
    }
}

/// Installing or uninstalling failed: a file could not be written or removed.
struct InstallFailure: UserFacingError {
    let message: String
    var code: String { "install-failed" }
    var exitStatus: ExitStatus { .cannotCreate }
}

/// What `install` and `uninstall` print with `--json`.
private struct InstallReport: Encodable {
    let binary: String
    let desktopEntry: String
    let steps: [String]
    let warnings: [String]
}

private func present(
    _ steps: [String], warnings: [String], _ registration: HandlerRegistration, _ arguments: ParsedArguments,
    _ console: Console
) {
    if arguments.has("--json") {
        console.printJSON(
            InstallReport(
                binary: registration.binaryPath, desktopEntry: registration.desktopFilePath, steps: steps,
                warnings: warnings))
    } else {
        steps.forEach(console.print)
        warnings.forEach(console.warning)
    }
}

/// `puzzel-call install`: become the desktop's handler of tel: and callto: links.
enum InstallCommand: Command {
    /// What the keyboard shortcut runs after the program's path: the selection, told through the desktop.
    static let shortcutCommand = " selection " + CallCommand.fromDesktop

    static let spec = CommandSpec(
        name: "install",
        usage:
            "puzzel-call install [--system [--trusted-origin URL]... | --prefix DIR | --default-only] [--shortcut [KEYS]]",
        summary: "Install this program as the handler of tel: and callto: links.",
        options: scopeOptions + [
            .init(
                name: "--default-only", value: nil,
                help: "Only make the installed package's entry your default for tel: and callto:."),
            .init(
                name: "--trusted-origin", value: "URL",
                help: "With --system: your CRM's origin, whose pages open the links unasked (repeatable)."),
            .init(
                name: "--shortcut", value: nil,
                help:
                    "Also add a GNOME keyboard shortcut for `puzzel-call selection` (KEYS: \(KeyboardShortcut.defaultKeys))."
            ),
        ],
        details: """
            Copies this binary, writes puzzel-call.desktop with its absolute path, makes it the default
            for tel: and callto: (xdg-mime, or mimeapps.list when xdg-utils is missing), remembers the
            previous handlers for uninstall, and refreshes the desktop database. Running it again changes
            nothing. Install the self-contained build (scripts/build-release or the .deb): a binary that
            loads Swift's runtime from the toolchain does not start on a desktop without it.

            --trusted-origin https://crm.example.com writes the managed policy AutoLaunchProtocolsFromOrigins
            to /etc/chromium/policies/managed/ and /etc/opt/chrome/policies/managed/: a click on that
            origin's pages calls at once, and every other site still asks. Name exactly your CRM's
            origins (scheme://host[:port]); a page that may open the links unasked can call without a click.

            --shortcut (for this user) adds a GNOME custom keyboard shortcut, KEYS as GNOME writes them
            (e.g. '<Primary><Alt>p'), that runs `puzzel-call selection`: select a number anywhere and press it.
            """,
        positionals: 0...1)

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        let registration = HandlerRegistration(scope: try scope(arguments), environment: console.environment)
        let origins = try trustedOrigins(arguments, registration.scope)
        let shortcutKeys = try shortcutKeys(arguments, registration)
        if arguments.has("--default-only") {
            guard case .user = registration.scope else { throw UsageError("install: --default-only stands alone") }
            let steps: [String]
            do { steps = try registration.makeDefaultOnly() } catch { throw InstallFailure(message: error.description) }
            present(steps, warnings: [], registration, arguments, console)
            return .success
        }
        guard let binary = HandlerRegistration.runningBinaryPath else {
            throw InstallFailure(message: "cannot tell where this program is (/proc/self/exe)")
        }
        var steps: [String]
        do {
            steps = try registration.install(binary: binary)
            if !origins.isEmpty { steps += try registration.trustOrigins(origins) }
        } catch {
            throw InstallFailure(message: error.description)
        }
        if let shortcutKeys {
            let shortcut = KeyboardShortcut(environment: console.environment)
            do {
                steps += try shortcut.install(
                    keys: shortcutKeys, command: registration.binaryPath + Self.shortcutCommand)
            } catch {
                throw InstallFailure(message: error.description)
            }
        }
        let toolchain = RuntimeLibraries.fromToolchain()
        let warnings =
            toolchain.isEmpty
            ? []
            : [
                "this build loads Swift's runtime from \(toolchain[0]) and will not start where the Swift "
                    + "toolchain is missing; install the self-contained build from scripts/build-release"
            ]
        present(steps, warnings: warnings, registration, arguments, console)
        return .success
    }

    /// The keys of `--shortcut [KEYS]`; nil without `--shortcut`.
    private static func shortcutKeys(_ arguments: ParsedArguments, _ registration: HandlerRegistration)
        throws(UsageError) -> String?
    {
        guard arguments.has("--shortcut") else {
            guard arguments.positionals.isEmpty else { throw UsageError("install: KEYS go with --shortcut") }
            return nil
        }
        guard case .user = registration.scope, !arguments.has("--default-only") else {
            throw UsageError(
                "install: --shortcut is for this user only: use it without --system, --prefix and --default-only")
        }
        let keys = arguments.positionals.first ?? KeyboardShortcut.defaultKeys
        guard KeyboardShortcut.isAccelerator(keys) else {
            throw UsageError(
                "install: \(keys.escapedForDisplay) is not a shortcut as GNOME writes them, e.g. '<Primary><Alt>p'")
        }
        return keys
    }
}

/// The origins of `--trusted-origin`, each checked; only a system installation writes browser policies.
private func trustedOrigins(_ arguments: ParsedArguments, _ scope: HandlerRegistration.Scope)
    throws(UsageError) -> [TrustedOrigin]
{
    let values = arguments.allValues["--trusted-origin"] ?? []
    guard !values.isEmpty else { return [] }
    guard scope == .system else {
        throw UsageError("install: --trusted-origin writes a policy for every user, so it needs --system")
    }
    var origins: [TrustedOrigin] = []
    for value in values {
        do { origins.append(try TrustedOrigin(parsing: value)) } catch {
            throw UsageError("install: --trusted-origin \(error.description)")
        }
    }
    return origins
}

/// `puzzel-call uninstall`: remove what `install` added and give the links back to their previous handlers.
enum UninstallCommand: Command {
    static let spec = CommandSpec(
        name: "uninstall", usage: "puzzel-call uninstall [--system | --prefix DIR]",
        summary: "Remove what install added and restore the previous handlers.",
        options: scopeOptions,
        details: "Handlers chosen since install are left as they are.",
        positionals: 0...0)

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        let registration = HandlerRegistration(scope: try scope(arguments), environment: console.environment)
        var steps: [String]
        do { steps = try registration.uninstall() } catch { throw InstallFailure(message: error.description) }
        if case .user = registration.scope {
            // Off GNOME there is no shortcut of ours to remove.
            steps += (try? KeyboardShortcut(environment: console.environment).uninstall()) ?? []
        }
        present(steps, warnings: [], registration, arguments, console)
        return .success
    }
}

/// `puzzel-call doctor`: checks every link of the chain a click takes, one line each.
enum DoctorCommand: Command {
    static let spec = CommandSpec(
        name: "doctor", usage: "puzzel-call doctor [--online] [--json]",
        summary: "Check the installation, the configuration and the desktop, and say how to fix what is wrong.",
        options: [
            .init(name: "--online", value: nil, help: "Also sign in to Puzzel and read your state."),
            CommandSpec.jsonOption, CommandSpec.verboseOption,
        ],
        details: "The exit status is 0 when every check passes, 1 when any fails.",
        positionals: 0...0)

    static func run(_ arguments: ParsedArguments, console: Console) async throws -> ExitStatus {
        var checks = DesktopChecks(environment: console.environment).all()
        checks += BrowserChecks(environment: console.environment).all()
        checks += ConfigurationChecks(environment: console.environment, keyring: Keyring.lookup(console)).all()
        if let library = RuntimeLibraries.fromToolchain().first {
            checks.append(
                .failed(
                    "self-contained", "this build loads Swift's runtime from \(library)",
                    fix: "install the self-contained build (scripts/build-release or the .deb)"))
        }
        checks.append(shortcutCheck(console))
        if arguments.has("--online") { checks.append(await signInCheck(console, trace: console.trace(arguments))) }
        if arguments.has("--json") {
            console.printJSON(DoctorReport(ok: checks.allSatisfy(\.ok), checks: checks.map(DoctorReport.Check.init)))
        } else {
            for check in checks {
                console.print(check.ok ? "✓ \(check.description)" : "✗ \(check.description) — \(check.fix ?? "")")
            }
        }
        return checks.allSatisfy(\.ok) ? .success : .checksFailed
    }

    /// The keyboard shortcut is optional: the check says what it is, and fails only when it runs something else.
    private static func shortcutCheck(_ console: Console) -> DoctorCheck {
        let binding: KeyboardShortcut.Binding?
        do { binding = try KeyboardShortcut(environment: console.environment).current() } catch {
            return .passed(
                "shortcut", "no GNOME keyboard settings here: see the README to bind `puzzel-call selection`")
        }
        guard let binding else {
            return .passed("shortcut", "no keyboard shortcut (optional: `puzzel-call install --shortcut`)")
        }
        guard binding.command.hasSuffix("puzzel-call" + InstallCommand.shortcutCommand) else {
            return .failed(
                "shortcut", "the keyboard shortcut \(binding.keys) runs \(binding.command.escapedForDisplay)",
                fix: "run `puzzel-call install --shortcut \(binding.keys)`")
        }
        return .passed("shortcut", "the keyboard shortcut \(binding.keys) calls the selected number")
    }

    private static func signInCheck(_ console: Console, trace: HTTPTrace?) async -> DoctorCheck {
        do {
            let status = try await console.account(try console.configuration(), trace: trace).signedIn()
            return .passed("sign-in", "signed in to Puzzel as \(status.user)")
        } catch let failure as any UserFacingError {
            return .failed("sign-in", failure.message, fix: "run `puzzel-call login`")
        } catch {
            return .failed("sign-in", "\(error)", fix: "run `puzzel-call login`")
        }
    }

    private struct DoctorReport: Encodable {
        struct Check: Encodable {
            let name: String
            let ok: Bool
            let description: String
            let fix: String?

            init(_ check: DoctorCheck) {
                (name, ok, description, fix) = (check.name, check.ok, check.description, check.fix)
            }
        }

        let ok: Bool
        let checks: [Check]
    }
}
