import Foundation
import Glibc
import Localization
import Synchronization
import Testing

@testable import BrowserSignIn

/// The listener as a browser (and anything else on this machine) meets it.
@Suite(.timeLimit(.minutes(5))) struct LoopbackRedirectListenerTests {
    /// Sends one request to 127.0.0.1:`port` and returns the whole answer; nil when the connection is refused.
    static func request(_ port: UInt16, _ text: String) -> String? {
        let connection = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(connection) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        _ = text.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var answer = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            answer += buffer[..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    static func get(_ port: UInt16, _ target: String) -> String? {
        request(port, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: test\r\n\r\n")
    }

    /// Waits for the answer on a thread of its own while `browser` runs.
    static func answer(
        of listener: LoopbackRedirectListener, state: String, language: Language = .english,
        seconds: Double = 30, browser: @escaping @Sendable () -> Void
    ) async -> LoopbackRedirectListener.Answer {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    returning: listener.answer(
                        state: state, until: Date().addingTimeInterval(seconds), language: language))
            }
            Thread.detachNewThread { browser() }
        }
    }

    @Test func requestsWithoutAStateAreTurnedAwayAndTheAnswerIsTakenOnce() async throws {
        let listener = try LoopbackRedirectListener()
        let port = listener.port
        let replies = Mutex<[String?]>([])
        let answer = await Self.answer(of: listener, state: "s1", language: .norwegian) {
            replies.withLock {
                $0.append(Self.get(port, "/favicon.ico"))
                $0.append(Self.request(port, "POST /?state=s1&code=c0 HTTP/1.1\r\n\r\n"))
                $0.append(Self.get(port, "/?state=s1&code=c%2B1+2"))
            }
        }
        #expect(answer == .code("c+1 2"))
        let seen = replies.withLock { $0 }
        #expect(seen[0]?.hasPrefix("HTTP/1.1 404") == true)
        #expect(seen[1]?.hasPrefix("HTTP/1.1 400") == true, "only a GET")
        #expect(seen[2]?.contains("Du er logget på Puzzel Call. Du kan lukke denne fanen.") == true)
        #expect(seen[2]?.contains("Cache-Control: no-store") == true)
        #expect(Self.get(port, "/?state=s1&code=again") == nil, "a second answer finds the port closed")
    }

    @Test func anotherStateEndsTheWaitUnused() async throws {
        let listener = try LoopbackRedirectListener()
        let port = listener.port
        let answer = await Self.answer(of: listener, state: "mine") { _ = Self.get(port, "/?state=theirs&code=c") }
        #expect(answer == .stateMismatch)
        #expect(Self.get(port, "/?state=mine&code=c") == nil)
    }

    @Test func theProvidersErrorIsTheAnswer() async throws {
        let listener = try LoopbackRedirectListener()
        let port = listener.port
        let answer = await Self.answer(of: listener, state: "s") {
            _ = Self.get(port, "/?error=access_denied&error_description=The+user+said+no&state=s")
        }
        #expect(answer == .declined("access_denied: The user said no"))
    }

    @Test func nothingBeforeTheDeadlineIsNoAnswer() async throws {
        let listener = try LoopbackRedirectListener()
        let answer = await Self.answer(of: listener, state: "s", seconds: 0.2) {}
        #expect(answer == .noAnswer)
        #expect(Self.get(listener.port, "/?state=s&code=c") == nil)
    }

    @Test func itListensOnLoopbackOnly() throws {
        let listener = try LoopbackRedirectListener()
        #expect(listener.redirectURI == "http://127.0.0.1:\(listener.port)/")
    }
}
