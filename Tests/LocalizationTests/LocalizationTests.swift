import FoundationEssentials
import Testing

@testable import Localization

@Suite(.timeLimit(.minutes(5))) struct LanguageTests {
    @Test(arguments: [
        (["LANG": "nb_NO.UTF-8"], Language.norwegian),
        (["LANG": "nn_NO.UTF-8"], .norwegian),
        (["LANG": "sv_SE.UTF-8"], .swedish),
        (["LANG": "da_DK.UTF-8"], .danish),
        (["LANG": "fi_FI.UTF-8"], .finnish),
        (["LANG": "de_DE.UTF-8"], .english),
        ([:], .english),
        (["LANG": "C.UTF-8", "LANGUAGE": "nb"], .english),
        (["LANG": "en_GB.UTF-8", "LANGUAGE": "de:sv:nb"], .swedish),
        (["LANG": "nb_NO.UTF-8", "LC_MESSAGES": "fi_FI.UTF-8"], .finnish),
        (["LANG": "nb_NO.UTF-8", "LC_MESSAGES": "fi_FI.UTF-8", "LC_ALL": "da_DK.UTF-8"], .danish),
        (["LC_ALL": "", "LANG": "sv_FI.UTF-8@euro"], .swedish),
    ])
    func theAgentsLanguageComesFromTheLocale(environment: [String: String], language: Language) {
        #expect(Language.preferred(in: environment) == language)
    }
}

@Suite(.timeLimit(.minutes(5))) struct DateStyleTests {
    /// 29 November 2026, 08:43 and 20:06 UTC.
    let morning = Date(timeIntervalSince1970: 1_795_941_780)
    let evening = Date(timeIntervalSince1970: 1_795_982_760)
    let utc = TimeZone(identifier: "UTC")!

    @Test(arguments: [
        ("nb_NO.UTF-8", "29.11.2026 08:43", "29.11.2026 20:06"),
        ("fi_FI.UTF-8", "29.11.2026 08:43", "29.11.2026 20:06"),
        ("da_DK.UTF-8", "29.11.2026 08:43", "29.11.2026 20:06"),
        ("sv_SE.UTF-8", "2026-11-29 08:43", "2026-11-29 20:06"),
        ("en_US.UTF-8", "11/29/2026 8:43 AM", "11/29/2026 8:06 PM"),
        ("en_GB.UTF-8", "29/11/2026 08:43", "29/11/2026 20:06"),
        ("C", "2026-11-29 08:43", "2026-11-29 20:06"),
        ("en", "2026-11-29 08:43", "2026-11-29 20:06"),
    ])
    func datesFollowTheLocalesOrderAndClock(locale: String, morningText: String, eveningText: String) {
        let style = DateStyle.preferred(in: ["LANG": locale])
        #expect(style.string(from: morning, in: utc) == morningText)
        #expect(style.string(from: evening, in: utc) == eveningText)
    }

    @Test func theTimeLocaleWinsOverTheLanguage() {
        let style = DateStyle.preferred(in: ["LANG": "en_US.UTF-8", "LC_TIME": "nb_NO.UTF-8"])
        #expect(style.string(from: morning, in: utc) == "29.11.2026 08:43")
    }

    @Test func midnightAndNoonOnATwelveHourClock() {
        let style = DateStyle.preferred(in: ["LANG": "en_US.UTF-8"])
        let midnight = Date(timeIntervalSince1970: 1_795_910_400)
        #expect(style.string(from: midnight, in: utc) == "11/29/2026 12:00 AM")
        #expect(style.string(from: midnight.addingTimeInterval(12 * 3600), in: utc) == "11/29/2026 12:00 PM")
    }
}
