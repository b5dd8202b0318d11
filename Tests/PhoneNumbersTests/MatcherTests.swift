import Testing

@testable import PhoneNumbers

@Suite(.timeLimit(.minutes(5))) struct MatcherTests {
    private func found(
        _ text: String, in region: String?, leniency: Leniency = .valid, maximumTries: Int = 65_535
    ) -> [String] {
        NumberMatcher(defaultRegion: region, leniency: leniency, maximumTries: maximumTries).matches(in: text).map {
            "\($0.start)-\($0.end) \($0.raw) \($0.number.e164)"
        }
    }

    /// The matcher reads digits of every script from its own table of them: it must agree with Unicode's, scalar
    /// for scalar, in whatever Unicode version the standard library has.
    @Test func takesForWhiteSpaceWhatUnicodeDoes() {
        var disagreements: [String] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if TextClass.isSpace(scalar) != scalar.properties.isWhitespace {
                disagreements.append("U+" + String(value, radix: 16))
            }
        }
        #expect(disagreements == [])
    }

    @Test func readsEveryDecimalDigitUnicodeKnows() {
        var disagreements: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            let unicode = properties.numericType == .decimal ? properties.numericValue.map { UInt8($0) } : nil
            if NumberText.digitValue(scalar) != unicode { disagreements.append("U+" + String(value, radix: 16)) }
        }
        #expect(disagreements == [])
    }

    @Test func findsANumberAmongADateATimeAndAnInvoiceNumber() {
        #expect(
            found("Ring 22 12 34 56 før 15/03/2024 kl. 14:30, faktura 2024-000123.", in: "NO") == [
                "5-16 22 12 34 56 +4722123456"
            ])
    }

    @Test func takesNoIBANCardNumberPercentageVersionOrAddressForANumber() {
        #expect(
            found("IBAN NO93 8601 1117 947, kort 4111 1111 1111 1111, 12.5%, v2.3.14, 192.168.1.254", in: "NO") == [])
    }

    @Test func stricterLeniencyWantsTheNumberGroupedAsItsCountryWritesIt() {
        let text = "Call +1 650 25 30 000 or +1 650 253 0000 or 650-2530000 or 6502530000"
        let starts = { (leniency: Leniency) in
            self.found(text, in: "US", leniency: leniency).map { $0.prefix { $0 != "-" } }
        }
        #expect(starts(.valid) == ["5", "25", "44", "59"])
        #expect(starts(.strictGrouping) == ["25", "44", "59"])
        #expect(starts(.exactGrouping) == ["25", "59"])
    }

    @Test func givesUpAfterTheBoundOnFailedTries() {
        let text = "1 2 3 4 5 6 7 8 9 10 11 +47 22 12 34 56"
        #expect(found(text, in: "NO", maximumTries: 3) == [])
        #expect(found(text, in: "NO") == ["24-39 +47 22 12 34 56 +4722123456"])
    }

    @Test func skipsNumbersGluedToWordsAndNationalNumbersWithoutTheirPrefix() {
        #expect(found("abc22123456 and 22123456 and 500 kr", in: "NO") == ["16-24 22123456 +4722123456"])
        #expect(found("030 1234567 und 301234567", in: "DE") == ["0-11 030 1234567 +49301234567"])
    }

    @Test func splitsTwoNumbersInBracketsAndCountsOffsetsInUnicodeScalars() {
        #expect(
            found("(650) 223 3345 (754) 223 3321", in: "US") == [
                "0-14 (650) 223 3345 +16502233345", "15-29 (754) 223 3321 +17542233321",
            ])
        #expect(found("☎️ +47 22 12 34 56", in: nil) == ["3-18 +47 22 12 34 56 +4722123456"])
    }
}
