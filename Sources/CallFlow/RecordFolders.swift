import Desktop
import FoundationEssentials
import SystemSupport

/// Where the records behind puzzel-call's promises (no rejected password sent again, no double call)
/// are kept: the cache folder, else `$XDG_RUNTIME_DIR/puzzel-call` — a full or read-only cache must not
/// break a promise.
struct RecordFolders: Sendable {
    let paths: [String]

    init(_ directories: XDGDirectories) {
        paths =
            [directories.cacheDirectory] + (directories.runtimeDir.map { [$0 + "/" + XDGDirectories.appName] } ?? [])
    }

    /// No folder took the record: the failure of each, for the message.
    struct Unwritable: Error {
        let failures: [PrivateFile.Failure]

        var explanation: String {
            failures.map { "\($0.path): \($0.reason)" }.joined(separator: "; ")
        }
    }

    /// The lock `name` in the first folder where it can be taken, waiting for it until `deadline`; every
    /// process sees the same first folder, so they all take turns on one lock.
    func lock(_ name: String, until deadline: Date) async -> FileLock? {
        for path in paths where (try? PrivateFile.ensureDirectory(path)) != nil {
            if let lock = await FileLock.acquire(path + "/" + name, until: deadline) { return lock }
        }
        return nil
    }

    /// Runs `write` on each folder in turn until one succeeds.
    func firstWriting(_ write: (String) throws(PrivateFile.Failure) -> Void) throws(Unwritable) {
        var failures: [PrivateFile.Failure] = []
        for path in paths {
            do { return try write(path) } catch { failures.append(error) }
        }
        throw Unwritable(failures: failures)
    }
}
