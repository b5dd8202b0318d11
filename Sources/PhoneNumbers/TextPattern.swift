/// The character classes libphonenumber's matcher uses on free text, as the `phonenumbers` package (the reference
/// this matcher is tested against) evaluates them.
enum TextClass {
    @inline(__always)
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { NumberText.digitValue(scalar) != nil }

    /// Python's `\s`: Unicode white space, and the information separators U+001C…U+001F.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            return scalar == " " || (0x09...0x0D).contains(scalar.value) || (0x1C...0x1F).contains(scalar.value)
        }
        return scalar.properties.isWhitespace
    }

    /// Python's `\w` without the underscore: a letter or any kind of number.
    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return NumberText.isLetterOrNumber(scalar) }
        return isLetter(scalar) || scalar.properties.numericType != nil
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    /// A letter (or combining mark) of the Latin blocks: a number glued to one is part of a word (`abc8005001234`).
    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        guard isLetter(scalar) || scalar.properties.generalCategory == .nonspacingMark else { return false }
        switch scalar.value {
        case 0x0000...0x024F, 0x0300...0x036F, 0x1E00...0x1EFF: return true
        default: return false
        }
    }

    /// `%` and currency signs: digits next to them are an amount, not a number.
    static func isAmountSign(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "%" || scalar.properties.generalCategory == .currencySymbol
    }

    static func isOpeningBracket(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "(" || scalar == "[" || scalar == "\u{FF08}" || scalar == "\u{FF3B}"
    }

    static func isClosingBracket(_ scalar: Unicode.Scalar) -> Bool {
        scalar == ")" || scalar == "]" || scalar == "\u{FF09}" || scalar == "\u{FF3D}"
    }

    /// What may come before the first digit of a number: an opening bracket or a plus sign.
    static func isLead(_ scalar: Unicode.Scalar) -> Bool { isOpeningBracket(scalar) || NumberText.isPlus(scalar) }

    /// The simple lower-case form, for the case-insensitive extension labels.
    static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x80 {
            return (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
        }
        return scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }
}

/// A regular expression built from parts, matched by backtracking over Unicode scalars: the few fixed expressions
/// libphonenumber's matcher checks a candidate against (dates, time stamps, brackets, page ranges). Candidates are
/// short, so a plain recursive matcher is fast enough and gives the leftmost, greedy-first answers of the reference.
indirect enum TextPattern: Sendable {
    case scalar(@Sendable (Unicode.Scalar) -> Bool)
    case sequence([TextPattern])
    case alternatives([TextPattern])
    /// Greedy repetition.
    case repeated(TextPattern, min: Int, max: Int)
    /// `$`: the end of the text.
    case end

    static let digit = TextPattern.scalar(TextClass.isDigit)
    static let space = TextPattern.scalar(TextClass.isSpace)

    static func literal(_ character: Unicode.Scalar) -> TextPattern { .scalar { $0 == character } }

    /// An ASCII class such as `[0-3]` or `[-/]`.
    static func oneOf(_ characters: String) -> TextPattern {
        let set = Array(characters.unicodeScalars)
        return .scalar { set.contains($0) }
    }

    static func optional(_ pattern: TextPattern) -> TextPattern { .repeated(pattern, min: 0, max: 1) }
    static func oneOrMore(_ pattern: TextPattern) -> TextPattern { .repeated(pattern, min: 1, max: .max) }

    /// Whether the pattern matches all of `text`.
    func matchesWhole(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        match(text, at: text.startIndex) { $0 == text.endIndex }
    }

    /// Whether the pattern matches somewhere in `text`.
    func occurs(in text: ArraySlice<Unicode.Scalar>) -> Bool {
        text.indices.contains { start in match(text, at: start) { _ in true } }
    }

    private func match(_ text: ArraySlice<Unicode.Scalar>, at position: Int, then rest: (Int) -> Bool) -> Bool {
        switch self {
        case .scalar(let test):
            return position < text.endIndex && test(text[position]) && rest(position + 1)
        case .sequence(let items):
            return Self.match(items[...], text, at: position, then: rest)
        case .alternatives(let branches):
            return branches.contains { $0.match(text, at: position, then: rest) }
        case .repeated(let inner, let min, let max):
            return inner.repeatMatch(text, at: position, count: 0, min: min, max: max, then: rest)
        case .end:
            return position == text.endIndex && rest(position)
        }
    }

    private static func match(
        _ items: ArraySlice<TextPattern>, _ text: ArraySlice<Unicode.Scalar>, at position: Int,
        then rest: (Int) -> Bool
    ) -> Bool {
        guard let first = items.first else { return rest(position) }
        return first.match(text, at: position) { match(items.dropFirst(), text, at: $0, then: rest) }
    }

    private func repeatMatch(
        _ text: ArraySlice<Unicode.Scalar>, at position: Int, count: Int, min: Int, max: Int,
        then rest: (Int) -> Bool
    ) -> Bool {
        func oneMore(_ next: Int) -> Bool {
            next > position && repeatMatch(text, at: next, count: count + 1, min: min, max: max, then: rest)
        }
        if count < max, match(text, at: position, then: oneMore) { return true }
        return count >= min && rest(position)
    }
}
