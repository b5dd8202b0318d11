import CallFlow
import Desktop
import PuzzelAPI
import SystemSupport

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

    struct Options: CommandOptions {
        let online: Bool
        let json: Bool
        let verbose: Bool

        init(_ arguments: ParsedArguments) {
            online = arguments.has("--online")
            json = arguments.has("--json")
            verbose = arguments.has(CommandSpec.verboseOption.name)
        }
    }

    static func run(_ options: Options, console: Console) async throws -> ExitStatus {
        // The checks run programs (xdg-mime, gio, gsettings, the keyring): they wait on a thread of their own.
        var checks = await DedicatedThread.run { localChecks(console) }
        if let blocked = await rejectedPasswordCheck(console) { checks.append(blocked) }
        if options.online { checks.append(await signInCheck(console, trace: console.trace(verbose: options.verbose))) }
        if options.json {
            console.printJSON(DoctorReport(ok: checks.allSatisfy(\.ok), checks: checks.map(DoctorReport.Check.init)))
        } else {
            for check in checks {
                console.print(check.ok ? "✓ \(check.description)" : "✗ \(check.description) — \(check.fix ?? "")")
            }
        }
        return checks.allSatisfy(\.ok) ? .success : .checksFailed
    }

    /// Every check that needs no network, in the order they are shown.
    private static func localChecks(_ console: Console) -> [DoctorCheck] {
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
        return checks
    }

    /// A password Puzzel rejected stops every click without being sent, however well the rest is set up.
    private static func rejectedPasswordCheck(_ console: Console) async -> DoctorCheck? {
        guard let configuration = try? console.configuration(),
            await console.account(configuration).isBlockedByRejectedPassword()
        else { return nil }
        return .failed(
            "rejected-password", "Puzzel rejected the password kept for you, so every click stops without sending it",
            fix: "choose “Sign in to Puzzel” in the application menu, or run `puzzel-call login`")
    }

    /// The keyboard shortcut is optional: the check says what it is, and fails only when it runs something else.
    private static func shortcutCheck(_ console: Console) -> DoctorCheck {
        let binding: KeyboardShortcut.Binding?
        do { binding = try KeyboardShortcut(environment: console.environment).current() } catch {
            return .passed(
                "shortcut", "no keyboard settings puzzel-call can read here: bind `puzzel-call selection` yourself")
        }
        guard let binding else {
            return .passed("shortcut", "no keyboard shortcut (optional: `puzzel-call install --shortcut`)")
        }
        // Any puzzel-call will do: the one installed for this user, or the system's.
        guard let arguments = binding.arguments, arguments.first?.split(separator: "/").last == "puzzel-call",
            Array(arguments.dropFirst()) == InstallCommand.shortcutArguments
        else {
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
