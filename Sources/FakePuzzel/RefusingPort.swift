import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A port on 127.0.0.1 that refuses every connection for as long as this value lives. It is bound but
/// never listens, so no server that a test running in parallel starts meanwhile can be given it: a stopped
/// server's port could be.
package final class RefusingPort: Sendable {
    package let port: UInt16
    private let socket: Int32

    package init() throws {
        (socket, port) = try LoopbackSocket.bind(port: 0)
    }

    deinit { close(socket) }

    package var url: URL { URL(string: "http://127.0.0.1:\(port)")! }
}
