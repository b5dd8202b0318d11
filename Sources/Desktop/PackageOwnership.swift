import SystemSupport

/// Which of the system's files belong to an installed Debian package, as `dpkg -S` tells: `install --system`
/// and `uninstall --system` never write over or remove a package's file, which apt alone may change.
package struct PackageOwnership: Sendable {
    /// The package that owns each path asked about; a path no package owns is absent.
    package let owners: [String: String]

    /// Asks dpkg once for all of `paths`. Where there is no dpkg (another distribution), or it cannot
    /// answer, no package owns anything.
    package init(of paths: [String], environment: [String: String]) {
        guard !paths.isEmpty,
            let output = try? Subprocess.run(
                "dpkg", ["--search", "--"] + paths, environment: environment, timeout: .seconds(30))
        else {
            owners = [:]
            return
        }
        owners = Self.read(output.standardOutputText, asked: Set(paths))
    }

    init(owners: [String: String]) { self.owners = owners }

    /// `dpkg -S` prints `package[, package...]: path` for each path it knows, and exits 1 when one of them
    /// is unknown; lines about diversions and anything not asked about are ignored.
    static func read(_ text: String, asked: Set<String>) -> [String: String] {
        var owners: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("diversion ") {
            guard let separator = line.firstRange(of: ": ") else { continue }
            let path = String(line[separator.upperBound...])
            guard asked.contains(path) else { continue }
            owners[path] = String(line[..<separator.lowerBound])
        }
        return owners
    }

    package func owner(of path: String) -> String? { owners[path] }
}
