import FakePuzzel
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import PuzzelCallCLI

@Suite(.timeLimit(.minutes(5))) struct AccountCommandTests {
    let puzzel: FakePuzzelServer
    var runner = CommandRunner()

    init() throws {
        puzzel = try FakePuzzelServer()
        runner.talk(to: puzzel)
    }

    var configFile: String { runner.environment["XDG_CONFIG_HOME"]! + "/puzzel-call/config" }

    @Test func loginAsksForWhatIsMissingAndRemembersIt() async throws {
        let account = puzzel.account
        var runner = runner
        let answers = Mutex([account.customerKey, account.userName, account.password][...])
        runner.ask = { _, _ in answers.withLock { $0.popFirst() } }
        let login = await runner.run("login")
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.contains("Signed in to Puzzel as \(account.userName)"))
        #expect(!login.stdout.contains(account.password))
        let config = try String(contentsOfFile: configFile, encoding: .utf8)
        #expect(config.contains("customerKey = \(account.customerKey)\n"))
        #expect(config.contains("userName = \(account.userName)\n"))
        let mode = try FileManager.default.attributesOfItem(atPath: configFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let status = await runner.run("status")
        #expect(status.stdout.contains("Your state in Puzzel: LoggedOn, Available."))
        let call = await runner.run("--json", "tel:+4722123456")
        #expect(call.json["outcome"] as? String == "called")
        #expect(puzzel.requests(to: .logIn).count == 1, "the click reuses login's session")
    }

    @Test func loginOnAFreshAccountChmodsNoFolderItDidNotCreate() async throws {
        var runner = runner
        let home = runner.folder.path + "/agent"
        for folder in [home, home + "/.cache", home + "/.local"] {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        }
        for variable in ["XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"] {
            runner.environment[variable] = nil
        }
        runner.environment["HOME"] = home
        let login = await runner.run(
            "login", "--customer-key", puzzel.account.customerKey, "--user", puzzel.account.userName,
            "--password-stdin", stdin: [puzzel.account.password])
        #expect(login.status == 0, "\(login.stderr)")
        #expect(await runner.run("tel:+4722123456").status == 0)
        func mode(_ path: String) throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: home + path)[.posixPermissions] as? Int
        }
        for existing in ["", "/.cache", "/.local"] { #expect(try mode(existing) == 0o755, "\(existing)") }
        for created in ["/.config", "/.config/puzzel-call", "/.cache/puzzel-call", "/.local/state/puzzel-call"] {
            #expect(try mode(created) == 0o700, "\(created)")
        }
    }

    @Test func loginWithAWrongPasswordExits77AndKeepsNothing() async throws {
        let result = await runner.run(
            "login", "--customer-key", puzzel.account.customerKey, "--user", puzzel.account.userName,
            "--password-stdin", stdin: ["guess"])
        #expect(result.status == 77)
        #expect(!result.stderr.contains("guess"))
        #expect(!FileManager.default.fileExists(atPath: configFile))
    }

    @Test func loginSendsAOnceRejectedPasswordAgainOnlyWhenAsked() async throws {
        var runner = runner
        runner.environment.merge([
            "PUZZEL_CUSTOMER_KEY": puzzel.account.customerKey, "PUZZEL_USERNAME": puzzel.account.userName,
            "PUZZEL_PASSWORD": "typo",
        ]) { $1 }
        #expect(await runner.run("tel:+4722123456").status == 77)
        #expect(await runner.run("tel:+4722123456").status == 77)
        #expect(await runner.run("logout").status == 0)
        #expect(await runner.run("tel:+4722123456").status == 77)
        #expect(puzzel.requests(to: .logIn).count == 1, "neither a click nor logout sends it again")
        runner.environment["PUZZEL_PASSWORD"] = nil
        let login = await runner.run("login", "--password-stdin", stdin: [puzzel.account.password])
        #expect(login.status == 0)
        #expect(puzzel.requests(to: .logIn).count == 2)
    }

    @Test func logoutForgetsTheSessionAndWithForgetThePassword() async throws {
        let login = await runner.run(
            "login", "--customer-key", puzzel.account.customerKey, "--user", puzzel.account.userName,
            "--password-stdin", stdin: [puzzel.account.password])
        #expect(login.stdout.contains("the password is kept in \(configFile)"))
        #expect(try String(contentsOfFile: configFile, encoding: .utf8).contains("password = "))
        #expect(await runner.run("logout").stdout == "Signed out.\n")
        #expect(await runner.run("status", "--json").json["signedIn"] as? Bool == false)
        #expect(await runner.run("logout", "--forget").status == 0)
        #expect(try !String(contentsOfFile: configFile, encoding: .utf8).contains("password"))
    }

    // MARK: nothing blocks the thread a command runs on

    /// A `secret-tool` that waits until `release()` lets it go, and records each command it answered.
    struct HeldKeyring {
        let folder = TemporaryDirectory()

        init() {
            // It gives up after 30 s, so a command that holds the only thread fails instead of hanging.
            folder.write(
                """
                #!/bin/sh
                touch '\(folder.file("started"))'
                tries=0
                while [ ! -e '\(folder.file("released"))' ]; do
                    tries=$((tries + 1)); [ $tries -gt 600 ] && exit 2
                    sleep 0.05
                done
                cat > /dev/null
                echo "$1" >> '\(folder.file("answered"))'

                """, to: "tools/secret-tool", mode: 0o755)
        }

        func use(in environment: inout [String: String]) {
            environment["PATH"] = folder.file("tools") + ":" + environment["PATH"]!
            environment["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + folder.file("no-bus")
        }

        var answered: String { (try? String(contentsOfFile: folder.file("answered"), encoding: .utf8)) ?? "" }

        /// Once the command waits for `secret-tool`, lets it answer from a task that needs `executor`'s thread.
        func release(through executor: OneThreadExecutor) async throws {
            for _ in 0..<600 where !FileManager.default.fileExists(atPath: folder.file("started")) {
                try await Task.sleep(for: .milliseconds(50))
            }
            let released = await Task(executorPreference: executor) { [folder] in
                FileManager.default.createFile(atPath: folder.file("released"), contents: nil)
            }.value
            #expect(released)
        }
    }

    @Test func loginWaitsForTheAgentAndTheKeyringOffItsThread() async throws {
        let (account, executor, keyring) = (puzzel.account, OneThreadExecutor(), HeldKeyring())
        var runner = runner
        keyring.use(in: &runner.environment)
        let answers = Mutex([account.customerKey, account.userName, account.password][...])
        let askedOnItsThread = Atomic(false)
        runner.ask = { _, _ in
            if executor.isCurrent { askedOnItsThread.store(true, ordering: .relaxed) }
            return answers.withLock { $0.popFirst() }
        }
        async let login = withTaskExecutorPreference(executor) { [runner] in await runner.run("login") }
        try await keyring.release(through: executor)
        let result = await login
        #expect(result.status == 0, "\(result.stderr)")
        let asked = askedOnItsThread.load(ordering: .relaxed)
        #expect(!asked, "the terminal is waited for on a thread of its own")
        #expect(keyring.answered == "store\n", "the keyring is waited for on a thread of its own")
        #expect(result.stdout.contains("keyring"), "\(result.stdout)")
    }

    @Test func logoutWaitsForTheKeyringOffItsThread() async throws {
        let (account, executor, keyring) = (puzzel.account, OneThreadExecutor(), HeldKeyring())
        var runner = runner
        keyring.use(in: &runner.environment)
        runner.environment["PUZZEL_CUSTOMER_KEY"] = account.customerKey
        runner.environment["PUZZEL_USERNAME"] = account.userName
        async let logout = withTaskExecutorPreference(executor) { [runner] in await runner.run("logout", "--forget") }
        try await keyring.release(through: executor)
        #expect(await logout.status == 0)
        #expect(keyring.answered == "clear\n", "the keyring is waited for on a thread of its own")
    }

    @Test func loginAsksAgainAfterAnEmptyAnswer() async throws {
        let account = puzzel.account
        var runner = runner
        let answers = Mutex(["", "  ", account.customerKey, "", account.userName, "", account.password][...])
        runner.ask = { _, _ in answers.withLock { $0.popFirst() } }
        let login = await runner.run("login")
        #expect(login.status == 0, "\(login.stderr)")
        #expect(answers.withLock { $0.isEmpty })
    }

    @Test func loginGivesUpAfterThreeEmptyAnswers() async throws {
        var runner = runner
        let asked = Mutex(0)
        runner.ask = { _, _ in
            asked.withLock { $0 += 1 }
            return ""
        }
        let login = await runner.run("login")
        #expect(login.status == 64)
        #expect(login.stderr == "puzzel-call: login: no Puzzel customer key was typed in 3 tries\n")
        #expect(asked.withLock { $0 } == 3)
    }

    @Test func loginWithoutATerminalSaysWhatToGive() async throws {
        let login = await runner.run("login", "--customer-key", puzzel.account.customerKey)
        #expect(login.status == 78)
        #expect(login.stderr == "puzzel-call: login: Puzzel user name is not configured; give --user\n")
    }

    @Test(arguments: [
        ("Lunch", "Your state in Puzzel: Pause, Pause, Lunch."), (nil, "Your state in Puzzel: Pause, Pause."),
    ])
    func statusShowsThePauseByItsNameOrNotAtAll(name: String?, line: String) async throws {
        _ = await runner.run(
            "login", "--customer-key", puzzel.account.customerKey, "--user", puzzel.account.userName,
            "--password-stdin", stdin: [puzzel.account.password])
        puzzel.setAgentState(contactCentreStatus: "Pause", userStatus: "Pause", pauseTypeId: "3", pauseName: name)
        let status = await runner.run("status")
        #expect(status.stdoutLines.last == line)
    }

    @Test func loginStatusAndLogoutSpeakTheAgentsLanguage() async throws {
        let account = puzzel.account
        var runner = runner
        runner.environment["LANG"] = "sv_SE.UTF-8"
        let questions = Mutex<[String]>([])
        let answers = Mutex([account.customerKey, account.userName, account.password][...])
        runner.ask = { question, _ in
            questions.withLock { $0.append(question) }
            return answers.withLock { $0.popFirst() }
        }
        let login = await runner.run("login")
        #expect(
            questions.withLock { $0 } == [
                "Kundnyckel i Puzzel: ", "Användarnamn i Puzzel: ", "Lösenord för \(account.userName): ",
            ])
        #expect(
            login.stdoutLines.first == "Inloggad i Puzzel som \(account.userName) (kundnyckel \(account.customerKey)).")
        let status = await runner.run("status")
        #expect(status.stdoutLines.last == "Din status i Puzzel: LoggedOn, Available.")
        #expect(await runner.run("logout").stdout == "Utloggad.\n")
        #expect(await runner.run("status", "--json").stdout.contains(#""signedIn":false"#), "--json stays English")
    }

    @Test func statusNeverShowsAToken() async throws {
        _ = await runner.run(
            "login", "--customer-key", puzzel.account.customerKey, "--user", puzzel.account.userName,
            "--password-stdin", stdin: [puzzel.account.password])
        let status = await runner.run("status", "--json")
        let session = status.json["session"] as? [String: Any]
        #expect(session?["userId"] as? String == String(puzzel.account.userId))
        #expect(session?["userStatus"] as? String == "Available")
        let token = try #require(puzzel.requests.last?.headers["authorization"]?.dropFirst("Bearer ".count))
        #expect(!status.stdout.contains(token))
    }

    @Test func historyShowsTheLastCalls() async throws {
        var runner = runner
        runner.environment.merge([
            "PUZZEL_CUSTOMER_KEY": puzzel.account.customerKey, "PUZZEL_USERNAME": puzzel.account.userName,
            "PUZZEL_PASSWORD": puzzel.account.password,
        ]) { $1 }
        // A window wider than any slow machine's click, so the repeat is always "already calling".
        runner.folder.write("duplicateWindowSeconds = 60\n", to: "config/puzzel-call/config")
        _ = await runner.run("tel:+4722123456")
        _ = await runner.run("tel:+4722123456")
        _ = await runner.run("tel:+4799999999")
        let text = await runner.run("history", "-n", "2")
        #expect(text.stdoutLines.count == 2)
        #expect(text.stdoutLines[0].contains("already-calling  004722123456"))
        let json = await runner.run("history", "--json")
        #expect((json.json["entries"] as? [[String: Any]])?.count == 3)
        #expect(await runner.run("history", "-n", "0").status == 64)
    }
}

@Suite(.timeLimit(.minutes(5))) struct DesktopOutcomeTests {
    let puzzel: FakePuzzelServer
    var runner = CommandRunner()

    init() throws {
        puzzel = try FakePuzzelServer()
        let account = puzzel.account
        runner.environment.merge([
            "PUZZEL_AUTH_URL": puzzel.authURL.absoluteString, "PUZZEL_API_URL": puzzel.apiURL.absoluteString,
            "PUZZEL_CUSTOMER_KEY": account.customerKey, "PUZZEL_USERNAME": account.userName,
            "PUZZEL_PASSWORD": account.password,
        ]) { $1 }
        runner.fromDesktop = true
    }

    @Test func aClickFromTheDesktopIsANotification() async {
        #expect(await runner.run("tel:+47 22 12 34 56").status == 0)
        #expect(
            runner.notices.all.map { Notice(summary: $0.summary, body: $0.body, urgency: $0.urgency) } == [
                Notice(
                    summary: "Calling +47 22 12 34 56",
                    body:
                        "Your phone rings first; answer it, and Puzzel calls the number.\nA fixed line number in Norway.",
                    urgency: .normal)
            ])
        #expect(runner.notices.all.first?.deadline != nil, "the notification gets what is left of timeoutSeconds")
    }

    @Test func aRefusalIsANormalNotificationWithTheFix() async {
        puzzel.setAgentState(contactCentreStatus: "LoggedOff", userStatus: "LoggedOff")
        #expect(await runner.run("tel:+4722123456").status == 69)
        let notice = runner.notices.all.last
        #expect(notice?.urgency == .normal, "a refusal expires like any other news, and hides nothing")
        #expect(notice?.summary == "Not calling +47 22 12 34 56")
        #expect(
            notice?.body
                == "You are not logged on in Puzzel; log on in the agent application and click again\n"
                + "A fixed line number in Norway.")
        #expect(notice?.actions == [], "nothing a click could get past")
    }

    @Test func aBrokenConfigurationIsToldToo() async {
        runner.folder.write("country = Narnia\n", to: "config/puzzel-call/config")
        #expect(await runner.run("tel:+4722123456").status == 78)
        #expect(runner.notices.all.last?.body.contains("Narnia") == true)
    }

    /// The runner on a desktop where no notification can be shown.
    var withoutNotifications: CommandRunner {
        var runner = runner
        runner.notificationsWork = false
        return runner
    }

    @Test func withoutNotificationsTheOutcomeGoesToTheLog() async throws {
        let runner = withoutNotifications
        #expect(await runner.run("tel:+4722123456").status == 0)
        let log = try String(
            contentsOfFile: runner.environment["XDG_STATE_HOME"]! + "/puzzel-call/puzzel-call.log", encoding: .utf8)
        #expect(log.contains("Calling +47 22 12 34 56: Your phone rings first"))
    }

    @Test func whatPuzzelEchoesOfThePasswordTokenOrSessionIsNeverShownOrStored() async throws {
        let runner = withoutNotifications
        #expect(await runner.run("tel:+4722123456").status == 0)
        let session = try String(
            contentsOfFile: runner.environment["XDG_CACHE_HOME"]! + "/puzzel-call/session.json", encoding: .utf8)
        let token = try #require(session.firstMatch(of: /"value":"([^"]+)"/)?.1)
        let sessionId = try #require(session.firstMatch(of: /"sessionId":"([^"]+)"/)?.1)
        let secrets = [puzzel.account.password, String(token), String(sessionId)]
        puzzel.calloutResult = (code: 17, message: "Refused for \(secrets.joined(separator: " and "))")

        let plain = await runner.run("tel:+4799999999")
        let json = await runner.run("tel:+4788888888", "--json")
        #expect(plain.status == 69)
        let state = runner.environment["XDG_STATE_HOME"]! + "/puzzel-call/"
        let shownAndStored = [
            plain.stderr, json.stdout, runner.notices.all.map(\.body).joined(),
            try String(contentsOfFile: state + "puzzel-call.log", encoding: .utf8),
            try String(contentsOfFile: state + "history.jsonl", encoding: .utf8),
        ]
        for text in shownAndStored {
            // PuzzelAPI cleans what it knows of the exchange ([redacted]); the program cleans the rest.
            #expect(text.contains(/Refused for ([<\[]redacted[>\]]( and )?){3}/), "\(text)")
            for secret in secrets { #expect(!text.contains(secret)) }
        }
    }

    @Test func withoutFromDesktopThereIsNoNotification() async {
        var runner = runner
        runner.fromDesktop = false
        let result = await runner.run("tel:+4722123456")
        #expect(result.stderr == "Calling +47 22 12 34 56 — your phone rings first\n")
        #expect(runner.notices.all.isEmpty)
    }
}
