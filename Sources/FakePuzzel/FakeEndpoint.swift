/// The Puzzel endpoints the fake serves, used to name where a fault goes and to filter recorded requests.
package enum FakeEndpoint: String, Sendable, CaseIterable {
    case logIn, getAccessToken, puzzelIDToken, tokenInformation, agentState, callout
    /// Any path the fake does not serve (answered 404).
    case unknown

    /// Routes a request; path matching is case-insensitive, as on Puzzel's .NET servers.
    /// Returns the decoded customer key and user id for the ContactCentre5 user paths.
    static func route(method: String, path: String) -> (FakeEndpoint, customerKey: String?, userId: String?) {
        let segments =
            path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/").map(String.init) } ?? []
        let lowered = segments.map { $0.lowercased() }
        switch (method, lowered) {
        case ("POST", ["api", "authenticate", "login"]): return (.logIn, nil, nil)
        case ("POST", ["api", "authenticate", "getaccesstoken"]): return (.getAccessToken, nil, nil)
        case ("POST", ["id", "connect", "token"]): return (.puzzelIDToken, nil, nil)
        case ("GET", ["contactcentre5", "accesstokeninformation"]): return (.tokenInformation, nil, nil)
        case ("GET", let s) where s.count == 4 && s[0] == "contactcentre5" && s[2] == "users":
            return (.agentState, segments[1].removingPercentEncoding, segments[3].removingPercentEncoding)
        case ("POST", let s) where s.count == 5 && s[0] == "contactcentre5" && s[2] == "users" && s[4] == "callout":
            return (.callout, segments[1].removingPercentEncoding, segments[3].removingPercentEncoding)
        default: return (.unknown, nil, nil)
        }
    }
}

/// Something going wrong on purpose, injected with `FakePuzzelServer.inject(_:on:times:)`.
package enum Fault: Sendable, Equatable {
    /// Answer with this status and body (sent as `application/json`, whatever it holds).
    case respond(status: Int, body: String)
    /// Wait this long, then answer normally (to make a client time out after it sent its request).
    case delay(seconds: Double)
    /// Answer normally, but send the answer a byte at a time spread over this long, so the
    /// connection is never idle (to check that a client's deadline is absolute, not an idle timeout).
    case trickle(seconds: Double)
    /// Close the connection as soon as the request line arrives, before reading the rest.
    case dropBeforeReading
    /// Read the whole request (it is recorded and acted on), then close the connection without answering.
    case dropAfterReading
    /// Answer with a redirect (301, 302, 307, 308…) to `location`, without acting on the request.
    case redirect(status: Int, to: String)
    /// Answer 200 with a body of `bytes` bytes of JSON-looking filler, sent in blocks as a server streams
    /// it: with a `Content-Length` when `declaringLength`, else chunked, so only counting can stop it.
    case oversized(bytes: Int, declaringLength: Bool)
    /// Answer with this status, these extra header lines and this body, byte for byte (a gzip bomb).
    case respondRaw(status: Int, headers: [String], body: [UInt8])
}
