import Desktop
import SystemSupport

/// The configuration is missing something or holds a value that cannot be used.
package struct ConfigurationError: UserFacingError, Equatable {
    package let message: String
    package static let code = "config-invalid"
    package var code: String { Self.code }
    package var exitStatus: ExitStatus { .configuration }

    package init(_ message: String) { self.message = message }

    init(file: String, line: Int, _ problem: String) {
        message = "\(file):\(line): \(problem)"
    }

    init(origin: SettingOrigin, _ problem: String) {
        message = "\(origin): \(problem)"
    }
}

/// Where a setting came from, for error messages and `doctor`.
package enum SettingOrigin: Sendable, Equatable, CustomStringConvertible {
    case builtIn
    case file(path: String, line: Int)
    case environment(String)
    case flag(String)
    case locale(variable: String, value: String)

    package var description: String {
        switch self {
        case .builtIn: "the built-in default"
        case .file(let path, let line): "\(path):\(line)"
        case .environment(let name): "environment variable \(name)"
        case .flag(let name): "option \(name)"
        case .locale(let variable, let value): "the locale (\(variable)=\(value.escapedForDisplay))"
        }
    }
}
