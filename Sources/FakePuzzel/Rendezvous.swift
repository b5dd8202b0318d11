import Dispatch
import Synchronization

/// Holds requests to one endpoint until `count` of them are waiting, or until `patience` has passed,
/// then lets every one through, and all later ones at once. A test of a lock uses it to make a race
/// certain: with the lock only one request ever arrives (and waits out the patience); without it, they
/// all meet here and are answered together.
///
/// The wait blocks its thread, on purpose: each connection of the fake server is served on a thread of its
/// own (`Thread.detachNewThread`), never on one of Swift concurrency's cooperative threads, and reads its
/// socket with blocking calls anyway.
final class Rendezvous: Sendable {
    private struct State {
        var arrived = 0
        /// Threads blocked on the gate, each to be let through by one signal.
        var waiting = 0
        var open = false
    }

    private let count: Int
    private let patience: Double
    private let state = Mutex(State())
    private let gate = DispatchSemaphore(value: 0)

    init(count: Int, patience: Double) {
        self.count = count
        self.patience = patience
    }

    /// How many requests have come so far, the ones still held among them.
    var arrivals: Int { state.withLock { $0.arrived } }

    func arriveAndWait() {
        let mustWait = state.withLock { state in
            state.arrived += 1
            if state.open { return false }
            if state.arrived >= count {
                open(&state)
                return false
            }
            state.waiting += 1
            return true
        }
        guard mustWait, gate.wait(timeout: .now() + patience) == .timedOut else { return }
        state.withLock { state in
            // Opened meanwhile, this thread's signal is still on the gate: nobody will wait for it again.
            guard !state.open else { return }
            state.waiting -= 1
            open(&state)
        }
    }

    /// Lets every request through now, those held and those to come.
    func release() { state.withLock { open(&$0) } }

    /// Lets every waiting thread through, and every later one at once.
    private func open(_ state: inout State) {
        state.open = true
        for _ in 0..<state.waiting { gate.signal() }
        state.waiting = 0
    }
}
