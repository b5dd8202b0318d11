import FoundationEssentials
import SystemSupport

/// puzzel-call's icon: a handset on a rounded tile, in hicolor's scalable size.
///
/// Compiled in for the same reason as the entry, and kept equal to `desktop/puzzel-call.svg` by a test.
/// Desktop entries and notifications name it by `name`, which the theme looks up.
package enum DesktopIcon {
    /// The icon's name in the theme: the entry's `Icon=` and a notification's `app_icon`.
    package static let name = "puzzel-call"
    package static let fileName = name + ".svg"
    /// Where it goes below a data directory (`~/.local/share`, `/usr/share`).
    static let themePath = "icons/hicolor/scalable/apps/" + fileName

    /// The installed icon a desktop finds first (the user's, then the system's); nil when none is.
    ///
    /// A notification's `app_icon` may be this absolute path instead of `name`: dunst 1.9 with Debian's
    /// configuration shows the icon by its path, but not by its name where its icon theme (Adwaita) is
    /// missing.
    package static func installedPath(in directories: XDGDirectories) -> String? {
        ([directories.dataHome] + directories.dataDirs).map { "\($0)/\(themePath)" }
            .first(where: FileManager.default.fileExists(atPath:))
    }

    static let svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
          <title>Puzzel Call</title>
          <defs>
            <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0" stop-color="#1fa374"/>
              <stop offset="1" stop-color="#0d7150"/>
            </linearGradient>
          </defs>
          <rect x="8" y="8" width="112" height="112" rx="26" fill="url(#tile)"/>
          <g transform="rotate(-135 64 64) translate(0 -6)" fill="#fff">
            <path d="M36 62 Q64 44 92 62" fill="none" stroke="#fff" stroke-width="14" stroke-linecap="round"/>
            <rect x="22" y="58" width="30" height="26" rx="9" transform="rotate(-12 37 71)"/>
            <rect x="76" y="58" width="30" height="26" rx="9" transform="rotate(12 91 71)"/>
          </g>
        </svg>

        """
}
