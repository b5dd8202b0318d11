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
    /// The browser sign-in's refresh token (OpenID Connect); such a session lives only in the keyring.
    var browserRefreshToken: String? = nil
    /// Where the browser sign-in's session renews itself, as the provider's discovery document named it.
    var signInEndpoints: OpenIDEndpoints? = nil
    /// The customer key Puzzel's `accesstokeninformation` gave, for a sign-in that does not configure one.
    var puzzelCustomerKey: String? = nil

    /// The customer whose agent this is: the configured one, else the one Puzzel named.
    var customerKey: String { puzzelCustomerKey ?? identity.customerKey }

    /// Renew this long before the token expires, so it does not run out during a click.
    static let renewalMargin: TimeInterval = 60

    func hasUsableToken(at now: Date) -> Bool {
        guard let tokenExpiry else { return true }
        return tokenExpiry.timeIntervalSince(now) > Self.renewalMargin
    }

    func canRefresh(at now: Date) -> Bool {
        // The provider says nothing of how long a refresh token lives: it is tried, and a refusal ends it.
        if browserRefreshToken != nil { return true }
        guard let refreshSession else { return false }
        return refreshSession.expiry.timeIntervalSince(now) > Self.renewalMargin
    }
}

/// Where sessions are kept between clicks: `$XDG_CACHE_HOME/puzzel-call/session.json` (0600), or, for the
/// browser sign-in, the desktop keyring alone, so its access and refresh tokens never touch a disk. Every
/// session it loads or saves has its tokens and session id added to `secrets`, so no text shown or stored
/// can hold them.
struct SessionStore: Sendable {
    let directory: String
    let secrets: SecretValues
    /// Set for the browser sign-in: its sessions live in the keyring instead of the file.
    let keyring: KeyringSessions?
    var file: String { directory + "/session.json" }
    /// Held across a sign-in, so that parallel clicks make one (in the first of the record folders).
    static let lockName = "sign-in.lock"

    enum Failure: Error, CustomStringConvertible {
        case file(PrivateFile.Failure)
        case keyring(SecretStore.Failure)

        var description: String {
            switch self {
            case .file(let failure): "\(failure)"
            case .keyring(let failure): "\(failure)"
            }
        }
    }

    /// The cached session of `identity`; nil when there is none, or it is damaged, foreign or another's.
    /// Throws only when the keyring did not answer by `deadline`.
    func load(for identity: SessionIdentity, deadline: Date) async throws(CallFailure) -> StoredSession? {
        let data: Data?
        if let keyring {
            do {
                data = try await keyring.load(until: deadline)
            } catch .notAnswering {
                throw .keyringNotAnswering(within: keyring.patience)
            } catch {
                data = nil
            }
        } else {
            data = PrivateFile.readOwned(file)
        }
        guard let data, let session = try? JSONDecoder.puzzelCall.decode(StoredSession.self, from: data),
            session.identity == identity
        else { return nil }
        remember(session)
        return session
    }

    func save(_ session: StoredSession) async throws(Failure) {
        remember(session)
        let data = try! JSONEncoder.puzzelCall.encode(session)
        if let keyring {
            do { try await keyring.save(data) } catch { throw .keyring(error) }
            return
        }
        do {
            try PrivateFile.ensureDirectory(directory)
            try PrivateFile.write(data, to: file)
        } catch {
            throw .file(error)
        }
    }

    func clear() async {
        if let keyring {
            await keyring.clear()
        } else {
            unlink(file)
        }
    }

    private func remember(_ session: StoredSession) {
        secrets.insert(session.accessToken.value)
        secrets.insert(session.refreshSession?.sessionId)
        secrets.insert(session.browserRefreshToken)
    }
}

/// The browser sign-in's session in the desktop keyring (the Secret Service, through `secret-tool`, the
/// session on its standard input), one for each issuer and client. `secret-tool` is waited for on a thread of
/// its own.
struct KeyringSessions: Sendable {
    let store: SecretStore
    let attributes: [String]
    /// The seconds a click waits for the keyring, for the message when it did not answer.
    let patience: Double

    init(configuration: Configuration, environment: [String: String]) {
        store = SecretStore(environment: environment)
        attributes = [
            "kind", "browser-session", "issuer", configuration.endpoints.puzzelIDURL.absoluteString, "clientId",
            configuration.idClientId ?? "",
        ]
        patience = configuration.timeoutSeconds
    }

    func load(until deadline: Date) async throws(SecretStore.Failure) -> Data? {
        try await DedicatedThread.run { [self] in
            Result { () throws(SecretStore.Failure) in try loadBlocking(until: deadline) }
        }.get()
    }

    /// The same, on the caller's thread (which must not be one of the cooperative pool's).
    func loadBlocking(until deadline: Date) throws(SecretStore.Failure) -> Data? {
        try store.lookup(attributes: attributes, deadline: deadline).map { Data($0.utf8) }
    }

    func save(_ data: Data) async throws(SecretStore.Failure) {
        let (store, attributes) = (store, attributes)
        let text = String(decoding: data, as: UTF8.self)
        try await DedicatedThread.run {
            Result { () throws(SecretStore.Failure) in
                try store.store(text, label: "Puzzel ID session of Puzzel Call", attributes: attributes)
            }
        }.get()
    }

    func clear() async {
        let (store, attributes) = (store, attributes)
        await DedicatedThread.run { try? store.clear(attributes: attributes) }
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
