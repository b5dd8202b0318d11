import Foundation

/// A folder of its own for one test, removed when the value goes away.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init() {
        var template = Array((NSTemporaryDirectory() + "/puzzel-call-test-XXXXXX").utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `relativePath` below the folder, creating folders on the way, and returns the full path.
    @discardableResult
    public func write(_ text: String, to relativePath: String, mode: Int = 0o644) -> String {
        let file = path + "/" + relativePath
        try! FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let written = FileManager.default.createFile(
            atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        precondition(written, "cannot write \(file)")
        return file
    }

    /// An environment whose home and XDG folders all lie inside this folder.
    public var environment: [String: String] {
        [
            "HOME": path + "/home", "XDG_CONFIG_HOME": path + "/config", "XDG_CONFIG_DIRS": path + "/etc-xdg",
            "XDG_CACHE_HOME": path + "/cache", "XDG_STATE_HOME": path + "/state", "XDG_DATA_HOME": path + "/data",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
    }
}
