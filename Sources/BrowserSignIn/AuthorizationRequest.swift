import FoundationEssentials
import SystemSupport

/// One browser sign-in's secrets and the address the browser opens: the authorization-code request with PKCE
/// (RFC 7636, S256), `state` (which answer is ours) and `nonce` (OpenID Connect), each fresh from the kernel's
/// random number generator. The address holds nothing about the agent or a customer.
package struct AuthorizationRequest: Sendable, CustomStringConvertible {
    /// PKCE's secret half: sent only to the token endpoint, with the code.
    package let verifier: String
    package let state: String
    package let nonce: String
    package let redirectURI: String
    /// What the browser opens.
    package let url: String

    /// - Parameters:
    ///   - authorizationEndpoint: from the provider's checked discovery document.
    ///   - redirectURI: the loopback listener's address.
    package init(authorizationEndpoint: URL, clientId: String, scope: String, redirectURI: String) {
        verifier = SecureRandom.base64URL(32)
        state = SecureRandom.base64URL(16)
        nonce = SecureRandom.base64URL(16)
        self.redirectURI = redirectURI
        let parameters = [
            ("response_type", "code"), ("client_id", clientId), ("redirect_uri", redirectURI), ("scope", scope),
            ("state", state), ("nonce", nonce), ("code_challenge", Self.challenge(for: verifier)),
            ("code_challenge_method", "S256"),
        ]
        let query = parameters.map { "\($0)=\($1.percentEncoded(keeping: "-_.~"))" }.joined(separator: "&")
        let base = authorizationEndpoint.absoluteString
        url = base + (base.contains("?") ? "&" : "?") + query
    }

    /// PKCE's S256 challenge: the unpadded base64url of the verifier's SHA-256.
    package static func challenge(for verifier: String) -> String {
        Base64URL.encode(SHA256.digest(Array(verifier.utf8)))
    }

    /// Never shows the verifier.
    package var description: String { "AuthorizationRequest(redirectURI: \(redirectURI))" }
}
