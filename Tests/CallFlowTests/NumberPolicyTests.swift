import PhoneNumbers
import Testing

@testable import CallFlow

@Suite(.timeLimit(.minutes(5))) struct NumberPolicyTests {
    let reader = NumberReader(defaultRegion: "NO")

    func check(_ input: String, force: Bool = false, configure: (inout Configuration) -> Void = { _ in })
        throws(NumberRefusal) -> [String]
    {
        var configuration = Configuration()
        configure(&configuration)
        return try NumberPolicy.check(try! reader.read(input), configuration: configuration, force: force)
            .map { $0.text(in: .english) }
    }

    @Test func anOrdinaryNumberPassesWithoutWarnings() throws {
        #expect(try check("22 12 34 56").isEmpty)
    }

    @Test func anImpossibleLengthIsRefusedEvenWithForce() {
        let refusal = #expect(throws: NumberRefusal.self) { try check("+47 2212", force: true) }
        #expect(refusal?.exitStatus == .noNumber)
        #expect(refusal?.message == "+472212 has too few or too many digits for a number in Norway; check the number")
    }

    @Test func premiumRateIsRefusedUnlessForced() throws {
        let refusal = #expect(throws: NumberRefusal.self) { try check("820 00 000") }
        #expect(refusal?.message == "+47 820 00 000 is a premium rate number; run again with --force to call it anyway")
        #expect(try check("820 00 000", force: true).isEmpty)
        #expect(try check("820 00 000") { $0.refuseTypes = [] }.isEmpty)
    }

    @Test func refuseTypesIsConfigurable() {
        #expect(throws: NumberRefusal.self) { try check("+47 412 34 567") { $0.refuseTypes = [.mobile] } }
    }

    @Test func aNumberOutsideTheKnownRangesIsCalledWithAWarningUnlessStrict() throws {
        let warnings = try check("+47 0212 3456")
        #expect(warnings == ["+47 02123456 is outside the known number ranges of Norway; calling it anyway"])
        #expect(throws: NumberRefusal.self) { try check("+47 0212 3456") { $0.strict = true } }
    }

    @Test func anExtensionAndWhatFollowsAPauseAreReportedNotDialled() throws {
        #expect(
            try check("tel:+4722123456;ext=12") == ["extension 12 is not dialled: ask for it when the call is answered"]
        )
        #expect(
            try check("+47 22 12 34 56,,1234") == [
                "post-dial “,,1234” is not dialled: key it in when the call is answered"
            ])
    }

    @Test func vanityLettersPastTheNumberAreReported() throws {
        let warnings = try NumberPolicy.check(
            try NumberReader(defaultRegion: "US").read("1-800-CONTACTS"), configuration: Configuration(), force: false)
        #expect(warnings.map { $0.text(in: .english) } == ["ignored: S (past the end of the number, as on a phone)"])
    }

    @Test func aShortCodeIsRefusedByNameEvenWithForce() {
        let refusal = #expect(throws: NumberRefusal.self) { try check("tel:1813", force: true) }
        #expect(refusal?.code == "short-number")
        #expect(refusal?.exitStatus == .noNumber)
        #expect(refusal?.message == "1813 is a short number of NO: it can only be called from a phone there")
    }
}
