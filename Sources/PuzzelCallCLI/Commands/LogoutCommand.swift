import CallFlow

/// `puzzel-call logout`: forgets the session, and with `--forget` the stored password too.
enum LogoutCommand: Command {
    static let spec = CommandSpec(
        name: "logout", usage: "puzzel-call logout [--forget]",
        summary: "Forget the cached Puzzel session (a browser sign-in's is first revoked at Puzzel ID).",
        options: [
            .init(name: "--forget", value: nil, help: "Also remove the stored password (keyring or config file)."),
            CommandSpec.jsonOption,
        ],
        details: "", positionals: 0...0)

    struct Options: CommandOptions {
        let forget: Bool
        let json: Bool

        init(_ arguments: ParsedArguments) {
            forget = arguments.has("--forget")
            json = arguments.has("--json")
        }
    }

    static func run(_ options: Options, console: Console) async throws -> ExitStatus {
        let configuration = try console.configuration()
        if let failure = await console.account(configuration).logOut() {
            // Forgotten here all the same; the provider may still honour the token until it expires.
            console.warning("the session is forgotten here, but Puzzel ID was not told: \(failure.message)")
        }
        let forget = options.forget
        if forget {
            if let customerKey = configuration.customerKey, let userName = configuration.userName {
                await Keyring.clear(customerKey: customerKey, userName: userName, console)
            }
            try UserConfigFile(environment: console.environment).update([("password", nil)])
        }
        if options.json {
            console.printJSON(["signedOut": true, "passwordForgotten": forget])
        } else {
            console.print(forget ? .signedOutAndPasswordForgotten : .signedOut)
        }
        return .success
    }
}
