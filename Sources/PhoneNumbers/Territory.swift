import FoundationEssentials
import Synchronization

/// The possible lengths of a national significant number, as a set of bits (bit n for length n).
struct PossibleLengths: Sendable {
    let bits: UInt32

    /// Reads libphonenumber's list, `9,10`; its `-1` means "no number of this kind exists" (an empty set).
    init(_ list: Substring) {
        bits = list.fields(separatedBy: ",").reduce(0) { bits, item in
            guard let length = Int(item), (0..<32).contains(length) else { return bits }
            return bits | 1 << length
        }
    }

    func contains(_ length: Int) -> Bool { length < 32 && bits & 1 << length != 0 }
    var isEmpty: Bool { bits == 0 }
    var shortest: Int { bits.trailingZeroBitCount }
    var longest: Int { 31 - bits.leadingZeroBitCount }
}

/// One kind of number of a territory (libphonenumber's PhoneNumberDesc): its lengths and its number pattern.
struct NumberDescription: Sendable {
    let pattern: DigitPattern
    /// nil when the description states no lengths of its own (no length check).
    let lengths: PossibleLengths?
    let localOnlyLengths: PossibleLengths

    /// Reads `pattern=lengths=localOnly`; an empty record means the territory has no such numbers.
    init?(record: Substring) {
        guard !record.isEmpty else { return nil }
        let parts = record.fields(separatedBy: "=")
        pattern = DigitPattern(String(parts[0]))
        lengths = parts[1].isEmpty ? nil : PossibleLengths(parts[1])
        localOnlyLengths = PossibleLengths(parts[2])
    }

    /// Whether `nsn` has one of the lengths and matches the pattern (libphonenumber's isNumberMatchingDesc).
    func matches(_ nsn: [UInt8]) -> Bool {
        if let lengths, !lengths.contains(nsn.count) { return false }
        return pattern.matchesWhole(nsn)
    }
}

/// A replacement such as `$1 $2-$3` or Argentina's `9$1`.
struct Template: Sendable {
    private enum Part: Sendable {
        case text([UInt8])
        case group(Int)
    }

    private let parts: [Part]

    init(_ source: Substring) {
        var parts: [Part] = []
        var text: [UInt8] = []
        var bytes = source.utf8.makeIterator()
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "$"), let next = bytes.next() {
                if !text.isEmpty { parts.append(.text(text)) }
                text = []
                parts.append(.group(Int(next - UInt8(ascii: "0")) - 1))
            } else {
                text.append(byte)
            }
        }
        if !text.isEmpty { parts.append(.text(text)) }
        self.parts = parts
    }

    /// The template with each `$n` replaced by group n of `match` in `input`; a group that took no part is empty.
    func expand(_ match: DigitPattern.Match, in input: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(input.count + 8)
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .group(let index): if let range = match.group(index) { result += input[range] }
            }
        }
        return result
    }
}

/// One of libphonenumber's international number formats, e.g. pattern `(\d{2})(\d{2})(\d{2})(\d{2})`, `$1 $2 $3 $4`.
struct NumberFormat: Sendable {
    let pattern: DigitPattern
    let template: Template
    /// The most detailed of the format's leadingDigits patterns; nil when the format applies to any number.
    let leadingDigits: DigitPattern?

    init(record: Substring) {
        let parts = record.fields(separatedBy: "=")
        pattern = DigitPattern(String(parts[0]))
        template = Template(parts[1])
        leadingDigits = parts[2].isEmpty ? nil : DigitPattern(String(parts[2]))
    }
}

/// Everything libphonenumber's metadata says about one region, or one non-geographic entity such as +800.
final class Territory: Sendable {
    /// The ISO 3166 code, or "001" for a non-geographic entity.
    let region: String
    let countryCode: Int
    let internationalPrefix: DigitPattern?
    let nationalPrefixForParsing: DigitPattern?
    let nationalPrefixTransform: Template?
    /// Which numbers of a shared country code belong to this region (a shortcut before full validation).
    let leadingDigits: DigitPattern?
    let generalDescription: NumberDescription
    /// The special types in the order libphonenumber tries them, before fixed line and mobile.
    let specialTypes: [(NumberType, NumberDescription)]
    let fixedLine: NumberDescription?
    let mobile: NumberDescription?
    let sameMobileAndFixedLinePattern: Bool
    let formats: [NumberFormat]

    private static let specialTypeOrder: [NumberType] = [
        .premiumRate, .tollFree, .sharedCost, .voip, .personalNumber, .pager, .uan, .voicemail,
    ]

    /// Decodes a record of `MetadataTable` (its layout is described there).
    init(region: String, record: String) {
        let fields = record[...].fields(separatedBy: ";")
        func pattern(_ field: Substring) -> DigitPattern? { field.isEmpty ? nil : DigitPattern(String(field)) }
        self.region = region
        countryCode = Int(fields[0])!
        internationalPrefix = pattern(fields[1])
        nationalPrefixForParsing = pattern(fields[2])
        nationalPrefixTransform = fields[3].isEmpty ? nil : Template(fields[3])
        leadingDigits = pattern(fields[4])
        sameMobileAndFixedLinePattern = fields[5] == "1"
        generalDescription = NumberDescription(record: fields[6])!
        specialTypes = zip(Self.specialTypeOrder, fields[7...14]).compactMap { type, field in
            NumberDescription(record: field).map { (type, $0) }
        }
        fixedLine = NumberDescription(record: fields[15])
        mobile = NumberDescription(record: fields[16])
        formats = fields[17].isEmpty ? [] : fields[17].fields(separatedBy: "&").map(NumberFormat.init(record:))
    }
}

/// The territories decoded so far, shared by every reader: a record is decoded and compiled the first time a number
/// touches its region, once per process.
final class MetadataStore: Sendable {
    static let shared = MetadataStore()

    /// Country calling codes have at most three digits, so tables indexed by the code need no hashing.
    private static let codeLimit = 1000

    private struct Decoded {
        var byCode = [Territory?](repeating: nil, count: MetadataStore.codeLimit)
        var byRegion: [String: Territory] = [:]
        var sharingCode = [[Territory]?](repeating: nil, count: MetadataStore.codeLimit)
    }

    /// Country calling code to its regions, main region first ("001" for non-geographic entities); empty when unused.
    private let regionsByCode: [[String]]
    private let decoded = Mutex(Decoded())

    private init() {
        var regions = [[String]](repeating: [], count: Self.codeLimit)
        for entry in MetadataTable.countryCodes.split(separator: ";") {
            let parts = entry.split(separator: ":")
            regions[Int(parts[0])!] = parts[1].split(separator: ",").map(String.init)
        }
        regionsByCode = regions
    }

    /// The regions sharing a calling code, main region first; empty for a code no one uses.
    func regions(countryCode: Int) -> [String] {
        (0..<Self.codeLimit).contains(countryCode) ? regionsByCode[countryCode] : []
    }

    /// Whether some region or non-geographic entity uses this calling code.
    func isCountryCode(_ code: Int) -> Bool { !regions(countryCode: code).isEmpty }

    /// A region's territory by its ISO code ("NO"); nil for codes the metadata does not know.
    func territory(region: String) -> Territory? {
        decoded.withLock { decoded in
            if let territory = decoded.byRegion[region] { return territory }
            guard let record = MetadataTable.record(region) else { return nil }
            let territory = Territory(region: region, record: record)
            decoded.byRegion[region] = territory
            return territory
        }
    }

    /// The territory whose rules a number with this calling code is read with: its main region, or the
    /// non-geographic entity.
    func territory(countryCode: Int) -> Territory? {
        guard let main = regions(countryCode: countryCode).first else { return nil }
        if let cached = decoded.withLock({ $0.byCode[countryCode] }) { return cached }
        let territory =
            main == "001"
            ? MetadataTable.record(String(countryCode)).map { Territory(region: main, record: $0) }
            : territory(region: main)
        decoded.withLock { $0.byCode[countryCode] = territory }
        return territory
    }

    /// The territories of every region of a calling code, main region first: all decoded on the first number of
    /// a shared code, whose region can only be told by trying them in turn.
    func territories(sharing countryCode: Int) -> [Territory] {
        guard (0..<Self.codeLimit).contains(countryCode) else { return [] }
        if let cached = decoded.withLock({ $0.sharingCode[countryCode] }) { return cached }
        let territories = regions(countryCode: countryCode).compactMap(territory(region:))
        decoded.withLock { $0.sharingCode[countryCode] = territories }
        return territories
    }
}

extension Substring {
    /// The text between ASCII `separator`s, empty fields included: the metadata records are ASCII, and splitting
    /// them byte by byte is several times faster than by Character.
    func fields(separatedBy separator: Unicode.Scalar) -> [Substring] {
        let byte = UInt8(separator.value)
        var fields: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == byte {
                fields.append(self[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        fields.append(self[start..<utf8.endIndex])
        return fields
    }
}
