import PhoneNumbers
import Testing

@testable import Localization

@Suite(.timeLimit(.minutes(5))) struct ClickTextTests {
    static let reader = NumberReader(defaultRegion: "NO")
    static let fixedLine = try! reader.read("+47 22 12 34 56")
    static let outsideRanges = try! reader.read("+47 0212 3456")
    static let internationalService = try! reader.read("+800 1234 5678")

    /// Every message at least once, the number's places and types in several of their forms.
    static let everyMessage: [ClickText] = [
        .calling(fixedLine), .notCallingAgain(fixedLine), .notCalling(fixedLine), .notCalling(nil), .mayHaveBeenPlaced,
        .callQuestion(fixedLine), .phoneRingsFirst, .about(fixedLine), .about(outsideRanges),
        .about(internationalService), .alreadyCalling(secondsAgo: 4), .notLoggedOn, .paused("Lunch"), .paused(nil),
        .notAvailable(status: "WrapUp"), .notAvailable(status: "Busy"), .notAvailable(status: "NoAnswer"),
        .burstNotConfirmed(numbers: 3, seconds: 10), .credentialsRejected, .keyringNotAnswering(seconds: "30"),
        .noRecordOfRecentCalls(reason: "No space left on device"), .refusedType(fixedLine),
        .impossibleLength(fixedLine), .outsideRanges(outsideRanges, callingAnyway: true),
        .outsideRanges(outsideRanges, callingAnyway: false), .extensionNotDialled("12"), .postDialNotDialled(",,1"),
        .ignored("S"), .orCallAnyway(.notLoggedOn), .verbatim("Puzzel did not answer"),
        .burstQuestion(numbers: 3, seconds: 10), .onlyIfYouClicked, .callLastClicked, .callAnyway, .call,
        .placeholder, .emergencyNumber(digits: "112"), .shortNumber(digits: "1813", region: "NO"),
        .skypeName(link: "callto:123alice"), .callingPhoneRingsFirst(fixedLine),
        .alreadyCallingRunWithForce(fixedLine, secondsAgo: 2), .refusedTypeRunWithForce(fixedLine),
        .orRunWithForce(.notLoggedOn), .puzzel(.sessionEnded), .mayHaveBeenPlacedAfter(.answerTooLarge(.orderCallout)),
        .notPlacedAfter(.redirected(.orderCallout, host: "example.com", status: 302, target: nil)),
        .noRecordOfRejections(reason: "No space left on device"), .noPassword(user: "agent"), .noNumberGiven,
        .linkTooLong, .notAPhoneLink(scheme: "sip"),
        .undecodableLink, .address(link: "callto:alice@example.com"), .badPhoneContext(value: "+4a"),
        .notANumber(text: "hello"), .tooLong(text: "+47 1234 5678 9012 3456 78"), .tooShort(text: "+47 1"),
        .tooFewDigitsAfterPrefix(text: "00 1"), .noCountryCode(text: "22 12 34 56"),
        .unknownCountryCode(text: "+999 123"),
        .noAccountSetting(.customerKey, configFile: "/home/agent/.config/puzzel-call/config"),
        .noAccountSettingOrVariable(.userName, configFile: "/home/agent/.config/puzzel-call/config"),
        .signIn(.signIn), .signIn(.passwordRejectedBefore), .signIn(.passwordRejectedBeforeAtItsSource),
        .signIn(.noPasswordKept(user: "agent")),
        .signIn(.passwordQuestion(user: "agent", customerKey: "10001")), .signIn(.signInToPuzzel),
        .signIn(.noAccountSettingKept(.customerKey)),
        .signIn(.clicksBlocked),
        .browserSignIn(.pageSignedIn), .browserSignIn(.pageNotSignedIn), .browserSignIn(.openingBrowser),
        .browserSignIn(.stateMismatch), .browserSignIn(.declined(error: "access_denied")),
        .browserSignIn(.noAnswer(seconds: 300)), .browserSignIn(.browserNotOpened(reason: "xdg-open exit status 3")),
        .browserSignIn(.signInAgainAtTerminal), .browserSignIn(.signInAgain),
    ]

    /// Which message a text is: the switch has no default, so a new message does not compile here until it is
    /// counted, and then `everyMessage` must show it.
    static func kind(_ text: ClickText) -> Int {
        switch text {
        case .calling: 0
        case .notCallingAgain: 1
        case .notCalling: 2
        case .mayHaveBeenPlaced: 3
        case .callQuestion: 4
        case .phoneRingsFirst: 5
        case .about: 6
        case .alreadyCalling: 7
        case .notLoggedOn: 8
        case .paused: 9
        case .notAvailable: 10
        case .burstNotConfirmed: 11
        case .credentialsRejected: 12
        case .keyringNotAnswering: 13
        case .noRecordOfRecentCalls: 14
        case .refusedType: 15
        case .impossibleLength: 16
        case .outsideRanges: 17
        case .extensionNotDialled: 18
        case .postDialNotDialled: 19
        case .ignored: 20
        case .orCallAnyway: 21
        case .verbatim: 22
        case .burstQuestion: 23
        case .onlyIfYouClicked: 24
        case .callLastClicked: 25
        case .callAnyway: 26
        case .call: 27
        case .placeholder: 28
        case .emergencyNumber: 29
        case .shortNumber: 30
        case .skypeName: 31
        case .callingPhoneRingsFirst: 32
        case .alreadyCallingRunWithForce: 33
        case .refusedTypeRunWithForce: 34
        case .orRunWithForce: 35
        case .puzzel: 36
        case .mayHaveBeenPlacedAfter: 37
        case .notPlacedAfter: 38
        case .noRecordOfRejections: 39
        case .noPassword: 40
        case .noNumberGiven: 41
        case .linkTooLong: 42
        case .notAPhoneLink: 43
        case .undecodableLink: 44
        case .address: 45
        case .badPhoneContext: 46
        case .notANumber: 47
        case .tooLong: 48
        case .tooShort: 49
        case .tooFewDigitsAfterPrefix: 50
        case .noCountryCode: 51
        case .unknownCountryCode: 52
        case .noAccountSetting: 53
        case .noAccountSettingOrVariable: 54
        case .signIn: 55
        case .browserSignIn: 56
        }
    }

    @Test func theSamplesShowEveryMessage() {
        #expect(Set(Self.everyMessage.map(Self.kind)) == Set(0...56))
    }

    @Test(arguments: Language.allCases)
    func everyMessageIsSaidInEveryLanguage(_ language: Language) {
        for message in Self.everyMessage {
            let text = message.text(in: language)
            #expect(!text.isEmpty, "\(message) in \(language)")
            if language != .english, case .verbatim = message {
                #expect(text == message.text(in: .english), "Puzzel's own words are passed on as they are")
            } else if language != .english {
                #expect(text != message.text(in: .english), "\(message) is not translated into \(language)")
            }
        }
    }

    @Test(arguments: Language.allCases)
    func theNumberAndTheFiguresAreInEveryLanguage(_ language: Language) {
        #expect(ClickText.calling(Self.fixedLine).text(in: language).contains("+47 22 12 34 56"))
        #expect(ClickText.burstQuestion(numbers: 3, seconds: 10).text(in: language).contains("3 "))
        #expect(ClickText.paused("Lunch").text(in: language).contains("(Lunch)"))
        #expect(ClickText.extensionNotDialled("12").text(in: language).contains("12"))
    }

    /// A click may not see the shell's environment (the desktop portal, a Flatpak browser): its fix is the
    /// config file's line or `login`, never a variable. The terminal, which does see it, names the variable too.
    @Test(arguments: Language.allCases)
    func aMissingAccountIsFixedInTheConfigFileAfterAClick(_ language: Language) {
        let file = "/home/agent/.config/puzzel-call/config"
        for setting in AccountSetting.allCases {
            let click = ClickText.noAccountSetting(setting, configFile: file).text(in: language)
            #expect(click.contains("\(setting.key) = … ") && click.contains(file), "\(click)")
            #expect(click.contains("`puzzel-call login`"))
            #expect(!click.contains("PUZZEL_"), "\(click)")
            let terminal = ClickText.noAccountSettingOrVariable(setting, configFile: file).text(in: language)
            #expect(terminal.contains(setting.variable) && terminal.contains(file), "\(terminal)")
        }
    }

    @Test(arguments: [
        (Language.english, "A fixed line number in Norway."), (.norwegian, "Norsk fastnettnummer."),
        (.swedish, "Norskt fast nummer."), (.danish, "Norsk fastnetnummer."),
        (.finnish, "Norjan lankapuhelinnumero."),
    ])
    func aNumbersCountryIsNamedInTheLanguage(_ language: Language, about: String) {
        #expect(ClickText.about(Self.fixedLine).text(in: language) == about)
    }

    /// The README's examples.
    @Test func englishSaysTheWhereANameTakesIt() throws {
        let mobile = try NumberReader(defaultRegion: "GB").read("07400 123456")
        #expect(ClickText.about(mobile).text(in: .english) == "A mobile number in the United Kingdom.")
        #expect(ClickText.about(mobile).text(in: .norwegian) == "Britisk mobilnummer.")
        #expect(ClickText.about(mobile).text(in: .finnish) == "Ison-Britannian matkapuhelinnumero.")
        #expect(
            ClickText.shortNumber(digits: "611", region: "US").text(in: .english)
                == "611 is a short number in the United States: it can only be called from a phone there")
    }

    @Test func everyRegionOfThePhoneMetadataHasANameInEveryLanguage() {
        let letters = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) }
        let regions = letters.flatMap { first in letters.map { first + $0 } }.filter(NumberReader.isKnownRegion)
        #expect(regions.count > 200)
        for region in regions {
            let names = Language.allCases.map { CountryName.of(region, in: $0) ?? "" }
            #expect(!names.contains { $0.isEmpty || $0 == region }, "\(region): \(names)")
        }
        #expect(
            Language.allCases.map { CountryName.of("CZ", in: $0) } == [
                "Czechia", "Tsjekkia", "Tjeckien", "Tjekkiet", "Tšekki",
            ])
        #expect(CountryName.of("ZZ", in: .english) == nil)
    }

    /// A notification's lines start with a capital, or with the number, link or text they are about; only the
    /// cautions, which the notification capitalises and the terminal puts after “warning:”, start in lower case.
    @Test(arguments: Language.allCases)
    func everyLineStartsWithACapital(_ language: Language) {
        for message in Self.everyMessage {
            switch message {
            case .extensionNotDialled, .postDialNotDialled, .ignored, .notAPhoneLink, .verbatim: continue
            default: break
            }
            let first = message.text(in: language).first!
            #expect(first.isUppercase || first.isNumber || "“”«»+c".contains(first), "\(message) in \(language)")
        }
    }

    @Test(arguments: [
        (Language.english, "A mobile number in Jamaica.", "A fixed line number in Kenya."),
        (.norwegian, "Mobilnummer på Jamaica.", "Fastnettnummer i Kenya."),
        (.swedish, "Mobilnummer på Jamaica.", "Fast nummer i Kenya."),
        (.danish, "Mobilnummer på Jamaica.", "Fastnetnummer i Kenya."),
        (.finnish, "Matkapuhelinnumero (Jamaika).", "Lankapuhelinnumero (Kenia)."),
    ])
    func aCountryWithoutAnAdjectiveGoesByItsName(_ language: Language, island: String, mainland: String) throws {
        let reader = NumberReader(defaultRegion: "NO")
        #expect(ClickText.about(try reader.read("+1 876 210 1234")).text(in: language) == island)
        #expect(ClickText.about(try reader.read("+254 20 2012345")).text(in: language) == mainland)
    }

    @Test func aClickJustNowIsSaidSo() {
        #expect(
            ClickText.alreadyCalling(secondsAgo: 0).text(in: .english)
                == "You clicked it just now and it is being called; to call it again, choose “Call anyway”")
        #expect(ClickText.alreadyCalling(secondsAgo: 1).text(in: .norwegian).hasPrefix("Du klikket nettopp, og"))
        #expect(ClickText.alreadyCalling(secondsAgo: 2).text(in: .finnish).hasPrefix("Napsautit numeroa 2 s sitten,"))
        #expect(
            ClickText.shortNumber(digits: "1813", region: "NO").text(in: .norwegian)
                == "1813 er et norsk kortnummer: det kan bare ringes fra en telefon i landet")
        #expect(
            ClickText.shortNumber(digits: "116 117", region: "SE").text(in: .swedish)
                == "116 117 är ett svenskt kortnummer: det kan bara ringas från en telefon i landet")
    }

    @Test func eachLanguageQuotesTheActionItOffers() {
        let refusal = ClickText.orCallAnyway(.notLoggedOn)
        #expect(refusal.text(in: .english).hasSuffix(", or choose “Call anyway”"))
        #expect(refusal.text(in: .norwegian).hasSuffix(", eller velg «Ring likevel»"))
        #expect(refusal.text(in: .swedish).hasSuffix(", eller välj ”Ring ändå”"))
        #expect(refusal.text(in: .danish).hasSuffix(", eller vælg »Ring alligevel«"))
        #expect(refusal.text(in: .finnish).hasSuffix(", tai valitse ”Soita silti”"))
    }
}
