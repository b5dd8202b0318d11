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
@Suite struct ShortNumberTests {
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
@Suite struct LinkShapeTests {
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
