/// How sure the matcher must be that text is a phone number (libphonenumber's Leniency), from least to most strict.
package enum Leniency: String, Sendable, CaseIterable, Comparable {
    /// The number has a possible length.
    case possible
    /// The number is valid, and written with its national prefix where its country requires one.
    case valid
    /// Valid, and no digit group of the number as its country writes it is split by punctuation.
    case strictGrouping = "strict-grouping"
    /// Valid, and grouped exactly as its country (or one of its alternate formats) writes it.
    case exactGrouping = "exact-grouping"

    package static func < (left: Leniency, right: Leniency) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }
}

/// A phone number found in text.
package struct NumberMatch: Sendable, Equatable {
    /// Where the number starts in the text, in Unicode scalars.
    package let start: Int
    /// Where it ends (exclusive), in Unicode scalars.
    package let end: Int
    /// The text as written, libphonenumber's raw_string.
    package let raw: String
    package let number: PhoneNumber
}

/// Finds phone numbers in free text as libphonenumber's PhoneNumberMatcher (findNumbers) does, written from its
/// documented behaviour and checked against the `phonenumbers` package: candidates are stretches of digits and
/// punctuation; dates, time stamps, page ranges, unbalanced brackets and numbers glued to Latin letters, `%` or a
/// currency sign are skipped; a candidate that is not a number as a whole is searched for one inside; and each
/// number must satisfy the leniency.
package struct NumberMatcher: Sendable {
    /// The `phonenumbers` package's bound on the candidates tried (and failed) in one text.
    package static let defaultMaximumTries = 65_535

    package let leniency: Leniency
    package let maximumTries: Int
    private let parser: NumberParser

    /// - Parameters:
    ///   - defaultRegion: the region numbers written without their country code are read in (any case); nil or an
    ///     unknown code finds only numbers written with `+` and the country code.
    ///   - maximumTries: how many failed candidates are tried before the rest of the text is given up.
    package init(defaultRegion: String?, leniency: Leniency = .valid, maximumTries: Int = defaultMaximumTries) {
        let store = MetadataStore.shared
        let territory = defaultRegion.flatMap {
            NumberReader.isKnownRegion($0) ? store.territory(region: $0.uppercased()) : nil
        }
        parser = NumberParser(store: store, defaultTerritory: territory)
        self.leniency = leniency
        self.maximumTries = maximumTries
    }

    /// Every number in `text`, in order.
    package func matches(in text: String) -> [NumberMatch] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        // One scalar at a time: appending the view whole decodes the text twice, once to count it.
        for scalar in text.unicodeScalars { scalars.append(scalar) }
        var search = MatchSearch(text: scalars, parser: parser, leniency: leniency, triesLeft: maximumTries)
        var matches: [NumberMatch] = []
        var start = 0
        while let match = search.next(from: start) {
            matches.append(match)
            start = match.end
        }
        return matches
    }
}

/// One pass of the matcher over one text: the text, and the tries left.
private struct MatchSearch {
    let text: [Unicode.Scalar]
    let parser: NumberParser
    let leniency: Leniency
    var triesLeft: Int

    /// Dates such as `3/10/2011` or `08/31/95`.
    private static let slashSeparatedDate: TextPattern = {
        let dayThenMonth = TextPattern.Node.sequence([
            .optional(.oneOf("0123")), .digit, .oneOf("/"), .optional(.oneOf("01")), .digit,
        ])
        let monthThenDay = TextPattern.Node.sequence([
            .optional(.oneOf("01")), .digit, .oneOf("/"), .optional(.oneOf("0123")), .digit,
        ])
        return TextPattern(
            .sequence([
                .alternatives([dayThenMonth, monthThenDay]), .oneOf("/"),
                .optional(.sequence([.oneOf("12"), .digit])), .digit, .digit,
            ]))
    }()

    /// A date and an hour at the end of the candidate, `2012-01-02 08`, when minutes follow it.
    private static let timeStamp = TextPattern(
        .sequence([
            .oneOf("12"), .digit, .digit, .digit, .optional(.oneOf("-/")), .oneOf("01"), .digit,
            .optional(.oneOf("-/")), .oneOf("0123"), .digit, .oneOrMore(.oneOf(" ")), .oneOf("012"), .digit, .end,
        ]))

    /// Page ranges of publications, `211-227 (2003)`.
    private static let publicationPages = TextPattern(
        .sequence([
            .repeated(.digit, min: 1, max: 5), .oneOrMore(.oneOf("-")), .repeated(.digit, min: 1, max: 5),
            .repeated(.space, min: 0, max: 4), .oneOf("("), .repeated(.digit, min: 1, max: 4),
        ]))

    mutating func next(from start: Int) -> NumberMatch? {
        let scanner = CandidateScanner(text: text)
        var index = start
        while triesLeft > 0, let found = scanner.candidate(from: index) {
            let candidate = trimmedBeforeSecondNumber(found)
            if !candidate.isEmpty {
                if let match = match(in: candidate) { return match }
                triesLeft -= 1
            }
            index = candidate.upperBound
        }
        return nil
    }

    /// `(530) 583-6985 x302/x2303` is two numbers: the candidate ends before the second's `/x` or `\x`.
    private func trimmedBeforeSecondNumber(_ candidate: Range<Int>) -> Range<Int> {
        for index in candidate where text[index] == "/" || text[index] == "\\" {
            var next = index + 1
            while next < candidate.upperBound, text[next] == " " { next += 1 }
            if next < candidate.upperBound, text[next] == "x" { return candidate.lowerBound..<index }
        }
        return candidate
    }

    private mutating func match(in candidate: Range<Int>) -> NumberMatch? {
        let scalars = text[candidate]
        // The expressions run only where the characters they need are there: most candidates have none of them.
        if scalars.contains("/"), Self.slashSeparatedDate.occurs(in: scalars) { return nil }
        if isMinutes(at: candidate.upperBound), Self.timeStamp.occurs(in: scalars) { return nil }
        return parseAndVerify(candidate) ?? innerMatch(in: candidate)
    }

    /// `:` and two digits of minutes.
    private func isMinutes(at index: Int) -> Bool {
        index + 2 < text.count && text[index] == ":" && ("0"..."5").contains(text[index + 1])
            && TextClass.isDigit(text[index + 2])
    }

    private mutating func innerMatch(in candidate: Range<Int>) -> NumberMatch? {
        // The expressions often pick the same stretch again (a run of spaces, the text before each first match):
        // it counts as a try each time, as in the reference, but is verified once.
        var failed: [Range<Int>] = [candidate]
        func verify(_ range: Range<Int>) -> NumberMatch? {
            let range = trimmedOfUnwantedEnd(range)
            guard !failed.contains(range) else { return nil }
            if let match = parseAndVerify(range) { return match }
            failed.append(range)
            return nil
        }
        for pattern in InnerMatch.allCases {
            var searchStart = candidate.lowerBound
            var isFirst = true
            while let found = pattern.search(text, in: candidate, from: searchStart), triesLeft > 0 {
                if isFirst {
                    // What comes before the first inner match is tried first.
                    if let match = verify(candidate.lowerBound..<found.start) { return match }
                    triesLeft -= 1
                    isFirst = false
                }
                if let match = verify(found.group) { return match }
                triesLeft -= 1
                searchStart = found.start + 1
            }
        }
        return nil
    }

    /// Without trailing characters that are neither letters, numbers nor `#`.
    private func trimmedOfUnwantedEnd(_ range: Range<Int>) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound {
            let scalar = text[end - 1]
            guard scalar == "_" || (scalar != "#" && !TextClass.isLetterOrNumber(scalar)) else { break }
            end -= 1
        }
        return range.lowerBound..<end
    }

    private func parseAndVerify(_ candidate: Range<Int>) -> NumberMatch? {
        let scalars = text[candidate]
        guard Self.hasMatchingBrackets(scalars), !Self.hasPublicationPages(scalars) else { return nil }
        if leniency >= .valid {
            // A number glued to a Latin word or to an amount is not a phone number (`abc8005001234`, `12 345 €`).
            func isForbiddenNeighbour(_ scalar: Unicode.Scalar) -> Bool {
                TextClass.isAmountSign(scalar) || TextClass.isLatinLetter(scalar)
            }
            if candidate.lowerBound > 0, !(scalars.first.map(TextClass.isLead) ?? false),
                isForbiddenNeighbour(text[candidate.lowerBound - 1])
            {
                return nil
            }
            if candidate.upperBound < text.count, isForbiddenNeighbour(text[candidate.upperBound]) { return nil }
        }
        guard let found = try? parser.read(scalars) else { return nil }
        // Only a number that satisfies the leniency is written out: its strings cost more than the checks.
        let territory = parser.store.territory(countryCode: found.countryCode, nsn: found.nsn, main: found.main)
        let type = territory?.type(of: found.nsn) ?? .unknown
        let verifier = MatchVerifier(store: parser.store, found: found, isValid: type != .unknown, candidate: scalars)
        guard verifier.satisfies(leniency) else { return nil }
        let number = found.classified(territory: territory, type: type, extensionDigits: found.extensionDigits)
        return NumberMatch(start: candidate.lowerBound, end: candidate.upperBound, raw: scalars.string, number: number)
    }

    private static func hasPublicationPages(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        scalars.contains("-") && scalars.contains("(") && publicationPages.occurs(in: scalars)
    }

    /// Brackets as a number may have them: an opening one at the start may stay open, and a closing one may come
    /// first, but at most three more pairs, each closed. With runs of other characters as `R`, libphonenumber's
    /// expression is `O? (R C)? R (O R C){0,3} R?` over the whole candidate; it is read by hand in one pass, as each
    /// part must be taken when it can be and cannot be when it cannot: no other reading is left to backtrack into.
    private static func hasMatchingBrackets(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        var index = scalars.startIndex
        func take(_ test: (Unicode.Scalar) -> Bool) -> Bool {
            guard index < scalars.endIndex, test(scalars[index]) else { return false }
            index += 1
            return true
        }
        /// A run of characters that are no brackets; false when there is none.
        func takeRun() -> Bool {
            let start = index
            while index < scalars.endIndex, !TextClass.isOpeningBracket(scalars[index]),
                !TextClass.isClosingBracket(scalars[index])
            {
                index += 1
            }
            return index > start
        }
        _ = take(TextClass.isOpeningBracket)
        guard takeRun() else { return false }
        if take(TextClass.isClosingBracket), !takeRun() { return false }
        for _ in 0..<3 where take(TextClass.isOpeningBracket) {
            guard takeRun(), take(TextClass.isClosingBracket) else { return false }
        }
        _ = takeRun()
        return index == scalars.endIndex
    }
}
