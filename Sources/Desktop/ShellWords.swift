/// A command line as GLib's `g_shell_parse_argv` reads it — words split at blanks, single and double quotes,
/// backslashes — which is how GNOME runs a custom keyboard shortcut's command. A path with a space, such as
/// an install prefix under `/home/Ola Nordmann`, must be quoted or it becomes two words.
package enum ShellWords {
    /// The arguments as one line that splits back into exactly them: a word of plain characters as it is, any
    /// other in single quotes, a `'` in it written `'\''`.
    package static func joined(_ arguments: [String]) -> String {
        arguments.map(quoted).joined(separator: " ")
    }

    private static func quoted(_ word: String) -> String {
        let isPlain = { (character: Character) in
            character.isASCII && (character.isLetter || character.isNumber || "_-./,:=+@%".contains(character))
        }
        if !word.isEmpty && word.allSatisfy(isPlain) { return word }
        return "'" + word.replacing("'", with: #"'\''"#) + "'"
    }

    /// The words of `line` as `g_shell_parse_argv` splits it; nil where it fails: an unfinished quote or
    /// escape, or no word at all.
    package static func split(_ line: String) -> [String]? {
        var words: [String] = []
        var word: String? = nil
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch character {
            case " ", "\t", "\n":
                if let finished = word { words.append(finished) }
                word = nil
            case "#" where word == nil:
                // A comment, to the end of the line.
                while let skipped = characters.next(), skipped != "\n" {}
            case "\\":
                guard let escaped = characters.next() else { return nil }
                if escaped != "\n" { word = (word ?? "") + String(escaped) }
            case "'":
                var quoted = ""
                while true {
                    guard let next = characters.next() else { return nil }
                    if next == "'" { break }
                    quoted.append(next)
                }
                word = (word ?? "") + quoted
            case "\"":
                var quoted = ""
                while true {
                    guard let next = characters.next() else { return nil }
                    if next == "\"" { break }
                    if next == "\\" {
                        guard let escaped = characters.next() else { return nil }
                        switch escaped {
                        case "\"", "\\", "$", "`": quoted.append(escaped)
                        case "\n": break
                        default: quoted += "\\" + String(escaped)
                        }
                    } else {
                        quoted.append(next)
                    }
                }
                word = (word ?? "") + quoted
            default:
                word = (word ?? "") + String(character)
            }
        }
        if let finished = word { words.append(finished) }
        return words.isEmpty ? nil : words
    }
}
