import FoundationEssentials

/// Stops a web page from making the agent call without a click: a browser that lets every site open `tel:`
/// links lets a page click them itself, and a test page called 3 numbers in 3 s. Beyond `limit` different
/// numbers within `window`, the next one waits for the agent's yes.
///
/// The numbers are counted under one lock with those of parallel clicks, in the same folders as the claims
/// of `DuplicateGuard`.
package struct BurstGuard {
    let folders: RecordFolders
    /// How many different numbers may be called within the window without asking; 0 never asks.
    let limit: Int
    package static let window: TimeInterval = 10
    /// The numbers are in `recent-numbers.json` (number → when, in seconds since 1970).
    static let recordName = "recent-numbers"

    /// Counts `destination` as called at `now` and says so, unless it would be one different number too many
    /// within the window: then it is not counted, and the agent must confirm.
    /// - Parameter confirmed: the agent said yes: counted whatever came before.
    /// - Returns: whether the number may be called without asking.
    func admit(_ destination: String, at now: Date, deadline: Date, confirmed: Bool = false) async -> Bool {
        guard limit > 0 else { return true }
        let outcome = await folders.update(Self.recordName, until: deadline, merging: max) {
            (recent: inout [String: TimeInterval]) in
            recent = recent.filter { now.timeIntervalSince1970 - $0.value < Self.window }
            let others = recent.keys.filter { $0 != destination }.count
            guard confirmed || others < limit else { return (false, save: false) }
            recent[destination] = now.timeIntervalSince1970
            return (true, save: true)
        }
        // Without a record the guard cannot count: the call goes ahead, as it does for a double click
        // with --force; a page that meets an unwritable cache is rare, a refused agent's call is not.
        return (try? outcome.get()) ?? true
    }
}
