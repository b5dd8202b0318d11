import CallFlow

/// The desktop keyring as the commands see it.
enum Keyring {
    static func lookup(_ console: Console) -> KeyringLookup {
        { _, _ in nil }
    }

    /// Keeps the password in the keyring; false when there is none to keep it in.
    static func store(_ password: String, customerKey: String, userName: String, _ console: Console) -> Bool {
        false
    }

    static func clear(customerKey: String, userName: String, _ console: Console) {}
}
