import Foundation
import SystemSupport
import TestSupport
import Testing

@testable import Desktop

@Suite(.timeLimit(.minutes(5))) struct ActivityLogTests {
    @Test func hostileInputStaysOnItsOwnLine() throws {
        let state = TemporaryDirectory()
        let log = ActivityLog(directories: XDGDirectories(environment: ["HOME": state.path]))
        let hostile = "tel:+47\n2026-01-01T00:00:00Z Calling +1 900 — forged\r\u{1b}[2K\u{202e}gnp.exe\\n"
        try log.append("Refused " + hostile, at: Date(timeIntervalSince1970: 0))
        try log.append("Calling +47 22 12 34 56", at: Date(timeIntervalSince1970: 60))

        #expect(log.path == state.path + "/.local/state/puzzel-call/puzzel-call.log")
        let lines = try String(contentsOfFile: log.path, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines == [
                "1970-01-01T00:00:00Z Refused tel:+47\\n2026-01-01T00:00:00Z Calling +1 900 — forged\\r\\x1b[2K\\u{202e}gnp.exe\\\\n",
                "1970-01-01T00:01:00Z Calling +47 22 12 34 56",
                "",
            ])
        #expect(permissions(log.path) == 0o600)
    }

    @Test func staysWithinItsLimitAndKeepsTheNewestLines() throws {
        let state = TemporaryDirectory()
        let log = ActivityLog(path: state.file("puzzel-call.log"), maximumBytes: 1000)
        for attempt in 1...200 { try log.append("attempt \(attempt)") }

        let text = try String(contentsOfFile: log.path, encoding: .utf8)
        #expect(text.utf8.count <= 1000)
        let lines = text.split(separator: "\n")
        #expect(lines.last?.hasSuffix(" attempt 200") == true)
        #expect(lines.allSatisfy { $0.contains(" attempt ") && $0.hasPrefix("20") })
    }
}
