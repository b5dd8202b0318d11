extension String {
    /// The text with every character that could forge a line or drive a terminal written as an escape
    /// (`\n`, `\x1b`, `\u{202e}`), and backslashes doubled so an escape is never ambiguous: text from a
    /// link, a file or Puzzel can then go into a message or a log line as it is.
    package var escapedForDisplay: String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
                    result +=
                        scalar.value <= 0xff
                        ? "\\x\(scalar.value.hexadecimal(width: 2))" : "\\u{\(scalar.value.hexadecimal(width: 4))}"
                default:
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
