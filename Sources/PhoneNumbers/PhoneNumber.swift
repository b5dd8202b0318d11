/// A number read from a link, normalised with its country's rules.
package struct PhoneNumber: Sendable, Equatable {
    /// The country calling code, e.g. 47.
    package let countryCode: Int
    /// The national significant number as digits, leading zeros kept (Italy).
    package let nationalNumber: String
    /// The ISO 3166 region the number belongs to, "001" for non-geographic entities, nil when no region's ranges fit
    /// a calling code shared by several regions.
    package let region: String?
    package let type: NumberType
    /// The number matches one of its region's number ranges.
    package let isValid: Bool
    /// The number has a length its region allows.
    package let isPossible: Bool
    /// An extension found in the link (`;ext=`, `x`, `#`): reported, never dialled.
    package let extensionDigits: String?
    /// What a phone dials once the call connects (`,,1`, `p123`, `;1234`, RFC 4715's `;postd=`): reported, never
    /// dialled.
    package let postDial: String?
    /// Vanity letters past the end of the number (`S` of `1-800-CONTACTS`): a phone dials them, the network ignores
    /// them.
    package let ignored: String?
    /// What libphonenumber's short-number metadata knows of a number outside every range of its region.
    package let shortNumber: ShortNumber?
    /// How `international` is produced: formatting costs more than the rest of reading a number, and scripts that
    /// only want E.164 never ask for it.
    private let display: Display

    private enum Display: Sendable {
        case text(String)
        case format(Territory)
    }

    package init(
        countryCode: Int, nationalNumber: String, region: String?, type: NumberType, isValid: Bool,
        isPossible: Bool, extensionDigits: String? = nil, postDial: String? = nil, international: String
    ) {
        self.init(
            countryCode: countryCode, nationalNumber: nationalNumber, region: region, type: type, isValid: isValid,
            isPossible: isPossible, extensionDigits: extensionDigits, postDial: postDial, ignored: nil,
            shortNumber: nil, display: .text(international))
    }

    /// A number read with the metadata: `international` is formatted with `territory`'s formats when asked for.
    init(
        countryCode: Int, nationalNumber: String, region: String?, type: NumberType, isValid: Bool,
        isPossible: Bool, extensionDigits: String?, postDial: String?, ignored: String?, shortNumber: ShortNumber?,
        formattedBy territory: Territory
    ) {
        self.init(
            countryCode: countryCode, nationalNumber: nationalNumber, region: region, type: type, isValid: isValid,
            isPossible: isPossible, extensionDigits: extensionDigits, postDial: postDial, ignored: ignored,
            shortNumber: shortNumber, display: .format(territory))
    }

    private init(
        countryCode: Int, nationalNumber: String, region: String?, type: NumberType, isValid: Bool,
        isPossible: Bool, extensionDigits: String?, postDial: String?, ignored: String?, shortNumber: ShortNumber?,
        display: Display
    ) {
        self.countryCode = countryCode
        self.nationalNumber = nationalNumber
        self.region = region
        self.type = type
        self.isValid = isValid
        self.isPossible = isPossible
        self.extensionDigits = extensionDigits
        self.postDial = postDial
        self.ignored = ignored
        self.shortNumber = shortNumber
        self.display = display
    }

    /// libphonenumber's international format, e.g. `+47 22 12 34 56`, for messages (without the extension).
    package var international: String {
        switch display {
        case .text(let text): text
        case .format(let territory): "+\(countryCode) \(territory.formatInternationally(Array(nationalNumber.utf8)))"
        }
    }

    package static func == (left: PhoneNumber, right: PhoneNumber) -> Bool {
        left.countryCode == right.countryCode && left.nationalNumber == right.nationalNumber
            && left.region == right.region && left.type == right.type && left.isValid == right.isValid
            && left.isPossible == right.isPossible && left.extensionDigits == right.extensionDigits
            && left.postDial == right.postDial && left.ignored == right.ignored
            && left.shortNumber == right.shortNumber && left.international == right.international
    }

    package var e164: String { "+\(countryCode)\(nationalNumber)" }

    /// Why a short code is not called from a contact centre, saying what the metadata knows of it; nil for other
    /// numbers. (An emergency number is refused as it is read.)
    package var shortNumberRefusal: PhoneNumberError? {
        shortNumber.map { PhoneNumberError(.shortNumber($0)) }
    }

    /// The number as Puzzel's `destination` field takes it.
    package func destination(_ format: DestinationFormat) -> String {
        switch format {
        case .doubleZero: "00\(countryCode)\(nationalNumber)"
        case .e164: e164
        }
    }
}

/// How a number is written in Puzzel's `destination` field (Puzzel does not document it).
package enum DestinationFormat: String, Sendable, CaseIterable {
    /// `00` then the E.164 digits, as Puzzel's own admin pages write numbers.
    case doubleZero = "00"
    /// `+` then the E.164 digits.
    case e164
}

/// The kind of line a number belongs to, in libphonenumber's terms.
package enum NumberType: String, Sendable, CaseIterable, Codable {
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
