import FoundationEssentials
import Glibc
import SystemSupport

/// One line per outcome in `$XDG_STATE_HOME/puzzel-call/puzzel-call.log`: where an agent (or the IT
/// person helping them) reads what happened when no notification could be shown.
///
/// Text from a link is escaped, so no input can start a line of its own or hide what follows; the
/// file is cut back to its newest half when it outgrows its limit.
package struct ActivityLog: Sendable {
    package let path: String
    package let maximumBytes: Int

    package init(path: String, maximumBytes: Int = 256 * 1024) {
        self.path = path
        self.maximumBytes = maximumBytes
    }

    package init(directories: XDGDirectories) {
        self.init(path: directories.stateDirectory + "/" + XDGDirectories.appName + ".log")
    }

    /// Adds `message` as one line, stamped with the time in UTC.
    package func append(_ message: String, at date: Date = Date()) throws(PrivateFile.Failure) {
        let line = date.formatted(.iso8601) + " " + message.escapedForDisplay + "\n"
        try PrivateFile.ensureDirectory(path.deletingLastPathComponent)
        try PrivateFile.append(Data(line.utf8), to: path)
        var info = stat()
        if stat(path, &info) == 0, Int(info.st_size) > maximumBytes { try trim() }
    }

    /// Keeps the newest lines, about half the limit, so trimming is rare.
    private func trim() throws(PrivateFile.Failure) {
        guard let contents = PrivateFile.readOwned(path) else { return }
        let kept = contents.suffix(maximumBytes / 2)
        let firstWholeLine = kept.firstIndex(of: UInt8(ascii: "\n")).map { kept.index(after: $0) } ?? kept.endIndex
        try PrivateFile.write(Data(kept[firstWholeLine...]), to: path)
    }
}
