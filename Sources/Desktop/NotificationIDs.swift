import FoundationEssentials
import SystemSupport

/// The id of the last notification shown about each number, so that the next one about the same number
/// takes its place instead of piling up. Kept in the runtime folder, which ends with the session as the
/// notification server's ids do (else in the cache), in a file only the user can read: it holds numbers.
package struct NotificationIDs: Sendable {
    let file: String
    /// Enough for a day's clicks; the oldest are forgotten first.
    static let capacity = 50

    package init(directories: XDGDirectories) {
        let folder = directories.runtimeDir.map { $0 + "/" + XDGDirectories.appName } ?? directories.cacheDirectory
        file = folder + "/notifications.json"
    }

    /// One number's last notification.
    struct Entry: Codable {
        let subject: String
        let id: UInt32
    }

    /// The id of the last notification about `subject`; 0, which replaces nothing, when there is none.
    package func lastID(for subject: String) -> UInt32 {
        entries().last { $0.subject == subject }?.id ?? 0
    }

    /// Remembers `id` as the last notification about `subject`. A failure costs only a notification that
    /// does not replace the earlier one, so it is not reported.
    package func remember(_ id: UInt32, for subject: String) {
        let kept =
            entries().filter { $0.subject != subject }.suffix(Self.capacity - 1) + [Entry(subject: subject, id: id)]
        guard let data = try? JSONEncoder().encode(Array(kept)) else { return }
        try? PrivateFile.ensureDirectory(file.deletingLastPathComponent)
        try? PrivateFile.write(data, to: file, durable: false)
    }

    private func entries() -> [Entry] {
        PrivateFile.readOwned(file).flatMap { try? JSONDecoder().decode([Entry].self, from: $0) } ?? []
    }
}
