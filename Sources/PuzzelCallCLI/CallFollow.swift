import CallFlow
import Glibc
import Localization
import PhoneNumbers
import SystemSupport

/// Follows a placed call (`--follow`) and tells each stage: a line at the terminal, an object with `--json`,
/// and from the desktop in place of the click's own notification (it is about the same number). The call's
/// last stage goes into its history entry.
struct CallFollow {
    let console: Console
    let configuration: Configuration
    let json: Bool

    /// What the desktop's click starts its follow with: fixed words only, the number comes on standard input.
    static let detachedArguments = ["follow-call", CallCommand.fromDesktop]

    /// The follow the desktop's click started: reads the number from standard input, and tells each stage in
    /// the click's notification. Its reads are bounded as every follow's; a read that hangs cannot keep it
    /// either: the alarm ends the process once the longest follow (30 reads 2 s apart, or `followSeconds`)
    /// and one read's `timeoutSeconds` are over.
    static func detached(console: Console) async -> ExitStatus {
        console.fromDesktop = true
        guard let line = console.nextInputLine(), let configuration = try? console.configuration(),
            let (number, _) = try? Click.read(line, configuration: configuration, force: true)
        else { return .usage }
        alarm(UInt32(max(configuration.followSeconds, 60) + configuration.timeoutSeconds + 1))
        await CallFollow(console: console, configuration: configuration, json: false).follow(
            number, destination: number.destination(configuration.destinationFormat))
        return .success
    }

    func follow(_ number: PhoneNumber, destination: String) async {
        let context = console.context()
        let follower = CallFollower(configuration: configuration, context: context, sleep: console.pause)
        let progress = await follower.follow { stage in
            let notice = Self.notice(for: stage, number: number, in: console.language)
            if json {
                console.printJSON(StageLine(stage))
            } else {
                console.print(notice.summary)
            }
            await console.tell(notice)
        }
        let history = CallHistory(directory: XDGDirectories(environment: console.environment).stateDirectory)
        do { try history.record(progress, ofCallTo: destination) } catch {
            console.warning("the history was not updated: \(error)")
        }
    }

    /// The notice for `stage`, in `language`.
    static func notice(for stage: CallStage, number: PhoneNumber, in language: Language) -> Notice {
        var lines: [FollowText] = []
        let summary: FollowText
        switch stage {
        case .ringing: summary = .ringing(number)
        case .connected: summary = .inCall(number)
        case .ended: summary = .ended(number)
        case .notAnswered(let loggedOff):
            summary = .notAnswered(number)
            if loggedOff { lines.append(.loggedOffForNoAnswer) }
        case .puzzelSays(let status): summary = .puzzelShows(status: status.escapedForDisplay)
        }
        let body = lines.map { $0.text(in: language) } + [ClickText.about(number).text(in: language)]
        return Notice(summary: summary.text(in: language), body: body.joined(separator: "\n"), subject: number.e164)
    }

    /// A stage as `--follow --json` prints it: `callProgress` as the history records it, and Puzzel's own
    /// status where it is one puzzel-call does not know.
    struct StageLine: Encodable {
        let callProgress: String
        let loggedOff: Bool?
        let puzzelStatus: String?

        init(_ stage: CallStage) {
            callProgress = stage.progress.rawValue
            if case .notAnswered(let loggedOff) = stage { self.loggedOff = loggedOff } else { loggedOff = nil }
            if case .puzzelSays(let status) = stage { puzzelStatus = status } else { puzzelStatus = nil }
        }
    }
}
