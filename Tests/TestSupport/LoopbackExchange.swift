import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One exchange with a server on 127.0.0.1 over a plain socket: the request as written, and the whole answer
/// up to the server's close. No HTTP client comes in between, nor any proxy a test's environment names (CI's
/// second run names ones that lead nowhere).
package enum LoopbackExchange {
    /// The whole answer; nil when nothing listens on `port`.
    package static func send(_ request: String, toPort port: UInt16) -> [UInt8]? {
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
        _ = request.withCString { Glibc.send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var answer = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            answer += buffer[..<count]
        }
        return answer
    }
}
