/// What `puzzel-call selection` (the keyboard shortcut) tells the agent, in every language puzzel-call speaks.
package enum SelectionText: Sendable, Equatable, Worded {
    case noNumber
    case notChosen
    /// - Parameter numbers: the numbers found, in international format.
    case severalNumbers([String])
    case noSelectionTool
    case tooLarge(kibibytes: Int)
    case timedOut(tool: String)
    /// The chooser's question, above the list of numbers.
    case chooseOne
    /// The chooser's columns: the number as the text wrote it, its type, its country.
    case numberColumn
    case typeColumn
    case countryColumn

    package func text(in language: Language) -> String { worded(in: language) }

    var english: String {
        switch self {
        case .noNumber: "There is no phone number in the selection."
        case .notChosen: "No number was chosen: nothing was called."
        case .severalNumbers(let numbers):
            "The selection holds \(numbers.count) numbers (\(numbers.joined(separator: ", "))); nothing was called: "
                + "select one, or install zenity to choose"
        case .noSelectionTool:
            "Not read: cannot read the selection: install xclip or xsel (X11) or wl-clipboard (Wayland)."
        case .tooLarge(let kibibytes): "Not read: the selection is over \(kibibytes) KiB: select less text."
        case .timedOut(let tool): "Not read: \(tool) did not hand over the selection in time."
        case .chooseOne: "The selection holds several numbers. Call:"
        case .numberColumn: "Number"
        case .typeColumn: "Type"
        case .countryColumn: "Country"
        }
    }

    var norwegian: String {
        switch self {
        case .noNumber: "Det er ikke noe telefonnummer i det markerte."
        case .notChosen: "Ingen nummer ble valgt: det ble ikke ringt."
        case .severalNumbers(let numbers):
            "Det markerte har \(numbers.count) numre (\(numbers.joined(separator: ", "))); det ble ikke ringt: "
                + "marker ett, eller installer zenity for å velge"
        case .noSelectionTool:
            "Ikke lest: det markerte kan ikke leses: installer xclip eller xsel (X11) eller wl-clipboard (Wayland)."
        case .tooLarge(let kibibytes): "Ikke lest: det markerte er over \(kibibytes) KiB: marker mindre tekst."
        case .timedOut(let tool): "Ikke lest: \(tool) leverte ikke det markerte i tide."
        case .chooseOne: "Det markerte har flere numre. Ring:"
        case .numberColumn: "Nummer"
        case .typeColumn: "Nummertype"
        case .countryColumn: "Land"
        }
    }

    var swedish: String {
        switch self {
        case .noNumber: "Det finns inget telefonnummer i markeringen."
        case .notChosen: "Inget nummer valdes: inget samtal ringdes."
        case .severalNumbers(let numbers):
            "Markeringen innehåller \(numbers.count) nummer (\(numbers.joined(separator: ", "))); inget samtal "
                + "ringdes: markera ett, eller installera zenity för att välja"
        case .noSelectionTool:
            "Inte läst: markeringen kan inte läsas: installera xclip eller xsel (X11) eller wl-clipboard (Wayland)."
        case .tooLarge(let kibibytes): "Inte läst: markeringen är över \(kibibytes) KiB: markera mindre text."
        case .timedOut(let tool): "Inte läst: \(tool) lämnade inte över markeringen i tid."
        case .chooseOne: "Markeringen innehåller flera nummer. Ring:"
        case .numberColumn: "Nummer"
        case .typeColumn: "Typ"
        case .countryColumn: "Land"
        }
    }

    var danish: String {
        switch self {
        case .noNumber: "Der er intet telefonnummer i markeringen."
        case .notChosen: "Der blev ikke valgt noget nummer: der blev ikke ringet op."
        case .severalNumbers(let numbers):
            "Markeringen indeholder \(numbers.count) numre (\(numbers.joined(separator: ", "))); der blev ikke "
                + "ringet op: markér ét, eller installér zenity for at vælge"
        case .noSelectionTool:
            "Ikke læst: markeringen kan ikke læses: installér xclip eller xsel (X11) eller wl-clipboard (Wayland)."
        case .tooLarge(let kibibytes): "Ikke læst: markeringen er over \(kibibytes) KiB: markér mindre tekst."
        case .timedOut(let tool): "Ikke læst: \(tool) afleverede ikke markeringen i tide."
        case .chooseOne: "Markeringen indeholder flere numre. Ring op til:"
        case .numberColumn: "Nummer"
        case .typeColumn: "Nummertype"
        case .countryColumn: "Land"
        }
    }

    var finnish: String {
        switch self {
        case .noNumber: "Valinnassa ei ole puhelinnumeroa."
        case .notChosen: "Numeroa ei valittu: mihinkään ei soitettu."
        case .severalNumbers(let numbers):
            "Valinnassa on \(numbers.count) numeroa (\(numbers.joined(separator: ", "))); mihinkään ei soitettu: "
                + "valitse yksi tai asenna zenity valitaksesi"
        case .noSelectionTool:
            "Ei luettu: valintaa ei voi lukea: asenna xclip tai xsel (X11) tai wl-clipboard (Wayland)."
        case .tooLarge(let kibibytes): "Ei luettu: valinta on yli \(kibibytes) KiB: valitse vähemmän tekstiä."
        case .timedOut(let tool): "Ei luettu: \(tool) ei luovuttanut valintaa ajoissa."
        case .chooseOne: "Valinnassa on useita numeroita. Soita numeroon:"
        case .numberColumn: "Numero"
        case .typeColumn: "Tyyppi"
        case .countryColumn: "Maa"
        }
    }
}
