import CallFlow
import Desktop
import PuzzelAPI
import SystemSupport

/// The desktop keyring (the Secret Service, through `secret-tool`) as the commands see it.
enum Keyring {
    /// The keyring is waited for until the click's deadline, and no shorter; one that is not there is passed over.
    static func lookup(_ console: Console) -> KeyringLookup {
        let store = SecretStore(environment: console.environment)
        return { customerKey, userName, deadline throws(SecretStore.Failure) in
            let account = SecretStore.Account(customerKey: customerKey, userName: userName)
            do throws(SecretStore.Failure) {
                return try store.lookup(account, deadline: deadline)
            } catch .notAnswering {
                throw .notAnswering
            } catch {
                return nil
            }
        }
    }

    /// Keeps the password in the keyring; false when there is none to keep it in. `secret-tool` is waited
    /// for on a thread of its own.
    static func store(_ password: String, customerKey: String, userName: String, _ console: Console) async -> Bool {
        let account = SecretStore.Account(customerKey: customerKey, userName: userName)
        let store = SecretStore(environment: console.environment)
        return await DedicatedThread.run { (try? store.store(password, for: account)) != nil }
    }

    /// Forgets the password in the keyring, if one keeps it; `secret-tool` is waited for on a thread of its own.
    static func clear(customerKey: String, userName: String, _ console: Console) async {
        let account = SecretStore.Account(customerKey: customerKey, userName: userName)
        let store = SecretStore(environment: console.environment)
        await DedicatedThread.run { try? store.clear(account) }
    }
}

extension Console {
    /// What a click or an account needs of this process: its environment, keyring, secrets, clock and warnings.
    func context(trace: HTTPTrace? = nil) -> Context {
        Context(
            environment: environment, keyring: Keyring.lookup(self), secrets: secrets, trace: trace,
            warn: { [self] in warning($0) }, now: now)
    }

    /// The account of `configuration`, with this console's keyring and warnings.
    func account(_ configuration: Configuration, typedPassword: String? = nil, trace: HTTPTrace? = nil) -> Account {
        Account(configuration: configuration, context: context(trace: trace), typedPassword: typedPassword)
    }

    /// `--verbose`'s trace of the requests to Puzzel, on standard error; nil without the option.
    func trace(verbose: Bool) -> HTTPTrace? {
        verbose ? HTTPTrace { [self] in warn("puzzel-call: \($0)") } : nil
    }
}
