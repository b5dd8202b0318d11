import CallFlow
import Desktop
import SystemSupport

/// `puzzel-call install`: become the desktop's handler of tel: and callto: links.
enum InstallCommand: Command {
    /// What the keyboard shortcut runs after the program's path: the selection, told through the desktop.
    static let shortcutArguments = ["selection", CallCommand.fromDesktop]

    static let spec = CommandSpec(
        name: "install",
        usage:
            "puzzel-call install [--system [--policy-only] [--trusted-origin URL]... | --prefix DIR [--root STAGE] | --default-only] [--shortcut [KEYS]]",
        summary: "Install this program as the handler of tel: and callto: links.",
        options: Installation.scopeOptions + [
            .init(
                name: "--default-only", value: nil,
                help: "Only make the installed package's entry your default for tel: and callto:."),
            .init(
                name: "--trusted-origin", value: "URL",
                help: "With --system: your CRM's origin, whose pages open the links unasked (repeatable)."),
            .init(
                name: "--policy-only", value: nil,
                help: "With --system and --trusted-origin: write the browser policy and nothing else."),
            .init(
                name: "--root", value: "STAGE",
                help: "With --prefix: stage the files below STAGE, naming their final paths; no record, no defaults."),
            .init(
                name: "--shortcut", value: nil,
                help:
                    "Also add a keyboard shortcut for `puzzel-call selection` (KEYS: \(KeyboardShortcut.defaultKeys))."
            ),
        ],
        details: """
            Copies this binary, writes puzzel-call.desktop with its absolute path, makes it the default
            for tel: and callto: (xdg-mime, or mimeapps.list when xdg-utils is missing), remembers the
            previous handlers for uninstall, and refreshes the desktop database. Running it again changes
            nothing. Install the self-contained build (scripts/build-release or the .deb): a binary that
            loads Swift's runtime from the toolchain does not start on a desktop without it.

            --system where the Debian package owns /usr/bin/puzzel-call copies no program and writes no
            file of the package's: it sets only the default in /etc/xdg/mimeapps.list (and the policy).
            uninstall removes only the files install wrote that still hold what it wrote.

            --trusted-origin https://crm.example.com writes the managed policy AutoLaunchProtocolsFromOrigins
            to /etc/chromium/policies/managed/ and /etc/opt/chrome/policies/managed/: a click on that
            origin's pages calls at once, and every other site still asks. Name exactly your CRM's
            origins (scheme://host[:port]); a page that may open the links unasked can call without a click.
            With --policy-only, that policy is all it writes.

            --prefix /usr --root STAGE (for packagers) writes STAGE/usr/bin/puzzel-call, the desktop entry and
            the icon, with Exec=/usr/bin/puzzel-call in the entry, and nothing in your home.

            --shortcut (for this user) adds a custom keyboard shortcut, KEYS as GTK writes them (e.g.
            '<Primary><Alt>p'), that runs `puzzel-call selection`: select a number anywhere and press it. It is
            written where the desktop of XDG_CURRENT_DESKTOP keeps its own: GNOME, Cinnamon and MATE (gsettings),
            Xfce (xfconf-query), KDE Plasma (kwriteconfig6 or kwriteconfig5); on any other desktop the command line
            to bind is printed.
            """,
        positionals: 0...1)

    struct Options: CommandOptions {
        let scope: HandlerRegistration.Scope
        let trustedOrigins: [TrustedOrigin]
        /// `--policy-only`: the browser policy of `trustedOrigins`, nothing else.
        let policyOnly: Bool
        /// `--root DIR`: the packager's staging folder below which the `--prefix` tree is written.
        let stagingRoot: String?
        /// The keys of `--shortcut [KEYS]`; nil without `--shortcut`.
        let shortcutKeys: String?
        let defaultOnly: Bool
        let json: Bool

        init(_ arguments: ParsedArguments) throws(UsageError) {
            scope = try Installation.scope(arguments)
            defaultOnly = arguments.has("--default-only")
            trustedOrigins = try Self.trustedOrigins(arguments, scope)
            policyOnly = arguments.has("--policy-only")
            if policyOnly && trustedOrigins.isEmpty {
                throw UsageError("install: --policy-only writes the policy of --trusted-origin: give one or more")
            }
            stagingRoot = try Self.stagingRoot(arguments, scope)
            shortcutKeys = try Self.shortcutKeys(arguments, scope, defaultOnly: defaultOnly)
            json = arguments.has("--json")
        }

        /// The keys of `--shortcut [KEYS]`; nil without `--shortcut`.
        private static func shortcutKeys(
            _ arguments: ParsedArguments, _ scope: HandlerRegistration.Scope, defaultOnly: Bool
        ) throws(UsageError) -> String? {
            guard arguments.has("--shortcut") else {
                guard arguments.positionals.isEmpty else { throw UsageError("install: KEYS go with --shortcut") }
                return nil
            }
            guard case .user = scope, !defaultOnly else {
                throw UsageError(
                    "install: --shortcut is for this user only: use it without --system, --prefix and --default-only")
            }
            let keys = arguments.positionals.first ?? KeyboardShortcut.defaultKeys
            guard KeyboardShortcut.isAccelerator(keys) else {
                throw UsageError(
                    "install: \(keys.escapedForDisplay) is not a shortcut as GTK writes them, e.g. '<Primary><Alt>p'")
            }
            return keys
        }

        /// `--root DIR`, only below an absolute `--prefix`: the prefix is where the files end up.
        private static func stagingRoot(_ arguments: ParsedArguments, _ scope: HandlerRegistration.Scope)
            throws(UsageError) -> String?
        {
            guard let root = arguments.values["--root"] else { return nil }
            guard case .prefix(let prefix) = scope, prefix.hasPrefix("/") else {
                throw UsageError("install: --root stages a --prefix tree: give an absolute --prefix, such as /usr")
            }
            guard !root.isEmpty else { throw UsageError("install: --root needs a folder") }
            return root.hasSuffix("/") ? String(root.dropLast()) : root
        }

        /// The origins of `--trusted-origin`, each checked; only a system installation writes browser policies.
        private static func trustedOrigins(_ arguments: ParsedArguments, _ scope: HandlerRegistration.Scope)
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
    }

    static func run(_ options: Options, console: Console) async throws -> ExitStatus {
        // Installing runs programs (xdg-mime, update-desktop-database, gsettings): on a thread of its own.
        try await DedicatedThread.run { Result { try install(options, console) } }.get()
    }

    private static func install(_ options: Options, _ console: Console) throws -> ExitStatus {
        let registration = HandlerRegistration(
            scope: options.scope, stagingRoot: options.stagingRoot, environment: console.environment)
        let (origins, shortcutKeys) = (options.trustedOrigins, options.shortcutKeys)
        if options.policyOnly {
            let steps: [String]
            do { steps = try registration.trustOrigins(origins) } catch {
                throw Installation.Failure(message: error.description)
            }
            Installation.present(steps, warnings: [], registration, json: options.json, console)
            return .success
        }
        if options.defaultOnly {
            guard case .user = registration.scope else { throw UsageError("install: --default-only stands alone") }
            let steps: [String]
            do { steps = try registration.makeDefaultOnly() } catch {
                throw Installation.Failure(message: error.description)
            }
            Installation.present(steps, warnings: [], registration, json: options.json, console)
            return .success
        }
        guard let binary = HandlerRegistration.runningBinaryPath else {
            throw Installation.Failure(message: "cannot tell where this program is (/proc/self/exe)")
        }
        var steps: [String]
        do {
            steps = try registration.install(binary: binary)
            if !origins.isEmpty { steps += try registration.trustOrigins(origins) }
        } catch {
            throw Installation.Failure(message: error.description)
        }
        if let shortcutKeys {
            let shortcut = KeyboardShortcut(environment: console.environment)
            do {
                steps += try shortcut.install(
                    keys: shortcutKeys, arguments: [registration.binaryPath] + Self.shortcutArguments)
            } catch {
                throw Installation.Failure(message: error.description)
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
        Installation.present(steps, warnings: warnings, registration, json: options.json, console)
        return .success
    }
}
