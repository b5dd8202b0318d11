/// The freedesktop.org base directories, read from an environment so tests can point them anywhere.
///
/// See the XDG Base Directory Specification: a variable that is unset, empty or not an absolute path is
/// ignored in favour of its default.
public struct XDGDirectories: Sendable, Equatable {
    public let home: String
    public let configHome: String
    public let configDirs: [String]
    public let cacheHome: String
    public let stateHome: String
    public let dataHome: String
    public let dataDirs: [String]
    public let runtimeDir: String?

    public init(environment: [String: String]) {
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
    public static let appName = "puzzel-call"

    public var userConfigFile: String { "\(configHome)/\(Self.appName)/config" }
    /// System-wide config files, least important first: the spec lists `XDG_CONFIG_DIRS` most important first.
    public var systemConfigFiles: [String] { configDirs.reversed().map { "\($0)/\(Self.appName)/config" } }
    public var cacheDirectory: String { "\(cacheHome)/\(Self.appName)" }
    public var stateDirectory: String { "\(stateHome)/\(Self.appName)" }
}
