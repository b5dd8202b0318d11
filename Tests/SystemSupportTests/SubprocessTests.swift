import Foundation
import Testing

@testable import SystemSupport

@Suite(.timeLimit(.minutes(5))) struct SubprocessTests {
    @Test func argumentsArriveVerbatimWithoutAShell() throws {
        let hostile = "$(touch /tmp/pwned); `id` | rm -rf ~ 'quote\" \n next"
        let output = try Subprocess.run("printf", ["%s|%s", hostile, "*"])
        #expect(output.succeeded)
        #expect(output.standardOutputText == hostile + "|*")
    }

    @Test func feedsStandardInputAndSeparatesTheOutputs() throws {
        let big = Data(repeating: UInt8(ascii: "x"), count: 300_000)
        let output = try Subprocess.run("sh", ["-c", "wc -c; echo oops >&2; exit 3"], input: big)
        #expect(output.termination == .exited(3))
        #expect(output.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines) == "300000")
        #expect(output.standardErrorText == "oops\n")
    }

    @Test func aChildThatIgnoresItsInputDoesNotHurtUs() throws {
        let output = try Subprocess.run("true", input: Data(repeating: 1, count: 1_000_000))
        #expect(output.succeeded)
    }

    @Test func withoutInputTheChildReadsNothing() throws {
        let output = try Subprocess.run("cat")
        #expect(output.succeeded && output.standardOutput.isEmpty)
    }

    @Test func aChildThatWritesWithoutEndIsStoppedPastTheOutputLimit() throws {
        let output = try Subprocess.run("yes", ["a long line of selected text"], outputLimit: 64 * 1024)
        #expect(output.termination == .signalled(SIGKILL))
        #expect(output.standardOutput.count > 64 * 1024)
        #expect(output.standardOutput.count <= 2 * 64 * 1024)
    }

    @Test func theTimeoutKillsTheChild() throws {
        let output = try Subprocess.run("sleep", ["30"], timeout: .milliseconds(200))
        #expect(output.termination == .timedOut)
    }

    @Test func aProcessLeftBehindDoesNotKeepUsWaiting() throws {
        let output = try Subprocess.run("sh", ["-c", "sleep 60 & echo $!; echo done"], timeout: .seconds(20))
        let lines = output.standardOutputText.split(separator: "\n")
        if let leftover = lines.first.flatMap({ pid_t($0) }) { kill(leftover, SIGKILL) }
        #expect(output.termination == .exited(0))
        #expect(lines.last == "done")
    }

    @Test func theEnvironmentIsReplacedAndDecidesThePath() throws {
        let output = try Subprocess.run("env", environment: ["PATH": "/usr/bin:/bin", "ONLY": "this"])
        #expect(output.standardOutputText.split(separator: "\n").sorted() == ["ONLY=this", "PATH=/usr/bin:/bin"])
        #expect(throws: Subprocess.Failure.notFound("env")) {
            try Subprocess.run("env", environment: ["PATH": "/nonexistent"])
        }
    }

    @Test func findLooksUpPathAndAcceptsOnlyExecutableFiles() {
        #expect(Subprocess.find("sh", environment: ["PATH": "/nonexistent:/bin"]) == "/bin/sh")
        #expect(Subprocess.find("sh", environment: ["PATH": "/nonexistent"]) == nil)
        #expect(Subprocess.find("/etc/passwd", environment: [:]) == nil)
        #expect(Subprocess.find("bin", environment: ["PATH": "/"]) == nil)
    }

    @Test func aMissingProgramIsATypedFailure() {
        #expect(throws: Subprocess.Failure.notFound("no-such-tool-here")) {
            try Subprocess.run("no-such-tool-here")
        }
    }
}
