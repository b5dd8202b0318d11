/// A `tel:` or `callto:` link, or a number as typed, taken apart (RFC 3966 and the forms seen in the wild):
/// the text to dial, its `phone-context`, and the parts that are reported but never dialled.
struct PhoneLink {
    /// Raw input longer than this (in UTF-8 bytes) is refused unread: a percent-encoded number of libphonenumber's
    /// 250 characters fits easily.
    static let maximumLength = 1_000

    /// The dialled part, separators and letters kept for the number parser.
    private(set) var number = ""
    /// The `phone-context` parameter: a `+CC` prefix or a domain name (which leaves the default country in charge).
    private(set) var phoneContext: String?
    private(set) var extensionDigits: String?
    /// What followed a pause (`p`, `w`, `,`, or `;` then digits).
    private(set) var notDialled: String?

    init(_ input: String) throws(PhoneNumberError) {
        guard input.utf8.count <= Self.maximumLength else {
            throw PhoneNumberError(.tooLong, "The link is too long to hold a phone number.")
        }
        let trimmed = Self.trimmingSpaces(input)
        guard !trimmed.isEmpty else { throw PhoneNumberError(.empty, "No phone number was given.") }

        var body = trimmed
        var isCallto = false
        if let (scheme, rest) = Self.splitScheme(trimmed) {
            switch scheme {
            case "tel": body = rest
            case "callto": body = rest; isCallto = true
            default:
                throw PhoneNumberError(
                    .unsupportedLink, "\(PhoneNumberError.shown(scheme)): links are not phone links: use tel: or callto:.")
            }
            if body.hasPrefix("//") { body = body.dropFirst(2) }
            // Skype-style links carry a query (`?call`); telephone numbers never contain `?`.
            if let query = body.firstIndex(of: "?") { body = body[..<query] }
        }
        let decoded = try Self.percentDecoded(body)
        if isCallto, let first = decoded.unicodeScalars.first, NumberText.isASCIILetter(first) {
            throw PhoneNumberError(
                .skypeName, "callto:\(PhoneNumberError.shown(decoded)) is a Skype name, not a phone number.")
        }
        let spaced = String(String.UnicodeScalarView(decoded.unicodeScalars.map { $0.properties.isWhitespace ? " " : $0 }))

        var parameters = spaced.split(separator: ";", omittingEmptySubsequences: false)
        var dialled = parameters.removeFirst()
        for (offset, parameter) in parameters.enumerated() {
            if let first = parameter.unicodeScalars.first, NumberText.digitValue(first) != nil {
                // `;` then digits is a wait for the user (Android): the rest is not dialled.
                notDialled = Self.diallableCharacters(parameters[offset...].joined(separator: ";"))
                break
            }
            try read(parameter: parameter)
        }
        if let pause = Self.firstPause(in: dialled) {
            let after = Self.diallableCharacters(dialled[dialled.index(after: pause)...])
            notDialled = [after, notDialled].compactMap { $0 }.joined(separator: ",").nilIfEmpty
            dialled = dialled[..<pause]
        }
        number = String(dialled)
    }

    /// `ext=` is reported, `phone-context=` read, `isub=` and any other parameter ignored; names are case-insensitive.
    private mutating func read(parameter: Substring) throws(PhoneNumberError) {
        let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let value = parts.count == 2 ? parts[1].trimmingPrefix(" ") : ""
        switch parts[0].trimmingPrefix(" ").lowercased() {
        case "ext":
            extensionDigits = String(decoding: NumberText.normalize(ArraySlice(value.unicodeScalars)), as: UTF8.self)
                .nilIfEmpty
        case "phone-context":
            guard Self.isGlobalNumberPrefix(value) || Self.isDomainName(value) else {
                throw PhoneNumberError(
                    .notANumber,
                    "phone-context=\(PhoneNumberError.shown(String(value))) is neither a +country code nor a domain name.")
            }
            phoneContext = String(value)
        default:
            break
        }
    }

    /// `scheme:` at the start of a link: the lower-cased scheme and what follows. Text such as `Phone: 22 12 34 56`
    /// (a space after the colon) is a number as written by a person, not a link; `tel: …` is a link all the same.
    private static func splitScheme(_ text: Substring) -> (String, Substring)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon]
        let isSchemeCharacter = { (scalar: Unicode.Scalar) in
            NumberText.isASCIILetter(scalar) || ("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar)
        }
        guard name.count >= 2, name.unicodeScalars.first.map(NumberText.isASCIILetter) == true,
            name.unicodeScalars.allSatisfy(isSchemeCharacter)
        else { return nil }
        let scheme = name.lowercased()
        let rest = text[text.index(after: colon)...]
        guard scheme == "tel" || scheme == "callto" || !(rest.first?.isWhitespace ?? true) else { return nil }
        return (scheme, rest)
    }

    /// Decodes `%2B`, `%20` and UTF-8 sequences such as `%EF%BC%8B`; a `%` without two hex digits stays as it is.
    private static func percentDecoded(_ text: Substring) throws(PhoneNumberError) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "%"), input.count >= 2, let high = hexValue(input[input.startIndex]),
                let low = hexValue(input[input.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw PhoneNumberError(.notANumber, "The link’s percent-encoding does not spell out text.")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The first pause: a `,` always; a `p` or `w` only when `p` and `w` are the only letters of the number. Any
    /// other letter makes the text a vanity number (`1-800-FLOWERS`), where `W` is the key 9, not a pause.
    private static func firstPause(in text: Substring) -> String.Index? {
        let pauseLetters: Set<Character> = ["p", "P", "w", "W"]
        let letters = text.filter { $0.isASCII && $0.isLetter }
        let lettersArePauses = letters.allSatisfy(pauseLetters.contains)
        return text.firstIndex { $0 == "," || (lettersArePauses && pauseLetters.contains($0)) }
    }

    /// What a phone would still dial after a pause, kept for the report: digits, `*`, `#` and further pauses.
    private static func diallableCharacters(_ text: some StringProtocol) -> String? {
        var kept = ""
        for scalar in text.unicodeScalars {
            if let digit = NumberText.digitValue(scalar) {
                kept.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + digit))
            } else if "*#,pPwW".unicodeScalars.contains(scalar) {
                kept.unicodeScalars.append(Unicode.Scalar(scalar.value | 0x20)!)  // lower-cases P and W only
            }
        }
        let trimmed = kept.drop(while: { $0 == "," || $0 == "p" || $0 == "w" })
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// RFC 3966 global-number-digits: `+`, then digits and the visual separators `-.()`, at least one digit.
    private static func isGlobalNumberPrefix(_ value: Substring) -> Bool {
        guard value.first == "+" else { return false }
        let rest = value.dropFirst()
        return rest.contains(where: \.isASCIIDigit) && rest.allSatisfy { $0.isASCIIDigit || "-.()".contains($0) }
    }

    /// RFC 3966 domainname: dot-separated labels of letters, digits and inner hyphens; the last starts with a letter.
    private static func isDomainName(_ value: Substring) -> Bool {
        let name = value.hasSuffix(".") ? value.dropLast() : value
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard let top = labels.last, top.first.map({ $0.isASCII && $0.isLetter }) == true else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    private static func trimmingSpaces(_ text: String) -> Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{FEFF}" }
        let start = text.firstIndex(where: { !isSpace($0) }) ?? text.endIndex
        let end = text.lastIndex(where: { !isSpace($0) }).map(text.index(after:)) ?? start
        return text[start..<end]
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
