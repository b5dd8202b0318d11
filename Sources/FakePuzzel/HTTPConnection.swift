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
            _ = write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        if head.headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            return readChunkedBody()
        }
        return read(count: Int(head.headers["content-length"] ?? "0") ?? 0).map { Data($0) }
    }

    /// Sends the answer at once, or a byte at a time spread over `spreadOver` seconds.
    func respond(status: Int, body: Data, close: Bool, spreadOver duration: Double = 0, headers: [String] = []) {
        let head = self.head(status: status, close: close, headers: headers + ["Content-Length: \(body.count)"])
        let bytes = Array(head.utf8) + Array(body)
        guard duration > 0 else { return _ = write(bytes) }
        for byte in bytes {
            _ = write([byte])
            Thread.sleep(forTimeInterval: duration / Double(bytes.count))
        }
    }

    /// Streams `bytes` bytes of filler in 64 KiB blocks, as long as the client keeps reading, then closes.
    func respondOversized(bytes: Int, declaringLength: Bool) {
        let framing = declaringLength ? "Content-Length: \(bytes)" : "Transfer-Encoding: chunked"
        guard write(Array(head(status: 200, close: true, headers: [framing]).utf8)) else { return }
        let block = [UInt8](repeating: UInt8(ascii: " "), count: 64 * 1024)
        var sent = 0
        while sent < bytes {
            let count = min(block.count, bytes - sent)
            let frame =
                declaringLength
                ? Array(block[..<count])
                : Array("\(String(count, radix: 16))\r\n".utf8) + block[..<count] + Array("\r\n".utf8)
            guard write(frame) else { return }
            sent += count
        }
        if !declaringLength { _ = write(Array("0\r\n\r\n".utf8)) }
    }

    private func head(status: Int, close: Bool, headers: [String]) -> String {
        (["HTTP/1.1 \(status) \(Self.reason(status))", "Content-Type: application/json; charset=utf-8"] + headers
            + ["Connection: \(close ? "close" : "keep-alive")"]).joined(separator: "\r\n") + "\r\n\r\n"
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

    /// False when the client hung up.
    private func write(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            // MSG_NOSIGNAL: a client that hung up must not kill the process hosting the fake with SIGPIPE.
            let result = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard result > 0 else { return false }
            sent += result
        }
        return true
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
