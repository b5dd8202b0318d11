import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

package struct FakePuzzelError: Error, CustomStringConvertible {
    package let description: String
}

/// A fake Puzzel on 127.0.0.1: real HTTP/1.1 with keep-alive, one thread per connection, serving
/// LogIn, GetAccessToken, Puzzel ID's token endpoint and the ContactCentre5 calls the client uses.
/// Everything it is told and everything it received is behind one lock, so tests may read and
/// change it from any thread while requests are served. Call `stop()` when done.
package final class FakePuzzelServer: Sendable {
    package let port: UInt16
    /// Base of `/api/Authenticate/...`.
    package var authURL: URL { baseURL }
    /// Base of `/ContactCentre5/...`.
    package var apiURL: URL { baseURL }
    /// Base of `/connect/token`, like `https://app.puzzel.com/id`.
    package var puzzelIDURL: URL { baseURL.appendingPathComponent("id") }

    private let state: Mutex<FakePuzzelState>
    private let listener: Int32
    private var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Listens on `port`, or on a free ephemeral port when it is 0; `now` is the clock its tokens and
    /// sessions expire by.
    package init(account: FakeAccount = .sandbox, port: UInt16 = 0, now: @escaping @Sendable () -> Date = { Date() })
        throws
    {
        state = Mutex(FakePuzzelState(account: account, now: now))
        (listener, self.port) = try LoopbackSocket.listen(port: port)
        Thread.detachNewThread { [self] in acceptConnections() }
    }

    /// Stops accepting and hangs up every open connection. Requests being answered finish on their own.
    /// Stops listening and ends every open connection. Sockets are shut down under the lock that their
    /// threads also close them under: a descriptor number another test has been handed since is never hit.
    package func stop() {
        locked { state in
            guard !state.stopped else { return }
            state.stopped = true
            if !state.listenerClosed { shutdown(listener, Int32(SHUT_RDWR)) }
            for socket in state.openSockets { shutdown(socket, Int32(SHUT_RDWR)) }
        }
    }

    func locked<T: Sendable>(_ body: (inout FakePuzzelState) -> T) -> T {
        state.withLock { body(&$0) }
    }

    private func acceptConnections() {
        while let client = LoopbackSocket.accept(listener) {
            var noDelay: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            let connectionID = locked { state -> Int? in
                guard !state.stopped else { return nil }
                state.openSockets.insert(client)
                state.connectionCount += 1
                return state.connectionCount
            }
            guard let connectionID else {
                close(client)
                break
            }
            Thread.detachNewThread { [self] in serve(HTTPConnection(socket: client), connectionID: connectionID) }
        }
        locked { state in
            state.listenerClosed = true
            close(listener)
        }
    }

    private func serve(_ connection: HTTPConnection, connectionID: Int) {
        defer {
            locked { state in
                state.openSockets.remove(connection.socket)
                close(connection.socket)
            }
        }
        while let head = connection.readHead() {
            let (endpoint, customerKey, userId) = FakeEndpoint.route(method: head.method, path: head.path)
            locked { $0.rendezvous[endpoint] }?.arriveAndWait()
            let fault = locked { $0.takeFault(for: endpoint) }
            let body = fault == .dropBeforeReading ? nil : connection.readBody(of: head)
            let request = RecordedRequest(
                method: head.method, path: head.path, headers: head.headers, body: body ?? Data(),
                isComplete: body != nil, connectionID: connectionID, endpoint: endpoint)
            guard body != nil else {
                // Recorded all the same: a real server saw this request start, even if it cannot act on it.
                record(request, status: nil)
                return
            }
            let reply: (status: Int, body: Data)?
            switch fault {
            case .respond(let status, let body)?: reply = (status, Data(body.utf8))
            case .redirect(let status, let location)?:
                record(request, status: status)
                connection.respond(
                    status: status, body: Data(), close: head.wantsClose, headers: ["Location: \(location)"])
                if head.wantsClose { return }
                continue
            case .oversized(let bytes, let declaringLength)?:
                record(request, status: 200)
                return connection.respondOversized(bytes: bytes, declaringLength: declaringLength)
            case .respondRaw(let status, let headers, let body)?:
                record(request, status: status)
                return connection.respond(status: status, body: Data(body), close: true, headers: headers)
            case .dropAfterReading?:
                _ = locked { $0.answer(request, customerKey: customerKey, userId: userId) }
                reply = nil
            case .delay?, .trickle?, .dropBeforeReading?, nil:
                reply = locked { $0.answer(request, customerKey: customerKey, userId: userId) }
            }
            record(request, status: reply?.status)
            if case .delay(let seconds)? = fault { Thread.sleep(forTimeInterval: seconds) }
            guard let reply else { return }
            var spread = 0.0
            if case .trickle(let seconds)? = fault { spread = seconds }
            connection.respond(status: reply.status, body: reply.body, close: head.wantsClose, spreadOver: spread)
            if head.wantsClose { return }
        }
    }

    private func record(_ request: RecordedRequest, status: Int?) {
        let observer = locked { state in
            state.requests.append(request)
            return state.onExchange
        }
        observer?(request, status)
    }
}

// MARK: - What tests and the sandbox control

extension FakePuzzelServer {
    /// Every request received so far, in order of arrival.
    package var requests: [RecordedRequest] { locked { $0.requests } }

    package func requests(to endpoint: FakeEndpoint) -> [RecordedRequest] {
        requests.filter { $0.endpoint == endpoint }
    }

    /// The number of TCP connections accepted so far.
    package var connectionCount: Int { locked { $0.connectionCount } }

    package var account: FakeAccount {
        get { locked { $0.account } }
        set { locked { $0.account = newValue } }
    }

    package var agentState: FakeAgentState {
        get { locked { $0.agentState } }
        set { locked { $0.agentState = newValue } }
    }

    /// The states each accepted callout leads through: every state read after it answers the next, and the
    /// last stays, as Puzzel's agent goes from ringing to the call to its end. Empty (the default): the state
    /// stays as set.
    package var statusTimeline: [FakeAgentState] {
        get { locked { $0.statusTimeline } }
        set { locked { $0.statusTimeline = newValue } }
    }

    package func setAgentState(
        contactCentreStatus: String, userStatus: String, pauseTypeId: String? = nil, pauseName: String? = nil
    ) {
        agentState = FakeAgentState(
            contactCentreStatus: contactCentreStatus, userStatus: userStatus,
            pauseTypeId: pauseTypeId, pauseTypeName: pauseName)
    }

    /// Lifetime of access tokens issued from now on (the JWT `exp` and `accessTokenExpiry`). Default one hour.
    package var accessTokenLifetime: TimeInterval {
        get { locked { $0.accessTokenLifetime } }
        set { locked { $0.accessTokenLifetime = newValue } }
    }

    /// Lifetime of refresh sessions issued from now on (`refreshToken.expiryDate`). Default eight hours.
    package var refreshSessionLifetime: TimeInterval {
        get { locked { $0.refreshSessionLifetime } }
        set { locked { $0.refreshSessionLifetime = newValue } }
    }

    /// How GetAccessToken answers: a bare JSON string (default, as one public client reads it) or `{"accessToken": ...}`.
    package var refreshAnswersWithObject: Bool {
        get { locked { $0.refreshAnswersWithObject } }
        set { locked { $0.refreshAnswersWithObject = newValue } }
    }

    /// The `code` and `message` of the callout's answer. Default `0` and no message: success.
    package var calloutResult: (code: Int, message: String?) {
        get { locked { $0.calloutResult } }
        set { locked { $0.calloutResult = newValue } }
    }

    /// Wrong passwords since the last good one; like Puzzel, the fake locks the user at four.
    package var failedLogIns: Int { locked { $0.failedLogIns } }

    /// Accepts, besides its own, the access tokens `isValid` vouches for: those of an OpenID provider the test
    /// signs in with, as Puzzel accepts Puzzel ID's. Asked (on the fake's thread) for each token it does not know.
    package func trustTokens(_ isValid: @escaping @Sendable (String) -> Bool) {
        locked { $0.externalTokens = isValid }
    }

    /// Makes every access token issued so far invalid (answered 401), as if it had expired on Puzzel's side.
    package func expireAccessTokens() { locked { $0.accessTokens.removeAll() } }

    /// Makes every refresh session issued so far invalid.
    package func expireRefreshSessions() { locked { $0.refreshSessions.removeAll() } }

    /// Holds requests to `endpoint` until `count` of them are waiting or `patience` seconds have passed,
    /// then answers them all: two clients that race past a lock are then sure to be caught together.
    package func holdAnswers(on endpoint: FakeEndpoint, untilWaiting count: Int, atMost patience: Double) {
        locked { $0.rendezvous[endpoint] = Rendezvous(count: count, patience: patience) }
    }

    /// Holds every request to `endpoint` until `releaseAnswers(on:)`, as a Puzzel that is slow to answer: a
    /// test sees what a client does while it waits, for as long as it likes, with no clock involved. The
    /// hold gives way by itself after `patience` seconds, so that a test that fails never hangs.
    package func holdAnswers(on endpoint: FakeEndpoint, atMost patience: Double = 30) {
        holdAnswers(on: endpoint, untilWaiting: .max, atMost: patience)
    }

    /// Answers the requests `holdAnswers(on:)` holds, and every later one at once.
    package func releaseAnswers(on endpoint: FakeEndpoint) {
        locked { $0.rendezvous[endpoint] }?.release()
    }

    /// How many requests to `endpoint` have reached the hold of `holdAnswers`, answered or still held.
    package func arrivals(on endpoint: FakeEndpoint) -> Int {
        locked { $0.rendezvous[endpoint] }?.arrivals ?? 0
    }

    /// The ids of the refresh sessions still live: secrets a client must never show.
    package var sessionIds: [String] { locked { Array($0.refreshSessions.keys) } }

    /// Applies `fault` to the next `times` requests to `endpoint`, before any fault injected later.
    package func inject(_ fault: Fault, on endpoint: FakeEndpoint, times: Int = 1) {
        locked { $0.faults[endpoint, default: []] += Array(repeating: fault, count: times) }
    }

    /// Called on the connection's thread for every request, with the status answered (nil when the
    /// connection was dropped). The sandbox logs with it.
    package var onExchange: (@Sendable (RecordedRequest, Int?) -> Void)? {
        get { locked { $0.onExchange } }
        set { locked { $0.onExchange = newValue } }
    }
}
