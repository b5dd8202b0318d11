import Desktop
import FoundationEssentials
import Localization
import PuzzelAPI
import SystemSupport

/// How this user signs in to Puzzel, found only when a sign-in is really needed: the warm path of a
/// click runs no password program and asks no keyring.
enum SignInMethod: Sendable {
    case password(PasswordCredentials)
    case puzzelID(ClientCredentials)

    /// What Puzzel would lock the account over if sent wrong too often.
    var secret: String {
        switch self {
        case .password(let credentials): credentials.password
        case .puzzelID(let credentials): credentials.clientSecret
        }
    }
}

/// Looks a password up in the desktop's keyring until `deadline`; nil when there is none or no keyring.
/// Throws only when the keyring did not answer in time.
package typealias KeyringLookup =
    @Sendable (_ customerKey: String, _ userName: String, _ deadline: Date) throws(SecretStore.Failure) -> String?

extension Configuration {
    /// Whether a password kept in the keyring or the user's config file is the one a click sends, so that
    /// signing in from the desktop helps: not when `PUZZEL_PASSWORD` or `passwordCommand` comes first, nor
    /// for Puzzel ID's client secret.
    package func sendsKeptPassword(environment: [String: String]) -> Bool {
        !usesPuzzelID && passwordCommand == nil && environment["PUZZEL_PASSWORD"].map(\.isEmpty) != false
    }
}

/// Finds who the user is and, when asked, their secret, from the configuration's sources in order.
struct CredentialSource: Sendable {
    let configuration: Configuration
    let environment: [String: String]
    let keyring: KeyringLookup
    /// Where a password program's own error output goes: the terminal, never a message or a record.
    let warn: @Sendable (String) -> Void
    /// A password just typed at `puzzel-call login`: it goes before every configured source.
    var typedPassword: String? = nil

    func identity() throws(CallFailure) -> SessionIdentity {
        if let clientId = configuration.idClientId {
            // Puzzel names the customer and the user once the agent has signed in.
            return SessionIdentity(
                authURL: configuration.endpoints.puzzelIDURL.absoluteString, customerKey: "",
                principal: "browser:" + clientId, apiURL: configuration.endpoints.apiURL.absoluteString)
        }
        guard let customerKey = configuration.customerKey else { throw missing(.customerKey) }
        let principal: String
        if configuration.usesPuzzelID {
            principal = "client:" + configuration.clientId!
        } else if let userName = configuration.userName {
            principal = userName
        } else {
            throw missing(.userName)
        }
        return SessionIdentity(
            authURL: configuration.endpoints.authURL.absoluteString, customerKey: customerKey, principal: principal,
            apiURL: configuration.endpoints.apiURL.absoluteString)
    }

    private func missing(_ setting: AccountSetting) -> CallFailure {
        .missing(
            setting, configFile: XDGDirectories(environment: environment).userConfigFile.escapedForDisplay,
            signInHelps: !configuration.usesPuzzelID)
    }

    /// The credentials to sign in with: `PUZZEL_PASSWORD`, then `passwordCommand`, then the keyring, then a
    /// `password` in a private config file.
    func signInMethod(deadline: Date) async throws(CallFailure) -> SignInMethod {
        let who = try identity()
        if configuration.usesPuzzelID {
            let secret: String
            if let configured = configuration.clientSecret {
                secret = configured
            } else {
                do throws(ConfigurationError) {
                    secret = try await firstLine(
                        of: configuration.clientSecretCommand!, key: "clientSecretCommand", deadline: deadline)
                } catch {
                    throw CallFailure(error)
                }
            }
            return .puzzelID(
                ClientCredentials(
                    clientId: configuration.clientId!, clientSecret: secret, customerKey: who.customerKey,
                    userId: configuration.userId!))
        }
        return .password(
            PasswordCredentials(
                customerKey: who.customerKey, userName: who.principal,
                password: try await password(deadline: deadline)))
    }

    /// The browser sign-in's client: its id, and its secret when it is registered as confidential
    /// (`idClientSecret`, else the first line of `idClientSecretCommand`).
    func browserClient(deadline: Date) async throws(CallFailure) -> OpenIDClientRegistration {
        var secret = configuration.idClientSecret
        if secret == nil, let command = configuration.idClientSecretCommand {
            do throws(ConfigurationError) {
                secret = try await firstLine(of: command, key: "idClientSecretCommand", deadline: deadline)
            } catch {
                throw CallFailure(error)
            }
        }
        return OpenIDClientRegistration(clientId: configuration.idClientId!, clientSecret: secret)
    }

    private func password(deadline: Date) async throws(CallFailure) -> String {
        if let typedPassword { return typedPassword }
        if let password = environment["PUZZEL_PASSWORD"], !password.isEmpty { return password }
        if let command = configuration.passwordCommand {
            do throws(ConfigurationError) {
                return try await firstLine(of: command, key: "passwordCommand", deadline: deadline)
            } catch {
                throw CallFailure(error)
            }
        }
        do throws(SecretStore.Failure) {
            // The keyring answers through a subprocess: waited for on a thread of its own.
            let (customerKey, userName) = (configuration.customerKey!, configuration.userName!)
            let lookup = await DedicatedThread.run { [keyring] in
                Result { () throws(SecretStore.Failure) in try keyring(customerKey, userName, deadline) }
            }
            if let password = try lookup.get() {
                return password
            }
        } catch .notAnswering {
            // A keyring waiting to be unlocked is no missing password: `login` would not help.
            throw .keyringNotAnswering(within: configuration.timeoutSeconds)
        } catch {
            // No keyring here: the config file may still hold the password.
        }
        if let password = configuration.password { return password }
        throw .noPassword(user: configuration.userName!.escapedForDisplay)
    }

    /// How much of a failed password program's error output reaches the terminal.
    static let errorLinesShown = 10

    /// Runs a configured program (an argument vector, no shell) and takes the first line it prints.
    private func firstLine(of command: [String], key: String, deadline: Date) async throws(ConfigurationError)
        -> String
    {
        let seconds = max(0.1, deadline.timeIntervalSinceNow)
        let output: Subprocess.Output
        do {
            output = try await DedicatedThread.run { [environment] in
                Result { () throws(Subprocess.Failure) in
                    try Subprocess.run(
                        command[0], Array(command.dropFirst()), environment: environment,
                        timeout: .milliseconds(Int(seconds * 1000)))
                }
            }.get()
        } catch {
            throw ConfigurationError("\(key): \(error.description)")
        }
        guard output.succeeded else {
            // Its error output may say why, and may as well hold the secret or anything else it read: it goes
            // to the terminal alone, never into the message, `--json`, a notification or the history. Its
            // standard output may be the secret and is never shown.
            for line in output.standardErrorText.split(separator: "\n").prefix(Self.errorLinesShown) {
                warn("\(key) \(command[0].escapedForDisplay): \(String(line).escapedForDisplay)")
            }
            throw ConfigurationError(
                "\(key) \(command[0].escapedForDisplay) failed (\(output.termination.explanation))")
        }
        guard let line = output.standardOutputText.split(separator: "\n", omittingEmptySubsequences: false).first,
            !line.isEmpty
        else { throw ConfigurationError("\(key) \(command[0].escapedForDisplay) printed no secret") }
        return String(line)
    }
}

extension Subprocess.Termination {
    var explanation: String {
        switch self {
        case .exited(let status): "exit status \(status)"
        case .signalled(let signal): "killed by signal \(signal)"
        case .timedOut: "timed out"
        }
    }
}
