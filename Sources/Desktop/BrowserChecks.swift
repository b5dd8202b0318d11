import FoundationEssentials
import SystemSupport

/// For each browser installed, whether a click on a `tel:` or `callto:` link calls at once or asks
/// first, and whether a setting lets every site open the links unasked (so a page could call without a
/// click, which `doctor` flags).
package struct BrowserChecks: Sendable {
    /// Where Firefox's enterprise policies and preference files are.
    struct FirefoxFiles: Sendable {
        var policyFiles = [
            "/etc/firefox/policies/policies.json", "/usr/lib/firefox-esr/distribution/policies.json",
            "/usr/lib/firefox/distribution/policies.json",
        ]
        /// Folders whose `*.js` files Firefox reads as preferences for every profile.
        var preferenceDirectories = ["/etc/firefox-esr", "/etc/firefox/pref", "/usr/lib/firefox-esr/defaults/pref"]
        /// The user's profiles, each with its own `user.js` and `prefs.js`.
        var profilesDirectory: String
    }

    let environment: [String: String]
    let chromiumBrowsers: [ChromiumPolicy.Browser]
    let firefoxFiles: FirefoxFiles

    package init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = XDGDirectories(environment: environment).home
        self.init(
            environment: environment, chromiumBrowsers: ChromiumPolicy.browsers,
            firefoxFiles: FirefoxFiles(profilesDirectory: home + "/.mozilla/firefox"))
    }

    init(environment: [String: String], chromiumBrowsers: [ChromiumPolicy.Browser], firefoxFiles: FirefoxFiles) {
        self.environment = environment
        self.chromiumBrowsers = chromiumBrowsers
        self.firefoxFiles = firefoxFiles
    }

    package func all() -> [DoctorCheck] {
        chromiumBrowsers.filter(isInstalled).map(chromiumCheck)
            + (isInstalled(programs: ["firefox-esr", "firefox"]) ? [firefoxCheck()] : [])
    }

    private func isInstalled(_ browser: ChromiumPolicy.Browser) -> Bool { isInstalled(programs: browser.programs) }

    private func isInstalled(programs: [String]) -> Bool {
        programs.contains { Subprocess.find($0, environment: environment) != nil }
    }

    static let scopeFix = "trust only your CRM's origin: `sudo puzzel-call install --system --trusted-origin URL`"

    func chromiumCheck(_ browser: ChromiumPolicy.Browser) -> DoctorCheck {
        let name = "browser-" + browser.name.lowercased().replacing(" ", with: "-")
        let allowed = ChromiumPolicy.allowedOrigins(in: browser.policyDirectory)
        if let open = DesktopEntry.schemes.first(where: { allowed[$0]?.contains("*") == true }) {
            return .failed(
                name,
                "\(browser.name) lets every site open \(open): links without asking, so a page can call without a click "
                    + "(a policy in \(browser.policyDirectory))",
                fix: "remove * from that policy and " + Self.scopeFix)
        }
        let trusted = DesktopEntry.schemes.compactMap { scheme -> String? in
            guard let origins = allowed[scheme], !origins.isEmpty else { return nil }
            // Shown as origins: the leading dot that keeps subdomains out is the pattern's, not the site's.
            let sites = origins.map { $0.replacing("://.", with: "://") }
            return "\(scheme): links from \(sites.joined(separator: ", "))"
        }
        guard !trusted.isEmpty else {
            return .passed(
                name,
                "\(browser.name) asks before a site opens a tel: or callto: link (“Always allow” remembers a site)")
        }
        return .passed(
            name, "\(browser.name) opens \(trusted.joined(separator: " and ")) without asking; other sites ask first")
    }

    func firefoxCheck() -> DoctorCheck {
        let preferences = FirefoxPreferences(files: firefoxPreferenceFiles())
        let policies = FirefoxPolicies(files: firefoxFiles.policyFiles)
        for scheme in DesktopEntry.schemes {
            let setting = "network.protocol-handler.warn-external.\(scheme)"
            // A preference file and the enterprise policy's Preferences set it alike.
            let source =
                preferences.file(setting: setting, to: "false")
                ?? policies.file(setting: setting, to: false).map { "the Preferences policy of \($0)" }
            if let source {
                return .failed(
                    "browser-firefox",
                    "Firefox opens \(scheme): links from every site without asking, so a page can call without a "
                        + "click (\(setting) is false in \(source))",
                    fix: "remove that setting, and set the Handlers policy of the README instead: Firefox then asks "
                        + "each site once")
            }
        }
        if policies.handleBothSchemes {
            return .passed(
                "browser-firefox",
                "Firefox opens tel: and callto: links with Puzzel Call and asks each site once (“Always allow”)")
        }
        return .passed(
            "browser-firefox",
            "Firefox asks for an application on the first tel: or callto: click, then asks each site once")
    }

    private func firefoxPreferenceFiles() -> [String] {
        func files(in directory: String, named: (String) -> Bool) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().filter(named)
                .map { directory + "/" + $0 }
        }
        let system = firefoxFiles.preferenceDirectories.flatMap { files(in: $0) { $0.hasSuffix(".js") } }
        let profiles = files(in: firefoxFiles.profilesDirectory) { !$0.hasPrefix(".") }
        return system + profiles.flatMap { [$0 + "/prefs.js", $0 + "/user.js"] }
    }
}

/// The preference lines of Firefox's `.js` files: `pref("name", value);`, `user_pref(…)`, `lockPref(…)`
/// and `defaultPref(…)`, read only as far as `doctor` needs.
struct FirefoxPreferences {
    private var lines: [(file: String, name: Substring, value: Substring)] = []

    init(files: [String]) {
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                guard let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"), open < close,
                    ["pref", "user_pref", "lockPref", "defaultPref"].contains(line[..<open].trimmed)
                else { continue }
                let arguments = line[line.index(after: open)..<close].split(separator: ",", maxSplits: 1)
                guard arguments.count == 2, case let name = arguments[0].trimmed, name.count >= 2,
                    name.first == "\"", name.last == "\""
                else { continue }
                lines.append((file, name.dropFirst().dropLast(), arguments[1].trimmed))
            }
        }
    }

    /// The first file that sets `name` to `value`.
    func file(setting name: String, to value: String) -> String? {
        lines.first { $0.name == name && $0.value == value }?.file
    }
}

/// What Firefox's enterprise policy files (`policies.json`) say about phone links, read only as far as
/// `doctor` needs: a policy it cannot read is as good as absent.
struct FirefoxPolicies {
    private var files: [(path: String, policies: Policies)] = []

    init(files paths: [String]) {
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path),
                let file = try? JSONDecoder().decode(PolicyFile.self, from: data)
            else { continue }
            files.append((path, file.policies))
        }
    }

    /// Whether a policy hands both schemes to an application without the chooser.
    var handleBothSchemes: Bool {
        guard let schemes = files.lazy.compactMap({ $0.policies.handlers?.schemes }).first else { return false }
        return DesktopEntry.schemes.allSatisfy { schemes[$0]?.action == "useHelperApp" && schemes[$0]?.ask == false }
    }

    /// The first file whose `Preferences` policy sets `name` to `value`.
    func file(setting name: String, to value: Bool) -> String? {
        files.first { $0.policies.preferences?[name]?.value == value }?.path
    }

    private struct PolicyFile: Decodable { let policies: Policies }

    /// Each policy on its own: one Firefox would reject leaves the others readable.
    private struct Policies: Decodable {
        let handlers: Handlers?
        let preferences: [String: Preference]?

        enum CodingKeys: String, CodingKey {
            case handlers = "Handlers"
            case preferences = "Preferences"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            handlers = try? container.decodeIfPresent(Handlers.self, forKey: .handlers)
            preferences = try? container.decodeIfPresent([String: Preference].self, forKey: .preferences)
        }
    }

    private struct Handlers: Decodable { let schemes: [String: Scheme]? }

    private struct Scheme: Decodable {
        let action: String?
        let ask: Bool?
    }

    /// A preference's value, given bare (`false`) or as the policy's object (`{"Value": false, "Status":
    /// "locked"}`); nil for a value that is no boolean, which these checks never look for.
    private struct Preference: Decodable {
        let value: Bool?

        enum CodingKeys: String, CodingKey { case value = "Value" }

        init(from decoder: any Decoder) throws {
            if let bare = try? decoder.singleValueContainer().decode(Bool.self) {
                value = bare
            } else {
                value = try? decoder.container(keyedBy: CodingKeys.self).decode(Bool.self, forKey: .value)
            }
        }
    }
}
