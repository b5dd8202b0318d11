import Desktop
import FoundationEssentials
import Glibc
import SystemSupport

/// One attempt, as `puzzel-call history` shows it. It holds no secret: no token, no password.
package struct HistoryEntry: Codable, Sendable, Equatable {
    package let time: Date
    /// The link as clicked, cut to a sane length.
    package let input: String
    package let destination: String?
    /// `called`, `already-calling`, or the error code of the failure.
    package let outcome: String
    /// What the user was told, with Puzzel's message when there was one.
    package let message: String
    /// What the agent was warned of with the call (an extension not dialled, a number outside the known
    /// ranges); absent in entries written before puzzel-call kept them.
    package let warnings: [String]?
    /// How far a placed call came, as its follow last saw it (`CallFollower`); absent when it was not followed.
    package var callProgress: CallProgress?

    package init(
        time: Date, input: String, destination: String?, outcome: String, message: String, warnings: [String] = []
    ) {
        self.time = time
        self.input = String(input.prefix(300))
        self.destination = destination
        self.outcome = outcome
        self.message = message
        self.warnings = warnings.isEmpty ? nil : warnings
    }
}

/// The history in `$XDG_STATE_HOME/puzzel-call/history.jsonl`: one JSON object a line, kept under 1 MB by
/// dropping the oldest half when it grows past that.
package struct CallHistory: Sendable {
    package let directory: String
    package var file: String { directory + "/history.jsonl" }
    static let sizeLimit = 1_000_000

    package init(directory: String) { self.directory = directory }

    package func append(_ entry: HistoryEntry) throws(PrivateFile.Failure) {
        try PrivateFile.ensureDirectory(directory)
        var line = try! JSONEncoder.puzzelCall.encode(entry)
        line.append(UInt8(ascii: "\n"))
        if fileSize() + line.count <= Self.sizeLimit {
            try PrivateFile.append(line, to: file)
        } else {
            try PrivateFile.write(Self.newestHalf(of: PrivateFile.readOwned(file) ?? Data()) + line, to: file)
        }
    }

    /// Records how far the last call to `destination` came. A line of its own, appended as every entry
    /// is, so that no click's entry written meanwhile can be lost to a rewrite; `last` joins it to its entry.
    package func record(_ progress: CallProgress, ofCallTo destination: String) throws(PrivateFile.Failure) {
        try PrivateFile.ensureDirectory(directory)
        var line = try! JSONEncoder.puzzelCall.encode(ProgressLine(callProgressOf: destination, callProgress: progress))
        line.append(UInt8(ascii: "\n"))
        try PrivateFile.append(line, to: file)
    }

    /// The last `count` entries, oldest first, each with its call's last progress; damaged lines are skipped.
    package func last(_ count: Int) -> [HistoryEntry] {
        guard let data = PrivateFile.readOwned(file) else { return [] }
        var entries: [HistoryEntry] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            if let entry = try? JSONDecoder.puzzelCall.decode(HistoryEntry.self, from: Data(line)) {
                entries.append(entry)
            } else if let progress = try? JSONDecoder.puzzelCall.decode(ProgressLine.self, from: Data(line)),
                let index = entries.lastIndex(where: {
                    $0.destination == progress.callProgressOf && $0.outcome == "called"
                })
            {
                entries[index].callProgress = progress.callProgress
            }
        }
        return Array(entries.suffix(count))
    }

    /// A call's progress, recorded after its entry (which an older puzzel-call's `history` skips as damaged).
    private struct ProgressLine: Codable {
        /// The call's destination.
        let callProgressOf: String
        let callProgress: CallProgress
    }

    private func fileSize() -> Int {
        var info = stat()
        return stat(file, &info) == 0 ? Int(info.st_size) : 0
    }

    private static func newestHalf(of data: Data) -> Data {
        let start = data.index(data.startIndex, offsetBy: data.count / 2)
        guard let newline = data[start...].firstIndex(of: UInt8(ascii: "\n")) else { return Data() }
        return Data(data[(newline + 1)...])
    }
}
