import Testing

@testable import PhoneNumbers

private func digits(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite(.timeLimit(.minutes(5))) struct DigitPatternTests {
    @Test func matchesWholeInputOnly() {
        let pattern = DigitPattern("[2-9]\\d{7}|0(?:1|20)\\d{2,3}")
        #expect(pattern.matchesWhole(digits("22123456")))
        #expect(!pattern.matchesWhole(digits("2212345")))
        #expect(!pattern.matchesWhole(digits("221234567")))
        #expect(pattern.matchesWhole(digits("02012")) && pattern.matchesWhole(digits("020123")))
        #expect(!pattern.matchesWhole(digits("0201234")))
    }

    @Test func prefixMatchTakesTheFirstAlternativeThatFits() {
        // Australia's IDD: the first alternative wins even though a later one would match more.
        let pattern = DigitPattern("001[14-689]|14(?:1[14]|34|4[17]|[56]6|7[47]|88)0011")
        #expect(pattern.match(digits("0011612345"), wholeInput: false)?.end == 4)
        #expect(pattern.match(digits("1414001161"), wholeInput: false)?.end == 8)
        #expect(!pattern.matchesPrefix(digits("0012")))
    }

    @Test func capturesGroupsAndLeavesUnusedOnesEmpty() throws {
        let pattern = DigitPattern("0?(?:(11|343)15)?")
        let withCarrier = try #require(pattern.match(digits("0343155551212"), wholeInput: false))
        #expect(withCarrier.end == 6 && withCarrier.group(0) == 1..<4)
        let plain = try #require(pattern.match(digits("01123456789"), wholeInput: false))
        #expect(plain.end == 1 && plain.group(0) == nil)
    }

    @Test func endAnchorAndUnboundedRepetition() {
        let pattern = DigitPattern("([2-9]\\d{6})$|1")
        #expect(pattern.match(digits("4641234"), wholeInput: false)?.group(0) == 0..<7)
        #expect(pattern.match(digits("12684641234"), wholeInput: false)?.end == 1)
        #expect(DigitPattern("8\\d*5+").matchesWhole(digits("812355")))
        #expect(!DigitPattern("8\\d+").matchesWhole(digits("8")))
    }

    @Test func templatesFillGroupsIn() throws {
        let pattern = DigitPattern("(\\d{2})(\\d{2})(\\d{2})(\\d{2})")
        let match = try #require(pattern.match(digits("22123456"), wholeInput: true))
        #expect(
            String(decoding: Template("$1 $2 $3 $4").expand(match, in: digits("22123456")), as: UTF8.self)
                == "22 12 34 56")
    }
}
