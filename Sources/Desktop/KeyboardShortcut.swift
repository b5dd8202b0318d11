import SystemSupport

/// The GNOME custom keyboard shortcut that runs `puzzel-call selection`, kept in GNOME's settings with `gsettings`:
/// an entry of our own under the media-keys plugin's custom keybindings, listed in its `custom-keybindings` key.
package struct KeyboardShortcut: Sendable {
    /// Shift+Super+C ("call"): free in GNOME's default shortcuts.
    package static let defaultKeys = "<Shift><Super>c"

    package enum Failure: Error, Equatable, CustomStringConvertible {
        /// gsettings, or GNOME's media-keys settings, are not there: not a GNOME desktop.
        case notGNOME
        case gsettingsFailed(String)

        package var description: String {
            switch self {
            case .notGNOME:
                "GNOME's keyboard settings (gsettings, org.gnome.settings-daemon.plugins.media-keys) are not "
                    + "available: see the README for other desktops"
            case .gsettingsFailed(let message): "gsettings failed: \(message)"
            }
        }
    }

    /// A shortcut as it is set.
    package struct Binding: Sendable, Equatable {
        package let keys: String
        /// The command line as GNOME keeps it.
        package let command: String

        /// The command's words as GNOME splits them to run it; nil when it cannot.
        package var arguments: [String]? { ShellWords.split(command) }
    }

    private static let listSchema = "org.gnome.settings-daemon.plugins.media-keys"
    private static let listKey = "custom-keybindings"
    private static let path = "/org/gnome/settings-daemon/plugins/media-keys/custom-keybindings/puzzel-call/"
    private static let entrySchema = "org.gnome.settings-daemon.plugins.media-keys.custom-keybinding:" + path
    private static let entryKeys = ["name", "command", "binding"]

    private let environment: [String: String]

    package init(environment: [String: String]) { self.environment = environment }

    /// Whether `keys` reads as a GTK accelerator: modifiers in angle brackets, then a key name (`<Primary><Alt>F9`).
    package static func isAccelerator(_ keys: String) -> Bool {
        let isNameCharacter: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        var rest = Substring(keys)
        while rest.first == "<" {
            guard let close = rest.firstIndex(of: ">"),
                rest[rest.index(after: rest.startIndex)..<close].allSatisfy(isNameCharacter)
            else { return false }
            rest = rest[rest.index(after: close)...]
        }
        return !rest.isEmpty && rest.allSatisfy(isNameCharacter)
    }

    /// Sets the shortcut to run `arguments` on `keys`; returns what was done.
    package func install(keys: String, arguments: [String]) throws(Failure) -> [String] {
        // GNOME splits the command as a shell would: a path with a space must be quoted.
        let command = ShellWords.joined(arguments)
        let current = try self.current()
        try gsettings(["set", Self.entrySchema, "name", Self.quoted("Puzzel Call: call the selected number")])
        try gsettings(["set", Self.entrySchema, "command", Self.quoted(command)])
        try gsettings(["set", Self.entrySchema, "binding", Self.quoted(keys)])
        var list = try listedPaths()
        if !list.contains(Self.path) {
            list.append(Self.path)
            try gsettings(["set", Self.listSchema, Self.listKey, Self.quotedList(list)])
        }
        if let current, current == Binding(keys: keys, command: command) {
            return ["The keyboard shortcut \(keys) already runs \(command)"]
        }
        return ["Added the GNOME keyboard shortcut \(keys): it runs \(command)"]
    }

    /// Removes the shortcut, if there is one; returns what was done.
    package func uninstall() throws(Failure) -> [String] {
        let listed = try listedPaths()
        guard listed.contains(Self.path) else { return [] }
        try gsettings(["set", Self.listSchema, Self.listKey, Self.quotedList(listed.filter { $0 != Self.path })])
        for key in Self.entryKeys { try gsettings(["reset", Self.entrySchema, key]) }
        return ["Removed the GNOME keyboard shortcut"]
    }

    /// The shortcut as set; nil when there is none.
    package func current() throws(Failure) -> Binding? {
        guard try listedPaths().contains(Self.path) else { return nil }
        let keys = Self.unquoted(try gsettings(["get", Self.entrySchema, "binding"]))
        let command = Self.unquoted(try gsettings(["get", Self.entrySchema, "command"]))
        return keys.isEmpty ? nil : Binding(keys: keys, command: command)
    }

    private func listedPaths() throws(Failure) -> [String] {
        // GVariant text of an array of strings: `@as []` or `['/a/', '/b/']`; paths hold no quotes.
        let text = try gsettings(["get", Self.listSchema, Self.listKey])
        return text.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    @discardableResult
    private func gsettings(_ arguments: [String]) throws(Failure) -> String {
        let output: Subprocess.Output
        do {
            output = try Subprocess.run("gsettings", arguments, environment: environment, timeout: .seconds(10))
        } catch {
            throw .notGNOME
        }
        guard output.succeeded else {
            if output.standardErrorText.contains("No such schema") { throw .notGNOME }
            throw .gsettingsFailed(output.standardErrorText.trimmed)
        }
        return output.standardOutputText.trimmed
    }

    /// A GVariant string literal.
    private static func quoted(_ text: String) -> String {
        var quoted = "'"
        for character in text {
            if character == "'" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "'"
    }

    private static func quotedList(_ items: [String]) -> String {
        items.isEmpty ? "@as []" : "[" + items.map(quoted).joined(separator: ", ") + "]"
    }

    /// The text of a GVariant string literal as gsettings prints it.
    private static func unquoted(_ literal: String) -> String {
        guard literal.count >= 2, let quote = literal.first, quote == "'" || quote == "\"", literal.last == quote
        else { return literal }
        var text = ""
        var escaped = false
        for character in literal.dropFirst().dropLast() {
            if !escaped && character == "\\" {
                escaped = true
                continue
            }
            text.append(character)
            escaped = false
        }
        return text
    }
}
