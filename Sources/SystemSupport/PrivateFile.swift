import FoundationEssentials
import Glibc

/// Files only the user can read (sessions, records of what we changed), replaced atomically so a
/// reader never sees half a file and a crash never leaves one.
package enum PrivateFile {
    package struct Failure: Error, Equatable, CustomStringConvertible {
        package let path: String
        package let reason: String
        /// The system's error number, when the system refused: `ENOSPC` tells a full disk from a folder of
        /// someone else's.
        package let errorNumber: Int32?

        package init(path: String, reason: String, errorNumber: Int32? = nil) {
            self.path = path
            self.reason = reason
            self.errorNumber = errorNumber
        }

        /// The system's refusal that `errno` holds now.
        package static func system(_ path: String) -> Failure {
            let number = errno
            return Failure(path: path, reason: String(cString: strerror(number)), errorNumber: number)
        }

        package var description: String { "cannot write \(path): \(reason)" }
    }

    /// Makes sure `path` is a folder nobody else can change: created 0700 when missing (with any missing
    /// parents, also 0700). An existing one is used as it is only when it is no symbolic link, belongs to
    /// the user, and group and others cannot write it; it is never chmod-ed, as it may not be ours.
    package static func ensureDirectory(_ path: String) throws(Failure) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw .system(path) }
            try createMissingParents(of: path)
            if mkdir(path, 0o700) == 0 { return }
            guard errno == EEXIST else { throw .system(path) }
            // Another process made it meanwhile: it must pass the same checks.
            return try ensureDirectory(path)
        }
        if let problem = problem(with: info) {
            // The nearest error number the system would give: what is there is no folder, or not ours to use.
            let number = info.st_mode & S_IFMT == S_IFLNK ? ELOOP : info.st_mode & S_IFMT != S_IFDIR ? ENOTDIR : EACCES
            throw Failure(path: path, reason: problem, errorNumber: number)
        }
    }

    /// Why an existing folder cannot hold private files; nil when it can.
    static func problem(with info: stat) -> String? {
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return "it is a symbolic link, which could lead anywhere"
        case S_IFDIR: break
        default: return "it is not a directory"
        }
        if info.st_uid != geteuid() { return "it belongs to someone else" }
        if info.st_mode & 0o022 != 0 { return "group or others can write to it" }
        return nil
    }

    /// Parents that are missing are created 0700; existing ones, such as `~/.cache`, are the user's business.
    private static func createMissingParents(of path: String) throws(Failure) {
        let parent = path.deletingLastPathComponent
        guard !parent.isEmpty, parent != path, access(parent, F_OK) != 0 else { return }
        try createMissingParents(of: parent)
        if mkdir(parent, 0o700) != 0 && errno != EEXIST { throw .system(parent) }
    }

    /// Replaces the file with `data`, mode 0600, in a private directory.
    /// - Parameter durable: whether to wait until the data is on the disk, so that it survives a crash.
    /// - Parameter syncingFolder: whether to wait until the rename is on the disk too, so that a crash cannot
    ///   bring the old file back: for a record a promise rests on.
    package static func write(_ data: Data, to path: String, durable: Bool = true, syncingFolder: Bool = false)
        throws(Failure)
    {
        let directory = path.deletingLastPathComponent
        try ensureDirectory(directory.isEmpty ? "." : directory)
        try replace(path, with: data, mode: 0o600, durable: durable)
        if syncingFolder { try syncFolder(directory.isEmpty ? "." : directory) }
    }

    /// Writes `data` to a temporary file beside `path`, gives it `mode`, flushes it to disk (when `durable`)
    /// and renames it over `path`: readers see the old file or the new one, never a part.
    package static func replace(_ path: String, with data: Data, mode: mode_t, durable: Bool = true) throws(Failure) {
        let directory = path.deletingLastPathComponent
        var template = Array(
            "\(directory.isEmpty ? "." : directory)/.\(path.lastPathComponent).XXXXXX".utf8CString)
        // mkstemp creates the file with mode 0600, so it is never readable by others, even briefly.
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw .system(path) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: Failure?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = .system(path)
                    return
                }
                offset += count
            }
        }
        if failure == nil, fchmod(descriptor, mode) != 0 || (durable && fsync(descriptor) != 0) {
            failure = .system(path)
        }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = .system(path) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// Flushes a folder's entries to the disk: a rename is an entry in the folder, and until the folder is on
    /// the disk too, a crash may undo it.
    private static func syncFolder(_ path: String) throws(Failure) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .system(path) }
    }

    /// The file's contents, or nil when it is missing, not a regular file, not owned by us, or in a
    /// folder that is not private (a link, someone else's, writable by others) — a file someone else
    /// planted or could have replaced is never trusted.
    package static func readOwned(_ path: String) -> Data? {
        let directory = path.deletingLastPathComponent
        var folder = stat()
        guard lstat(directory.isEmpty ? "." : directory, &folder) == 0, problem(with: folder) == nil else {
            return nil
        }
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
    package static func append(_ data: Data, to path: String) throws(Failure) {
        let descriptor = try openForAppending(path)
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count else {
            throw written < 0 ? .system(path) : Failure(path: path, reason: "disk full", errorNumber: ENOSPC)
        }
    }

    /// Opens the file without following a link, creating it exclusively when missing, so nobody can slip
    /// a link or a file of their own in its place; an existing file must be ours.
    private static func openForAppending(_ path: String) throws(Failure) -> Int32 {
        let flags = O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW
        var descriptor = open(path, flags)
        if descriptor < 0 && errno == ENOENT {
            descriptor = open(path, flags | O_CREAT | O_EXCL, 0o600)
            // Created by another process meanwhile: open that one, and check it like any other.
            if descriptor < 0 && errno == EEXIST { descriptor = open(path, flags) }
        }
        guard descriptor >= 0 else { throw .system(path) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
            close(descriptor)
            throw Failure(path: path, reason: "it is not a file of ours")
        }
        return descriptor
    }

    package static func lastError() -> String { String(cString: strerror(errno)) }
}
