import Desktop
import FoundationEssentials
import SystemSupport

/// What `doctor` checks of the configuration: that it reads, says who signs in, and has a password.
package struct ConfigurationChecks: Sendable {
    let environment: [String: String]
    let keyring: KeyringLookup

    package init(environment: [String: String], keyring: @escaping KeyringLookup) {
        self.environment = environment
        self.keyring = keyring
    }

    package func all() -> [DoctorCheck] {
        let loader = ConfigurationLoader(environment: environment)
        let configuration: Configuration
        do {
            configuration = try loader.load()
        } catch {
            return [
                .failed("configuration", error.message, fix: "correct the line it names, or run the command it gives")
            ]
        }
        let files = loader.files.map(\.path)
            .filter { FileManager.default.fileExists(atPath: $0) }
        let read = DoctorCheck.passed(
            "configuration",
            files.isEmpty ? "no config file; settings from the environment" : "reads \(files.joined(separator: ", "))")
        return [
            read, account(configuration), passwordSource(configuration),
            EnvironmentOnlySettings(environment: environment).check(),
        ]
    }

    private func account(_ configuration: Configuration) -> DoctorCheck {
        if let clientId = configuration.idClientId {
            let secret = configuration.idClientSecret != nil || configuration.idClientSecretCommand != nil
            return .passed(
                "account",
                "browser sign-in with Puzzel ID at \(configuration.endpoints.puzzelIDURL.absoluteString.escapedForDisplay), "
                    + "\(secret ? "confidential" : "public") client \(clientId.escapedForDisplay), scope "
                    + "\(configuration.idScope.escapedForDisplay)")
        }
        guard let customerKey = configuration.customerKey,
            configuration.userName != nil || configuration.usesPuzzelID
        else {
            return .failed(
                "account", "no customer key or user name is configured",
                fix: "run `puzzel-call login`, or set customerKey and userName in the config")
        }
        let who =
            configuration.usesPuzzelID
            ? "Puzzel ID client \(configuration.clientId!)" : "user \(configuration.userName!)"
        return .passed("account", "\(who), customer key \(customerKey), \(configuration.endpoints.authURL.host ?? "")")
    }

    /// The browser sign-in's session in the keyring: whether there is one, until when its token runs, and
    /// whether it can renew itself.
    private func browserSession(_ configuration: Configuration) -> DoctorCheck {
        let keyring = KeyringSessions(configuration: configuration, environment: environment)
        guard keyring.store.isAvailable else {
            return .failed(
                "session", "the browser sign-in needs a desktop keyring: \(keyring.store.unavailabilityReason)",
                fix: "install and unlock a Secret Service keyring (GNOME Keyring, KWallet), then run "
                    + "`puzzel-call login --browser`")
        }
        let data: Data?
        do {
            data = try keyring.loadBlocking(until: Date().addingTimeInterval(configuration.timeoutSeconds))
        } catch {
            return .failed("session", "\(error)", fix: "unlock the keyring, then run `puzzel-call doctor` again")
        }
        guard let data, let session = try? JSONDecoder.puzzelCall.decode(StoredSession.self, from: data) else {
            return .failed("session", "not signed in with Puzzel ID", fix: "run `puzzel-call login --browser`")
        }
        let until = session.tokenExpiry.map { " until \($0.formatted(.iso8601))" } ?? ""
        let renewal =
            session.browserRefreshToken != nil
            ? "renews itself with its refresh token"
            : "cannot renew itself (no refresh token: ask the admin for offline_access), so sign in again then"
        return .passed(
            "session", "signed in with Puzzel ID in the keyring; the access token runs\(until), then \(renewal)")
    }

    private func passwordSource(_ configuration: Configuration) -> DoctorCheck {
        if configuration.usesBrowserSignIn { return browserSession(configuration) }
        if configuration.usesPuzzelID {
            return .passed("password", "Puzzel ID client secret configured")
        }
        if environment["PUZZEL_PASSWORD"]?.isEmpty == false {
            return .passed("password", "password from PUZZEL_PASSWORD")
        }
        if let command = configuration.passwordCommand {
            guard Subprocess.find(command[0], environment: environment) != nil else {
                return .failed(
                    "password", "passwordCommand \(command[0].escapedForDisplay) is not installed",
                    fix: "install it, or correct passwordCommand")
            }
            return .passed("password", "password from passwordCommand \(command[0].escapedForDisplay)")
        }
        if let customerKey = configuration.customerKey, let userName = configuration.userName {
            let deadline = Date().addingTimeInterval(configuration.timeoutSeconds)
            do {
                if try keyring(customerKey, userName, deadline) != nil {
                    return .passed("password", "password in the desktop keyring")
                }
            } catch {
                return .failed("password", "\(error)", fix: "unlock the keyring, then run `puzzel-call doctor` again")
            }
        }
        if configuration.password != nil {
            return .passed("password", "password in a private config file")
        }
        return .failed("password", "no password is stored", fix: "run `puzzel-call login`")
    }
}
