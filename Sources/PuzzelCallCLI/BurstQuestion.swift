import CallFlow
import Desktop
import PhoneNumbers
import SystemSupport

/// Asks the agent whether a number beyond `burstLimit` within 10 s is theirs to call: a web page allowed
/// to open `tel:` links can click them on its own. From the desktop the question is a notification with
/// a “Call” action, else a zenity or kdialog dialog; at a terminal it is asked there. No answer is a no.
struct BurstQuestion {
    let console: Console
    let limit: Int
    static let callKey = "call"

    private var question: String {
        "That makes \(limit + 1) different numbers within \(Int(BurstGuard.window)) s: a web page may be clicking "
            + "phone links for you."
    }

    func ask(_ number: PhoneNumber) -> Bool {
        guard console.fromDesktop else {
            let answer = console.ask("\(question) Call \(number.international)? [y/N] ", false)?.trimmed.lowercased()
            return answer == "y" || answer == "yes"
        }
        let notice = Notice(
            summary: "Call \(number.international)?", body: "\(question)\nChoose “Call” only if you clicked it.",
            isFailure: false, subject: number.e164, actions: [Notifier.Action(key: Self.callKey, label: "Call")])
        switch console.tell(notice) {
        case .chosen(let key): return key == Self.callKey
        case .shown: return false
        // The dialog's text is on its command line: it names no number.
        case .notShown: return QuestionDialog.ask("\(question) Call the number you clicked last?", console.environment)
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
