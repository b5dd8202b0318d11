import FoundationEssentials
import PuzzelAPI

/// How far a placed call came, as the history records it (`callProgress`).
package enum CallProgress: String, Sendable, Codable {
    case ringing, connected, ended
    case notAnswered = "not-answered"
    /// The follow learnt nothing it knows, or read nothing at all.
    case unknown
}

/// One step of a placed call, as the agent is told it.
package enum CallStage: Sendable, Equatable {
    /// Puzzel rings the agent's phone; answering it calls the number.
    case ringing
    case connected
    case ended
    /// The agent's phone was not answered; `loggedOff` when Puzzel logged the agent off for it.
    case notAnswered(loggedOff: Bool)
    /// A status the table below does not know, as Puzzel names it: shown, never guessed at.
    case puzzelSays(String)

    /// Reads the agent's state after a callout. Puzzel's documented `userStatus` values: `Available` (no call
    /// yet, so the agent's phone is still ringing; after the call, it has ended), `Busy` (in the call),
    /// `WrapUp` (the call has ended), `NoAnswer`.
    /// - Parameter connected: whether an earlier read found the agent in the call.
    init(_ state: AgentState, connected: Bool) {
        switch state.userStatus.lowercased() {
        case "available": self = connected ? .ended : .ringing
        case "busy": self = .connected
        case "wrapup": self = .ended
        case "noanswer": self = .notAnswered(loggedOff: state.contactCentreStatus.lowercased() == "loggedoff")
        default: self = .puzzelSays(state.userStatus)
        }
    }

    package var progress: CallProgress {
        switch self {
        case .ringing: .ringing
        case .connected: .connected
        case .ended: .ended
        case .notAnswered: .notAnswered
        case .puzzelSays: .unknown
        }
    }
}

/// Follows a placed call by reading the agent's state, and tells each new stage. It never asks Puzzel more
/// than once every `interval` nor more than `maxReads` times, and stops once the call has ended, the phone was
/// not answered, or `followSeconds` passed before the agent answered.
package struct CallFollower: Sendable {
    package typealias Read = @Sendable () async throws(CallFailure) -> AgentState

    package var interval: Duration = .seconds(2)
    package var maxReads = 30
    package var followSeconds: TimeInterval = 60
    let read: Read
    let now: @Sendable () -> Date
    /// Waits the given time; throws when the follow is to stop (the task was cancelled).
    let sleep: @Sendable (Duration) async throws -> Void

    package init(
        read: @escaping Read, now: @escaping @Sendable () -> Date,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.read = read
        self.now = now
        self.sleep = sleep
    }

    /// Reads the agent's state as `configuration`'s user, with the session the callout left in the cache, on
    /// `context`'s clock.
    package init(
        configuration: Configuration, context: Context,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        let sessions = SessionProvider(configuration: configuration, context: context)
        let timeout = configuration.timeoutSeconds
        self.init(
            read: { () async throws(CallFailure) -> AgentState in
                let deadline = context.now().addingTimeInterval(timeout)
                var session = try await sessions.session(deadline: deadline)
                return try await sessions.agentState(of: &session, deadline: deadline)
            }, now: context.now, sleep: sleep)
        followSeconds = configuration.followSeconds
    }

    /// Follows the call from the moment its callout was accepted, and returns how far it came.
    /// - Parameter show: told each stage that differs from the one before.
    package func follow(show: @Sendable (CallStage) async -> Void) async -> CallProgress {
        let start = now()
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) * 1e-18
        var progress = CallProgress.unknown
        var shown: CallStage?
        var connected = false
        var lastRead = start
        for _ in 0..<maxReads {
            let wait = lastRead.addingTimeInterval(seconds).timeIntervalSince(now())
            if wait > 0 {
                do { try await sleep(.seconds(wait)) } catch { break }
            }
            if !connected, now().timeIntervalSince(start) > followSeconds { break }
            lastRead = now()
            // A read that failed tells nothing; the next may succeed, within the same bounds.
            guard let state = try? await read() else { continue }
            let stage = CallStage(state, connected: connected)
            if stage != shown {
                await show(stage)
                shown = stage
            }
            progress = stage.progress
            switch stage {
            case .connected: connected = true
            case .ended, .notAnswered: return progress
            case .ringing, .puzzelSays: break
            }
        }
        return progress
    }
}
