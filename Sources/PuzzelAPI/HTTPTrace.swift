import FoundationEssentials
import SystemSupport

/// `--verbose`: one entry per request to Puzzel — method, URL, status, duration, size and both bodies —
/// with the password, tokens, client secret and session ids replaced by `<redacted>`. Headers are never
/// shown, so neither is the Authorization header. It is what an integrator pastes into a ticket.
package struct HTTPTrace: Sendable {
    private let write: @Sendable (String) -> Void

    /// - Parameter write: receives each entry, one or more lines without a final line break.
    package init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// A step of a flow between requests, such as the browser sign-in's; the caller leaves every secret out.
    package func note(_ text: String) {
        write(text.escapedForDisplay)
    }

    /// The most of a body an entry shows.
    static let bodyLimit = 4000

    func exchange(
        _ request: HTTPRequest, outcome: Result<HTTPAnswer, TransportFailure>, duration: Duration,
        secrets: [String]
    ) {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        var entry = "\(request.method.rawValue) \(request.url.absoluteString.escapedForDisplay)"
        switch outcome {
        case .success(let answer):
            entry += " → \(answer.status) in \(milliseconds) ms, \(answer.body.count) bytes"
            if let target = answer.redirectTarget {
                entry += ", redirect to \(target.escapedForDisplay) (not followed)"
            }
        case .failure(let failure):
            entry += " → no answer after \(milliseconds) ms: \(failure)"
        }
        if let body = request.body {
            entry += "\n  sent: " + Self.shown(Redaction.redact(body, secrets: secrets))
        }
        if case .success(let answer) = outcome, !answer.body.isEmpty {
            let text = String(decoding: answer.body, as: UTF8.self)
            entry += "\n  received: " + Self.shown(Redaction.redactJSON(text, secrets: secrets))
        }
        write(entry)
    }

    private static func shown(_ text: String) -> String {
        let escaped = text.escapedForDisplay
        return escaped.count > bodyLimit ? escaped.prefix(bodyLimit) + "… (cut)" : escaped
    }
}

/// Takes secrets out of what is shown or stored: the values of secret-named fields, and every secret the
/// caller knows by value.
enum Redaction {
    static let mark = "<redacted>"

    /// Field names whose values are secrets, lower-cased: Puzzel's sign-in fields and OAuth's.
    static let secretFields: Set<String> = [
        "password", "accesstoken", "access_token", "refreshtoken", "refresh_token", "sessionid", "session_id",
        "clientsecret", "client_secret", "id_token", "token", "code_verifier",
    ]

    static func redact(_ body: HTTPRequest.Body, secrets: [String]) -> String {
        switch body {
        case .json(let bytes): redactJSON(String(decoding: bytes, as: UTF8.self), secrets: secrets)
        case .form(let fields):
            replacing(
                secrets,
                in: fields.map { "\($0)=\(secretFields.contains($0.lowercased()) ? mark : $1)" }.joined(separator: "&"))
        }
    }

    /// JSON text with every string or number value of a secret-named field replaced, at any depth. A body
    /// that is one bare JSON string (GetAccessToken's new token) is a secret as a whole.
    static func redactJSON(_ text: String, secrets: [String]) -> String {
        let scalars = Array(text.unicodeScalars)
        if let first = scalars.first(where: { !$0.properties.isWhitespace }), first == "\"" {
            return "\"\(mark)\""
        }
        var output = String.UnicodeScalarView()
        var index = 0
        var lastString: String? = nil
        var secretValueNext = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\"" {
                let end = endOfString(scalars, from: index)
                if secretValueNext {
                    output.append(contentsOf: "\"\(mark)\"".unicodeScalars)
                } else {
                    output.append(contentsOf: scalars[index..<end])
                }
                lastString =
                    secretValueNext
                    ? nil : String(String.UnicodeScalarView(scalars[(index + 1)..<max(index + 1, end - 1)]))
                secretValueNext = false
                index = end
                continue
            }
            if scalar == ":" {
                secretValueNext = lastString.map { secretFields.contains($0.lowercased()) } ?? false
                lastString = nil
                output.append(scalar)
                index += 1
                continue
            }
            if secretValueNext, !scalar.properties.isWhitespace {
                secretValueNext = false
                if scalar != "{" && scalar != "[" {
                    // A number, true, false or null: replaced up to the next delimiter.
                    while index < scalars.count, !",}] \n\r\t".unicodeScalars.contains(scalars[index]) { index += 1 }
                    output.append(contentsOf: "\"\(mark)\"".unicodeScalars)
                    continue
                }
            }
            if !scalar.properties.isWhitespace { lastString = nil }
            output.append(scalar)
            index += 1
        }
        return replacing(secrets, in: String(output))
    }

    /// Every occurrence of each secret, in each form it takes on the wire, replaced by the mark; the longest
    /// first, so no part of one survives.
    static func replacing(_ secrets: [String], in text: String) -> String {
        let forms = Set(secrets.filter { !$0.isEmpty }.flatMap(SecretForms.of)).sorted { $0.count > $1.count }
        return forms.reduce(text) { $0.contains($1) ? $0.replacing($1, with: mark) : $0 }
    }

    /// The index just past the string literal that starts at `start` (or the end of the text).
    private static func endOfString(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start + 1
        while index < scalars.count {
            if scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == "\"" { return index + 1 }
            index += 1
        }
        return scalars.count
    }
}
