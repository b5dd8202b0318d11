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
    }

    public let reason: Reason
    public let message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}

/// Reads a `tel:`/`callto:` link or a number as written by a person, and normalises it.
///
/// PLACEHOLDER until the numbers issue lands: only `+` international numbers are read.
public struct NumberReader: Sendable {
    public let defaultRegion: String?

    public init(defaultRegion: String?) {
        self.defaultRegion = defaultRegion
    }

    /// Whether `region` is an ISO 3166 alpha-2 code the metadata knows.
    public static func isKnownRegion(_ region: String) -> Bool {
        region.count == 2 && region.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    public func read(_ input: String) throws(PhoneNumberError) -> PhoneNumber {
        guard input.utf8.count <= 250 else { throw PhoneNumberError(.tooLong, "The link is too long to hold a phone number.") }
        var text = Substring(input)
        for scheme in ["tel://", "tel:", "callto://", "callto:"] where text.lowercased().hasPrefix(scheme) {
            text = text.dropFirst(scheme.count)
            break
        }
        let digits = text.filter(\.isWholeNumber).compactMap(\.wholeNumberValue).map(String.init).joined()
        guard text.first == "+", digits.count >= 4 else {
            throw PhoneNumberError(.notANumber, "No phone number found in “\(input)”.")
        }
        let countryCode = Int(digits.prefix(2))!
        let national = String(digits.dropFirst(2))
        return PhoneNumber(
            countryCode: countryCode, nationalNumber: national, region: nil, type: .unknown, isValid: true,
            isPossible: true, international: "+\(countryCode) \(national)")
    }
}
