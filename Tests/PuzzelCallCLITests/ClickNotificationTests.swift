import Desktop
import Foundation
import Synchronization
import Testing

@testable import PuzzelCallCLI

/// What the agent sees after a click from the desktop (`--from-desktop`): the summary, a body that adds
/// what the summary does not, and “Call anyway” where `--force` would help.
extension DesktopOutcomeTests {
    var callouts: Int { puzzel.requests(to: .callout).count }

    @Test func everyWarningIsInTheBodyAndTheHeadlineShowsTheNumberAsRead() async {
        #expect(await runner.run("tel:+47%2022%2012%2034%2056;ext=12").status == 0)
        let notice = runner.notices.all.last
        #expect(notice?.summary == "Calling +47 22 12 34 56")
        #expect(
            notice?.body == """
                Your phone rings first; answer it, and Puzzel calls the number.
                A fixed line number in Norway.
                Extension 12 is not dialled: ask for it when the call is answered
                """)
        #expect(notice?.subject == "+4722123456", "it takes the place of the last notice about this number")
    }

    @Test func aRefusalThatForceGetsPastOffersCallAnywayAndTheChoiceCalls() async {
        puzzel.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "WrapUp")
        var runner = runner
        runner.choose = { $0.actions.first?.key }
        #expect(await runner.run("tel:+4722123456").status == 0)
        let (refusal, call) = (runner.notices.all.first, runner.notices.all.last)
        #expect(runner.notices.all.count == 2)
        #expect(refusal?.summary == "Not calling +47 22 12 34 56")
        #expect(
            refusal?.body.hasPrefix(
                "You are in wrap-up in Puzzel, not Available; click again when you are free, or choose “Call anyway”")
                == true)
        #expect(refusal?.body.contains("--force") == false, "a click cannot give an option")
        #expect(refusal?.actions == [Notifier.Action(key: "call-anyway", label: "Call anyway")])
        #expect(call?.summary == "Calling +47 22 12 34 56")
        #expect(call?.subject == refusal?.subject, "the outcome replaces the refusal")
        #expect(callouts == 1)
    }

    @Test func withoutTheChoiceTheRefusalStands() async {
        puzzel.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "Busy")
        #expect(await runner.run("tel:+4722123456").status == 69)
        #expect(runner.notices.all.count == 1)
        #expect(callouts == 0)
    }

    @Test func aRepeatClickOffersCallAnyway() async {
        // A window wider than any slow machine's click, so the repeat is always "already calling".
        runner.folder.write("duplicateWindowSeconds = 60\n", to: "config/puzzel-call/config")
        #expect(await runner.run("tel:+4722123456").status == 0)
        #expect(await runner.run("tel:+4722123456").status == 0)
        let repeated = runner.notices.all.last
        #expect(repeated?.summary == "Not calling +47 22 12 34 56 again")
        #expect(repeated?.body.contains("to call it again, choose “Call anyway”") == true)
        #expect(repeated?.actions.map(\.key) == ["call-anyway"])
        #expect(callouts == 1)
    }

    @Test func aRefusalNoClickCanGetPastOffersNothing() async {
        puzzel.setAgentState(contactCentreStatus: "Pause", userStatus: "Pause", pauseTypeId: "3", pauseName: "Lunch")
        #expect(await runner.run("tel:+4722123456").status == 69)
        #expect(runner.notices.all.last?.body.hasPrefix("You are on pause (Lunch) in Puzzel; end the pause") == true)
        #expect(runner.notices.all.last?.actions == [])
    }

    @Test func aCallThatMayHaveBeenPlacedSaysSoInTheHeadline() async {
        _ = await runner.run("tel:+4799999999")
        puzzel.inject(.dropAfterReading, on: .callout)
        #expect(await runner.run("tel:+4722123456").status == 75)
        let notice = runner.notices.all.last
        #expect(notice?.summary == "The call may have been placed — check your phone before you click again")
        #expect(notice?.body.hasPrefix("+47 22 12 34 56: ") == true)
        #expect(notice?.body.contains("may have been placed") == false, "the body adds what the summary does not")
    }

    @Test func puzzelsFailureIsToldInTheAgentsLanguageOnTheTerminalAndTheDesktop() async {
        _ = await runner.run("tel:+4799999999")
        puzzel.inject(.respond(status: 503, body: ""), on: .callout)
        var runner = runner
        runner.environment["LANG"] = "fi_FI.UTF-8"
        let result = await runner.run("tel:+4722123456")
        #expect(result.status == 75)
        #expect(
            result.stderr == "puzzel-call: Ei voitu tilata soittoa: Puzzel vastasi HTTP 503, Puzzelissa voi olla "
                + "ongelmia. Puhelu on ehkä jo soitettu: tarkista puhelimesi ennen kuin napsautat uudelleen.\n")
        let notice = runner.notices.all.last
        #expect(notice?.summary == "Puhelu on ehkä jo soitettu — tarkista puhelimesi ennen kuin napsautat uudelleen")
        #expect(
            notice?.body.hasPrefix(
                "+47 22 12 34 56: Ei voitu tilata soittoa: Puzzel vastasi HTTP 503, Puzzelissa voi olla ongelmia.\n")
                == true)
    }

    @Test func aLinkWithNoNumberIsNotInTheHeadline() async {
        #expect(await runner.run("tel:%3Cscript%3E").status == 65)
        #expect(runner.notices.all.last?.summary == "Not calling")
    }

    @Test func aTerminalGetsTheOptionAndNoNotification() async {
        puzzel.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "Busy")
        var runner = runner
        runner.fromDesktop = false
        let result = await runner.run("tel:+4722123456")
        #expect(result.stderr.hasSuffix("click again when you are free, or run with --force\n"))
        #expect(runner.notices.all.isEmpty)
    }

    @Test func aThirdNumberWithinAMinuteIsCalledOnlyWhenTheAgentSaysSo() async {
        var runner = runner
        runner.choose = { $0.actions.first?.key }
        await afterTwoNumbers(&runner)
        #expect(await runner.run("tel:+4788888888").status == 0)
        let question = runner.notices.all.dropLast().last
        #expect(question?.summary == "Call +47 888 88 888?")
        #expect(question?.actions == [Notifier.Action(key: "call", label: "Call")])
        #expect(callouts == 3)

        runner.choose = { _ in nil }
        #expect(await runner.run("tel:+4777777777").status == 69)
        #expect(
            runner.notices.all.last?.summary == "Call +47 77 77 77 77?",
            "a question that closes unanswered closes quietly: no notice takes the place of a newer one")
        #expect(
            runner.notices.all.last?.body.hasPrefix("That makes 4 different numbers within 60 s") == true,
            "the count is the real one")
        #expect(callouts == 3)
    }

    /// Two numbers clicked at one moment, which the runner's clock then keeps, with the burst guard on.
    /// Each click's deadline counts from that moment too, while libcurl counts real time: the clicks get
    /// minutes, so that a machine that stalls for a while does not end them.
    func afterTwoNumbers(_ runner: inout CommandRunner) async {
        runner.now = Date()
        runner.folder.write("burstLimit = 2\ntimeoutSeconds = 300\n", to: "config/puzzel-call/config")
        #expect(await runner.run("tel:+4722123456").status == 0)
        #expect(await runner.run("tel:+4799999999").status == 0)
    }

    @Test func withoutNotificationsADialogAsksAndItsCommandLineNamesNoNumber() async throws {
        var runner = runner
        runner.notificationsWork = false
        let asked = runner.folder.path + "/zenity-arguments"
        runner.folder.write("#!/bin/sh\nprintf '%s\\n' \"$@\" > '\(asked)'\n", to: "bin/zenity", mode: 0o755)
        await afterTwoNumbers(&runner)
        #expect(await runner.run("tel:+4788888888").status == 0, "the dialog said yes")
        let arguments = try String(contentsOfFile: asked, encoding: .utf8)
        #expect(arguments.contains("--question\n"))
        #expect(arguments.contains("3 different numbers within 60 s"))
        #expect(!arguments.contains("88"), "a number is never on a command line")
        #expect(callouts == 3)
    }

    @Test func atATerminalTheQuestionIsAskedThere() async {
        var runner = runner
        runner.fromDesktop = false
        let questions = Mutex<[String]>([])
        runner.ask = { question, _ in
            questions.withLock { $0.append(question) }
            return "y"
        }
        await afterTwoNumbers(&runner)
        #expect(await runner.run("tel:+4788888888").status == 0)
        #expect(
            questions.withLock { $0 } == [
                "That makes 3 different numbers within 60 s: a web page may be clicking phone links for you. "
                    + "Call +47 888 88 888? [y/N] "
            ])
        runner.environment["LANG"] = "da_DK.UTF-8"
        runner.ask = { question, _ in
            questions.withLock { $0.append(question) }
            return "ja"
        }
        #expect(await runner.run("tel:+4766666666").status == 0, "a yes in the agent's words")
        #expect(questions.withLock { $0.last }?.hasSuffix("Ringe op til +47 66 66 66 66? [y/N] ") == true)
        runner.ask = { _, _ in nil }
        #expect(await runner.run("tel:+4777777777").status == 69, "no terminal to ask at: no")
        #expect(callouts == 4)
    }
}

/// The notification and the terminal speak the agent's language, as `LANGUAGE`, `LC_ALL`, `LC_MESSAGES` and
/// `LANG` choose it; `--json` stays English.
extension DesktopOutcomeTests {
    @Test func aNorwegianDesktopGetsANorwegianNotification() async {
        var runner = runner
        runner.environment["LANG"] = "nb_NO.UTF-8"
        let result = await runner.run("tel:+47%2022%2012%2034%2056;ext=12")
        #expect(result.status == 0)
        let notice = runner.notices.all.last
        #expect(notice?.summary == "Ringer +47 22 12 34 56")
        #expect(
            notice?.body == """
                Telefonen din ringer først; svar, så ringer Puzzel nummeret.
                Norsk fastnettnummer.
                Internnummer 12 slås ikke: be om det når samtalen blir besvart
                """)
        #expect(
            result.stderr == """
                puzzel-call: warning: internnummer 12 slås ikke: be om det når samtalen blir besvart
                Ringer +47 22 12 34 56 — telefonen din ringer først

                """)
        let json = await runner.run("tel:+4722123457", "--json")
        #expect(json.stdout.contains(#""message":"Calling +47 22 12 34 57 — your phone rings first""#))
    }

    @Test func aNorwegianRefusalOffersRingLikevel() async {
        puzzel.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "Busy")
        var runner = runner
        runner.environment["LANG"] = "nn_NO.UTF-8"
        #expect(await runner.run("tel:+4722123456").status == 69)
        let notice = runner.notices.all.last
        #expect(notice?.summary == "Ringer ikke +47 22 12 34 56")
        #expect(
            notice?.body.hasPrefix(
                "Du er opptatt i Puzzel og ikke ledig; klikk igjen når du er ledig, eller velg «Ring likevel»") == true)
        #expect(notice?.actions == [Notifier.Action(key: "call-anyway", label: "Ring likevel")])
    }

    @Test(arguments: [
        (["LANG": "nb_NO.UTF-8", "LANGUAGE": "fi"], "Soitetaan numeroon +47 22 12 34 56"),
        (["LC_ALL": "C", "LANGUAGE": "sv"], "Calling +47 22 12 34 56"),
        (["LANG": "da_DK.UTF-8"], "Ringer op til +47 22 12 34 56"),
    ])
    func languageWinsOverTheLocaleButNotOverC(_ locale: [String: String], summary: String) async {
        var runner = runner
        runner.environment.merge(locale) { $1 }
        #expect(await runner.run("tel:+4722123456").status == 0)
        #expect(runner.notices.all.last?.summary == summary)
    }

    /// The number reader's refusals are said in the agent's words too; the terminal keeps the English.
    @Test(arguments: [
        ("tel:112", "112 er et nødnummer: ring det fra en telefon"),
        ("tel:+4477362XXXX", "Lenken har ikke noe nummer: sifrene er skjult eller mangler"),
        ("callto:123alice", "callto:123alice er et Skype-navn, ikke et nummer"),
        ("tel:1813", "1813 er et norsk kortnummer: det kan bare ringes fra en telefon i landet"),
    ])
    func aRefusedLinkIsExplainedInTheAgentsLanguage(link: String, body: String) async {
        var runner = runner
        runner.environment["LANG"] = "nb_NO.UTF-8"
        runner.environment["PUZZEL_COUNTRY"] = "NO"
        let result = await runner.run(link)
        #expect(result.status == 65)
        #expect(runner.notices.all.last?.body.hasPrefix(body) == true, "\(runner.notices.all.last?.body ?? "")")
    }

    /// A link that holds no number at all is explained in the agent's words as well, on the terminal too; the
    /// English of `--json` stays the reader's own.
    @Test(arguments: [
        (
            "sv.UTF-8", "22 12 34 56", "Ringer inte",
            "”22 12 34 56” har inget landsnummer, och puzzel-call känner inte till något standardland: ange det i "
                + "konfigurationsfilen (country = SE)",
            "“22 12 34 56” has no country code: write it with + and the country code, or set a default country."
        ),
        (
            "fi_FI.UTF-8", "sip:alice@example.com", "Ei soiteta",
            "sip:-linkit eivät ole puhelinlinkkejä: puzzel-call ottaa vastaan vain tel:- ja callto:-linkkejä",
            "sip: links are not phone links: use tel: or callto:."
        ),
        (
            "da_DK.UTF-8", "tel:+999 123 456 789", "Ringer ikke op",
            "»+999 123 456 789« har ingen landekode, der findes; tjek nummeret",
            "“+999 123 456 789” has no country code that exists."
        ),
        (
            "nb_NO.UTF-8", "tel:%2B47%FF22123456", "Ringer ikke",
            "Lenken er ødelagt og kan ikke leses som tekst",
            "The link’s percent-encoding does not spell out text."
        ),
        (
            "en_GB.UTF-8", "tel:+47 1", "Not calling", "“+47 1” is too short to be a phone number",
            "“+47 1” is too short to be a phone number."
        ),
    ])
    func aLinkWithoutANumberIsExplainedInTheAgentsLanguage(
        locale: String, link: String, summary: String, body: String, json: String
    ) async {
        var runner = runner
        runner.environment["LANG"] = locale
        let result = await runner.run(link)
        #expect(result.status == 65)
        #expect(runner.notices.all.last?.summary == summary)
        #expect(runner.notices.all.last?.body == body)
        #expect(result.stderr == "puzzel-call: \(body)\n")
        #expect(await runner.run(link, "--json").json["message"] as? String == json)
        #expect(callouts == 0)
    }

    @Test func theDriveByQuestionIsAskedInTheAgentsLanguage() async {
        var runner = runner
        runner.environment["LANG"] = "sv_SE.UTF-8"
        runner.choose = { $0.actions.first?.key }
        await afterTwoNumbers(&runner)
        #expect(await runner.run("tel:+4788888888").status == 0)
        let question = runner.notices.all.dropLast().last
        #expect(question?.summary == "Ringa +47 888 88 888?")
        #expect(question?.body.hasPrefix("Det blir 3 olika nummer inom 60 s") == true)
        #expect(question?.actions == [Notifier.Action(key: "call", label: "Ring")])
    }

    @Test func jsonStaysEnglishWhateverTheLanguage() async {
        var runner = runner
        runner.environment["LANG"] = "da_DK.UTF-8"
        let result = await runner.run("--json", "tel:+4722123456")
        #expect(result.stdout.contains("\"message\":\"Calling +47 22 12 34 56 — your phone rings first\""))
    }

    /// A click may come through the desktop portal or a Flatpak browser, without the shell's environment: a
    /// missing account is fixed with “Sign in”, whose dialog asks for it, in the agent's words. The terminal,
    /// which sees the environment, names the file, the variable and `login`; `--json` stays English.
    @Test func aMissingCustomerKeyIsToldInTheAgentsLanguageWithAFixAClickCanFollow() async {
        var runner = runner
        runner.environment["PUZZEL_CUSTOMER_KEY"] = nil
        runner.environment["LANG"] = "nb_NO.UTF-8"
        let configFile = runner.environment["XDG_CONFIG_HOME"]! + "/puzzel-call/config"
        let result = await runner.run("tel:+4722123456")
        #expect(result.status == 78)
        let notice = runner.notices.all.last
        #expect(notice?.summary == "Ringer ikke +47 22 12 34 56")
        #expect(
            notice?.body == """
                Kundenøkkelen til Puzzel mangler; velg «Logg inn» og skriv den inn
                Norsk fastnettnummer.
                """)
        #expect(notice?.actions == [Notifier.Action(key: "sign-in", label: "Logg inn")])
        #expect(notice?.body.contains("PUZZEL_") == false, "a click may not see the environment")
        #expect(
            result.stderr == "puzzel-call: Kundenøkkelen til Puzzel mangler: legg til customerKey = … i \(configFile), "
                + "sett PUZZEL_CUSTOMER_KEY eller kjør `puzzel-call login`\n")
        let json = await runner.run("tel:+4722123456", "--json").json
        #expect(json["error"] as? String == "config-invalid")
        #expect(
            json["message"] as? String
                == "No Puzzel customer key is set up: add customerKey = … to \(configFile), set PUZZEL_CUSTOMER_KEY, "
                + "or run `puzzel-call login`")
        #expect(callouts == 0)
    }

    @Test func aMissingUserNameGoesToTheLogInTheAgentsLanguageWhenNoNotificationShows() async throws {
        var runner = withoutNotifications
        runner.environment["PUZZEL_USERNAME"] = nil
        runner.environment["LANG"] = "nb_NO.UTF-8"
        #expect(await runner.run("tel:+4722123456").status == 78)
        let log = try String(
            contentsOfFile: runner.environment["XDG_STATE_HOME"]! + "/puzzel-call/puzzel-call.log", encoding: .utf8)
        #expect(log.contains("Ringer ikke +47 22 12 34 56: Brukernavnet til Puzzel mangler; velg «Logg inn»"))
        #expect(!log.contains("PUZZEL_"), "\(log)")
    }
}
