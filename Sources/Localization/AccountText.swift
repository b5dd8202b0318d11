/// What `login`, `status` and `logout` tell the agent at the terminal, in every language puzzel-call speaks.
/// Names, keys and Puzzel's states arrive escaped for display; Puzzel's state words (`LoggedOn`, `Available`)
/// are its own and stay as they are.
package enum AccountText: Sendable, Equatable, Worded {
    // Questions.
    case customerKeyQuestion
    case userNameQuestion
    case passwordQuestion(user: String)

    // Outcomes.
    case signedIn(user: String, customerKey: String)
    case passwordInKeyring
    /// - Parameter path: the config file that holds the password.
    case passwordInConfigFile(path: String)
    case signedOut
    case signedOutAndPasswordForgotten
    case notSignedIn
    case signedInAs(user: String, customerKey: String, userId: String?)
    /// - Parameter expiry: the date and time as the locale writes them.
    case sessionLasts(until: String)
    /// - Parameter state: Puzzel's own words for the agent's state, joined.
    case stateInPuzzel(String)

    package func text(in language: Language) -> String { worded(in: language) }

    var english: String {
        switch self {
        case .customerKeyQuestion: "Puzzel customer key: "
        case .userNameQuestion: "Puzzel user name: "
        case .passwordQuestion(let user): "Password for \(user): "
        case .signedIn(let user, let customerKey): "Signed in to Puzzel as \(user) (customer key \(customerKey))."
        case .passwordInKeyring: "The password is kept in your desktop keyring."
        case .passwordInConfigFile(let path):
            "No desktop keyring was found: the password is kept in \(path), readable by you only."
        case .signedOut: "Signed out."
        case .signedOutAndPasswordForgotten: "Signed out; the stored password is forgotten."
        case .notSignedIn: "Not signed in. Run `puzzel-call login`, or click a number."
        case .signedInAs(let user, let customerKey, let userId):
            "Signed in to Puzzel as \(user) (customer key \(customerKey), user id \(userId ?? "?"))."
        case .sessionLasts(let expiry): "The session lasts until \(expiry)."
        case .stateInPuzzel(let state): "Your state in Puzzel: \(state)."
        }
    }

    var norwegian: String {
        switch self {
        case .customerKeyQuestion: "Kundenøkkel i Puzzel: "
        case .userNameQuestion: "Brukernavn i Puzzel: "
        case .passwordQuestion(let user): "Passord for \(user): "
        case .signedIn(let user, let customerKey): "Logget på Puzzel som \(user) (kundenøkkel \(customerKey))."
        case .passwordInKeyring: "Passordet er lagret i nøkkelringen på skrivebordet ditt."
        case .passwordInConfigFile(let path):
            "Fant ingen nøkkelring på skrivebordet: passordet er lagret i \(path), som bare du kan lese."
        case .signedOut: "Logget av."
        case .signedOutAndPasswordForgotten: "Logget av; det lagrede passordet er glemt."
        case .notSignedIn: "Ikke logget på. Kjør `puzzel-call login`, eller klikk på et nummer."
        case .signedInAs(let user, let customerKey, let userId):
            "Logget på Puzzel som \(user) (kundenøkkel \(customerKey), bruker-ID \(userId ?? "?"))."
        case .sessionLasts(let expiry): "Økten varer til \(expiry)."
        case .stateInPuzzel(let state): "Statusen din i Puzzel: \(state)."
        }
    }

    var swedish: String {
        switch self {
        case .customerKeyQuestion: "Kundnyckel i Puzzel: "
        case .userNameQuestion: "Användarnamn i Puzzel: "
        case .passwordQuestion(let user): "Lösenord för \(user): "
        case .signedIn(let user, let customerKey): "Inloggad i Puzzel som \(user) (kundnyckel \(customerKey))."
        case .passwordInKeyring: "Lösenordet sparas i skrivbordets nyckelring."
        case .passwordInConfigFile(let path):
            "Ingen nyckelring hittades: lösenordet sparas i \(path), som bara du kan läsa."
        case .signedOut: "Utloggad."
        case .signedOutAndPasswordForgotten: "Utloggad; det sparade lösenordet är glömt."
        case .notSignedIn: "Inte inloggad. Kör `puzzel-call login`, eller klicka på ett nummer."
        case .signedInAs(let user, let customerKey, let userId):
            "Inloggad i Puzzel som \(user) (kundnyckel \(customerKey), användar-id \(userId ?? "?"))."
        case .sessionLasts(let expiry): "Sessionen varar till \(expiry)."
        case .stateInPuzzel(let state): "Din status i Puzzel: \(state)."
        }
    }

    var danish: String {
        switch self {
        case .customerKeyQuestion: "Kundenøgle i Puzzel: "
        case .userNameQuestion: "Brugernavn i Puzzel: "
        case .passwordQuestion(let user): "Adgangskode for \(user): "
        case .signedIn(let user, let customerKey): "Logget på Puzzel som \(user) (kundenøgle \(customerKey))."
        case .passwordInKeyring: "Adgangskoden gemmes i skrivebordets nøglering."
        case .passwordInConfigFile(let path):
            "Der blev ikke fundet nogen nøglering: adgangskoden gemmes i \(path), som kun du kan læse."
        case .signedOut: "Logget af."
        case .signedOutAndPasswordForgotten: "Logget af; den gemte adgangskode er glemt."
        case .notSignedIn: "Ikke logget på. Kør `puzzel-call login`, eller klik på et nummer."
        case .signedInAs(let user, let customerKey, let userId):
            "Logget på Puzzel som \(user) (kundenøgle \(customerKey), bruger-id \(userId ?? "?"))."
        case .sessionLasts(let expiry): "Sessionen varer til \(expiry)."
        case .stateInPuzzel(let state): "Din status i Puzzel: \(state)."
        }
    }

    var finnish: String {
        switch self {
        case .customerKeyQuestion: "Puzzelin asiakasavain: "
        case .userNameQuestion: "Puzzelin käyttäjätunnus: "
        case .passwordQuestion(let user): "Käyttäjän \(user) salasana: "
        case .signedIn(let user, let customerKey):
            "Kirjauduttu Puzzeliin käyttäjänä \(user) (asiakasavain \(customerKey))."
        case .passwordInKeyring: "Salasana on tallessa työpöydän avainnipussa."
        case .passwordInConfigFile(let path):
            "Työpöydän avainnippua ei löytynyt: salasana on tallessa tiedostossa \(path), jota vain sinä voit lukea."
        case .signedOut: "Kirjauduttu ulos."
        case .signedOutAndPasswordForgotten: "Kirjauduttu ulos; tallennettu salasana on unohdettu."
        case .notSignedIn: "Et ole kirjautunut. Suorita `puzzel-call login` tai napsauta numeroa."
        case .signedInAs(let user, let customerKey, let userId):
            "Kirjauduttu Puzzeliin käyttäjänä \(user) (asiakasavain \(customerKey), käyttäjätunnus \(userId ?? "?"))."
        case .sessionLasts(let expiry): "Istunto on voimassa \(expiry) asti."
        case .stateInPuzzel(let state): "Tilasi Puzzelissa: \(state)."
        }
    }
}
