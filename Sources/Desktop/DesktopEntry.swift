import FoundationEssentials
import SystemSupport

/// The application entry that makes puzzel-call the handler of `tel:` and `callto:` links.
///
/// Its text is compiled in because an installed binary is copied alone; a test keeps it equal to
/// `desktop/puzzel-call.desktop`, the file packagers ship.
package enum DesktopEntry {
    package static let fileName = "puzzel-call.desktop"
    package static let schemes = ["tel", "callto"]
    package static var mimeTypes: [String] { schemes.map { "x-scheme-handler/\($0)" } }
    /// What `Exec` passes before the link: the desktop started puzzel-call, so the outcome is a notification.
    package static let fromDesktopOption = "--from-desktop"

    /// The installed entry a desktop finds first: the user's, then the system's; nil when none is.
    static func installedPath(in directories: XDGDirectories) -> String? {
        ([directories.dataHome] + directories.dataDirs).map { "\($0)/applications/\(fileName)" }
            .first(where: FileManager.default.fileExists(atPath:))
    }

    static let template = """
        [Desktop Entry]
        Type=Application
        Version=1.4
        Name=Puzzel Call
        Name[nb]=Puzzel-samtale
        Name[nn]=Puzzel-samtale
        Name[sv]=Puzzel-samtal
        Name[da]=Puzzel-opkald
        Name[fi]=Puzzel-puhelu
        GenericName=Phone Call via Puzzel
        GenericName[nb]=Telefonsamtale via Puzzel
        GenericName[nn]=Telefonsamtale gjennom Puzzel
        GenericName[sv]=Telefonsamtal via Puzzel
        GenericName[da]=Telefonopkald via Puzzel
        GenericName[fi]=Puhelu Puzzelin kautta
        Comment=Call a phone number you click through the Puzzel contact centre: your phone rings first, then the customer's
        Comment[nb]=Ring et nummer du klikker på, gjennom kontaktsenteret i Puzzel: først ringer telefonen din, så kundens
        Comment[nn]=Ring eit nummer du klikkar på, gjennom kontaktsenteret i Puzzel: først ringjer telefonen din, så telefonen til kunden
        Comment[sv]=Ring ett nummer du klickar på via Puzzels kontaktcenter: din telefon ringer först, sedan kundens
        Comment[da]=Ring til et nummer, du klikker på, gennem Puzzels kontaktcenter: din telefon ringer først, derefter kundens
        Comment[fi]=Soita napsauttamaasi numeroon Puzzel-asiakaspalvelukeskuksen kautta: ensin soi oma puhelimesi, sitten asiakkaan
        Icon=puzzel-call
        Exec=puzzel-call --from-desktop %u
        TryExec=puzzel-call
        Terminal=false
        MimeType=x-scheme-handler/tel;x-scheme-handler/callto;
        Categories=Network;Telephony;
        Keywords=phone;call;tel;callto;Puzzel;
        Keywords[nb]=telefon;ring;samtale;oppringing;tel;callto;Puzzel;
        Keywords[nn]=telefon;ring;ringje;samtale;oppringing;tel;callto;Puzzel;
        Keywords[sv]=telefon;ring;samtal;tel;callto;Puzzel;
        Keywords[da]=telefon;ring;opkald;tel;callto;Puzzel;
        Keywords[fi]=puhelin;soita;puhelu;tel;callto;Puzzel;
        Actions=sign-in;

        [Desktop Action sign-in]
        Name=Sign in to Puzzel
        Name[nb]=Logg inn i Puzzel
        Name[nn]=Logg inn i Puzzel
        Name[sv]=Logga in i Puzzel
        Name[da]=Log ind på Puzzel
        Name[fi]=Kirjaudu Puzzeliin
        Exec=puzzel-call login --from-desktop

        """

    /// The entry for a binary installed at `binaryPath`, which desktops then run whatever their `PATH`.
    static func text(binaryPath: String) -> String {
        template
            .replacing(
                "\nExec=puzzel-call --from-desktop %u\n", with: "\nExec=\(execArgument(binaryPath)) --from-desktop %u\n"
            )
            .replacing(
                "\nExec=puzzel-call login --from-desktop\n",
                with: "\nExec=\(execArgument(binaryPath)) login --from-desktop\n"
            )
            .replacing("\nTryExec=puzzel-call\n", with: "\nTryExec=\(stringValue(binaryPath))\n")
    }

    /// A program path in an `Exec` key: `%` doubled, quoted when it holds a reserved character, and then
    /// escaped once more as a string value (the specification's two layers).
    static func execArgument(_ path: String) -> String {
        let reserved = Set(" \t\"'\\><~|&;$*?#()`")
        var argument = path.replacing("%", with: "%%")
        if argument.contains(where: reserved.contains) {
            var quoted = "\""
            for character in argument {
                if "\"`$\\".contains(character) { quoted.append("\\") }
                quoted.append(character)
            }
            argument = quoted + "\""
        }
        return stringValue(argument)
    }

    private static func stringValue(_ text: String) -> String {
        text.replacing("\\", with: "\\\\")
    }
}
