import Desktop
import FoundationEssentials
import Glibc
import SystemSupport

/// Stops a double click from ordering the same callout twice: a destination claimed within the window is
/// not called again. The check and the claim happen under one lock, so parallel clicks see each other.
///
/// A claim names its claimant (pid and start time): the claim of a click that died before it sent the
/// callout does not block the next one. A claimant whose life cannot be told (no `/proc` to read) is taken
/// for running while its click may still run, `timeoutSeconds` from its claim: better a refused double
/// click than a second call. The claims live in the first of `folders` that takes them and are
/// read from all, so a full cache does not let a double click through.
struct DuplicateGuard {
    let folders: RecordFolders
    let window: TimeInterval
    /// How long a click may run: `timeoutSeconds`.
    let clickTime: TimeInterval
    /// Where the running processes are listed: `/proc`, unless a test shows what a system without it does.
    var processes = ProcessIdentity.processes
    /// The claims are in `recent-callouts.json`, under `recent-callouts.lock`.
    static let recordName = "recent-callouts"

    enum Claim: Equatable {
        case claimed
        /// The same destination was claimed this long ago.
        case duplicate(secondsAgo: TimeInterval)
        /// No record could be kept in any folder, for this reason.
        case unguarded(String)
    }

    /// One click's hold on a destination.
    struct Entry: Codable, Equatable {
        /// When it was claimed, as seconds since 1970: to the fraction, unlike ISO 8601.
        let time: TimeInterval
        let claimant: ProcessIdentity
        /// Whether the callout went out (or may have): from then on the claim holds even if its click dies.
        var sent: Bool
    }

    /// Claims `destination` for this process. With `force` an earlier claim does not stop the click, but
    /// the new claim is recorded all the same, so a plain click right after is not called again.
    func claim(_ destination: String, at now: Date, deadline: Date, force: Bool) async -> Claim {
        guard window > 0 else { return .claimed }
        return await update(deadline: deadline) { recent in
            recent = recent.filter { now.timeIntervalSince1970 - $0.value.time < window }
            if !force, let earlier = recent[destination], earlier.sent || holds(earlier, at: now) {
                return .duplicate(secondsAgo: now.timeIntervalSince1970 - earlier.time)
            }
            recent[destination] = Entry(time: now.timeIntervalSince1970, claimant: .current, sent: false)
            return .claimed
        }
    }

    /// Whether the click that made an unsent claim may still be running.
    private func holds(_ claim: Entry, at now: Date) -> Bool {
        switch claim.claimant.liveness(in: processes) {
        case .running: true
        case .ended: false
        case .unknown: now.timeIntervalSince1970 - claim.time < clickTime
        }
    }

    /// Marks the claim as sent, just before the callout goes out.
    func markSent(_ destination: String, deadline: Date) async {
        guard window > 0 else { return }
        _ = await update(deadline: deadline) { recent in
            recent[destination]?.sent = true
            return .claimed
        }
    }

    /// Gives a claim back after a failure that surely did not reach Puzzel, so a new click may try again.
    func release(_ destination: String, deadline: Date) async {
        guard window > 0 else { return }
        _ = await update(deadline: deadline) { recent in
            recent[destination] = nil
            return .claimed
        }
    }

    /// Lets `change` decide on the claims of every folder, under their lock; the claims are saved when it claims.
    private func update(deadline: Date, _ change: (inout [String: Entry]) -> Claim) async -> Claim {
        let outcome = await folders.update(Self.recordName, until: deadline, merging: { $0.time >= $1.time ? $0 : $1 })
        {
            recent in
            let claim = change(&recent)
            return (claim, save: claim == .claimed)
        }
        switch outcome {
        case .success(let claim): return claim
        case .failure(let failure): return .unguarded(failure.reason)
        }
    }
}

/// A process as the kernel knows it: its pid, and when it started (in clock ticks after boot, field 22
/// of `/proc/PID/stat`), so a pid that was reused is not taken for the process that had it.
struct ProcessIdentity: Codable, Equatable {
    let pid: Int32
    let startTime: UInt64?

    /// Where the kernel lists the running processes.
    static let processes = "/proc"

    static var current: ProcessIdentity {
        let pid = getpid()
        guard case .started(let startTime) = status(of: pid, in: processes) else {
            return ProcessIdentity(pid: pid, startTime: nil)
        }
        return ProcessIdentity(pid: pid, startTime: startTime)
    }

    enum Liveness: Equatable {
        case running
        /// Gone, a zombie, or its pid now another process's.
        case ended
        /// `processes` cannot tell: not there, or not readable.
        case unknown
    }

    /// Whether this process still runs, as the list of processes at `processes` tells.
    func liveness(in processes: String = Self.processes) -> Liveness {
        switch Self.status(of: pid, in: processes) {
        case .started(let now): startTime == nil || now == startTime ? .running : .ended
        case .ended: .ended
        case .unknown: .unknown
        }
    }

    private enum Status {
        case started(UInt64)
        case ended
        case unknown
    }

    private static func status(of pid: Int32, in processes: String) -> Status {
        guard let stat = FileContents.read("\(processes)/\(pid)/stat", limit: 4096) else {
            // No entry for the pid in a list that has one for us: that process is gone.
            let listed = access("\(processes)/self/stat", R_OK) == 0
            return listed && access("\(processes)/\(pid)", F_OK) != 0 && errno == ENOENT ? .ended : .unknown
        }
        let text = String(decoding: stat, as: UTF8.self)
        // The command name in parentheses may hold spaces; the fields after it are plain.
        guard let close = text.lastIndex(of: ")") else { return .unknown }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (the state): field 22 is fields[19].
        guard fields.count > 19, let startTime = UInt64(fields[19]) else { return .unknown }
        return fields[0] == "Z" ? .ended : .started(startTime)
    }
}
