import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An https server on 127.0.0.1: `openssl s_server` with a key and a certificate made for the test. It
/// never gets past the handshake with a client that checks certificates, and each certificate fails that
/// check for a reason of its own.
package final class LoopbackTLSServer: Sendable {
    package enum Certificate: Sendable {
        /// Self-signed, so no system trusts it.
        case selfSigned
        /// Signed by `authority`, for another host name than 127.0.0.1.
        case forAnotherName
        /// Signed by `authority`, for 127.0.0.1, and expired at the start of 2020.
        case expired
    }

    package let port: UInt16
    /// The PEM file of the certificate authority the test makes: it signed the server's certificate unless
    /// that one is self-signed. `TrustingOnly` runs a program that trusts it.
    package let authority: String
    private let folder = TemporaryDirectory()
    private let pid: pid_t

    package var url: String { "https://127.0.0.1:\(port)" }

    package init(_ certificate: Certificate = .selfSigned) throws {
        let key = folder.path + "/key.pem", leaf = folder.path + "/certificate.pem"
        authority = folder.path + "/authority.pem"
        let authorityKey = folder.path + "/authority-key.pem"
        try Self.openssl(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=puzzel-call test authority", "-keyout", authorityKey, "-out", authority)
        switch certificate {
        case .selfSigned:
            try Self.openssl(
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", leaf)
        case .forAnotherName:
            try Self.sign(
                "DNS:elsewhere.example", key: key, into: leaf, from: "20240101000000Z", to: "20991231000000Z",
                by: (authority, authorityKey), in: folder.path)
        case .expired:
            try Self.sign(
                "IP:127.0.0.1", key: key, into: leaf, from: "20200101000000Z", to: "20200102000000Z",
                by: (authority, authorityKey), in: folder.path)
        }
        port = try Self.freePort()
        let arguments = [
            "s_server", "-quiet", "-accept", "127.0.0.1:\(port)", "-key", key, "-cert", leaf, "-www",
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

    private static func openssl(_ arguments: String...) throws {
        let made = MeasuredProcess.run("/usr/bin/openssl", arguments, environment: [:])
        guard made.status == 0 else { throw TestSupportError("openssl \(arguments[0]) failed: \(made.output)") }
    }

    /// A certificate for `name` (a subjectAltName), valid from `start` to `end`, signed by `authority`.
    /// `openssl ca`, since OpenSSL 3.0's `x509` cannot date a certificate in the past.
    private static func sign(
        _ name: String, key: String, into certificate: String, from start: String, to end: String,
        by authority: (certificate: String, key: String), in folder: String
    ) throws {
        let request = folder + "/request.pem", configuration = folder + "/ca.cnf"
        try openssl(
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
            "/CN=\(name.split(separator: ":").last!)", "-keyout", key, "-out", request)
        try Data().write(to: URL(fileURLWithPath: folder + "/index.txt"))
        let settings = """
            [ca]
            default_ca = test
            [test]
            database = \(folder)/index.txt
            new_certs_dir = \(folder)
            rand_serial = yes
            default_md = sha256
            policy = anything
            unique_subject = no
            x509_extensions = leaf
            [anything]
            commonName = supplied
            [leaf]
            subjectAltName = \(name)
            """
        try Data(settings.utf8).write(to: URL(fileURLWithPath: configuration))
        try openssl(
            "ca", "-batch", "-notext", "-config", configuration, "-cert", authority.certificate, "-keyfile",
            authority.key, "-startdate", start, "-enddate", end, "-in", request, "-out", certificate)
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
