/// The languages puzzel-call speaks to an agent: those of Puzzel's own markets. What machines read
/// (`--json`, the history's outcome codes, exit statuses) stays English whatever the language.
package enum Language: String, CaseIterable, Sendable {
    case english = "en"
    /// Norwegian Bokmål; Nynorsk (`nn`) and the plain `no` fall back to it.
    case norwegian = "nb"
    case swedish = "sv"
    case danish = "da"
    case finnish = "fi"

    /// The agent's language, as gettext chooses one: the first supported entry of `LANGUAGE` (a colon-separated
    /// list), else the language of `LC_ALL`, `LC_MESSAGES` or `LANG`, the first of them that is set. English
    /// when none is supported, and for the `C` and `POSIX` locales, where gettext ignores `LANGUAGE` too.
    package static func preferred(in environment: [String: String]) -> Language {
        let locale = LocaleName.messages(in: environment)
        guard let locale, !locale.isPlain else { return .english }
        let wanted = (environment["LANGUAGE"] ?? "").split(separator: ":").map { LocaleName(String($0)) } + [locale]
        return wanted.lazy.compactMap(\.supportedLanguage).first ?? .english
    }

    /// The agent's language as above; but where the environment names none (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`
    /// and `LANG` unset, or `C` or `POSIX`), the session's: `session` gives the locale variables of each place the
    /// session keeps them, first to last, and the first that names a language is taken. A link opened through
    /// the desktop portal runs with the portal's environment, not the agent's session.
    package static func preferred(
        in environment: [String: String], session: () -> some Sequence<[String: String]>
    ) -> Language {
        if namesALanguage(environment) { return preferred(in: environment) }
        return session().first(where: namesALanguage).map(preferred(in:)) ?? .english
    }

    /// Whether any variable that chooses the language of messages is set to something other than `C` or `POSIX`.
    static func namesALanguage(_ variables: [String: String]) -> Bool {
        ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"].contains { name in
            guard let value = variables[name], !value.isEmpty else { return false }
            return !LocaleName(String(value.prefix { $0 != ":" })).isPlain
        }
    }
}

/// A POSIX locale name, `language[_TERRITORY][.codeset][@modifier]`: `nb_NO.UTF-8`, `en_US`, `C`.
struct LocaleName {
    let language: String
    let territory: String?

    init(_ name: String) {
        let base = name.split(separator: "@", maxSplits: 1).first.map { $0.split(separator: ".").first ?? $0 } ?? ""
        let parts = base.split(separator: "_", maxSplits: 1)
        language = parts.first.map { $0.lowercased() } ?? ""
        territory = parts.count > 1 ? parts[1].uppercased() : nil
    }

    /// The locale of messages: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set.
    static func messages(in environment: [String: String]) -> LocaleName? {
        named(in: environment, by: ["LC_ALL", "LC_MESSAGES", "LANG"])
    }

    /// The locale of dates and times: the first of `LC_ALL`, `LC_TIME` and `LANG` that is set.
    static func time(in environment: [String: String]) -> LocaleName? {
        named(in: environment, by: ["LC_ALL", "LC_TIME", "LANG"])
    }

    private static func named(in environment: [String: String], by variables: [String]) -> LocaleName? {
        variables.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }.map(LocaleName.init)
    }

    /// `C` or `POSIX`: no language at all.
    var isPlain: Bool { language == "c" || language == "posix" }

    /// The supported language this locale speaks, if any.
    var supportedLanguage: Language? {
        switch language {
        case "nb", "nn", "no": .norwegian
        default: Language(rawValue: language)
        }
    }
}
