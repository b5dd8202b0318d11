import Foundation
import SystemSupport
import TestSupport
import Testing

@testable import Desktop

@Suite(.timeLimit(.minutes(5))) struct SecretStoreTests {
    let account = SecretStore.Account(customerKey: "10000", userName: "agent.smith")

    @Test(
        .enabled(
            if: installed("dbus-daemon", "gdbus", "gnome-keyring-daemon", "secret-tool"),
            "needs dbus, libglib2.0-bin, gnome-keyring and libsecret-tools"))
    func storesLooksUpAndClearsWithoutThePasswordOnAnyCommandLine() async throws {
        let bus = try PrivateSessionBus()
        let home = TemporaryDirectory()
        try await bus.startKeyring(home: home.path)
        // secret-tool behind a wrapper that records every command line it is given.
        let tools = TemporaryDirectory()
        let realTool = Subprocess.find("secret-tool", environment: ProcessInfo.processInfo.environment)!
        let wrapper = "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '\(tools.file("argv"))'\nexec '\(realTool)' \"$@\"\n"
        tools.write(wrapper, to: "secret-tool", mode: 0o755)
        var environment = home.environment.merging(bus.environment) { $1 }
        environment["PATH"] = tools.path + ":" + environment["PATH"]!
        let store = SecretStore(environment: environment)
        let password = "s3cret 'pass' \"word\" $(x)\nwith ünïcode "

        #expect(store.isAvailable)
        #expect(try store.lookup(account) == nil)
        try store.store(password, for: account)
        #expect(try store.lookup(account) == password)
        #expect(try store.lookup(SecretStore.Account(customerKey: "10000", userName: "someone.else")) == nil)
        try store.clear(account)
        #expect(try store.lookup(account) == nil)
        try store.clear(account)

        let commandLines = try String(contentsOfFile: tools.file("argv"), encoding: .utf8)
        #expect(
            commandLines.contains(
                "store --label=Puzzel password for agent.smith (customer 10000) service puzzel-call customerKey 10000 userName agent.smith"
            ))
        #expect(!commandLines.contains("s3cret"))
    }

    /// A store whose `secret-tool` answers "s3cret" after `delay` seconds.
    func slowKeyring(answeringAfter delay: String, timeout: Duration, in tools: TemporaryDirectory) -> SecretStore {
        tools.write("#!/bin/sh\nsleep \(delay)\nprintf s3cret\n", to: "secret-tool", mode: 0o755)
        var environment = tools.environment
        environment["PATH"] = tools.path + ":" + environment["PATH"]!
        environment["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent"
        return SecretStore(environment: environment, timeout: timeout)
    }

    @Test func aKeyringThatDoesNotAnswerIsWaitedForOnlyUntilTheDeadline() throws {
        let tools = TemporaryDirectory()
        // It answers after 5 s, well within the store's own timeout: only the deadline stops the wait.
        let store = slowKeyring(answeringAfter: "5", timeout: .seconds(60), in: tools)
        #expect(throws: SecretStore.Failure.notAnswering, "the deadline, not the store's timeout") {
            try store.lookup(account, deadline: Date().addingTimeInterval(0.3))
        }
    }

    @Test func aDeadlineLaterThanTheStoresTimeoutIsWaitedFor() throws {
        let tools = TemporaryDirectory()
        // It answers after 0.5 s: later than the store's own timeout, long before the click's deadline.
        let store = slowKeyring(answeringAfter: "0.5", timeout: .milliseconds(100), in: tools)
        #expect(try store.lookup(account, deadline: Date().addingTimeInterval(60)) == "s3cret")
        #expect(throws: SecretStore.Failure.notAnswering, "without a deadline, the store's timeout") {
            try store.lookup(account)
        }
    }

    @Test func withoutSecretToolTheKeyringIsUnavailable() {
        let store = SecretStore(environment: [
            "PATH": "/nonexistent", "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
        ])
        #expect(!store.isAvailable)
        #expect(throws: SecretStore.Failure.unavailable("secret-tool is not installed")) { try store.lookup(account) }
        #expect(throws: SecretStore.Failure.unavailable("secret-tool is not installed")) {
            try store.store("pw", for: account)
        }
    }

    @Test(.enabled(if: installed("secret-tool"), "needs libsecret-tools"))
    func withoutASessionBusTheKeyringIsUnavailable() {
        let folder = TemporaryDirectory()
        folder.provide("secret-tool")
        let environment = folder.environment
        #expect(!SecretStore(environment: environment).isAvailable)
        #expect(throws: SecretStore.Failure.unavailable("there is no session bus")) {
            try SecretStore(environment: environment).store("pw", for: account)
        }
        // A bus address that leads nowhere: secret-tool's own complaint comes back, typed.
        let broken = SecretStore(
            environment: environment.merging(["DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"]) { $1 })
        #expect(throws: SecretStore.Failure.self) { try broken.lookup(account) }
    }
}
