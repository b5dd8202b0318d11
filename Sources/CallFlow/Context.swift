import Desktop
import FoundationEssentials
import PuzzelAPI
import SystemSupport

/// What one command knows of the process it runs in, handed down once to everything a click or an account
/// uses: the environment (and with it the XDG folders), the clock, the keyring, the secrets met so far, the
/// trace of requests to Puzzel, and where warnings go. Tests give their own.
package struct Context: Sendable {
    package var environment: [String: String]
    package var keyring: KeyringLookup
    /// The passwords, tokens and session ids met so far: no message or record may hold one.
    package var secrets: SecretValues
    /// `--verbose`'s trace of every request to Puzzel; nil without it.
    package var trace: HTTPTrace?
    /// Told about trouble that does not stop the command, such as a cache that cannot be written.
    package var warn: @Sendable (String) -> Void
    package var now: @Sendable () -> Date

    package init(
        environment: [String: String], keyring: @escaping KeyringLookup, secrets: SecretValues,
        trace: HTTPTrace? = nil, warn: @escaping @Sendable (String) -> Void,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.environment = environment
        self.keyring = keyring
        self.secrets = secrets
        self.trace = trace
        self.warn = warn
        self.now = now
    }

    var directories: XDGDirectories { XDGDirectories(environment: environment) }
}
