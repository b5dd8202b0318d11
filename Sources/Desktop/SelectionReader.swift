import SystemSupport

/// Reads the text the user selected: the primary selection (what was last highlighted) or the clipboard, of a
/// Wayland session through `wl-paste`, of an X11 session through `xclip` or `xsel`, whichever is installed.
package struct SelectionReader: Sendable {
    package enum Source: Sendable {
        case primary
        case clipboard
    }

    package enum Failure: Error, Equatable {
        /// No display, or none of the tools for it is installed.
        case noTool
        /// The selection is larger than `limit` bytes: it was not read to its end.
        case tooLarge(limit: Int)
        /// The tool did not answer in time.
        case timedOut(tool: String)
    }

    /// Selected text larger than this is refused, not searched.
    package static let limit = 64 * 1024

    private let environment: [String: String]

    package init(environment: [String: String]) { self.environment = environment }

    /// The selected text; empty when nothing is selected.
    package func read(_ source: Source) throws(Failure) -> String {
        guard let (tool, arguments) = command(for: source) else { throw .noTool }
        let output: Subprocess.Output
        do {
            output = try Subprocess.run(
                tool, arguments, environment: environment, timeout: .seconds(3), outputLimit: Self.limit)
        } catch {
            throw .noTool
        }
        guard output.standardOutput.count <= Self.limit else { throw .tooLarge(limit: Self.limit) }
        if output.termination == .timedOut { throw .timedOut(tool: tool) }
        // The tools fail when no program owns the selection: nothing is selected.
        guard output.succeeded else { return "" }
        return output.standardOutputText
    }

    /// The first installed tool for the session's display, with its arguments for `source`.
    private func command(for source: Source) -> (String, [String])? {
        var candidates: [(String, [String])] = []
        if environment["WAYLAND_DISPLAY"]?.isEmpty == false {
            candidates.append(("wl-paste", ["--no-newline"] + (source == .primary ? ["--primary"] : [])))
        }
        if environment["DISPLAY"]?.isEmpty == false {
            candidates.append(("xclip", ["-o", "-selection", source == .primary ? "primary" : "clipboard"]))
            candidates.append(("xsel", ["--output", source == .primary ? "--primary" : "--clipboard"]))
        }
        return candidates.first { Subprocess.find($0.0, environment: environment) != nil }
    }
}
