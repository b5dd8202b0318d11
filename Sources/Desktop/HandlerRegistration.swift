import FoundationEssentials
import Glibc
import SystemSupport

/// Installs puzzel-call as the desktop's handler of `tel:` and `callto:` links, and takes it away
/// again: the binary, its desktop entry and icon, the default-handler settings and the desktop database.
///
/// Everything install changes is recorded (with the handlers that were the defaults before) in the
/// state directory, so uninstall undoes exactly that and nothing else. Both are idempotent.
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

    package struct Failure: Error, Equatable, CustomStringConvertible {
        package let description: String
    }

    package let scope: Scope
    let environment: [String: String]
    let directories: XDGDirectories

    package init(scope: Scope = .user, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.scope = scope
        self.environment = environment
        directories = XDGDirectories(environment: environment)
    }

    /// The program now running, which install copies: the kernel knows its real path.
    package static var runningBinaryPath: String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }

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

        try createDirectories(binaryDirectory, into: &record)
        if try installFile(binaryPath, contents: read(source), mode: 0o755, into: &record) {
            report.append("Installed the program as \(binaryPath)")
        } else {
            report.append("The program is already installed as \(binaryPath)")
        }
        try createDirectories(applicationsDirectory, into: &record)
        if try installFile(
            desktopFilePath, contents: Data(DesktopEntry.text(binaryPath: binaryPath).utf8), mode: 0o644, into: &record)
        {
            report.append("Wrote the desktop entry \(desktopFilePath)")
        } else {
            report.append("The desktop entry \(desktopFilePath) is already in place")
        }
        try createDirectories(iconPath.deletingLastPathComponent, into: &record)
        if try installFile(iconPath, contents: Data(DesktopIcon.svg.utf8), mode: 0o644, into: &record) {
            report.append("Installed the icon \(iconPath)")
        }
        if let listPath = mimeAppsListPath {
            report.append(try makeDefault(in: listPath, into: &record))
        }
        if let refreshed = try refreshDesktopDatabase(into: &record) { report.append(refreshed) }
        if let refreshed = refreshIconCache() { report.append(refreshed) }

        if record != before { try saveRecord(record) }
        return report
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

    func installFile(_ path: String, contents: Data, mode: mode_t, into record: inout InstallRecord)
        throws(Failure) -> Bool
    {
        record.note(file: path)
        guard FileManager.default.contents(atPath: path) != contents || permissions(path) != mode else { return false }
        do { try PrivateFile.replace(path, with: contents, mode: mode) } catch {
            throw Failure(description: error.description)
        }
        return true
    }

    private func makeDefault(in listPath: String, into record: inout InstallRecord) throws(Failure) -> String {
        let listText = FileManager.default.contents(atPath: listPath).map { String(decoding: $0, as: UTF8.self) }
        let list = MimeAppsList(text: listText ?? "")
        if record.mimeAppsList == nil {
            record.mimeAppsList = listPath
            record.mimeAppsListExisted = listText != nil
        }
        for mimeType in DesktopEntry.mimeTypes where record.previousDefaults[mimeType] == nil {
            let previous = list.defaultApplication(for: mimeType)
            record.previousDefaults[mimeType] = previous == DesktopEntry.fileName ? "" : previous ?? ""
        }
        let missing = DesktopEntry.mimeTypes.filter { list.defaultApplication(for: $0) != DesktopEntry.fileName }
        guard !missing.isEmpty else { return "Puzzel Call is already the default for tel: and callto: links" }

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
        if !cacheExisted { record.note(file: cache) }
        return "Refreshed the desktop database in \(applicationsDirectory)"
    }

    /// Brings the icon theme's cache up to date where it has one (as `/usr/share/icons/hicolor` does):
    /// GTK trusts a cache that is newer than the theme's folder, and adding an icon two folders down
    /// does not change that folder, so a stale cache would hide the icon. A theme without a cache is
    /// searched directly and is left without one.
    private func refreshIconCache() -> String? {
        let theme = dataDirectory + "/icons/hicolor"
        guard FileManager.default.fileExists(atPath: theme + "/icon-theme.cache"),
            (try? Subprocess.run(
                "gtk-update-icon-cache", ["--quiet", "--force", theme], environment: environment,
                timeout: .seconds(30)))?.succeeded == true
        else { return nil }
        return "Refreshed the icon cache in \(theme)"
    }

    // MARK: Uninstall

    /// Removes what install added and puts the previous default handlers back. Defaults someone has
    /// changed since are left alone.
    package func uninstall() throws(Failure) -> [String] {
        guard let record = loadRecord() else {
            return ["Nothing to uninstall: no record of an installation in \(recordPath)"]
        }
        var report: [String] = []
        if let listPath = record.mimeAppsList, let line = try restoreDefaults(in: listPath, record: record) {
            report.append(line)
        }
        for file in record.files.reversed() where FileManager.default.fileExists(atPath: file) {
            do { try FileManager.default.removeItem(atPath: file) } catch {
                throw Failure(description: "cannot remove \(file): \(error)")
            }
            report.append("Removed \(file)")
        }
        if refreshesDesktopDatabase, !record.files.contains(applicationsDirectory + "/mimeinfo.cache"),
            (try? Subprocess.run(
                "update-desktop-database", ["-q", applicationsDirectory], environment: environment,
                timeout: .seconds(30)))?.succeeded == true
        {
            report.append("Refreshed the desktop database in \(applicationsDirectory)")
        }
        if let refreshed = refreshIconCache() { report.append(refreshed) }
        unlink(recordPath)
        // Deepest first, and only when empty: anything else put there since stays.
        for directory in record.directories.reversed() { rmdir(directory) }
        return report
    }

    private func restoreDefaults(in listPath: String, record: InstallRecord) throws(Failure) -> String? {
        guard let data = FileManager.default.contents(atPath: listPath) else { return nil }
        var list = MimeAppsList(text: String(decoding: data, as: UTF8.self))
        let ours = DesktopEntry.mimeTypes.filter { list.defaultApplication(for: $0) == DesktopEntry.fileName }
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

    /// Creates the directory and its missing parents, noting the ones it made for uninstall.
    func createDirectories(_ path: String, into record: inout InstallRecord) throws(Failure) {
        var missing: [String] = []
        var current = path
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
        PrivateFile.readOwned(recordPath).flatMap { try? JSONDecoder().decode(InstallRecord.self, from: $0) }
    }

    func saveRecord(_ record: InstallRecord) throws(Failure) {
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
    /// Directories we created, parents first.
    var directories: [String] = []
    var mimeAppsList: String?
    var mimeAppsListExisted = false
    /// The handler each MIME type had in that list before; "" when it had none.
    var previousDefaults: [String: String] = [:]

    mutating func note(file: String) { if !files.contains(file) { files.append(file) } }
    mutating func note(directory: String) { if !directories.contains(directory) { directories.append(directory) } }
}
