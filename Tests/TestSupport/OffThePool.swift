import Foundation

/// Runs blocking work (waiting for a process) on a thread of its own, so it never holds one of Swift
/// concurrency's few cooperative threads, which the clicks of the tests running meanwhile need.
package func offThePool<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: work()) }
    }
}
