import FoundationEssentials
import SystemSupport

/// The Swift libraries this process loaded from outside the system's library folders. A binary built the
/// default way loads Swift's runtime from the toolchain, and on a desktop without the toolchain it does
/// not start; the self-contained build (`scripts/build-release`) loads none.
package enum RuntimeLibraries {
    package static func fromToolchain() -> [String] {
        // Files in /proc report a size of 0: read them to their end, not to their size.
        guard let data = FileContents.read("/proc/self/maps") else { return [] }
        let maps = String(decoding: data, as: UTF8.self)
        let systemFolders = ["/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/"]
        let libraries = maps.split(separator: "\n").compactMap { line -> String? in
            guard let path = line.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init),
                path.hasPrefix("/"), path.contains("/libswift") || path.contains("/libFoundation"),
                !systemFolders.contains(where: path.hasPrefix)
            else { return nil }
            return path
        }
        return Array(Set(libraries)).sorted()
    }
}
