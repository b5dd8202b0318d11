import FoundationEssentials

/// Who a token belongs to, from `GET /ContactCentre5/accesstokeninformation`.
public struct TokenInformation: Sendable, Equatable {
    public let customerKey: String
    /// Puzzel sends a number; kept as the text that goes into request paths.
    public let userId: String
    public let accessTokenExpiry: Date?

    public init(customerKey: String, userId: String, accessTokenExpiry: Date?) {
        self.customerKey = customerKey
        self.userId = userId
        self.accessTokenExpiry = accessTokenExpiry
    }
}

/// The agent's state, from `GET /ContactCentre5/{customerKey}/users/{userId}`.
public struct AgentState: Sendable, Equatable {
    /// `LoggedOn`, `LoggedOff` or `Pause`.
    public let contactCentreStatus: String
    /// `Available`, `Busy`, `NoAnswer`, `WrapUp`, `System`, ...
    public let userStatus: String
    public let pauseTypeId: String?
    /// The pause's name, from whichever of the name fields Puzzel sent.
    public let pauseName: String?
    public let profileName: String?

    public init(
        contactCentreStatus: String, userStatus: String, pauseTypeId: String?, pauseName: String?, profileName: String?
    ) {
        self.contactCentreStatus = contactCentreStatus
        self.userStatus = userStatus
        self.pauseTypeId = pauseTypeId
        self.pauseName = pauseName
        self.profileName = profileName
    }
}

/// The body of `POST /ContactCentre5/{customerKey}/users/{userId}/callout`. Only the fields that
/// are set are sent, so Puzzel applies its own defaults to the rest.
public struct CalloutRequest: Sendable, Equatable, Encodable {
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

/// Puzzel's answer to an accepted callout (`code == 0`).
public struct CalloutReceipt: Sendable, Equatable {
    /// The answer's `id`, when Puzzel sent one.
    public let id: String?
    /// Puzzel's `message`, cleaned of control characters.
    public let message: String?

    public init(id: String?, message: String?) {
        self.id = id
        self.message = message
    }
}
