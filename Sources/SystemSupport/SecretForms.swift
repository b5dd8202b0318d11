/// The forms a secret takes in text that crossed the wire: as it is; JSON-escaped, as a server that echoes
/// it in an answer writes it (the usual escapes, `\/` for a slash, or `\uXXXX` for every character a .NET
/// or JavaScript encoder escapes); and percent-encoded, as a form body or a URL carries it. Text cleaned
/// of a secret is cleaned of each form.
package enum SecretForms {
    package static func of(_ secret: String) -> Set<String> {
        [
            secret,
            jsonEscaped(secret, escapingSlash: false, escapingAllBut: nil),
            jsonEscaped(secret, escapingSlash: true, escapingAllBut: nil),
            jsonEscaped(secret, escapingSlash: false, escapingAllBut: unescapedByEncoders),
            jsonEscaped(secret, escapingSlash: false, escapingAllBut: unescapedByEncoders).lowercasedHexEscapes,
            secret.percentEncoded(keeping: "-_.~"),
            secret.percentEncoded(keeping: "-_.~ ").replacing(" ", with: "+"),
        ]
    }

    /// The printable ASCII that JSON encoders which escape for HTML (System.Text.Json's default, JavaScript's
    /// with `\u` escapes) leave as it is.
    private static let unescapedByEncoders = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%()*,-./:;=?@[]^_{|}~".unicodeScalars)

    /// `text` as the inside of a JSON string literal. With `escapingAllBut`, every other character is written
    /// as `\uXXXX` (UTF-16, upper-case hex), backslash included.
    private static func jsonEscaped(_ text: String, escapingSlash: Bool, escapingAllBut kept: Set<Unicode.Scalar>?)
        -> String
    {
        var escaped = ""
        for scalar in text.unicodeScalars {
            if let kept {
                if kept.contains(scalar) {
                    escaped.unicodeScalars.append(scalar)
                } else {
                    for unit in String(scalar).utf16 { escaped += "\\u" + unit.hexadecimal(width: 4).uppercased() }
                }
                continue
            }
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "/" where escapingSlash: escaped += "\\/"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "\u{8}": escaped += "\\b"
            case "\u{C}": escaped += "\\f"
            case _ where scalar.value < 0x20: escaped += "\\u" + scalar.value.hexadecimal(width: 4)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension String {
    /// The text with the hex digits of each `\uXXXX` in lower case.
    fileprivate var lowercasedHexEscapes: String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: "\\u") {
            result += rest[..<range.upperBound]
            let digits = rest[range.upperBound...].prefix(4)
            result += digits.lowercased()
            rest = rest[digits.endIndex...]
        }
        return result + rest
    }
}
