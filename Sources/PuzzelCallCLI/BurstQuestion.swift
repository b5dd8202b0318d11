import CallFlow
import Desktop
import Localization
import PhoneNumbers
import SystemSupport

/// Asks the agent whether a number beyond `burstLimit` within a minute is theirs to call: a web page allowed
/// to open `tel:` links can click them on its own. From the desktop the question is a notification with
/// a “Call” action, else a zenity or kdialog dialog; at a terminal it is asked there. Each speaks the agent's
/// language. No answer is a no.
struct BurstQuestion {
    let console: Console
    static let callKey = "call"
    /// A yes at the terminal, in English or in the agent's own words.
    static let yes: Set<String> = ["y", "yes", "j", "ja", "k", "kyllä"]

    /// Whether the agent said yes; the question waits on a thread of its own.
    /// - Parameter numbers: how many different numbers were clicked this minute, this one included.
    func ask(_ number: PhoneNumber, numbers: Int) async -> Bool {
        let question = ClickText.burstQuestion(numbers: numbers, seconds: Int(BurstGuard.window))
        let language = console.language
        guard console.fromDesktop else {
            let asked = "\(question.text(in: language)) \(ClickText.callQuestion(number).text(in: language)) [y/N] "
            let answer = await DedicatedThread.run { [console] in console.ask(asked, false) }?.trimmed.lowercased()
            return answer.map(Self.yes.contains) ?? false
        }
        let notice = Notice(
            summary: ClickText.callQuestion(number).text(in: language),
            body: "\(question.text(in: language))\n\(ClickText.onlyIfYouClicked.text(in: language))",
            subject: number.e164,
            actions: [Notifier.Action(key: Self.callKey, label: ClickText.call.text(in: language))])
        switch await console.tell(notice) {
        case .chosen(let key): return key == Self.callKey
        case .shown: return false
        // The dialog's text is on its command line: it names no number.
        case .notShown:
            let dialog = "\(question.text(in: language)) \(ClickText.callLastClicked.text(in: language))"
            return await DedicatedThread.run { [environment = console.environment] in
                QuestionDialog.ask(dialog, environment)
            }
        }
    }
}

/// A yes-or-no question in a dialog of the desktop's: zenity, else kdialog; no when neither is installed.
enum QuestionDialog {
    static func ask(_ question: String, _ environment: [String: String]) -> Bool {
        let dialogs = [
            ("zenity", ["--question", "--title=Puzzel Call", "--text=\(question)"]),
            ("kdialog", ["--title", "Puzzel Call", "--yesno", question]),
        ]
        for (tool, arguments) in dialogs where Subprocess.find(tool, environment: environment) != nil {
            let output = try? Subprocess.run(
                tool, arguments, environment: environment, timeout: .seconds(Int64(Notice.choiceTime)))
            return output?.succeeded == true
        }
        return false
    }
}
