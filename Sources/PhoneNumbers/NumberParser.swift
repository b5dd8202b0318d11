private typealias Problem = PhoneNumberError.Problem

/// libphonenumber's parsing algorithm (PhoneNumberUtil.parse), written from its description: finds the country
/// calling code and national significant number in text as a person writes it, given a default region.
struct NumberParser {
    /// libphonenumber's MAX_INPUT_STRING_LENGTH: longer text is refused before any work is done.
    static let maximumInputLength = 250
    static let shortestNSN = 2
    static let longestNSN = 17

    /// A number found in text: still to be classified against its territory's ranges.
    struct Result {
        let countryCode: Int
        /// The territory of the calling code's main region (or non-geographic entity), whose lengths and formats
        /// apply to the number.
        let main: Territory
        /// ASCII digits, leading zeros kept.
        let nsn: [UInt8]
        let extensionDigits: String?
        /// Where the calling code came from: the number matcher's checks depend on how the number was written.
        let countryCodeSource: CountryCodeSource
    }

    /// libphonenumber's CountryCodeSource.
    enum CountryCodeSource {
        case plusSign
        case internationalPrefix
        /// The default region's own calling code, written without `+` or international prefix.
        case withoutPlusSign
        /// A national number: the calling code is the default region's.
        case defaultCountry
    }

    let store: MetadataStore
    let defaultTerritory: Territory?
    /// The main territory of the default region's calling code (the US for Canada).
    private let defaultMain: Territory?

    init(store: MetadataStore, defaultTerritory: Territory?) {
        self.store = store
        self.defaultTerritory = defaultTerritory
        defaultMain = defaultTerritory.flatMap { store.territory(countryCode: $0.countryCode) }
    }

    /// Why `read` refused a number: the problem, its message not yet written.
    struct Refusal: Error {
        let problem: @Sendable (String) -> PhoneNumberError.Problem
    }

    /// Parses `number`. With `phoneContext` (a `+CC` or a domain from RFC 3966), `number` is the local number and is
    /// taken whole; otherwise the number is first picked out of the text (skipping words such as "Tel:").
    func parse(_ number: ArraySlice<Unicode.Scalar>, phoneContext: ArraySlice<Unicode.Scalar>? = nil)
        throws(PhoneNumberError) -> Result
    {
        do {
            return try read(number, phoneContext: phoneContext)
        } catch {
            throw PhoneNumberError(error.problem(PhoneNumberError.shown(number.string)))
        }
    }

    /// `parse` without the refusal's message: the number matcher reads many stretches of text that hold no number,
    /// and has no use for why each is none, which costs more to write than the reading.
    func read(_ number: ArraySlice<Unicode.Scalar>, phoneContext: ArraySlice<Unicode.Scalar>? = nil)
        throws(Refusal) -> Result
    {
        guard number.count + (phoneContext?.count ?? 0) <= Self.maximumInputLength else {
            throw Refusal(problem: Problem.tooLongToBeANumber)
        }
        var scalars: ArraySlice<Unicode.Scalar>
        if let phoneContext {
            scalars = phoneContext.first == "+" ? phoneContext + number : number
        } else {
            scalars = Self.extractPossibleNumber(number)
        }
        guard NumberText.isViable(scalars) else { throw Refusal(problem: Problem.notANumber) }
        let startsWithPlus = scalars.first.map(NumberText.isPlus) == true
        guard defaultTerritory != nil || startsWithPlus else { throw Refusal(problem: Problem.noCountryCode) }
        let extensionDigits = NumberText.removeExtension(from: &scalars)

        var countryCode: Int
        var nsn: [UInt8]
        var source: CountryCodeSource
        do throws(CountryCodeFailure) {
            do throws(CountryCodeFailure) {
                (countryCode, nsn, source) = try extractCountryCode(scalars)
            } catch .unknownCode where startsWithPlus {
                // libphonenumber tries once more without the plus: `+011 44…` from the US is an IDD after a stray `+`.
                (countryCode, nsn, source) = try extractCountryCode(scalars.drop(while: NumberText.isPlus))
                guard countryCode != 0 else { throw CountryCodeFailure.unknownCode }
            }
        } catch {
            switch error {
            case .unknownCode: throw Refusal(problem: Problem.unknownCountryCode)
            case .tooShortAfterPrefix: throw Refusal(problem: Problem.tooFewDigitsAfterPrefix)
            }
        }
        // The national prefix is read with the rules of the number's calling code, or of the default region.
        let territory: Territory
        let main: Territory
        if countryCode != 0, countryCode != defaultTerritory?.countryCode {
            // The calling code came from the metadata's own list, so its territory exists.
            main = store.territory(countryCode: countryCode)!
            territory = main
        } else if let defaultTerritory, let defaultMain {
            main = defaultMain
            // A national number, or the default region's own code written without +, which libphonenumber then
            // reads with the main region's rules (Canada's numbers with the US's).
            territory = countryCode == 0 ? defaultTerritory : defaultMain
            countryCode = defaultTerritory.countryCode
        } else {
            throw Refusal(problem: Problem.noCountryCode)
        }
        guard nsn.count >= Self.shortestNSN else { throw Refusal(problem: Problem.tooShort) }
        if let stripped = territory.removingNationalPrefix(nsn) {
            // Keep the prefix when what remains would be too short to call (Australia's 000, GB's short codes).
            switch territory.checkLength(stripped) {
            case .tooShort, .possibleLocalOnly, .invalidLength: break
            case .possible, .tooLong: nsn = stripped
            }
        }
        guard nsn.count <= Self.longestNSN else { throw Refusal(problem: Problem.tooManyDigits) }
        guard nsn.count >= Self.shortestNSN else { throw Refusal(problem: Problem.tooShort) }
        return Result(
            countryCode: countryCode, main: main, nsn: nsn, extensionDigits: extensionDigits, countryCodeSource: source)
    }

    /// libphonenumber's extractPossibleNumber: from the first `+` or digit, without trailing punctuation and without
    /// a second number (`x508/x1234` keeps `x508`).
    static func extractPossibleNumber(_ scalars: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        guard let start = scalars.firstIndex(where: { NumberText.isPlus($0) || NumberText.digitValue($0) != nil })
        else {
            return []
        }
        var number = scalars[start...]
        while let last = number.last, last != "#", !NumberText.isLetterOrNumber(last) || last == "_" {
            number.removeLast()
        }
        if let cut = number.indices.first(where: { index in
            guard number[index] == "/" || number[index] == "\\" else { return false }
            return number[(index + 1)...].first(where: { $0 != " " }) == "x"
        }) {
            number = number[..<cut]
        }
        return number
    }

    private enum CountryCodeFailure: Error {
        case tooShortAfterPrefix
        case unknownCode
    }

    /// libphonenumber's maybeExtractCountryCode: the calling code after a `+` or the default region's international
    /// prefix, or the default region's own code written without `+`. Returns code 0, and all the digits as the national
    /// number, when none is written.
    private func extractCountryCode(_ scalars: ArraySlice<Unicode.Scalar>) throws(CountryCodeFailure) -> (
        Int, [UInt8], CountryCodeSource
    ) {
        guard !scalars.isEmpty else { return (0, [], .defaultCountry) }
        var digits: [UInt8]
        let source: CountryCodeSource
        if scalars.first.map(NumberText.isPlus) == true {
            digits = NumberText.normalize(scalars.drop(while: NumberText.isPlus))
            source = .plusSign
        } else {
            digits = NumberText.normalize(scalars)
            guard let prefix = defaultTerritory?.internationalPrefix,
                let end = prefix.match(digits, wholeInput: false)?.end,
                digits.dropFirst(end).first != UInt8(ascii: "0")
            else {
                let (code, rest) = countryCodeOfDefaultRegion(digits)
                return code == 0 ? (0, digits, .defaultCountry) : (code, rest, .withoutPlusSign)
            }
            digits.removeFirst(end)
            source = .internationalPrefix
        }
        guard digits.count > Self.shortestNSN else { throw .tooShortAfterPrefix }
        if digits[0] != UInt8(ascii: "0") {
            var code = 0
            for length in 1...min(3, digits.count) {
                code = code * 10 + Int(digits[length - 1] - UInt8(ascii: "0"))
                if store.isCountryCode(code) { return (code, Array(digits.dropFirst(length)), source) }
            }
        }
        throw .unknownCode
    }

    /// A national number that starts with the default region's own calling code (`47 22 12 34 56` in Norway) loses it
    /// when the rest fits the region's pattern and the whole does not, or when the whole is too long.
    private func countryCodeOfDefaultRegion(_ digits: [UInt8]) -> (Int, [UInt8]) {
        guard let territory = defaultTerritory else { return (0, []) }
        // Compared as the string's own UTF-8: an array of it would be made for every number read.
        let code = String(territory.countryCode).utf8
        guard digits.starts(with: code) else { return (0, []) }
        var rest = Array(digits.dropFirst(code.count))
        if let stripped = territory.removingNationalPrefix(rest) { rest = stripped }
        let pattern = territory.generalDescription.pattern
        if (!pattern.matchesWhole(digits) && pattern.matchesWhole(rest)) || territory.checkLength(digits) == .tooLong {
            return (territory.countryCode, rest)
        }
        return (0, [])
    }
}
