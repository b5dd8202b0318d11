import Testing

@testable import Desktop

/// The desktop whose keyboard settings `install --shortcut` writes, as `XDG_CURRENT_DESKTOP` names it.
@Suite(.timeLimit(.minutes(5))) struct KeyboardShortcutDesktopTests {
    @Test(arguments: [
        ("ubuntu:GNOME", KeyboardShortcut.Desktop.gnome), ("GNOME-Classic:GNOME", .gnome), ("Budgie:GNOME", .gnome),
        ("X-Cinnamon", .cinnamon), ("KDE", .plasma), ("XFCE", .xfce), ("MATE", .mate), ("LXQt", .other("LXQt")),
        ("sway", .other("sway")), ("", .gnome),
    ])
    func theDesktopIsTheFirstItKnowsInTheList(_ current: String, desktop: KeyboardShortcut.Desktop) {
        #expect(KeyboardShortcut.Desktop(environment: ["XDG_CURRENT_DESKTOP": current]) == desktop)
    }

    @Test func withoutTheVariableItIsGNOMEAsBefore() {
        #expect(KeyboardShortcut.Desktop(environment: [:]) == .gnome)
    }

    /// Plasma writes keys as Qt does; `doctor` reads them back as GTK writes them.
    @Test(arguments: [
        ("<Shift><Super>c", "Shift+Meta+C"), ("<Primary><Alt>p", "Ctrl+Alt+P"), ("<Control>F9", "Ctrl+F9"),
        ("<Alt><Shift>Print", "Alt+Shift+Print"),
    ])
    func plasmaKeysAreQtsAndReadBack(_ gtk: String, qt: String) {
        #expect(PlasmaShortcut.qtKeys(gtk) == qt)
        #expect(PlasmaShortcut.qtKeys(PlasmaShortcut.gtkAccelerator(qt)) == qt)
    }
}
