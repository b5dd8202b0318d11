import FoundationEssentials

/// Who a token belongs to, from `GET /ContactCentre5/accesstokeninformation`.
package struct TokenInformation: Sendable, Equatable {
    package let customerKey: String
    /// Puzzel sends a number; kept as the text that goes into request paths.
    package let userId: String
    package let accessTokenExpiry: Date?

    package init(customerKey: String, userId: String, accessTokenExpiry: Date?) {
        self.customerKey = customerKey
        self.userId = userId
        self.accessTokenExpiry = accessTokenExpiry
    }
}

/// The agent's state, from `GET /ContactCentre5/{customerKey}/users/{userId}`.
package struct AgentState: Sendable, Equatable {
    /// `LoggedOn`, `LoggedOff` or `Pause`.
    package let contactCentreStatus: String
    /// `Available`, `Busy`, `NoAnswer`, `WrapUp`, `System`, ...
    package let userStatus: String
    package let pauseTypeId: String?
    /// The pause's name, from whichever of the name fields Puzzel sent.
    package let pauseName: String?
    package let profileName: String?

    package init(
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
package struct CalloutRequest: Sendable, Equatable, Encodable {
    package var destination: String
    package var queueKey: String?
    package var accessPoint: String?
    package var alternateSource: String?
    package var countryCode: String?
    package var requestCategory: String?
    package var requestDescription: String?

    package init(
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
package struct CalloutReceipt: Sendable, Equatable {
    /// The answer's `id`, when Puzzel sent one.
    package let id: String?
    /// Puzzel's `message`, cleaned of control characters.
    package let message: String?

    package init(id: String?, message: String?) {
        self.id = id
        self.message = message
    }
}
