import Glibc
import Testing

@testable import PhoneNumbers

/// What finding numbers costs grows with the text's length, and no faster, whatever the text holds.
@Suite struct MatcherCostTests {
    /// A run of digits without end is read a candidate's worth at a time: its cost is that of any text of its
    /// length. Judged as CPU time (a busy machine slows both texts alike) against a text of the same length
    /// that holds as many candidates or more, digits cut by a letter every 20. A matcher that counts the rest
    /// of the run at every candidate takes hundreds of times longer on the run; the 64 KiB run is judged
    /// first, so such a matcher fails within seconds rather than running for an hour on the mebibyte.
    @Test func aRunOfDigitsCostsNoMoreThanOtherTextOfItsLength() throws {
        for length in [64 << 10, 1 << 20] {
            let run = String(repeating: "1234567890", count: length / 10)
            let cut = String(repeating: "12345678901234567890a", count: length / 21)
            let runSeconds = Self.cpuSeconds { _ = NumberMatcher(defaultRegion: "NO").matches(in: run) }
            let cutSeconds = Self.cpuSeconds { _ = NumberMatcher(defaultRegion: "NO").matches(in: cut) }
            try #require(
                runSeconds < 10 * cutSeconds + 0.05,
                "\(length) digits: \(runSeconds) s, against \(cutSeconds) s for other text of that length")
        }
    }

    /// The CPU time this thread spends in `work`.
    private static func cpuSeconds(_ work: () -> Void) -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        work()
        return now() - start
    }
}
