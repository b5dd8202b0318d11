/// Why a link holds no callable number. `message` is what the user reads.
public struct PhoneNumberError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case empty
        case tooLong = "too-long"
        case notANumber = "not-a-number"
        case invalidCountryCode = "invalid-country-code"
        case missingRegion = "missing-region"
        case tooShort = "too-short"
        case invalidLength = "invalid-length"
        /// A `callto:` link holding a Skype user name.
        case skypeName = "skype-name"
        /// A link of another scheme (`sip:`, `mailto:`, `https:`).
        case unsupportedLink = "unsupported-link"
    }

    public let reason: Reason
    public let message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }

    /// Link text as it may appear in a message: control and formatting characters (which could forge terminal output
    /// or log lines) become `?`, and anything past 60 characters is cut.
    static func shown(_ text: some StringProtocol) -> String {
        let limit = 60
        var shown = String(
            String.UnicodeScalarView(
                text.unicodeScalars.prefix(limit).map { scalar in
                    // ASCII is told without a table: the matcher has many a refusal written.
                    if scalar.isASCII { return (0x20..<0x7F).contains(scalar.value) ? scalar : "?" }
                    return switch scalar.properties.generalCategory {
                    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                        "?"
                    default: scalar
                    }
                }))
        if text.unicodeScalars.count > limit { shown += "…" }
        return shown
    }
}

/// Reads a `tel:`/`callto:` link or a number as written by a person, and normalises it as libphonenumber does,
/// with libphonenumber's metadata for every region.
public struct NumberReader: Sendable {
    /// The region national numbers are read in, upper-cased; nil when only international numbers can be read.
    public let defaultRegion: String?
    private let parser: NumberParser

    /// - Parameter defaultRegion: an ISO 3166 code such as `NO` (any case); an unknown code reads as none.
    public init(defaultRegion: String?) {
        let store = MetadataStore.shared
        let territory = defaultRegion.flatMap {
            Self.isKnownRegion($0) ? store.territory(region: $0.uppercased()) : nil
        }
        self.defaultRegion = territory?.region
        parser = NumberParser(store: store, defaultTerritory: territory)
    }

    /// Whether `region` is an ISO 3166 alpha-2 code (any case) the metadata knows.
    public static func isKnownRegion(_ region: String) -> Bool {
        region.utf8.count == 2 && region.unicodeScalars.allSatisfy(NumberText.isASCIILetter)
            && MetadataTable.record(region.uppercased()) != nil
    }

    /// The version of libphonenumber's metadata compiled in.
    public static var metadataVersion: String { MetadataTable.version }

    /// Reads `input`. Throws only when no number can be found; a number of impossible length or outside the known
    /// ranges is returned with `isPossible` or `isValid` false, for the caller's policy to judge.
    public func read(_ input: String) throws(PhoneNumberError) -> PhoneNumber {
        let link = try PhoneLink(input)
        let found = try parser.parse(link.number, phoneContext: link.phoneContext)
        return found.classified(
            in: parser.store, extensionDigits: link.extensionDigits ?? found.extensionDigits,
            notDialled: link.notDialled)
    }
}

extension NumberParser.Result {
    /// The number with its region, type, validity and possibility by its territory's ranges.
    func classified(in store: MetadataStore, extensionDigits: String?, notDialled: String?) -> PhoneNumber {
        let territory = store.territory(countryCode: countryCode, nsn: nsn, main: main)
        let type = territory?.type(of: nsn) ?? .unknown
        return PhoneNumber(
            countryCode: countryCode, nationalNumber: String(decoding: nsn, as: UTF8.self),
            region: territory?.region, type: type, isValid: type != .unknown,
            isPossible: main.checkLength(nsn).isPossible, extensionDigits: extensionDigits, notDialled: notDialled,
            formattedBy: main)
    }
}
