/// Why a link holds no callable number. `message` is what the user reads.
package struct PhoneNumberError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Reason: String, Sendable {
        case empty
        case tooLong = "too-long"
        case notANumber = "not-a-number"
        case invalidCountryCode = "invalid-country-code"
        case missingRegion = "missing-region"
        case tooShort = "too-short"
        case invalidLength = "invalid-length"
        /// A masked number such as `+44 7736 2XXXX`, from a page or a template.
        case placeholder
        /// An emergency number (libphonenumber's short-number metadata): never called through a contact centre.
        case emergencyNumber = "emergency-number"
        /// A short code of its region (libphonenumber's short-number metadata), reachable only from a phone there.
        case shortNumber = "short-number"
        /// A link of another scheme (`sip:`, `mailto:`, `https:`).
        case unsupportedLink = "unsupported-link"
    }

    package let reason: Reason
    package let message: String
    /// What the refusal is about, where its words name it: the emergency number's digits, the Skype name's
    /// link as shown. A message in another language is written around it.
    package let subject: String?

    package init(_ reason: Reason, _ message: String, subject: String? = nil) {
        self.reason = reason
        self.message = message
        self.subject = subject
    }

    package var description: String { message }

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
package struct NumberReader: Sendable {
    /// The region national numbers are read in, upper-cased; nil when only international numbers can be read.
    package let defaultRegion: String?
    private let parser: NumberParser

    /// - Parameter defaultRegion: an ISO 3166 code such as `NO` (any case); an unknown code reads as none.
    package init(defaultRegion: String?) {
        let store = MetadataStore.shared
        let territory = defaultRegion.flatMap {
            Self.isKnownRegion($0) ? store.territory(region: $0.uppercased()) : nil
        }
        self.defaultRegion = territory?.region
        parser = NumberParser(store: store, defaultTerritory: territory)
    }

    /// Whether `region` is an ISO 3166 alpha-2 code (any case) the metadata knows.
    package static func isKnownRegion(_ region: String) -> Bool {
        region.utf8.count == 2 && region.unicodeScalars.allSatisfy(NumberText.isASCIILetter)
            && MetadataTable.record(region.uppercased()) != nil
    }

    /// The version of libphonenumber's metadata compiled in.
    package static var metadataVersion: String { MetadataTable.version }

    /// Reads `input`. Throws when no number can be found, and for an emergency number; a number of impossible length,
    /// outside the known ranges or a short code is returned with `isPossible`, `isValid` or `shortNumber` saying so,
    /// for the caller's policy to judge.
    package func read(_ input: String) throws(PhoneNumberError) -> PhoneNumber {
        let link = try PhoneLink(input)
        var found: NumberParser.Result
        do {
            found = try parser.parse(link.number, phoneContext: link.phoneContext)
        } catch  where error.reason == .missingRegion {
            throw Self.emergencyRefusal(anywhere: link.number) ?? error
        }
        let ignored = dropVanityOverflow(&found, number: link.number)
        let territory = parser.store.territory(countryCode: found.countryCode, nsn: found.nsn, main: found.main)
        let type = territory?.type(of: found.nsn) ?? .unknown
        // Only a number outside every range of its region is looked up among the short codes.
        let shortNumber = type == .unknown ? self.shortNumber(found, territory: territory ?? found.main) : nil
        if let shortNumber, shortNumber.isEmergency { throw Self.emergencyRefusal(shortNumber.digits) }
        return found.classified(
            territory: territory, type: type, extensionDigits: link.extensionDigits ?? found.extensionDigits,
            postDial: link.postDial, ignored: ignored, shortNumber: shortNumber)
    }

    private static func emergencyRefusal(_ digits: String) -> PhoneNumberError {
        PhoneNumberError(.emergencyNumber, "\(digits) is an emergency number: call it from a phone", subject: digits)
    }

    /// A number typed without a country (`112`, no default region) that is an emergency number in some region.
    private static func emergencyRefusal(anywhere text: ArraySlice<Unicode.Scalar>) -> PhoneNumberError? {
        let number = NumberParser.extractPossibleNumber(text)
        guard let first = number.first, !NumberText.isPlus(first) else { return nil }
        let digits = NumberText.normalize(number)
        // Most such text is a national number: it is not held against every region's emergency numbers.
        guard digits.count <= ShortNumberTable.longestEmergencyNumber else { return nil }
        let regions = ShortNumberTable.regions.split(separator: ",").map(String.init)
        guard ShortNumberStore.shared.emergencyRegion(of: digits, among: regions) != nil else { return nil }
        return emergencyRefusal(String(decoding: digits, as: UTF8.self))
    }

    /// What the short-number metadata of the number's regions knows of it, written with or without its national
    /// prefix (`0112` is `112`).
    private func shortNumber(_ found: NumberParser.Result, territory: Territory) -> ShortNumber? {
        let regions = parser.store.regions(countryCode: found.countryCode)
        let store = ShortNumberStore.shared
        if let known = store.shortNumber(found.nsn, in: regions) { return known }
        return territory.removingNationalPrefix(found.nsn).flatMap { store.shortNumber($0, in: regions) }
    }

    /// A phone dials every key of a vanity number, and the network ignores what follows a complete number: when
    /// letters take the number past its longest length, it is cut to its longest valid prefix. Returns the keys cut.
    private func dropVanityOverflow(_ found: inout NumberParser.Result, number: ArraySlice<Unicode.Scalar>) -> String? {
        guard found.main.checkLength(found.nsn) == .tooLong else { return nil }
        // The text the parser read the digits from: its extension set aside.
        var text = NumberParser.extractPossibleNumber(number)
        _ = NumberText.removeExtension(from: &text)
        guard NumberText.isVanity(text) else { return nil }
        for length in stride(from: found.nsn.count - 1, through: NumberParser.shortestNSN, by: -1) {
            let prefix = Array(found.nsn.prefix(length))
            guard found.main.checkLength(prefix) == .possible,
                let territory = parser.store.territory(countryCode: found.countryCode, nsn: prefix, main: found.main),
                territory.type(of: prefix) != .unknown
            else { continue }
            // In a vanity number each ASCII letter or digit is one key, so the cut keys are the last ones written.
            let keys = text.filter { NumberText.isASCIILetter($0) || ("0"..."9").contains($0) }
            let cut = keys.suffix(found.nsn.count - length)
            found = NumberParser.Result(
                countryCode: found.countryCode, main: found.main, nsn: prefix, extensionDigits: found.extensionDigits,
                countryCodeSource: found.countryCodeSource)
            return String(String.UnicodeScalarView(cut))
        }
        return nil
    }
}

extension NumberParser.Result {
    /// The number with its region, type, validity and possibility by its territory's ranges.
    func classified(in store: MetadataStore, extensionDigits: String?) -> PhoneNumber {
        let territory = store.territory(countryCode: countryCode, nsn: nsn, main: main)
        return classified(
            territory: territory, type: territory?.type(of: nsn) ?? .unknown, extensionDigits: extensionDigits)
    }

    func classified(
        territory: Territory?, type: NumberType, extensionDigits: String?, postDial: String? = nil,
        ignored: String? = nil, shortNumber: ShortNumber? = nil
    ) -> PhoneNumber {
        PhoneNumber(
            countryCode: countryCode, nationalNumber: String(decoding: nsn, as: UTF8.self),
            region: territory?.region, type: type, isValid: type != .unknown,
            isPossible: main.checkLength(nsn).isPossible, extensionDigits: extensionDigits, postDial: postDial,
            ignored: ignored, shortNumber: shortNumber, formattedBy: main)
    }
}
