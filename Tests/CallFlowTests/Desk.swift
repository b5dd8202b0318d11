import Desktop
import FakePuzzel
import Foundation
import Synchronization
import TestSupport

@testable import CallFlow

/// An agent's desk for one test: a private home, a fake Puzzel, and the environment that points at it.
final class Desk: Sendable {
    let folder = TemporaryDirectory()
    let puzzel: FakePuzzelServer
    let secrets = SecretValues()
    private let settings: Mutex<(environment: [String: String], keyring: KeyringLookup)>
    private let collectedWarnings = Mutex<[String]>([])

    var environment: [String: String] {
        get { settings.withLock { $0.environment } }
        set { settings.withLock { $0.environment = newValue } }
    }

    /// The desktop keyring as the click sees it: empty unless a test says otherwise.
    var keyring: KeyringLookup {
        get { settings.withLock { $0.keyring } }
        set { settings.withLock { $0.keyring = newValue } }
    }

    init(account: FakeAccount = .sandbox) throws {
        puzzel = try FakePuzzelServer(account: account)
        let environment = folder.environment.merging([
            "PUZZEL_AUTH_URL": puzzel.authURL.absoluteString, "PUZZEL_API_URL": puzzel.apiURL.absoluteString,
            "PUZZEL_ID_URL": puzzel.puzzelIDURL.absoluteString, "PUZZEL_CUSTOMER_KEY": account.customerKey,
            "PUZZEL_USERNAME": account.userName, "PUZZEL_PASSWORD": account.password,
        ]) { $1 }
        settings = Mutex((environment, { _, _, _ in nil }))
        // A test clicks many different numbers within seconds, as a drive-by page would: the burst guard
        // has tests of its own, which turn it on in the user's config. A click has an hour, which no test
        // meets by accident however loaded the machine (each test's limit cuts a hang at five minutes): the
        // tests of deadlines set theirs in the user's config.
        folder.write("burstLimit = 0\ntimeoutSeconds = 3600\nfollowCall = false\n", to: "etc-xdg/puzzel-call/config")
    }

    deinit { puzzel.stop() }

    var warnings: [String] { collectedWarnings.withLock { $0 } }

    /// Writes the user's config file.
    func configure(_ text: String) {
        folder.write(text, to: "config/puzzel-call/config", mode: 0o600)
    }

    func click(
        _ input: String = "tel:+4722123456", force: Bool = false, now: Date = Date(),
        confirm: @escaping Click.Confirmation = { _, _ in false }
    ) async throws -> Click.Report {
        let configuration = try ConfigurationLoader(environment: environment).load()
        let context = Context(
            environment: environment, keyring: keyring, secrets: secrets,
            warn: { [self] warning in collectedWarnings.withLock { $0.append(warning) } }, now: { now })
        let click = Click(configuration: configuration, context: context, confirm: confirm)
        return await click.run(input, force: force)
    }

    /// The endpoints Puzzel was asked, in order.
    var requestSequence: [FakeEndpoint] { puzzel.requests.map(\.endpoint) }

    var cacheDirectory: String { environment["XDG_CACHE_HOME"]! + "/puzzel-call" }

    /// Runs the real `puzzel-call` binary, as the desktop does.
    /// - Parameter authority: a certificate authority to trust instead of the system's (see `TrustingOnly`).
    func runProcess(
        _ arguments: [String], environment extra: [String: String] = [:], trustingOnly authority: String? = nil
    ) async -> MeasuredProcess.Result {
        let environment = environment.merging(extra) { $1 }
        var command = (path: productBinary("puzzel-call"), arguments: arguments)
        if let authority { command = TrustingOnly.command(authority, running: command.path, command.arguments) }
        return await offThePool { [command] in
            MeasuredProcess.run(command.path, command.arguments, environment: environment)
        }
    }
}

extension Click.Report {
    var failure: CallFailure? {
        if case .failure(let failure) = outcome { return failure }
        return nil
    }

    var wasCalled: Bool {
        if case .success(.called) = outcome { return true }
        return false
    }
}
