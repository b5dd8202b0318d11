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

    /// Why `path` cannot be trusted, with the command that fixes it; nil when it can.
    func problem(with path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return "\(path) cannot be resolved" }
        defer { free(resolved) }
        var component = String(cString: resolved)
        while true {
            if let problem = problem(ofComponent: component) { return problem }
            if component == "/" { return nil }
            component = component.deletingLastPathComponent
        }
    }

    private func problem(ofComponent path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return "\(path) cannot be examined" }
        if info.st_uid != user && info.st_uid != 0 {
            let owner = path == home || path.hasPrefix(home + "/") ? Self.name(of: user) : "root"
            return "\(path) belongs to \(Self.name(of: info.st_uid)): run `chown \(owner) \(path)`"
        }
        let isDirectory = info.st_mode & S_IFMT == S_IFDIR
        let isStickyRootFolder = isDirectory && info.st_mode & S_ISVTX != 0 && info.st_uid == 0
        let othersWrite = info.st_mode & 0o002 != 0 && !isStickyRootFolder
        let groupWrites = info.st_mode & 0o020 != 0 && !isStickyRootFolder && !isPrivateGroup(info.st_gid)
        if othersWrite || groupWrites {
            return "group or others can change \(path): run `chmod go-w \(path)`"
        }
        return nil
    }

    /// Whether `group` is the user's private group: their primary group, of their name, with no one else in it.
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
        return true
    }

    private static func name(of user: uid_t) -> String {
        guard let entry = getpwuid(user), let name = entry.pointee.pw_name else { return "uid \(user)" }
        return String(cString: name)
    }
}
