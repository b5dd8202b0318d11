import Testing

@testable import Desktop

@Suite(.timeLimit(.minutes(5))) struct MimeAppsListTests {
    let original =
        "# kept\n[Default Applications]\nx-scheme-handler/tel=org.example.Softphone.desktop\ntext/html=browser.desktop\n\n[Added Associations]\ntext/plain=editor.desktop;\n"

    @Test func settingAndRestoringKeepsEveryOtherLine() {
        var list = MimeAppsList(text: original)
        list.setDefaultApplication("puzzel-call.desktop", for: "x-scheme-handler/tel")
        list.setDefaultApplication("puzzel-call.desktop", for: "x-scheme-handler/callto")
        #expect(
            list.text
                == "# kept\n[Default Applications]\nx-scheme-handler/tel=puzzel-call.desktop\ntext/html=browser.desktop\nx-scheme-handler/callto=puzzel-call.desktop\n\n[Added Associations]\ntext/plain=editor.desktop;\n"
        )
        #expect(list.defaultApplication(for: "x-scheme-handler/callto") == "puzzel-call.desktop")

        list.setDefaultApplication("org.example.Softphone.desktop", for: "x-scheme-handler/tel")
        list.setDefaultApplication(nil, for: "x-scheme-handler/callto")
        #expect(list.text == original)
    }

    @Test func onlyTheDefaultsGroupCounts() {
        let list = MimeAppsList(text: "[Added Associations]\nx-scheme-handler/tel=other.desktop;\n")
        #expect(list.defaultApplication(for: "x-scheme-handler/tel") == nil)
        var edited = list
        edited.setDefaultApplication("puzzel-call.desktop", for: "x-scheme-handler/tel")
        #expect(
            edited.text
                == "[Added Associations]\nx-scheme-handler/tel=other.desktop;\n\n[Default Applications]\nx-scheme-handler/tel=puzzel-call.desktop\n"
        )
    }

    /// A default may list several ids, the first winning, as the README's fleet step writes it.
    @Test func theFirstIdOfAListIsTheDefault() {
        let list = MimeAppsList(
            text:
                "[Default Applications]\nx-scheme-handler/tel=puzzel-call.desktop;\nx-scheme-handler/callto=other.desktop;puzzel-call.desktop;\n"
        )
        #expect(list.isDefault("puzzel-call.desktop", for: "x-scheme-handler/tel"))
        #expect(!list.isDefault("puzzel-call.desktop", for: "x-scheme-handler/callto"))
        #expect(!list.isDefault("puzzel-call.desktop", for: "x-scheme-handler/sip"))
    }
}
