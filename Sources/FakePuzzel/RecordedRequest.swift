import Foundation

/// One request as the fake received it.
public struct RecordedRequest: Sendable {
    public let method: String
    /// The path as sent, percent-encoding included.
    public let path: String
    /// Header names in lower case.
    public let headers: [String: String]
    public let body: Data
    /// False when the connection ended (or was dropped on purpose) before the whole body arrived:
    /// a server cannot act on such a request.
    public let isComplete: Bool
    /// Counts accepted TCP connections from 1: equal ids mean the client reused a keep-alive connection.
    public let connectionID: Int
    public let endpoint: FakeEndpoint

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
    /// The body as a JSON object, or nil.
    public var jsonBody: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    /// The body as `application/x-www-form-urlencoded` fields.
    public var formBody: [String: String] {
        var fields: [String: String] = [:]
        for pair in bodyText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }
}
