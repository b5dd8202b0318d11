import FoundationEssentials
import SystemSupport

/// Puzzel's two hosting platforms.
package enum Platform: String, Sendable {
    case main, uk
}

/// Where the client sends its requests. Every URL may be overridden (tests, proxies, the sandbox);
/// a base may carry a path, like Puzzel ID's `https://app.puzzel.com/id`.
package struct PuzzelEndpoints: Sendable, Equatable {
    /// Base of `/api/Authenticate/LogIn` and `/api/Authenticate/GetAccessToken`.
    package var authURL: URL
    /// Base of `/ContactCentre5/...`.
    package var apiURL: URL
    /// Base of Puzzel ID's `/connect/token`.
    package var puzzelIDURL: URL

    package init(authURL: URL, apiURL: URL, puzzelIDURL: URL) {
        self.authURL = authURL
        self.apiURL = apiURL
        self.puzzelIDURL = puzzelIDURL
    }

    /// Puzzel's hosts, from its help-centre pages on click-to-call, Puzzel ID and DNS requirements.
    package static func platform(_ platform: Platform) -> PuzzelEndpoints {
        let puzzelID = URL(string: "https://app.puzzel.com/id")!
        switch platform {
        case .main:
            return PuzzelEndpoints(
                authURL: URL(string: "https://auth.puzzel.com")!,
                apiURL: URL(string: "https://api.puzzel.com")!, puzzelIDURL: puzzelID)
        case .uk:
            return PuzzelEndpoints(
                authURL: URL(string: "https://ukauth.puzzel.com")!,
                apiURL: URL(string: "https://ukapi.puzzel.com")!, puzzelIDURL: puzzelID)
        }
    }
}

extension URL {
    /// This base with `path` appended, whether or not the base ends in a slash. Callers percent-encode
    /// every variable segment first, so the result always parses.
    func appendingAPIPath(_ path: String) -> URL {
        var base = absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + "/" + path)!
    }
}

extension String {
    /// This string as one URL path segment: everything but letters, digits, `-`, `_` and `~` is
    /// percent-encoded, so neither `/` nor `.` or `..` can change which resource is addressed.
    var asPathSegment: String { percentEncoded(keeping: "-_~") }
}
