import Foundation
import Testing

@testable import PhoneNumbers

/// One line of the fixture written by scripts/generate-metadata: an input, a default region, and libphonenumber's
/// reading of it.
struct LibphonenumberCase: CustomStringConvertible {
    let input: String
    let defaultRegion: String?
    /// The E.164 form, or nil when libphonenumber refuses the input.
    let e164: String?
    let isValid: Bool
    let isPossible: Bool
    let type: String
    let region: String?
    let international: String

    static let all: [LibphonenumberCase] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/libphonenumber-cases.tsv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return LibphonenumberCase(
                input: fields[0], defaultRegion: fields[1].isEmpty ? nil : fields[1],
                e164: fields[2].hasPrefix("!") ? nil : fields[2], isValid: fields[3] == "1",
                isPossible: fields[4] == "1",
                type: fields[5], region: fields[6].isEmpty ? nil : fields[6], international: fields[7])
        }
    }()

    var description: String { "\(input) [\(defaultRegion ?? "-")]" }
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

@Suite struct DifferentialTests {
    @Test func fixtureCoversEveryRegionAndType() {
        let cases = LibphonenumberCase.all
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
        let reader = readers()
        var disagreements: [String] = []
        for fixture in LibphonenumberCase.all {
            let got: String
            do {
                let number = try reader(fixture.defaultRegion).read(fixture.input)
                got = [
                    number.e164, number.isValid ? "1" : "0", number.isPossible ? "1" : "0", number.type.rawValue,
                    number.region ?? "", number.international,
                ].joined(separator: " | ")
            } catch {
                got = "error \(error.reason.rawValue): \(error.message)"
            }
            let expected = fixture.e164.map {
                [
                    $0, fixture.isValid ? "1" : "0", fixture.isPossible ? "1" : "0", fixture.type, fixture.region ?? "",
                    fixture.international,
                ].joined(separator: " | ")
            }
            let agrees = expected == got || (expected == nil && got.hasPrefix("error "))
            if !agrees { disagreements.append("\(fixture): expected \(expected ?? "an error"), got \(got)") }
        }
        #expect(
            disagreements.isEmpty,
            "\(disagreements.count) disagreements:\n\(disagreements.prefix(40).joined(separator: "\n"))")
    }

    @Test func readingTheDisplayFormOfAValidNumberGivesTheSameNumber() {
        let reader = NumberReader(defaultRegion: nil)
        var failures: [String] = []
        for fixture in LibphonenumberCase.all where fixture.isValid {
            let again = try? reader.read(fixture.international)
            if again?.e164 != fixture.e164 { failures.append("\(fixture.international) → \(again?.e164 ?? "error")") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
    }
}
