import FoundationEssentials

extension CalloutRequest {
    /// The JSON body exactly as the client sends it, for `--dry-run` to show.
    package func jsonBody() -> Data {
        // Encoding a struct of strings cannot fail.
        try! JSONEncoder.requestBody.encode(self)
    }
}

extension PuzzelEndpoints {
    /// `{api}/ContactCentre5/{customerKey}/users/{userId}/callout`, each variable segment percent-encoded.
    package func calloutURL(customerKey: String, userId: String) -> URL {
        apiURL.appendingAPIPath("ContactCentre5/\(customerKey.asPathSegment)/users/\(userId.asPathSegment)/callout")
    }
}

extension JSONEncoder {
    /// Request bodies with their keys sorted, so the same request always reads the same.
    static var requestBody: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
