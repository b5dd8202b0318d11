import CallFlow
import Desktop
import Localization
import SystemSupport

/// Signs the agent in from the desktop, with no terminal: a password dialog, and the password kept where a
/// click looks for it — the desktop keyring, else the user's own config file (0600). The password goes from
/// the dialog's standard output to `secret-tool`'s standard input: never on a command line. A tenant with a
/// Puzzel ID client (`idClientId`) signs in in the system browser instead, and no password is asked for.
struct DesktopSignIn {
    let console: Console
    let configuration: Configuration
    static let actionKey = "sign-in"

    /// Whether the dialog can give a click what it lacks: the customer key and user name (not for a Puzzel ID
    /// client), and a password that is the one a click sends.
    var canHelp: Bool {
        configuration.usesBrowserSignIn
            || !configuration.usesPuzzelID
                && (configuration.customerKey == nil || configuration.userName == nil
                    || configuration.sendsKeptPassword(environment: console.environment))
    }

    /// The application menu's “Sign in to Puzzel” (`login --from-desktop`): the dialog, then a sign-in as a click
    /// makes — never with a password Puzzel rejected — told as a notification that offers the dialog again when
    /// Puzzel turns the password down.
    /// - Parameter reload: the configuration as the kept password leaves it.
    func fromMenu(reload: @escaping @Sendable () throws -> Configuration) async -> ExitStatus {
        // Where a dialog cannot change the password (`PUZZEL_PASSWORD`, `passwordCommand`, Puzzel ID), the
        // sign-in is checked as it stands; the browser's sign-in is itself the check.
        if canHelp && !configuration.usesBrowserSignIn {
            guard await askAndKeep() else { return .signInFailed }
        }
        let configuration = (try? reload()) ?? configuration
        let language = console.language
        var notice = Notice(summary: SignInText.signInToPuzzel.text(in: language), body: "")
        let status: ExitStatus
        do {
            let account = console.account(configuration)
            let signedIn =
                configuration.usesBrowserSignIn
                ? try await account.logInWithBrowser(language: language) : try await account.signedIn()
            notice.summary = AccountText.signedIn(
                user: signedIn.user.escapedForDisplay, customerKey: signedIn.customerKey.escapedForDisplay
            ).text(in: language)
            status = .success
        } catch {
            notice.body = error.click.text(in: language).asSentence
            if error.signInHelps {
                notice.actions = [Notifier.Action(key: Self.actionKey, label: SignInText.signIn.text(in: language))]
            }
            status = error.exitStatus
        }
        guard await console.tell(notice) == .chosen(Self.actionKey) else { return status }
        return await DesktopSignIn(console: console, configuration: configuration).fromMenu(reload: reload)
    }

    /// Asks for what is missing — the customer key and user name, kept in the user's config file — and the
    /// password, kept in the keyring; false when the agent cancelled, no dialog could ask, or nothing could be
    /// kept. The dialogs wait on a thread of their own.
    func askAndKeep() async -> Bool {
        guard canHelp else { return false }
        if configuration.usesBrowserSignIn {
            do {
                _ = try await console.account(configuration).logInWithBrowser(language: console.language)
                return true
            } catch {
                console.warning(error.message)
                return false
            }
        }
        var (customerKey, userName) = (configuration.customerKey, configuration.userName)
        if customerKey == nil {
            customerKey = await askAndRemember("customerKey", .customerKeyQuestion)
            guard customerKey != nil else { return false }
        }
        if userName == nil {
            userName = await askAndRemember("userName", .userNameQuestion)
            guard userName != nil else { return false }
        }
        guard configuration.sendsKeptPassword(environment: console.environment),
            let customerKey, let userName
        else { return true }
        let question = SignInText.passwordQuestion(
            user: userName.escapedForDisplay, customerKey: customerKey.escapedForDisplay
        ).text(in: console.language)
        guard let password = await ask(question, hidden: true), !password.isEmpty else { return false }
        console.secrets.insert(password)
        if await Keyring.store(password, customerKey: customerKey, userName: userName, console) { return true }
        do {
            try UserConfigFile(environment: console.environment).update([("password", password)])
            return true
        } catch {
            console.warning("the password was not kept: \(error)")
            return false
        }
    }

    /// Asks for a setting of the account, and keeps it in the user's config file for the clicks to come.
    private func askAndRemember(_ key: String, _ question: AccountText) async -> String? {
        guard let answer = await ask(question.text(in: console.language).trimmed, hidden: false)?.trimmed,
            !answer.isEmpty, (try? UserConfigFile(environment: console.environment).update([(key, answer)])) != nil
        else { return nil }
        return answer
    }

    private func ask(_ question: String, hidden: Bool) async -> String? {
        await DedicatedThread.run { [environment = console.environment] in
            EntryDialog.ask(question, hidden: hidden, environment)
        }
    }
}

/// A dialog of the desktop's that asks for one line: zenity, else kdialog. The answer is read from the dialog's
/// standard output, never given on a command line; nil when the agent cancelled or neither is installed.
enum EntryDialog {
    /// - Parameter hidden: the answer is a password: what is typed is not shown.
    static func ask(_ question: String, hidden: Bool, _ environment: [String: String]) -> String? {
        let dialogs = [
            ("zenity", ["--entry"] + (hidden ? ["--hide-text"] : []) + ["--title=Puzzel Call", "--text=\(question)"]),
            ("kdialog", ["--title", "Puzzel Call", hidden ? "--password" : "--inputbox", question]),
        ]
        for (tool, arguments) in dialogs where Subprocess.find(tool, environment: environment) != nil {
            guard
                let output = try? Subprocess.run(
                    tool, arguments, environment: environment, timeout: .seconds(Int64(Notice.choiceTime))),
                output.succeeded
            else { return nil }
            return output.standardOutputText.split(separator: "\n", omittingEmptySubsequences: false).first.map(
                String.init)
        }
        return nil
    }
}
