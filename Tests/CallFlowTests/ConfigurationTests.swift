import Foundation
import TestSupport
import Testing

@testable import CallFlow

@Suite(.timeLimit(.minutes(5))) struct ConfigurationTests {
    let folder = TemporaryDirectory()

    func load(_ extra: [String: String] = [:], options: [(key: String, value: String, option: String)] = [])
        throws(ConfigurationError) -> Configuration
    {
        try ConfigurationLoader(environment: folder.environment.merging(extra) { $1 }).load(options: options)
    }

    @Test func laterLayersWin() throws {
        folder.write(
            "customerKey = 10001\nuserName = fleet\ncountry = SE\ntimeoutSeconds = 9\n",
            to: "etc-xdg/puzzel-call/config")
        folder.write("# mine\nuserName = agent7\ncountry = no\n", to: "config/puzzel-call/config")
        let configuration = try load(["PUZZEL_COUNTRY": "DK"], options: [("country", "FI", "--country")])
        #expect(configuration.customerKey == "10001")
        #expect(configuration.userName == "agent7")
        #expect(configuration.timeoutSeconds == 9)
        #expect(configuration.country == "FI")
        #expect(configuration.countryOrigin == .flag("--country"))
        #expect(try load(["PUZZEL_COUNTRY": "DK"]).country == "DK")
        #expect(try load().country == "NO")
    }

    @Test func builtInDefaults() throws {
        let configuration = try load()
        #expect(configuration.endpoints.authURL.absoluteString == "https://auth.puzzel.com")
        #expect(configuration.destinationFormat == .doubleZero)
        #expect(configuration.checkStatus)
        #expect(configuration.duplicateWindowSeconds == 5)
        #expect(configuration.timeoutSeconds == 15)
        #expect(configuration.refuseTypes == [.premiumRate])
        #expect(configuration.calloutRequest(destination: "0047").jsonBody() == Data(#"{"destination":"0047"}"#.utf8))
    }

    @Test func platformChoosesHostsUnlessAURLIsGiven() throws {
        folder.write("apiURL = http://127.0.0.1:8080\nplatform = uk\n", to: "config/puzzel-call/config")
        let endpoints = try load().endpoints
        #expect(endpoints.authURL.absoluteString == "https://ukauth.puzzel.com")
        #expect(endpoints.apiURL.absoluteString == "http://127.0.0.1:8080")
        #expect(
            try load(["PUZZEL_AUTH_URL": "http://localhost:1"]).endpoints.authURL.absoluteString == "http://localhost:1"
        )
    }

    @Test func puzzelConfigReplacesTheUsersFile() throws {
        folder.write("userName = mine\n", to: "config/puzzel-call/config")
        let other = folder.write("userName = scripted\n", to: "elsewhere.conf")
        #expect(try load(["PUZZEL_CONFIG": other]).userName == "scripted")
        #expect(throws: ConfigurationError.self) { try load(["PUZZEL_CONFIG": folder.path + "/missing.conf"]) }
    }

    @Test func calloutFieldsAreSentOnlyWhenSet() throws {
        folder.write("queueKey = q_sales\nrequestDescription = \" CRM click \"\n", to: "config/puzzel-call/config")
        let body = try load().calloutRequest(destination: "004722123456").jsonBody()
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"destination":"004722123456","queueKey":"q_sales","requestDescription":" CRM click "}"#)
    }

    @Test(arguments: [
        ("customerKey 10001", "expected `key = value`"),
        ("custmerKey = 1", "unknown key “custmerKey”"),
        ("timeoutSeconds = soon", "timeoutSeconds: “soon” is not a number of seconds"),
        ("checkStatus = maybe", "checkStatus: “maybe” is not true or false"),
        ("country = Norway", "country: “Norway” is not a known ISO 3166 country code"),
        ("destinationFormat = +", "destinationFormat: “+” is not 00 or e164"),
        ("authURL = ftp://x", "authURL: “ftp://x” is not an http:// or https:// URL"),
        ("refuseTypes = premium", "refuseTypes: “premium” is not a number type"),
        ("passwordCommand = pass show 'puzzel", "passwordCommand: an unmatched quote"),
    ])
    func aBadLineNamesTheFileAndLine(line: String, problem: String) throws {
        let file = folder.write("# comment\n\n\(line)\n", to: "config/puzzel-call/config")
        let error = #expect(throws: ConfigurationError.self) { try load() }
        #expect(error?.message.hasPrefix("\(file):3: ") == true)
        #expect(error?.message.contains(problem) == true, "\(error?.message ?? "")")
        #expect(error?.exitStatus == .configuration)
    }

    @Test func aPasswordInAFileOthersCanReadIsRefused() throws {
        let file = folder.write("password = hunter2\n", to: "config/puzzel-call/config", mode: 0o644)
        let error = #expect(throws: ConfigurationError.self) { try load() }
        #expect(
            error?.message
                == "\(file):1: password is only read from a file that group and others cannot read: chmod 600 \(file)")
        #expect(error?.message.contains("hunter2") == false)
        chmod(file, 0o600)
        #expect(try load().password == "hunter2")
    }

    @Test(arguments: ["password hunter2", "password: hunter2", "hunter2", "password hunter2 = x"])
    func aBrokenLineIsNeverQuoted(line: String) throws {
        let file = folder.write("\(line)\n", to: "config/puzzel-call/config", mode: 0o600)
        let error = #expect(throws: ConfigurationError.self) { try load() }
        #expect(error?.message.hasPrefix("\(file):1: ") == true)
        #expect(error?.message.contains("hunter2") == false, "\(error?.message ?? "")")
        #expect(error?.message.contains("“password”") == line.hasPrefix("password"))
    }

    @Test(arguments: ["passwordCommand = pass show puzzel", "authURL = https://auth.example", "clientSecret = s"])
    func whatDecidesWhereThePasswordGoesComesOnlyFromAFileOthersCannotChange(line: String) throws {
        let file = folder.write("country = NO\n\(line)\n", to: "config/puzzel-call/config", mode: 0o622)
        let error = #expect(throws: ConfigurationError.self) { try load() }
        #expect(
            error?.message
                == "\(file):2: \(line.prefix { $0 != " " }) is only read from a file that nobody but you and root can "
                + "change: group or others can change \(resolved(file)): run `chmod go-w \(resolved(file))`")
        #expect(error?.exitStatus == .configuration)
        chmod(file, 0o600)
        #expect(throws: Never.self) { try load() }
    }

    @Test func aFolderOthersCanChangeIsNamedWithItsFix() throws {
        let file = folder.write("passwordCommand = pass\n", to: "etc-xdg/puzzel-call/config")
        let folderPath = resolved(folder.path + "/etc-xdg")
        chmod(folderPath, 0o777)
        let error = #expect(throws: ConfigurationError.self) { try load() }
        #expect(error?.message.hasPrefix("\(file):1: passwordCommand") == true)
        #expect(
            error?.message.hasSuffix("group or others can change \(folderPath): run `chmod go-w \(folderPath)`") == true
        )
    }

    @Test(arguments: ["passwordCommand = pass", "password = hunter2"])
    func aConfigLinkedFromAFolderOthersCanChangeIsRefused(line: String) throws {
        let file = folder.write("\(line)\n", to: "private/config", mode: 0o600)
        #expect(throws: Never.self, "the file itself is trusted") { try load(["PUZZEL_CONFIG": file]) }
        // Whoever can write the shared folder can point the link at another file between check and read.
        let shared = folder.path + "/shared"
        mkdir(shared, 0o777)
        chmod(shared, 0o777)
        let link = shared + "/config"
        symlink(file, link)
        let error = #expect(throws: ConfigurationError.self) { try load(["PUZZEL_CONFIG": link]) }
        #expect(
            error?.message
                == "\(link):1: \(line.prefix { $0 != " " }) is only read from a file that nobody but you and root can "
                + "change: group or others can change \(shared): run `chmod go-w \(shared)`")
        #expect(error?.message.contains("hunter2") == false)
        #expect(error?.exitStatus == .configuration)
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give a link to another user"))
    func aConfigLinkOfAnotherUserIsRefused() throws {
        let file = folder.write("passwordCommand = pass\n", to: "private/config", mode: 0o600)
        // A folder like /tmp: everyone may add a link, but only its owner can point it elsewhere.
        let sticky = folder.path + "/sticky"
        mkdir(sticky, 0o1777)
        chmod(sticky, 0o1777)
        let link = sticky + "/config"
        symlink(file, link)
        #expect(try load(["PUZZEL_CONFIG": link]).passwordCommand == ["pass"])
        lchown(link, 65534, 65534)
        let error = #expect(throws: ConfigurationError.self) { try load(["PUZZEL_CONFIG": link]) }
        #expect(
            error?.message.hasSuffix("\(link) belongs to \(userName(65534)): run `chown -h root \(link)`") == true,
            "\(error?.message ?? "")")
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give the file to another group"))
    func groupWriteIsHarmlessOnlyForTheUsersOwnPrivateGroup() throws {
        // root's primary group is root, named like it, with no other member: a private group, as
        // Debian and Ubuntu give every user (whose umask 002 makes files group-writable).
        let file = folder.write("passwordCommand = pass\n", to: "config/puzzel-call/config", mode: 0o620)
        chown(file, 0, 0)
        #expect(try load().passwordCommand == ["pass"])
        chown(file, 0, 65534)
        let error = #expect(throws: ConfigurationError.self) { try load() }
        #expect(error?.message.hasSuffix("run `chmod go-w \(resolved(file))`") == true)
    }

    @Test func aFileOthersCanChangeOnlyTightensTheGuards() throws {
        let looser = "checkStatus = false\nduplicateWindowSeconds = 0\nburstLimit = 0\nrefuseTypes = mobile\n"
        folder.write(looser, to: "etc-xdg/puzzel-call/config", mode: 0o666)
        var configuration = try load()
        #expect(configuration.checkStatus)
        #expect(configuration.duplicateWindowSeconds == Configuration().duplicateWindowSeconds)
        #expect(configuration.burstLimit == Configuration().burstLimit)
        #expect(configuration.refuseTypes == [.premiumRate, .mobile], "refusing more is stricter")

        folder.write("burstLimit = 1\nduplicateWindowSeconds = 30\n", to: "etc-xdg/puzzel-call/config", mode: 0o666)
        configuration = try load()
        #expect(configuration.burstLimit == 1)
        #expect(configuration.duplicateWindowSeconds == 30)
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give the file to root's group"))
    func aGroupIsPrivateOnlyWhenNoOtherAccountHasItAsItsPrimaryGroup() throws {
        let file = folder.write("", to: "group-writable", mode: 0o620)
        chown(file, 0, 0)
        var info = stat()
        stat(file, &info)
        var trust = FileTrust(home: "/root")
        trust.accounts = folder.write("root:x:0:0:root:/root:/bin/bash\n", to: "passwd")
        #expect(trust.intruder(into: info) == nil, "root's own group")
        trust.accounts = folder.write(
            "root:x:0:0:root:/root:/bin/bash\nother:x:1001:0::/home/other:/bin/sh\n", to: "passwd")
        #expect(trust.intruder(into: info) == .groupOrOthers, "another account's primary group too")
    }

    @Test func otherSettingsAreStillReadFromAFileOthersCanChange() throws {
        folder.write("country = SE\n", to: "etc-xdg/puzzel-call/config", mode: 0o666)
        #expect(try load().country == "SE")
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give the file to another user"))
    func aFileOfAnotherUserIsRefused() throws {
        let file = folder.write("authURL = https://auth.example\n", to: "etc-xdg/puzzel-call/config")
        chown(file, 65534, 65534)
        let error = #expect(throws: ConfigurationError.self) { try load() }
        #expect(
            error?.message.hasSuffix(
                "\(resolved(file)) belongs to \(userName(65534)): run `chown root \(resolved(file))`") == true)
        chown(file, 0, 0)
        #expect(try load().endpoints.authURL.absoluteString == "https://auth.example")
    }

    @Test func passwordCommandIsSplitIntoWordsWithoutAShell() throws {
        folder.write("passwordCommand = pass show \"puzzel/agent one\" $HOME;rm\n", to: "config/puzzel-call/config")
        #expect(try load().passwordCommand == ["pass", "show", "puzzel/agent one", "$HOME;rm"])
    }

    @Test(arguments: [
        (["LANG": "nb_NO.UTF-8"], "NO", "LANG"),
        (["LC_ALL": "de_DE@euro", "LANG": "nb_NO.UTF-8"], "DE", "LC_ALL"),
        (["LC_MESSAGES": "en_GB", "LANG": "sv_SE.UTF-8"], "GB", "LC_MESSAGES"),
    ])
    func theCountryFallsBackToTheLocale(locale: [String: String], region: String, variable: String) throws {
        let configuration = try load(locale)
        #expect(configuration.country == region)
        #expect(configuration.countryOrigin == .locale(variable: variable, value: locale[variable]!))
    }

    @Test func aLocaleWithoutACountryGivesNone() throws {
        #expect(try load(["LANG": "C.UTF-8"]).country == nil)
        #expect(try load(["LC_ALL": "POSIX", "LANG": "nb_NO.UTF-8"]).country == nil)
    }
}

/// The name of a user, as `ls -l` shows it.
func userName(_ user: uid_t) -> String {
    getpwuid(user).map { String(cString: $0.pointee.pw_name) } ?? "uid \(user)"
}

/// The path without links, `.` or doubled slashes, as messages about a file's trust name it.
func resolved(_ path: String) -> String {
    URL(fileURLWithPath: path).resolvingSymlinksInPath().path
}

/// Every setting the loader accepts is explained where IT and agents look for it.
@Suite(.timeLimit(.minutes(5))) struct ConfigurationDocumentationTests {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")

    @Test func theReadmeAndTheExampleExplainEveryKey() throws {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(contentsOf: root.appendingPathComponent("packaging/config.example"), encoding: .utf8)
        for key in ConfigurationKey.allCases {
            #expect(readme.contains("`\(key.rawValue)`"), "README.md does not explain \(key.rawValue)")
            #expect(
                example.contains("\n#\(key.rawValue) = ") || example.contains("\n\(key.rawValue) = "),
                "packaging/config.example does not show \(key.rawValue)")
        }
    }
}
