import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The start of an HTTP/1.1 request: what the fake needs before deciding how to answer.
struct RequestHead {
    let method: String
    let path: String
    /// Names in lower case.
    let headers: [String: String]

    var wantsClose: Bool { headers["connection"]?.lowercased() == "close" }
}

/// Blocking HTTP/1.1 reading and writing on one accepted socket. Just enough for Puzzel's requests:
/// `Content-Length` or chunked bodies, `Expect: 100-continue`, keep-alive.
final class HTTPConnection {
    let socket: Int32
    private var buffer: [UInt8] = []

    init(socket: Int32) { self.socket = socket }

    /// The next request's head, or nil when the client closed the connection or sent nonsense.
    func readHead() -> RequestHead? {
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        var end: Int?
        while true {
            if let found = firstIndex(of: terminator) { end = found; break }
            guard buffer.count < 64 * 1024, fill() else { return nil }
        }
        guard let end else { return nil }
        let text = String(decoding: buffer[..<end], as: UTF8.self)
        buffer.removeFirst(end + terminator.count)
        var lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RequestHead(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers)
    }

    /// The body that follows `head`, or nil when the connection ended first.
    func readBody(of head: RequestHead) -> Data? {
        if head.headers["expect"]?.lowercased() == "100-continue" {
            write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        if head.headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            return readChunkedBody()
        }
        return read(count: Int(head.headers["content-length"] ?? "0") ?? 0).map { Data($0) }
    }

    /// Sends the answer at once, or a byte at a time spread over `spreadOver` seconds.
    func respond(status: Int, body: Data, close: Bool, spreadOver duration: Double = 0) {
        let head =
            "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
            + "Content-Type: application/json; charset=utf-8\r\n"
            + "Content-Length: \(body.count)\r\n"
            + "Connection: \(close ? "close" : "keep-alive")\r\n\r\n"
        let bytes = Array(head.utf8) + Array(body)
        guard duration > 0 else { return write(bytes) }
        for byte in bytes {
            write([byte])
            Thread.sleep(forTimeInterval: duration / Double(bytes.count))
        }
    }

    private func readChunkedBody() -> Data? {
        var body: [UInt8] = []
        while true {
            guard let sizeLine = readLine(), let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else {
                return nil
            }
            if size == 0 {
                while let trailer = readLine(), !trailer.isEmpty {}
                return Data(body)
            }
            guard let chunk = read(count: size), readLine() != nil else { return nil }
            body += chunk
        }
    }

    private func readLine() -> String? {
        let crlf: [UInt8] = [13, 10]
        while true {
            if let end = firstIndex(of: crlf) {
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                return line
            }
            guard fill() else { return nil }
        }
    }

    private func read(count: Int) -> [UInt8]? {
        while buffer.count < count {
            guard fill() else { return nil }
        }
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let received = recv(socket, &chunk, chunk.count, 0)
        guard received > 0 else { return false }
        buffer += chunk[..<received]
        return true
    }

    private func firstIndex(of pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        return (0...(buffer.count - pattern.count)).first { buffer[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }

    private func write(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            // MSG_NOSIGNAL: a client that hung up must not kill the process hosting the fake with SIGPIPE.
            let result = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard result > 0 else { return }
            sent += result
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status \(status)"
        }
    }
}
