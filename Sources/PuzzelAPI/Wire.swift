import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

// Puzzel's JSON as it arrives. Optional fields are decoded leniently: a field of an unexpected type is
// treated as absent rather than failing the whole answer, since Puzzel publishes no schema.

/// A JSON string or number, as text (Puzzel sends ids as either).
struct LenientString: Decodable {
    let value: String

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let integer = try? container.decode(Int64.self) {
            value = String(integer)
        } else {
            value = String(try container.decode(Double.self))
        }
    }
}

/// ContactCentre5's wrapper around every answer.
struct Envelope<Result: Decodable>: Decodable {
    let result: Result?
    let code: Int
    let id: String?
    let message: String?

    enum CodingKeys: String, CodingKey { case result, code, id, message }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        result = try container.decodeIfPresent(Result.self, forKey: .result)
        // Required: without its code, an answer (a proxy's `{}`, say) does not say whether Puzzel acted.
        guard let code = Int(try container.decode(LenientString.self, forKey: .code).value) else {
            throw DecodingError.dataCorruptedError(
                forKey: .code, in: container, debugDescription: "code is not an integer")
        }
        self.code = code
        id = (try? container.decodeIfPresent(LenientString.self, forKey: .id))??.value
        message = try? container.decodeIfPresent(String.self, forKey: .message)
    }
}

/// Whatever JSON, for answers whose `result` is not read.
struct Ignored: Decodable {
    init(from decoder: Decoder) throws {}
}

/// The fields of an error answer that may explain it: Puzzel's `message`, OAuth's `error_description` and `error`.
struct ErrorAnswer: Decodable {
    let message: String?
    let errorDescription: String?
    let error: String?

    enum CodingKeys: String, CodingKey {
        case message, error
        case errorDescription = "error_description"
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = try? container.decodeIfPresent(String.self, forKey: .message)
        errorDescription = try? container.decodeIfPresent(String.self, forKey: .errorDescription)
        error = try? container.decodeIfPresent(String.self, forKey: .error)
    }

    var explanation: String? { [message, errorDescription, error].compactMap { $0 }.first { !$0.isEmpty } }
}

struct LogInBody: Encodable {
    let customerKey: String
    let userName: String
    let password: String
    let clientName: String
    let clientVersion: String
}

struct LogInAnswer: Decodable {
    struct RefreshToken: Decodable {
        let customerKey: String
        let sessionId: String
        let expiryDate: String
    }

    let accessToken: String?
    let refreshToken: RefreshToken?
    let twoFactorRequired: Bool

    enum CodingKeys: String, CodingKey { case accessToken, refreshToken, twoFactorRequired }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decodeIfPresent(String.self, forKey: .accessToken)
        refreshToken = try? container.decodeIfPresent(RefreshToken.self, forKey: .refreshToken)
        twoFactorRequired = (try? container.decodeIfPresent(Bool.self, forKey: .twoFactorRequired)) ?? false
    }
}

struct RefreshBody: Encodable {
    let customerKey: String
    let sessionId: String
}

/// GetAccessToken's answer: a bare JSON string (as one public client reads it) or `{"accessToken": ...}`.
struct RefreshAnswer: Decodable {
    let accessToken: String

    enum CodingKeys: String, CodingKey { case accessToken }

    init(from decoder: Decoder) throws {
        if let token = try? decoder.singleValueContainer().decode(String.self) {
            accessToken = token
        } else {
            accessToken = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .accessToken)
        }
    }
}

struct PuzzelIDAnswer: Decodable {
    let accessToken: String
    let expiresIn: Double?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case expiresIn = "expires_in"
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decode(String.self, forKey: .accessToken)
        expiresIn = try? container.decodeIfPresent(Double.self, forKey: .expiresIn)
    }
}

struct TokenInformationResult: Decodable {
    let customerKey: String
    let userId: LenientString
    let accessTokenExpiry: String?

    enum CodingKeys: String, CodingKey { case customerKey, userId, accessTokenExpiry }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        customerKey = try container.decode(LenientString.self, forKey: .customerKey).value
        userId = try container.decode(LenientString.self, forKey: .userId)
        accessTokenExpiry = try? container.decodeIfPresent(String.self, forKey: .accessTokenExpiry)
    }
}

struct AgentStateResult: Decodable {
    let state: AgentState

    /// Puzzel's name for the pause is not documented; these are the names it may go by, most likely first.
    private static let pauseNameKeys = ["pauseTypeName", "pauseName", "pauseTypeDescription", "pauseDescription"]

    private struct Key: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        func text(_ name: String) -> String? {
            ((try? container.decodeIfPresent(LenientString.self, forKey: Key(name))) ?? nil)?.value
        }
        state = AgentState(
            contactCentreStatus: try container.decode(String.self, forKey: Key("contactCentreStatus")),
            userStatus: try container.decode(String.self, forKey: Key("userStatus")),
            pauseTypeId: text("pauseTypeId"),
            pauseName: Self.pauseNameKeys.lazy.compactMap(text).first { !$0.isEmpty },
            profileName: text("profileName"))
    }
}

/// Puzzel's timestamps: ISO 8601 with optional fraction, and either a zone (`Z`, `+01:00`) or none,
/// which means UTC (`refreshToken.expiryDate` is written `2024-08-12T21:26:50.51`). A date that cannot exist
/// (month 13, 30 February, a zone past ±14:00) is refused rather than rolled over into another day.
enum PuzzelDate {
    static func parse(_ text: String) -> Date? {
        let characters = Array(text.utf8)
        guard characters.count >= 19 else { return nil }
        // Digits only: `Int("+1")` would read a sign.
        func number(_ range: Range<Int>) -> Int? {
            guard characters[range].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
                return nil
            }
            return Int(String(decoding: characters[range], as: UTF8.self))
        }
        guard characters[4] == UInt8(ascii: "-"), characters[7] == UInt8(ascii: "-"),
            characters[10] == UInt8(ascii: "T") || characters[10] == UInt8(ascii: " "),
            characters[13] == UInt8(ascii: ":"), characters[16] == UInt8(ascii: ":"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), (0...23).contains(hour),
            (0...59).contains(minute), (0...60).contains(second)  // 60: a leap second
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < characters.count, characters[index] == UInt8(ascii: ".") {
            let start = index
            index += 1
            while index < characters.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(characters[index]) {
                index += 1
            }
            fraction = Double("0" + String(decoding: characters[start..<index], as: UTF8.self)) ?? 0
        }
        var offset = 0
        let zone = characters[index...]
        if zone.count == 6, let sign = zone.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            characters[index + 3] == UInt8(ascii: ":"), let zoneHours = number(index + 1..<index + 3),
            let zoneMinutes = number(index + 4..<index + 6), zoneMinutes < 60,
            zoneHours * 60 + zoneMinutes <= 14 * 60  // no zone on Earth is further from UTC
        {
            offset = (sign == UInt8(ascii: "+") ? 1 : -1) * (zoneHours * 3600 + zoneMinutes * 60)
        } else if !(zone.isEmpty || zone.elementsEqual("Z".utf8)) {
            return nil
        }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour)
        fields.tm_min = Int32(minute)
        fields.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: Double(timegm(&fields) - offset) + fraction)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
