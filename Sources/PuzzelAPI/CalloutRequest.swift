import Foundation

/// The body of a callout order. Only the fields that are set are sent.
public struct CalloutRequest: Sendable, Encodable, Equatable {
    public var destination: String
    public var queueKey: String?
    public var accessPoint: String?
    public var alternateSource: String?
    public var countryCode: String?
    public var requestCategory: String?
    public var requestDescription: String?

    public init(
        destination: String, queueKey: String? = nil, accessPoint: String? = nil, alternateSource: String? = nil,
        countryCode: String? = nil, requestCategory: String? = nil, requestDescription: String? = nil
    ) {
        self.destination = destination
        self.queueKey = queueKey
        self.accessPoint = accessPoint
        self.alternateSource = alternateSource
        self.countryCode = countryCode
        self.requestCategory = requestCategory
        self.requestDescription = requestDescription
    }
}

extension CalloutRequest {
    /// The JSON body as sent: keys sorted so the same request always reads the same.
    public func jsonBody() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A struct of strings always encodes.
        return try! encoder.encode(self)
    }
}

/// Paths of Puzzel's ContactCentre5 API.
public enum ContactCentre {
    /// Each segment is percent-encoded: a customer key or user id can never add a path segment or a query.
    static func path(_ segments: String...) -> String {
        "/ContactCentre5/" + segments.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed)! }
            .joined(separator: "/")
    }

    public static func calloutPath(customerKey: String, userId: String) -> String {
        path(customerKey, "users", userId, "callout")
    }
}

extension CharacterSet {
    static let urlPathSegmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;"))
}
