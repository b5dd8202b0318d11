import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An https server on 127.0.0.1 whose certificate is self-signed, so no system trusts it: `openssl
/// s_server` with a key and certificate made for the test. It never gets past the handshake with a
/// client that checks certificates.
package final class UntrustedTLSServer: Sendable {
    package let port: UInt16
    private let folder = TemporaryDirectory()
    private let pid: pid_t

    package var url: String { "https://127.0.0.1:\(port)" }

    package init() throws {
        let key = folder.path + "/key.pem", certificate = folder.path + "/certificate.pem"
        let made = MeasuredProcess.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", certificate,
            ], environment: [:])
        guard made.status == 0 else { throw TestSupportError("openssl req failed: \(made.output)") }
        port = try Self.freePort()
        let arguments = [
            "s_server", "-quiet", "-accept", "127.0.0.1:\(port)", "-key", key, "-cert", certificate, "-www",
        ]
        var pid = pid_t()
        let argv = (["/usr/bin/openssl"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_RDWR, 0)
        }
        guard posix_spawn(&pid, "/usr/bin/openssl", &actions, nil, argv, environ) == 0 else {
            throw TestSupportError("cannot start openssl s_server")
        }
        self.pid = pid
        try waitUntilListening()
    }

    package func stop() {
        // SIGKILL: the child inherits the blocked signals of the test thread that started it.
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    private func waitUntilListening() throws {
        for _ in 0..<200 {
            let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(probe, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            close(probe)
            if connected == 0 { return }
            usleep(20_000)
        }
        stop()
        throw TestSupportError("openssl s_server did not start listening")
    }

    private static func freePort() throws -> UInt16 {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(probe) }
        var address = loopback(0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(probe, $0, length) == 0 && getsockname(probe, $0, &length) == 0
            }
        }
        guard bound else { throw TestSupportError("no free port") }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func loopback(_ port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

package struct TestSupportError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
