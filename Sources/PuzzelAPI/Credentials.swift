import FoundationEssentials

/// What Puzzel's password login needs.
package struct PasswordCredentials: Sendable, CustomStringConvertible {
    package var customerKey: String
    package var userName: String
    package var password: String

    package init(customerKey: String, userName: String, password: String) {
        self.customerKey = customerKey
        self.userName = userName
        self.password = password
    }

    /// Never shows the password, however the value ends up printed.
    package var description: String { "PasswordCredentials(customerKey: \(customerKey), userName: \(userName))" }
}

/// What Puzzel ID's client-credentials grant needs. `userId` is part of the requested scope.
package struct ClientCredentials: Sendable, CustomStringConvertible {
    package var clientId: String
    package var clientSecret: String
    package var customerKey: String
    package var userId: String

    package init(clientId: String, clientSecret: String, customerKey: String, userId: String) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.customerKey = customerKey
        self.userId = userId
    }

    package var description: String {
        "ClientCredentials(clientId: \(clientId), customerKey: \(customerKey), userId: \(userId))"
    }
}

/// A bearer token for ContactCentre5.
package struct AccessToken: Sendable, Codable, Equatable, CustomStringConvertible {
    package let value: String
    /// When Puzzel stops accepting it, if known: the JWT's `exp` claim, or what the issuer said.
    package let expiry: Date?

    /// Reads the expiry from the token's `exp` claim when it is a JWT (the signature is not checked:
    /// the expiry only decides when to renew, Puzzel decides what it accepts).
    package init(_ value: String) {
        self.init(value: value, expiry: JWT.expiry(of: value))
    }

    package init(value: String, expiry: Date?) {
        self.value = value
        self.expiry = expiry
    }

    package var description: String { "AccessToken(expiry: \(expiry.map { "\($0)" } ?? "unknown"))" }
}

/// Puzzel's `refreshToken`: the session GetAccessToken renews access tokens from.
package struct RefreshSession: Sendable, Codable, Equatable, CustomStringConvertible {
    package let customerKey: String
    package let sessionId: String
    package let expiry: Date

    package init(customerKey: String, sessionId: String, expiry: Date) {
        self.customerKey = customerKey
        self.sessionId = sessionId
        self.expiry = expiry
    }

    package var description: String { "RefreshSession(customerKey: \(customerKey), expiry: \(expiry))" }
}

/// The result of a password login.
package struct SignIn: Sendable {
    package let accessToken: AccessToken
    /// Absent when Puzzel sent none; then the next renewal is a new login.
    package let refreshSession: RefreshSession?

    package init(accessToken: AccessToken, refreshSession: RefreshSession?) {
        self.accessToken = accessToken
        self.refreshSession = refreshSession
    }
}

enum JWT {
    /// The `exp` claim of a `header.payload.signature` token, or nil when it is not one.
    static func expiry(of token: String) -> Date? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = base64URLDecoded(parts[1]),
            let claims = try? JSONDecoder().decode(Claims.self, from: payload), let exp = claims.exp
        else { return nil }
        return Date(timeIntervalSince1970: exp)
    }

    private struct Claims: Decodable {
        let exp: Double?
    }

    private static func base64URLDecoded(_ text: Substring) -> Data? {
        var base64 = String(text).replacing("-", with: "+").replacing("_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
