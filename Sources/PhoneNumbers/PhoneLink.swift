/// A `tel:` or `callto:` link, or a number as typed, taken apart (RFC 3966 and the forms seen in the wild):
/// the text to dial, its `phone-context`, and the parts that are reported but never dialled.
///
/// Works on Unicode scalars throughout: links are read in bulk by scripts, and Character-level String work costs
/// several times more than the whole of libphonenumber's algorithm.
struct PhoneLink {
    typealias Text = ArraySlice<Unicode.Scalar>

    /// Raw input longer than this (in UTF-8 bytes) is refused unread: a percent-encoded number of libphonenumber's
    /// 250 characters fits easily.
    static let maximumLength = 1_000

    /// The dialled part, separators and letters kept for the number parser.
    private(set) var number: Text = []
    /// The `phone-context` parameter: a `+CC` prefix or a domain name (which leaves the default country in charge).
    private(set) var phoneContext: Text?
    private(set) var extensionDigits: String?
    /// What a phone dials after the call connects, as written: a pause (`,`, `p`) or wait (`;`, `w`) and what
    /// follows it, then RFC 4715's `;postd=` digits. Reported, never dialled.
    private(set) var postDial: String?

    init(_ input: String) throws(PhoneNumberError) {
        guard input.utf8.count <= Self.maximumLength else {
            throw PhoneNumberError(.linkTooLong)
        }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(input.utf8.count)
        scalars.append(contentsOf: input.unicodeScalars)
        var text = Self.trimmingSpaces(scalars[...])
        guard !text.isEmpty else { throw PhoneNumberError(.empty) }

        var isCallto = false
        if let (scheme, rest) = Self.splitScheme(text) {
            if scheme.equalsIgnoringCase("tel") {
                text = rest
            } else if scheme.equalsIgnoringCase("callto") {
                text = rest
                isCallto = true
            } else {
                throw PhoneNumberError(.otherScheme(PhoneNumberError.shown(scheme.string)))
            }
            if text.starts(with: "//".unicodeScalars) { text = text.dropFirst(2) }
            // Skype-style links carry a query (`?call`); telephone numbers never contain `?`.
            if let query = text.firstIndex(of: "?") { text = text[..<query] }
        }
        if text.contains("%") { text = try Self.percentDecoded(text) }
        if isCallto, text.contains("@") {
            throw PhoneNumberError(.address(link: "callto:" + PhoneNumberError.shown(text.string)))
        }
        for index in text.indices where Self.isSpace(text[index]) { text[index] = " " }

        let parametersStart = text.firstIndex(of: ";") ?? text.endIndex
        var dialled = text[..<parametersStart]
        let parameters = text[parametersStart...].split(separator: ";")
        var afterParameters: String?
        for (offset, parameter) in parameters.enumerated() {
            if let first = parameter.first, NumberText.digitValue(first) != nil {
                // `;` then digits is a wait for the user (Android): the rest is not dialled.
                let wait = ";" + Self.diallableCharacters(parameters[offset...].joined(separator: [";"]))
                afterParameters = (afterParameters ?? "") + wait
                break
            }
            if let postDialDigits = try read(parameter: parameter) {
                afterParameters = (afterParameters ?? "") + postDialDigits
            }
        }
        if let pause = Self.firstPause(in: dialled) {
            postDial = Self.diallableCharacters(dialled[pause...]) + (afterParameters ?? "")
            dialled = dialled[..<pause]
        } else {
            postDial = afterParameters
        }
        // Pauses with nothing after them (a trailing `,`) are nothing to report.
        if postDial?.unicodeScalars.contains(where: { $0 != "," && $0 != ";" && $0 != "p" && $0 != "w" }) != true {
            postDial = nil
        }
        if NumberText.hasLettersOrKeys(dialled) {
            if NumberText.isPlaceholder(dialled) {
                throw PhoneNumberError(.placeholder)
            }
            if isCallto, NumberText.hasNameLetters(dialled) {
                // Skype's scheme: its names mix letters and digits, and a keypad reading of them rings a stranger.
                throw PhoneNumberError(.skypeName(link: "callto:" + PhoneNumberError.shown(text.string)))
            }
        }
        number = dialled
    }

    /// `ext=` is reported, `phone-context=` read, `postd=` returned, `isub=` and any other parameter ignored; names
    /// are case-insensitive.
    private mutating func read(parameter: Text) throws(PhoneNumberError) -> String? {
        let parameter = parameter.drop(while: { $0 == " " })
        let equals = parameter.firstIndex(of: "=") ?? parameter.endIndex
        let name = parameter[..<equals]
        let value = parameter[equals...].dropFirst().drop(while: { $0 == " " })
        if name.equalsIgnoringCase("ext") {
            let digits = value.compactMap(NumberText.digitValue).map { Character(String($0)) }
            extensionDigits = String(digits).nilIfEmpty
        } else if name.equalsIgnoringCase("phone-context") {
            guard Self.isGlobalNumberPrefix(value) || Self.isDomainName(value) else {
                throw PhoneNumberError(.badPhoneContext(PhoneNumberError.shown(value.string)))
            }
            phoneContext = value
        } else if name.equalsIgnoringCase("postd") {
            return Self.diallableCharacters(value)
        }
        return nil
    }

    /// `scheme:` at the start of a link: the scheme and what follows. Text such as `Phone: 22 12 34 56` (a space
    /// after the colon) is a number as written by a person, not a link; `tel: …` is a link all the same.
    private static func splitScheme(_ text: Text) -> (Text, Text)? {
        guard let first = text.first, NumberText.isASCIILetter(first) else { return nil }
        let end =
            text.firstIndex {
                !(NumberText.isASCIILetter($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "-"
                    || $0 == ".")
            } ?? text.endIndex
        guard end < text.endIndex, text[end] == ":", end - text.startIndex >= 2 else { return nil }
        let scheme = text[..<end]
        let rest = text[(end + 1)...]
        let isLink =
            scheme.equalsIgnoringCase("tel") || scheme.equalsIgnoringCase("callto")
            || rest.first.map { !isSpace($0) } == true
        return isLink ? (scheme, rest) : nil
    }

    /// Decodes `%2B`, `%20` and UTF-8 sequences such as `%EF%BC%8B`; a `%` without two hex digits stays as it is.
    private static func percentDecoded(_ text: Text) throws(PhoneNumberError) -> Text {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let scalar = text[index]
            if scalar == "%", index + 2 < text.endIndex, let high = hexValue(text[index + 1]),
                let low = hexValue(text[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes += UTF8.encode(scalar)!
                index += 1
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw PhoneNumberError(.undecodableLink)
        }
        return Array(decoded.unicodeScalars)[...]
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "0"..."9": UInt8(scalar.value - 0x30)
        case "a"..."f": UInt8(scalar.value - 0x61 + 10)
        case "A"..."F": UInt8(scalar.value - 0x41 + 10)
        default: nil
        }
    }

    private static func isPauseLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "p" || scalar == "P" || scalar == "w" || scalar == "W"
    }

    /// The first pause: a `,` always; a `p` or `w` only when `p` and `w` are the only letters of the number. Any
    /// other letter makes the text a vanity number (`1-800-FLOWERS`), where `W` is the key 9, not a pause.
    private static func firstPause(in text: Text) -> Int? {
        let lettersArePauses = text.allSatisfy { !NumberText.isASCIILetter($0) || isPauseLetter($0) }
        return text.firstIndex { $0 == "," || (lettersArePauses && isPauseLetter($0)) }
    }

    /// What a phone would still dial after a pause, kept for the report: digits, `*`, `#`, pauses and waits.
    private static func diallableCharacters(_ text: some Sequence<Unicode.Scalar>) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text {
            if let digit = NumberText.digitValue(scalar) {
                kept.append(Unicode.Scalar(UInt8(ascii: "0") + digit))
            } else if scalar == "*" || scalar == "#" || scalar == "," || scalar == ";" || isPauseLetter(scalar) {
                kept.append(Unicode.Scalar(scalar.value | 0x20)!)  // lower-cases P and W; * # , ; are unchanged
            }
        }
        return String(kept)
    }

    /// RFC 3966 global-number-digits: `+`, then digits and the visual separators `-.()`, at least one digit.
    private static func isGlobalNumberPrefix(_ value: Text) -> Bool {
        guard value.first == "+" else { return false }
        let rest = value.dropFirst()
        return rest.contains(where: isASCIIDigit)
            && rest.allSatisfy { isASCIIDigit($0) || "-.()".unicodeScalars.contains($0) }
    }

    /// RFC 3966 domainname: dot-separated labels of letters, digits and inner hyphens; the last starts with a letter.
    private static func isDomainName(_ value: Text) -> Bool {
        let name = value.last == "." ? value.dropLast() : value
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard let top = labels.last, top.first.map(NumberText.isASCIILetter) == true else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.first != "-" && label.last != "-"
                && label.allSatisfy { NumberText.isASCIILetter($0) || isASCIIDigit($0) || $0 == "-" }
        }
    }

    private static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// Any Unicode space, tab or line break (all read as a plain space), and the byte-order mark.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar == "\u{FEFF}" || scalar.properties.isWhitespace
    }

    private static func trimmingSpaces(_ text: Text) -> Text {
        let start = text.firstIndex { !isSpace($0) } ?? text.endIndex
        let end = text.lastIndex { !isSpace($0) }.map { $0 + 1 } ?? start
        return text[start..<end]
    }
}

extension ArraySlice<Unicode.Scalar> {
    /// The text as a `String`, its UTF-8 written directly: appending one scalar at a time costs several times more,
    /// and the number matcher writes the text of every number it finds.
    var string: String {
        String(unsafeUninitializedCapacity: count * 4) { buffer in
            var length = 0
            for byte in lazy.flatMap(\.utf8) {
                buffer[length] = byte
                length += 1
            }
            return length
        }
    }

    /// Whether the text is `lowercaseASCII` in any letter case.
    func equalsIgnoringCase(_ lowercaseASCII: StaticString) -> Bool {
        guard count == lowercaseASCII.utf8CodeUnitCount else { return false }
        return lowercaseASCII.withUTF8Buffer { expected in
            zip(self, expected).allSatisfy { scalar, byte in
                let lowered = NumberText.isASCIILetter(scalar) ? scalar.value | 0x20 : scalar.value
                return lowered == UInt32(byte)
            }
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
