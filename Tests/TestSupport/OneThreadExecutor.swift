import Foundation
import Synchronization

/// An executor with a single thread of its own. A command run with a preference for it runs on that thread
/// until it suspends, so a test can tell whether the command leaves the thread free while it waits: a task
/// that also prefers this executor runs only then. Swift concurrency's own pool would hide a blocked
/// thread by starting another.
package final class OneThreadExecutor: TaskExecutor, Sendable {
    private let jobs = Mutex<[UnownedJob]>([])
    private let waiting = DispatchSemaphore(value: 0)
    private let thread = Mutex<pthread_t?>(nil)

    package init() {
        // The thread lives as long as the test process: it waits for jobs and holds nothing else.
        Thread.detachNewThread { [self] in
            thread.withLock { $0 = pthread_self() }
            while true {
                waiting.wait()
                let job = jobs.withLock { $0.removeFirst() }
                job.runSynchronously(on: asUnownedTaskExecutor())
            }
        }
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        waiting.signal()
    }

    /// Whether the caller runs on this executor's thread.
    package var isCurrent: Bool {
        thread.withLock { $0.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }
}
