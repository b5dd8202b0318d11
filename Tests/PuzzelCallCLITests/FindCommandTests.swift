import Foundation
import Testing

@testable import PuzzelCallCLI

@Suite(.timeLimit(.minutes(5))) struct FindCommandTests {
    let runner = CommandRunner()

    private func objects(_ result: CommandRunner.Result) -> [[String: Any]] {
        result.stdoutLines.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
    }

    @Test func printsEveryNumberOfStandardInputAndNoDateOrInvoiceNumber() async {
        let result = await runner.run(
            "find", "--country", "NO",
            stdin: ["Ring 22 12 34 56 før 15/03/2024.", "Fax +47 23 45 67 89, mobil 412 34 567 (faktura 2024-000123)"])
        #expect(result.stdoutLines == ["+4722123456", "+4723456789", "+4741234567"])
        #expect(result.status == 0)
    }

    @Test func jsonGivesLinesAndOffsetsInUnicodeCharactersOfEachLine() async {
        let file = runner.folder.write("Intro line\r\n☎️ Café: +47 22 12 34 56\nnothing here\n", to: "mail.txt")
        let result = await runner.run("find", "--json", file)
        let found = objects(result)
        #expect(found.count == 1)
        #expect(found.first?["line"] as? Int == 2)
        #expect(found.first?["start"] as? Int == 9)
        #expect(found.first?["end"] as? Int == 24)
        #expect(found.first?["raw"] as? String == "+47 22 12 34 56")
        #expect(found.first?["e164"] as? String == "+4722123456")
        #expect(found.first?["region"] as? String == "NO")
        #expect(found.first?["type"] as? String == "fixed-line")
        #expect(found.first?["valid"] as? Bool == true)
        #expect(
            Set(found.first?.keys ?? [:].keys) == ["line", "start", "end", "raw", "e164", "region", "type", "valid"])
    }

    @Test func leniencyDecidesHowStrictlyNumbersAreRead() async {
        let text = ["Call +1 650 25 30 000 or 650-2530000"]
        let valid = await runner.run("find", stdin: text)
        let exact = await runner.run("find", "--country", "US", "--leniency", "exact-grouping", stdin: text)
        #expect(valid.stdoutLines == ["+16502530000"])
        #expect(exact.stdoutLines.isEmpty)
        #expect(exact.status == 65)
    }

    @Test func refusesAnUnknownLeniencyAndAMissingFile() async {
        let leniency = await runner.run("find", "--leniency", "loose", stdin: ["+47 22 12 34 56"])
        #expect(leniency.status == 64)
        #expect(leniency.stdout.isEmpty)
        #expect(leniency.stderr.contains("strict-grouping"))
        let present = runner.folder.write("+47 22 12 34 56\n", to: "present.txt")
        let missing = await runner.run("find", present, runner.folder.path + "/missing.txt")
        #expect(missing.status == 64)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("missing.txt"))
    }

    @Test func helpDescribesTheOutput() async {
        let result = await runner.run("find", "--help")
        #expect(result.status == 0)
        #expect(result.stdout.contains("--leniency L"))
        #expect(result.stdout.contains("end exclusive"))
    }
}
