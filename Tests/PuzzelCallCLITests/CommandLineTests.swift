import FakePuzzel
import Foundation
import Testing

@testable import PuzzelCallCLI

@Suite(.timeLimit(.minutes(5))) struct CommandLineTests {
    var runner = CommandRunner()

    @Test func dryRunShowsTheDestinationAndTheExactBody() async {
        let result = await runner.run("--dry-run", "tel:+47 22 12 34 56")
        #expect(result.status == 0)
        #expect(result.stdout.contains("\n{\"destination\":\"004722123456\"}\n"))
        #expect(result.stdout.contains("POST https://api.puzzel.com/ContactCentre5/"))
        #expect(result.stderr.isEmpty)
    }

    @Test func dryRunAsJSON() async {
        let result = await runner.run("call", "--json", "--dry-run", "tel:+4722123456")
        #expect(result.status == 0)
        #expect(result.json["destination"] as? String == "004722123456")
        #expect(result.json["e164"] as? String == "+4722123456")
        #expect((result.json["request"] as? [String: Any])?["body"] as? String == #"{"destination":"004722123456"}"#)
        #expect(result.stdoutLines.count == 1)
    }

    @Test func dryRunSaysWhenTheCountryComesFromTheLocale() async {
        var runner = runner
        runner.environment["LANG"] = "nb_NO.UTF-8"
        let result = await runner.run("--dry-run", "tel:+4722123456")
        #expect(result.stdout.contains("taken from the locale (LANG=nb_NO.UTF-8)"))
        #expect(!(await self.runner.run("--dry-run", "tel:+4722123456")).stdout.contains("locale"))
    }

    @Test func e164DestinationFormat() async {
        runner.folder.write("destinationFormat = e164\n", to: "config/puzzel-call/config")
        let result = await runner.run("--dry-run", "--json", "tel:+4722123456")
        #expect(result.json["destination"] as? String == "+4722123456")
    }

    @Test func versionAndHelp() async {
        #expect(await runner.run("--version").stdout == "puzzel-call 0.2.0\n")
        let overview = await runner.run("--help")
        #expect(overview.status == 0)
        for command in PuzzelCall.commands {
            let name = command.spec.name
            #expect(overview.stdout.contains("  \(name) "))
            let help = await runner.run(name, "--help")
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("Usage: puzzel-call "), "\(name)")
            #expect(help.stdout.contains("--help"))
        }
    }

    @Test(arguments: [
        (["--dial", "tel:+4722123456"], "call: unknown option --dial"),
        (["call"], "call: missing argument"),
        (["tel:1", "tel:2"], "call: too many arguments"),
        (["--country"], "call: --country needs a value (CC)"),
        (["--dry-run=yes", "tel:+4722123456"], "call: --dry-run takes no value"),
        (["history", "extra"], "history: too many arguments"),
        (
            ["install", "--trusted-origin", "https://crm.example.com"],
            "install: --trusted-origin writes a policy for every user, so it needs --system"
        ),
        // Every origin is checked, before anything is installed.
        (
            ["install", "--system", "--trusted-origin", "https://crm.example.com", "--trusted-origin", "*"],
            "install: --trusted-origin * trusts every site, so any page could call without a click"
        ),
    ])
    func usageErrorsExit64(arguments: [String], message: String) async {
        let result = await runner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("puzzel-call: \(message)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func noArgumentsShowsUsageAndExits64() async {
        let result = await runner.run()
        #expect(result.status == 64)
        #expect(result.stdout.hasPrefix("Usage:"))
    }

    @Test func aLinkWithoutANumberExits65() async {
        let result = await runner.run("--dry-run", "callto:john.smith")
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("puzzel-call: "))
    }

    @Test func anInvalidConfigurationExits78WithAJSONError() async {
        let file = runner.folder.write("timeoutSeconds = 0\n", to: "config/puzzel-call/config")
        let result = await runner.run("--json", "--dry-run", "tel:+4722123456")
        #expect(result.status == 78)
        #expect(result.json["error"] as? String == "config-invalid")
        #expect((result.json["message"] as? String)?.hasPrefix("\(file):1: timeoutSeconds") == true)
        #expect(result.stderr.isEmpty)
    }

    /// A bad value on the command line is the command line's error, even for an option that is also a setting.
    @Test func anUnknownCountryOptionExits64() async {
        let result = await runner.run("--dry-run", "--country", "NOR", "tel:+4722123456")
        #expect(result.status == 64)
        #expect(result.stderr.contains("option --country: country: “NOR” is not a known ISO 3166 country code"))
    }

    @Test func normalizeKeepsLinesAligned() async {
        let result = await runner.run("normalize", stdin: ["tel:+4722123456", "callto:skype.user", "+44 20 7946 0958"])
        #expect(result.stdoutLines == ["+4722123456", "", "+442079460958"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("callto:skype.user"))
    }

    @Test func normalizeJSONHasOneObjectPerLineWithEveryKey() async {
        let result = await runner.run("normalize", "--json", "tel:+4722123456", "nothing")
        let objects = result.stdoutLines.map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
        }
        #expect(objects.count == 2)
        #expect(objects[0]["e164"] as? String == "+4722123456")
        #expect(objects[0]["error"] is NSNull)
        #expect(objects[1]["e164"] is NSNull)
        #expect(objects[1]["error"] as? String == "not-a-number")
        for object in objects {
            #expect(
                Set(object.keys) == [
                    "input", "e164", "destination", "region", "type", "valid", "international", "extension",
                    "postDial", "ignored", "error", "message",
                ])
        }
    }

    @Test func normalizeJSONNamesEmergencyNumbersPlaceholdersAndPostDialDigits() async {
        let result = await runner.run(
            "normalize", "--json", "--country", "NO", "tel:112", "tel:+4477362XXXX", "tel:1813", "callto:123alice",
            "tel:+13059002001,,1", "tel:+16502530000;ext=12")
        let objects = result.stdoutLines.map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
        }
        #expect(result.status == 65)
        #expect(
            objects.map { $0["error"] as? String } == [
                "emergency-number", "placeholder", "short-number", "not-a-number", nil, nil,
            ])
        #expect(objects[0]["message"] as? String == "112 is an emergency number: call it from a phone")
        #expect(objects[3]["message"] as? String == "callto:123alice is a Skype name, not a number")
        #expect(objects[4]["postDial"] as? String == ",,1")
        #expect(objects[5]["extension"] as? String == "12")
    }

    @Test func aClickOnAnEmergencyNumberExits65SayingWhy() async {
        let result = await runner.run("--json", "--country", "NO", "tel:113")
        #expect(result.status == 65)
        #expect(result.json["error"] as? String == "emergency-number")
        #expect(result.json["message"] as? String == "113 is an emergency number: call it from a phone")
    }

    @Test func aClickOnANumberWithAMaskedDigitExits65AndDialsNothing() async {
        let result = await runner.run("--dry-run", "--json", "tel:+44 20 7946 0#58")
        #expect(result.status == 65)
        #expect(result.json["error"] as? String == "placeholder")
        #expect(result.json["destination"] as? String == nil)
    }

    @Test(arguments: [
        ("tel:+4722123456,,1;ext=7", ",,1", "7"), ("tel:+4722123456;postd=pp1", "pp1", nil),
    ])
    func aClickAsJSONCarriesThePostDialDigitsAndTheExtensionAndDialsNeither(
        link: String, postDial: String, extensionDigits: String?
    ) async throws {
        let puzzel = try FakePuzzelServer()
        var runner = runner
        runner.environment.merge([
            "PUZZEL_AUTH_URL": puzzel.authURL.absoluteString, "PUZZEL_API_URL": puzzel.apiURL.absoluteString,
            "PUZZEL_CUSTOMER_KEY": puzzel.account.customerKey, "PUZZEL_USERNAME": puzzel.account.userName,
            "PUZZEL_PASSWORD": puzzel.account.password,
        ]) { $1 }
        let call = await runner.run("--json", link)
        #expect(call.json["outcome"] as? String == "called", "\(call.stdout)")
        #expect(call.json["postDial"] as? String == postDial)
        #expect(call.json["extension"] as? String == extensionDigits)
        #expect(puzzel.requests(to: .callout).map { $0.jsonBody?["destination"] as? String } == ["004722123456"])
    }

    @Test func aDryRunCarriesThePostDialDigitsAndTheExtension() async {
        let result = await runner.run("--json", "--dry-run", "tel:+13059002001,,1;ext=7")
        #expect(result.json["postDial"] as? String == ",,1")
        #expect(result.json["extension"] as? String == "7")
    }
}
