/// Why a link holds no callable number. `message` is what the terminal reads, in English; `problem` carries what
/// the words name, for a message in another language.
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

    /// What exactly is wrong, with what the message names. Text from the link is as `shown` makes it.
    package enum Problem: Sendable, Equatable {
        /// Nothing but spaces.
        case empty
        /// More than `PhoneLink.maximumLength` bytes, refused unread.
        case linkTooLong
        /// A link of another scheme: the scheme.
        case otherScheme(String)
        /// Percent-encoding that does not decode to UTF-8.
        case undecodableLink
        /// A `callto:` link to an address, `callto:` and all.
        case address(link: String)
        /// A `callto:` link to a Skype name, `callto:` and all.
        case skypeName(link: String)
        /// A `phone-context` that is neither `+CC` nor a domain name: its value.
        case badPhoneContext(String)
        case placeholder
        // The number parser's refusals, each with the text it read the number from.
        case tooLongToBeANumber(String)
        case notANumber(String)
        case noCountryCode(String)
        case unknownCountryCode(String)
        case tooFewDigitsAfterPrefix(String)
        case tooShort(String)
        case tooManyDigits(String)
        // Numbers that were read but cannot be called from a contact centre.
        case emergencyNumber(digits: String)
        case shortNumber(ShortNumber)
        /// A number whose length no number of its country has.
        case impossibleLength(PhoneNumber)
    }

    package let problem: Problem

    package init(_ problem: Problem) {
        self.problem = problem
    }

    /// The reason, as `normalize --json` reports it: several problems share one.
    package var reason: Reason {
        switch problem {
        case .empty: .empty
        case .linkTooLong, .tooLongToBeANumber, .tooManyDigits: .tooLong
        case .otherScheme: .unsupportedLink
        case .undecodableLink, .address, .skypeName, .badPhoneContext, .notANumber: .notANumber
        case .placeholder: .placeholder
        case .noCountryCode: .missingRegion
        case .unknownCountryCode: .invalidCountryCode
        case .tooFewDigitsAfterPrefix, .tooShort: .tooShort
        case .emergencyNumber: .emergencyNumber
        case .shortNumber: .shortNumber
        case .impossibleLength: .invalidLength
        }
    }

    /// What the user reads on the terminal and in `--json`: stable English.
    package var message: String {
        switch problem {
        case .empty: "No phone number was given."
        case .linkTooLong: "The link is too long to hold a phone number."
        case .otherScheme(let scheme): "\(scheme): links are not phone links: use tel: or callto:."
        case .undecodableLink: "The link’s percent-encoding does not spell out text."
        case .address(let link): "\(link) is an address, not a phone number."
        case .skypeName(let link): "\(link) is a Skype name, not a number"
        case .badPhoneContext(let value): "phone-context=\(value) is neither a +country code nor a domain name."
        case .placeholder: "the link holds a placeholder, not a number"
        case .tooLongToBeANumber(let text): "“\(text)” is too long to be a phone number."
        case .notANumber(let text): "“\(text)” does not look like a phone number."
        case .noCountryCode(let text):
            "“\(text)” has no country code: write it with + and the country code, or set a default country."
        case .unknownCountryCode(let text): "“\(text)” has no country code that exists."
        case .tooFewDigitsAfterPrefix(let text): "“\(text)” has too few digits after the international prefix."
        case .tooShort(let text): "“\(text)” is too short to be a phone number."
        case .tooManyDigits(let text): "“\(text)” has too many digits for a phone number."
        case .emergencyNumber(let digits): "\(digits) is an emergency number: call it from a phone"
        case .shortNumber(let number): "\(number.describedInEnglish): it can only be called from a phone there"
        case .impossibleLength(let number): "\(number.e164) has a length no number in its country has"
        }
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

extension ShortNumber {
    /// What the metadata knows of the short code: “611 is a short number (toll-free, carrier-specific) of US”.
    fileprivate var describedInEnglish: String {
        let listed = kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))"
        return "\(digits) is a short number\(listed) of \(region)"
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

    /// Reads `input`. Throws when no number can be found, for a placeholder and for an emergency number; a number of
    /// impossible length, outside the known ranges or a short code is returned with `isPossible`, `isValid` or
    /// `shortNumber` saying so, for the caller's policy to judge.
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
        // What is left once a masked digit's key is read as a separator or an extension is cut short or holds the
        // wrong digits: dialled, it rings a stranger.
        if type == .unknown, NumberText.hasKeyInPlaceOfADigit(link.number) { throw PhoneNumberError(.placeholder) }
        // Only a number outside every range of its region is looked up among the short codes.
        let shortNumber = type == .unknown ? self.shortNumber(found, territory: territory ?? found.main) : nil
        if let shortNumber, shortNumber.isEmergency { throw Self.emergencyRefusal(shortNumber.digits) }
        return found.classified(
            territory: territory, type: type, extensionDigits: link.extensionDigits ?? found.extensionDigits,
            postDial: link.postDial, ignored: ignored, shortNumber: shortNumber)
    }

    private static func emergencyRefusal(_ digits: String) -> PhoneNumberError {
        PhoneNumberError(.emergencyNumber(digits: digits))
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
    /// The number, in the territory and of the type its ranges give it.
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
