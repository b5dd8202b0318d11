import FoundationEssentials
import Glibc
import Localization
import Synchronization
import SystemSupport

/// The one-shot listener on `http://127.0.0.1:<free port>/` that the provider sends the browser back to
/// (RFC 8252 §7.3). It takes exactly one answer that carries a `state`: when the state is this sign-in's, its
/// code or error; when it is another, the sign-in ends unused. It then stops listening before it answers
/// the browser, so a second answer finds the port closed. Requests without a state (a favicon, a
/// prefetch) are turned away and the wait goes on.
package final class LoopbackRedirectListener: Sendable {
    /// What the browser brought back.
    package enum Answer: Sendable, Equatable {
        case code(String)
        /// The provider's `error` (and `error_description`), e.g. `access_denied` when the agent declined.
        case declined(String)
        /// An answer with another `state`: not this sign-in's.
        case stateMismatch
        /// Nothing came before the deadline.
        case noAnswer
        /// The caller gave up waiting (`abandon` said so), e.g. because no browser could be opened.
        case abandoned
    }

    package enum Failure: Error, Equatable, CustomStringConvertible {
        case cannotListen(errno: Int32)

        package var description: String {
            switch self {
            case .cannotListen(let code): "cannot listen on 127.0.0.1: \(String(cString: strerror(code)))"
            }
        }
    }

    package let port: UInt16
    private let descriptor: Mutex<Int32>

    /// Listens on a free port of 127.0.0.1; only this machine can connect.
    package init() throws(Failure) {
        let listening = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listening >= 0 else { throw .cannotListen(errno: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listening, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listening, $0, &length) }
        }
        guard bound == 0, named == 0, listen(listening, 8) == 0 else {
            let code = errno
            close(listening)
            throw .cannotListen(errno: code)
        }
        port = UInt16(bigEndian: address.sin_port)
        descriptor = Mutex(listening)
    }

    deinit { stopListening() }

    /// The `redirect_uri` to register and send: loopback by IP address, as RFC 8252 §7.3 recommends.
    package var redirectURI: String { "http://127.0.0.1:\(port)/" }

    /// Waits, blocking this thread, for the answer that carries a state, until `deadline` or until `abandon`
    /// says to stop (it is asked every 100 ms). The browser is shown a short page in `language`.
    package func answer(
        state: String, until deadline: Date, language: Language, abandon: @Sendable () -> Bool = { false }
    ) -> Answer {
        defer { stopListening() }
        while true {
            if abandon() { return .abandoned }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return .noAnswer }
            let listening = descriptor.withLock { $0 }
            guard listening >= 0 else { return .noAnswer }
            var ready = pollfd(fd: listening, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32(min(100, left * 1000 + 1))) > 0 else { continue }
            // Swift's Glibc has no accept4: the flag follows at once (Subprocess's children start from a clean set).
            let connection = accept(listening, nil, nil)
            guard connection >= 0 else { continue }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            defer { close(connection) }
            guard let target = Self.requestTarget(on: connection, until: deadline) else {
                Self.respond(on: connection, status: "400 Bad Request", body: nil)
                continue
            }
            let parameters = Self.queryParameters(of: target)
            guard target.hasPrefix("/"), target.split(separator: "?", maxSplits: 1).first == "/",
                let returned = parameters["state"]
            else {
                Self.respond(on: connection, status: "404 Not Found", body: nil)
                continue
            }
            let answer: Answer =
                if returned != state {
                    .stateMismatch
                } else if let error = parameters["error"] {
                    .declined(
                        [error, parameters["error_description"]].compactMap { $0 }.joined(separator: ": "))
                } else if let code = parameters["code"], !code.isEmpty {
                    .code(code)
                } else {
                    .declined("no code")
                }
            // Closed before the browser hears back: a second answer finds nobody listening.
            stopListening()
            let page = Self.page(signedIn: { if case .code = answer { true } else { false } }(), language: language)
            Self.respond(on: connection, status: "200 OK", body: page)
            return answer
        }
    }

    private func stopListening() {
        descriptor.withLock { listening in
            if listening >= 0 { close(listening) }
            listening = -1
        }
    }

    /// The request line's target of a `GET`, read within a few seconds and 8 KiB; nil for anything else. The
    /// whole head is read, since closing a connection with unread bytes resets it and the browser would
    /// show an error instead of the page.
    private static func requestTarget(on connection: Int32, until deadline: Date) -> String? {
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        let readDeadline = min(deadline, Date().addingTimeInterval(5))
        while !head.endsHead, head.count < 8192 {
            let left = readDeadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var ready = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32(left * 1000 + 1)) > 0 else { return nil }
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            head += buffer[..<count]
        }
        guard let end = head.firstIndex(of: 10) else { return nil }
        let line = String(decoding: head[..<end], as: UTF8.self).trimmed
        let words = line.split(separator: " ")
        guard words.count == 3, words[0] == "GET", words[2].hasPrefix("HTTP/1.") else { return nil }
        return String(words[1])
    }

    /// The query's parameters, percent-decoded (`+` is a space, as forms write it); the first of a repeated name.
    static func queryParameters(of target: String) -> [String: String] {
        guard let query = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return [:] }
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = percentDecoded(parts[0]) else { continue }
            let value = parts.count > 1 ? percentDecoded(parts[1]) : ""
            if parameters[name] == nil, let value { parameters[name] = value }
        }
        return parameters
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let high = utf8.index(after: index)
                guard high < utf8.endIndex, utf8.index(after: high) < utf8.endIndex,
                    let value = UInt8(
                        String(decoding: [utf8[high], utf8[utf8.index(after: high)]], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
                index = utf8.index(high, offsetBy: 2)
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index = utf8.index(after: index)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The short page the browser shows: the outcome in the agent's language, and nothing else.
    private static func page(signedIn: Bool, language: Language) -> String {
        let title = "Puzzel Call"
        let words = (signedIn ? BrowserSignInText.pageSignedIn : .pageNotSignedIn).text(in: language).htmlEscaped
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(title)</title></head>
            <body style="font-family: sans-serif; margin: 3em"><h1>\(title)</h1><p>\(words)</p></body></html>

            """
    }

    private static func respond(on connection: Int32, status: String, body: String?) {
        let content = Array((body ?? "").utf8)
        let head =
            "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(content.count)\r\n"
            + "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + content
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes {
                send(connection, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return }
            sent += count
        }
    }
}

extension [UInt8] {
    /// Whether these bytes end with the blank line that ends an HTTP head.
    fileprivate var endsHead: Bool { suffix(4).elementsEqual([13, 10, 13, 10]) || suffix(2).elementsEqual([10, 10]) }
}

extension String {
    fileprivate var htmlEscaped: String {
        var escaped = ""
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
