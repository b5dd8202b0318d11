import FakePuzzel
import Foundation
import Synchronization
import TestSupport

@testable import PuzzelCallCLI

/// Runs `puzzel-call` in-process with captured output, as a terminal or the desktop would.
struct CommandRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        var stdoutLines: [String] {
            stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
        }
    }

    let folder = TemporaryDirectory()
    var environment: [String: String] = [:]
    /// Answers to questions asked at the terminal; none by default, as when there is no terminal.
    var ask: @Sendable (String, Bool) -> String? = { _, _ in nil }
    /// Runs as the desktop entry does, with `--from-desktop`.
    var fromDesktop = false
    /// Whether the desktop shows notifications; what it was asked to show is in `notices`.
    var notificationsWork = true
    /// The key of the action the agent chooses on a notice that offers actions; nil closes it unanswered.
    var choose: @Sendable (Notice) -> String? = { _ in nil }
    let notices = Notices()
    /// The numbers whose follow a click from the desktop started.
    let follows = StartedFollows()
    /// The clock of clicks; nil is the real one.
    var now: Date?
    /// How a click waits before it shows its progress (`CallingNotice.delay`); by default the wait never ends
    /// by itself, so only the outcome is shown.
    var pause: @Sendable (Duration) async throws -> Void = { _ in try await Task.sleep(for: .seconds(3600)) }

    init() {
        environment = folder.environment
        // Tests click many different numbers within seconds: the burst guard's tests turn it on. A click has
        // an hour, which no test meets by accident on a loaded machine (each test's limit cuts a hang at five
        // minutes); tests of deadlines set their own.
        // A click from the desktop follows its call in a process of its own: the tests of the follow say so.
        folder.write("burstLimit = 0\ntimeoutSeconds = 3600\nfollowCall = false\n", to: "etc-xdg/puzzel-call/config")
    }

    /// Points the commands at a fake Puzzel and, given an account, signs in as it with `PUZZEL_PASSWORD`.
    mutating func talk(to puzzel: FakePuzzelServer, as account: FakeAccount? = nil) {
        environment["PUZZEL_AUTH_URL"] = puzzel.authURL.absoluteString
        environment["PUZZEL_API_URL"] = puzzel.apiURL.absoluteString
        guard let account else { return }
        environment["PUZZEL_CUSTOMER_KEY"] = account.customerKey
        environment["PUZZEL_USERNAME"] = account.userName
        environment["PUZZEL_PASSWORD"] = account.password
    }

    func run(_ arguments: String..., stdin: [String] = []) async -> Result {
        await run(arguments, stdin: stdin)
    }

    func run(_ arguments: [String], stdin: [String] = []) async -> Result {
        let out = Mutex(""), err = Mutex(""), input = Mutex(stdin[...])
        let console = Console(
            environment: environment, out: { text in out.withLock { $0 += text } },
            err: { text in err.withLock { $0 += text } }, readLine: { input.withLock { $0.popFirst() } }, ask: ask,
            notify: { [notices, notificationsWork, choose] notice in
                notices.append(notice)
                guard notificationsWork else { return .notShown }
                guard !notice.actions.isEmpty, let key = choose(notice) else { return .shown }
                return .chosen(key)
            }, now: { [now] in now ?? Date() }, pause: pause, startFollow: { [follows] in follows.append($0) })
        var arguments = arguments
        if fromDesktop {
            // As the desktop entry writes it for a click, and the shortcut after `selection`.
            let named = PuzzelCall.commands.contains { $0.spec.name == arguments.first }
            arguments.insert(CallCommand.fromDesktop, at: named ? 1 : 0)
        }
        let status = await PuzzelCall.run(arguments, console: console)
        return Result(status: status.rawValue, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
    }
}

/// The follows a run started, by number.
final class StartedFollows: Sendable {
    private let list = Mutex<[String]>([])

    func append(_ e164: String) { list.withLock { $0.append(e164) } }
    var all: [String] { list.withLock { $0 } }
}

/// The notifications a run asked the desktop to show.
final class Notices: Sendable {
    private let list = Mutex<[Notice]>([])

    func append(_ notice: Notice) { list.withLock { $0.append(notice) } }
    var all: [Notice] { list.withLock { $0 } }
}
