import Foundation
import Testing

@testable import PhoneNumbers

/// What finding numbers costs grows with the text's length, and no faster, whatever the text holds.
@Suite(.timeLimit(.minutes(5))) struct MatcherCostTests {
    /// A run of digits without end is read a candidate's worth at a time: its cost is that of any text of its
    /// length. Judged as CPU time (a busy machine slows both texts alike) against 64 KiB of text that holds
    /// as many candidates or more, digits cut by a letter every 20, whose cost grows with its length. A
    /// matcher that counts the rest of the run at every candidate takes hundreds of times longer on the run;
    /// the 64 KiB run is judged first, so such a matcher fails within seconds rather than running for an
    /// hour on the mebibyte.
    ///
    /// Measured on a thread of its own: seconds of work on one of Swift concurrency's few cooperative threads
    /// would stall the clicks of the tests running meanwhile past their deadlines.
    @Test func aRunOfDigitsCostsNoMoreThanOtherTextOfItsLength() async throws {
        let sample = 64 << 10
        let cut = String(repeating: "12345678901234567890a", count: sample / 21)
        let cutSeconds = await Self.cpuSeconds { _ = NumberMatcher(defaultRegion: "NO").matches(in: cut) }
        for length in [sample, 1 << 20] {
            let run = String(repeating: "1234567890", count: length / 10)
            let runSeconds = await Self.cpuSeconds { _ = NumberMatcher(defaultRegion: "NO").matches(in: run) }
            let bound = 10 * cutSeconds * Double(length / sample) + 0.05
            try #require(runSeconds < bound, "\(length) digits: \(runSeconds) s, more than \(bound) s")
        }
    }

    /// The CPU time `work` takes, on a thread of its own.
    private static func cpuSeconds(_ work: @escaping @Sendable () -> Void) async -> Double {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let start = threadCPUSeconds()
                work()
                continuation.resume(returning: threadCPUSeconds() - start)
            }
        }
    }

    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
