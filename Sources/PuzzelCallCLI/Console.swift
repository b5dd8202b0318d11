import CallFlow
import Desktop
import FoundationEssentials
import Glibc
import Localization
import Synchronization
import SystemSupport

/// Where a command writes, and what it knows of the process it runs in. Tests give it buffers.
final class Console: Sendable {
    let environment: [String: String]
    /// Whether the desktop started this command (`--from-desktop`, in the entry's `Exec`): every outcome is
    /// then told as a notification, wherever the browser was started and standard error goes. Set once,
    /// before the command runs.
    var fromDesktop: Bool {
        get { startedByDesktop.load(ordering: .relaxed) }
        set { startedByDesktop.store(newValue, ordering: .relaxed) }
    }
    private let startedByDesktop = Atomic(false)
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void
    private let readLine: @Sendable () -> String?
    /// Asks a person at the terminal; nil when there is none. The flag hides what is typed.
    let ask: @Sendable (_ question: String, _ secret: Bool) -> String?
    /// Tells the agent through the desktop, and waits for their choice when the notice offers actions.
    let notify: @Sendable (Notice) -> NoticeReply
    /// The time a click goes by; tests set it.
    let now: @Sendable () -> Date
    /// Waits as long as a click's progress waits before it shows (`CallingNotice.delay`), or a followed call
    /// between two reads of the agent's state; throws when the wait is cancelled. Tests decide when it ends.
    let pause: @Sendable (Duration) async throws -> Void
    /// Starts the follow of a call placed from the desktop in a process of its own (`CallFollow.detached`), the
    /// number in E.164 handed over on its standard input; tests run it in-process or not at all.
    let startFollow: @Sendable (_ e164: String) -> Void
    /// The locale variables of each place the desktop session keeps them (`SessionLocale`), asked only when the
    /// environment names no language; tests give their own.
    private let sessionLocale: @Sendable () -> AnySequence<[String: String]>
    private let chosenLanguage = Mutex<Language?>(nil)
    /// The passwords, tokens and session ids this command came to know: every line, notification and
    /// log entry it writes is cleaned of them, whatever Puzzel or the network put in a message.
    let secrets = SecretValues()

    init(
        environment: [String: String], out: @escaping @Sendable (String) -> Void,
        err: @escaping @Sendable (String) -> Void, readLine: @escaping @Sendable () -> String?,
        ask: @escaping @Sendable (String, Bool) -> String? = { _, _ in nil },
        notify: @escaping @Sendable (Notice) -> NoticeReply = { _ in .notShown },
        now: @escaping @Sendable () -> Date = { Date() },
        pause: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        sessionLocale: @escaping @Sendable () -> AnySequence<[String: String]> = { AnySequence([]) },
        startFollow: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.startFollow = startFollow
        self.environment = environment
        self.now = now
        self.pause = pause
        self.sessionLocale = sessionLocale
        writeOut = out
        writeErr = err
        self.readLine = readLine
        self.ask = ask
        self.notify = notify
    }

    /// The agent's language (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`, else the session's), found once.
    var language: Language {
        chosenLanguage.withLock { chosen in
            if let chosen { return chosen }
            let language = Language.preferred(in: environment, session: sessionLocale)
            chosen = language
            return language
        }
    }

    /// How the agent's locale writes dates (`LC_TIME`, `LANG`).
    var dateStyle: DateStyle { DateStyle.preferred(in: environment) }

    /// Standard output, written in large blocks: `normalize` may print a hundred thousand lines.
    static let standardOutput = BufferedOutput(descriptor: STDOUT_FILENO)
    static let standardError = BufferedOutput(descriptor: STDERR_FILENO)

    static func process() -> Console {
        let environment = ProcessInfo.processInfo.environment
        let notifier = Notifier(environment: environment)
        let ids = NotificationIDs(directories: XDGDirectories(environment: environment))
        return Console(
            environment: environment,
            out: standardOutput.append,
            err: {
                standardError.append($0)
                standardError.flush()
            },
            readLine: { Swift.readLine(strippingNewline: true) }, ask: TerminalPrompt.ask,
            notify: { notifier.show($0, ids: ids) },
            sessionLocale: {
                // AccountsService answers at once or is not there: a second is plenty, and bounds the wait.
                AnySequence(SessionLocale(environment: environment).candidates(deadline: Date().addingTimeInterval(1)))
            },
            startFollow: { e164 in
                try? Subprocess.startDetached(
                    "/proc/self/exe", CallFollow.detachedArguments, input: Data((e164 + "\n").utf8),
                    environment: environment)
            })
    }

    /// Tells the agent an outcome as a desktop notification when the desktop started us; what no
    /// notification could show goes to the activity log, so nothing is lost. The terminal's words are
    /// written by the caller: they may name options a click cannot give. The notification, and the wait for
    /// the agent's choice, happen on a thread of their own.
    @discardableResult
    func tell(_ notice: Notice) async -> NoticeReply {
        guard fromDesktop else { return .notShown }
        var notice = notice
        notice.summary = secrets.redacting(notice.summary)
        notice.body = secrets.redacting(notice.body)
        let reply = await DedicatedThread.run { [notify, notice] in notify(notice) }
        if reply == .notShown {
            let log = ActivityLog(directories: XDGDirectories(environment: environment))
            try? log.append("\(notice.summary): \(notice.body.replacing("\n", with: " "))")
        }
        return reply
    }

    func print(_ line: String) { writeOut(secrets.redacting(line) + "\n") }
    func print(_ text: AccountText) { print(text.text(in: language)) }
    func warn(_ line: String) { writeErr(secrets.redacting(line) + "\n") }
    func nextInputLine() -> String? { readLine() }

    /// Trouble that does not stop the command.
    func warning(_ text: String) { warn("puzzel-call: warning: \(text)") }

    /// The configuration in all its layers, command-line settings last.
    func configuration(_ options: [ConfigurationLoader.Setting] = []) throws -> Configuration {
        try ConfigurationLoader.check(options: options)
        return try ConfigurationLoader(environment: environment).load(options: options)
    }

    /// Prints a value as one line of JSON, keys sorted so scripts and diffs see a stable shape.
    /// One encoder for every line: `normalize --json` prints one object per input line.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    func printJSON<Value: Encodable>(_ value: Value) {
        // Encoding our own plain structs cannot fail.
        print(String(decoding: try! Self.encoder.encode(value), as: UTF8.self))
    }
}

/// How every command reports a failure with `--json`.
struct ErrorReport: Encodable {
    let error: String
    let message: String
    let exitStatus: Int32

    init(_ failure: any UserFacingError) {
        error = failure.code
        message = failure.message
        exitStatus = failure.exitStatus.rawValue
    }
}

/// Questions on the controlling terminal, so that a password prompt works even when standard input and
/// output are redirected, and never echoes the password.
enum TerminalPrompt {
    static func ask(_ question: String, secret: Bool) -> String? {
        let terminal = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard terminal >= 0 else { return nil }
        defer { close(terminal) }
        var saved = termios()
        let canHide = tcgetattr(terminal, &saved) == 0
        if secret && canHide {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(terminal, TCSAFLUSH, &silent)
        }
        defer {
            if secret && canHide {
                tcsetattr(terminal, TCSAFLUSH, &saved)
                _ = "\n".withCString { write(terminal, $0, 1) }
            }
        }
        _ = question.withCString { write(terminal, $0, strlen($0)) }
        var answer: [UInt8] = []
        var byte: UInt8 = 0
        while read(terminal, &byte, 1) == 1, byte != UInt8(ascii: "\n") { answer.append(byte) }
        return String(decoding: answer, as: UTF8.self)
    }
}

/// An outcome as the agent reads it.
struct Notice: Sendable, Equatable {
    var summary: String
    var body: String
    /// Critical only for what must not be missed, a call that may have been placed: a critical notification
    /// never expires, and would push everything else out of sight.
    var urgency: Notifier.Urgency = .normal
    /// When the command's time is up, if it has a deadline: a notification gets only what is left.
    var deadline: Date? = nil
    /// The number it is about: the next notice about the same number takes this one's place.
    var subject: String? = nil
    /// What the agent may answer; the answer is waited for `choiceWait` at most.
    var actions: [Notifier.Action] = []
    var choiceWait = Notice.choiceTime

    static let choiceTime: TimeInterval = 60
}

/// What became of a notice.
enum NoticeReply: Sendable, Equatable {
    case notShown
    /// Shown, and no action chosen (none offered, the notice closed, or `Notice.choiceTime` passed).
    case shown
    /// The agent chose the action with this key.
    case chosen(String)
}

extension Notifier {
    /// Shows `notice` in place of the last one about its subject, and waits for the agent's choice when it
    /// offers actions.
    func show(_ notice: Notice, ids: NotificationIDs) -> NoticeReply {
        let message = Message(
            summary: notice.summary, body: notice.body,
            urgency: notice.urgency, actions: notice.actions, replaces: notice.subject.map(ids.lastID(for:)) ?? 0)
        guard case .success(let shown) = show(message, deadline: notice.deadline) else { return .notShown }
        if let subject = notice.subject { ids.remember(shown.id, for: subject) }
        guard !notice.actions.isEmpty else { return .shown }
        guard let key = shown.chosenAction(until: Date().addingTimeInterval(notice.choiceWait)) else {
            // Nobody waits for an answer any more: a button left on the screen would do nothing.
            shown.close()
            return .shown
        }
        return .chosen(key)
    }
}

/// Collects output and writes it in blocks, on `flush()` or when a block is full.
final class BufferedOutput: Sendable {
    private let descriptor: Int32
    private let buffer: Mutex<[UInt8]>
    private static let blockSize = 64 * 1024

    init(descriptor: Int32) {
        self.descriptor = descriptor
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.blockSize)
        self.buffer = Mutex(buffer)
    }

    func append(_ text: String) {
        buffer.withLock { buffer in
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= Self.blockSize { write(&buffer) }
        }
    }

    func flush() {
        buffer.withLock { write(&$0) }
    }

    private func write(_ buffer: inout [UInt8]) {
        var written = 0
        while written < buffer.count {
            let count = buffer[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            // A closed pipe (`puzzel-call normalize | head`) ends the output, not the program.
            guard count > 0 else { break }
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
