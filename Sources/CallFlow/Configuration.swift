import Desktop
import FoundationEssentials
import PhoneNumbers
import PuzzelAPI
import SystemSupport

/// Everything a click needs to know, after all layers are read.
package struct Configuration: Sendable {
    package var customerKey: String?
    package var userName: String?
    /// A password from a private config file or `PUZZEL_PASSWORD`.
    package var password: String?
    /// A program whose first output line is the password (an argument vector, never run by a shell).
    package var passwordCommand: [String]?
    package var platform: Platform = .main
    var explicitAuthURL: URL?
    var explicitAPIURL: URL?
    var explicitPuzzelIDURL: URL?
    /// The region a number without a country code belongs to.
    package var country: String?
    package var countryOrigin: SettingOrigin = .builtIn
    package var destinationFormat: DestinationFormat = .doubleZero
    package var checkStatus = true
    package var duplicateWindowSeconds: Double = 5
    /// How many different numbers may be called within a minute before the next one asks the agent first
    /// (`BurstGuard`); 0 never asks.
    package var burstLimit = 3
    package var timeoutSeconds: Double = 15
    /// Whether a click from the desktop follows its call in its notification, in a process of its own.
    package var followCall = true
    /// How long a follow waits for the agent to answer their phone (`CallFollower`).
    package var followSeconds: Double = 60
    /// Number types refused unless `--force`.
    package var refuseTypes: Set<NumberType> = [.premiumRate]
    /// Refuse numbers outside the known number ranges instead of warning.
    package var strict = false
    /// The optional fields of a callout, sent only when set.
    package var calloutFields = CalloutRequest(destination: "")
    /// Puzzel ID's client-credentials sign-in, used instead of the password when all three are set.
    package var clientId: String?
    package var clientSecret: String?
    package var clientSecretCommand: [String]?
    package var userId: String?
    /// The browser sign-in with Puzzel ID (OpenID Connect, authorization code with PKCE): used instead of every
    /// other sign-in when a client is configured. The secret is only for a client registered as confidential.
    package var idClientId: String?
    package var idClientSecret: String?
    package var idClientSecretCommand: [String]?
    package var idScope = Configuration.defaultIDScope
    /// How long `login --browser` waits for the browser to come back.
    package var signInWaitSeconds: Double = 300

    /// `openid` for OpenID Connect (and its `nonce`), `offline_access` for a refresh token, and Puzzel ID's
    /// `contact-centre` scope, which Puzzel documents for calling the Contact Centre API.
    package static let defaultIDScope = "openid offline_access contact-centre"

    package init() {}

    /// Whether the agent signs in through the browser with Puzzel ID.
    package var usesBrowserSignIn: Bool { idClientId != nil }

    /// Puzzel ID's client credentials are used when a client, a user id and a secret source are configured.
    package var usesPuzzelID: Bool {
        clientId != nil && userId != nil && (clientSecret != nil || clientSecretCommand != nil)
    }

    package var endpoints: PuzzelEndpoints {
        var endpoints = PuzzelEndpoints.platform(platform)
        if let explicitAuthURL { endpoints.authURL = explicitAuthURL }
        if let explicitAPIURL { endpoints.apiURL = explicitAPIURL }
        if let explicitPuzzelIDURL { endpoints.puzzelIDURL = explicitPuzzelIDURL }
        return endpoints
    }

    /// The callout body for `destination` with the configured optional fields.
    package func calloutRequest(destination: String) -> CalloutRequest {
        var request = calloutFields
        request.destination = destination
        return request
    }
}

extension Configuration {
    /// Takes each guard of `other` that is stricter than this one's: the status checked, a longer double-click
    /// window, a lower burst limit (0 never asks: the loosest), more number types refused.
    mutating func tightenGuards(to other: Configuration) {
        checkStatus = checkStatus || other.checkStatus
        duplicateWindowSeconds = max(duplicateWindowSeconds, other.duplicateWindowSeconds)
        if other.burstLimit > 0 && (burstLimit == 0 || other.burstLimit < burstLimit) { burstLimit = other.burstLimit }
        refuseTypes.formUnion(other.refuseTypes)
    }
}

/// The keys a config file may hold, with how each is read. The README documents each one.
enum ConfigurationKey: String, CaseIterable {
    case customerKey, userName, password, passwordCommand, platform, authURL, apiURL, puzzelIDURL, country
    case destinationFormat, checkStatus, duplicateWindowSeconds, burstLimit, timeoutSeconds, refuseTypes, strict
    case followCall, followSeconds
    case queueKey, accessPoint, alternateSource, countryCode, requestCategory, requestDescription
    case clientId, clientSecret, clientSecretCommand, userId
    case idClientId, idClientSecret, idClientSecretCommand, idScope, signInWaitSeconds

    /// Environment variables that set a key, most specific after the config files.
    static let environmentVariables: [(name: String, key: ConfigurationKey)] = [
        ("PUZZEL_CUSTOMER_KEY", .customerKey), ("PUZZEL_USERNAME", .userName), ("PUZZEL_PASSWORD", .password),
        ("PUZZEL_AUTH_URL", .authURL), ("PUZZEL_API_URL", .apiURL), ("PUZZEL_ID_URL", .puzzelIDURL),
        ("PUZZEL_COUNTRY", .country),
    ]

    /// Keys whose value is a secret: only accepted from a file nobody else can read.
    var isSecret: Bool { self == .password || self == .clientSecret || self == .idClientSecret }

    /// Keys that set a guard against calls nobody meant: from a file others can change, only a stricter value counts.
    var isGuard: Bool {
        switch self {
        case .checkStatus, .duplicateWindowSeconds, .burstLimit, .refuseTypes: true
        default: false
        }
    }

    /// Keys that decide where the password goes or what runs to fetch it: only accepted from a file
    /// nobody but the user and root can change (`FileTrust`).
    var needsTrustedFile: Bool {
        switch self {
        case .password, .passwordCommand, .clientSecret, .clientSecretCommand, .authURL, .apiURL, .puzzelIDURL,
            .idClientSecret, .idClientSecretCommand:
            true
        default: false
        }
    }

    func apply(_ value: String, to configuration: inout Configuration, origin: SettingOrigin) throws(ConfigurationError)
    {
        func fail(_ problem: String) -> ConfigurationError {
            ConfigurationError(origin: origin, "\(rawValue): \(problem)")
        }
        func text() -> String? { value.isEmpty ? nil : value }
        func command() throws(ConfigurationError) -> [String]? {
            guard let words = CommandLineWords.split(value) else { throw fail("an unmatched quote") }
            return words.isEmpty ? nil : words
        }
        func url() throws(ConfigurationError) -> URL? {
            if value.isEmpty { return nil }
            guard let url = URL(string: value), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host?.isEmpty == false, url.query == nil, url.fragment == nil
            else { throw fail("“\(value.escapedForDisplay)” is not an http:// or https:// URL") }
            guard url.user == nil, url.password == nil else {
                throw fail("a URL must not hold a user name or password; remove the part before “@”")
            }
            guard URLPolicy.permittedScheme(of: url) != nil else {
                throw fail(
                    "“\(value.escapedForDisplay)” would send secrets unencrypted: use https:// "
                        + "(plain http:// is allowed only for this machine: localhost, 127.0.0.0/8, ::1)")
            }
            return url
        }
        func bool() throws(ConfigurationError) -> Bool {
            switch value.lowercased() {
            case "true", "yes", "on", "1": return true
            case "false", "no", "off", "0": return false
            default: throw fail("“\(value.escapedForDisplay)” is not true or false")
            }
        }
        func seconds(allowingZero: Bool) throws(ConfigurationError) -> Double {
            guard let seconds = Double(value), seconds.isFinite, seconds > 0 || (allowingZero && seconds == 0),
                seconds <= 3600
            else { throw fail("“\(value.escapedForDisplay)” is not a number of seconds") }
            return seconds
        }

        switch self {
        case .customerKey: configuration.customerKey = text()
        case .userName: configuration.userName = text()
        case .password: configuration.password = text()
        case .passwordCommand: configuration.passwordCommand = try command()
        case .platform:
            guard let platform = Platform(rawValue: value.lowercased()) else {
                throw fail("“\(value.escapedForDisplay)” is not main or uk")
            }
            configuration.platform = platform
        case .authURL: configuration.explicitAuthURL = try url()
        case .apiURL: configuration.explicitAPIURL = try url()
        case .puzzelIDURL: configuration.explicitPuzzelIDURL = try url()
        case .country:
            let region = value.uppercased()
            guard NumberReader.isKnownRegion(region) else {
                throw fail("“\(value.escapedForDisplay)” is not a known ISO 3166 country code, such as NO or GB")
            }
            configuration.country = region
            configuration.countryOrigin = origin
        case .destinationFormat:
            guard let format = DestinationFormat(rawValue: value.lowercased()) else {
                throw fail("“\(value.escapedForDisplay)” is not 00 or e164")
            }
            configuration.destinationFormat = format
        case .checkStatus: configuration.checkStatus = try bool()
        case .strict: configuration.strict = try bool()
        case .duplicateWindowSeconds: configuration.duplicateWindowSeconds = try seconds(allowingZero: true)
        case .burstLimit:
            guard let limit = Int(value), (0...100).contains(limit) else {
                throw fail("“\(value.escapedForDisplay)” is not a number from 0 (never ask) to 100")
            }
            configuration.burstLimit = limit
        case .timeoutSeconds: configuration.timeoutSeconds = try seconds(allowingZero: false)
        case .followCall: configuration.followCall = try bool()
        case .followSeconds: configuration.followSeconds = try seconds(allowingZero: false)
        case .refuseTypes:
            var types: Set<NumberType> = []
            for name in value.split(whereSeparator: { $0 == "," || $0.isWhitespace }) {
                guard let type = NumberType(rawValue: name.lowercased()), type != .unknown else {
                    throw fail("“\(String(name).escapedForDisplay)” is not a number type, such as premium-rate")
                }
                types.insert(type)
            }
            configuration.refuseTypes = types
        case .queueKey: configuration.calloutFields.queueKey = text()
        case .accessPoint: configuration.calloutFields.accessPoint = text()
        case .alternateSource: configuration.calloutFields.alternateSource = text()
        case .countryCode: configuration.calloutFields.countryCode = text()
        case .requestCategory: configuration.calloutFields.requestCategory = text()
        case .requestDescription: configuration.calloutFields.requestDescription = text()
        case .clientId: configuration.clientId = text()
        case .clientSecret: configuration.clientSecret = text()
        case .clientSecretCommand: configuration.clientSecretCommand = try command()
        case .userId: configuration.userId = text()
        case .idClientId: configuration.idClientId = text()
        case .idClientSecret: configuration.idClientSecret = text()
        case .idClientSecretCommand: configuration.idClientSecretCommand = try command()
        case .idScope: configuration.idScope = text() ?? Configuration.defaultIDScope
        case .signInWaitSeconds: configuration.signInWaitSeconds = try seconds(allowingZero: false)
        }
    }
}

/// Splits a command written in a config file into words: white space separates, and single or double
/// quotes keep spaces together. Nothing else is interpreted: no variables, globs or pipes.
enum CommandLineWords {
    static func split(_ text: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil else { return nil }
        if inWord { words.append(current) }
        return words
    }
}
