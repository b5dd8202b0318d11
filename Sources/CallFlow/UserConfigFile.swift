import Desktop
import FoundationEssentials
import SystemSupport

/// Writes settings into the user's config file, keeping every other line (comments included) as it was.
/// The file is private (0600), since `login` may put a password in it when there is no keyring.
package struct UserConfigFile: Sendable {
    package let path: String

    package init(environment: [String: String]) {
        path = ConfigurationLoader(environment: environment).files.last!.path
    }

    /// Sets each key to its value, or removes the key where the value is nil.
    package func update(_ settings: [(key: String, value: String?)]) throws(PrivateFile.Failure) {
        var lines =
            (try? String(contentsOfFile: path, encoding: .utf8))?.split(
                separator: "\n", omittingEmptySubsequences: false
            )
            .map(String.init) ?? []
        if lines.last == "" { lines.removeLast() }
        let original = lines
        for (key, value) in settings {
            let replacement = value.map { "\(key) = \(Self.quoted($0))" }
            if let index = lines.firstIndex(where: { Self.key(of: $0) == key }) {
                lines.remove(at: index)
                if let replacement { lines.insert(replacement, at: index) }
                lines.removeAll { Self.key(of: $0) == key && $0 != replacement }
            } else if let replacement {
                lines.append(replacement)
            }
        }
        guard lines != original else { return }
        try PrivateFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: path)
    }

    private static func key(of line: String) -> String? {
        guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { return nil }
        return String(line[..<equals].trimmed)
    }

    /// Values with spaces at their ends keep them inside quotes, as the reader expects.
    private static func quoted(_ value: String) -> String {
        value.first?.isWhitespace == true || value.last?.isWhitespace == true || value.hasPrefix("\"")
            ? "\"\(value)\"" : value
    }
}
