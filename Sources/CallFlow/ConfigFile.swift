import Desktop
import SystemSupport

/// One `key = value` file, as a person writes it: `#` starts a comment line, blank lines are ignored,
/// a value may be wrapped in double quotes to keep leading or trailing spaces.
///
/// A `#` inside a value is part of the value, so passwords and URLs with fragments survive.
struct ConfigFile: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        let key: String
        let value: String
        let line: Int
    }

    let path: String
    let entries: [Entry]

    init(path: String, text: String) throws(ConfigurationError) {
        var entries: [Entry] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigurationError(file: path, line: index + 1, "expected `key = value`" + Self.named(line))
            }
            let key = String(line[..<equals].trimmingWhitespace())
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw ConfigurationError(
                    file: path, line: index + 1, "the text before `=` is not a key name" + Self.named(line))
            }
            var value = line[line.index(after: equals)...].trimmingWhitespace()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = value.dropFirst().dropLast()
            }
            entries.append(Entry(key: key, value: String(value), line: index + 1))
        }
        self.path = path
        self.entries = entries
    }

    /// A broken line is never quoted: `password hunter2` would put the password in the message, the
    /// notification and the activity log. Only its first word is named, when that is a key.
    private static func named(_ line: Substring) -> String {
        let word = line.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let start = ConfigurationKey(rawValue: String(word)) == nil ? "" : ", on a line that starts with “\(word)”"
        return start + " (the line is not shown: it may hold a secret)"
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        let leadingTrimmed = drop(while: \.isWhitespace)
        return leadingTrimmed.dropLast(leadingTrimmed.reversed().prefix(while: \.isWhitespace).count)
    }
}
