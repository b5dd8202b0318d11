import FoundationEssentials
import Glibc
import SystemSupport

/// Whether a config file may set what decides where the password goes: only a file that nobody but the
/// user and root can change, in folders nobody else can change either, all the way up to `/` — the rule
/// ssh's StrictModes applies to `authorized_keys`.
///
/// A folder that everyone may write is accepted only with the sticky bit and owned by root (`/tmp`):
/// there nobody can rename or replace an entry that is not theirs. Group write is harmless when the
/// group is the user's own private group with nobody else in it (the default of Debian and Ubuntu,
/// whose umask 002 makes files group-writable), as Debian's ssh allows too.
struct FileTrust {
    /// Whose files are trusted besides root's: the user running puzzel-call.
    let user = geteuid()
    /// The user's home, where a wrong owner is fixed with `chown` to the user rather than to root.
    let home: String

    /// Why `file` cannot be trusted, with the command that fixes it; nil when it can.
    ///
    /// The file is judged by the descriptor it was read from, and must still be what its resolved name
    /// leads to; then every folder above that name. The way to it as named is checked too: someone who
    /// could change a folder or a link on that way could make the same name lead to another file.
    func problem(with file: OpenedConfigFile) -> String? {
        var named = stat()
        guard lstat(file.resolvedPath, &named) == 0, named.st_dev == file.status.st_dev,
            named.st_ino == file.status.st_ino
        else { return "\(file.resolvedPath) was replaced while it was read: try again" }
        if let problem = problem(of: file.status, at: file.resolvedPath) { return problem }
        if let problem = problem(withFoldersAbove: file.resolvedPath) { return problem }
        return problem(withTheWayTo: file.path)
    }

    /// The kernel's limit on links followed in one name (`MAXSYMLINKS`).
    private static let linksFollowedAtMost = 40

    /// Why a folder or a link met on the way to `path`, as named and link by link, is not the user's or
    /// root's alone.
    private func problem(withTheWayTo path: String) -> String? {
        var current = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        for _ in 0...Self.linksFollowedAtMost {
            if let problem = problem(withFoldersAbove: current) { return problem }
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return nil }
            // Only its owner can point a link elsewhere; its mode means nothing.
            if info.st_uid != user && info.st_uid != 0 {
                let fix = "chown -h \(owner(for: current)) \(current)"
                return "\(current) belongs to \(Self.name(of: info.st_uid)): run `\(fix)`"
            }
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &target, target.count - 1)
            guard length > 0 else { return "\(current) cannot be examined" }
            let destination = String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : current.deletingLastPathComponent + "/" + destination
        }
        return "\(path) leads through too many links"
    }

    /// Why a folder above `path`, up to `/`, could be changed by someone else.
    private func problem(withFoldersAbove path: String) -> String? {
        var folder = path
        repeat {
            folder = folder.deletingLastPathComponent
            var info = stat()
            guard stat(folder, &info) == 0 else { return "\(folder) cannot be examined" }
            if let problem = problem(of: info, at: folder) { return problem }
        } while folder != "/"
        return nil
    }

    private func problem(of info: stat, at path: String) -> String? {
        switch intruder(into: info) {
        case nil: nil
        case .owner(let owner):
            "\(path) belongs to \(Self.name(of: owner)): run `chown \(self.owner(for: path)) \(path)`"
        case .groupOrOthers: "group or others can change \(path): run `chmod go-w \(path)`"
        }
    }

    /// Who besides the user and root can change a file or folder.
    enum Intruder: Equatable {
        /// It belongs to this user.
        case owner(uid_t)
        /// Its group (not the user's private one) or everyone may write it.
        case groupOrOthers
    }

    /// Who besides the user and root can change what `info` describes; nil when nobody can.
    func intruder(into info: stat) -> Intruder? {
        if info.st_uid != user && info.st_uid != 0 { return .owner(info.st_uid) }
        let isDirectory = info.st_mode & S_IFMT == S_IFDIR
        let isStickyRootFolder = isDirectory && info.st_mode & S_ISVTX != 0 && info.st_uid == 0
        let othersWrite = info.st_mode & 0o002 != 0 && !isStickyRootFolder
        let groupWrites = info.st_mode & 0o020 != 0 && !isStickyRootFolder && !isPrivateGroup(info.st_gid)
        return othersWrite || groupWrites ? .groupOrOthers : nil
    }

    /// Why someone besides the user and root could rename or replace `folder` or anything in it: the first
    /// folder from `folder` up to `/` that they can change, in words without a command (a click's message
    /// says it). Nil when nobody can.
    func foreignHands(on folder: String) -> String? {
        var current = folder
        while true {
            var info = stat()
            // A folder not made yet is made by us: the ones above it decide.
            if stat(current, &info) == 0 {
                switch intruder(into: info) {
                case nil: break
                case .owner(let owner): return "\(current) belongs to \(Self.name(of: owner))"
                case .groupOrOthers: return "group or others can change \(current)"
                }
            } else if errno != ENOENT {
                return "\(current) cannot be examined: \(PrivateFile.lastError())"
            }
            if current == "/" || current.isEmpty { return nil }
            let parent = current.deletingLastPathComponent
            current = parent.isEmpty ? "/" : parent
        }
    }

    /// Who should own `path`: the user in their home, root elsewhere.
    private func owner(for path: String) -> String {
        path == home || path.hasPrefix(home + "/") ? Self.name(of: user) : "root"
    }

    /// Where the accounts are listed, each with its primary group: `/etc/passwd`, unless a test lists its own.
    var accounts = "/etc/passwd"

    /// Whether `group` is the user's private group: their primary group, of their name, with no one else in
    /// it — neither a member listed in the group nor another account whose primary group it is.
    private func isPrivateGroup(_ group: gid_t) -> Bool {
        guard let account = getpwuid(user), account.pointee.pw_gid == group, let entry = getgrgid(group) else {
            return false
        }
        let userName = String(cString: account.pointee.pw_name)
        guard String(cString: entry.pointee.gr_name) == userName else { return false }
        var member = entry.pointee.gr_mem
        while let name = member?.pointee {
            if String(cString: name) != userName { return false }
            member = member?.successor()
        }
        return !otherAccount(hasPrimaryGroup: group, besides: userName)
    }

    /// Whether an account other than `userName` has `group` as its primary group, as `accounts` lists them.
    /// A list that cannot be read proves nothing: the group is then taken as shared.
    private func otherAccount(hasPrimaryGroup group: gid_t, besides userName: String) -> Bool {
        guard let list = FileContents.read(accounts, limit: 16 << 20) else { return true }
        return String(decoding: list, as: UTF8.self).split(separator: "\n").contains { line in
            // name:password:uid:gid:...
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            return fields.count > 3 && fields[0] != userName && gid_t(fields[3]) == group
        }
    }

    private static func name(of user: uid_t) -> String {
        guard let entry = getpwuid(user), let name = entry.pointee.pw_name else { return "uid \(user)" }
        return String(cString: name)
    }
}
