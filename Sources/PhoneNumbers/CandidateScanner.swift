/// Finds the stretches of text that may hold a phone number, as libphonenumber's matcher's candidate expression
/// does: at most two leads (`(`, `[`, `+`, each followed by up to four punctuation marks), then up to 21 blocks of
/// at most 20 digits separated by at most four punctuation marks, then perhaps an extension (`ext. 12`, `x12`,
/// `;ext=12`, `- 503#`). The expression is scanned by hand: it runs over all the text, and a general matcher
/// would cost more than everything else the matcher does.
struct CandidateScanner {
    typealias Text = [Unicode.Scalar]

    /// libphonenumber's longest national number (17) and longest calling code (3): a block may hold them all.
    private static let digitBlockLimit = 20
    private static let punctuationLimit = 4

    let text: Text

    /// The leftmost candidate that starts at or after `start`.
    func candidate(from start: Int) -> Range<Int>? {
        var position = start
        while position < text.count {
            let scalar = text[position]
            if TextClass.isDigit(scalar) { return position..<end(ofNumberAt: position) }
            if TextClass.isLead(scalar), let digits = firstDigit(afterLeadAt: position) {
                return position..<end(ofNumberAt: digits)
            }
            position += 1
        }
        return nil
    }

    /// The first digit when `(?:lead punctuation{0,4}){1,2}` leads from `start` to it; nil otherwise.
    private func firstDigit(afterLeadAt start: Int) -> Int? {
        let longestLead = 2 * (1 + Self.punctuationLimit)
        var position = start + 1
        while position < text.count, !TextClass.isDigit(text[position]) {
            let scalar = text[position]
            guard position - start < longestLead, TextClass.isLead(scalar) || NumberText.isPunctuation(scalar) else {
                return nil
            }
            position += 1
        }
        guard position < text.count else { return nil }
        let between = (start + 1)..<position
        func isPunctuation(_ range: Range<Int>) -> Bool {
            range.count <= Self.punctuationLimit && range.allSatisfy { NumberText.isPunctuation(text[$0]) }
        }
        if isPunctuation(between) { return position }
        let secondLead = between.first { index in
            TextClass.isLead(text[index]) && isPunctuation(between.lowerBound..<index)
                && isPunctuation((index + 1)..<between.upperBound)
        }
        return secondLead == nil ? nil : position
    }

    /// Where the digit blocks that start at `start` end, with the extension after them if there is one.
    private func end(ofNumberAt start: Int) -> Int {
        var position = start + digitRun(at: start, atMost: Self.digitBlockLimit)
        for _ in 0..<Self.digitBlockLimit {
            var next = position
            while next < text.count, next - position <= Self.punctuationLimit, NumberText.isPunctuation(text[next]) {
                next += 1
            }
            guard next - position <= Self.punctuationLimit, next < text.count, TextClass.isDigit(text[next]) else {
                break
            }
            position = next + digitRun(at: next, atMost: Self.digitBlockLimit)
        }
        return ExtensionScanner(text: text).end(ofExtensionAt: position) ?? position
    }

    private func digitRun(at start: Int, atMost limit: Int) -> Int {
        CandidateScanner.digitRun(in: text, at: start, atMost: limit)
    }

    /// How many digits follow `start`, counted up to `limit` and no further: a candidate reads at most a
    /// block's worth, and counting the whole run each time would make a long run of digits cost the square
    /// of its length.
    static func digitRun(in text: Text, at start: Int, atMost limit: Int) -> Int {
        var end = start
        while end < text.count, end - start < limit, TextClass.isDigit(text[end]) { end += 1 }
        return end - start
    }
}

/// libphonenumber's extension forms for finding numbers, case-insensitive, in its order: `;ext=` and 20 digits, an
/// explicit label (`ext`, `extension`, `extn`, `ｅｘｔ`, `доб`, `anexo`) and 20 digits, an ambiguous label (`x`, `#`,
/// `~`, `int`) and 9 digits, or the American `- 503#`.
private struct ExtensionScanner {
    let text: CandidateScanner.Text

    private static let explicitDigits = 20
    private static let ambiguousDigits = 9
    private static let americanDigits = 6

    func end(ofExtensionAt start: Int) -> Int? {
        if let end = rfc3966(at: start) { return end }
        let label = skip(from: start, while: Self.isSeparatorBeforeLabel)
        for labelEnd in explicitLabelEnds(at: label) {
            if let end = digitsAfterLabel(at: labelEnd, maximum: Self.explicitDigits) { return end }
        }
        if let labelEnd = ambiguousLabelEnd(at: label),
            let end = digitsAfterLabel(at: labelEnd, maximum: Self.ambiguousDigits)
        {
            return end
        }
        return americanStyle(at: start)
    }

    private func rfc3966(at start: Int) -> Int? {
        guard let digits = word(";ext=", at: start) else { return nil }
        let count = digitRun(at: digits, atMost: Self.explicitDigits)
        return count > 0 ? digits + count : nil
    }

    /// Where each way of reading `e?xt(?:ensi(?:o\u0301?|ó))?n?`, `ｅ?ｘｔｎ?`, `доб` or `anexo` at `start` ends, in
    /// the order a backtracking matcher tries them.
    private func explicitLabelEnds(at start: Int) -> [Int] {
        // Most numbers are followed by no label at all: they need no list of ends built.
        guard start < text.count, NumberText.mayStartExplicitLabel(TextClass.lowercased(text[start])) else { return [] }
        var ends: [Int] = []
        for afterE in [word("e", at: start), start].compactMap({ $0 }) {
            guard let afterXT = word("xt", at: afterE) else { continue }
            var middles: [Int] = []
            if let afterEnsi = word("ensi", at: afterXT) {
                if let afterO = word("o", at: afterEnsi) {
                    if let accent = word("\u{301}", at: afterO) { middles.append(accent) }
                    middles.append(afterO)
                }
                if let afterAcute = word("\u{F3}", at: afterEnsi) { middles.append(afterAcute) }
            }
            middles.append(afterXT)
            for middle in middles { ends += [word("n", at: middle), middle].compactMap { $0 } }
        }
        for afterE in [word("\u{FF45}", at: start), start].compactMap({ $0 }) {
            guard let afterXT = word("\u{FF58}\u{FF54}", at: afterE) else { continue }
            ends += [word("\u{FF4E}", at: afterXT), afterXT].compactMap { $0 }
        }
        ends += [word("\u{434}\u{43E}\u{431}", at: start), word("anexo", at: start)].compactMap { $0 }
        return ends
    }

    private func ambiguousLabelEnd(at start: Int) -> Int? {
        guard start < text.count else { return nil }
        if "x\u{FF58}#\u{FF03}~\u{FF5E}".unicodeScalars.contains(TextClass.lowercased(text[start])) { return start + 1 }
        return word("int", at: start) ?? word("\u{FF49}\u{FF4E}\u{FF54}", at: start)
    }

    /// `[:.．]?[ \u00A0\t,-]*` then 1…maximum digits and perhaps `#`.
    private func digitsAfterLabel(at start: Int, maximum: Int) -> Int? {
        var position = start
        if position < text.count, ":.\u{FF0E}".unicodeScalars.contains(text[position]) { position += 1 }
        position = skip(from: position, while: Self.isSeparatorAfterLabel)
        let count = digitRun(at: position, atMost: maximum)
        guard count > 0 else { return nil }
        position += count
        return position < text.count && text[position] == "#" ? position + 1 : position
    }

    /// `[- ]+` then at most six digits and `#`.
    private func americanStyle(at start: Int) -> Int? {
        let digits = skip(from: start, while: { $0 == "-" || $0 == " " })
        // One digit past the most, to tell a run that is too long.
        let count = digitRun(at: digits, atMost: Self.americanDigits + 1)
        guard digits > start, (1...Self.americanDigits).contains(count), digits + count < text.count,
            text[digits + count] == "#"
        else { return nil }
        return digits + count + 1
    }

    private static func isSeparatorBeforeLabel(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{A0}" || scalar == "\t" || scalar == ","
    }

    private static func isSeparatorAfterLabel(_ scalar: Unicode.Scalar) -> Bool {
        isSeparatorBeforeLabel(scalar) || scalar == "-"
    }

    /// The end of `word` when the text at `start` is it, ignoring case.
    private func word(_ word: String, at start: Int) -> Int? {
        var position = start
        for scalar in word.unicodeScalars {
            guard position < text.count, TextClass.lowercased(text[position]) == scalar else { return nil }
            position += 1
        }
        return position
    }

    private func skip(from start: Int, while test: (Unicode.Scalar) -> Bool) -> Int {
        var position = start
        while position < text.count, test(text[position]) { position += 1 }
        return position
    }

    private func digitRun(at start: Int, atMost limit: Int) -> Int {
        CandidateScanner.digitRun(in: text, at: start, atMost: limit)
    }
}
