/// The names of the countries and territories the phone-number metadata knows, in every language puzzel-call
/// speaks: CLDR's, compiled in by `scripts/generate-country-names`. A click reads one line, and copies nothing else
/// of the table.
enum CountryName {
    /// The name of `region` (an ISO 3166 code such as `NO`) as it reads inside a sentence in `language`, English
    /// with its article where it takes one (“the United Kingdom”); nil for a code the metadata does not know.
    static func of(_ region: String, in language: Language) -> String? {
        guard let line = line(of: region) else { return nil }
        // The region's code, then its names in the order of `Language`'s cases; an empty name is the one before it.
        let names = line.split(separator: ";", omittingEmptySubsequences: false).dropFirst()
        let position = Language.allCases.firstIndex(of: language)!
        return names.prefix(position + 1).last { !$0.isEmpty }.map(String.init)
    }

    /// The table's line for `region`, found by a scan of its bytes.
    private static func line(of region: String) -> Substring? {
        let table = CountryNameTable.lines
        let bytes = table.utf8
        let key = Array(region.utf8) + [UInt8(ascii: ";")]
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            if bytes[start..<end].starts(with: key) { return table[start..<end] }
            start = end == bytes.endIndex ? end : bytes.index(after: end)
        }
        return nil
    }
}
