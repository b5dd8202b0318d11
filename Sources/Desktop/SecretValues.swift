import Synchronization
import SystemSupport

/// The secret values this process has come to know — passwords, client secrets, tokens, session ids —
/// so that text leaving the program can be cleaned of them, however it came to hold one: Puzzel
/// echoing the password in an error, a token in a proxy's message, a typo in a config line.
///
/// Everything shown or stored (output, notifications, the activity log, the history) passes through
/// `redacting(_:)`; the session file alone keeps the tokens, as it must.
package final class SecretValues: Sendable {
    private let values = Mutex<Set<String>>([])

    /// Shorter values are not redacted: they would blank ordinary words, and no Puzzel secret is that short.
    static let shortest = 4
    package static let replacement = "<redacted>"

    package init() {}

    /// Remembers `value` in each form it can take on the wire (see `SecretForms`).
    package func insert(_ value: String?) {
        guard let value, value.count >= Self.shortest else { return }
        let forms = SecretForms.of(value)
        values.withLock { $0.formUnion(forms) }
    }

    /// `text` with every known secret replaced by `<redacted>`, longest first so no part of one survives.
    package func redacting(_ text: String) -> String {
        let known = values.withLock { $0 }
        guard !known.isEmpty else { return text }
        return known.sorted { $0.count > $1.count }.reduce(text) { text, secret in
            text.contains(secret) ? text.replacing(secret, with: Self.replacement) : text
        }
    }
}
