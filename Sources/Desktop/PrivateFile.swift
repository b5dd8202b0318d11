import FoundationEssentials
import Glibc
import SystemSupport

/// Files only the user can read (sessions, records of what we changed), replaced atomically so a
/// reader never sees half a file and a crash never leaves one.
public enum PrivateFile {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let path: String
        public let reason: String

        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Creates the directory (and missing parents) readable by the user only; an existing one must be
    /// ours and is made private.
    public static func ensureDirectory(_ path: String) throws(Failure) {
        var info = stat()
        if stat(path, &info) != 0 {
            let parent = path.deletingLastPathComponent
            if !parent.isEmpty && parent != path { try ensureDirectory(parent) }
            if mkdir(path, 0o700) != 0 && errno != EEXIST { throw Failure(path: path, reason: lastError()) }
            return
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw Failure(path: path, reason: "it is not a directory") }
        // Parents such as ~/.cache are the user's business; only our own folder is made private.
        guard info.st_uid == geteuid() else { return }
        if info.st_mode & 0o077 != 0, chmod(path, 0o700) != 0 { throw Failure(path: path, reason: lastError()) }
    }

    /// Replaces the file with `data`, mode 0600, in a private directory.
    public static func write(_ data: Data, to path: String) throws(Failure) {
        let directory = path.deletingLastPathComponent
        try ensureDirectory(directory.isEmpty ? "." : directory)
        try replace(path, with: data, mode: 0o600)
    }

    /// Writes `data` to a temporary file beside `path`, flushes it to disk, gives it `mode` and renames
    /// it over `path`: readers see the old file or the new one, never a part.
    static func replace(_ path: String, with data: Data, mode: mode_t) throws(Failure) {
        let directory = path.deletingLastPathComponent
        var template = Array(
            "\(directory.isEmpty ? "." : directory)/.\(path.lastPathComponent).XXXXXX".utf8CString)
        // mkstemp creates the file with mode 0600, so it is never readable by others, even briefly.
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw Failure(path: path, reason: lastError()) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = lastError()
                    return
                }
                offset += count
            }
        }
        if failure == nil, fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 { failure = lastError() }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = lastError() }
        if let failure {
            unlink(temporary)
            throw Failure(path: path, reason: failure)
        }
    }

    /// The file's contents, or nil when it is missing, not a regular file, or not owned by us — a
    /// file someone else planted is never trusted.
    public static func readOwned(_ path: String) -> Data? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
            return nil
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return data }
            data.append(contentsOf: buffer[..<count])
        }
    }

    /// Appends `data` to a private file in one `write`, creating the file (0600) when missing. With
    /// `O_APPEND`, lines that two processes append at once stay whole.
    public static func append(_ data: Data, to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw Failure(path: path, reason: lastError()) }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count else { throw Failure(path: path, reason: lastError()) }
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
