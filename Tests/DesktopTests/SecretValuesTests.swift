import Foundation
import Testing

@testable import Desktop

/// Which secrets are redacted, and that the README says so exactly.
@Suite(.timeLimit(.minutes(5))) struct SecretValuesTests {
    static let numberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight"]

    @Test func valuesFromTheShortestOnAreRedactedAndShorterOnesLeft() {
        let secrets = SecretValues()
        let long = String(repeating: "k", count: SecretValues.shortest)
        let short = String(repeating: "q", count: SecretValues.shortest - 1)
        secrets.insert(long)
        secrets.insert(short)
        #expect(secrets.redacting("[\(long)] [\(short)]") == "[<redacted>] [\(short)]")
    }

    @Test func theReadmeSaysWhichValuesAreRedacted() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let signingIn = try #require(readme.components(separatedBy: "\n## ").first { $0.hasPrefix("Signing in") })
            .replacing("\n", with: " ")
        let (shortest, longestLeft) = (
            Self.numberWords[SecretValues.shortest], Self.numberWords[SecretValues.shortest - 1]
        )
        #expect(signingIn.contains("No password, client secret, token or session id of \(shortest) characters or more"))
        #expect(signingIn.contains("A shorter value (one to \(longestLeft) characters) is left as it is"))
    }
}
