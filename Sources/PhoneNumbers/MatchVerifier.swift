/// Whether a number parsed from a candidate satisfies a leniency: libphonenumber's checks of how the number is written.
struct MatchVerifier {
    let store: MetadataStore
    let found: NumberParser.Result
    /// Whether the number fits its territory's ranges (`PhoneNumber.isValid`).
    let isValid: Bool
    let candidate: ArraySlice<Unicode.Scalar>

    func satisfies(_ leniency: Leniency) -> Bool {
        switch leniency {
        case .possible:
            return found.main.checkLength(found.nsn).isPossible
        case .valid:
            return isValid && hasOnlyValidX && hasNationalPrefixIfRequired
        case .strictGrouping, .exactGrouping:
            guard isValid, hasOnlyValidX, !hasMoreThanOneSlashInNationalNumber, hasNationalPrefixIfRequired
            else { return false }
            return isGroupedAsFormatted(exactly: leniency == .exactGrouping)
        }
    }

    /// An `x` is either a carrier-code placeholder (`xx` before the national number) or the extension sign, followed
    /// by exactly the extension; an `x` at the very end is ignored.
    private var hasOnlyValidX: Bool {
        var index = candidate.startIndex
        while index < candidate.endIndex - 1 {
            if candidate[index] == "x" || candidate[index] == "X" {
                let next = candidate[index + 1]
                if next == "x" || next == "X" {
                    index += 1
                    guard isSameNationalNumber(candidate[index...]) else { return false }
                } else if Self.digitsOnly(candidate[index...]) != found.extensionDigits.map({ Array($0.utf8) }) {
                    return false
                }
            }
            index += 1
        }
        return true
    }

    /// libphonenumber's isNumberMatch(number, text) == NSN_MATCH: the text holds no calling code, and read in the
    /// number's region it is the same number.
    private func isSameNationalNumber(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        do {
            _ = try NumberParser(store: store, defaultTerritory: nil).parse(text)
            return false
        } catch {
            guard error.reason == .invalidCountryCode || error.reason == .missingRegion,
                let region = store.regions(countryCode: found.countryCode).first, region != "001",
                let other = try? NumberParser(store: store, defaultTerritory: store.territory(region: region))
                    .parse(text)
            else { return false }
            return other.countryCode == found.countryCode && other.nsn == found.nsn
                && other.extensionDigits == found.extensionDigits
        }
    }

    /// A national number whose country writes it with its national prefix (`030 1234567` in Germany) must have it.
    private var hasNationalPrefixIfRequired: Bool {
        guard found.countryCodeSource == .defaultCountry,
            let region = store.regions(countryCode: found.countryCode).first,
            let formats = MatchingRuleStore.shared.nationalFormats(region: region),
            formats.requiresNationalPrefix(found.nsn), let territory = store.territory(region: region)
        else { return true }
        return territory.removingNationalPrefix(Self.digitsOnly(candidate)) != nil
    }

    /// More than one slash is a date or a list, unless the first only follows the calling code (`+49/30/1234567`).
    private var hasMoreThanOneSlashInNationalNumber: Bool {
        guard let first = candidate.firstIndex(of: "/") else { return false }
        guard let second = candidate[(first + 1)...].firstIndex(of: "/") else { return false }
        let hasCountryCode = found.countryCodeSource == .plusSign || found.countryCodeSource == .withoutPlusSign
        if hasCountryCode, Self.digitsOnly(candidate[..<first]) == Array(String(found.countryCode).utf8) {
            return candidate[(second + 1)...].contains("/")
        }
        return true
    }

    /// Whether the candidate's digits are grouped as the number's format groups them, or as one of the alternate
    /// formats of its calling code does.
    private func isGroupedAsFormatted(exactly: Bool) -> Bool {
        let normalized = candidate.map { scalar in
            NumberText.digitValue(scalar).map { Unicode.Scalar(UInt8(ascii: "0") + $0) } ?? scalar
        }
        let grouping = Grouping(
            normalizedCandidate: normalized, number: found, hasNationalPrefix: hasNationalPrefixInRegion)
        let check = exactly ? grouping.allGroupsExactlyPresent : grouping.allGroupsRemainGrouped
        if check(found.main.rfc3966Groups(found.nsn)) { return true }
        return MatchingRuleStore.shared.alternateFormats(countryCode: found.countryCode).contains { format in
            (format.leadingDigits?.matchesPrefix(found.nsn) ?? true) && check(format.rfc3966Groups(found.nsn))
        }
    }

    private var hasNationalPrefixInRegion: Bool {
        guard let region = store.regions(countryCode: found.countryCode).first else { return false }
        return MatchingRuleStore.shared.nationalFormats(region: region)?.hasNationalPrefix ?? false
    }

    /// The decimal digits of `text` as ASCII, everything else dropped.
    static func digitsOnly(_ text: ArraySlice<Unicode.Scalar>) -> [UInt8] {
        text.compactMap { NumberText.digitValue($0).map { UInt8(ascii: "0") + $0 } }
    }
}

/// libphonenumber's two grouping checks, on the candidate with its digits made ASCII and everything else kept.
private struct Grouping {
    let normalizedCandidate: [Unicode.Scalar]
    let number: NumberParser.Result
    let hasNationalPrefix: Bool

    /// No group of the formatted number is split in the candidate; after the first group (the area code) there is
    /// punctuation, unless the candidate has none at all.
    func allGroupsRemainGrouped(_ groups: [[UInt8]]) -> Bool {
        let text = normalizedCandidate
        var from = 0
        if number.countryCodeSource != .defaultCountry {
            let code = Self.scalars(Array(String(number.countryCode).utf8))
            from = text.find(code, from: 0) + code.count
        }
        for (offset, group) in groups.enumerated() {
            let group = Self.scalars(group)
            from = text.find(group, from: from)
            guard from >= 0 else { return false }
            from += group.count
            if offset == 0, from < text.count, hasNationalPrefix, Self.isDigit(text[from]) {
                return text[(from - group.count)...].starts(with: Self.scalars(number.nsn))
            }
        }
        let rest = Array(text[min(from, text.count)...])
        return rest.find(Self.scalars(Array((number.extensionDigits ?? "").utf8)), from: 0) >= 0
    }

    /// The candidate's groups are the formatted number's, the first perhaps behind a national prefix.
    func allGroupsExactlyPresent(_ groups: [[UInt8]]) -> Bool {
        // Split at runs of non-digits, empty groups at either end kept (as Python's re.split keeps them).
        var candidateGroups: [[Unicode.Scalar]] = [[]]
        var inSeparator = false
        for scalar in normalizedCandidate {
            if scalar.properties.numericType == .decimal {
                candidateGroups[candidateGroups.count - 1].append(scalar)
                inSeparator = false
            } else if !inSeparator {
                candidateGroups.append([])
                inSeparator = true
            }
        }
        var candidateIndex = candidateGroups.count - (number.extensionDigits == nil ? 1 : 2)
        if candidateGroups.count == 1
            || candidateGroups[candidateIndex].find(Self.scalars(number.nsn), from: 0) >= 0
        {
            return true
        }
        var groupIndex = groups.count - 1
        while groupIndex > 0, candidateIndex >= 0 {
            guard candidateGroups[candidateIndex] == Self.scalars(groups[groupIndex]) else { return false }
            groupIndex -= 1
            candidateIndex -= 1
        }
        return candidateIndex >= 0 && candidateGroups[candidateIndex].ends(with: Self.scalars(groups[0]))
    }

    /// Python's str.isdigit.
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.numericType == .decimal || scalar.properties.numericType == .digit
    }

    private static func scalars(_ ascii: [UInt8]) -> [Unicode.Scalar] { ascii.map { Unicode.Scalar($0) } }
}

extension Array where Element == Unicode.Scalar {
    /// Python's str.find: the first index at or after `from` where `part` starts, or -1.
    fileprivate func find(_ part: [Unicode.Scalar], from: Int) -> Int {
        guard from <= count else { return -1 }
        guard !part.isEmpty else { return from }
        var start = from
        while start + part.count <= count {
            if self[start..<(start + part.count)].elementsEqual(part) { return start }
            start += 1
        }
        return -1
    }

    fileprivate func ends(with part: [Unicode.Scalar]) -> Bool {
        count >= part.count && self[(count - part.count)...].elementsEqual(part)
    }
}
