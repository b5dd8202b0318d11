/// The places where libphonenumber's matcher looks for a number inside a candidate that is not one as a whole, in its
/// order: after slashes (`651-234-2345/332-445-1234`), at an opening bracket (`(650) 223 3345 (754) 223 3321`),
/// after a hyphen with a space on one side (`12345 - 332-445-1234`), after a wide dash, after full stops, after
/// spaces. Each is a small expression with one group, matched as a backtracking matcher would.
enum InnerMatch: CaseIterable {
    /// `/+(.*)`
    case afterSlashes
    /// `(\([^(]*)`
    case fromBracket
    /// `(?:\s-|-\s)\s*(.+)`
    case afterSpacedHyphen
    /// `[\u2012-\u2015\uFF0D]\s*(.+)`
    case afterWideDash
    /// `\.+\s*([^.]+)`
    case afterFullStops
    /// `\s+(\S+)`
    case afterSpaces

    struct Found {
        /// Where the whole expression matched from.
        let start: Int
        let group: Range<Int>
    }

    /// The first match that starts at or after `start` within `bounds` of `text`.
    func search(_ text: [Unicode.Scalar], in bounds: Range<Int>, from start: Int) -> Found? {
        var position = start
        while position < bounds.upperBound {
            if mayStart(with: text[position]), let group = group(text, in: bounds, at: position) {
                return Found(start: position, group: group)
            }
            position += 1
        }
        return nil
    }

    /// Whether a match can start with `scalar`: most characters of a candidate start none.
    @inline(__always)
    private func mayStart(with scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .afterSlashes: scalar == "/"
        case .fromBracket: scalar == "("
        case .afterSpacedHyphen: scalar == "-" || TextClass.isSpace(scalar)
        case .afterWideDash: scalar.value >= 0x2012
        case .afterFullStops: scalar == "."
        case .afterSpaces: TextClass.isSpace(scalar)
        }
    }

    private func group(_ text: [Unicode.Scalar], in bounds: Range<Int>, at start: Int) -> Range<Int>? {
        let end = bounds.upperBound
        func skip(from index: Int, while test: (Unicode.Scalar) -> Bool) -> Int {
            var index = index
            while index < end, test(text[index]) { index += 1 }
            return index
        }
        /// `\s*` then one or more of `allowed`, as far as they go: the spaces give back one character when nothing
        /// else follows them.
        func spacesThen(from index: Int, _ allowed: (Unicode.Scalar) -> Bool) -> Range<Int>? {
            let afterSpaces = skip(from: index, while: TextClass.isSpace)
            for groupStart in stride(from: afterSpaces, through: index, by: -1)
            where groupStart < end && allowed(text[groupStart]) {
                return groupStart..<skip(from: groupStart, while: allowed)
            }
            return nil
        }
        let scalar = text[start]
        switch self {
        case .afterSlashes:
            guard scalar == "/" else { return nil }
            return skip(from: start, while: { $0 == "/" })..<end
        case .fromBracket:
            guard scalar == "(" else { return nil }
            return start..<skip(from: start + 1, while: { $0 != "(" })
        case .afterSpacedHyphen:
            guard start + 1 < end else { return nil }
            let next = text[start + 1]
            guard (TextClass.isSpace(scalar) && next == "-") || (scalar == "-" && TextClass.isSpace(next)) else {
                return nil
            }
            return spacesThen(from: start + 2, { $0 != "\n" })
        case .afterWideDash:
            guard (0x2012...0x2015).contains(scalar.value) || scalar == "\u{FF0D}" else { return nil }
            return spacesThen(from: start + 1, { $0 != "\n" })
        case .afterFullStops:
            guard scalar == "." else { return nil }
            return spacesThen(from: skip(from: start, while: { $0 == "." }), { $0 != "." })
        case .afterSpaces:
            guard TextClass.isSpace(scalar) else { return nil }
            let groupStart = skip(from: start, while: TextClass.isSpace)
            guard groupStart < end else { return nil }
            return groupStart..<skip(from: groupStart, while: { !TextClass.isSpace($0) })
        }
    }
}
