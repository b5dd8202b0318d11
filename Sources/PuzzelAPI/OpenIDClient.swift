import FoundationEssentials
import Localization
import SystemSupport

/// Puzzel ID's endpoints for the browser sign-in, as its OpenID discovery document names them, checked.
package struct OpenIDEndpoints: Sendable, Codable, Equatable {
    package let issuer: String
    package let authorizationEndpoint: URL
    package let tokenEndpoint: URL
    /// RFC 7009's revocation endpoint, when the provider offers one.
    package let revocationEndpoint: URL?
}

/// A client registered with Puzzel ID for the browser sign-in. Public clients (the usual case for a desktop
/// program, RFC 8252) have no secret; PKCE stands in for it.
package struct OpenIDClientRegistration: Sendable, CustomStringConvertible {
    package let clientId: String
    package let clientSecret: String?

    package init(clientId: String, clientSecret: String?) {
        self.clientId = clientId
        self.clientSecret = clientSecret
    }

    package var description: String { "OpenIDClientRegistration(clientId: \(clientId))" }

    /// The fields that name the client in a token or revocation request (`client_secret_post` when confidential).
    var fields: [(String, String)] {
        [("client_id", clientId)] + (clientSecret.map { [("client_secret", $0)] } ?? [])
    }
}

/// What the token endpoint handed out. The ID token is neither kept nor relied on: who signed in comes from
/// Puzzel's `accesstokeninformation`.
package struct OpenIDTokens: Sendable {
    package let accessToken: AccessToken
    package let refreshToken: String?
}

extension PuzzelClient {
    /// `GET {puzzelIDURL}/.well-known/openid-configuration`, checked: it names the configured issuer, and every
    /// endpoint is https (or on this machine). The document is fetched without following a redirect, so it
    /// comes from the configured host or not at all.
    package func discoverSignIn(deadline: Date) async throws(PuzzelError) -> OpenIDEndpoints {
        let call = Call(.readSignInSettings, secrets: [])
        let issuer = endpoints.puzzelIDURL
        let answer = try await send(
            HTTPRequest(method: .get, url: issuer.appendingAPIPath(".well-known/openid-configuration")), call, deadline)
        guard (200..<300).contains(answer.status) else { throw answer.unexpected(call) }
        let document: DiscoveryDocument = try answer.decode(call)
        func trimmed(_ text: String) -> String { text.hasSuffix("/") ? String(text.dropLast()) : text }
        guard trimmed(document.issuer) == trimmed(issuer.absoluteString) else {
            throw PuzzelError(
                .unusableSignInSettings,
                .issuerMismatch(
                    configured: issuer.absoluteString.escapedForDisplay, found: call.clean(document.issuer)))
        }
        func endpoint(_ name: String, _ text: String?) throws(PuzzelError) -> URL {
            guard let text, let url = URL(string: text), url.host?.isEmpty == false,
                URLPolicy.permittedScheme(of: url) != nil
            else {
                throw PuzzelError(.unusableSignInSettings, .endpointNotAllowed(name: name, url: text.map(call.clean)))
            }
            return url
        }
        if let methods = document.codeChallengeMethods, !methods.contains("S256") {
            throw PuzzelError(
                .unusableSignInSettings, .endpointNotAllowed(name: "code_challenge_methods_supported S256", url: nil))
        }
        return OpenIDEndpoints(
            issuer: document.issuer,
            authorizationEndpoint: try endpoint("authorization_endpoint", document.authorizationEndpoint),
            tokenEndpoint: try endpoint("token_endpoint", document.tokenEndpoint),
            revocationEndpoint: try document.revocationEndpoint.map { text throws(PuzzelError) in
                try endpoint("revocation_endpoint", text)
            })
    }

    /// The authorization-code grant with PKCE: trades the code the browser brought back for tokens.
    package func finishBrowserSignIn(
        code: String, verifier: String, redirectURI: String, client: OpenIDClientRegistration,
        at endpoints: OpenIDEndpoints, deadline: Date
    ) async throws(PuzzelError) -> OpenIDTokens {
        let call = Call(.finishBrowserSignIn, secrets: [code, verifier, client.clientSecret ?? ""])
        let form =
            [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
                ("code_verifier", verifier),
            ] + client.fields
        let answer = try await send(.form(form, to: endpoints.tokenEndpoint), call, deadline)
        switch answer.status {
        case 200..<300:
            return try tokens(answer, call)
        case 400, 401:
            throw PuzzelError(.browserSignInRefused, .browserSignInRefused(puzzelSays: answer.explanation(call)))
        default:
            throw answer.unexpected(call)
        }
    }

    /// The refresh-token grant. A refusal (`invalid_grant`: revoked, expired, or already used) is
    /// `refreshRejected`: the agent signs in again.
    package func renewBrowserSession(
        refreshToken: String, client: OpenIDClientRegistration, at endpoints: OpenIDEndpoints, deadline: Date
    ) async throws(PuzzelError) -> OpenIDTokens {
        let call = Call(.renewBrowserSession, secrets: [refreshToken, client.clientSecret ?? ""])
        let form = [("grant_type", "refresh_token"), ("refresh_token", refreshToken)] + client.fields
        let answer = try await send(.form(form, to: endpoints.tokenEndpoint), call, deadline)
        switch answer.status {
        case 200..<300:
            return try tokens(answer, call)
        case 400, 401:
            throw PuzzelError(.refreshRejected, .sessionEnded)
        default:
            throw answer.unexpected(call)
        }
    }

    /// RFC 7009: tells the provider the refresh token is no longer wanted. A 200 means done, whether or not
    /// it still knew the token.
    package func revoke(
        refreshToken: String, client: OpenIDClientRegistration, at revocationEndpoint: URL, deadline: Date
    ) async throws(PuzzelError) {
        let call = Call(.signOutOfPuzzelID, secrets: [refreshToken, client.clientSecret ?? ""])
        let form = [("token", refreshToken), ("token_type_hint", "refresh_token")] + client.fields
        let answer = try await send(.form(form, to: revocationEndpoint), call, deadline)
        guard (200..<300).contains(answer.status) else { throw answer.unexpected(call) }
    }

    private func tokens(_ answer: HTTPAnswer, _ call: Call) throws(PuzzelError) -> OpenIDTokens {
        let token: TokenAnswer = try answer.decode(call)
        guard !token.accessToken.isEmpty else { throw PuzzelError.unreadable(call) }
        let expiry = JWT.expiry(of: token.accessToken) ?? token.expiresIn.map { answer.sentAt.addingTimeInterval($0) }
        return OpenIDTokens(
            accessToken: AccessToken(value: token.accessToken, expiry: expiry),
            refreshToken: token.refreshToken.flatMap { $0.isEmpty ? nil : $0 })
    }
}

/// The fields of an OpenID Provider's metadata this client reads (OpenID Connect Discovery 1.0 §3).
private struct DiscoveryDocument: Decodable {
    let issuer: String
    let authorizationEndpoint: String?
    let tokenEndpoint: String?
    let revocationEndpoint: String?
    let codeChallengeMethods: [String]?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case revocationEndpoint = "revocation_endpoint"
        case codeChallengeMethods = "code_challenge_methods_supported"
    }
}

/// A token endpoint's answer (RFC 6749 §5.1); `id_token` is not read.
private struct TokenAnswer: Decodable {
    let accessToken: String
    let refreshToken: String?
    let expiresIn: Double?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case expiresIn = "expires_in"
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decode(String.self, forKey: .accessToken)
        refreshToken = try? container.decodeIfPresent(String.self, forKey: .refreshToken)
        expiresIn = try? container.decodeIfPresent(Double.self, forKey: .expiresIn)
    }
}
