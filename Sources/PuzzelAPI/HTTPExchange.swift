import FoundationEssentials
import Localization
import SystemSupport

/// One request to Puzzel, as the transport sends it.
struct HTTPRequest: Sendable {
    enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    let method: Method
    let url: URL
    /// Header lines beyond those every request carries. Values come from Puzzel too (the token), so the
    /// transport refuses any with a line break rather than let it forge a header.
    var headers: [(name: String, value: String)] = []
    var body: Body? = nil

    enum Body: Sendable {
        case json([UInt8])
        case form([(name: String, value: String)])

        var contentType: String {
            switch self {
            case .json: "application/json; charset=utf-8"
            case .form: "application/x-www-form-urlencoded"
            }
        }

        var bytes: [UInt8] {
            switch self {
            case .json(let bytes): bytes
            case .form(let fields):
                Array(
                    fields.map { "\($0.percentEncoded(keeping: "-_.~"))=\($1.percentEncoded(keeping: "-_.~"))" }
                        .joined(separator: "&").utf8)
            }
        }
    }

    /// Whether sending this twice could do something twice: such a request never travels on a
    /// connection that was used before, since libcurl silently resends a request when a reused
    /// connection closes before any answer.
    var isIdempotent: Bool { method == .get }
}

/// What Puzzel answered.
struct HTTPAnswer: Sendable {
    let status: Int
    let body: [UInt8]
    /// Where a 3xx answer pointed; never followed.
    let redirectTarget: String?
    let sentAt: Date
}

/// Why a request got no answer, and whether it can have reached the server.
enum TransportFailure: Error, Sendable, Equatable {
    /// No connection was made (name resolution, connect, TLS handshake, a refused URL): the request
    /// cannot have had any effect.
    case neverSent(ConnectionProblem)
    /// The deadline passed; `mayHaveBeenSent` is false only when it passed before any byte of the request left.
    case timedOut(mayHaveBeenSent: Bool)
    /// The answer grew past `HTTPTransport.answerLimit`.
    case answerTooLarge
    /// The connection failed after the request was (perhaps) sent.
    case connectionLost(ConnectionProblem)
}

extension TransportFailure: CustomStringConvertible {
    /// For the `--verbose` trace, which integrators paste into tickets: English.
    var description: String {
        switch self {
        case .neverSent(let problem): "not sent: \(problem.text(in: .english))"
        case .timedOut(let mayHaveBeenSent): mayHaveBeenSent ? "timed out after sending" : "timed out before sending"
        case .answerTooLarge: "the answer was too large"
        case .connectionLost(let problem): "connection lost: \(problem.text(in: .english))"
        }
    }
}
