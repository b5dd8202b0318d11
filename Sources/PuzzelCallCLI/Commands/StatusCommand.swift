import CallFlow
import Localization

/// `puzzel-call status`: who is signed in, until when, and the agent's state. Never a token.
enum StatusCommand: Command {
    static let spec = CommandSpec(
        name: "status", usage: "puzzel-call status [--json]",
        summary: "Show who is signed in, until when, and your state in Puzzel.",
        options: [CommandSpec.jsonOption, CommandSpec.verboseOption], details: "", positionals: 0...0)

    struct Options: CommandOptions {
        let json: Bool
        let verbose: Bool

        init(_ arguments: ParsedArguments) {
            json = arguments.has("--json")
            verbose = arguments.has(CommandSpec.verboseOption.name)
        }
    }

    static func run(_ options: Options, console: Console) async throws -> ExitStatus {
        let configuration = try console.configuration()
        let account = console.account(configuration, trace: console.trace(verbose: options.verbose))
        let status = try await account.status()
        // Without a session the next click must sign in: with a password Puzzel rejected, it cannot.
        let blocked = status == nil ? await account.isBlockedByRejectedPassword() : false
        if options.json {
            console.printJSON(StatusReport(status, passwordRejected: blocked))
            return .success
        }
        guard let status else {
            if blocked {
                console.print(SignInText.clicksBlocked.text(in: console.language))
            } else {
                console.print(.notSignedIn)
            }
            return .success
        }
        console.print(
            .signedInAs(
                user: status.user.escapedForDisplay, customerKey: status.customerKey.escapedForDisplay,
                userId: status.userId?.escapedForDisplay))
        if let sessionExpiry = status.sessionExpiry {
            console.print(.sessionLasts(until: console.dateStyle.string(from: sessionExpiry)))
        }
        let state = [status.contactCentreStatus, status.userStatus, status.pause].compactMap { $0 }
        console.print(.stateInPuzzel(state.map(\.escapedForDisplay).joined(separator: ", ")))
        return .success
    }

    /// `status --json`: `signedIn`, the session's details when there is one, and whether clicks are stopped
    /// by a password Puzzel rejected.
    struct StatusReport: Encodable {
        let signedIn: Bool
        let session: Account.Status?
        let passwordRejected: Bool

        init(_ status: Account.Status?, passwordRejected: Bool) {
            signedIn = status != nil
            session = status
            self.passwordRejected = passwordRejected
        }
    }
}
