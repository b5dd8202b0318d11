import Foundation
import Testing

@testable import PhoneNumbers

/// One line of a fixture written by scripts/generate-metadata: an input, a default region, and libphonenumber's
/// reading of it (in `puzzel-call-readings.tsv`: of the text puzzel-call hands it instead).
struct LibphonenumberCase: CustomStringConvertible {
    let input: String
    let defaultRegion: String?
    /// The E.164 form, or nil when libphonenumber refuses the input.
    let e164: String?
    /// libphonenumber's error (`NOT_A_NUMBER`, `TOO_LONG`, …) when it refuses the input.
    let refusal: String?
    let isValid: Bool
    let isPossible: Bool
    let type: String
    let region: String?
    let international: String
    let extensionDigits: String

    /// The inputs libphonenumber reads as they are, with its answers.
    static let libphonenumber = load("libphonenumber-cases.tsv")
    /// The inputs it cannot read as given (percent-encoding, Unicode spaces, pauses, vanity overflow): puzzel-call's
    /// reading, checked against libphonenumber's answer for the text puzzel-call hands it.
    static let puzzelCallReadings = load("puzzel-call-readings.tsv")

    private static func load(_ name: String) -> [LibphonenumberCase] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let refused = fields[2].hasPrefix("!")
            return LibphonenumberCase(
                input: fields[0], defaultRegion: fields[1].isEmpty ? nil : fields[1],
                e164: refused ? nil : fields[2], refusal: refused ? String(fields[2].dropFirst()) : nil,
                isValid: fields[3] == "1", isPossible: fields[4] == "1", type: fields[5],
                region: fields[6].isEmpty ? nil : fields[6], international: fields[7], extensionDigits: fields[8])
        }
    }

    /// libphonenumber's errors and the reasons puzzel-call gives for the same refusal.
    static let reasons: [String: Set<PhoneNumberError.Reason>] = [
        "NOT_A_NUMBER": [.notANumber, .empty], "INVALID_COUNTRY_CODE": [.invalidCountryCode, .missingRegion],
        "TOO_SHORT_AFTER_IDD": [.tooShort], "TOO_SHORT_NSN": [.tooShort], "TOO_LONG": [.tooLong],
    ]

    var description: String { "\(input) [\(defaultRegion ?? "-")]" }

    /// What the reader gives for this case, in the fixture's terms, beside what the fixture expects.
    func compare(with reader: NumberReader) -> (expected: String, got: String) {
        let got: String
        do {
            let number = try reader.read(input)
            got = [
                number.e164, number.isValid ? "1" : "0", number.isPossible ? "1" : "0", number.type.rawValue,
                number.region ?? "", number.international, number.extensionDigits ?? "",
            ].joined(separator: " | ")
        } catch {
            // A refusal agrees when puzzel-call's reason is one it gives for libphonenumber's error.
            let agreeing = refusal.flatMap { Self.reasons[$0] } ?? []
            got = "error " + (agreeing.contains(error.reason) ? refusal! : error.reason.rawValue)
        }
        let expected = e164.map {
            [$0, isValid ? "1" : "0", isPossible ? "1" : "0", type, region ?? "", international, extensionDigits]
                .joined(separator: " | ")
        }
        return (expected ?? "error \(refusal!)", got)
    }
}

/// Readers by default region, so each test builds each only once.
private func readers() -> (String?) -> NumberReader {
    var cache: [String: NumberReader] = [:]
    return { region in
        let key = region ?? ""
        if let reader = cache[key] { return reader }
        let reader = NumberReader(defaultRegion: region)
        cache[key] = reader
        return reader
    }
}

@Suite(.timeLimit(.minutes(5))) struct DifferentialTests {
    @Test func fixtureCoversEveryRegionAndType() {
        let cases = LibphonenumberCase.libphonenumber
        #expect(cases.count >= 5_000)
        // Every region is the default region of some cases (its national forms), and numbers of every
        // non-geographic entity are read.
        #expect(Set(cases.compactMap(\.defaultRegion)).count == 245)
        let entities = Set(cases.filter { $0.region == "001" }.compactMap { $0.e164.map { String($0.prefix(4)) } })
        #expect(entities == ["+800", "+808", "+870", "+878", "+881", "+882", "+883", "+888", "+979"])
        let types = Set(cases.map(\.type))
        #expect(types.isSuperset(of: NumberType.allCases.map(\.rawValue).filter { $0 != "fixed-line-or-mobile" }))
    }

    @Test func agreesWithLibphonenumberOnEveryCase() {
        expectAgreement(LibphonenumberCase.libphonenumber)
    }

    @Test func readsWhatLibphonenumberCannotAsDocumented() {
        let readings = LibphonenumberCase.puzzelCallReadings
        #expect(readings.count >= 2_000)
        expectAgreement(readings)
    }

    @Test func fixtureHoldsExtensionsVanityNumbersPausesAndRefusals() {
        let cases = LibphonenumberCase.libphonenumber
        #expect(cases.filter { !$0.extensionDigits.isEmpty }.count >= 80)
        #expect(cases.contains { $0.input == "1-800-FLOWERS" && $0.e164 == "+18003569377" })
        #expect(Set(cases.compactMap(\.refusal)) == Set(LibphonenumberCase.reasons.keys))
        #expect(LibphonenumberCase.puzzelCallReadings.contains { $0.input.contains(",,") })
    }

    private func expectAgreement(_ cases: [LibphonenumberCase]) {
        let reader = readers()
        var disagreements: [String] = []
        for fixture in cases {
            let (expected, got) = fixture.compare(with: reader(fixture.defaultRegion))
            if expected != got { disagreements.append("\(fixture): expected \(expected), got \(got)") }
        }
        #expect(
            disagreements.isEmpty,
            "\(disagreements.count) disagreements:\n\(disagreements.prefix(40).joined(separator: "\n"))")
    }

    @Test func readingTheDisplayFormOfAValidNumberGivesTheSameNumber() {
        let reader = NumberReader(defaultRegion: nil)
        var failures: [String] = []
        for fixture in LibphonenumberCase.libphonenumber + LibphonenumberCase.puzzelCallReadings where fixture.isValid {
            let again = try? reader.read(fixture.international)
            if again?.e164 != fixture.e164 { failures.append("\(fixture.international) → \(again?.e164 ?? "error")") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
    }
}
