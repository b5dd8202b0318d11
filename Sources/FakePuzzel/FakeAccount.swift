/// The one customer and agent a `FakePuzzelServer` knows.
public struct FakeAccount: Sendable, Equatable {
    public var customerKey: String
    public var userName: String
    public var password: String
    /// Puzzel's numeric user id, answered by `accesstokeninformation` as a JSON number.
    public var userId: Int
    /// Makes `LogIn` answer `twoFactorRequired: true` without a token, as Puzzel does for users with 2FA.
    public var twoFactorRequired: Bool
    /// The Puzzel ID client allowed the `client_credentials` grant for this user.
    public var clientId: String
    public var clientSecret: String

    public init(
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

    public static let sandbox = FakeAccount()
}

/// The agent's state as `GET /ContactCentre5/{customerKey}/users/{userId}` reports it.
public struct FakeAgentState: Sendable, Equatable {
    public var contactCentreStatus: String
    public var userStatus: String
    public var pauseTypeId: String?
    public var pauseTypeName: String?

    public init(
        contactCentreStatus: String, userStatus: String, pauseTypeId: String? = nil, pauseTypeName: String? = nil
    ) {
        self.contactCentreStatus = contactCentreStatus
        self.userStatus = userStatus
        self.pauseTypeId = pauseTypeId
        self.pauseTypeName = pauseTypeName
    }

    public static let available = FakeAgentState(contactCentreStatus: "LoggedOn", userStatus: "Available")
    public static let busy = FakeAgentState(contactCentreStatus: "LoggedOn", userStatus: "Busy")
    public static let wrapUp = FakeAgentState(contactCentreStatus: "LoggedOn", userStatus: "WrapUp")
    public static let loggedOff = FakeAgentState(contactCentreStatus: "LoggedOff", userStatus: "LoggedOff")
    public static func pause(_ name: String = "Lunch", id: String = "3") -> FakeAgentState {
        FakeAgentState(contactCentreStatus: "Pause", userStatus: "Pause", pauseTypeId: id, pauseTypeName: name)
    }
}
