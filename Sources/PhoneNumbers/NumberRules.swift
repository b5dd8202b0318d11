/// How a national significant number's length compares with what its territory allows (libphonenumber's
/// ValidationResult for length checks).
enum LengthCheck {
    case possible
    case possibleLocalOnly
    case tooShort
    case tooLong
    case invalidLength

    var isPossible: Bool { self == .possible || self == .possibleLocalOnly }
}

extension Territory {
    /// Checks the length of `nsn` against the territory's general lengths, local-only lengths included.
    func checkLength(_ nsn: [UInt8]) -> LengthCheck {
        guard let lengths = generalDescription.lengths, !lengths.isEmpty else { return .invalidLength }
        let length = nsn.count
        if generalDescription.localOnlyLengths.contains(length) { return .possibleLocalOnly }
        if length == lengths.shortest { return .possible }
        if length < lengths.shortest { return .tooShort }
        if length > lengths.longest { return .tooLong }
        return lengths.contains(length) ? .possible : .invalidLength
    }

    /// The number with the national (trunk) prefix, and any carrier code, removed or transformed, as libphonenumber
    /// does it: the result is nil when there is no prefix, or when removing it would turn a number that fits the
    /// territory's general pattern into one that does not.
    func removingNationalPrefix(_ nsn: [UInt8]) -> [UInt8]? {
        guard !nsn.isEmpty, let nationalPrefixForParsing,
            let match = nationalPrefixForParsing.match(nsn, wholeInput: false)
        else { return nil }
        let rest = nsn[match.end...]
        let stripped: [UInt8]
        if let nationalPrefixTransform, nationalPrefixForParsing.groupCount > 0,
            match.group(nationalPrefixForParsing.groupCount - 1) != nil
        {
            stripped = nationalPrefixTransform.expand(match, in: nsn) + rest
        } else {
            stripped = Array(rest)
        }
        let pattern = generalDescription.pattern
        if pattern.matchesWhole(nsn) && !pattern.matchesWhole(stripped) { return nil }
        return stripped
    }

    /// The number's type by this territory's ranges, tried in libphonenumber's order; `.unknown` when none fits.
    func type(of nsn: [UInt8]) -> NumberType {
        guard generalDescription.matches(nsn) else { return .unknown }
        for (type, description) in specialTypes where description.matches(nsn) { return type }
        if fixedLine?.matches(nsn) ?? false {
            return sameMobileAndFixedLinePattern || mobile?.matches(nsn) == true ? .fixedLineOrMobile : .fixedLine
        }
        return !sameMobileAndFixedLinePattern && mobile?.matches(nsn) == true ? .mobile : .unknown
    }

    /// The national number in the territory's international format, e.g. `22 12 34 56`; unformatted when no format fits.
    func formatInternationally(_ nsn: [UInt8]) -> String {
        for format in formats where format.leadingDigits?.matchesPrefix(nsn) ?? true {
            if let match = format.pattern.match(nsn, wholeInput: true) {
                return String(decoding: format.template.expand(match, in: nsn), as: UTF8.self)
            }
        }
        return String(decoding: nsn, as: UTF8.self)
    }
}

extension MetadataStore {
    /// The region a number belongs to: the only region of its calling code, or among regions sharing the code
    /// (NANP's +1, +44, +7…) the first whose leading digits or, lacking those, whose number ranges fit.
    func territory(countryCode: Int, nsn: [UInt8], main: Territory) -> Territory? {
        guard regions(countryCode: countryCode).count > 1 else { return main }
        for territory in territories(sharing: countryCode) {
            if let leadingDigits = territory.leadingDigits {
                if leadingDigits.matchesPrefix(nsn) { return territory }
            } else if territory.type(of: nsn) != .unknown {
                return territory
            }
        }
        return nil
    }
}
