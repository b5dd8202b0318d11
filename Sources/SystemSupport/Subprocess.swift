import FoundationEssentials
import Glibc
import Synchronization

/// Runs a program with an argument vector — never through a shell, so no argument is ever interpreted —
/// and collects what it wrote.
package enum Subprocess {
    /// How the program ended.
    package enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// It ran past the timeout and was killed.
        case timedOut
    }

    package struct Output: Sendable {
        package let termination: Termination
        package let standardOutput: Data
        package let standardError: Data

        package var succeeded: Bool { termination == .exited(0) }
        package var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
        package var standardErrorText: String { String(decoding: standardError, as: UTF8.self) }
    }

    package enum Failure: Error, Equatable, CustomStringConvertible {
        /// The program is not installed (or not on `PATH`).
        case notFound(String)
        /// The program exists but could not be started.
        case cannotStart(String, errno: Int32)

        package var description: String {
            switch self {
            case .notFound(let name): "\(name) is not installed (not found on PATH)"
            case .cannotStart(let name, let code): "cannot start \(name): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Used when the environment has no `PATH`, as the shell would.
    static let defaultSearchPath = "/usr/local/bin:/usr/bin:/bin"

    /// The program a name stands for: a name with a slash is taken as a path, any other is looked up in
    /// the environment's `PATH`. Nil when no executable file is there.
    package static func find(_ name: String, environment: [String: String]) -> String? {
        guard !name.isEmpty else { return nil }
        if name.contains("/") { return isExecutableFile(name) ? name : nil }
        let searchPath = environment["PATH"] ?? defaultSearchPath
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    /// Runs `program` with `arguments` and waits for it, blocking this thread: async code runs it on a
    /// thread of its own (`DedicatedThread`), never on one of Swift concurrency's cooperative threads.
    ///
    /// - Parameters:
    ///   - input: written to its standard input, which is then closed; without it, standard input is
    ///     `/dev/null` so a tool never waits on the terminal.
    ///   - environment: the child's whole environment (and the `PATH` it is found in); nil inherits ours.
    ///   - timeout: after this long the child is killed and the termination is `.timedOut`.
    ///   - outputLimit: once more than this many bytes of standard output have come, the child is killed and the
    ///     rest is never read (`standardOutput` then holds more than the limit, and at most 64 KiB more).
    package static func run(
        _ program: String,
        _ arguments: [String] = [],
        input: Data? = nil,
        environment: [String: String]? = nil,
        timeout: Duration? = nil,
        outputLimit: Int? = nil
    ) throws(Failure) -> Output {
        let environment = environment ?? ProcessInfo.processInfo.environment
        guard let path = find(program, environment: environment) else { throw .notFound(program) }
        // A C string ends at NUL: such an argument would silently become a different one.
        guard !arguments.contains(where: { $0.utf8.contains(0) }) else { throw .cannotStart(program, errno: EINVAL) }
        let child = try Child.spawn(
            path: path, name: program, arguments: arguments, environment: environment, feedsInput: input != nil)
        return child.communicate(input: input ?? Data(), timeout: timeout, outputLimit: outputLimit)
    }

    /// Starts `path` in a session of its own, its standard input fed `input` (small: it fits a socket's buffer)
    /// and its output discarded, and does not wait for it: it goes on after we exit, as the follow of a call
    /// does after the click. Only what its argument vector names runs; nothing goes through a shell.
    package static func startDetached(
        _ path: String, _ arguments: [String], input: Data, environment: [String: String]
    ) throws(Failure) {
        guard !arguments.contains(where: { $0.utf8.contains(0) }) else { throw .cannotStart(path, errno: EINVAL) }
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw .cannotStart(path, errno: errno)
        }
        defer { _ = close(pair[0]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pair[1], STDIN_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        // A session of its own: the browser or terminal that started the click going away does not end it.
        // glibc's POSIX_SPAWN_SETSID (0x80), which Swift's Glibc does not import (it is a GNU extension).
        let setsid: Int32 = 0x80
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | setsid))
        let (_, result) = CStrings.spawn(path, [path] + arguments, environment, &actions, &attributes)
        _ = close(pair[1])
        guard result == 0 else { throw .cannotStart(path, errno: result) }
        let written = input.withUnsafeBytes { send(pair[0], $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard written == input.count else { throw .cannotStart(path, errno: errno) }
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}

/// A started child and our ends of its standard streams.
private struct Child {
    let pid: pid_t
    /// Our end of its standard input; -1 when it reads `/dev/null`.
    var input: Int32
    var output: Int32
    var error: Int32
    /// A pair for `ExitWatch` to signal the exit on, made with the others so that running out of
    /// descriptors stops the start, not the wait.
    let exitSignal: [Int32]

    static func spawn(path: String, name: String, arguments: [String], environment: [String: String], feedsInput: Bool)
        throws(Subprocess.Failure) -> Child
    {
        // Socket pairs rather than pipes: they are created close-on-exec in one step (Swift's Glibc
        // has no pipe2), so a child spawned by another thread meanwhile never inherits our ends; and
        // writing to a child that stopped reading fails with EPIPE (MSG_NOSIGNAL) instead of killing
        // us with SIGPIPE.
        var inputPair: [Int32] = [-1, -1]
        var outputPair: [Int32] = [-1, -1]
        var errorPair: [Int32] = [-1, -1]
        var exitPair: [Int32] = [-1, -1]
        func closeAll() { (inputPair + outputPair + errorPair + exitPair).filter { $0 >= 0 }.forEach { _ = close($0) } }
        func makePair(_ pair: inout [Int32]) -> Bool {
            socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0
        }
        guard makePair(&outputPair), makePair(&errorPair), makePair(&exitPair), !feedsInput || makePair(&inputPair)
        else {
            let code = errno
            closeAll()
            throw .cannotStart(name, errno: code)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if feedsInput {
            posix_spawn_file_actions_adddup2(&actions, inputPair[1], STDIN_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outputPair[1], STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, errorPair[1], STDERR_FILENO)

        // The child starts with no blocked signals and default handlers, whatever our process set up.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGCHLD] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let (pid, result) = CStrings.spawn(path, [name] + arguments, environment, &actions, &attributes)
        // The child holds its own copies now.
        [inputPair[1], outputPair[1], errorPair[1]].filter { $0 >= 0 }.forEach { _ = close($0) }
        guard result == 0 else {
            [inputPair[0], outputPair[0], errorPair[0], exitPair[0], exitPair[1]].filter { $0 >= 0 }.forEach {
                _ = close($0)
            }
            throw .cannotStart(name, errno: result)
        }
        return Child(
            pid: pid, input: inputPair[0], output: outputPair[0], error: errorPair[0], exitSignal: exitPair)
    }

    /// Feeds the input and reads both outputs until the child ends (or the time is up), then reaps it.
    ///
    /// The end is the child's exit, not the end of its outputs: a background process it left behind
    /// may hold them open for ever. The exit is learnt from `ExitWatch`, in the same `poll` as the
    /// outputs, so nothing wakes up to look in the meantime.
    consuming func communicate(input: Data, timeout: Duration?, outputLimit: Int?) -> Subprocess.Output {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        let exit = ExitWatch(pid, signal: exitSignal)
        var written = 0
        var standardOutput = Data()
        var standardError = Data()
        var timedOut = false
        if input.isEmpty { closeInput() } else { _ = fcntl(self.input, F_SETFL, O_NONBLOCK) }

        while !exit.hasEnded {
            var waitMilliseconds: Int32 = -1
            if let deadline {
                let remaining = ContinuousClock.now.duration(to: deadline)
                guard remaining > .zero else {
                    timedOut = true
                    break
                }
                let (seconds, attoseconds) = remaining.components
                waitMilliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            }
            // poll ignores negative descriptors, so closed streams simply drop out.
            var descriptors = [
                pollfd(fd: self.input, events: Int16(POLLOUT), revents: 0),
                pollfd(fd: output, events: Int16(POLLIN), revents: 0),
                pollfd(fd: error, events: Int16(POLLIN), revents: 0),
                pollfd(fd: exit.descriptor, events: Int16(POLLIN), revents: 0),
            ]
            guard poll(&descriptors, nfds_t(descriptors.count), waitMilliseconds) > 0 else { continue }
            if descriptors[0].revents != 0 {
                let sent = input.withUnsafeBytes { bytes in
                    send(self.input, bytes.baseAddress! + written, bytes.count - written, Int32(MSG_NOSIGNAL))
                }
                if sent > 0 { written += sent }
                // A child that stops reading early simply gets no more.
                if written == input.count || (sent < 0 && errno != EAGAIN && errno != EINTR) { closeInput() }
            }
            if descriptors[1].revents != 0 { Self.drain(&output, into: &standardOutput) }
            if descriptors[2].revents != 0 { Self.drain(&error, into: &standardError) }
            if let outputLimit, standardOutput.count > outputLimit {
                kill(pid, SIGKILL)
                close(output)
                output = -1
                break
            }
        }
        if timedOut { kill(pid, SIGKILL) }
        let termination = exit.termination()
        // What it wrote before it ended is still waiting in the sockets.
        Self.drainWithoutWaiting(&output, into: &standardOutput)
        Self.drainWithoutWaiting(&error, into: &standardError)
        closeInput()
        return Subprocess.Output(
            termination: timedOut ? .timedOut : termination, standardOutput: standardOutput,
            standardError: standardError)
    }

    private mutating func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// Reads what is there; closes the stream at its end.
    private static func drain(_ descriptor: inout Int32, into data: inout Data) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(descriptor, &buffer, buffer.count)
        if count > 0 {
            data.append(contentsOf: buffer[..<count])
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            close(descriptor)
            descriptor = -1
        }
    }

    private static func drainWithoutWaiting(_ descriptor: inout Int32, into data: inout Data) {
        guard descriptor >= 0 else { return }
        _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
        var before = -1
        while descriptor >= 0 && data.count != before {
            before = data.count
            drain(&descriptor, into: &data)
        }
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }
}

/// Learns of a child's exit on a thread of its own — a blocking `waitid`, which needs no signal handler
/// and no polling — and makes `descriptor` readable when it comes. The child is left unreaped until
/// `termination()`, so its pid cannot be reused in between: a kill after the deadline never hits
/// another process.
private final class ExitWatch: Sendable {
    private let pid: pid_t
    private let signal: [Int32]
    private let ended = Atomic(false)

    /// Readable once the child has ended.
    var descriptor: Int32 { signal[0] }

    /// - Parameter signal: a socket pair, both ends closed by the watch.
    init(_ pid: pid_t, signal: [Int32]) {
        self.pid = pid
        self.signal = signal
        DedicatedThread.start { [self] in
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
            ended.store(true, ordering: .releasing)
            _ = close(signal[1])
        }
    }

    deinit { close(signal[0]) }

    var hasEnded: Bool { ended.load(ordering: .acquiring) }

    /// How the child ended, waiting for it if need be; reaps it.
    func termination() -> Subprocess.Termination {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        while !hasEnded { _ = poll(&descriptors, 1, -1) }
        var code: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &code, 0) } while result < 0 && errno == EINTR
        guard result == pid else { return .exited(-1) }
        let signal = code & 0x7f
        return signal == 0 ? .exited((code >> 8) & 0xff) : .signalled(signal)
    }
}

/// NUL-terminated C strings for the lifetime of a posix_spawn call.
private struct CStrings {
    let pointers: [UnsafeMutablePointer<CChar>?]

    /// `posix_spawn` with `argv` and `environment` as C strings, freed once the child has its copies: its pid,
    /// and 0 or the error number.
    static func spawn(
        _ path: String, _ argv: [String], _ environment: [String: String],
        _ actions: inout posix_spawn_file_actions_t, _ attributes: inout posix_spawnattr_t
    ) -> (pid: pid_t, result: Int32) {
        let arguments = CStrings(argv)
        let variables = CStrings(environment.map { "\($0.key)=\($0.value)" })
        defer {
            arguments.free()
            variables.free()
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, arguments.pointers, variables.pointers)
        return (pid, result)
    }

    init(_ strings: [String]) { pointers = strings.map { strdup($0) } + [nil] }

    func free() { pointers.forEach { Glibc.free($0) } }
}
