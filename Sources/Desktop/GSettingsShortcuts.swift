/// gsettings, and the GVariant text it reads and writes.
struct GSettings: Sendable {
    let tool: SettingsTool

    init(environment: [String: String]) { tool = SettingsTool(program: "gsettings", environment: environment) }

    func get(_ schema: String, _ key: String) throws(KeyboardShortcut.Failure) -> String {
        try run(["get", schema, key], schema)
    }

    func set(_ schema: String, _ key: String, _ value: String) throws(KeyboardShortcut.Failure) {
        try run(["set", schema, key, value], schema)
    }

    func reset(_ schema: String, _ key: String) throws(KeyboardShortcut.Failure) {
        try run(["reset", schema, key], schema)
    }

    @discardableResult
    private func run(_ arguments: [String], _ schema: String) throws(KeyboardShortcut.Failure) -> String {
        let missing = "gsettings and the schema \(schema.prefix { $0 != ":" })"
        do { return try tool.run(arguments, missing: missing) } catch .toolFailed(_, let message)
            where message.contains("No such schema")
        {
            throw .notAvailable(missing)
        }
    }

    /// A GVariant string literal.
    static func quoted(_ text: String) -> String {
        var quoted = "'"
        for character in text {
            if character == "'" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "'"
    }

    static func quotedList(_ items: [String]) -> String {
        items.isEmpty ? "@as []" : "[" + items.map(quoted).joined(separator: ", ") + "]"
    }

    /// The text of a GVariant string literal as gsettings prints it.
    static func unquoted(_ literal: String) -> String {
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

    /// The items of a GVariant array of strings that hold no quote (paths, names, accelerators): `@as []`,
    /// `['/a/', '/b/']`.
    static func items(_ list: String) -> [String] {
        list.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }
            .map { String($0.element) }
    }
}

/// GNOME's and Cinnamon's custom keybindings: an entry of our own (name, command, binding) at a path of a
/// relocatable schema, listed in the desktop's list of custom keybindings.
struct GSettingsShortcut: ShortcutStore {
    let gsettings: GSettings
    let listSchema: String
    let listKey: String
    /// What the list holds for our entry: its path (GNOME) or its name (Cinnamon).
    let listed: String
    /// The relocatable schema at our entry's path.
    let entrySchema: String
    /// Cinnamon keeps a list of accelerators, GNOME one.
    let bindingIsList: Bool

    static func gnome(_ environment: [String: String]) -> GSettingsShortcut {
        let path = "/org/gnome/settings-daemon/plugins/media-keys/custom-keybindings/puzzel-call/"
        return GSettingsShortcut(
            gsettings: GSettings(environment: environment), listSchema: "org.gnome.settings-daemon.plugins.media-keys",
            listKey: "custom-keybindings", listed: path,
            entrySchema: "org.gnome.settings-daemon.plugins.media-keys.custom-keybinding:" + path, bindingIsList: false)
    }

    /// Cinnamon lists its entries by name, each at `/org/cinnamon/desktop/keybindings/custom-keybindings/NAME/`.
    static func cinnamon(_ environment: [String: String]) -> GSettingsShortcut {
        GSettingsShortcut(
            gsettings: GSettings(environment: environment), listSchema: "org.cinnamon.desktop.keybindings",
            listKey: "custom-list", listed: "puzzel-call",
            entrySchema: "org.cinnamon.desktop.keybindings.custom-keybinding:"
                + "/org/cinnamon/desktop/keybindings/custom-keybindings/puzzel-call/",
            bindingIsList: true)
    }

    func current() throws(KeyboardShortcut.Failure) -> KeyboardShortcut.Binding? {
        guard try list().contains(listed) else { return nil }
        let binding = try gsettings.get(entrySchema, "binding")
        let keys = bindingIsList ? GSettings.items(binding).first ?? "" : GSettings.unquoted(binding)
        let command = GSettings.unquoted(try gsettings.get(entrySchema, "command"))
        return keys.isEmpty ? nil : KeyboardShortcut.Binding(keys: keys, command: command)
    }

    func set(keys: String, command: String, arguments: [String]) throws(KeyboardShortcut.Failure) -> [String] {
        try gsettings.set(entrySchema, "name", GSettings.quoted(KeyboardShortcut.name))
        try gsettings.set(entrySchema, "command", GSettings.quoted(command))
        try gsettings.set(entrySchema, "binding", bindingIsList ? GSettings.quotedList([keys]) : GSettings.quoted(keys))
        let list = try list()
        if !list.contains(listed) { try gsettings.set(listSchema, listKey, GSettings.quotedList(list + [listed])) }
        return ["Added the keyboard shortcut \(keys) to \(listSchema): it runs \(command)"]
    }

    func remove() throws(KeyboardShortcut.Failure) {
        try gsettings.set(listSchema, listKey, GSettings.quotedList(try list().filter { $0 != listed }))
        for key in ["name", "command", "binding"] { try gsettings.reset(entrySchema, key) }
    }

    private func list() throws(KeyboardShortcut.Failure) -> [String] {
        GSettings.items(try gsettings.get(listSchema, listKey))
    }
}

/// MATE's window manager, Marco, runs commands on keys: twelve numbered commands (`command-N`) and their
/// bindings (`run-command-N`). puzzel-call takes the first free number, or the one that already runs it.
struct MarcoShortcut: ShortcutStore {
    let gsettings: GSettings
    static let commands = "org.mate.Marco.keybinding-commands"
    static let bindings = "org.mate.Marco.global-keybindings"

    func current() throws(KeyboardShortcut.Failure) -> KeyboardShortcut.Binding? {
        guard let number = try ours() else { return nil }
        return KeyboardShortcut.Binding(
            keys: GSettings.unquoted(try gsettings.get(Self.bindings, "run-command-\(number)")),
            command: try command(number))
    }

    func set(keys: String, command: String, arguments: [String]) throws(KeyboardShortcut.Failure) -> [String] {
        var number = try ours()
        if number == nil { number = try free() }
        guard let number else {
            throw .toolFailed(tool: "gsettings", message: "all twelve of Marco's commands are taken")
        }
        try gsettings.set(Self.commands, "command-\(number)", GSettings.quoted(command))
        try gsettings.set(Self.bindings, "run-command-\(number)", GSettings.quoted(keys))
        return ["Added the keyboard shortcut \(keys) as Marco's command \(number): it runs \(command)"]
    }

    func remove() throws(KeyboardShortcut.Failure) {
        guard let number = try ours() else { return }
        try gsettings.reset(Self.commands, "command-\(number)")
        try gsettings.reset(Self.bindings, "run-command-\(number)")
    }

    private func command(_ number: Int) throws(KeyboardShortcut.Failure) -> String {
        GSettings.unquoted(try gsettings.get(Self.commands, "command-\(number)"))
    }

    /// The number whose command is a puzzel-call's `selection`.
    private func ours() throws(KeyboardShortcut.Failure) -> Int? {
        for number in 1...12 where ShortcutCommand.isOurs(try command(number)) { return number }
        return nil
    }

    /// The first number with no command and no binding.
    private func free() throws(KeyboardShortcut.Failure) -> Int? {
        for number in 1...12 {
            let binding = GSettings.unquoted(try gsettings.get(Self.bindings, "run-command-\(number)"))
            if try command(number).allSatisfy(\.isWhitespace), binding == "disabled" || binding.isEmpty {
                return number
            }
        }
        return nil
    }
}

/// Tells puzzel-call's shortcut command among a desktop's others.
enum ShortcutCommand {
    /// Whether `command` runs some puzzel-call's `selection`, as `install --shortcut` writes it.
    static func isOurs(_ command: String) -> Bool {
        guard let words = ShellWords.split(command), let program = words.first else { return false }
        return program.split(separator: "/").last == "puzzel-call" && words.dropFirst().first == "selection"
    }
}
