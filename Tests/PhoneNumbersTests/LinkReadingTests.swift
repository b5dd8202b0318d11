import Testing

@testable import PhoneNumbers

private func read(_ input: String, in region: String? = nil) throws(PhoneNumberError) -> PhoneNumber {
    try NumberReader(defaultRegion: region).read(input)
}

private func refusal(_ input: String, in region: String? = nil) -> PhoneNumberError? {
    do {
        _ = try read(input, in: region)
        return nil
    } catch {
        return error
    }
}

/// RFC 3966 and the link forms seen in the wild.
@Suite(.timeLimit(.minutes(5))) struct LinkReadingTests {
    @Test(arguments: [
        "tel:+47-22-12-34-56", "tel://+4722123456", "callto:+4722123456", "callto://+47 22 12 34 56",
        "TEL:+47.22.12.34.56", "Callto://+47(22)123456", "+47 22 12 34 56", "  tel:+4722123456\n",
        "tel:22123456;phone-context=+47", "tel:22-12-34-56;Phone-Context=+47", "callto:0047 22 12 34 56",
        "tel:%2B47%2022%2012%2034%2056", "tel:%EF%BC%8B47%2022123456", "callto:%2B4722123456?call",
        "＋４７ ２２ １２ ３４ ５６", "+47\u{2009}22\u{202F}12\u{3000}34\u{A0}56", "[+47] 22/12/34/56",
    ])
    func readsEveryFormOfTheSameNumber(link: String) throws {
        let number = try read(link, in: "DE")
        #expect(number.e164 == "+4722123456")
        #expect(number.region == "NO")
        #expect(number.international == "+47 22 12 34 56")
        #expect(number.type == .fixedLine)
        #expect(number.isValid && number.isPossible)
        #expect(number.extensionDigits == nil && number.postDial == nil)
    }

    @Test func phoneContextPrefixIsPrependedToTheLocalNumber() throws {
        #expect(try read("tel:331-6005;phone-context=+64-3").e164 == "+6433316005")
    }

    @Test func domainPhoneContextLeavesTheDefaultCountryInCharge() throws {
        #expect(try read("tel:22123456;phone-context=example.com", in: "NO").e164 == "+4722123456")
        #expect(refusal("tel:22123456;phone-context=example.com")?.reason == .missingRegion)
    }

    @Test(arguments: ["+", "++47", "47", "a-.nz", "", "+-"])
    func invalidPhoneContextIsRefused(context: String) {
        #expect(refusal("tel:22123456;phone-context=\(context)", in: "NO")?.reason == .notANumber)
    }

    @Test func percentEncodingThatIsNotUTF8IsRefused() {
        #expect(refusal("tel:%2B47%FF22123456")?.reason == .notANumber)
    }

    @Test(arguments: [
        ("tel:+16502530000;ext=123", "123"), ("tel:+16502530000;EXT=1-2-３", "123"), ("+1 650 253 0000 ext. 123", "123"),
        ("+1 650 253 0000 x123", "123"), ("+1 650 253 0000 #123", "123"), ("+1 650-253-0000-123#", "123"),
        ("+1 650 253 0000 Extension: 123", "123"), ("+1 650 253 0000 доб 123", "123"),
    ])
    func extensionIsReportedAndNotDialled(link: String, extensionDigits: String) throws {
        let number = try read(link, in: "US")
        #expect(number.e164 == "+16502530000")
        #expect(number.extensionDigits == extensionDigits)
    }

    @Test(arguments: ["tel:+4722123456;isub=1234", "tel:+4722123456;foo=bar;isub=12", "tel:+4722123456;tsp=a.b"])
    func subaddressAndUnknownParametersAreIgnored(link: String) throws {
        let number = try read(link)
        #expect(number.e164 == "+4722123456")
        #expect(number.extensionDigits == nil && number.postDial == nil)
    }

    @Test(arguments: [
        ("+4722123456p123", "p123"), ("+4722123456w123#", "w123#"), ("+4722123456,,9", ",,9"),
        ("tel:+4722123456;12", ";12"), ("+47 22 12 34 56 P 1 W 2", "p1w2"), ("tel:+4722123456,1;ext=5", ",1"),
        ("tel:+4722123456;postd=pp22", "pp22"), ("tel:+4722123456;POSTD=1-2;isub=9", "12"),
    ])
    func pauseEndsTheDialledPart(link: String, postDial: String) throws {
        let number = try read(link)
        #expect(number.e164 == "+4722123456")
        #expect(number.postDial == postDial)
    }

    @Test func vanityNumberLettersAreKeysNotPauses() throws {
        let number = try read("1-800-FLOWERS", in: "US")
        #expect(number.e164 == "+18003569377")
        #expect(number.postDial == nil)
        #expect(number.type == .tollFree)
        #expect(try read("tel:+1-800-FLOWERS").e164 == "+18003569377")
    }

    @Test func calltoWithASkypeNameIsRefusedSayingWhatItIs() {
        let error = refusal("callto:john.smith")
        #expect(error?.reason == .notANumber)
        #expect(error?.message == "callto:john.smith is a Skype name, not a number")
        #expect(refusal("callto://live:john.smith?call")?.reason == .notANumber)
        #expect(
            refusal("callto:john@example.com")?.message == "callto:john@example.com is an address, not a phone number.")
    }

    @Test(arguments: ["sip:+4722123456@example.com", "mailto:a@b.no", "https://example.com/+4722123456"])
    func otherLinksAreRefused(link: String) {
        #expect(refusal(link)?.reason == .unsupportedLink)
    }

    @Test func overlongInputIsRefusedUnread() {
        #expect(refusal("+47" + String(repeating: "1", count: 2_000))?.reason == .tooLong)
        #expect(refusal("tel:+47" + String(repeating: "-", count: 250) + "22123456")?.reason == .tooLong)
    }

    @Test func emptyInputIsRefused() {
        #expect(refusal("")?.reason == .empty)
        #expect(refusal(" \t ")?.reason == .empty)
        #expect(refusal("tel:")?.reason == .notANumber)
    }

    @Test func textWithoutANumberIsRefused() {
        #expect(refusal("callto:1", in: "NO")?.reason == .notANumber)
        #expect(refusal("+47 1 ", in: "NO")?.reason == .tooShort)
        #expect(refusal("hello", in: "NO")?.reason == .notANumber)
        #expect(refusal("tel:+47-ab", in: "NO")?.reason == .notANumber)
    }

    @Test func nationalNumberNeedsADefaultCountry() {
        #expect(refusal("22 12 34 56")?.reason == .missingRegion)
        #expect(NumberReader(defaultRegion: "ZZ").defaultRegion == nil)
        #expect(NumberReader(defaultRegion: "no").defaultRegion == "NO")
    }

    @Test func tooFewDigitsAfterTheInternationalPrefixAreRefused() {
        let error = refusal("00 47", in: "NO")
        #expect(error?.reason == .tooShort)
        #expect(error?.message == "“00 47” has too few digits after the international prefix.")
    }

    @Test func tooManyDigitsAreRefused() {
        #expect(refusal("+47 1234 5678 9012 3456 78")?.reason == .tooLong)
    }

    @Test func knownRegionsAreTwoLetterCodesInAnyCase() {
        #expect(NumberReader.isKnownRegion("NO") && NumberReader.isKnownRegion("gb"))
        #expect(
            !NumberReader.isKnownRegion("ZZ") && !NumberReader.isKnownRegion("001")
                && !NumberReader.isKnownRegion("NOR"))
    }

    /// Each refusal carries what its words name, for a message in the agent's language; the terminal's English,
    /// which scripts read, stays as it was.
    @Test(arguments: [
        ("", nil, PhoneNumberError.Problem.empty, "No phone number was given."),
        (
            "tel:+47" + String(repeating: "1", count: 1_000), nil, .linkTooLong,
            "The link is too long to hold a phone number."
        ),
        ("sip:alice@example.com", nil, .otherScheme("sip"), "sip: links are not phone links: use tel: or callto:."),
        ("tel:%2B47%FF22123456", nil, .undecodableLink, "The link’s percent-encoding does not spell out text."),
        (
            "callto:alice@example.com", nil, .address(link: "callto:alice@example.com"),
            "callto:alice@example.com is an address, not a phone number."
        ),
        (
            "tel:22123456;phone-context=+4a", "NO", .badPhoneContext("+4a"),
            "phone-context=+4a is neither a +country code nor a domain name."
        ),
        (
            "tel:+47" + String(repeating: "-", count: 250) + "22123456", nil,
            .tooLongToBeANumber("+47" + String(repeating: "-", count: 57) + "…"),
            "“+47" + String(repeating: "-", count: 57) + "…” is too long to be a phone number."
        ),
        ("hello", "NO", .notANumber("hello"), "“hello” does not look like a phone number."),
        (
            "22 12 34 56", nil, .noCountryCode("22 12 34 56"),
            "“22 12 34 56” has no country code: write it with + and the country code, or set a default country."
        ),
        (
            "+999 123 456 789", nil, .unknownCountryCode("+999 123 456 789"),
            "“+999 123 456 789” has no country code that exists."
        ),
        (
            "011 1", "US", .tooFewDigitsAfterPrefix("011 1"),
            "“011 1” has too few digits after the international prefix."
        ),
        ("+47 1", nil, .tooShort("+47 1"), "“+47 1” is too short to be a phone number."),
        (
            "+47 1234 5678 9012 3456 78", nil, .tooManyDigits("+47 1234 5678 9012 3456 78"),
            "“+47 1234 5678 9012 3456 78” has too many digits for a phone number."
        ),
        ("tel:112", "NO", .emergencyNumber(digits: "112"), "112 is an emergency number: call it from a phone"),
    ])
    func aRefusalNamesWhatItIsAbout(input: String, region: String?, problem: PhoneNumberError.Problem, message: String)
    {
        let error = refusal(input, in: region)
        #expect(error?.problem == problem)
        #expect(error?.message == message)
    }

    @Test func unknownCountryCodeIsRefused() {
        #expect(refusal("+999 123 456 789")?.reason == .invalidCountryCode)
    }

    @Test func messagesDoNotEchoControlCharacters() {
        let error = refusal("callto:evil\u{1B}[31m\u{7}")
        #expect(error?.message.unicodeScalars.contains { $0.value < 0x20 } == false)
        #expect(error?.message.contains("?[31m?") == true)
    }
}

/// libphonenumber's country rules, on the cases its own tests and FAQ name.
@Suite(.timeLimit(.minutes(5))) struct CountryRuleTests {
    @Test(arguments: [
        ("(0)20 7946 0958", "GB", "+442079460958"), ("+44 (0)20 7946 0958", "US", "+442079460958"),
        ("0044 20 7946 0958", "DE", "+442079460958"), ("011 44 20 7946 0958", "US", "+442079460958"),
        ("02 1234 5678", "IT", "+390212345678"), ("8 (495) 123-45-67", "RU", "+74951234567"),
        ("8 10 44 20 7946 0958", "RU", "+442079460958"), ("8~10 44 20 7946 0958", "RU", "+442079460958"),
        ("011 15 2345 6789", "AR", "+5491123456789"), ("0343 15 555 1212", "AR", "+5493435551212"),
        ("0 15 11 98765 4321", "BR", "+5511987654321"), ("0 5 601 2345678", "CO", "+576012345678"),
        ("47 22 12 34 56", "NO", "+4722123456"), ("022 12 34 56", "NO", "+47022123456"),
        ("0011 61 2 9374 4000", "AU", "+61293744000"), ("0123456", "GB", "+440123456"),
        ("+01164 3 331 6005", "US", "+6433316005"),
    ])
    func readsAsLibphonenumberDoes(input: String, region: String, e164: String) throws {
        #expect(try read(input, in: region).e164 == e164)
    }

    @Test func sharedCallingCodeFindsTheRegionByItsRanges() throws {
        let number = try read("+1 204 234 5678")
        #expect(number.region == "CA")
        #expect(number.international == "+1 204-234-5678")
    }

    @Test func nonGeographicNumbersBelongToRegion001() throws {
        let number = try read("+800 1234 5678")
        #expect(number.region == "001")
        #expect(number.type == .tollFree)
        #expect(number.international == "+800 1234 5678")
    }

    @Test func impossibleAndInvalidNumbersAreReturnedForThePolicyToJudge() throws {
        let tooShort = try read("+47 123")
        #expect(!tooShort.isPossible && !tooShort.isValid && tooShort.type == .unknown)
        // +47 is shared by Norway and Svalbard: a number neither's ranges take belongs to no region.
        #expect(tooShort.region == nil)
        let outOfRange = try read("+47 02 12 34 56")
        #expect(outOfRange.isPossible && !outOfRange.isValid)
    }

    @Test func premiumRateIsTyped() throws {
        #expect(try read("09061234567", in: "GB").type == .premiumRate)
    }

    @Test func destinationFormats() throws {
        let number = try read("+47 22 12 34 56")
        #expect(number.destination(.doubleZero) == "004722123456")
        #expect(number.destination(.e164) == "+4722123456")
    }

    @Test func everyTerritoryRecordDecodes() {
        let store = MetadataStore.shared
        var regionCount = 0
        for code in 1..<1000 {
            let regions = store.regions(countryCode: code)
            guard !regions.isEmpty else { continue }
            #expect(store.territory(countryCode: code)?.countryCode == code)
            for region in regions where region != "001" {
                regionCount += 1
                #expect(store.territory(region: region)?.countryCode == code)
            }
        }
        #expect(regionCount == 245)
    }
}
