import Foundation
import Glibc
import Synchronization
import SystemSupport

/// A folder of its own for one test, removed when the value goes away.
package final class TemporaryDirectory: Sendable {
    package let path: String
    /// Whether `environment`'s folders are made.
    private let prepared = Mutex(false)

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

    /// The machine as one test sees it: home, XDG folders (the system-wide `XDG_CONFIG_DIRS` and `XDG_DATA_DIRS`
    /// too) and runtime folder all inside this folder, and a `PATH` of its `bin` folder alone. That holds the
    /// base system's utilities a shell script needs, the machine's tools the test declares (`provide`) and
    /// stand-ins it writes there: whatever else is installed (zenity, a packaged puzzel-call and its desktop
    /// entry, the user's own config) is never seen, so it cannot change a result. It names a language, so that no
    /// test reads the language of the machine's own session (AccountsService, `/etc/locale.conf`), and no
    /// territory, so that numbers have no default country.
    package var environment: [String: String] {
        prepared.withLock { prepared in
            guard !prepared else { return }
            try! FileManager.default.createDirectory(
                atPath: file("runtime"), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            provide(Self.baseUtilities)
            prepared = true
        }
        return [
            "LANG": "en", "HOME": file("home"), "XDG_CONFIG_HOME": file("config"), "XDG_CONFIG_DIRS": file("etc-xdg"),
            "XDG_CACHE_HOME": file("cache"), "XDG_STATE_HOME": file("state"), "XDG_DATA_HOME": file("data"),
            "XDG_DATA_DIRS": file("share"), "XDG_RUNTIME_DIR": file("runtime"), "PATH": file("bin"),
        ]
    }

    /// Puts the machine's `tools` on this folder's `PATH`. One that is not installed is left out, and the
    /// test fails on what the program then says: a test that needs a tool declares it with `installed`, so
    /// that it is skipped without it (and CI, where a skip fails, installs it).
    package func provide(_ tools: String...) { provide(tools) }

    package func provide(_ tools: [String]) {
        try! FileManager.default.createDirectory(atPath: file("bin"), withIntermediateDirectories: true)
        for tool in tools {
            guard let real = Subprocess.find(tool, environment: ["PATH": machinePath]) else { continue }
            try? FileManager.default.createSymbolicLink(atPath: file("bin/" + tool), withDestinationPath: real)
        }
    }

    /// Puts the machine's `folder` of shared data (as `glib-2.0/schemas`) in this folder's `XDG_DATA_DIRS`.
    package func provideSharedData(_ folder: String) {
        guard let real = ["/usr/local/share/", "/usr/share/"].map({ $0 + folder }).first(where: isDirectory) else {
            return
        }
        let link = file("share/" + folder)
        try! FileManager.default.createDirectory(
            atPath: (link as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
    }

    /// What the base system of every Debian machine has and shell scripts (xdg-utils, the tests' stand-ins)
    /// run: none of them is a tool puzzel-call looks for.
    static let baseUtilities = [
        "sh", "bash", "awk", "basename", "cat", "chmod", "cmp", "cp", "cut", "date", "dirname", "echo", "egrep",
        "env", "expr", "false", "fgrep", "find", "grep", "head", "id", "ln", "ls", "mkdir", "mktemp", "mv", "od",
        "printf", "readlink", "realpath", "rm", "rmdir", "sed", "seq", "sleep", "sort", "stat", "tail", "tee",
        "test", "touch", "tr", "true", "uname", "uniq", "wc", "which", "whoami", "xargs",
    ]
}

/// The machine's own `PATH`, where a test's tools are found before they are linked into its own.
package let machinePath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"

private func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
}

extension TemporaryDirectory {
    /// The full path of `name` below the folder.
    package func file(_ name: String) -> String { path + "/" + name }
}

/// A file's permission bits, or nil when it does not exist.
package func permissions(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
}
