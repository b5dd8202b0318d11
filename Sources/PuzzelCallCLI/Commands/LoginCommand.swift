import CallFlow
import FoundationEssentials
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
            .init(
                name: "--browser", value: nil,
                help: "Sign in with Puzzel ID in your web browser (needs idClientId; the default when it is set)."),
            CommandSpec.jsonOption, CommandSpec.verboseOption,
            .init(
                name: CallCommand.fromDesktop, value: nil,
                help: "Ask for the password in a dialog, and tell the outcome as a notification (the menu's "
                    + "“Sign in to Puzzel”)."),
        ],
        details: "The password is stored in the desktop's keyring when there is one, never printed. The browser "
            + "sign-in keeps its tokens in the keyring only.",
        positionals: 0...0)

    struct Options: CommandOptions {
        /// `--customer-key` and `--user`, as the configuration's last layer.
        let settings: [ConfigurationLoader.Setting]
        let passwordFromStandardInput: Bool
        let browser: Bool
        let json: Bool
        let verbose: Bool

        init(_ arguments: ParsedArguments) {
            settings = arguments.settings(["--customer-key": "customerKey", "--user": "userName"])
            passwordFromStandardInput = arguments.has("--password-stdin")
            browser = arguments.has("--browser")
            json = arguments.has("--json")
            verbose = arguments.has(CommandSpec.verboseOption.name)
        }
    }

    /// What was asked for at the terminal or read from standard input.
    private struct Answers: Sendable {
        var configuration: Configuration
        /// What was given or asked for here, kept in the user's config for the clicks to come.
        var remembered: [Setting]
        var typedPassword: String?
    }

    private typealias Setting = (key: String, value: String?)

    static func run(_ options: Options, console: Console) async throws -> ExitStatus {
        let configuration = try console.configuration(options.settings)
        if console.fromDesktop {
            return await DesktopSignIn(console: console, configuration: configuration).fromMenu {
                try console.configuration(options.settings)
            }
        }
        if options.browser || configuration.usesBrowserSignIn {
            return try await signInWithBrowser(configuration, options, console)
        }
        // A person at the terminal, or standard input, is waited for on a thread of their own.
        let answers = try await DedicatedThread.run {
            Result { try askForWhatIsMissing(in: configuration, options, console) }
        }.get()
        let status = try await console.account(
            answers.configuration, typedPassword: answers.typedPassword, trace: console.trace(verbose: options.verbose)
        ).logIn()

        var notes: [AccountText] = []
        var remembered = answers.remembered
        if let typedPassword = answers.typedPassword {
            if await Keyring.store(typedPassword, customerKey: status.customerKey, userName: status.user, console) {
                notes.append(.passwordInKeyring)
                remembered.append(("password", nil))
            } else {
                remembered.append(("password", typedPassword))
            }
        }
        let configFile = UserConfigFile(environment: console.environment)
        if !remembered.isEmpty {
            try configFile.update(remembered)
            if remembered.contains(where: { $0.key == "password" && $0.value != nil }) {
                notes.append(.passwordInConfigFile(path: configFile.path.escapedForDisplay))
            }
        }
        if options.json {
            console.printJSON(status)
        } else {
            console.print(
                .signedIn(user: status.user.escapedForDisplay, customerKey: status.customerKey.escapedForDisplay))
            notes.forEach { console.print($0) }
        }
        return .success
    }

    /// `login --browser`: Puzzel ID in the system browser; nothing is asked at the terminal.
    private static func signInWithBrowser(_ configuration: Configuration, _ options: Options, _ console: Console)
        async throws -> ExitStatus
    {
        let status = try await console.account(configuration, trace: console.trace(verbose: options.verbose))
            .logInWithBrowser(language: console.language) { [console] in
                console.warn($0.text(in: console.language))
            }
        if options.json {
            console.printJSON(status)
        } else {
            console.print(
                .signedIn(user: status.user.escapedForDisplay, customerKey: status.customerKey.escapedForDisplay))
        }
        return .success
    }

    private static func askForWhatIsMissing(in configured: Configuration, _ options: Options, _ console: Console)
        throws -> Answers
    {
        var answers = Answers(
            configuration: configured, remembered: options.settings.map { ($0.key, $0.value) }, typedPassword: nil)
        if configured.customerKey == nil {
            let customerKey = try ask(console, .customerKeyQuestion, missing: "--customer-key")
            answers.configuration.customerKey = customerKey
            answers.remembered.append(("customerKey", customerKey))
        }
        if configured.userName == nil && !configured.usesPuzzelID {
            let userName = try ask(console, .userNameQuestion, missing: "--user")
            answers.configuration.userName = userName
            answers.remembered.append(("userName", userName))
        }
        answers.typedPassword = try password(for: answers.configuration, options, console)
        return answers
    }

    private static func ask(_ console: Console, _ question: AccountText, missing option: String) throws -> String {
        // The setting as the English question names it ("Puzzel customer key"), for the error that says how to
        // give it.
        let what = String(question.text(in: .english).dropLast(2))
        guard let answer = try answer(console, question, naming: what, secret: false) else {
            throw ConfigurationError("login: \(what) is not configured; give \(option)")
        }
        return answer
    }

    static let tries = 3

    /// Asks until something is typed, `tries` times at most: an empty answer is a slip of the Enter key.
    /// Nil when there is no terminal to ask at.
    private static func answer(_ console: Console, _ question: AccountText, naming what: String, secret: Bool)
        throws(UsageError) -> String?
    {
        for _ in 0..<tries {
            guard let typed = console.ask(question.text(in: console.language), secret) else { return nil }
            let answer = secret ? typed : typed.trimmed
            if !answer.isEmpty { return answer }
        }
        throw UsageError("login: no \(what) was typed in \(tries) tries")
    }

    /// The password to sign in with: read from standard input, or asked for at the terminal. Nil leaves it
    /// to the configured sources: `PUZZEL_PASSWORD` and `passwordCommand` are managed elsewhere, and a
    /// script without a terminal relies on them.
    private static func password(for configuration: Configuration, _ options: Options, _ console: Console)
        throws -> String?
    {
        if options.passwordFromStandardInput {
            guard let line = console.nextInputLine(), !line.isEmpty else {
                throw UsageError("login: --password-stdin found no password on standard input")
            }
            return line
        }
        let managedElsewhere =
            configuration.usesPuzzelID || configuration.passwordCommand != nil
            || console.environment["PUZZEL_PASSWORD"].map { !$0.isEmpty } == true
        if managedElsewhere { return nil }
        let question = AccountText.passwordQuestion(user: configuration.userName!.escapedForDisplay)
        if let typed = try answer(console, question, naming: "password", secret: true) { return typed }
        // No terminal: a password kept before (the keyring, a private config file) is checked again;
        // without one, the way to give it is named rather than the command that just failed.
        guard configuration.password == nil, !hasKeyringPassword(configuration, console) else { return nil }
        throw ConfigurationError(
            "login: there is no terminal to ask for the password at: give it on standard input with "
                + "`puzzel-call login --password-stdin`, or sign in from the desktop (“Sign in to Puzzel” in the "
                + "application menu, or `puzzel-call login --from-desktop`)")
    }

    /// Whether the keyring holds a password for the account; a keyring that does not answer in a few
    /// seconds counts as holding one, so the sign-in says what is wrong with it.
    private static func hasKeyringPassword(_ configuration: Configuration, _ console: Console) -> Bool {
        let lookup = Keyring.lookup(console)
        do {
            return try lookup(
                configuration.customerKey!, configuration.userName!, Date(timeIntervalSinceNow: 5)) != nil
        } catch {
            return true
        }
    }
}
