import CallFlow
import Desktop
import Localization
import SystemSupport

/// Signs the agent in from the desktop, with no terminal: a password dialog, and the password kept where a
/// click looks for it — the desktop keyring, else the user's own config file (0600). The password goes from
/// the dialog's standard output to `secret-tool`'s standard input: never on a command line.
struct DesktopSignIn {
    let console: Console
    let configuration: Configuration
    static let actionKey = "sign-in"

    /// Whether a password typed here would be the one a click sends: not when `PUZZEL_PASSWORD` or
    /// `passwordCommand` wins over the keyring, nor for Puzzel ID's client secret.
    var canHelp: Bool {
        !configuration.usesPuzzelID && configuration.passwordCommand == nil && configuration.customerKey != nil
            && configuration.userName != nil && console.environment["PUZZEL_PASSWORD"].map(\.isEmpty) != false
    }

    /// Asks for the password and keeps it; false when the agent cancelled, no dialog could ask, or it could not
    /// be kept. The dialog waits on a thread of its own.
    func askAndKeep() async -> Bool {
        guard canHelp, let customerKey = configuration.customerKey, let userName = configuration.userName else {
            return false
        }
        let question = SignInText.passwordQuestion(
            user: userName.escapedForDisplay, customerKey: customerKey.escapedForDisplay
        ).text(in: console.language)
        let password = await DedicatedThread.run { [environment = console.environment] in
            PasswordDialog.ask(question, environment)
        }
        guard let password, !password.isEmpty else { return false }
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
}

/// A password dialog of the desktop's: zenity, else kdialog. The password is read from the dialog's standard
/// output; nil when the agent cancelled or neither is installed.
enum PasswordDialog {
    static func ask(_ question: String, _ environment: [String: String]) -> String? {
        let dialogs = [
            ("zenity", ["--entry", "--hide-text", "--title=Puzzel Call", "--text=\(question)"]),
            ("kdialog", ["--title", "Puzzel Call", "--password", question]),
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
