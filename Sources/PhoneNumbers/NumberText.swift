/// The character classes and text rules of libphonenumber's parser: which characters may appear in a number,
/// how extensions are written, and how letters and non-ASCII digits become digits.
enum NumberText {
    static func isPlus(_ scalar: Unicode.Scalar) -> Bool { scalar == "+" || scalar == "\u{FF0B}" }

    /// The value of any Unicode decimal digit (ASCII, full-width, Arabic-Indic, …), as Java's Character.digit.
    @inline(__always)
    static func digitValue(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value < 0x80 {
            return scalar.value >= 0x30 && scalar.value <= 0x39 ? UInt8(scalar.value - 0x30) : nil
        }
        return nonASCIIDigitValue(scalar)
    }

    /// Found in `decimalDigitZeros` rather than in the scalar's Unicode properties: the number matcher asks about every
    /// character of its candidates, and two property lookups cost more than everything else it does with most of them.
    @inline(never)
    private static func nonASCIIDigitValue(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        // Full-width digits are the ones most often met.
        if (0xFF10...0xFF19).contains(value) { return UInt8(value - 0xFF10) }
        // The last zero at or below the scalar, by binary search.
        var low = 0
        var high = decimalDigitZeros.count
        while low < high {
            let middle = (low + high) / 2
            if decimalDigitZeros[middle] <= value { low = middle + 1 } else { high = middle }
        }
        guard low > 0, value - decimalDigitZeros[low - 1] < 10 else { return nil }
        return UInt8(value - decimalDigitZeros[low - 1])
    }

    /// The zero of every run of ten decimal digits (general category Nd) above ASCII, as the standard library's
    /// Unicode tables have them; a test checks every scalar against those tables, so a newer Unicode's digits are
    /// noticed.
    private static let decimalDigitZeros: [UInt32] = [
        0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0,
        0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50,
        0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x10D40, 0x11066,
        0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730,
        0x118E0, 0x11950, 0x11BF0, 0x11C50, 0x11D50, 0x11DA0, 0x11DE0, 0x11F50, 0x16130, 0x16A60, 0x16AC0,
        0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0,
        0x1E5F1, 0x1E950, 0x1FBF0,
    ]

    /// Java's \p{L} or \p{N}: what libphonenumber keeps at the end of a number.
    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isASCIILetter(scalar) || ("0"..."9").contains(scalar) }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    /// libphonenumber's VALID_PUNCTUATION: dashes, spaces, dots, slashes, brackets, tildes and `x` (a carrier-code
    /// placeholder in Brazil), with their full-width forms.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x78, 0x58, 0x20, 0x28, 0x29, 0x2E, 0x5B, 0x5D, 0x2F, 0x7E: true  // - x X space ( ) . [ ] / ~
        case 0x2010...0x2015, 0x2212, 0x30FC, 0xFF0D...0xFF0F: true  // dashes, minus, prolonged sound mark, ／
        case 0x00A0, 0x00AD, 0x200B, 0x2060, 0x3000: true  // no-break, soft hyphen, zero-width, ideographic space
        case 0xFF08, 0xFF09, 0xFF3B, 0xFF3D, 0x2053, 0x223C, 0xFF5E: true  // full-width brackets, swung dashes
        default: false
        }
    }

    /// libphonenumber's VALID_PHONE_NUMBER: two digits alone, or `+` signs then at least three digits among
    /// punctuation and `*`, with letters allowed after the third digit, and then perhaps an extension.
    static func isViable(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        guard scalars.count >= 2 else { return false }
        if scalars.count == 2 && scalars.allSatisfy({ digitValue($0) != nil }) { return true }
        if hasThreeDigitsAmongPunctuation(scalars) { return true }
        guard let start = extensionStart(in: scalars) else { return false }
        return hasThreeDigitsAmongPunctuation(scalars[..<start.index])
    }

    private static func hasThreeDigitsAmongPunctuation(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        var digits = 0
        for scalar in scalars.drop(while: isPlus) {
            if digitValue(scalar) != nil {
                digits += 1
            } else if isASCIILetter(scalar) && !isPunctuation(scalar) {
                guard digits >= 3 else { return false }
            } else if !(isPunctuation(scalar) || scalar == "*") {
                return false
            }
        }
        return digits >= 3
    }

    /// Removes a trailing extension (` ext. 123`, ` x123`, ` #123`, `-503#`) and returns its digits, as
    /// libphonenumber does: only when the text before it is itself a viable number.
    static func removeExtension(from scalars: inout ArraySlice<Unicode.Scalar>) -> String? {
        guard let found = extensionStart(in: scalars), isViable(scalars[..<found.index]) else { return nil }
        scalars = scalars[..<found.index]
        return found.digits
    }

    /// The first position from which the rest of the text is an extension, with the extension's digits.
    private static func extensionStart(in scalars: ArraySlice<Unicode.Scalar>) -> (index: Int, digits: String)? {
        // Every extension form has a letter, `#` or `~`, or a character that lower-cases to the start of a
        // full-width or Cyrillic label: most numbers have none.
        guard scalars.contains(where: { isASCIILetter($0) || $0 == "#" || $0 == "~" || mayStartLabel($0) }) else {
            return nil
        }
        let lowered = scalars.map(lowercased)
        for start in lowered.indices where mayStartExtension(lowered[start]) {
            if let digits = ExtensionGrammar(lowered[start...]).digits() {
                return (scalars.startIndex + start, digits)
            }
        }
        return nil
    }

    /// What an extension's text starts with, lower-cased: `;ext=`, a separator before a label, the American form's
    /// `-` or space, or a label's first letter. Most characters of a number are none of these, and need no grammar run.
    private static func mayStartExtension(_ lowercased: Unicode.Scalar) -> Bool {
        switch lowercased.value {
        case 0x3B, 0x20, 0xA0, 0x09, 0x2C, 0x2D: true  // ; space no-break tab , -
        case 0x23, 0x7E, 0x69, 0xFF03, 0xFF5E, 0xFF49: true  // # ~ i ＃ ～ ｉ: the ambiguous labels and `int`
        default: mayStartExplicitLabel(lowercased)
        }
    }

    /// `e`, `x`, `ｅ`, `ｘ`, `д` or `a`, lower-cased: the letters the explicit labels (`ext`, `ｅｘｔ`, `доб`,
    /// `anexo` and their variants) start with.
    static func mayStartExplicitLabel(_ lowercased: Unicode.Scalar) -> Bool {
        switch lowercased.value {
        case 0x65, 0x78, 0xFF45, 0xFF58, 0x434, 0x61: true
        default: false
        }
    }

    /// İ, Д, д and the full-width ＃ Ｅ Ｉ Ｘ ｅ ｉ ｘ ～.
    private static func mayStartLabel(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x130, 0x414, 0x434, 0xFF03, 0xFF25, 0xFF29, 0xFF38, 0xFF45, 0xFF49, 0xFF58, 0xFF5E: true
        default: false
        }
    }

    private static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x80 {
            return (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
        }
        return scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }

    /// Whether libphonenumber reads the text as a vanity number (`1-800-FLOWERS`): it has three or more ASCII letters.
    static func isVanity(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        scalars.lazy.filter(isASCIILetter).prefix(3).count == 3
    }

    /// Whether the text holds an ASCII letter, `*` or `#`: most numbers hold none, and need no closer look.
    static func hasLettersOrKeys(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        for scalar in text where scalar.value < 0x80 {
            if (0x61...0x7A).contains(scalar.value | 0x20) || scalar == "*" || scalar == "#" { return true }
        }
        return false
    }

    /// Whether a number is a mask such as `+44 7736 2XXXX`, `1-800-XXX-XXXX` or `555-01##` rather than a number: once
    /// an extension (`x123`, `#123`) is set aside, its letters are all `X`, three or more (which the keypad would read
    /// as nines) or at its end; or two or more `*` or `#` in a row follow a digit. Brazil's `0xx` carrier-code slot is
    /// no mask, a lone `*` or `#` is judged by what it leaves (`hasKeyInPlaceOfADigit`), and service codes such as
    /// `*100#`, which start with `*` or `#`, are no phone numbers at all.
    static func isPlaceholder(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        var number = text.drop(while: { $0 == " " })
        while number.last == " " { number.removeLast() }
        _ = removeExtension(from: &number)
        let letters = number.filter(isASCIILetter)
        if !letters.isEmpty, letters.allSatisfy({ $0 == "x" || $0 == "X" }) {
            return letters.count >= 3 || number.last == "x" || number.last == "X"
        }
        guard let first = number.first, first != "*", first != "#" else { return false }
        let isMask = { (scalar: Unicode.Scalar) in scalar == "*" || scalar == "#" }
        let afterFirstDigit = number.drop(while: { digitValue($0) == nil })
        return zip(afterFirstDigit, afterFirstDigit.dropFirst()).contains { isMask($0) && isMask($1) }
    }

    /// Whether a single `*` or `#` stands between two digits, or a single `X` does in a number whose letters are all
    /// `X`: a key typed where a digit was masked (`+44 20 7946 0#58`, `+4722X23456`). Such a key also reads as a
    /// separator (`+47*22123456`) or as the start of an extension (`0958#123`), so the reader judges it by what it
    /// leaves: a number outside its region's ranges was masked. Runs of keys are `isPlaceholder`'s; a service code
    /// (`*21*…#`) starts with its key and is no number to judge.
    static func hasKeyInPlaceOfADigit(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        let number = text.drop(while: { $0 == " " })
        guard let first = number.first, first != "*", first != "#" else { return false }
        let lettersAreMasks = number.allSatisfy { !isASCIILetter($0) || $0 == "x" || $0 == "X" }
        let isKey = { (scalar: Unicode.Scalar) in
            scalar == "*" || scalar == "#" || (lettersAreMasks && (scalar == "x" || scalar == "X"))
        }
        return number.indices.dropFirst().dropLast().contains { index in
            isKey(number[index]) && digitValue(number[index - 1]) != nil && digitValue(number[index + 1]) != nil
        }
    }

    /// Whether a `callto:` number holds letters, an extension set aside: the link names a Skype user. (`x`, which
    /// libphonenumber counts as punctuation, alone does not.)
    static func hasNameLetters(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        var number = text
        _ = removeExtension(from: &number)
        return number.contains { isASCIILetter($0) && !isPunctuation($0) }
    }

    /// libphonenumber's normalize: a vanity number's letters are read on the E.161 keypad (ABC→2 … WXYZ→9; other
    /// characters are dropped); otherwise every decimal digit becomes ASCII and everything else is dropped.
    static func normalize(_ scalars: ArraySlice<Unicode.Scalar>) -> [UInt8] {
        var digits: [UInt8] = []
        digits.reserveCapacity(scalars.count)
        if isVanity(scalars) {
            for scalar in scalars {
                if (0x30...0x39).contains(scalar.value) {
                    digits.append(UInt8(scalar.value))
                } else if isASCIILetter(scalar) {
                    digits.append(keypadDigit(scalar))
                }
            }
        } else {
            for scalar in scalars {
                if let value = digitValue(scalar) { digits.append(UInt8(ascii: "0") + value) }
            }
        }
        return digits
    }

    /// The ITU E.161 key of a letter.
    private static func keypadDigit(_ letter: Unicode.Scalar) -> UInt8 {
        let index = Int((letter.value | 0x20) - 0x61)  // a = 0
        let keys: [UInt8] = Array("22233344455566677778889999".utf8)
        return keys[index]
    }
}

/// libphonenumber's extension patterns for parsing, matched from a start position to the end of the text (the text
/// is lower-cased first, as the patterns are case-insensitive). The `;ext=`, `;` and `,` forms never reach this: the
/// link reader takes `;` parameters and `,` pauses apart first.
private struct ExtensionGrammar {
    private var text: ArraySlice<Unicode.Scalar>

    init(_ text: ArraySlice<Unicode.Scalar>) { self.text = text }

    /// Explicit labels allow 20 digits: `ext`, `extn`, `extension`, `extensión` (also with a combining accent),
    /// full-width `ｅｘｔｎ`, Russian `доб`, Portuguese `anexo`; an optional leading `e` is part of the grammar.
    private static let explicitLabels: [[Unicode.Scalar]] = {
        var labels: [String] = []
        for start in ["ext", "xt"] {
            for middle in ["", "ensio", "ensio\u{301}", "ensi\u{F3}"] {
                for end in ["", "n"] { labels.append(start + middle + end) }
            }
        }
        labels += [
            "\u{FF45}\u{FF58}\u{FF54}", "\u{FF58}\u{FF54}", "\u{FF45}\u{FF58}\u{FF54}\u{FF4E}",
            "\u{FF58}\u{FF54}\u{FF4E}", "\u{434}\u{43E}\u{431}", "anexo",
        ]
        return labels.map { Array($0.unicodeScalars) }
    }()

    /// Ambiguous labels allow 9 digits: `x`, `#`, `~`, `int` and their full-width forms.
    private static let ambiguousLabels: [[Unicode.Scalar]] = [
        "x", "\u{FF58}", "#", "\u{FF03}", "~", "\u{FF5E}", "int",
        "\u{FF49}\u{FF4E}\u{FF54}",
    ].map { Array($0.unicodeScalars) }

    func digits() -> String? {
        rfc3966() ?? labelled(by: Self.explicitLabels, maximumDigits: 20)
            ?? labelled(by: Self.ambiguousLabels, maximumDigits: 9) ?? americanStyle()
    }

    /// RFC 3966's `;ext=` and 1…20 digits: links have it taken apart first, but text found by the number matcher
    /// keeps it.
    private func rfc3966() -> String? {
        let label = Array(";ext=".unicodeScalars)
        guard text.starts(with: label) else { return nil }
        return Self.trailingDigits(text.dropFirst(label.count), maximum: 20, hashRequired: false, hashAllowed: false)
    }

    /// `[ \t,]*` label `[:.]?[ \t,-]*` digits `#?`
    private func labelled(by labels: [[Unicode.Scalar]], maximumDigits: Int) -> String? {
        let afterSeparators = text.drop(while: { $0 == " " || $0 == "\u{A0}" || $0 == "\t" || $0 == "," })
        for label in labels where afterSeparators.starts(with: label) {
            var rest = afterSeparators.dropFirst(label.count)
            if let first = rest.first, first == ":" || first == "." || first == "\u{FF0E}" { rest = rest.dropFirst() }
            rest = rest.drop(while: { $0 == " " || $0 == "\u{A0}" || $0 == "\t" || $0 == "," || $0 == "-" })
            if let digits = Self.trailingDigits(rest, maximum: maximumDigits, hashRequired: false) { return digits }
        }
        return nil
    }

    /// The US style `- 503#`: separators, up to six digits and a closing `#`.
    private func americanStyle() -> String? {
        let rest = text.drop(while: { $0 == "-" || $0 == " " })
        guard rest.count < text.count else { return nil }
        return Self.trailingDigits(rest, maximum: 6, hashRequired: true)
    }

    /// `text` as 1…maximum decimal digits and a `#` (optional unless required), to the end.
    private static func trailingDigits(
        _ text: ArraySlice<Unicode.Scalar>, maximum: Int, hashRequired: Bool, hashAllowed: Bool = true
    ) -> String? {
        var body = text
        if hashAllowed, body.last == "#" {
            body.removeLast()
        } else if hashRequired {
            return nil
        }
        guard (1...maximum).contains(body.count) else { return nil }
        var digits = ""
        for scalar in body {
            guard let value = NumberText.digitValue(scalar) else { return nil }
            digits.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + value))
        }
        return digits
    }
}
