import Desktop
import FakePuzzel
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import PuzzelCallCLI

/// A click that needs a password offers “Sign in”: a dialog (a zenity stand-in here) asks for it, it is kept,
/// and the clicked number is called — with no terminal, and never with a password Puzzel rejected.
extension DesktopOutcomeTests {
    static let wrongPassword = "wrong-password-1"

    /// The runner without `PUZZEL_PASSWORD`: the password is the one kept in the user's config file, no keyring
    /// answers, and zenity is a stand-in that writes down its command line and answers `typed`.
    func signingIn(typing typed: String, keeping kept: String? = nil) -> CommandRunner {
        var runner = runner
        runner.environment["PUZZEL_PASSWORD"] = nil
        if let kept { runner.folder.write("password = \(kept)\n", to: "config/puzzel-call/config", mode: 0o600) }
        runner.folder.write(typed + "\n", to: "typed", mode: 0o600)
        let folder = runner.folder.path
        runner.folder.write(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '\(folder)/zenity-arguments'\ncat '\(folder)/typed'\n",
            to: "bin/zenity", mode: 0o755)
        runner.folder.write("#!/bin/sh\nexit 1\n", to: "bin/secret-tool", mode: 0o755)
        runner.environment["PATH"] = folder + "/bin:" + runner.environment["PATH"]!
        return runner
    }

    var sentPasswords: [String?] { puzzel.requests(to: .logIn).map { $0.jsonBody?["password"] as? String } }

    @Test func aRejectedPasswordOffersSignInAndTheNewOneCalls() async throws {
        var runner = signingIn(typing: puzzel.account.password, keeping: Self.wrongPassword)
        runner.choose = { $0.actions.first?.key }
        #expect(await runner.run("tel:+4722123456").status == 0)
        let (refusal, call) = (runner.notices.all.first, runner.notices.all.last)
        #expect(runner.notices.all.count == 2)
        #expect(refusal?.actions == [Notifier.Action(key: "sign-in", label: "Sign in")])
        #expect(refusal?.body.hasPrefix("Puzzel rejected the password of user") == true)
        #expect(call?.summary == "Calling +47 22 12 34 56")
        #expect(call?.subject == refusal?.subject, "the call takes the refusal's place")
        #expect(sentPasswords == [Self.wrongPassword, puzzel.account.password])
        #expect(callouts == 1)

        let arguments = try String(contentsOfFile: runner.folder.path + "/zenity-arguments", encoding: .utf8)
        #expect(arguments.contains("--hide-text\n"))
        #expect(arguments.contains("Your Puzzel password (user sandbox.agent"))
        #expect(!arguments.contains(puzzel.account.password), "the password never on a command line")
        let config = runner.folder.path + "/config/puzzel-call/config"
        #expect(try String(contentsOfFile: config, encoding: .utf8).contains("password = \(puzzel.account.password)"))
        #expect(permissions(config) == 0o600)
    }

    @Test func theRejectedPasswordTypedAgainIsNeverSent() async {
        var runner = signingIn(typing: Self.wrongPassword, keeping: Self.wrongPassword)
        let choices = Mutex(0)
        // The agent chooses “Sign in” twice, typing the same wrong password, then gives up.
        runner.choose = { notice in
            choices.withLock { count in
                count += 1
                return count <= 2 ? notice.actions.first?.key : nil
            }
        }
        #expect(await runner.run("tel:+4722123456").status == 77)
        #expect(sentPasswords == [Self.wrongPassword], "sent once, never again")
        let notices = runner.notices.all
        #expect(notices.count == 3)
        #expect(
            notices.last?.body.hasPrefix(
                "Puzzel rejected this password, so it is not sent again (Puzzel locks a user after four wrong "
                    + "passwords); choose “Sign in” to enter the new one") == true)
        #expect(notices.allSatisfy { $0.actions.map(\.key) == ["sign-in"] }, "back to the same notification")
        #expect(Set(notices.map(\.subject)).count == 1)
        #expect(callouts == 0)
    }

    @Test func noPasswordKeptOffersSignInInTheAgentsLanguage() async {
        var runner = signingIn(typing: puzzel.account.password)
        runner.environment["LANG"] = "nb_NO.UTF-8"
        runner.choose = { $0.actions.first?.key }
        #expect(await runner.run("tel:+4722123456").status == 0)
        let asked = runner.notices.all.first
        #expect(asked?.body.hasPrefix("Det er ikke lagret noe passord for sandbox.agent; velg «Logg inn»") == true)
        #expect(asked?.actions == [Notifier.Action(key: "sign-in", label: "Logg inn")])
        #expect(sentPasswords == [puzzel.account.password])
        #expect(callouts == 1)
    }

    @Test func aCancelledDialogEndsTheClickQuietly() async {
        var runner = signingIn(typing: "", keeping: Self.wrongPassword)
        runner.folder.write("#!/bin/sh\nexit 1\n", to: "bin/zenity", mode: 0o755)
        runner.choose = { $0.actions.first?.key }
        #expect(await runner.run("tel:+4722123456").status == 77)
        #expect(runner.notices.all.count == 1)
        #expect(sentPasswords == [Self.wrongPassword])
    }

    @Test func aPasswordFromTheEnvironmentIsNotOfferedTheDialog() async {
        var runner = runner
        runner.environment["PUZZEL_PASSWORD"] = Self.wrongPassword
        #expect(await runner.run("tel:+4722123456").status == 77)
        #expect(await runner.run("tel:+4722123456").status == 77)
        #expect(runner.notices.all.allSatisfy { $0.actions.isEmpty }, "a typed password would not be the one sent")
        #expect(
            runner.notices.all.last?.body.hasPrefix(
                "Puzzel rejected this password, so it is not sent again (Puzzel locks a user after four wrong "
                    + "passwords); correct the password puzzel-call is given") == true)
        #expect(sentPasswords == [Self.wrongPassword])
    }

    @Test func doctorFailsAndStatusSaysSoWhileARejectedPasswordStopsClicks() async {
        var runner = signingIn(typing: "", keeping: Self.wrongPassword)
        runner.fromDesktop = false
        #expect(await runner.run("tel:+4722123456").status == 77)
        let doctor = await runner.run("doctor")
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("✗ Puzzel rejected the password kept for you"))
        let status = await runner.run("status")
        #expect(status.stdout.hasPrefix("Not signed in, and clicks are stopped: Puzzel rejected the password"))
        #expect(await runner.run("status", "--json").json["passwordRejected"] as? Bool == true)

        runner.folder.write("password = \(puzzel.account.password)\n", to: "config/puzzel-call/config", mode: 0o600)
        #expect(!(await runner.run("doctor").stdout.contains("rejected")), "a new password unblocks")
        #expect(await runner.run("status", "--json").json["passwordRejected"] as? Bool == false)
        #expect(sentPasswords == [Self.wrongPassword])
    }

    @Test func theMenusSignInAsksKeepsAndSaysWhoIsSignedIn() async {
        var runner = signingIn(typing: puzzel.account.password, keeping: Self.wrongPassword)
        runner.fromDesktop = false
        #expect(await runner.run("--from-desktop").status == 0, "the entry started from the menu, without a link")
        #expect(runner.notices.all.map(\.summary) == ["Signed in to Puzzel as sandbox.agent (customer key 10000)."])
        #expect(sentPasswords == [puzzel.account.password])
        #expect(await runner.run("login", "--from-desktop").status == 0, "the entry's action")
    }

    @Test func theMenusSignInChecksAPasswordNoDialogCouldChange() async {
        var runner = runner
        runner.fromDesktop = false
        runner.environment["PUZZEL_PASSWORD"] = Self.wrongPassword
        #expect(await runner.run("login", "--from-desktop").status == 77)
        #expect(runner.notices.all.map(\.summary) == ["Sign in to Puzzel"])
        #expect(runner.notices.all.first?.body.hasPrefix("Puzzel rejected the password of user sandbox.agent") == true)
        #expect(runner.notices.all.first?.actions == [], "a dialog would not change the password sent")
        #expect(sentPasswords == [Self.wrongPassword])
    }
}
