import Desktop
import FoundationEssentials

/// Stops a double click from ordering the same callout twice: a destination claimed within the window is
/// not called again. The check and the claim happen under one lock, so parallel clicks see each other.
struct DuplicateGuard {
    let directory: String
    let window: TimeInterval
    var file: String { directory + "/recent-callouts.json" }
    var lockFile: String { directory + "/recent-callouts.lock" }

    enum Claim: Equatable {
        case claimed
        /// The same destination was claimed this long ago.
        case duplicate(secondsAgo: TimeInterval)
        /// No record could be kept (the cache directory is not writable): the click goes on unguarded.
        case unguarded
    }

    func claim(_ destination: String, at now: Date, deadline: Date) -> Claim {
        guard window > 0 else { return .claimed }
        guard (try? PrivateFile.ensureDirectory(directory)) != nil,
            let lock = FileLock.acquire(lockFile, until: deadline)
        else { return .unguarded }
        defer { withExtendedLifetime(lock) {} }
        var recent = load().filter { now.timeIntervalSince($0.value) < window }
        if let earlier = recent[destination] {
            return .duplicate(secondsAgo: now.timeIntervalSince(earlier))
        }
        recent[destination] = now
        return (try? save(recent)) == nil ? .unguarded : .claimed
    }

    /// Gives a claim back after a failure that surely did not reach Puzzel, so a new click may try again.
    func release(_ destination: String, deadline: Date) {
        guard let lock = FileLock.acquire(lockFile, until: deadline) else { return }
        defer { withExtendedLifetime(lock) {} }
        var recent = load()
        recent[destination] = nil
        try? save(recent)
    }

    /// Destinations and when they were claimed, as seconds since 1970: to the fraction, unlike ISO 8601.
    private func load() -> [String: Date] {
        guard let data = PrivateFile.readOwned(file),
            let recent = try? JSONDecoder().decode([String: TimeInterval].self, from: data)
        else { return [:] }
        return recent.mapValues(Date.init(timeIntervalSince1970:))
    }

    private func save(_ recent: [String: Date]) throws {
        try PrivateFile.write(try JSONEncoder().encode(recent.mapValues(\.timeIntervalSince1970)), to: file)
    }
}
