import Desktop
import FoundationEssentials

/// The settings that only the environment holds, which a click from the desktop may never see.
///
/// A click runs puzzel-call with the environment of whatever starts it. Where xdg-desktop-portal runs
/// (every GNOME and KDE desktop, every Flatpak or Snap browser), that is the portal's environment, not
/// the browser's and not this shell's: `PUZZEL_*` variables vanish on the way, while a config file is
/// read wherever the click starts.
struct EnvironmentOnlySettings {
    let environment: [String: String]

    /// The variables set here whose key no config file of a click sets, in `environmentVariables` order.
    var variables: [(name: String, key: ConfigurationKey)] {
        let keysInFiles = Set(clickLoader.files.flatMap(keys(in:)))
        return ConfigurationKey.environmentVariables.filter {
            environment[$0.name]?.isEmpty == false && !keysInFiles.contains($0.key)
        }
    }

    /// The loader as a click sees it: without any `PUZZEL_*` variable, `PUZZEL_CONFIG` included.
    private var clickLoader: ConfigurationLoader {
        ConfigurationLoader(environment: environment.filter { !$0.key.hasPrefix("PUZZEL_") })
    }

    /// `PUZZEL_CONFIG` when it names another file than the one a click reads.
    private var configFileOnlyHere: String? {
        guard let explicit = environment["PUZZEL_CONFIG"], !explicit.isEmpty,
            explicit != clickLoader.directories.userConfigFile
        else { return nil }
        return explicit
    }

    func check() -> DoctorCheck {
        let userFile = clickLoader.directories.userConfigFile
        let variables = variables
        var names = variables.map(\.name)
        var fixes: [String] = []
        if let explicit = configFileOnlyHere {
            names.insert("PUZZEL_CONFIG", at: 0)
            fixes.append("move \(explicit) to \(userFile)")
        }
        let lines = variables.filter { !$0.key.isSecret }.map {
            "`\($0.key.rawValue) = \(quoted(environment[$0.name]!))`"
        }
        if !lines.isEmpty {
            fixes.append("add \(lines.joined(separator: ", ")) to \(userFile)")
        }
        if variables.contains(where: \.key.isSecret) {
            // The value never goes into a message: login keeps it in the keyring instead.
            fixes.append("run `puzzel-call login` to keep the password in the keyring")
        }
        guard !names.isEmpty else {
            return .passed(
                "environment", "no setting is in the environment alone: a click from the desktop sees them all")
        }
        return .failed(
            "environment",
            "\(names.joined(separator: ", ")) \(names.count == 1 ? "is" : "are") set only in the environment, which "
                + "a click from the desktop may not see (xdg-desktop-portal, Flatpak and Snap start it with their own)",
            fix: fixes.joined(separator: "; "))
    }

    private func keys(in file: (path: String, required: Bool)) -> [ConfigurationKey] {
        guard let opened = try? ConfigurationLoader.read(file.path, required: false),
            let parsed = try? ConfigFile(path: file.path, text: opened.text)
        else { return [] }
        return parsed.entries.compactMap { ConfigurationKey(rawValue: $0.key) }
    }

    /// A value as a config line keeps it: quoted when spaces at its ends would otherwise be lost.
    private func quoted(_ value: String) -> String {
        value.first?.isWhitespace == true || value.last?.isWhitespace == true ? "\"\(value)\"" : value
    }
}
