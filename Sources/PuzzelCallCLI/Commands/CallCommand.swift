import CallFlow
import Desktop
import PhoneNumbers

/// `puzzel-call [call] URI`: what the desktop runs for every click on a tel: or callto: link.
enum CallCommand: Command {
    static let spec = CommandSpec(
        name: "call", usage: "puzzel-call [call] [options] TEL-URI-OR-NUMBER",
        summary: "Call a number through Puzzel: your phone rings first, then the number's.",
        options: [
            dryRunOption, CommandSpec.countryOption, forceOption,
            .init(name: "--strict", value: nil, help: "Refuse numbers outside the known number ranges."),
            followOption, fromDesktopOption, CommandSpec.jsonOption, CommandSpec.verboseOption,
        ],
        details: """
            Examples:
              puzzel-call 'tel:+47-22-12-34-56'
              puzzel-call --dry-run --country GB '020 7946 0958'
            """,
        positionals: 1...1)

    static let fromDesktop = DesktopEntry.fromDesktopOption
    static let fromDesktopOption = CommandSpec.Option(
        name: fromDesktop, value: nil,
        help: "Tell every outcome as a desktop notification (the desktop entry and the shortcut run puzzel-call so).")

    static let followOption = CommandSpec.Option(
        name: "--follow", value: nil,
        help: "After the callout, follow the call: a line a stage (with --json an object a stage), until it ends.")

    /// The options a call shares with `selection`, which calls the way a click does.
    static let dryRunOption = CommandSpec.Option(
        name: "--dry-run", value: nil, help: "Only show the number and the request that would be sent.")
    static let forceOption = CommandSpec.Option(
        name: "--force", value: nil, help: "Call even a refused number type, a busy agent or a repeat click.")

    struct Options: CommandOptions {
        /// The link or number.
        var input: String
        /// `--country` and `--strict`, as the configuration's last layer.
        var settings: [ConfigurationLoader.Setting] = []
        var dryRun = false
        var force = false
        var json = false
        var verbose = false
        var follow = false

        init(input: String) { self.input = input }

        init(_ arguments: ParsedArguments) {
            input = arguments.positionals[0]
            settings = arguments.settings(["--country": "country", "--strict": "strict"])
            dryRun = arguments.has("--dry-run")
            force = arguments.has("--force")
            json = arguments.has("--json")
            verbose = arguments.has(CommandSpec.verboseOption.name)
            follow = arguments.has(followOption.name)
        }
    }

    static func run(_ options: Options, console: Console) async throws -> ExitStatus {
        let configuration = try console.configuration(options.settings)
        guard options.dryRun else { return await click(options, configuration: configuration, console: console) }
        let (number, warnings) = try Click.read(options.input, configuration: configuration, force: options.force)
        let plan = DryRun(input: options.input, number: number, configuration: configuration, warnings: warnings)
        if options.json {
            console.printJSON(plan)
        } else {
            warnings.forEach { console.warning($0) }
            console.print(plan.text)
        }
        return .success
    }

    /// Calls, and tells the outcome; “Call anyway” clicks again with `--force`, and “Sign in” clicks again
    /// with the configuration as the new password left it.
    private static func click(_ options: Options, configuration: Configuration, console: Console) async -> ExitStatus {
        let calling = CallingNotice(console: console)
        let click = Click(
            configuration: configuration, context: console.context(trace: console.trace(verbose: options.verbose)),
            confirm: { await BurstQuestion(console: console).ask($0, numbers: $1) },
            placing: calling.start)
        let run = { @Sendable (force: Bool) in
            let report = await click.run(options.input, force: force)
            await calling.settle()
            return report
        }
        let signIn = DesktopSignIn(console: console, configuration: configuration)
        let report = await run(options.force)
        let status = await ClickPresenter(console: console, json: options.json).present(
            report, callAnyway: options.force ? nil : { await run(true) },
            signIn: signIn.canHelp
                ? {
                    guard await signIn.askAndKeep(), let signedIn = try? console.configuration(options.settings) else {
                        return nil
                    }
                    return await Self.click(options, configuration: signedIn, console: console)
                } : nil)
        guard case .success(.called) = report.outcome, let number = report.number,
            let destination = report.destination
        else { return status }
        if options.follow {
            await CallFollow(console: console, configuration: configuration, json: options.json).follow(
                number, destination: destination)
        } else if console.fromDesktop && configuration.followCall {
            // The click's process ends now, with its outcome told; the follow goes on in its own.
            console.startFollow(number.e164)
        }
        return status
    }
}

/// What `--dry-run` shows: the number as read, and the exact request a call would send.
struct DryRun: Encodable {
    let dryRun = true
    let input: String
    let e164: String
    let international: String
    let destination: String
    let region: String?
    let type: NumberType
    let valid: Bool
    let `extension`: String?
    let postDial: String?
    let ignored: String?
    let country: String?
    /// Nil, like `country`, when no country is known at all.
    let countrySource: String?
    let warnings: [String]
    let request: Request
    private let countryFromLocale: Bool

    private enum CodingKeys: String, CodingKey {
        case dryRun, input, e164, international, destination, region, type, valid, `extension`, postDial, ignored
        case country, countrySource, warnings, request
    }

    struct Request: Encodable {
        let method = "POST"
        let url: String
        let body: String
    }

    init(input: String, number: PhoneNumber, configuration: Configuration, warnings: [String]) {
        self.input = input
        e164 = number.e164
        international = number.international
        destination = number.destination(configuration.destinationFormat)
        region = number.region
        type = number.type
        valid = number.isValid
        self.extension = number.extensionDigits
        postDial = number.postDial
        ignored = number.ignored
        country = configuration.country
        countrySource = configuration.country == nil ? nil : configuration.countryOrigin.description
        if case .locale = configuration.countryOrigin { countryFromLocale = true } else { countryFromLocale = false }
        self.warnings = warnings
        // The user id is learnt at sign-in; a dry run shows where it goes.
        let url = configuration.endpoints.calloutURL(
            customerKey: configuration.customerKey ?? "CUSTOMER-KEY", userId: configuration.userId ?? "USER-ID")
        request = Request(
            url: url.absoluteString,
            body: String(decoding: configuration.calloutRequest(destination: destination).jsonBody(), as: UTF8.self))
    }

    var text: String {
        var lines = [
            "Would call \(international) (\(region ?? "no region"), \(type.description)\(valid ? "" : ", outside the known ranges"))",
            "\(request.method) \(request.url)",
            request.body,
        ]
        if let country, countryFromLocale {
            lines.append("Numbers without a country code are read as \(country), taken from \(countrySource ?? "").")
        }
        return lines.joined(separator: "\n")
    }
}
