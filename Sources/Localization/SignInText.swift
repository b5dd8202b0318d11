/// What the desktop says when a click needs the agent's Puzzel password, and the words of the dialog that
/// asks for it: the agent signs in from the notification or the application menu, never at a terminal.
package enum SignInText: Sendable, Equatable, Worded {
    /// The notification's action, which opens the password dialog.
    case signIn
    /// A click's fix when the stored password is one Puzzel rejected before.
    case passwordRejectedBefore
    /// The same where the password comes from `PUZZEL_PASSWORD` or `passwordCommand`, which a dialog cannot
    /// change.
    case passwordRejectedBeforeAtItsSource
    /// A click's fix when no password is kept anywhere.
    /// - Parameter user: the Puzzel user name, escaped for display.
    case noPasswordKept(user: String)
    /// A click's fix when no customer key or user name is set up: the dialog asks for it.
    case noAccountSettingKept(AccountSetting)
    /// The password dialog's text; the password is typed into the dialog, never shown.
    /// - Parameters: the user name and customer key, escaped for display.
    case passwordQuestion(user: String, customerKey: String)
    /// What `status` says while no session is left and Puzzel rejected the kept password: a terminal's words.
    case clicksBlocked
    /// The desktop entry's action, in the application menu.
    case signInToPuzzel

    package func text(in language: Language) -> String { worded(in: language) }

    var english: String {
        switch self {
        case .signIn: "Sign in"
        case .passwordRejectedBefore:
            "Puzzel rejected this password, so it is not sent again (Puzzel locks a user after four wrong "
                + "passwords); choose \(quoted(.signIn)) to enter the new one"
        case .passwordRejectedBeforeAtItsSource:
            "Puzzel rejected this password, so it is not sent again (Puzzel locks a user after four wrong "
                + "passwords); correct the password puzzel-call is given, then click again"
        case .noAccountSettingKept(let setting):
            "No \(setting.english) is set up; choose \(quoted(.signIn)) to enter it"
        case .noPasswordKept(let user): "No password is kept for \(user); choose \(quoted(.signIn)) to enter it"
        case .passwordQuestion(let user, let customerKey):
            "Your Puzzel password (user \(user), customer key \(customerKey)):"
        case .clicksBlocked:
            "Not signed in, and clicks are stopped: Puzzel rejected the password kept for you, so it is not sent "
                + "again. Run `puzzel-call login`, or choose “Sign in to Puzzel” in the application menu."
        case .signInToPuzzel: "Sign in to Puzzel"
        }
    }

    var norwegian: String {
        switch self {
        case .signIn: "Logg inn"
        case .passwordRejectedBefore:
            "Puzzel avviste dette passordet, så det blir ikke sendt igjen (Puzzel sperrer en bruker etter fire "
                + "feil passord); velg \(quoted(.signIn, in: .norwegian)) for å skrive inn det nye"
        case .passwordRejectedBeforeAtItsSource:
            "Puzzel avviste dette passordet, så det blir ikke sendt igjen (Puzzel sperrer en bruker etter fire "
                + "feil passord); rett passordet puzzel-call får, og klikk igjen"
        case .noAccountSettingKept(let setting):
            "\(setting.norwegian) mangler; velg \(quoted(.signIn, in: .norwegian)) og skriv den inn"
        case .noPasswordKept(let user):
            "Det er ikke lagret noe passord for \(user); velg \(quoted(.signIn, in: .norwegian)) for å skrive det inn"
        case .passwordQuestion(let user, let customerKey):
            "Passordet ditt i Puzzel (bruker \(user), kundenøkkel \(customerKey)):"
        case .clicksBlocked:
            "Ikke logget på, og klikk stoppes: Puzzel avviste passordet som er lagret for deg, så det blir ikke "
                + "sendt igjen. Kjør `puzzel-call login`, eller velg «Logg inn i Puzzel» i programmenyen."
        case .signInToPuzzel: "Logg inn i Puzzel"
        }
    }

    var swedish: String {
        switch self {
        case .signIn: "Logga in"
        case .passwordRejectedBefore:
            "Puzzel avvisade det här lösenordet, så det skickas inte igen (Puzzel spärrar en användare efter fyra "
                + "felaktiga lösenord); välj \(quoted(.signIn, in: .swedish)) och ange det nya"
        case .passwordRejectedBeforeAtItsSource:
            "Puzzel avvisade det här lösenordet, så det skickas inte igen (Puzzel spärrar en användare efter fyra "
                + "felaktiga lösenord); rätta lösenordet som puzzel-call får och klicka igen"
        case .noAccountSettingKept(let setting):
            "\(setting.swedish) saknas; välj \(quoted(.signIn, in: .swedish)) och ange den"
        case .noPasswordKept(let user):
            "Inget lösenord är sparat för \(user); välj \(quoted(.signIn, in: .swedish)) och ange det"
        case .passwordQuestion(let user, let customerKey):
            "Ditt lösenord i Puzzel (användare \(user), kundnyckel \(customerKey)):"
        case .clicksBlocked:
            "Inte inloggad, och klick stoppas: Puzzel avvisade lösenordet som är sparat för dig, så det skickas "
                + "inte igen. Kör `puzzel-call login`, eller välj ”Logga in i Puzzel” i programmenyn."
        case .signInToPuzzel: "Logga in i Puzzel"
        }
    }

    var danish: String {
        switch self {
        case .signIn: "Log ind"
        case .passwordRejectedBefore:
            "Puzzel afviste denne adgangskode, så den sendes ikke igen (Puzzel spærrer en bruger efter fire "
                + "forkerte adgangskoder); vælg \(quoted(.signIn, in: .danish)) og indtast den nye"
        case .passwordRejectedBeforeAtItsSource:
            "Puzzel afviste denne adgangskode, så den sendes ikke igen (Puzzel spærrer en bruger efter fire "
                + "forkerte adgangskoder); ret den adgangskode, puzzel-call får, og klik igen"
        case .noAccountSettingKept(let setting):
            "\(setting.danish) mangler; vælg \(quoted(.signIn, in: .danish)) og indtast den"
        case .noPasswordKept(let user):
            "Der er ikke gemt nogen adgangskode til \(user); vælg \(quoted(.signIn, in: .danish)) og indtast den"
        case .passwordQuestion(let user, let customerKey):
            "Din adgangskode til Puzzel (bruger \(user), kundenøgle \(customerKey)):"
        case .clicksBlocked:
            "Ikke logget på, og klik stoppes: Puzzel afviste den adgangskode, der er gemt til dig, så den sendes "
                + "ikke igen. Kør `puzzel-call login`, eller vælg »Log ind på Puzzel« i programmenuen."
        case .signInToPuzzel: "Log ind på Puzzel"
        }
    }

    var finnish: String {
        switch self {
        case .signIn: "Kirjaudu"
        case .passwordRejectedBefore:
            "Puzzel hylkäsi tämän salasanan, joten sitä ei lähetetä uudelleen (Puzzel lukitsee käyttäjän neljän "
                + "väärän salasanan jälkeen); valitse \(quoted(.signIn, in: .finnish)) ja anna uusi salasana"
        case .passwordRejectedBeforeAtItsSource:
            "Puzzel hylkäsi tämän salasanan, joten sitä ei lähetetä uudelleen (Puzzel lukitsee käyttäjän neljän "
                + "väärän salasanan jälkeen); korjaa puzzel-callille annettu salasana ja napsauta uudelleen"
        case .noAccountSettingKept(let setting):
            "\(setting.finnish) puuttuu; valitse \(quoted(.signIn, in: .finnish)) ja anna se"
        case .noPasswordKept(let user):
            "Käyttäjälle \(user) ei ole tallennettu salasanaa; valitse \(quoted(.signIn, in: .finnish)) ja anna se"
        case .passwordQuestion(let user, let customerKey):
            "Puzzel-salasanasi (käyttäjä \(user), asiakasavain \(customerKey)):"
        case .clicksBlocked:
            "Et ole kirjautunut, ja napsautukset pysäytetään: Puzzel hylkäsi sinulle tallennetun salasanan, joten "
                + "sitä ei lähetetä uudelleen. Suorita `puzzel-call login` tai valitse ”Kirjaudu Puzzeliin” "
                + "sovellusvalikosta."
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
