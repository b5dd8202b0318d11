import Foundation
import TestSupport
import Testing

@testable import Desktop

@Suite(.timeLimit(.minutes(5))) struct TrustedOriginTests {
    @Test(arguments: [
        ("https://crm.example.com", "https://crm.example.com", "https://.crm.example.com"),
        ("HTTPS://CRM.Example.COM:443", "https://crm.example.com", "https://.crm.example.com"),
        ("http://crm.example.com:80", "http://crm.example.com", "http://.crm.example.com"),
        ("https://crm.example.com:8443", "https://crm.example.com:8443", "https://.crm.example.com:8443"),
        ("http://localhost:3000", "http://localhost:3000", "http://.localhost:3000"),
        ("http://10.1.2.3:8080", "http://10.1.2.3:8080", "http://10.1.2.3:8080"),
        ("https://[2001:DB8::1]:8443", "https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443"),
        ("https://xn--krdfrsel-w1a.example", "https://xn--krdfrsel-w1a.example", "https://.xn--krdfrsel-w1a.example"),
    ])
    func anOriginIsReadInItsPlainForm(text: String, origin: String, pattern: String) throws {
        let trusted = try TrustedOrigin(parsing: text)
        #expect(trusted.description == origin)
        #expect(trusted.chromiumPattern == pattern)
    }

    @Test(arguments: [
        ("*", "* trusts every site, so any page could call without a click"),
        ("https://*.example.com", "https://*.example.com trusts every site"),
        ("crm.example.com", "crm.example.com is not an http or https origin"),
        ("file:///home/agent/crm.html", "file:///home/agent/crm.html is not an http or https origin"),
        ("javascript://crm.example.com", "javascript://crm.example.com is not an http or https origin"),
        (
            "https://crm.example.com/",
            "https://crm.example.com/ has a path or query; an origin has none: write https://crm.example.com"
        ),
        (
            "https://crm.example.com/app?x=1",
            "https://crm.example.com/app?x=1 has a path or query; an origin has none: write https://crm.example.com"
        ),
        ("https://crm.example.com#top", "https://crm.example.com#top has a path or query"),
        ("https://agent@crm.example.com", "https://agent@crm.example.com holds a user name"),
        ("https://crm.example.com:0", "https://crm.example.com:0 has no valid port"),
        ("https://crm.example.com:65536", "https://crm.example.com:65536 has no valid port"),
        ("https://crm.example.com:", "https://crm.example.com: has no valid port"),
        ("https://crm.example.com:+80", "https://crm.example.com:+80 has no valid port"),
        ("https://", "https:// has no valid host name"),
        ("https://crm..example.com", "https://crm..example.com has no valid host name"),
        ("https://-crm.example.com", "https://-crm.example.com has no valid host name"),
        ("https://crm_1.example.com", "https://crm_1.example.com has no valid host name"),
        ("https://kårdfrsel.example", "https://kårdfrsel.example has no valid host name (an international name"),
        ("https://[2001:db8::1", "https://[2001:db8::1 opens an IPv6 address with [ but does not close it"),
        ("https://[2001:db8::1]x", "https://[2001:db8::1]x has something after its IPv6 address"),
        ("https://crm.example.com\\evil", "https://crm.example.com\\\\evil has a path or query"),
        ("https://crm\u{1b}[2J.example.com", "https://crm\\x1b[2J.example.com has no valid host name"),
    ])
    func anythingButAPlainOriginIsRefusedWithTheReason(text: String, message: String) {
        #expect {
            try TrustedOrigin(parsing: text)
        } throws: { error in
            (error as? TrustedOrigin.Invalid)?.description.hasPrefix(message) == true
        }
    }
}

@Suite(.timeLimit(.minutes(5))) struct ChromiumPolicyTests {
    let origins = [
        try! TrustedOrigin(parsing: "https://crm.example.com"), try! TrustedOrigin(parsing: "http://10.0.0.5:8080"),
    ]

    @Test func thePolicyNamesBothSchemesWithExactlyTheOrigins() throws {
        let text = ChromiumPolicy.text(trusting: origins)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(json?.keys.sorted() == ["AutoLaunchProtocolsFromOrigins"])
        let rules = json?["AutoLaunchProtocolsFromOrigins"] as? [[String: Any]] ?? []
        #expect(rules.map { $0["protocol"] as? String } == ["tel", "callto"])
        for rule in rules {
            #expect(rule["allowed_origins"] as? [String] == ["https://.crm.example.com", "http://10.0.0.5:8080"])
        }
    }

    @Test func writtenByInstallAndRemovedByUninstall() throws {
        let folder = TemporaryDirectory()
        let environment = folder.environment
        try FileManager.default.createDirectory(atPath: folder.file("etc/chromium"), withIntermediateDirectories: true)
        let before = try snapshot(folder.path)
        let directories = [
            folder.file("etc/chromium/policies/managed"), folder.file("etc/opt/chrome/policies/managed"),
        ]
        let registration = HandlerRegistration(scope: .user, environment: environment)

        let report = try registration.trustOrigins(origins, in: directories)
        #expect(report.count == 2)
        #expect(report[0].hasPrefix("Wrote the browser policy \(directories[0])/puzzel-call.json"))
        for directory in directories {
            let path = directory + "/puzzel-call.json"
            #expect(try String(contentsOfFile: path, encoding: .utf8) == ChromiumPolicy.text(trusting: origins))
            #expect(permissions(path) == 0o644)
            #expect(ChromiumPolicy.allowedOrigins(in: directory)["tel"] == origins.map(\.chromiumPattern))
        }
        let written = try snapshot(folder.path)
        #expect(try registration.trustOrigins(origins, in: directories)[1].hasSuffix("is already in place"))
        #expect(try snapshot(folder.path) == written)

        let removal = try registration.uninstall()
        #expect(removal.contains("Removed \(directories[1])/puzzel-call.json"))
        #expect(try snapshot(folder.path) == before)
    }
}
