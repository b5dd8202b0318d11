import FoundationEssentials
import Glibc
import SystemSupport

/// The locale the user chose for their desktop session, for a process whose environment names none: a link
/// opened through the desktop portal runs with the portal's environment, which may have no `LANG` at all, while
/// the agent's session is Norwegian. Read where the desktop keeps it, the first that names a language:
///
/// 1. AccountsService on the system bus (the language GNOME's, KDE's and most login screens' settings set),
/// 2. the user's `locale.conf` (`$XDG_CONFIG_HOME/locale.conf`, systemd's per-user locale),
/// 3. the system's: `/etc/locale.conf`, and Debian's `/etc/default/locale`.
package struct SessionLocale {
    /// Where the system bus listens: `DBUS_SYSTEM_BUS_ADDRESS`, else its well-known socket.
    let systemBus: String
    /// The files read after AccountsService, in order.
    let files: [String]
    let userID: UInt32

    /// - Parameter root: where the system's files are looked for; `/` but in tests.
    package init(environment: [String: String], root: String = "/", userID: UInt32 = getuid()) {
        systemBus = environment["DBUS_SYSTEM_BUS_ADDRESS"] ?? "unix:path=/run/dbus/system_bus_socket"
        let configHome = XDGDirectories(environment: environment).configHome
        let root = root.hasSuffix("/") ? String(root.dropLast()) : root
        files = ["\(configHome)/locale.conf", "\(root)/etc/locale.conf", "\(root)/etc/default/locale"]
        self.userID = userID
    }

    /// The locale variables (`LANG`, `LANGUAGE`, `LC_MESSAGES`) of each place, first to last, each read only when
    /// the one before named no language: AccountsService's answer as `LANG`, waited for until `deadline` at most,
    /// then each file's. A place that has none gives an empty dictionary.
    package func candidates(deadline: Date) -> some Sequence<[String: String]> {
        ([nil] + files.map(Optional.some)).lazy.map { file in
            guard let file else { return accountsServiceLanguage(deadline: deadline).map { ["LANG": $0] } ?? [:] }
            return Self.variables(ofLocaleFile: file)
        }
    }

    /// The `Language` property of this user's AccountsService object: its locale (`nb_NO.UTF-8`), empty when the
    /// user never chose one; nil when AccountsService is not there or does not answer.
    func accountsServiceLanguage(deadline: Date) -> String? {
        guard let bus = try? SessionBus(address: systemBus, deadline: deadline),
            case .objectPath(let user)? = try? bus.call(
                destination: "org.freedesktop.Accounts", path: "/org/freedesktop/Accounts",
                interface: "org.freedesktop.Accounts", method: "FindUserById", [.int64(Int64(userID))],
                deadline: deadline
            ).arguments.first,
            case .string(let language)? = try? bus.call(
                destination: "org.freedesktop.Accounts", path: user, interface: "org.freedesktop.DBus.Properties",
                method: "Get", [.string("org.freedesktop.Accounts.User"), .string("Language")], deadline: deadline
            ).arguments.first
        else { return nil }
        return language
    }

    /// A `locale.conf`'s assignments, `KEY=value` a line, the value perhaps quoted; `#` starts a comment.
    static func variables(ofLocaleFile path: String) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var variables: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let line = line.drop { $0 == " " || $0 == "\t" }
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            var value = line[line.index(after: equals)...].drop { $0 == " " }
            while value.last == " " || value.last == "\t" { value = value.dropLast() }
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = value.dropFirst().dropLast()
            }
            var name = line[..<equals]
            while name.last == " " || name.last == "\t" { name = name.dropLast() }
            variables[String(name)] = String(value)
        }
        return variables
    }
}
