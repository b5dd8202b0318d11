import CallFlow
import FoundationEssentials
import Localization
import PhoneNumbers
import Synchronization

/// “Calling +47 22 12 34 56…”, shown when Puzzel has not answered a click's callout within `delay`, so the
/// agent sees at once that the click was taken and does not click again. The outcome then takes its place
/// (it is about the same number): one click, one notification. A quick outcome shows alone.
final class CallingNotice: Sendable {
    /// Shorter than anyone waits before clicking again; longer than a warm click takes.
    static let delay: Duration = .milliseconds(500)

    private let console: Console
    /// The notice waiting for its moment, or being shown.
    private let pending = Mutex<Task<Void, Never>?>(nil)

    init(console: Console) { self.console = console }

    /// Shows the notice after `delay`, unless `settle()` comes first; only from the desktop, as every notice.
    /// For the click's `placing`.
    func start(_ number: PhoneNumber, deadline: Date) {
        let language = console.language
        let notice = Notice(
            summary: ClickText.calling(number).text(in: language) + "…",
            body: ClickText.about(number).text(in: language), deadline: deadline, subject: number.e164)
        let task = Task { [console] in
            do { try await console.pause(Self.delay) } catch { return }
            await console.tell(notice)
        }
        pending.withLock { previous in
            previous?.cancel()
            previous = task
        }
    }

    /// Called once the outcome is known: the notice is no longer wanted, and one already on its way is waited
    /// for, so that the outcome replaces it rather than being replaced by it.
    func settle() async {
        let task = pending.withLock { task in
            defer { task = nil }
            return task
        }
        task?.cancel()
        await task?.value
    }
}
