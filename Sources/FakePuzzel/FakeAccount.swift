/// The one customer and agent a `FakePuzzelServer` knows.
package struct FakeAccount: Sendable, Equatable {
    package var customerKey: String
    package var userName: String
    package var password: String
    /// Puzzel's numeric user id, answered by `accesstokeninformation` as a JSON number.
    package var userId: Int
    /// Makes `LogIn` answer `twoFactorRequired: true` without a token, as Puzzel does for users with 2FA.
    package var twoFactorRequired: Bool
    /// The Puzzel ID client allowed the `client_credentials` grant for this user.
    package var clientId: String
    package var clientSecret: String

    package init(
        customerKey: String = "10000", userName: String = "sandbox.agent", password: String = "sandbox-password",
        userId: Int = 4242, twoFactorRequired: Bool = false,
        clientId: String = "sandbox-client", clientSecret: String = "sandbox-client-secret"
    ) {
        self.customerKey = customerKey
        self.userName = userName
        self.password = password
        self.userId = userId
        self.twoFactorRequired = twoFactorRequired
        self.clientId = clientId
        self.clientSecret = clientSecret
    }

    package static let sandbox = FakeAccount()
}

/// The agent's state as `GET /ContactCentre5/{customerKey}/users/{userId}` reports it.
package struct FakeAgentState: Sendable, Equatable {
    package var contactCentreStatus: String
    package var userStatus: String
    package var pauseTypeId: String?
    package var pauseTypeName: String?

    package init(
        contactCentreStatus: String, userStatus: String, pauseTypeId: String? = nil, pauseTypeName: String? = nil
    ) {
        self.contactCentreStatus = contactCentreStatus
        self.userStatus = userStatus
        self.pauseTypeId = pauseTypeId
        self.pauseTypeName = pauseTypeName
    }

    package static let available = FakeAgentState(contactCentreStatus: "LoggedOn", userStatus: "Available")
    package static let busy = FakeAgentState(contactCentreStatus: "LoggedOn", userStatus: "Busy")
    package static let wrapUp = FakeAgentState(contactCentreStatus: "LoggedOn", userStatus: "WrapUp")
    package static let loggedOff = FakeAgentState(contactCentreStatus: "LoggedOff", userStatus: "LoggedOff")
    package static func pause(_ name: String = "Lunch", id: String = "3") -> FakeAgentState {
        FakeAgentState(contactCentreStatus: "Pause", userStatus: "Pause", pauseTypeId: id, pauseTypeName: name)
    }
}
