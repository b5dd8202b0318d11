import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to its end with standard output and error joined, and tells how much memory it
/// took at its peak and how long it ran, as GNU time reports them (`%M`, `%e`). Not this process's own
/// `wait4`: a child started with posix_spawn shares our memory until it execs, and Linux then counts our
/// peak as its own.
package enum MeasuredProcess {
    package struct Result: Sendable {
        package let status: Int32
        package let output: String
        package let peakMemoryKiB: Int
        /// Wall-clock seconds from start to exit, to a hundredth.
        package let elapsedSeconds: Double
    }

    package static func run(_ path: String, _ arguments: [String], environment: [String: String]) -> Result {
        let report = TemporaryDirectory()
        let measuresFile = report.path + "/measures"
        let result = spawn("/usr/bin/time", ["-q", "-f", "%M %e", "-o", measuresFile, path] + arguments, environment)
        let measures = FileManager.default.contents(atPath: measuresFile).map {
            String(decoding: $0, as: UTF8.self).split(separator: "\n").last?.split(separator: " ") ?? []
        }
        let peak = measures.flatMap { $0.first.flatMap { Int($0) } }
        let elapsed = measures.flatMap { $0.last.flatMap { Double($0) } }
        return Result(
            status: result.status, output: result.output, peakMemoryKiB: peak ?? Int.max,
            elapsedSeconds: elapsed ?? .infinity)
    }

    private static func spawn(_ path: String, _ arguments: [String], _ environment: [String: String])
        -> (status: Int32, output: String)
    {
        var pipe: [Int32] = [-1, -1]
        precondition(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pipe) == 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], STDERR_FILENO)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        precondition(posix_spawn(&pid, path, &actions, nil, argv, envp) == 0, "cannot start \(path)")
        close(pipe[1])
        var output: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = block.withUnsafeMutableBytes { read(pipe[0], $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            output += block[..<count]
        }
        close(pipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, String(decoding: output, as: UTF8.self))
    }
}
