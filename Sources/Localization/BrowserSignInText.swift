/// What the browser sign-in with Puzzel ID tells the agent: in the terminal, after a click, and on the page the
/// browser shows when it hands the answer back.
package enum BrowserSignInText: Sendable, Equatable, Worded {
    /// The page's words when the sign-in went on with the answer.
    case pageSignedIn
    /// The page's words when the answer ended the sign-in without success.
    case pageNotSignedIn
    /// At the terminal, before the browser opens.
    case openingBrowser
    /// The answer came with another `state` than this sign-in sent: not this sign-in's, never used.
    case stateMismatch
    /// The provider answered with an error instead of a code: the agent declined, or it refused.
    /// - Parameter error: the provider's error code and description, cleaned.
    case declined(error: String)
    /// No answer came back in time.
    case noAnswer(seconds: Int)
    /// `xdg-open` could not open a browser.
    case browserNotOpened(reason: String)
    /// The session ended and cannot renew itself: the agent signs in again (at the terminal, with the option).
    case signInAgainAtTerminal
    /// The same after a click: the desktop's Sign in action opens the browser.
    case signInAgain

    package func text(in language: Language) -> String { worded(in: language) }

    var english: String {
        switch self {
        case .pageSignedIn: "You are signed in to Puzzel Call. You can close this tab."
        case .pageNotSignedIn: "The sign-in did not finish; Puzzel Call says why. You can close this tab."
        case .openingBrowser: "Opening your browser to sign in with Puzzel ID…"
        case .stateMismatch:
            "The answer the browser brought back does not belong to this sign-in, so it was not used. Sign in again."
        case .declined(let error): "The sign-in was not completed in the browser (\(error)). Nothing was stored."
        case .noAnswer(let seconds):
            "The browser brought no answer back within \(seconds) seconds. Sign in again."
        case .browserNotOpened(let reason): "Could not open a browser to sign in (\(reason))."
        case .signInAgainAtTerminal:
            "The Puzzel ID session has ended and cannot renew itself: run `puzzel-call login --browser`."
        case .signInAgain: "The Puzzel ID session has ended: sign in again."
        }
    }

    var norwegian: String {
        switch self {
        case .pageSignedIn: "Du er logget på Puzzel Call. Du kan lukke denne fanen."
        case .pageNotSignedIn: "Påloggingen ble ikke fullført; Puzzel Call forteller hvorfor. Du kan lukke denne fanen."
        case .openingBrowser: "Åpner nettleseren for pålogging med Puzzel ID …"
        case .stateMismatch:
            "Svaret nettleseren kom tilbake med hører ikke til denne påloggingen, så det ble ikke brukt. Logg på igjen."
        case .declined(let error): "Påloggingen ble ikke fullført i nettleseren (\(error)). Ingenting ble lagret."
        case .noAnswer(let seconds):
            "Nettleseren kom ikke tilbake med noe svar innen \(seconds) sekunder. Logg på igjen."
        case .browserNotOpened(let reason): "Kunne ikke åpne en nettleser for pålogging (\(reason))."
        case .signInAgainAtTerminal:
            "Puzzel ID-økten er avsluttet og kan ikke fornye seg selv: kjør `puzzel-call login --browser`."
        case .signInAgain: "Puzzel ID-økten er avsluttet: logg på igjen."
        }
    }

    var swedish: String {
        switch self {
        case .pageSignedIn: "Du är inloggad i Puzzel Call. Du kan stänga den här fliken."
        case .pageNotSignedIn:
            "Inloggningen slutfördes inte; Puzzel Call berättar varför. Du kan stänga den här fliken."
        case .openingBrowser: "Öppnar webbläsaren för inloggning med Puzzel ID …"
        case .stateMismatch:
            "Svaret som webbläsaren kom tillbaka med hör inte till den här inloggningen, så det användes inte. "
                + "Logga in igen."
        case .declined(let error): "Inloggningen slutfördes inte i webbläsaren (\(error)). Inget sparades."
        case .noAnswer(let seconds):
            "Webbläsaren kom inte tillbaka med något svar inom \(seconds) sekunder. Logga in igen."
        case .browserNotOpened(let reason): "Kunde inte öppna en webbläsare för inloggning (\(reason))."
        case .signInAgainAtTerminal:
            "Puzzel ID-sessionen har upphört och kan inte förnya sig själv: kör `puzzel-call login --browser`."
        case .signInAgain: "Puzzel ID-sessionen har upphört: logga in igen."
        }
    }

    var danish: String {
        switch self {
        case .pageSignedIn: "Du er logget på Puzzel Call. Du kan lukke denne fane."
        case .pageNotSignedIn: "Login blev ikke fuldført; Puzzel Call fortæller hvorfor. Du kan lukke denne fane."
        case .openingBrowser: "Åbner browseren for login med Puzzel ID …"
        case .stateMismatch:
            "Svaret, som browseren kom tilbage med, hører ikke til dette login, så det blev ikke brugt. Log på igen."
        case .declined(let error): "Login blev ikke fuldført i browseren (\(error)). Intet blev gemt."
        case .noAnswer(let seconds):
            "Browseren kom ikke tilbage med et svar inden for \(seconds) sekunder. Log på igen."
        case .browserNotOpened(let reason): "Kunne ikke åbne en browser til login (\(reason))."
        case .signInAgainAtTerminal:
            "Puzzel ID-sessionen er udløbet og kan ikke forny sig selv: kør `puzzel-call login --browser`."
        case .signInAgain: "Puzzel ID-sessionen er udløbet: log på igen."
        }
    }

    var finnish: String {
        switch self {
        case .pageSignedIn: "Olet kirjautunut Puzzel Calliin. Voit sulkea tämän välilehden."
        case .pageNotSignedIn: "Kirjautuminen ei onnistunut; Puzzel Call kertoo syyn. Voit sulkea tämän välilehden."
        case .openingBrowser: "Avataan selain Puzzel ID -kirjautumista varten…"
        case .stateMismatch:
            "Selaimen palauttama vastaus ei kuulu tähän kirjautumiseen, joten sitä ei käytetty. Kirjaudu uudelleen."
        case .declined(let error): "Kirjautumista ei viety loppuun selaimessa (\(error)). Mitään ei tallennettu."
        case .noAnswer(let seconds): "Selain ei palauttanut vastausta \(seconds) sekunnin kuluessa. Kirjaudu uudelleen."
        case .browserNotOpened(let reason): "Selainta ei voitu avata kirjautumista varten (\(reason))."
        case .signInAgainAtTerminal:
            "Puzzel ID -istunto on päättynyt eikä voi uusiutua itsestään: suorita `puzzel-call login --browser`."
        case .signInAgain: "Puzzel ID -istunto on päättynyt: kirjaudu uudelleen."
        }
    }
}
