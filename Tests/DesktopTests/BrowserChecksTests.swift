import Foundation
import TestSupport
import Testing

@testable import Desktop

@Suite(.timeLimit(.minutes(5))) struct BrowserChecksTests {
    let folder = TemporaryDirectory()
    let policies: String
    let chromium: ChromiumPolicy.Browser

    init() throws {
        folder.write("#!/bin/sh\n", to: "bin/chromium", mode: 0o755)
        policies = folder.file("etc/chromium/policies/managed")
        chromium = ChromiumPolicy.Browser(name: "Chromium", programs: ["chromium"], policyDirectory: policies)
    }

    func checks(profiles: String = "none", firefoxPolicy: String = "none") -> [DoctorCheck] {
        let environment = folder.environment
        let firefox = BrowserChecks.FirefoxFiles(
            policyFiles: [folder.file(firefoxPolicy)], preferenceDirectories: [folder.file("etc/firefox-esr")],
            profilesDirectory: folder.file(profiles))
        return BrowserChecks(
            environment: environment,
            chromiumBrowsers: [
                chromium,
                ChromiumPolicy.Browser(name: "Google Chrome", programs: ["google-chrome"], policyDirectory: policies),
            ],
            firefoxFiles: firefox
        ).all()
    }

    @Test func onlyInstalledBrowsersAreChecked() {
        #expect(checks().map(\.name) == ["browser-chromium"])
        folder.write("#!/bin/sh\n", to: "bin/firefox-esr", mode: 0o755)
        #expect(checks().map(\.name) == ["browser-chromium", "browser-firefox"])
    }

    @Test func chromiumAsksUnlessAPolicyTrustsTheCRM() throws {
        #expect(
            checks()[0]
                == .passed(
                    "browser-chromium",
                    "Chromium asks before a site opens a tel: or callto: link (“Always allow” remembers a site)"))
        folder.write(
            ChromiumPolicy.text(trusting: [try TrustedOrigin(parsing: "https://crm.example.com")]),
            to: "etc/chromium/policies/managed/puzzel-call.json")
        folder.write("{ not json", to: "etc/chromium/policies/managed/broken.json")
        #expect(
            checks()[0]
                == .passed(
                    "browser-chromium",
                    "Chromium opens tel: links from https://crm.example.com and callto: links from "
                        + "https://crm.example.com without asking; other sites ask first"))
    }

    @Test(arguments: [
        #"{"AutoLaunchProtocolsFromOrigins": [{"protocol": "callto", "allowed_origins": ["*"]}]}"#,
        #"{"URLAllowlist": ["tel:*"]}"#,
    ])
    func aPolicyForEverySiteFails(policy: String) {
        folder.write(policy, to: "etc/chromium/policies/managed/fleet.json")
        let check = checks()[0]
        #expect(!check.ok)
        #expect(check.description.contains("lets every site open"))
        #expect(check.description.hasSuffix("so a page can call without a click (a policy in \(policies))"))
        #expect(check.fix?.contains("--trusted-origin") == true)
    }

    @Test func firefoxPromptsAreReportedAndAnEverySitePreferenceFails() {
        folder.write("#!/bin/sh\n", to: "bin/firefox", mode: 0o755)
        #expect(checks().last?.description.hasPrefix("Firefox asks for an application on the first") == true)

        folder.write(
            #"{"policies": {"Handlers": {"schemes": {"tel": {"action": "useHelperApp", "ask": false}, "callto": {"action": "useHelperApp", "ask": false}}}}}"#,
            to: "policies.json")
        #expect(
            checks(firefoxPolicy: "policies.json").last?.description
                == "Firefox opens tel: and callto: links with Puzzel Call and asks each site once (“Always allow”)")

        let userJS = folder.write(
            """
            user_pref("network.protocol-handler.external.callto", true);
            user_pref("network.protocol-handler.warn-external.callto", false);

            """, to: "profiles/abc.default-esr/user.js")
        let check = checks(profiles: "profiles", firefoxPolicy: "policies.json").last!
        #expect(!check.ok)
        #expect(
            check.description
                == "Firefox opens callto: links from every site without asking, so a page can call without a click "
                + "(network.protocol-handler.warn-external.callto is false in \(userJS))")
    }

    /// The enterprise policy's `Preferences` set a preference as a `.js` file does, bare or as an object.
    @Test(arguments: [
        #""network.protocol-handler.warn-external.tel": false"#,
        #""network.protocol-handler.warn-external.tel": {"Value": false, "Status": "locked"}"#,
    ])
    func anEverySitePreferenceInThePolicyFails(preference: String) {
        folder.write("#!/bin/sh\n", to: "bin/firefox", mode: 0o755)
        let policy = folder.write(
            #"{"policies": {"Preferences": {"browser.startup.homepage": "https://crm.example.com", "#
                + preference + "}}}",
            to: "policies.json")
        let check = checks(firefoxPolicy: "policies.json").last!
        #expect(!check.ok)
        #expect(
            check.description
                == "Firefox opens tel: links from every site without asking, so a page can call without a click "
                + "(network.protocol-handler.warn-external.tel is false in the Preferences policy of \(policy))")
    }

    @Test func aPolicyThatKeepsTheWarningPasses() {
        folder.write("#!/bin/sh\n", to: "bin/firefox", mode: 0o755)
        folder.write(
            #"{"policies": {"Preferences": {"network.protocol-handler.warn-external.tel": {"Value": true}}}}"#,
            to: "policies.json")
        #expect(checks(firefoxPolicy: "policies.json").last?.ok == true)
    }
}
