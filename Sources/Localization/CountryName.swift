/// The names of the countries and territories the phone-number metadata knows, in every language puzzel-call
/// speaks: CLDR's, compiled in by `scripts/generate-country-names`. A click reads one record, never the table.
enum CountryName {
    /// The name of `region` (an ISO 3166 code such as `NO`) as it reads inside a sentence in `language`, English
    /// with its article where it takes one (“the United Kingdom”); nil for a code the metadata does not know.
    static func of(_ region: String, in language: Language) -> String? {
        guard let record = CountryNameTable.record(region) else { return nil }
        let names = record.split(separator: ";", omittingEmptySubsequences: false)
        // The record's names follow the order of `Language`'s cases; an empty one is the same as the one before it.
        let position = Language.allCases.firstIndex(of: language)!
        return names.prefix(position + 1).last { !$0.isEmpty }.map(String.init)
    }
}
