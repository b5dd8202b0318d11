import FoundationEssentials

/// The managed policy of Chromium and Google Chrome that lets the CRM's pages open `tel:` and `callto:`
/// links without the browser's "Open Puzzel Call?" dialog, and what the policies in place allow.
///
/// `AutoLaunchProtocolsFromOrigins` names each scheme with the origins allowed to open it. Only the
/// origins named: one that allows every site lets any page call without a click.
package enum ChromiumPolicy {
    /// A browser that reads its managed policies from a folder of JSON files.
    package struct Browser: Sendable {
        package let name: String
        /// The names its program goes by, any of which means it is installed.
        let programs: [String]
        package let policyDirectory: String
    }

    package static let browsers = [
        Browser(
            name: "Chromium", programs: ["chromium", "chromium-browser"],
            policyDirectory: "/etc/chromium/policies/managed"),
        Browser(
            name: "Google Chrome", programs: ["google-chrome", "google-chrome-stable"],
            policyDirectory: "/etc/opt/chrome/policies/managed"),
    ]

    package static let fileName = "puzzel-call.json"

    /// The policy file that lets exactly these origins open the links.
    static func text(trusting origins: [TrustedOrigin]) -> String {
        let patterns = origins.map(\.chromiumPattern)
        let file = PolicyFile(
            autoLaunch: DesktopEntry.schemes.map { AutoLaunchRule(scheme: $0, allowedOrigins: patterns) },
            urlAllowlist: nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and arrays cannot fail.
        return String(decoding: try! encoder.encode(file), as: UTF8.self) + "\n"
    }

    /// For each scheme, the origin patterns that every policy file in `directory` lets open it without
    /// asking (`*` for every site); a file that is not a policy JSON is skipped, as the browser does.
    static func allowedOrigins(in directory: String) -> [String: [String]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var allowed: [String: [String]] = [:]
        for name in names.sorted() where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name),
                let file = try? JSONDecoder().decode(PolicyFile.self, from: data)
            else { continue }
            for rule in file.autoLaunch ?? [] { allowed[rule.scheme, default: []] += rule.allowedOrigins }
            // An allow-list entry for a scheme (`tel:*`, `tel:`) opens it from every site.
            for entry in file.urlAllowlist ?? [] {
                for scheme in DesktopEntry.schemes where entry.lowercased().hasPrefix(scheme + ":") {
                    allowed[scheme, default: []].append("*")
                }
            }
        }
        return allowed
    }

    private struct PolicyFile: Codable {
        let autoLaunch: [AutoLaunchRule]?
        let urlAllowlist: [String]?

        enum CodingKeys: String, CodingKey {
            case autoLaunch = "AutoLaunchProtocolsFromOrigins"
            case urlAllowlist = "URLAllowlist"
        }
    }

    private struct AutoLaunchRule: Codable {
        let scheme: String
        let allowedOrigins: [String]

        enum CodingKeys: String, CodingKey {
            case scheme = "protocol"
            case allowedOrigins = "allowed_origins"
        }
    }
}

extension HandlerRegistration {
    /// Writes the managed policy that lets these origins open the links without asking, one file in
    /// each browser's folder (whether or not that browser is installed yet, so a later install obeys
    /// it too). Recorded like every installed file, so uninstall removes it.
    package func trustOrigins(
        _ origins: [TrustedOrigin], in directories: [String] = ChromiumPolicy.browsers.map(\.policyDirectory)
    ) throws(Failure) -> [String] {
        var record = loadRecord() ?? InstallRecord()
        let before = record
        let contents = Data(ChromiumPolicy.text(trusting: origins).utf8)
        let trusted = origins.map(\.description).joined(separator: ", ")
        var report: [String] = []
        let paths = directories.map { $0 + "/" + ChromiumPolicy.fileName }
        let owners = packageOwners(paths)
        for path in paths {
            try createDirectories(path.deletingLastPathComponent, into: &record)
            switch try installFile(path, contents: contents, mode: 0o644, owners, into: &record) {
            case .written:
                report.append(
                    "Wrote the browser policy \(path): only \(trusted) may open tel: and callto: links unasked")
            case .alreadyInPlace: report.append("The browser policy \(path) is already in place")
            case .ownedBy(let package): report.append(Self.leftToPackage(path, package))
            }
        }
        if record != before { try saveRecord(record) }
        return report
    }
}
