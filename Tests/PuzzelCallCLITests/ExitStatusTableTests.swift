import CallFlow
import Foundation
import Testing

@testable import PuzzelCallCLI

/// The exit statuses are listed from one table, so `--help`, the overview and the manual page can never
/// disagree with what the program does.
@Suite(.timeLimit(.minutes(5))) struct ExitStatusTableTests {
    @Test func everyCommandsHelpListsEveryExitStatus() {
        for command in PuzzelCall.commands {
            let help = command.spec.help
            for status in ExitStatus.allCases {
                #expect(help.contains("\(status.rawValue)  ") && help.contains(status.meaning), "\(command.spec.name)")
            }
        }
        #expect(PuzzelCall.overview.contains(ExitStatus.table))
    }

    @Test func theManualPageListsTheSameExitStatuses() throws {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../packaging/puzzel-call.1")
        let text = try String(contentsOf: page, encoding: .utf8)
        let section = try #require(
            text.components(separatedBy: ".SH EXIT STATUS\n").last?.components(separatedBy: ".SH").first)
        let expected = ExitStatus.allCases.map { status in
            // roff writes an apostrophe as \(aq.
            ".TP\n.B \(status.rawValue)\n\(status.meaning.replacingOccurrences(of: "'", with: "\\(aq"))\n"
        }.joined()
        #expect(section == expected)
    }
}
