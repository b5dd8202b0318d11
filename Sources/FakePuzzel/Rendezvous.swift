import Foundation

/// Holds requests to one endpoint until `count` of them are waiting, or until `patience` has passed,
/// then lets every one through, and all later ones at once. A test of a lock uses it to make a race
/// certain: with the lock only one request ever arrives (and waits out the patience); without it, they
/// all meet here and are answered together.
final class Rendezvous: @unchecked Sendable {
    private let count: Int
    private let patience: Double
    private let condition = NSCondition()
    private var arrived = 0
    private var open = false

    init(count: Int, patience: Double) {
        self.count = count
        self.patience = patience
    }

    func arriveAndWait() {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        if arrived >= count { open = true }
        condition.broadcast()
        let giveUp = Date(timeIntervalSinceNow: patience)
        while !open && condition.wait(until: giveUp) {}
        open = true
    }
}
