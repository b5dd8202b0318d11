import CallFlow

/// `puzzel-call logout`: forgets the session, and with `--forget` the stored password too.
enum LogoutCommand: Command {
    static let spec = CommandSpec(
        name: "logout", usage: "puzzel-call logout [--forget]",
        summary: "Forget the cached Puzzel session.",
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
        console.account(configuration).logOut()
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
