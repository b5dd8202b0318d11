import FoundationEssentials
import SystemSupport

/// The `[Default Applications]` of a `mimeapps.list` (freedesktop.org MIME Applications
/// Associations), edited in place: every other line, comment and group stays as it was.
struct MimeAppsList: Equatable {
    static let defaultsGroup = "[Default Applications]"

    private(set) var lines: [String]

    init(text: String) {
        lines = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
    }

    var text: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }

    /// Whether any association is left in any group.
    var hasEntries: Bool { lines.contains { $0.contains("=") && !$0.hasPrefix("#") } }

    /// The default handler for a MIME type, as written (one desktop file id, or several with `;`).
    func defaultApplication(for mimeType: String) -> String? {
        keyLine(mimeType).map { String(lines[$0].dropFirst(mimeType.count + 1)) }
    }

    /// Whether `desktopFile` is the default for a MIME type: the first of the ids its line lists, as an
    /// administrator may write it (`puzzel-call.desktop;`).
    func isDefault(_ desktopFile: String, for mimeType: String) -> Bool {
        defaultApplication(for: mimeType)?.split(separator: ";").first.map { String($0).trimmed } == desktopFile
    }

    mutating func setDefaultApplication(_ value: String?, for mimeType: String) {
        switch (keyLine(mimeType), value) {
        case (let index?, let value?): lines[index] = "\(mimeType)=\(value)"
        case (let index?, nil): lines.remove(at: index)
        case (nil, let value?):
            guard let group = lines.firstIndex(of: Self.defaultsGroup) else {
                lines += (lines.isEmpty ? [] : [""]) + [Self.defaultsGroup, "\(mimeType)=\(value)"]
                return
            }
            lines.insert("\(mimeType)=\(value)", at: groupEnd(after: group))
        case (nil, nil): break
        }
    }

    private func keyLine(_ mimeType: String) -> Int? {
        guard let group = lines.firstIndex(of: Self.defaultsGroup) else { return nil }
        return (group + 1..<groupEnd(after: group)).first { lines[$0].hasPrefix(mimeType + "=") }
    }

    /// Where the group's last association ends (before the blank lines that separate the next group).
    private func groupEnd(after group: Int) -> Int {
        var end = lines[(group + 1)...].firstIndex { $0.hasPrefix("[") } ?? lines.endIndex
        while end > group + 1 && lines[end - 1].trimmed.isEmpty { end -= 1 }
        return end
    }
}
