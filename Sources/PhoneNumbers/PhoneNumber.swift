/// A number read from a link, normalised with its country's rules.
public struct PhoneNumber: Sendable, Equatable {
    /// The country calling code, e.g. 47.
    public let countryCode: Int
    /// The national significant number as digits, leading zeros kept (Italy).
    public let nationalNumber: String
    /// The ISO 3166 region the number belongs to, "001" for non-geographic entities, nil when no region's ranges fit
    /// a calling code shared by several regions.
    public let region: String?
    public let type: NumberType
    /// The number matches one of its region's number ranges.
    public let isValid: Bool
    /// The number has a length its region allows.
    public let isPossible: Bool
    /// An extension found in the link (`;ext=`, `x`, `#`): reported, never dialled.
    public let extensionDigits: String?
    /// What followed a pause character (`p`, `w`, `,`): reported, never dialled.
    public let notDialled: String?
    /// How `international` is produced: formatting costs more than the rest of reading a number, and scripts that
    /// only want E.164 never ask for it.
    private let display: Display

    private enum Display: Sendable {
        case text(String)
        case format(Territory)
    }

    public init(
        countryCode: Int, nationalNumber: String, region: String?, type: NumberType, isValid: Bool,
        isPossible: Bool, extensionDigits: String? = nil, notDialled: String? = nil, international: String
    ) {
        self.init(
            countryCode: countryCode, nationalNumber: nationalNumber, region: region, type: type, isValid: isValid,
            isPossible: isPossible, extensionDigits: extensionDigits, notDialled: notDialled,
            display: .text(international))
    }

    /// A number read with the metadata: `international` is formatted with `territory`'s formats when asked for.
    init(
        countryCode: Int, nationalNumber: String, region: String?, type: NumberType, isValid: Bool,
        isPossible: Bool, extensionDigits: String?, notDialled: String?, formattedBy territory: Territory
    ) {
        self.init(
            countryCode: countryCode, nationalNumber: nationalNumber, region: region, type: type, isValid: isValid,
            isPossible: isPossible, extensionDigits: extensionDigits, notDialled: notDialled,
            display: .format(territory))
    }

    private init(
        countryCode: Int, nationalNumber: String, region: String?, type: NumberType, isValid: Bool,
        isPossible: Bool, extensionDigits: String?, notDialled: String?, display: Display
    ) {
        self.countryCode = countryCode
        self.nationalNumber = nationalNumber
        self.region = region
        self.type = type
        self.isValid = isValid
        self.isPossible = isPossible
        self.extensionDigits = extensionDigits
        self.notDialled = notDialled
        self.display = display
    }

    /// libphonenumber's international format, e.g. `+47 22 12 34 56`, for messages (without the extension).
    public var international: String {
        switch display {
        case .text(let text): text
        case .format(let territory): "+\(countryCode) \(territory.formatInternationally(Array(nationalNumber.utf8)))"
        }
    }

    public static func == (left: PhoneNumber, right: PhoneNumber) -> Bool {
        left.countryCode == right.countryCode && left.nationalNumber == right.nationalNumber
            && left.region == right.region && left.type == right.type && left.isValid == right.isValid
            && left.isPossible == right.isPossible && left.extensionDigits == right.extensionDigits
            && left.notDialled == right.notDialled && left.international == right.international
    }

    public var e164: String { "+\(countryCode)\(nationalNumber)" }

    /// The number as Puzzel's `destination` field takes it.
    public func destination(_ format: DestinationFormat) -> String {
        switch format {
        case .doubleZero: "00\(countryCode)\(nationalNumber)"
        case .e164: e164
        }
    }
}

/// How a number is written in Puzzel's `destination` field (Puzzel does not document it).
public enum DestinationFormat: String, Sendable, CaseIterable {
    /// `00` then the E.164 digits, as Puzzel's own admin pages write numbers.
    case doubleZero = "00"
    /// `+` then the E.164 digits.
    case e164
}

/// The kind of line a number belongs to, in libphonenumber's terms.
public enum NumberType: String, Sendable, CaseIterable, Codable {
    case fixedLine = "fixed-line"
    case mobile
    case fixedLineOrMobile = "fixed-line-or-mobile"
    case tollFree = "toll-free"
    case premiumRate = "premium-rate"
    case sharedCost = "shared-cost"
    case voip
    case personalNumber = "personal"
    case pager
    case uan
    case voicemail
    case unknown
}
