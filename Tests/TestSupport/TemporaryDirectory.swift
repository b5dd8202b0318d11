import Foundation
import Glibc

/// A folder of its own for one test, removed when the value goes away.
package final class TemporaryDirectory: Sendable {
    package let path: String

    package init() {
        var template = Array((NSTemporaryDirectory() + "/puzzel-call-test-XXXXXX").utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `relativePath` below the folder, creating folders on the way, and returns the full path.
    ///
    /// The file is written through a descriptor closed on exec: a program another test starts meanwhile
    /// must not inherit it, or running this file (a wrapper script) would fail with "text file busy".
    @discardableResult
    package func write(_ text: String, to relativePath: String, mode: Int = 0o644) -> String {
        let file = path + "/" + relativePath
        try! FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(mode))
        precondition(descriptor >= 0, "cannot write \(file)")
        let bytes = Array(text.utf8)
        precondition(bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == bytes.count)
        fchmod(descriptor, mode_t(mode))
        close(descriptor)
        return file
    }

    /// An environment whose home and XDG folders all lie inside this folder. It names a language, so that no
    /// test reads the language of the machine's own session (AccountsService, `/etc/locale.conf`), and no
    /// territory, so that numbers have no default country.
    package var environment: [String: String] {
        [
            "LANG": "en", "HOME": path + "/home", "XDG_CONFIG_HOME": path + "/config",
            "XDG_CONFIG_DIRS": path + "/etc-xdg",
            "XDG_CACHE_HOME": path + "/cache", "XDG_STATE_HOME": path + "/state", "XDG_DATA_HOME": path + "/data",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
    }
}

extension TemporaryDirectory {
    /// The full path of `name` below the folder.
    package func file(_ name: String) -> String { path + "/" + name }
}

/// A file's permission bits, or nil when it does not exist.
package func permissions(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
}
