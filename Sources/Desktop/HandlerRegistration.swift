import FoundationEssentials
import Glibc
import SystemSupport

/// Installs puzzel-call as the desktop's handler of `tel:` and `callto:` links, and takes it away
/// again: the binary, its desktop entry and icon, the default-handler settings and the desktop database.
///
/// Everything install changes is recorded (with the handlers that were the defaults before, and each
/// file's SHA-256) in the state directory, so uninstall undoes exactly that and nothing else: a file
/// changed since is left. Both are idempotent. Where a Debian package owns puzzel-call, a system install
/// writes only what the package does not (the default handlers, the browser policy), and no file a package
/// owns is ever written or removed.
package struct HandlerRegistration: Sendable {
    package enum Scope: Sendable, Equatable {
        /// `~/.local/bin`, `$XDG_DATA_HOME/applications`, `$XDG_CONFIG_HOME/mimeapps.list`.
        case user
        /// For fleets: `/usr/local/bin`, `/usr/share/applications` and the first
        /// `$XDG_CONFIG_DIRS/mimeapps.list` (usually `/etc/xdg`), the default for every user.
        case system
        /// For packagers: `DIR/bin` and `DIR/share/applications`; defaults are left to the package.
        case prefix(String)
    }

    /// Where the package installs the program; while a package owns it, a system install adds no copy.
    package static let packagedBinaryPath = "/usr/bin/puzzel-call"

    package struct Failure: Error, Equatable, CustomStringConvertible {
        package let description: String
    }

    package let scope: Scope
    /// A packager's staging folder (`--root`): files go below it, while the entry names their final paths
    /// and no record is kept. Nil everywhere else.
    package let stagingRoot: String?
    let environment: [String: String]
    let directories: XDGDirectories

    package init(
        scope: Scope = .user, stagingRoot: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.scope = scope
        self.stagingRoot = stagingRoot.map {
            $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0
        }
        self.environment = environment
        directories = XDGDirectories(environment: environment)
    }

    /// The program now running, which install copies: the kernel knows its real path.
    package static var runningBinaryPath: String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }

    /// Where the program ends up, as the entry names it (a staged tree holds it below `stagingRoot`).
    package var binaryPath: String { binaryDirectory + "/puzzel-call" }
    package var desktopFilePath: String { applicationsDirectory + "/" + DesktopEntry.fileName }

    /// The list whose defaults install sets; nil for a prefix.
    package var mimeAppsListPath: String? {
        switch scope {
        case .user: directories.configHome + "/mimeapps.list"
        case .system: directories.configDirs[0] + "/mimeapps.list"
        case .prefix: nil
        }
    }

    var binaryDirectory: String {
        switch scope {
        case .user: directories.home + "/.local/bin"
        case .system: "/usr/local/bin"
        case .prefix(let directory): absolute(directory) + "/bin"
        }
    }

    var applicationsDirectory: String { dataDirectory + "/applications" }

    /// The icon in the hicolor theme, which every icon theme falls back to.
    package var iconPath: String { dataDirectory + "/" + DesktopIcon.themePath }

    private var dataDirectory: String {
        switch scope {
        case .user: directories.dataHome
        case .system: "/usr/share"
        case .prefix(let directory): absolute(directory) + "/share"
        }
    }

    var recordPath: String {
        let name =
            switch scope {
            case .user: "installed"
            case .system: "installed-system"
            case .prefix(let directory):
                "installed-prefix-"
                    + absolute(directory).percentEncoded()
            }
        return directories.stateDirectory + "/" + name + ".json"
    }

    // MARK: Install

    /// Copies `source` (normally the running binary) into place, writes the entry and makes it the
    /// default. Returns one line per step, for the person who ran it.
    package func install(binary source: String) throws(Failure) -> [String] {
        var record = loadRecord() ?? InstallRecord()
        let before = record
        var report: [String] = []

        let owners = packageOwners([Self.packagedBinaryPath, binaryPath, desktopFilePath, iconPath])
        if let package = owners.owner(of: Self.packagedBinaryPath) {
            // A copy in /usr/local/bin would shadow the package's and never be upgraded by apt.
            report.append(
                "The package \(package) provides \(Self.packagedBinaryPath), its desktop entry and icon: "
                    + "left as the package installed them")
        } else {
            try createDirectories(binaryDirectory, into: &record)
            switch try installFile(binaryPath, contents: read(source), mode: 0o755, owners, into: &record) {
            case .written: report.append("Installed the program as \(binaryPath)")
            case .alreadyInPlace: report.append("The program is already installed as \(binaryPath)")
            case .ownedBy(let package): report.append(Self.leftToPackage(binaryPath, package))
            }
            try createDirectories(applicationsDirectory, into: &record)
            let entry = Data(DesktopEntry.text(binaryPath: binaryPath).utf8)
            switch try installFile(desktopFilePath, contents: entry, mode: 0o644, owners, into: &record) {
            case .written: report.append("Wrote the desktop entry \(desktopFilePath)")
            case .alreadyInPlace: report.append("The desktop entry \(desktopFilePath) is already in place")
            case .ownedBy(let package): report.append(Self.leftToPackage(desktopFilePath, package))
            }
            try createDirectories(iconPath.deletingLastPathComponent, into: &record)
            switch try installFile(iconPath, contents: Data(DesktopIcon.svg.utf8), mode: 0o644, owners, into: &record) {
            case .written: report.append("Installed the icon \(iconPath)")
            case .alreadyInPlace: break
            case .ownedBy(let package): report.append(Self.leftToPackage(iconPath, package))
            }
            if let refreshed = try refreshDesktopDatabase(into: &record) { report.append(refreshed) }
            if let refreshed = refreshIconCache() { report.append(refreshed) }
        }
        if let listPath = mimeAppsListPath {
            report.append(try makeDefault(in: listPath, into: &record))
        }

        if record != before { try saveRecord(record) }
        return report
    }

    /// The program a click runs after install: the package's where a package owns it, else the copy.
    package var installedBinaryPath: String {
        packageOwners([Self.packagedBinaryPath]).owner(of: Self.packagedBinaryPath) == nil
            ? binaryPath : Self.packagedBinaryPath
    }

    static func leftToPackage(_ path: String, _ package: String) -> String {
        "\(path) belongs to the package \(package): left as it is"
    }

    /// Makes an entry installed by a package (`/usr/share/applications/puzzel-call.desktop`) the default
    /// for tel: and callto:, and changes nothing else. Uninstall gives the links back as usual.
    package func makeDefaultOnly() throws(Failure) -> [String] {
        guard let listPath = mimeAppsListPath else {
            throw Failure(description: "--default-only sets this user's or the system's defaults, not a prefix's")
        }
        guard DesktopEntry.installedPath(in: directories) != nil else {
            throw Failure(
                description:
                    "no \(DesktopEntry.fileName) is installed: install the package, or run `puzzel-call install`")
        }
        var record = loadRecord() ?? InstallRecord()
        let before = record
        let report = [try makeDefault(in: listPath, into: &record)]
        if record != before { try saveRecord(record) }
        return report
    }

    /// What became of one file install puts in place.
    enum FileOutcome: Equatable {
        case written
        /// It already held these contents: ours when an earlier install wrote it, else left to whoever did.
        case alreadyInPlace
        /// A package owns it, so only apt may change it.
        case ownedBy(String)
    }

    /// The packages that own any of `paths`: only the system's folders hold a package's files.
    func packageOwners(_ paths: [String]) -> PackageOwnership {
        guard scope == .system, stagingRoot == nil else { return PackageOwnership(owners: [:]) }
        return PackageOwnership(of: paths, environment: environment)
    }

    /// Writes `path` (below the staging root, if any) unless a package owns it or it already holds
    /// `contents`, and records its checksum for uninstall.
    func installFile(
        _ path: String, contents: Data, mode: mode_t, _ owners: PackageOwnership, into record: inout InstallRecord
    ) throws(Failure) -> FileOutcome {
        if let package = owners.owner(of: path) { return .ownedBy(package) }
        let place = staged(path)
        // A staged tree keeps no record, so its files need no checksum.
        let recorded = stagingRoot == nil
        if FileManager.default.contents(atPath: place) == contents && permissions(place) == mode {
            if recorded && record.files.contains(path) { record.note(file: path, checksum: SHA256.hex(contents)) }
            return .alreadyInPlace
        }
        do { try PrivateFile.replace(place, with: contents, mode: mode) } catch {
            throw Failure(description: error.description)
        }
        if recorded { record.note(file: path, checksum: SHA256.hex(contents)) }
        return .written
    }

    /// Where a file or folder is written: below the staging root while staging.
    func staged(_ path: String) -> String { (stagingRoot ?? "") + path }

    private func makeDefault(in listPath: String, into record: inout InstallRecord) throws(Failure) -> String {
        let listText = FileManager.default.contents(atPath: listPath).map { String(decoding: $0, as: UTF8.self) }
        let list = MimeAppsList(text: listText ?? "")
        let missing = DesktopEntry.mimeTypes.filter { !list.isDefault(DesktopEntry.fileName, for: $0) }
        // A default someone else set (an administrator's own /etc/xdg/mimeapps.list) is not ours to take back.
        guard !missing.isEmpty else { return "Puzzel Call is already the default for tel: and callto: links" }
        if record.mimeAppsList == nil {
            record.mimeAppsList = listPath
            record.mimeAppsListExisted = listText != nil
        }
        for mimeType in missing where record.previousDefaults[mimeType] == nil {
            record.previousDefaults[mimeType] = list.defaultApplication(for: mimeType) ?? ""
        }

        try createDirectories(listPath.deletingLastPathComponent, into: &record)
        // xdg-mime knows the desktop's own ways; for the system-wide list, or without xdg-utils,
        // the file is edited directly.
        let usedXdgMime =
            scope == .user
            && (try? Subprocess.run(
                "xdg-mime", ["default", DesktopEntry.fileName] + missing, environment: environment,
                timeout: .seconds(10)))?.succeeded == true
        if !usedXdgMime {
            var edited = MimeAppsList(
                text: FileManager.default.contents(atPath: listPath).map { String(decoding: $0, as: UTF8.self) } ?? "")
            for mimeType in missing { edited.setDefaultApplication(DesktopEntry.fileName, for: mimeType) }
            try writeList(edited, to: listPath)
        }
        let previous = Set(missing.compactMap { list.defaultApplication(for: $0) }).sorted()
        return "Made Puzzel Call the default for tel: and callto: links in \(listPath)"
            + (previous.isEmpty ? "" : " (before: \(previous.joined(separator: ", ")))")
    }

    /// Not for a prefix: the package's triggers do it.
    private var refreshesDesktopDatabase: Bool {
        if case .prefix = scope { return false }
        return true
    }

    /// Runs `update-desktop-database` on the applications folder when it is installed, so desktops
    /// that read its cache see the change at once. Not for a prefix: the package's triggers do it.
    private func refreshDesktopDatabase(into record: inout InstallRecord) throws(Failure) -> String? {
        guard refreshesDesktopDatabase else { return nil }
        let cache = applicationsDirectory + "/mimeinfo.cache"
        let cacheExisted = FileManager.default.fileExists(atPath: cache)
        guard
            let output = try? Subprocess.run(
                "update-desktop-database", ["-q", applicationsDirectory], environment: environment,
                timeout: .seconds(30))
        else {
            return nil
        }
        guard output.succeeded else { return "Could not refresh the desktop database: \(output.standardErrorText)" }
        if !cacheExisted, let written = FileManager.default.contents(atPath: cache) {
            record.note(file: cache, checksum: SHA256.hex(written))
        }
        return "Refreshed the desktop database in \(applicationsDirectory)"
    }

    /// Brings the icon theme's cache up to date where it has one (as `/usr/share/icons/hicolor` does):
    /// GTK trusts a cache that is newer than the theme's folder, and adding an icon two folders down
    /// does not change that folder, so a stale cache would hide the icon. A theme without a cache is
    /// searched directly and is left without one.
    private func refreshIconCache() -> String? {
        let theme = dataDirectory + "/icons/hicolor"
        guard stagingRoot == nil, FileManager.default.fileExists(atPath: theme + "/icon-theme.cache"),
            (try? Subprocess.run(
                "gtk-update-icon-cache", ["--quiet", "--force", theme], environment: environment,
                timeout: .seconds(30)))?.succeeded == true
        else { return nil }
        return "Refreshed the icon cache in \(theme)"
    }

    // MARK: Uninstall

    /// Removes what install added and puts the previous default handlers back. Defaults someone has
    /// changed since are left alone, and so is a file that no longer holds what install wrote or that a
    /// package owns: each such file is named.
    package func uninstall() throws(Failure) -> [String] {
        guard let record = loadRecord() else {
            return ["Nothing to uninstall: no record of an installation in \(recordPath)"]
        }
        var report: [String] = []
        if let listPath = record.mimeAppsList, let line = try restoreDefaults(in: listPath, record: record) {
            report.append(line)
        }
        let owners = packageOwners(record.files)
        var removed: [String] = []
        for file in record.files.reversed() {
            guard let contents = FileManager.default.contents(atPath: file) else { continue }
            if let package = owners.owner(of: file) {
                report.append(Self.leftToPackage(file, package))
                continue
            }
            guard let checksum = record.checksums?[file] else {
                report.append("Left \(file): installed by an older puzzel-call that kept no checksum of it")
                continue
            }
            guard SHA256.hex(contents) == checksum else {
                report.append("Left \(file): it was changed after install")
                continue
            }
            do { try FileManager.default.removeItem(atPath: file) } catch {
                throw Failure(description: "cannot remove \(file): \(error)")
            }
            removed.append(file)
            report.append("Removed \(file)")
        }
        // The caches are brought up to date only where an entry or icon of ours went away.
        if refreshesDesktopDatabase, removed.contains(desktopFilePath),
            FileManager.default.fileExists(atPath: applicationsDirectory + "/mimeinfo.cache"),
            (try? Subprocess.run(
                "update-desktop-database", ["-q", applicationsDirectory], environment: environment,
                timeout: .seconds(30)))?.succeeded == true
        {
            report.append("Refreshed the desktop database in \(applicationsDirectory)")
        }
        if removed.contains(iconPath), let refreshed = refreshIconCache() { report.append(refreshed) }
        unlink(recordPath)
        // Deepest first, and only when empty: anything else put there since stays.
        for directory in record.directories.reversed() { rmdir(directory) }
        return report
    }

    private func restoreDefaults(in listPath: String, record: InstallRecord) throws(Failure) -> String? {
        guard let data = FileManager.default.contents(atPath: listPath) else { return nil }
        var list = MimeAppsList(text: String(decoding: data, as: UTF8.self))
        let ours = DesktopEntry.mimeTypes.filter {
            record.previousDefaults[$0] != nil && list.isDefault(DesktopEntry.fileName, for: $0)
        }
        guard !ours.isEmpty else { return nil }
        for mimeType in ours {
            let previous = record.previousDefaults[mimeType] ?? ""
            list.setDefaultApplication(previous.isEmpty ? nil : previous, for: mimeType)
        }
        if !record.mimeAppsListExisted && !list.hasEntries {
            unlink(listPath)
            return "Removed \(listPath)"
        }
        try writeList(list, to: listPath)
        let restored = Set(ours.compactMap { record.previousDefaults[$0] }.filter { !$0.isEmpty }).sorted()
        return "Restored the previous handlers of tel: and callto: links in \(listPath)"
            + (restored.isEmpty ? " (none were set)" : " (\(restored.joined(separator: ", ")))")
    }

    // MARK: Files

    private func writeList(_ list: MimeAppsList, to path: String) throws(Failure) {
        let mode = permissions(path) ?? 0o644
        do { try PrivateFile.replace(path, with: Data(list.text.utf8), mode: mode) } catch {
            throw Failure(description: error.description)
        }
    }

    /// Creates the directory (below the staging root, if any) and its missing parents, noting the ones it
    /// made for uninstall.
    func createDirectories(_ path: String, into record: inout InstallRecord) throws(Failure) {
        var missing: [String] = []
        var current = staged(path)
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            missing.insert(current, at: 0)
            current = current.deletingLastPathComponent
        }
        for directory in missing {
            guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
                throw Failure(description: "cannot create \(directory): \(PrivateFile.lastError())")
            }
            record.note(directory: directory)
        }
    }

    private func read(_ path: String) throws(Failure) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read \(path)")
        }
        return data
    }

    private func permissions(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    // MARK: The record

    func loadRecord() -> InstallRecord? {
        guard stagingRoot == nil else { return nil }
        return PrivateFile.readOwned(recordPath).flatMap { try? JSONDecoder().decode(InstallRecord.self, from: $0) }
    }

    /// Keeps the record, 0600 in the user's (for a system install, root's) private state folder. A staged
    /// tree gets none: the package it becomes is removed by apt, not by uninstall.
    func saveRecord(_ record: InstallRecord) throws(Failure) {
        guard stagingRoot == nil else { return }
        var record = record
        // The state directory itself may be new; then uninstall takes it away too, if it is empty.
        var current = directories.stateDirectory
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: current) {
            missing.insert(current, at: 0)
            current = current.deletingLastPathComponent
        }
        missing.forEach { record.note(directory: $0) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try PrivateFile.write(try encoder.encode(record), to: recordPath)
        } catch let failure as PrivateFile.Failure {
            throw Failure(description: failure.description)
        } catch {
            throw Failure(description: "cannot record the installation: \(error)")
        }
    }
}

/// What install changed, kept in the state directory for uninstall.
struct InstallRecord: Codable, Equatable {
    /// Files we put there, in the order they were made.
    var files: [String] = []
    /// The SHA-256 of what install wrote to each file: uninstall removes only a file that still holds it.
    /// Nil in a record an older version kept.
    var checksums: [String: String]?
    /// Directories we created, parents first.
    var directories: [String] = []
    var mimeAppsList: String?
    var mimeAppsListExisted = false
    /// The handler each MIME type had in that list before; "" when it had none.
    var previousDefaults: [String: String] = [:]

    mutating func note(file: String, checksum: String) {
        if !files.contains(file) { files.append(file) }
        checksums = (checksums ?? [:]).merging([file: checksum]) { $1 }
    }
    mutating func note(directory: String) { if !directories.contains(directory) { directories.append(directory) } }
}
