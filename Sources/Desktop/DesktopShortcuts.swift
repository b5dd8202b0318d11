import FoundationEssentials
import SystemSupport

/// Xfce's keyboard shortcuts: the channel `xfce4-keyboard-shortcuts` of xfconf, where each custom command is a
/// property named after its keys, `/commands/custom/<Shift><Super>c`, whose value is the command line.
struct XfceShortcut: ShortcutStore {
    let xfconf: SettingsTool
    static let channel = "xfce4-keyboard-shortcuts"
    static let prefix = "/commands/custom/"
    private let missing = "xfconf-query and xfconfd"

    init(environment: [String: String]) { xfconf = SettingsTool(program: "xfconf-query", environment: environment) }

    func current() throws(KeyboardShortcut.Failure) -> KeyboardShortcut.Binding? {
        guard let (property, command) = try ours() else { return nil }
        return KeyboardShortcut.Binding(keys: String(property.dropFirst(Self.prefix.count)), command: command)
    }

    func set(keys: String, command: String, arguments: [String]) throws(KeyboardShortcut.Failure) -> [String] {
        if let (property, _) = try ours(), property != Self.prefix + keys {
            try xfconf.run(["-c", Self.channel, "-p", property, "-r"], missing: missing)
        }
        try xfconf.run(
            ["-c", Self.channel, "-p", Self.prefix + keys, "-n", "-t", "string", "-s", command], missing: missing)
        return ["Added the keyboard shortcut \(keys) to Xfce's \(Self.channel): it runs \(command)"]
    }

    func remove() throws(KeyboardShortcut.Failure) {
        guard let (property, _) = try ours() else { return }
        try xfconf.run(["-c", Self.channel, "-p", property, "-r"], missing: missing)
    }

    /// Our property and its command: the custom command that runs a puzzel-call's `selection`.
    private func ours() throws(KeyboardShortcut.Failure) -> (String, String)? {
        // `-l -v` prints a property a line, its name and value parted by spaces; names hold none.
        guard let listing = try xfconf.read(["-c", Self.channel, "-l", "-v"], missing: missing) else { return nil }
        for line in listing.split(separator: "\n") where line.hasPrefix(Self.prefix) {
            let property = line.prefix { $0 != " " }
            let command = String(line.dropFirst(property.count).drop { $0 == " " })
            if ShortcutCommand.isOurs(command) { return (String(property), command) }
        }
        return nil
    }
}

/// KDE Plasma's global shortcuts: a desktop entry of our own that runs the command (how Plasma keeps a custom
/// command's shortcut since 5.25, in place of khotkeys), and its `_launch` keys in kglobalaccel's
/// `kglobalshortcutsrc`, written and read with `kwriteconfig6`/`kreadconfig6` (Plasma 6) or their `5` (Plasma 5).
/// kglobalaccel reads the file when Plasma starts.
struct PlasmaShortcut: ShortcutStore {
    static let entryName = "puzzel-call-selection.desktop"
    let entryPath: String
    let environment: [String: String]
    private let missing = "kwriteconfig6 or kwriteconfig5"

    init(environment: [String: String]) {
        self.environment = environment
        entryPath = XDGDirectories(environment: environment).dataHome + "/applications/" + Self.entryName
    }

    /// The newest of KDE's config tools installed: `kwriteconfig6`, else `kwriteconfig5`.
    private func tool(_ verb: String) throws(KeyboardShortcut.Failure) -> SettingsTool {
        for version in ["6", "5"] where Subprocess.find("k\(verb)config\(version)", environment: environment) != nil {
            return SettingsTool(program: "k\(verb)config\(version)", environment: environment)
        }
        throw .notAvailable(missing)
    }

    private var group: [String] { ["--file", "kglobalshortcutsrc", "--group", "services", "--group", Self.entryName] }

    func current() throws(KeyboardShortcut.Failure) -> KeyboardShortcut.Binding? {
        guard let entry = try? String(contentsOfFile: entryPath, encoding: .utf8),
            let command = entry.split(separator: "\n").first(where: { $0.hasPrefix("X-Puzzel-Call-Command=") })
        else { return nil }
        let keys = try tool("read").run(group + ["--key", "_launch"], missing: missing)
        guard !keys.isEmpty else { return nil }
        return KeyboardShortcut.Binding(
            keys: Self.gtkAccelerator(keys), command: String(command.drop { $0 != "=" }.dropFirst()))
    }

    func set(keys: String, command: String, arguments: [String]) throws(KeyboardShortcut.Failure) -> [String] {
        let writer = try tool("write")
        let exec = ([DesktopEntry.execArgument(arguments[0])] + arguments.dropFirst()).joined(separator: " ")
        // The shell line too, as the other desktops keep it, so `doctor` reads back what runs.
        let entry = """
            [Desktop Entry]
            Type=Application
            Name=\(KeyboardShortcut.name)
            Exec=\(exec)
            NoDisplay=true
            StartupNotify=false
            X-KDE-GlobalAccel-CommandShortcut=true
            X-Puzzel-Call-Command=\(command)

            """
        do {
            try FileManager.default.createDirectory(
                atPath: String(entryPath.prefix(upTo: entryPath.lastIndex(of: "/")!)), withIntermediateDirectories: true
            )
            try Data(entry.utf8).write(to: URL(fileURLWithPath: entryPath), options: .atomic)
        } catch {
            throw .toolFailed(tool: "puzzel-call", message: "cannot write \(entryPath): \(error)")
        }
        try writer.run(group + ["--key", "_launch", Self.qtKeys(keys)], missing: missing)
        return [
            "Added the keyboard shortcut \(Self.qtKeys(keys)) to Plasma's kglobalshortcutsrc, with \(entryPath) "
                + "that runs \(command); Plasma takes it up when you next log in"
        ]
    }

    func remove() throws(KeyboardShortcut.Failure) {
        try tool("write").run(group + ["--key", "_launch", "--delete"], missing: missing)
        try? FileManager.default.removeItem(atPath: entryPath)
    }

    private static let modifiers: [(gtk: [String], qt: String)] = [
        (["primary", "control", "ctrl", "ctl"], "Ctrl"), (["alt", "mod1"], "Alt"), (["shift"], "Shift"),
        (["super", "meta", "mod4"], "Meta"),
    ]

    /// A GTK accelerator as Qt writes the same keys: `<Shift><Super>c` → `Shift+Meta+C`.
    static func qtKeys(_ accelerator: String) -> String {
        let parts = accelerator.split(separator: ">").map { $0.drop { $0 == "<" } }
        let held = Set(parts.dropLast().map { $0.lowercased() })
        let key = parts.last.map(String.init) ?? ""
        let names = modifiers.filter { !held.isDisjoint(with: $0.gtk) }.map(\.qt)
        return (names + [key.count == 1 ? key.uppercased() : key]).joined(separator: "+")
    }

    /// Qt's keys as a GTK accelerator: `Shift+Meta+C` → `<Shift><Super>c`.
    static func gtkAccelerator(_ keys: String) -> String {
        let parts = keys.split(separator: "\t").first?.split(separator: "+").map(String.init) ?? []
        let held = parts.dropLast().map { name in
            switch name {
            case "Ctrl": "<Primary>"
            case "Meta": "<Super>"
            default: "<\(name)>"
            }
        }
        let key = parts.last ?? ""
        return held.joined() + (key.count == 1 ? key.lowercased() : key)
    }
}
