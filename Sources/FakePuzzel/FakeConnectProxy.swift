import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTP proxy on 127.0.0.1 that does what a corporate proxy does for https: it answers `CONNECT
/// host:port` and relays bytes both ways without reading them. Only loopback targets are relayed, and
/// the host names it is told stand for this machine, as a proxy resolves names its clients cannot.
/// It records each connection and each CONNECT target, so a test can see whether the client went
/// through it.
package final class FakeConnectProxy: Sendable {
    package let port: UInt16
    private let listener: Int32
    private let localNames: Set<String>
    private let targets = Mutex<[String]>([])
    private let accepted = Mutex(0)
    private let refusals: Mutex<Int>

    /// - Parameters:
    ///   - refusing: how many CONNECTs to refuse first (403), as a proxy does that is restarting or not yet
    ///     authorised: the client's request never leaves.
    ///   - localNames: host names the proxy connects to on 127.0.0.1, beside `127.0.0.1` and `localhost`.
    package init(refusing refusals: Int = 0, localNames: Set<String> = []) throws {
        self.refusals = Mutex(refusals)
        self.localNames = localNames.union(["127.0.0.1", "localhost"])
        (listener, port) = try LoopbackSocket.listen(port: 0)
        Thread.detachNewThread { [self] in acceptConnections() }
    }

    /// `http://127.0.0.1:PORT`, as `http_proxy` or `https_proxy` takes it.
    package var url: String { "http://127.0.0.1:\(port)" }

    /// The `host:port` of every CONNECT received, in order.
    package var connectTargets: [String] { targets.withLock { $0 } }

    /// How many connections clients opened to the proxy, whatever they sent.
    package var connections: Int { accepted.withLock { $0 } }

    package func stop() { shutdown(listener, Int32(SHUT_RDWR)) }

    private func acceptConnections() {
        while let client = LoopbackSocket.accept(listener) {
            accepted.withLock { $0 += 1 }
            Thread.detachNewThread { [self] in tunnel(client) }
        }
        close(listener)
    }

    private func tunnel(_ client: Int32) {
        let connection = HTTPConnection(socket: client)
        guard let head = connection.readHead(), head.method == "CONNECT",
            let portText = head.path.split(separator: ":").last, let port = UInt16(portText),
            localNames.contains(String(head.path.dropLast(portText.count + 1))),
            let upstream = LoopbackSocket.connect(port: port)
        else {
            close(client)
            return
        }
        targets.withLock { $0.append(head.path) }
        let refused = refusals.withLock { remaining in
            defer { remaining = max(0, remaining - 1) }
            return remaining > 0
        }
        let answer =
            refused
            ? "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n" : "HTTP/1.1 200 Connection established\r\n\r\n"
        _ = Array(answer.utf8).withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard !refused else {
            close(upstream)
            close(client)
            return
        }
        let done = DispatchGroup()
        for (from, to) in [(client, upstream), (upstream, client)] {
            done.enter()
            Thread.detachNewThread {
                Self.relay(from: from, to: to)
                shutdown(to, Int32(SHUT_WR))
                done.leave()
            }
        }
        done.wait()
        close(client)
        close(upstream)
    }

    private static func relay(from source: Int32, to destination: Int32) {
        var block = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = block.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            let sent = block[..<count].withUnsafeBytes {
                send(destination, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent == count else { return }
        }
    }
}
