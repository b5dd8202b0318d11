import Glibc

/// Runs blocking work (a libcurl transfer, a wait for a file lock) on a thread of its own, so it never
/// holds one of Swift concurrency's few cooperative threads while it waits.
package enum DedicatedThread {
    package static func run<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            start { continuation.resume(returning: work()) }
        }
    }

    /// Starts `work` on a thread of its own and returns at once.
    package static func start(_ work: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Job(work)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<Job>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, context)
        if started == 0 {
            pthread_detach(thread)
        } else {
            // No thread to be had: doing the work here is slower for others, but still correct.
            Unmanaged<Job>.fromOpaque(context).takeRetainedValue().body()
        }
    }

    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}
