import Desktop
import FoundationEssentials
import Glibc
import SystemSupport

/// The records behind puzzel-call's promises, and what a click does without each: the one place that says
/// which are required and which are kept at best. (The session, `SessionStore`, is kept at best as well: without
/// it the next click signs in again.)
enum Record {
    /// The last minute's clicks: the double-click claims, the numbers the burst guard counted, the questions
    /// open. Required: without it no call is placed (`--force` aside). Worth seconds, so not waited for on disk.
    case recentCalls
    /// The fingerprints of credentials Puzzel rejected. Required, and durable: without a record in the cache,
    /// which survives a logout and a reboot, no password is sent.
    case rejectedCredentials
    /// The lock parallel sign-ins take turns on. Kept at best: without it a click signs in on its own.
    case signInLock

    /// Whether the record must survive a crash, a logout and a reboot: only the cache folder holds it for good.
    var isDurable: Bool { self == .rejectedCredentials }

    var fileName: String {
        switch self {
        case .recentCalls: "recent-calls.json"
        case .rejectedCredentials: "rejected-credentials.json"
        case .signInLock: SessionStore.lockName
        }
    }

    var lockName: String {
        switch self {
        case .recentCalls: "recent-calls.lock"
        case .rejectedCredentials, .signInLock: SessionStore.lockName
        }
    }
}

/// Why a record could not be read or kept.
enum RecordFailure: Error, Equatable, CustomStringConvertible {
    /// Another click held the lock until the deadline: the lock is still the one every click takes turns on.
    case timedOut(lock: String)
    /// No folder took the record (or its lock): the failure of each, with the system's error number.
    case unwritable([PrivateFile.Failure])

    var description: String {
        switch self {
        case .timedOut(let lock): "timed out waiting for \(lock), held by another click"
        case .unwritable(let failures): failures.map { "\($0.path): \($0.reason)" }.joined(separator: "; ")
        }
    }
}

/// Where the records are kept: the cache folder, else `$XDG_RUNTIME_DIR/puzzel-call` — a full or read-only
/// cache must not break a promise. A folder counts only when nobody but the user and root can change it or
/// any folder above it: someone who could rename it away could make a click forget its records.
struct RecordFolders: Sendable {
    let paths: [String]
    /// The cache folder: the one that survives a logout and a reboot.
    var durable: String { paths[0] }

    init(_ directories: XDGDirectories) {
        paths =
            [directories.cacheDirectory] + (directories.runtimeDir.map { [$0 + "/" + XDGDirectories.appName] } ?? [])
    }

    /// Makes sure `path` can hold records: a private folder of ours, in folders only the user and root can change.
    func prepare(_ path: String) throws(PrivateFile.Failure) {
        if let problem = FileTrust(home: "").foreignHands(on: path.deletingLastPathComponent) {
            throw PrivateFile.Failure(path: path, reason: problem, errorNumber: EPERM)
        }
        try PrivateFile.ensureDirectory(path)
    }

    /// The lock of `record` in the first folder where it can be taken, waiting for it until `deadline`. Every
    /// process sees the same first folder, so they all take turns on one lock; a lock held elsewhere until the
    /// deadline is a time-out, never a reason to take another folder's lock.
    func lock(_ record: Record, until deadline: Date) async throws(RecordFailure) -> FileLock {
        var failures: [PrivateFile.Failure] = []
        for path in paths {
            let file = path + "/" + record.lockName
            do throws(PrivateFile.Failure) { try prepare(path) } catch {
                failures.append(error)
                continue
            }
            do throws(FileLock.Failure) {
                return try await FileLock.acquire(file, until: deadline)
            } catch {
                switch error {
                case .timedOut: throw .timedOut(lock: file)
                case .unavailable(let reason, let number):
                    failures.append(PrivateFile.Failure(path: file, reason: reason, errorNumber: number))
                }
            }
        }
        throw .unwritable(failures)
    }

    /// Runs `write` on each folder in turn until one succeeds; a durable record goes to the cache folder only.
    func firstWriting(_ record: Record, _ write: (String) throws(PrivateFile.Failure) -> Void) throws(RecordFailure) {
        var failures: [PrivateFile.Failure] = []
        for path in record.isDurable ? [durable] : paths {
            do throws(PrivateFile.Failure) {
                try prepare(path)
                return try write(path)
            } catch { failures.append(error) }
        }
        throw .unwritable(failures)
    }

    /// `record` as each folder holds it, read only from folders nobody else can change.
    func saved<Value: Decodable>(_ record: Record, as type: Value.Type) -> [(folder: String, value: Value)] {
        paths.compactMap { folder in
            guard FileTrust(home: "").foreignHands(on: folder) == nil,
                let data = PrivateFile.readOwned(folder + "/" + record.fileName),
                let value = try? JSONDecoder().decode(Value.self, from: data)
            else { return nil }
            return (folder, value)
        }
    }

    /// Reads `record` from every folder (merged by `merge`), lets `change` decide, and saves the result in the
    /// first folder that takes it when it says so, all under the record's lock: parallel clicks see each other.
    func update<Value: Codable, Outcome>(
        _ record: Record, until deadline: Date, empty: Value, merging merge: (inout Value, Value) -> Void,
        _ change: (inout Value) -> (Outcome, save: Bool)
    ) async -> Result<Outcome, RecordFailure> {
        let lock: FileLock
        do { lock = try await self.lock(record, until: deadline) } catch { return .failure(error) }
        defer { withExtendedLifetime(lock) {} }
        var value = saved(record, as: Value.self).reduce(into: empty) { merge(&$0, $1.value) }
        let (outcome, save) = change(&value)
        guard save else { return .success(outcome) }
        let data = try! JSONEncoder().encode(value)
        var written: String?
        do {
            try firstWriting(record) { folder throws(PrivateFile.Failure) in
                try PrivateFile.write(
                    data, to: folder + "/" + record.fileName, durable: record.isDurable,
                    syncingFolder: record.isDurable)
                written = folder
            }
        } catch {
            return .failure(error)
        }
        // The folders after the one written held part of what was merged into it: an entry left there
        // would come back after it was given up.
        for folder in paths.drop(while: { $0 != written }).dropFirst() { unlink(folder + "/" + record.fileName) }
        return .success(outcome)
    }
}
