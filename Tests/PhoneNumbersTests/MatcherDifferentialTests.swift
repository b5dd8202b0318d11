import Foundation
import Testing

@testable import PhoneNumbers

/// One line of the fixture written by scripts/generate-match-fixture: a text, a default region, a leniency, and what
/// libphonenumber's PhoneNumberMatcher finds in it.
struct MatcherCase: CustomStringConvertible {
    let defaultRegion: String?
    let leniency: Leniency
    let text: String
    /// `start,end,e164` per number, in order.
    let expected: [String]

    static let all: [MatcherCase] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/libphonenumber-matches.tsv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return MatcherCase(
                defaultRegion: fields[0].isEmpty ? nil : fields[0], leniency: Leniency(rawValue: fields[1])!,
                text: fields[2], expected: fields[3].split(separator: " ").map(String.init))
        }
    }()

    var description: String { "\(text) [\(defaultRegion ?? "-"), \(leniency.rawValue)]" }
}

@Suite(.timeLimit(.minutes(5))) struct MatcherDifferentialTests {
    @Test func fixtureCoversManyRegionsLenienciesAndNumbers() {
        let cases = MatcherCase.all
        #expect(cases.count >= 3_000)
        #expect(Set(cases.compactMap(\.defaultRegion)).count >= 200)
        #expect(Set(cases.map(\.leniency)) == Set(Leniency.allCases))
        #expect(cases.reduce(0) { $0 + $1.expected.count } >= 1_500)
        #expect(cases.filter(\.expected.isEmpty).count >= 300)
    }

    @Test func findsWhatLibphonenumberFinds() {
        var matchers: [String: NumberMatcher] = [:]
        var disagreements: [String] = []
        for fixture in MatcherCase.all {
            let key = "\(fixture.defaultRegion ?? "") \(fixture.leniency.rawValue)"
            let matcher =
                matchers[key] ?? NumberMatcher(defaultRegion: fixture.defaultRegion, leniency: fixture.leniency)
            matchers[key] = matcher
            let scalars = Array(fixture.text.unicodeScalars)
            var rawMismatches: [String] = []
            let found = matcher.matches(in: fixture.text).map { match in
                let written = String(String.UnicodeScalarView(scalars[match.start..<match.end]))
                if match.raw != written { rawMismatches.append("raw \(match.raw) is not \(written)") }
                return "\(match.start),\(match.end),\(match.number.e164)"
            }
            if found != fixture.expected || !rawMismatches.isEmpty {
                disagreements.append("\(fixture): expected \(fixture.expected), got \(found) \(rawMismatches)")
            }
        }
        #expect(
            disagreements.isEmpty,
            "\(disagreements.count) disagreements:\n\(disagreements.prefix(40).joined(separator: "\n"))")
    }
}
