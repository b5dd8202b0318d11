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

    init(
        environment: [String: String], isInteractive: Bool, out: @escaping @Sendable (String) -> Void,
        err: @escaping @Sendable (String) -> Void, readLine: @escaping @Sendable () -> String?
    ) {
        self.environment = environment
        self.isInteractive = isInteractive
        writeOut = out
        writeErr = err
        self.readLine = readLine
    }

    static func process() -> Console {
        Console(
            environment: ProcessInfo.processInfo.environment, isInteractive: isatty(STDERR_FILENO) == 1,
            out: { FileHandle.standardOutput.write(Data($0.utf8)) },
            err: { FileHandle.standardError.write(Data($0.utf8)) },
            readLine: { Swift.readLine(strippingNewline: true) })
    }

    func print(_ line: String) { writeOut(line + "\n") }
    func warn(_ line: String) { writeErr(line + "\n") }
    func nextInputLine() -> String? { readLine() }

    /// Prints a value as one line of JSON, keys sorted so scripts and diffs see a stable shape.
    func printJSON<Value: Encodable>(_ value: Value) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
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
