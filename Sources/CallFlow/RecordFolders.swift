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

    /// Why records could not be kept.
    struct UpdateFailure: Error {
        let reason: String
    }

    /// Reads the records `name.json` of every folder (of two for one key, `newer` picks), lets `change`
    /// decide, and saves them in the first folder that takes them when it says so, all under the lock
    /// `name.lock` of the first folder where one can be taken: parallel clicks see each other.
    func update<Record: Codable, Outcome>(
        _ name: String, until deadline: Date, merging newer: (Record, Record) -> Record,
        _ change: (inout [String: Record]) -> (Outcome, save: Bool)
    ) async -> Result<Outcome, UpdateFailure> {
        guard let lock = await lock(name + ".lock", until: deadline) else {
            return .failure(UpdateFailure(reason: "no folder could be locked: \(paths.joined(separator: ", "))"))
        }
        defer { withExtendedLifetime(lock) {} }
        let file = name + ".json"
        var records = paths.reduce(into: [String: Record]()) { merged, folder in
            let saved = PrivateFile.readOwned(folder + "/" + file).flatMap {
                try? JSONDecoder().decode([String: Record].self, from: $0)
            }
            merged.merge(saved ?? [:], uniquingKeysWith: newer)
        }
        let (outcome, save) = change(&records)
        guard save else { return .success(outcome) }
        let data = try! JSONEncoder().encode(records)
        do {
            try firstWriting { folder throws(PrivateFile.Failure) in
                // These records matter for seconds: not worth waiting for the disk, as a session or a rejection is.
                try PrivateFile.write(data, to: folder + "/" + file, durable: false)
            }
        } catch {
            return .failure(UpdateFailure(reason: error.explanation))
        }
        return .success(outcome)
    }
}
