// Path and text helpers that FoundationEssentials leaves out (NSString's path methods and
// CharacterSet trimming live in full Foundation, which the program does not link).

extension String {
    /// The folder that holds this path, as `dirname` gives it: `/a/b` → `/a`, `/a` → `/`, `a` → ``.
    package var deletingLastPathComponent: String {
        var path = Substring(self)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of this path: `/a/b` → `b`.
    package var lastPathComponent: String {
        var path = Substring(self)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        guard path != "/", let slash = path.lastIndex(of: "/") else { return String(path) }
        return String(path[path.index(after: slash)...])
    }

    /// This text without white space (and line ends) at either end.
    package var trimmed: String { String(Substring(self).trimmed) }

    /// This text with spaces added at its end up to `width` characters, for columns.
    package func padded(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}

extension Substring {
    /// This text without white space (and line ends) at either end.
    package var trimmed: Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}

extension String {
    /// This text with every byte of its UTF-8 outside `A–Z a–z 0–9` and `keeping` written as `%XX`, as
    /// RFC 3986 percent-encoding does.
    package func percentEncoded(keeping kept: String = "") -> String {
        var encoded = ""
        for byte in utf8 {
            let scalar = Unicode.Scalar(byte)
            if ("0"..."9").contains(scalar) || ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
                || kept.unicodeScalars.contains(scalar)
            {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += "%" + byte.hexadecimal(width: 2).uppercased()
            }
        }
        return encoded
    }
}

extension BinaryInteger {
    /// This number in lower-case hexadecimal, zero-padded to at least `width` digits.
    package func hexadecimal(width: Int) -> String {
        let digits = String(self, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension String {
    /// This text as a JSON string literal, quotes included: `"`, `\` and control characters escaped, everything else
    /// (`/` and non-ASCII too) as it is, as JSONEncoder writes it with `.withoutEscapingSlashes`.
    package var jsonQuoted: String {
        // Most text needs no escape (`find --json` writes thousands of numbers): it is then copied whole.
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + self + "\""
        }
        var quoted = "\""
        quoted.reserveCapacity(utf8.count + 2)
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            case _ where scalar.value < 0x20: quoted += "\\u" + UInt32(scalar.value).hexadecimal(width: 4)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
