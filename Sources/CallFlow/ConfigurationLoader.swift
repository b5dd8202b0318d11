import Desktop
import FoundationEssentials
import Glibc
import PhoneNumbers
import SystemSupport

/// Reads the configuration in its layers, later ones winning: the system-wide files (`XDG_CONFIG_DIRS`,
/// for fleets), the user's file (or `PUZZEL_CONFIG`), environment variables, then command-line options.
package struct ConfigurationLoader: Sendable {
    package let environment: [String: String]
    package let directories: XDGDirectories

    package init(environment: [String: String]) {
        self.environment = environment
        directories = XDGDirectories(environment: environment)
    }

    /// The files read, least important first; a missing one is skipped, except an explicit `PUZZEL_CONFIG`.
    package var files: [(path: String, required: Bool)] {
        let user: (String, Bool) =
            if let explicit = environment["PUZZEL_CONFIG"], !explicit.isEmpty { (explicit, true) } else {
                (directories.userConfigFile, false)
            }
        return directories.systemConfigFiles.map { ($0, false) } + [user]
    }

    /// A setting from the command line: the key, its value, and the option that gave it.
    package typealias Setting = (key: String, value: String, option: String)

    /// Command-line settings belong to the command line: a value there that does not fit is a usage error
    /// (exit 64), found before any file is read.
    package static func check(options: [Setting]) throws(UsageError) {
        var scratch = Configuration()
        for option in options {
            guard let key = ConfigurationKey(rawValue: option.key) else { continue }
            do { try key.apply(option.value, to: &scratch, origin: .flag(option.option)) } catch {
                throw UsageError(error.message)
            }
        }
    }

    package func load(options: [Setting] = []) throws(ConfigurationError)
        -> Configuration
    {
        var configuration = Configuration()
        let trust = FileTrust(home: directories.home)
        for (path, required) in files {
            guard let opened = try Self.read(path, required: required) else { continue }
            let file = try ConfigFile(path: path, text: opened.text)
            // Examined once, and only for a file that sets something it must be trusted with.
            lazy var untrusted = trust.problem(with: opened)
            for entry in file.entries {
                let origin = SettingOrigin.file(path: path, line: entry.line)
                guard let key = ConfigurationKey(rawValue: entry.key) else {
                    throw ConfigurationError(origin: origin, "unknown key “\(entry.key)”; see `puzzel-call --help`")
                }
                if key.needsTrustedFile, let problem = untrusted {
                    throw ConfigurationError(
                        origin: origin,
                        "\(key.rawValue) is only read from a file that nobody but you and root can change: \(problem)")
                }
                if key.isGuard, untrusted != nil {
                    // Anyone who can change this file could turn a guard off: from it, a guard only tightens.
                    var proposed = configuration
                    try key.apply(entry.value, to: &proposed, origin: origin)
                    configuration.tightenGuards(to: proposed)
                    continue
                }
                if key.isSecret && !opened.isPrivate {
                    throw ConfigurationError(
                        origin: origin,
                        "\(key.rawValue) is only read from a file that group and others cannot read: chmod 600 \(path)")
                }
                try key.apply(entry.value, to: &configuration, origin: origin)
            }
        }
        for (name, key) in ConfigurationKey.environmentVariables {
            guard let value = environment[name], !value.isEmpty else { continue }
            try key.apply(value, to: &configuration, origin: .environment(name))
        }
        for option in options {
            guard let key = ConfigurationKey(rawValue: option.key) else { continue }
            try key.apply(option.value, to: &configuration, origin: .flag(option.option))
        }
        if configuration.country == nil, let (variable, value, region) = localeRegion() {
            configuration.country = region
            configuration.countryOrigin = .locale(variable: variable, value: value)
        }
        return configuration
    }

    /// The country of the user's locale (`nb_NO.UTF-8` → NO), from the first of `LC_ALL`, `LC_MESSAGES`
    /// and `LANG` that is set, as the C library chooses the messages locale.
    func localeRegion() -> (variable: String, value: String, region: String)? {
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            let name = value.prefix { $0 != "." && $0 != "@" }
            let parts = name.split(separator: "_")
            guard parts.count == 2 else { return nil }
            let region = parts[1].uppercased()
            return NumberReader.isKnownRegion(region) ? (variable, value, region) : nil
        }
        return nil
    }

    /// The file at `path`, or nil when there is none and none is required.
    static func read(_ path: String, required: Bool) throws(ConfigurationError) -> OpenedConfigFile? {
        guard let file = try OpenedConfigFile.read(path) else {
            if required { throw ConfigurationError("\(path): cannot be read") }
            return nil
        }
        return file
    }
}
