import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// TCP on 127.0.0.1 for the fakes: a listening socket on a given or free port, and a connection to a port.
enum LoopbackSocket {
    /// A socket listening on 127.0.0.1:`port` (a free ephemeral port when 0), and the port it got.
    static func listen(port: UInt16) throws -> (socket: Int32, port: UInt16) {
        let (listener, port) = try bind(port: port)
        guard Glibc.listen(listener, 128) == 0 else {
            let error = lastError
            close(listener)
            throw FakePuzzelError(description: "cannot listen on 127.0.0.1:\(port): \(error)")
        }
        return (listener, port)
    }

    /// A socket bound to 127.0.0.1:`port` (a free ephemeral port when 0) but not listening, and the port it got.
    static func bind(port: UInt16) throws -> (socket: Int32, port: UInt16) {
        let bound = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard bound >= 0 else { throw FakePuzzelError(description: "cannot create a socket: \(lastError)") }
        var reuse: Int32 = 1
        setsockopt(bound, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(bound, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = lastError
            close(bound)
            throw FakePuzzelError(description: "cannot bind 127.0.0.1:\(port): \(error)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(bound, $0, &length) }
        }
        return (bound, UInt16(bigEndian: address.sin_port))
    }

    /// The next connection to `listener`; nil once the listener is shut down.
    static func accept(_ listener: Int32) -> Int32? {
        while true {
            let client = Glibc.accept(listener, nil, nil)
            if client >= 0 { return client }
            if errno != EINTR { return nil }
        }
    }

    /// A socket connected to 127.0.0.1:`port`; nil when nothing listens there.
    static func connect(port: UInt16) -> Int32? {
        let connection = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard connection >= 0 else { return nil }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(connection)
            return nil
        }
        return connection
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static var lastError: String { String(cString: strerror(errno)) }
}
