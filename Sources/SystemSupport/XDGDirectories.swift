/// The freedesktop.org base directories, read from an environment so tests can point them anywhere.
///
/// See the XDG Base Directory Specification: a variable that is unset, empty or not an absolute path is
/// ignored in favour of its default.
package struct XDGDirectories: Sendable, Equatable {
    package let home: String
    package let configHome: String
    package let configDirs: [String]
    package let cacheHome: String
    package let stateHome: String
    package let dataHome: String
    package let dataDirs: [String]
    package let runtimeDir: String?

    package init(environment: [String: String]) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/"
        func absolute(_ name: String) -> String? {
            guard let value = environment[name], value.hasPrefix("/") else { return nil }
            return value
        }
        func list(_ name: String, default fallback: [String]) -> [String] {
            let entries = (environment[name] ?? "").split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
            return entries.isEmpty ? fallback : entries
        }
        self.home = home
        configHome = absolute("XDG_CONFIG_HOME") ?? home + "/.config"
        configDirs = list("XDG_CONFIG_DIRS", default: ["/etc/xdg"])
        cacheHome = absolute("XDG_CACHE_HOME") ?? home + "/.cache"
        stateHome = absolute("XDG_STATE_HOME") ?? home + "/.local/state"
        dataHome = absolute("XDG_DATA_HOME") ?? home + "/.local/share"
        dataDirs = list("XDG_DATA_DIRS", default: ["/usr/local/share", "/usr/share"])
        runtimeDir = absolute("XDG_RUNTIME_DIR")
    }

    /// Our folder below each base directory.
    package static let appName = "puzzel-call"

    package var userConfigFile: String { "\(configHome)/\(Self.appName)/config" }
    /// System-wide config files, least important first: the spec lists `XDG_CONFIG_DIRS` most important first.
    package var systemConfigFiles: [String] { configDirs.reversed().map { "\($0)/\(Self.appName)/config" } }
    package var cacheDirectory: String { "\(cacheHome)/\(Self.appName)" }
    package var stateDirectory: String { "\(stateHome)/\(Self.appName)" }
}
