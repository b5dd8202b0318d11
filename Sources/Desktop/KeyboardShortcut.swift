import SystemSupport

/// The custom keyboard shortcut that runs `puzzel-call selection`, kept where the desktop keeps its own: GNOME's
/// and Cinnamon's custom keybindings and MATE's window manager commands (gsettings), Xfce's keyboard shortcuts
/// (xfconf), Plasma's global shortcuts (kglobalaccel's `kglobalshortcutsrc` and a desktop entry). Elsewhere,
/// and where the desktop's tool is missing, it writes nothing and says which command line to bind.
package struct KeyboardShortcut: Sendable {
    /// Shift+Super+C ("call"): free in GNOME's, Cinnamon's, MATE's, Xfce's and Plasma's default shortcuts.
    package static let defaultKeys = "<Shift><Super>c"
    /// The name every desktop shows for it.
    static let name = "Puzzel Call: call the selected number"

    package enum Failure: Error, Equatable, CustomStringConvertible {
        /// The desktop's settings or the tool that writes them are not there.
        case notAvailable(String)
        case toolFailed(tool: String, message: String)

        package var description: String {
            switch self {
            case .notAvailable(let what): "\(what) not available"
            case .toolFailed(let tool, let message): "\(tool) failed: \(message)"
            }
        }
    }

    /// A shortcut as it is set.
    package struct Binding: Sendable, Equatable {
        package let keys: String
        /// The command line as the desktop keeps it.
        package let command: String

        /// The command's words as the desktop splits them to run it; nil when it cannot.
        package var arguments: [String]? { ShellWords.split(command) }
    }

    /// The desktops whose shortcuts puzzel-call writes, as `XDG_CURRENT_DESKTOP` names them.
    package enum Desktop: Equatable, Sendable {
        case gnome, cinnamon, plasma, xfce, mate
        /// Another desktop, by the name it gives.
        case other(String)

        /// The desktop of `XDG_CURRENT_DESKTOP` (a colon-separated list, most specific first: `ubuntu:GNOME`);
        /// GNOME when it is not set, as puzzel-call assumed before it knew other desktops.
        init(environment: [String: String]) {
            let names = (environment["XDG_CURRENT_DESKTOP"] ?? "").split(separator: ":").map(String.init)
            let known: [(String, Desktop)] = [
                ("x-cinnamon", .cinnamon), ("cinnamon", .cinnamon), ("kde", .plasma), ("xfce", .xfce),
                ("mate", .mate), ("gnome", .gnome), ("unity", .gnome), ("budgie", .gnome), ("pantheon", .gnome),
            ]
            if names.isEmpty {
                self = .gnome
            } else {
                self =
                    names.lazy.compactMap { name in known.first { $0.0 == name.lowercased() }?.1 }.first
                    ?? .other(names[0])
            }
        }

        package var name: String {
            switch self {
            case .gnome: "GNOME"
            case .cinnamon: "Cinnamon"
            case .plasma: "KDE Plasma"
            case .xfce: "Xfce"
            case .mate: "MATE"
            case .other(let name): name
            }
        }
    }

    package let desktop: Desktop
    private let store: (any ShortcutStore)?

    package init(environment: [String: String]) {
        desktop = Desktop(environment: environment)
        store =
            switch desktop {
            case .gnome: GSettingsShortcut.gnome(environment)
            case .cinnamon: GSettingsShortcut.cinnamon(environment)
            case .mate: MarcoShortcut(gsettings: GSettings(environment: environment))
            case .xfce: XfceShortcut(environment: environment)
            case .plasma: PlasmaShortcut(environment: environment)
            case .other: nil
            }
    }

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

    /// Sets the shortcut to run `arguments` on `keys` (a GTK accelerator); returns what was done. Where no
    /// shortcut can be written, what to bind instead.
    package func install(keys: String, arguments: [String]) throws(Failure) -> [String] {
        // Each desktop splits the command as a shell would: a path with a space must be quoted.
        let command = ShellWords.joined(arguments)
        guard let store else { return Self.bindByHand(keys: keys, command: command, because: "\(desktop.name)") }
        do {
            let current = try store.current()
            let steps = try store.set(keys: keys, command: command, arguments: arguments)
            if let current, current == (try store.current()) {
                return ["The keyboard shortcut \(current.keys) already runs \(command)"]
            }
            return steps
        } catch .notAvailable(let what) {
            return Self.bindByHand(keys: keys, command: command, because: "\(desktop.name): \(what) not available")
        }
    }

    /// What to do where puzzel-call cannot write the shortcut itself: the exact command line to bind.
    private static func bindByHand(keys: String, command: String, because reason: String) -> [String] {
        [
            "No keyboard shortcut was written (\(reason)): in your desktop's keyboard settings, add a custom "
                + "shortcut on \(keys) that runs this command:",
            "    \(command)",
        ]
    }

    /// Removes the shortcut, if there is one; returns what was done.
    package func uninstall() throws(Failure) -> [String] {
        guard let store, try store.current() != nil else { return [] }
        try store.remove()
        return ["Removed the \(desktop.name) keyboard shortcut"]
    }

    /// The shortcut as set; nil when there is none.
    package func current() throws(Failure) -> Binding? {
        guard let store else { throw .notAvailable("keyboard settings puzzel-call can read on \(desktop.name)") }
        return try store.current()
    }
}

/// Where one desktop keeps puzzel-call's custom shortcut.
protocol ShortcutStore: Sendable {
    /// The shortcut as set, its keys as a GTK accelerator; nil when there is none.
    func current() throws(KeyboardShortcut.Failure) -> KeyboardShortcut.Binding?
    /// Sets it; returns what was done.
    func set(keys: String, command: String, arguments: [String]) throws(KeyboardShortcut.Failure) -> [String]
    func remove() throws(KeyboardShortcut.Failure)
}

/// A desktop's settings tool, run with an argument vector.
struct SettingsTool: Sendable {
    let program: String
    let environment: [String: String]

    /// Runs the tool; its output, trimmed. `missing` names what is not available when the tool is not installed.
    @discardableResult
    func run(_ arguments: [String], missing: String) throws(KeyboardShortcut.Failure) -> String {
        let output: Subprocess.Output
        do {
            output = try Subprocess.run(program, arguments, environment: environment, timeout: .seconds(10))
        } catch {
            throw .notAvailable(missing)
        }
        guard output.succeeded else {
            throw .toolFailed(tool: program, message: output.standardErrorText.trimmed)
        }
        return output.standardOutputText.trimmed
    }

    /// Runs the tool; nil when it exits unsuccessfully (a property that is not set).
    func read(_ arguments: [String], missing: String) throws(KeyboardShortcut.Failure) -> String? {
        do { return try run(arguments, missing: missing) } catch .toolFailed { return nil }
    }
}
