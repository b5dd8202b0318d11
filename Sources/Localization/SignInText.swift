/// What the desktop says when a click needs the agent's Puzzel password, and the words of the dialog that
/// asks for it: the agent signs in from the notification or the application menu, never at a terminal.
package enum SignInText: Sendable, Equatable, Worded {
    /// The notification's action, which opens the password dialog.
    case signIn
    /// A click's fix when the stored password is one Puzzel rejected before.
    case passwordRejectedBefore
    /// A click's fix when no password is kept anywhere.
    /// - Parameter user: the Puzzel user name, escaped for display.
    case noPasswordKept(user: String)
    /// The password dialog's text; the password is typed into the dialog, never shown.
    /// - Parameters: the user name and customer key, escaped for display.
    case passwordQuestion(user: String, customerKey: String)
    /// The desktop entry's action, in the application menu.
    case signInToPuzzel

    package func text(in language: Language) -> String { worded(in: language) }

    var english: String {
        switch self {
        case .signIn: "Sign in"
        case .passwordRejectedBefore:
            "Puzzel rejected this password, so it is not sent again (Puzzel locks a user after four wrong "
                + "passwords); choose \(quoted(.signIn)) to enter the new one"
        case .noPasswordKept(let user): "No password is kept for \(user); choose \(quoted(.signIn)) to enter it"
        case .passwordQuestion(let user, let customerKey):
            "Your Puzzel password (user \(user), customer key \(customerKey)):"
        case .signInToPuzzel: "Sign in to Puzzel"
        }
    }

    var norwegian: String {
        switch self {
        case .signIn: "Logg inn"
        case .passwordRejectedBefore:
            "Puzzel avviste dette passordet, så det blir ikke sendt igjen (Puzzel sperrer en bruker etter fire "
                + "feil passord); velg \(quoted(.signIn, in: .norwegian)) for å skrive inn det nye"
        case .noPasswordKept(let user):
            "Det er ikke lagret noe passord for \(user); velg \(quoted(.signIn, in: .norwegian)) for å skrive det inn"
        case .passwordQuestion(let user, let customerKey):
            "Passordet ditt i Puzzel (bruker \(user), kundenøkkel \(customerKey)):"
        case .signInToPuzzel: "Logg inn i Puzzel"
        }
    }

    var swedish: String {
        switch self {
        case .signIn: "Logga in"
        case .passwordRejectedBefore:
            "Puzzel avvisade det här lösenordet, så det skickas inte igen (Puzzel spärrar en användare efter fyra "
                + "felaktiga lösenord); välj \(quoted(.signIn, in: .swedish)) och ange det nya"
        case .noPasswordKept(let user):
            "Inget lösenord är sparat för \(user); välj \(quoted(.signIn, in: .swedish)) och ange det"
        case .passwordQuestion(let user, let customerKey):
            "Ditt lösenord i Puzzel (användare \(user), kundnyckel \(customerKey)):"
        case .signInToPuzzel: "Logga in i Puzzel"
        }
    }

    var danish: String {
        switch self {
        case .signIn: "Log ind"
        case .passwordRejectedBefore:
            "Puzzel afviste denne adgangskode, så den sendes ikke igen (Puzzel spærrer en bruger efter fire "
                + "forkerte adgangskoder); vælg \(quoted(.signIn, in: .danish)) og indtast den nye"
        case .noPasswordKept(let user):
            "Der er ikke gemt nogen adgangskode til \(user); vælg \(quoted(.signIn, in: .danish)) og indtast den"
        case .passwordQuestion(let user, let customerKey):
            "Din adgangskode til Puzzel (bruger \(user), kundenøgle \(customerKey)):"
        case .signInToPuzzel: "Log ind på Puzzel"
        }
    }

    var finnish: String {
        switch self {
        case .signIn: "Kirjaudu"
        case .passwordRejectedBefore:
            "Puzzel hylkäsi tämän salasanan, joten sitä ei lähetetä uudelleen (Puzzel lukitsee käyttäjän neljän "
                + "väärän salasanan jälkeen); valitse \(quoted(.signIn, in: .finnish)) ja anna uusi salasana"
        case .noPasswordKept(let user):
            "Käyttäjälle \(user) ei ole tallennettu salasanaa; valitse \(quoted(.signIn, in: .finnish)) ja anna se"
        case .passwordQuestion(let user, let customerKey):
            "Puzzel-salasanasi (käyttäjä \(user), asiakasavain \(customerKey)):"
        case .signInToPuzzel: "Kirjaudu Puzzeliin"
        }
    }

    private func quoted(_ label: SignInText, in language: Language = .english) -> String {
        language.quoting(label.text(in: language))
    }
}

extension Language {
    /// `text` in the quotation marks the language writes a button's label in.
    func quoting(_ text: String) -> String {
        switch self {
        case .english: "“\(text)”"
        case .norwegian: "«\(text)»"
        case .swedish, .finnish: "”\(text)”"
        case .danish: "»\(text)«"
        }
    }
}
