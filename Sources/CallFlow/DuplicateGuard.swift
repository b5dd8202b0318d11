import Desktop
import FoundationEssentials
import Glibc
import SystemSupport

/// Stops a double click from ordering the same callout twice: a destination claimed within the window is
/// not called again. It decides on `RecentCalls`, which `ClickGuards` reads and saves under one lock, so
/// parallel clicks see each other.
///
/// A claim names its claimant (pid and start time): the claim of a click that died before it sent the
/// callout does not block the next one. A claimant whose life cannot be told (no `/proc` to read) is taken
/// for running while its click may still run, `timeoutSeconds` from its claim: better a refused double
/// click than a second call.
struct DuplicateGuard: Sendable {
    let window: TimeInterval
    /// How long a click may run: `timeoutSeconds`.
    let clickTime: TimeInterval
    /// Where the running processes are listed: `/proc`, unless a test shows what a system without it does.
    var processes = ProcessIdentity.processes

    var isOn: Bool { window > 0 }

    /// Where a claim is in its life: made before the click signs in, sent just before the callout goes out.
    enum Stage: String, Codable {
        /// Holds while its click may run: a click that died before sending blocks nothing.
        case claimed
        /// The callout went out, or may have: the claim holds for the whole window, whatever its click does.
        case sent
    }

    /// One click's hold on a destination.
    struct Entry: Codable, Equatable {
        /// When it was claimed, as seconds since 1970: to the fraction, unlike ISO 8601.
        let time: TimeInterval
        let claimant: ProcessIdentity
        var stage: Stage
    }

    /// How long ago the claim that blocks a new click on `destination` was made; nil when none does.
    func blockingClaim(on destination: String, in recent: RecentCalls, at now: Date) -> TimeInterval? {
        guard isOn, let earlier = recent.claims[destination] else { return nil }
        let age = now.timeIntervalSince1970 - earlier.time
        guard age < window, earlier.stage == .sent || holds(earlier, at: now) else { return nil }
        return age
    }

    /// Claims `destination` for this process, and forgets the claims whose window has passed.
    func claim(_ destination: String, in recent: inout RecentCalls, at now: Date) {
        guard isOn else { return }
        recent.claims = recent.claims.filter { now.timeIntervalSince1970 - $0.value.time < window }
        recent.claims[destination] = Entry(time: now.timeIntervalSince1970, claimant: .current, stage: .claimed)
    }

    /// Whether the click that made an unsent claim may still be running.
    private func holds(_ claim: Entry, at now: Date) -> Bool {
        switch claim.claimant.liveness(in: processes) {
        case .running: true
        case .ended: false
        case .unknown: now.timeIntervalSince1970 - claim.time < clickTime
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
