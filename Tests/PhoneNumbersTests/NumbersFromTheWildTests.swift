import Foundation
import Testing

@testable import PhoneNumbers

private func fixtureRows(_ name: String) -> [[String]] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    let text = try! String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
        line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
}

/// libphonenumber's ShortNumberInfo, as scripts/generate-metadata recorded it from `phonenumbers`.
@Suite(.timeLimit(.minutes(5))) struct ShortNumberTests {
    @Test func agreesWithShortNumberInfoOnEveryCase() throws {
        let rows = fixtureRows("short-number-cases.tsv")
        #expect(rows.count >= 1_500)
        #expect(Set(rows.map { $0[1] }).count == ShortNumberTable.regions.split(separator: ",").count)
        var disagreements: [String] = []
        for row in rows {
            let region = try #require(ShortNumberStore.shared.region(row[1]))
            let digits = Array(row[0].utf8)
            let got = [
                region.isEmergency(digits) ? "1" : "0", region.isShortCode(digits) ? "1" : "0",
                region.cost(of: digits).rawValue, region.isCarrierSpecific(digits) ? "1" : "0",
                region.isSMSService(digits) ? "1" : "0",
            ]
            if got != Array(row[2...]) { disagreements.append("\(row[0]) [\(row[1])]: \(got) ≠ \(row[2...])") }
        }
        let shown = disagreements.prefix(20).joined(separator: "\n")
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(shown)")
    }

    @Test func emergencyNumbersAreRefusedWithTheirNameWhateverPrefixTheyHave() {
        for (link, region) in [
            ("tel:112", "NO"), ("+47 112", "US"), ("0047 112", "DE"), ("tel:112;phone-context=+47", nil),
            ("112", nil),
        ] {
            #expect(throws: PhoneNumberError(.emergencyNumber(digits: "112"))) {
                try NumberReader(defaultRegion: region).read(link)
            }
        }
    }

    @Test func shortCodesSayWhatTheMetadataKnows() throws {
        let number = try NumberReader(defaultRegion: "US").read("tel:611")
        #expect(number.shortNumber?.kinds == ["toll-free", "carrier-specific"])
        #expect(number.shortNumberRefusal?.reason == .shortNumber)
        #expect(
            number.shortNumberRefusal?.message
                == "611 is a short number (toll-free, carrier-specific) of US: it can only be called from a phone there"
        )
        #expect(try NumberReader(defaultRegion: "NO").read("+47 22 12 34 56").shortNumberRefusal == nil)
    }
}

/// The fixture of link shapes found on real pages and templates, read as `normalize` reads them.
@Suite(.timeLimit(.minutes(5))) struct LinkShapeTests {
    @Test func everyLinkShapeReadsAsTheFixtureSays() {
        let rows = fixtureRows("links-from-the-wild.tsv")
        #expect(rows.count >= 45)
        var disagreements: [String] = []
        for row in rows {
            let got: [String]
            do {
                let number = try NumberReader(defaultRegion: row[1].isEmpty ? nil : row[1]).read(row[0])
                if let refusal = number.shortNumberRefusal {
                    got = ["!" + refusal.reason.rawValue, "", "", ""]
                } else {
                    got = [
                        number.isPossible ? number.e164 : "!invalid-length", number.extensionDigits ?? "",
                        number.postDial ?? "", number.ignored ?? "",
                    ]
                }
            } catch {
                got = ["!" + error.reason.rawValue, "", "", ""]
            }
            if got != Array(row[2...]) { disagreements.append("\(row[0]) [\(row[1])]: \(got) ≠ \(row[2...])") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }

    @Test func placeholdersAreRefusedAndVanityWordsAreNot() throws {
        #expect(throws: PhoneNumberError(.placeholder)) {
            try NumberReader(defaultRegion: "GB").read("tel:+4477362XXXX")
        }
        #expect(try NumberReader(defaultRegion: "US").read("1-800-FLOWERS").e164 == "+18003569377")
    }

    @Test func aKeyWhereADigitWasMaskedIsAPlaceholderUnlessWhatItLeavesIsANumber() throws {
        for link in ["tel:+44 20 7946 0#58", "tel:+4722123#56", "tel:+4722*23456", "tel:+4722X23456", "tel:+4722*2"] {
            #expect(throws: PhoneNumberError(.placeholder), "\(link)") {
                try NumberReader(defaultRegion: nil).read(link)
            }
        }
        let reader = NumberReader(defaultRegion: nil)
        #expect(try reader.read("tel:+47*22123456").e164 == "+4722123456")
        #expect(try reader.read("tel:+44 20 7946 0958#123").extensionDigits == "123")
        #expect(try reader.read("tel:+4722123456x12").extensionDigits == "12")
    }

    @Test func vanityLettersPastTheNumberAreIgnoredAndReported() throws {
        let number = try NumberReader(defaultRegion: "US").read("1-800-CONTACTS")
        #expect(number.international == "+1 800-266-8228")
        #expect(number.ignored == "S")
        #expect(number.isValid)
    }

    @Test func calltoLettersAreANameNotKeys() {
        #expect(throws: PhoneNumberError(.skypeName(link: "callto:123alice"))) {
            try NumberReader(defaultRegion: "DE").read("callto:123alice")
        }
        #expect(throws: Never.self) { try NumberReader(defaultRegion: "DE").read("tel:123alice") }
    }
}

/// The README's table of where links from the wild are read differently from libphonenumber: its promise is that
/// every example is a row of the fixture, read as the table's `puzzel-call` column says.
@Suite(.timeLimit(.minutes(5))) struct DocumentedDifferenceTests {
    /// One line of the table: its examples, each with the default country written after it (`tel:112` (NO)), none
    /// (`without a default country`) or any (nil); and what puzzel-call makes of them.
    struct Difference {
        let examples: [(link: String, region: String?)]
        let puzzelCall: String
    }

    static func table() throws -> [Difference] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../README.md")
        let lines = try String(contentsOf: readme.standardized, encoding: .utf8).split(separator: "\n")
        let header = try #require(lines.firstIndex { $0.hasPrefix("| link shape | example | libphonenumber |") })
        return lines[(header + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let examples = cells[2].matches(of: #/`([^`]+)`( \(([A-Z]{2})\)| without a default country)?/#).map {
                (link: String($0.output.1), region: $0.output.2 == nil ? nil : String($0.output.3 ?? ""))
            }
            return Difference(examples: examples, puzzelCall: cells[4])
        }
    }

    @Test func everyExampleIsAFixtureRowReadAsTheTableSays() throws {
        let table = try Self.table()
        #expect(table.count >= 15)
        let rows = fixtureRows("links-from-the-wild.tsv")
        var problems: [String] = []
        for difference in table {
            #expect(!difference.examples.isEmpty, "\(difference.puzzelCall)")
            for (offset, example) in difference.examples.enumerated() {
                guard
                    let row = rows.first(where: { $0[0] == example.link && (example.region ?? $0[1]) == $0[1] })
                else {
                    problems.append("\(example.link) [\(example.region ?? "any")] is no row of the fixture")
                    continue
                }
                for (column, value) in Self.expectations(difference.puzzelCall, example: offset) {
                    let agrees =
                        switch (column, value) {
                        // The post-dial digits the column names are its first example's (`,,1`); the others have some.
                        case (4, _) where offset > 0: !row[4].isEmpty
                        case (2, "+"): row[2].hasPrefix("+")
                        default: row[column] == value
                        }
                    if !agrees {
                        problems.append("\(example.link): the table says \(value), the fixture \(row[column])")
                    }
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// What a `puzzel-call` cell says of its example number `example`, as the fixture's columns: 2 the number (one
    /// for all the examples, or one each) or `!reason`, 3 the extension, 4 the post-dial digits, 5 what was ignored.
    /// A cell that says `the number` expects one: a `+`.
    static func expectations(_ cell: String, example: Int) -> [Int: String] {
        var expected: [Int: String] = [:]
        let numbers = cell.matches(of: #/^\+[\d -]*\d|, (\+[\d -]*\d)/#).map { match in
            "+" + (match.output.1 ?? match.output.0).filter(\.isNumber)
        }
        if let refused = cell.firstMatch(of: #/^refused: `([a-z-]+)`/#) {
            expected[2] = "!" + refused.output.1
        } else if !numbers.isEmpty {
            expected[2] = numbers[numbers.count == 1 ? 0 : example]
        } else if cell.hasPrefix("the number") {
            expected[2] = "+"
        }
        if let ignored = cell.firstMatch(of: #/`ignored: ([^`]+)`/#) { expected[5] = String(ignored.output.1) }
        if let extensionDigits = cell.firstMatch(of: #/extension (\d+)/#) {
            expected[3] = String(extensionDigits.output.1)
        }
        if let postDial = cell.firstMatch(of: #/`postDial` `([^`]+)`/#) { expected[4] = String(postDial.output.1) }
        return expected
    }
}
