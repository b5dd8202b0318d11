// puzzel-sandbox: a fake Puzzel on 127.0.0.1, so links can be tried end to end without calling anyone.
import FakePuzzel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The port the sandbox listens on unless told otherwise: fixed, so the config lines it prints stay true
/// from one start to the next.
let defaultPort: UInt16 = 47110

let usage = """
    Usage: puzzel-sandbox [--port N] [--agent-state Available|Busy|WrapUp|Pause|LoggedOff]
           puzzel-sandbox [--port N] --print-config

    Runs a fake Puzzel on 127.0.0.1 until interrupted. It prints the environment to point
    puzzel-call at it, and logs every request it receives to standard error. No call is placed.

      --port N          listen on port N (default: \(defaultPort); 0: any free port)
      --agent-state S   the agent's state (default: Available)
      --print-config    print the config-file lines that point puzzel-call at the sandbox on
                        that port, and the password to sign in with, then exit
      --help            show this help
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("puzzel-sandbox: \(message)\n\n\(usage)\n".utf8))
    exit(64)
}

let agentStates: [String: FakeAgentState] = [
    "available": .available, "busy": .busy, "wrapup": .wrapUp, "pause": .pause(), "loggedoff": .loggedOff,
]
var port = defaultPort
var printsConfig = false
var agentState = FakeAgentState.available
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--help", "-h":
        print(usage)
        exit(0)
    case "--port":
        guard let value = arguments.popFirst(), let number = UInt16(value) else { fail("--port needs a port number") }
        port = number
    case "--print-config":
        printsConfig = true
    case "--agent-state":
        guard let value = arguments.popFirst(), let state = agentStates[value.lowercased()] else {
            fail("--agent-state needs one of Available, Busy, WrapUp, Pause, LoggedOff")
        }
        agentState = state
    default:
        fail("unknown argument \(String(reflecting: argument))")
    }
}

let account = FakeAccount.sandbox

if printsConfig {
    guard port != 0 else { fail("--print-config needs a fixed --port: the lines name it") }
    let base = "http://127.0.0.1:\(port)"
    print(
        """
        # puzzel-sandbox --port \(port): a fake Puzzel on this machine. In ~/.config/puzzel-call/config:
        authURL = \(base)
        apiURL = \(base)
        puzzelIDURL = \(base)/id
        customerKey = \(account.customerKey)
        userName = \(account.userName)
        # Then sign in: echo \(account.password) | puzzel-call login --password-stdin
        """)
    exit(0)
}

// Block the stop signals before the server starts its threads, so they all inherit the mask and
// the main thread alone receives the signals, with sigwait.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGINT)
sigaddset(&stopSignals, SIGTERM)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

let server: FakePuzzelServer
do {
    server = try FakePuzzelServer(account: account, port: port)
} catch {
    FileHandle.standardError.write(Data("puzzel-sandbox: \(error)\n".utf8))
    exit(69)
}
server.agentState = agentState
// After each callout, as Puzzel: the agent's phone rings, the call, wrap-up, and the agent is ready again;
// a read of the state a step (so `puzzel-call --follow`, reading every 2 s, sees each stage).
if agentState == .available { server.statusTimeline = [.available, .busy, .busy, .wrapUp, .available] }
let timelineNote =
    server.statusTimeline.isEmpty
    ? ""
    : "; after each callout, one read at a time: " + server.statusTimeline.map(\.userStatus).joined(separator: ", ")

extension String {
    /// Quoted, with every control, format and separator character as `\u{...}`, so text from any local
    /// program can neither rewrite the terminal nor reorder the log line.
    var escapedForLog: String {
        let escaped = unicodeScalars.map { scalar -> String in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                scalar == "\"" || scalar == "\\" ? "\\\(scalar)" : String(scalar)
            }
        }
        return "\"" + escaped.joined() + "\""
    }
}

/// Bodies and headers are not logged (they hold passwords and tokens), except the callout's destination.
server.onExchange = { request, status in
    var line = "[connection \(request.connectionID)] \(request.method.escapedForLog) \(request.path.escapedForLog)"
    if request.endpoint == .callout, let destination = request.jsonBody?["destination"] as? String {
        line += " destination=\(destination.escapedForLog)"
    }
    line += status.map { " → \($0)" } ?? " → connection dropped"
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

// Written unbuffered: a script reading the exports through a pipe gets them at once.
FileHandle.standardOutput.write(
    Data(
        """
        # A fake Puzzel is listening on 127.0.0.1:\(server.port). Point puzzel-call at it with:
        export PUZZEL_AUTH_URL=\(server.authURL.absoluteString)
        export PUZZEL_API_URL=\(server.apiURL.absoluteString)
        export PUZZEL_ID_URL=\(server.puzzelIDURL.absoluteString)
        export PUZZEL_CUSTOMER_KEY=\(account.customerKey)
        export PUZZEL_USERNAME=\(account.userName)
        export PUZZEL_PASSWORD=\(account.password)
        # Puzzel ID instead of the password: client id \(account.clientId), secret \(account.clientSecret), user id \(account.userId).
        # Agent state: \(agentState.contactCentreStatus)/\(agentState.userStatus)\(timelineNote). Stop with Ctrl-C.

        """.utf8))

var received: Int32 = 0
sigwait(&stopSignals, &received)
server.stop()
