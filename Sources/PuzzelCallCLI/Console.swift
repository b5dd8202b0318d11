import CallFlow
import Foundation

/// Where a command writes, and what it knows of the process it runs in. Tests give it buffers.
final class Console: @unchecked Sendable {
    let environment: [String: String]
    /// Whether a person is watching standard error; when not, the desktop launched us.
    let isInteractive: Bool
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void
    private let readLine: @Sendable () -> String?
    /// Asks a person at the terminal; nil when there is none. The flag hides what is typed.
    let ask: @Sendable (_ question: String, _ secret: Bool) -> String?

    init(
        environment: [String: String], isInteractive: Bool, out: @escaping @Sendable (String) -> Void,
        err: @escaping @Sendable (String) -> Void, readLine: @escaping @Sendable () -> String?,
        ask: @escaping @Sendable (String, Bool) -> String? = { _, _ in nil }
    ) {
        self.environment = environment
        self.isInteractive = isInteractive
        writeOut = out
        writeErr = err
        self.readLine = readLine
        self.ask = ask
    }

    static func process() -> Console {
        Console(
            environment: ProcessInfo.processInfo.environment, isInteractive: isatty(STDERR_FILENO) == 1,
            out: { FileHandle.standardOutput.write(Data($0.utf8)) },
            err: { FileHandle.standardError.write(Data($0.utf8)) },
            readLine: { Swift.readLine(strippingNewline: true) }, ask: TerminalPrompt.ask)
    }

    func print(_ line: String) { writeOut(line + "\n") }
    func warn(_ line: String) { writeErr(line + "\n") }
    func nextInputLine() -> String? { readLine() }

    /// Trouble that does not stop the command.
    func warning(_ text: String) { warn("puzzel-call: warning: \(text)") }

    /// The configuration in all its layers, command-line settings last.
    func configuration(_ options: [ConfigurationLoader.Setting] = []) throws(ConfigurationError) -> Configuration {
        try ConfigurationLoader(environment: environment).load(options: options)
    }

    /// Prints a value as one line of JSON, keys sorted so scripts and diffs see a stable shape.
    func printJSON<Value: Encodable>(_ value: Value) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Encoding our own plain structs cannot fail.
        print(String(decoding: try! encoder.encode(value), as: UTF8.self))
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
