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
            "The selection holds \(numbers.count) numbers (\(numbers.joined(separator: ", "))): select just one, "
                + "or install zenity to choose among them."
        case .noSelectionTool:
            "The selection cannot be read: install xclip or xsel (X11), or wl-clipboard (Wayland)."
        case .tooLarge(let kibibytes): "The selection is over \(kibibytes) KiB and was not read: select less text."
        case .timedOut(let tool): "\(tool) did not hand over the selection in time: try again."
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
            "Det markerte har \(numbers.count) numre (\(numbers.joined(separator: ", "))): marker bare ett, eller "
                + "installer zenity for å velge mellom dem."
        case .noSelectionTool:
            "Det markerte kan ikke leses: installer xclip eller xsel (X11), eller wl-clipboard (Wayland)."
        case .tooLarge(let kibibytes): "Det markerte er over \(kibibytes) KiB og ble ikke lest: marker mindre tekst."
        case .timedOut(let tool): "\(tool) leverte ikke det markerte i tide: prøv igjen."
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
            "Markeringen innehåller \(numbers.count) nummer (\(numbers.joined(separator: ", "))): markera bara ett, "
                + "eller installera zenity för att välja bland dem."
        case .noSelectionTool:
            "Markeringen kan inte läsas: installera xclip eller xsel (X11), eller wl-clipboard (Wayland)."
        case .tooLarge(let kibibytes): "Markeringen är över \(kibibytes) KiB och lästes inte: markera mindre text."
        case .timedOut(let tool): "\(tool) lämnade inte över markeringen i tid: försök igen."
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
            "Markeringen indeholder \(numbers.count) numre (\(numbers.joined(separator: ", "))): markér kun ét, "
                + "eller installér zenity for at vælge mellem dem."
        case .noSelectionTool:
            "Markeringen kan ikke læses: installér xclip eller xsel (X11), eller wl-clipboard (Wayland)."
        case .tooLarge(let kibibytes): "Markeringen er over \(kibibytes) KiB og blev ikke læst: markér mindre tekst."
        case .timedOut(let tool): "\(tool) afleverede ikke markeringen i tide: prøv igen."
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
            "Valinnassa on \(numbers.count) numeroa (\(numbers.joined(separator: ", "))): valitse vain yksi tai "
                + "asenna zenity, niin voit valita niiden väliltä."
        case .noSelectionTool:
            "Valintaa ei voi lukea: asenna xclip tai xsel (X11) tai wl-clipboard (Wayland)."
        case .tooLarge(let kibibytes): "Valinta on yli \(kibibytes) KiB, eikä sitä luettu: valitse vähemmän tekstiä."
        case .timedOut(let tool): "\(tool) ei luovuttanut valintaa ajoissa: yritä uudelleen."
        case .chooseOne: "Valinnassa on useita numeroita. Soita numeroon:"
        case .numberColumn: "Numero"
        case .typeColumn: "Tyyppi"
        case .countryColumn: "Maa"
        }
    }
}
