import Foundation

/// One request as the fake received it.
package struct RecordedRequest: Sendable {
    package let method: String
    /// The path as sent, percent-encoding included.
    package let path: String
    /// Header names in lower case.
    package let headers: [String: String]
    package let body: Data
    /// False when the connection ended (or was dropped on purpose) before the whole body arrived:
    /// a server cannot act on such a request.
    package let isComplete: Bool
    /// Counts accepted TCP connections from 1: equal ids mean the client reused a keep-alive connection.
    package let connectionID: Int
    package let endpoint: FakeEndpoint

    package var bodyText: String { String(decoding: body, as: UTF8.self) }
    /// The body as a JSON object, or nil.
    package var jsonBody: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    /// The body as `application/x-www-form-urlencoded` fields.
    package var formBody: [String: String] {
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
