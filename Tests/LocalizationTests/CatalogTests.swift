import Testing

@testable import Localization

/// Each catalog's samples show every message (a `kind` switch without default makes a new message fail to
/// compile here until it is counted), and each is said in every language, translated, not English again.
@Suite(.timeLimit(.minutes(5))) struct CatalogTests {
    static let everyPuzzelText: [PuzzelText] = [
        .passwordRejected(user: "agent", customerKey: "12345", puzzelSays: "Bad password"),
        .passwordRejected(user: "agent", customerKey: "12345", puzzelSays: nil), .twoFactorRequired(user: "agent"),
        .clientRejected(client: "crm", customerKey: "12345", user: "7", puzzelSays: "invalid_client"),
        .sessionNotRenewed, .sessionEnded, .refused(.orderCallout, code: 17, isHTTPStatus: false),
        .refused(.readAgentState, code: 404, isHTTPStatus: true), .signInNoLongerAccepted(.readAgentState, status: 401),
        .unexpectedStatus(.logIn, status: 503), .unexpectedStatus(.renewSession, status: 418),
        .unreadableAnswer(.readTokenInformation),
        .cannotConnect(.signInWithPuzzelID, host: "auth.example.com", .certificateNotTrusted),
        .noTimeToConnect(.logIn, host: "auth.example.com"), .noAnswerInTime(.orderCallout, host: "api.example.com"),
        .answerTooLarge(.readAgentState),
        .connectionFailed(.orderCallout, host: "api.example.com", .closedWithoutAnswer),
        .redirected(.logIn, host: "auth.example.com", status: 302, target: "evil.example.net"),
        .issuerMismatch(configured: "https://app.puzzel.com/id", found: "https://evil.example.net"),
        .endpointNotAllowed(name: "token_endpoint", url: "http://id.example.com/token"),
        .endpointNotAllowed(name: "authorization_endpoint", url: nil),
        .browserSignInRefused(puzzelSays: "invalid_grant"),
        .browserSignInRefused(puzzelSays: nil), .unreadableAnswer(.readSignInSettings),
        .unexpectedStatus(.finishBrowserSignIn, status: 500), .unexpectedStatus(.renewBrowserSession, status: 500),
        .unexpectedStatus(.signOutOfPuzzelID, status: 500),
    ]

    static func kind(_ text: PuzzelText) -> Int {
        switch text {
        case .passwordRejected: 0
        case .twoFactorRequired: 1
        case .clientRejected: 2
        case .sessionNotRenewed: 3
        case .sessionEnded: 4
        case .puzzelSays: 5
        case .refused: 6
        case .signInNoLongerAccepted: 7
        case .unexpectedStatus: 8
        case .unreadableAnswer: 9
        case .cannotConnect: 10
        case .noTimeToConnect: 11
        case .noAnswerInTime: 12
        case .answerTooLarge: 13
        case .connectionFailed: 14
        case .redirected: 15
        case .issuerMismatch: 16
        case .endpointNotAllowed: 17
        case .browserSignInRefused: 18
        }
    }

    static let everyConnectionProblem: [ConnectionProblem] = [
        .hostNotFound, .proxyNotFound, .connectionRefused, .proxyRefused(status: 407), .proxyRefused(status: nil),
        .urlNotAllowed, .plainHTTPBeyondThisMachine, .headerWithLineBreak, .libcurlMissing,
        .libcurlRefusedSetting("CURLOPT_SSL_VERIFYPEER", reason: "an unknown option was passed in to libcurl"),
        .certificateExpired, .certificateNotYetValid, .certificateNotTrusted, .certificateForAnotherName,
        .tlsHandshakeFailed(detail: "wrong version number"), .closedWithoutAnswer, .answerCutOff, .answerNotHTTP,
    ]

    static let everyAccountText: [AccountText] = [
        .customerKeyQuestion, .userNameQuestion, .passwordQuestion(user: "agent"),
        .signedIn(user: "agent", customerKey: "12345"), .passwordInKeyring,
        .passwordInConfigFile(path: "/home/agent/.config/puzzel-call/config"), .signedOut,
        .signedOutAndPasswordForgotten, .notSignedIn, .signedInAs(user: "agent", customerKey: "12345", userId: "7"),
        .sessionLasts(until: "29.11.2026 08:43"), .stateInPuzzel("LoggedOn, Available"),
    ]

    static func kind(_ text: AccountText) -> Int {
        switch text {
        case .customerKeyQuestion: 0
        case .userNameQuestion: 1
        case .passwordQuestion: 2
        case .signedIn: 3
        case .passwordInKeyring: 4
        case .passwordInConfigFile: 5
        case .signedOut: 6
        case .signedOutAndPasswordForgotten: 7
        case .notSignedIn: 8
        case .signedInAs: 9
        case .sessionLasts: 10
        case .stateInPuzzel: 11
        }
    }

    static let everySelectionText: [SelectionText] = [
        .noNumber, .notChosen, .severalNumbers(["+47 22 12 34 56", "+47 23 45 67 89"]), .noSelectionTool,
        .tooLarge(kibibytes: 64), .timedOut(tool: "xclip"), .chooseOne, .numberColumn, .typeColumn, .countryColumn,
    ]

    static func kind(_ text: SelectionText) -> Int {
        switch text {
        case .noNumber: 0
        case .notChosen: 1
        case .severalNumbers: 2
        case .noSelectionTool: 3
        case .tooLarge: 4
        case .timedOut: 5
        case .chooseOne: 6
        case .numberColumn: 7
        case .typeColumn: 8
        case .countryColumn: 9
        }
    }

    @Test func theSamplesShowEveryMessage() {
        #expect(Set(Self.everyPuzzelText.map(Self.kind)) == Set(0...18).subtracting([5]))
        #expect(Set(Self.everyAccountText.map(Self.kind)) == Set(0...11))
        #expect(Set(Self.everySelectionText.map(Self.kind)) == Set(0...9))
    }

    @Test(arguments: Language.allCases.filter { $0 != .english })
    func everyMessageIsSaidInEveryLanguage(_ language: Language) {
        func expectTranslated(_ text: String, _ english: String, _ message: Any) {
            #expect(!text.isEmpty && text != english, "\(message) is not translated into \(language)")
        }
        for message in Self.everyPuzzelText {
            expectTranslated(message.text(in: language), message.text(in: .english), message)
        }
        for problem in Self.everyConnectionProblem {
            expectTranslated(problem.text(in: language), problem.text(in: .english), problem)
        }
        for message in Self.everyAccountText {
            expectTranslated(message.text(in: language), message.text(in: .english), message)
        }
        for message in Self.everySelectionText {
            expectTranslated(message.text(in: language), message.text(in: .english), message)
        }
    }

    @Test(arguments: Language.allCases)
    func puzzelsOwnWordsAndTheFiguresArePassedOn(_ language: Language) {
        #expect(PuzzelText.puzzelSays("No free lines").text(in: language).hasSuffix("No free lines"))
        #expect(Self.everyPuzzelText[0].text(in: language).contains("Bad password"))
        #expect(
            PuzzelText.redirected(.logIn, host: "a.example", status: 307, target: "b.example").text(in: language)
                .contains("307"))
        #expect(AccountText.sessionLasts(until: "29.11.2026 08:43").text(in: language).contains("29.11.2026 08:43"))
    }
}
