import Foundation
import PuzzelAPI
import Testing

/// `puzzel-sandbox` as integrators run it: a separate process printing what to export.
@Suite(.timeLimit(.minutes(5))) struct SandboxTests {
    /// SwiftPM puts the executables next to the test bundle.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("puzzel-sandbox")

    @Test func theSandboxServesTheExportedAccountAndLogsWithoutSecrets() async throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--port", "0", "--agent-state", "Available"]
        let output = Pipe()
        let log = Pipe()
        process.standardOutput = output
        process.standardError = log
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var exports: [String: String] = [:]
        var text = ""
        while exports["PUZZEL_PASSWORD"] == nil {
            let chunk = output.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "puzzel-sandbox ended before printing its exports")
            text += String(decoding: chunk, as: UTF8.self)
            for line in text.split(separator: "\n") where line.hasPrefix("export ") {
                let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1).map(String.init)
                exports[pair[0]] = pair[1]
            }
        }
        let endpoints = PuzzelEndpoints(
            authURL: try #require(URL(string: exports["PUZZEL_AUTH_URL"] ?? "")),
            apiURL: try #require(URL(string: exports["PUZZEL_API_URL"] ?? "")),
            puzzelIDURL: try #require(URL(string: exports["PUZZEL_ID_URL"] ?? "")))
        let client = PuzzelClient(
            endpoints: endpoints, clientName: "sandbox-test", clientVersion: "0.1", environment: [:])
        let password = try #require(exports["PUZZEL_PASSWORD"])
        let customerKey = try #require(exports["PUZZEL_CUSTOMER_KEY"])
        let signIn = try await client.logIn(
            PasswordCredentials(
                customerKey: customerKey, userName: exports["PUZZEL_USERNAME"] ?? "",
                password: password), deadline: .soon)
        let userId = try await client.tokenInformation(signIn.accessToken, deadline: .soon).userId
        _ = try await client.orderCallout(
            CalloutRequest(destination: "004722123456"), customerKey: customerKey,
            userId: userId, token: signIn.accessToken, deadline: .soon)

        process.terminate()
        process.waitUntilExit()
        let logged = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(logged.contains("destination=\"004722123456\""))
        #expect(!logged.contains(password))
        #expect(!logged.contains(signIn.accessToken.value))
    }
}
