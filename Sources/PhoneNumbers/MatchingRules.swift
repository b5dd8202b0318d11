import Synchronization

/// What libphonenumber's matcher knows of a region's national formats: which numbers are written with their
/// national prefix, and whether the region has one at all.
struct NationalFormats: Sendable {
    private struct Format: Sendable {
        let pattern: DigitPattern
        let leadingDigits: DigitPattern?
        let requiresNationalPrefix: Bool
    }

    let hasNationalPrefix: Bool
    private let formats: [Format]

    /// Decodes a record of `MatchingTable` (its layout is described there).
    init(record: String) {
        let fields = record[...].fields(separatedBy: ";")
        hasNationalPrefix = fields[0] == "1"
        formats =
            fields[1].isEmpty
            ? []
            : fields[1].fields(separatedBy: "&").map { item in
                let parts = item.fields(separatedBy: "=")
                return Format(
                    pattern: DigitPattern(String(parts[0])),
                    leadingDigits: parts[1].isEmpty ? nil : DigitPattern(String(parts[1])),
                    requiresNationalPrefix: parts[2] == "1")
            }
    }

    /// Whether the format libphonenumber would choose for `nsn` writes it with the national prefix.
    func requiresNationalPrefix(_ nsn: [UInt8]) -> Bool {
        let format = formats.first { format in
            (format.leadingDigits?.matchesPrefix(nsn) ?? true) && format.pattern.matchesWhole(nsn)
        }
        return format?.requiresNationalPrefix ?? false
    }
}

/// The national formats and alternate formats decoded so far, shared by every matcher.
final class MatchingRuleStore: Sendable {
    static let shared = MatchingRuleStore()

    private struct Decoded {
        var national: [String: NationalFormats?] = [:]
        var alternates: [Int: [NumberFormat]] = [:]
    }

    private let decoded = Mutex(Decoded())

    /// A region's national formats; nil for a non-geographic entity.
    func nationalFormats(region: String) -> NationalFormats? {
        decoded.withLock { decoded in
            if let cached = decoded.national[region] { return cached }
            let formats = MatchingTable.record(region).map(NationalFormats.init(record:))
            decoded.national[region] = formats
            return formats
        }
    }

    /// libphonenumber's alternate formats of a calling code: other groupings in use (`NumberFormat.leadingDigits`
    /// holds their only leading-digits pattern).
    func alternateFormats(countryCode: Int) -> [NumberFormat] {
        decoded.withLock { decoded in
            if let cached = decoded.alternates[countryCode] { return cached }
            let formats = MatchingTable.alternateFormats(countryCode).map {
                $0[...].fields(separatedBy: "&").map(NumberFormat.init(record:))
            }
            decoded.alternates[countryCode] = formats ?? []
            return formats ?? []
        }
    }
}

extension NumberFormat {
    /// The national number rewritten as Python's `re.sub` does it (every match replaced, the rest kept), then as
    /// RFC 3966 writes it: leading punctuation dropped, every run of punctuation one `-`.
    func rfc3966Groups(_ nsn: [UInt8]) -> [[UInt8]] {
        var formatted: [UInt8] = []
        var kept = 0
        var start = 0
        while start < nsn.count {
            let rest = Array(nsn[start...])
            if let match = pattern.match(rest, wholeInput: false), match.end > 0 {
                formatted += nsn[kept..<start]
                formatted += template.expand(match, in: rest)
                start += match.end
                kept = start
            } else {
                start += 1
            }
        }
        formatted += nsn[kept...]
        return Self.rfc3966Groups(ofFormatted: formatted)
    }

    static func rfc3966Groups(ofFormatted formatted: [UInt8]) -> [[UInt8]] {
        var groups: [[UInt8]] = [[]]
        var inSeparator = true
        for byte in formatted {
            if NumberText.isPunctuation(Unicode.Scalar(byte)) {
                if !inSeparator { groups.append([]) }
                inSeparator = true
            } else {
                groups[groups.count - 1].append(byte)
                inSeparator = false
            }
        }
        return groups
    }
}

extension Territory {
    /// The digit groups of a number in international format, as libphonenumber's RFC 3966 form splits them.
    func rfc3966Groups(_ nsn: [UInt8]) -> [[UInt8]] {
        let format = formats.first { format in
            (format.leadingDigits?.matchesPrefix(nsn) ?? true) && format.pattern.matchesWhole(nsn)
        }
        return format?.rfc3966Groups(nsn) ?? [nsn]
    }
}
