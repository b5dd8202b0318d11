import FoundationEssentials
import SystemSupport

/// One finding of `puzzel-call doctor`.
package struct DoctorCheck: Sendable, Equatable {
    /// A stable name for scripts (`--json`).
    package let name: String
    package let ok: Bool
    /// One line saying what was found.
    package let description: String
    /// What to do about it; nil when all is well.
    package let fix: String?

    package static func passed(_ name: String, _ description: String) -> DoctorCheck {
        DoctorCheck(name: name, ok: true, description: description, fix: nil)
    }

    package static func failed(_ name: String, _ description: String, fix: String) -> DoctorCheck {
        DoctorCheck(name: name, ok: false, description: description, fix: fix)
    }
}

/// Whether a click on a `tel:` or `callto:` link reaches puzzel-call on this desktop, and whether the
/// agent will hear back from it.
package struct DesktopChecks: Sendable {
    let environment: [String: String]
    let directories: XDGDirectories

    package init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        directories = XDGDirectories(environment: environment)
    }

    package func all() -> [DoctorCheck] {
        [binaryOnPath(), entryInstalled(), xdgMimeDefaults(), gioDefaults(), notificationService()]
    }

    static let installFix = "run `puzzel-call install`"

    package func binaryOnPath() -> DoctorCheck {
        guard let path = Subprocess.find("puzzel-call", environment: environment) else {
            return .failed(
                "binary-on-path", "puzzel-call is not on PATH",
                fix: "\(Self.installFix), and add ~/.local/bin to PATH if your login does not")
        }
        return .passed("binary-on-path", "puzzel-call is on PATH: \(path)")
    }

    /// The entry a desktop would find first (the user's, then the system's), valid, and pointing
    /// at a program that is there.
    package func entryInstalled() -> DoctorCheck {
        guard let entry = DesktopEntry.installedPath(in: directories) else {
            return .failed(
                "desktop-entry", "the desktop entry \(DesktopEntry.fileName) is not installed", fix: Self.installFix)
        }
        if let output = try? Subprocess.run(
            "desktop-file-validate", [entry], environment: environment, timeout: .seconds(10)),
            !output.succeeded || !output.standardOutput.isEmpty
        {
            let problem = output.standardOutputText.split(separator: "\n").first.map(String.init) ?? "it is not valid"
            return .failed(
                "desktop-entry", "the desktop entry \(entry) is broken: \(problem)", fix: Self.installFix + " again")
        }
        let text = FileManager.default.contents(atPath: entry).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let program = text.split(separator: "\n").first { $0.hasPrefix("TryExec=") }.map {
            String($0.dropFirst("TryExec=".count))
        }
        if let program, Subprocess.find(program, environment: environment) == nil {
            return .failed(
                "desktop-entry", "the desktop entry \(entry) runs \(program), which is not there",
                fix: Self.installFix + " again")
        }
        let exec = text.split(separator: "\n").first { $0.hasPrefix("Exec=") }
        if let exec, !exec.contains(" \(DesktopEntry.fromDesktopOption) ") {
            return .failed(
                "desktop-entry",
                "the desktop entry \(entry) does not run puzzel-call with \(DesktopEntry.fromDesktopOption), so the "
                    + "outcome of a click is shown nowhere",
                fix: Self.installFix + " again")
        }
        return .passed("desktop-entry", "the desktop entry is installed and valid: \(entry)")
    }

    /// What xdg-open (and so most browsers and mail programs) runs for the links.
    package func xdgMimeDefaults() -> DoctorCheck {
        defaultsCheck("xdg-mime", tool: "xdg-mime", package: "xdg-utils") { mimeType in
            guard
                let output = try? Subprocess.run(
                    "xdg-mime", ["query", "default", mimeType], environment: environment, timeout: .seconds(10))
            else {
                return nil
            }
            return output.standardOutputText.trimmed
        }
    }

    /// What GLib programs (Firefox, Thunderbird, GNOME) and `gio open` run for the links.
    package func gioDefaults() -> DoctorCheck {
        defaultsCheck("gio-mime", tool: "gio", package: "libglib2.0-bin") { mimeType in
            // The C locale keeps the sentence parseable: "Default application for 'type': id".
            var environment = environment
            environment["LC_ALL"] = "C"
            guard
                let output = try? Subprocess.run(
                    "gio", ["mime", mimeType], environment: environment, timeout: .seconds(10))
            else {
                return nil
            }
            let first = output.standardOutputText.split(separator: "\n").first ?? ""
            guard first.hasPrefix("Default application for"), let colon = first.ranges(of: ": ").last
            else { return "" }
            return String(first[colon.upperBound...])
        }
    }

    package func notificationService() -> DoctorCheck {
        guard Notifier(environment: environment).isServiceReachable() else {
            return .failed(
                "notifications", "no notification service answers on the session bus",
                fix: "start your desktop's notification service (dunst, mako, or the one in GNOME, KDE, XFCE); "
                    + "until then outcomes go to \(ActivityLog(directories: directories).path)")
        }
        return .passed("notifications", "the notification service answers")
    }

    /// Asks `tool` for each scheme's default handler and compares it with ours.
    private func defaultsCheck(_ name: String, tool: String, package: String, query: (String) -> String?) -> DoctorCheck
    {
        guard Subprocess.find(tool, environment: environment) != nil else {
            return .failed(
                name, "\(tool) is not installed, so its default handlers cannot be checked", fix: "install \(package)")
        }
        let others = DesktopEntry.mimeTypes.compactMap { mimeType -> String? in
            let handler = query(mimeType) ?? ""
            guard handler != DesktopEntry.fileName else { return nil }
            return "\(mimeType.dropFirst("x-scheme-handler/".count)): \(handler.isEmpty ? "none" : handler)"
        }
        guard others.isEmpty else {
            return .failed(
                name, "\(tool) does not name puzzel-call for every link (\(others.joined(separator: "; ")))",
                fix: Self.installFix)
        }
        return .passed(name, "\(tool) opens tel: and callto: links with \(DesktopEntry.fileName)")
    }
}
