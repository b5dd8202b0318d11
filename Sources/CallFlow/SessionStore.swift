import Desktop
import FoundationEssentials
import Glibc
import PuzzelAPI
import SystemSupport

/// Who a session belongs to, and where. A session is reused only by the same identity, so a changed
/// configuration never borrows a stranger's session, and its token and session id go only to the URLs
/// they were issued for: a changed auth or API URL means a new sign-in.
package struct SessionIdentity: Codable, Sendable, Equatable {
    package let authURL: String
    package let customerKey: String
    /// The user name, or the Puzzel ID client for the client-credentials sign-in.
    package let principal: String
    /// Where the token is sent. A rejected password's record is keyed without it: it names whom Puzzel
    /// rejected, not where the token went.
    package let apiURL: String
}

/// A signed-in session as kept between clicks: never shown, only in a 0600 file.
struct StoredSession: Codable, Sendable, Equatable {
    let identity: SessionIdentity
    var accessToken: AccessToken
    /// When the access token stops working: the JWT's `exp`, or `accessTokenExpiry` from Puzzel.
    var tokenExpiry: Date?
    var refreshSession: RefreshSession?
    var userId: String?

    /// Renew this long before the token expires, so it does not run out during a click.
    static let renewalMargin: TimeInterval = 60

    func hasUsableToken(at now: Date) -> Bool {
        guard let tokenExpiry else { return true }
        return tokenExpiry.timeIntervalSince(now) > Self.renewalMargin
    }

    func canRefresh(at now: Date) -> Bool {
        guard let refreshSession else { return false }
        return refreshSession.expiry.timeIntervalSince(now) > Self.renewalMargin
    }
}

/// The session cache in `$XDG_CACHE_HOME/puzzel-call/session.json`. Every session it loads or saves has
/// its token and session id added to `secrets`, so no text shown or stored can hold them.
struct SessionStore {
    let directory: String
    let secrets: SecretValues
    var file: String { directory + "/session.json" }
    /// Held across a sign-in, so that parallel clicks make one (in the first of the record folders).
    static let lockName = "sign-in.lock"

    /// The cached session of `identity`; nil when there is none, or the file is damaged, foreign or another's.
    func load(for identity: SessionIdentity) -> StoredSession? {
        guard let data = PrivateFile.readOwned(file),
            let session = try? JSONDecoder.puzzelCall.decode(StoredSession.self, from: data),
            session.identity == identity
        else { return nil }
        remember(session)
        return session
    }

    func save(_ session: StoredSession) throws(PrivateFile.Failure) {
        remember(session)
        try PrivateFile.ensureDirectory(directory)
        try PrivateFile.write(try! JSONEncoder.puzzelCall.encode(session), to: file)
    }

    func clear() {
        unlink(file)
    }

    private func remember(_ session: StoredSession) {
        secrets.insert(session.accessToken.value)
        secrets.insert(session.refreshSession?.sessionId)
    }
}

extension JSONEncoder {
    static var puzzelCall: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension JSONDecoder {
    static var puzzelCall: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
