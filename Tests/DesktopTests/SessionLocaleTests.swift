import Foundation
import Localization
import SystemSupport
import TestSupport
import Testing

@testable import Desktop

/// Where the environment names no language (a link opened through the desktop portal gets the portal's
/// environment), the agent's language comes from the session: AccountsService, else the user's `locale.conf`,
/// else the system's.
@Suite(.timeLimit(.minutes(5))) struct SessionLocaleTests {
    let folder = TemporaryDirectory()
    /// No system bus: AccountsService is not there.
    var environment: [String: String] {
        ["XDG_CONFIG_HOME": folder.path + "/config", "DBUS_SYSTEM_BUS_ADDRESS": "unix:path=\(folder.path)/no-bus"]
    }

    func language(_ environment: [String: String], root: String? = nil, userID: UInt32 = 1000) -> Language {
        let session = SessionLocale(environment: environment, root: root ?? folder.path + "/root", userID: userID)
        return Language.preferred(in: environment) { session.candidates(deadline: Date().addingTimeInterval(5)) }
    }

    @Test func theUsersLocaleConfWinsOverTheSystems() {
        folder.write("# written by the settings\nLANG=\"sv_SE.UTF-8\"\n", to: "config/locale.conf")
        folder.write("LANG=nb_NO.UTF-8\n", to: "root/etc/locale.conf")
        #expect(language(environment) == .swedish)
    }

    @Test func theSystemsLocaleConfAndDebiansDefaultLocaleAreRead() {
        folder.write("LANG=fi_FI.UTF-8\n", to: "root/etc/locale.conf")
        #expect(language(environment) == .finnish)
        folder.write("LANG=da_DK.UTF-8\nLANGUAGE=da:en\n", to: "other/etc/default/locale")
        #expect(language(environment, root: folder.path + "/other") == .danish)
    }

    /// A place whose locale is `C` names no language: the next one is asked.
    @Test func aPlainLocaleIsPassedOver() {
        folder.write("LANG=C.UTF-8\n", to: "config/locale.conf")
        folder.write("  LC_MESSAGES = 'nb_NO.UTF-8'\n", to: "root/etc/locale.conf")
        #expect(language(environment) == .norwegian)
    }

    @Test func theEnvironmentsLanguageWinsAndCIsNoLanguage() {
        folder.write("LANG=fi_FI.UTF-8\n", to: "config/locale.conf")
        #expect(language(environment.merging(["LANG": "sv_SE.UTF-8"]) { $1 }) == .swedish)
        #expect(language(environment.merging(["LANG": "C.UTF-8", "LC_ALL": "POSIX"]) { $1 }) == .finnish)
        // gettext ignores LANGUAGE under the C locale, but a LANGUAGE set is the environment's own choice.
        #expect(language(environment.merging(["LANG": "C", "LANGUAGE": "sv"]) { $1 }) == .english)
    }

    @Test func nothingAnywhereIsEnglish() {
        #expect(language(environment) == .english)
    }

    /// The session is asked only when the environment names no language.
    @Test func theSessionIsNotAskedWhenTheEnvironmentNamesALanguage() {
        var asked = false
        _ = Language.preferred(in: ["LANG": "nb_NO.UTF-8"]) { () -> [[String: String]] in
            asked = true
            return []
        }
        #expect(!asked)
    }
}

/// Whether the stand-in AccountsService can run: dbus-daemon, and Python with its GLib bindings.
private let canServeAccounts: Bool = {
    guard installed("dbus-daemon", "/usr/bin/python3") else { return false }
    let gi = try? Subprocess.run("/usr/bin/python3", ["-c", "import gi"], timeout: .seconds(20))
    return gi?.succeeded == true
}()

/// AccountsService answers over D-Bus: a stand-in on a private bus, in place of the system bus.
@Suite(.timeLimit(.minutes(5)), .enabled(if: canServeAccounts, "needs dbus-daemon and python3-gi"))
struct AccountsServiceLocaleTests {
    let bus: PrivateSessionBus
    let folder = TemporaryDirectory()

    init() throws { bus = try PrivateSessionBus() }

    func language(userID: UInt32) -> Language {
        let environment = ["XDG_CONFIG_HOME": folder.path + "/config", "DBUS_SYSTEM_BUS_ADDRESS": bus.address]
        let session = SessionLocale(environment: environment, root: folder.path, userID: userID)
        return Language.preferred(in: [:]) { session.candidates(deadline: Date().addingTimeInterval(5)) }
    }

    @Test func theAccountsLanguageWinsOverTheFiles() async throws {
        try await bus.startAccountsService(userID: 4242, language: "nb_NO.UTF-8")
        folder.write("LANG=sv_SE.UTF-8\n", to: "config/locale.conf")
        #expect(language(userID: 4242) == .norwegian)
        #expect(language(userID: 4243) == .swedish, "another user: AccountsService has none, the file is read")
    }

    /// The program itself, started with no language in its environment as the portal starts it, speaks the
    /// session's.
    @Test func aClickWithoutALanguageInItsEnvironmentSpeaksTheSessions() async throws {
        try await bus.startAccountsService(userID: getuid(), language: "nb_NO.UTF-8")
        var environment = folder.environment
        environment["LANG"] = nil
        environment["DBUS_SYSTEM_BUS_ADDRESS"] = bus.address
        environment["PUZZEL_COUNTRY"] = "NO"
        let output = try Subprocess.run(
            productBinary("puzzel-call"), ["tel:112"], environment: environment, timeout: .seconds(30))
        #expect(output.standardErrorText == "puzzel-call: 112 er et nødnummer: ring det fra en telefon\n")
        environment["LANG"] = "en_GB.UTF-8"
        let english = try Subprocess.run(
            productBinary("puzzel-call"), ["tel:112"], environment: environment, timeout: .seconds(30))
        #expect(english.standardErrorText.hasSuffix("112 is an emergency number: call it from a phone\n"))
    }

    /// A user who never chose a language in the settings has an empty one: the files are read.
    @Test func anEmptyAccountsLanguageFallsToTheFiles() async throws {
        try await bus.startAccountsService(userID: 4242, language: "")
        folder.write("LANG=da_DK.UTF-8\n", to: "etc/locale.conf")
        #expect(language(userID: 4242) == .danish)
    }
}
