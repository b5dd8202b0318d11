import Foundation
import SystemSupport
import Testing

@testable import BrowserSignIn

@Suite(.timeLimit(.minutes(5))) struct AuthorizationRequestTests {
    @Test func theChallengeIsTheVerifiersSHA256InBase64URL() {
        // As Python's hashlib and base64.urlsafe_b64encode (padding removed) compute it.
        #expect(
            AuthorizationRequest.challenge(for: "dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk")
                == "ngF5GsXcbwljx6u133FFr3Xht9xooA_DuaX_3QwODtc")
    }

    @Test func eachRequestHasFreshSecretsAndAnAddressWithoutTheVerifier() throws {
        let endpoint = URL(string: "https://id.example.com/connect/authorize")!
        let first = AuthorizationRequest(
            authorizationEndpoint: endpoint, clientId: "puzzel-call", scope: "openid contact-centre",
            redirectURI: "http://127.0.0.1:4711/")
        let second = AuthorizationRequest(
            authorizationEndpoint: endpoint, clientId: "puzzel-call", scope: "openid contact-centre",
            redirectURI: "http://127.0.0.1:4711/")
        #expect(first.verifier.count == 43, "32 random bytes, as RFC 7636 recommends")
        #expect(first.verifier != second.verifier && first.state != second.state && first.nonce != second.nonce)
        let query = try #require(URLComponents(string: first.url)?.queryItems)
        let fields = Dictionary(uniqueKeysWithValues: query.map { ($0.name, $0.value ?? "") })
        #expect(fields["code_challenge"] == AuthorizationRequest.challenge(for: first.verifier))
        #expect(fields["code_challenge_method"] == "S256")
        #expect(fields["redirect_uri"] == "http://127.0.0.1:4711/")
        #expect(fields["scope"] == "openid contact-centre")
        #expect(fields["state"] == first.state && fields["nonce"] == first.nonce)
        #expect(!first.url.contains(first.verifier))
        #expect(!"\(first)".contains(first.verifier))
    }

    @Test func base64URLHasNoPaddingAndTheURLAlphabet() {
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.encode(Array("hello".utf8)) == "aGVsbG8")
        #expect(Base64URL.encode([]) == "")
    }

    @Test func sha256MatchesFIPSVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
