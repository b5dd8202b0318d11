import Foundation

/// Which of Puzzel's installations a tenant lives on.
public enum Platform: String, Sendable, CaseIterable {
    case main
    case uk
}

/// The base URLs of Puzzel's sign-in and API hosts.
public struct PuzzelEndpoints: Sendable, Equatable {
    public var authURL: URL
    public var apiURL: URL
    public var puzzelIDURL: URL

    public init(authURL: URL, apiURL: URL, puzzelIDURL: URL) {
        self.authURL = authURL
        self.apiURL = apiURL
        self.puzzelIDURL = puzzelIDURL
    }

    /// The documented hosts of each platform (Puzzel's help centre, "DNS requirements").
    public static func platform(_ platform: Platform) -> PuzzelEndpoints {
        switch platform {
        case .main:
            PuzzelEndpoints(
                authURL: URL(string: "https://auth.puzzel.com")!, apiURL: URL(string: "https://api.puzzel.com")!,
                puzzelIDURL: URL(string: "https://app.puzzel.com/id")!)
        case .uk:
            PuzzelEndpoints(
                authURL: URL(string: "https://ukauth.puzzel.com")!, apiURL: URL(string: "https://ukapi.puzzel.com")!,
                puzzelIDURL: URL(string: "https://app.puzzel.com/id")!)
        }
    }
}
