import FoundationEssentials
import Glibc
import SystemSupport

/// A config file as it was read: its name resolved once, the file opened there without following a link,
/// and read from that descriptor. Its trust and privacy are judged by that descriptor's status, so a link
/// swapped meanwhile cannot make what is read differ from what is judged.
struct OpenedConfigFile {
    /// The path as the configuration names it (`PUZZEL_CONFIG`, an XDG folder).
    let path: String
    /// The same file without links, `.` or `..`: the name it was opened by.
    let resolvedPath: String
    /// The status of the descriptor that was read.
    let status: stat
    let text: String

    /// Whether only its owner can read it.
    var isPrivate: Bool { status.st_mode & 0o077 == 0 }

    /// The file at `path`; nil when nothing is there.
    static func read(_ path: String) throws(ConfigurationError) -> OpenedConfigFile? {
        guard let resolved = realpath(path, nil) else {
            if errno == ENOENT { return nil }
            throw ConfigurationError("\(path): cannot be read")
        }
        let resolvedPath = String(cString: resolved)
        free(resolved)
        // Non-blocking, so that a FIFO put in its place is refused below instead of waited on.
        let descriptor = open(resolvedPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw ConfigurationError("\(path): cannot be read") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
            let bytes = FileContents.read(descriptor: descriptor)
        else { throw ConfigurationError("\(path): cannot be read") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigurationError("\(path): is not UTF-8 text")
        }
        return OpenedConfigFile(path: path, resolvedPath: resolvedPath, status: status, text: text)
    }
}
