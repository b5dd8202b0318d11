import FoundationEssentials

/// What Puzzel's password login needs.
public struct PasswordCredentials: Sendable, CustomStringConvertible {
    public var customerKey: String
    public var userName: String
    public var password: String

    public init(customerKey: String, userName: String, password: String) {
        self.customerKey = customerKey
        self.userName = userName
        self.password = password
    }

    /// Never shows the password, however the value ends up printed.
    public var description: String { "PasswordCredentials(customerKey: \(customerKey), userName: \(userName))" }
}

/// What Puzzel ID's client-credentials grant needs. `userId` is part of the requested scope.
public struct ClientCredentials: Sendable, CustomStringConvertible {
    public var clientId: String
    public var clientSecret: String
    public var customerKey: String
    public var userId: String

    public init(clientId: String, clientSecret: String, customerKey: String, userId: String) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.customerKey = customerKey
        self.userId = userId
    }

    public var description: String {
        "ClientCredentials(clientId: \(clientId), customerKey: \(customerKey), userId: \(userId))"
    }
}

/// A bearer token for ContactCentre5.
public struct AccessToken: Sendable, Codable, Equatable, CustomStringConvertible {
    public let value: String
    /// When Puzzel stops accepting it, if known: the JWT's `exp` claim, or what the issuer said.
    public let expiry: Date?

    /// Reads the expiry from the token's `exp` claim when it is a JWT (the signature is not checked:
    /// the expiry only decides when to renew, Puzzel decides what it accepts).
    public init(_ value: String) {
        self.init(value: value, expiry: JWT.expiry(of: value))
    }

    public init(value: String, expiry: Date?) {
        self.value = value
        self.expiry = expiry
    }

    public var description: String { "AccessToken(expiry: \(expiry.map { "\($0)" } ?? "unknown"))" }
}

/// Puzzel's `refreshToken`: the session GetAccessToken renews access tokens from.
public struct RefreshSession: Sendable, Codable, Equatable, CustomStringConvertible {
    public let customerKey: String
    public let sessionId: String
    public let expiry: Date

    public init(customerKey: String, sessionId: String, expiry: Date) {
        self.customerKey = customerKey
        self.sessionId = sessionId
        self.expiry = expiry
    }

    public var description: String { "RefreshSession(customerKey: \(customerKey), expiry: \(expiry))" }
}

/// The result of a password login.
public struct SignIn: Sendable {
    public let accessToken: AccessToken
    /// Absent when Puzzel sent none; then the next renewal is a new login.
    public let refreshSession: RefreshSession?

    public init(accessToken: AccessToken, refreshSession: RefreshSession?) {
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
