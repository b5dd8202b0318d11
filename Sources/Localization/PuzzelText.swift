/// What puzzel-call was asking Puzzel to do, as a message names it after “could not”.
package enum PuzzelStep: Sendable, Equatable {
    case logIn
    case renewSession
    case signInWithPuzzelID
    case readTokenInformation
    case readAgentState
    case orderCallout
    /// Reading the issuer's OpenID discovery document, for the browser sign-in.
    case readSignInSettings
    /// Trading the browser's authorization code for tokens.
    case finishBrowserSignIn
    /// A new access token from the browser sign-in's refresh token.
    case renewBrowserSession
    /// Revoking the refresh token at `logout`.
    case signOutOfPuzzelID
}

/// Why a connection to Puzzel gave no answer, below HTTP.
package enum ConnectionProblem: Sendable, Equatable, Worded {
    case hostNotFound
    case proxyNotFound
    case connectionRefused
    /// - Parameter status: the proxy's HTTP status, when it answered one.
    case proxyRefused(status: Int?)
    case urlNotAllowed
    case plainHTTPBeyondThisMachine
    case headerWithLineBreak
    case libcurlMissing
    /// - Parameters: the option as curl/curl.h names it, and libcurl's words for its refusal.
    case libcurlRefusedSetting(String, reason: String)
    case certificateExpired
    case certificateNotYetValid
    case certificateNotTrusted
    case certificateForAnotherName
    /// - Parameter detail: OpenSSL's words, escaped for display.
    case tlsHandshakeFailed(detail: String)
    case closedWithoutAnswer
    case answerCutOff
    case answerNotHTTP
    /// - Parameter description: libcurl's own words for a failure not named above.
    case other(String)
}

/// Why Puzzel did not do what puzzel-call asked, in every language puzzel-call speaks. Names, hosts and
/// Puzzel's own explanations (`puzzelSays`) arrive cleaned and escaped for display, and are passed on as
/// they are: Puzzel's words are its own.
package enum PuzzelText: Sendable, Equatable, Worded {
    case passwordRejected(user: String, customerKey: String, puzzelSays: String?)
    case twoFactorRequired(user: String)
    case clientRejected(client: String, customerKey: String, user: String, puzzelSays: String?)
    case sessionNotRenewed
    case sessionEnded
    /// A refusal in Puzzel's own words.
    case puzzelSays(String)
    /// A refusal without words: Puzzel's `code`, or the HTTP status when `isHTTPStatus`.
    case refused(PuzzelStep, code: Int, isHTTPStatus: Bool)
    case signInNoLongerAccepted(PuzzelStep, status: Int)
    case unexpectedStatus(PuzzelStep, status: Int)
    case unreadableAnswer(PuzzelStep)
    case cannotConnect(PuzzelStep, host: String, ConnectionProblem)
    case noTimeToConnect(PuzzelStep, host: String)
    case noAnswerInTime(PuzzelStep, host: String)
    case answerTooLarge(PuzzelStep)
    case connectionFailed(PuzzelStep, host: String, ConnectionProblem)
    /// - Parameter target: the host the redirect points to, when it names one.
    case redirected(PuzzelStep, host: String, status: Int, target: String?)
    /// The discovery document names another issuer than the one configured (`puzzelIDURL`).
    case issuerMismatch(configured: String, found: String)
    /// The discovery document lacks an endpoint, or names one that is neither https nor on this machine.
    case endpointNotAllowed(name: String, url: String?)
    /// The token endpoint refused the browser's code (used, expired, or not this client's), in its words.
    case browserSignInRefused(puzzelSays: String?)

    package func text(in language: Language) -> String {
        worded(in: language) + (suggestsTryingAgain ? " " + Self.tryAgain.worded(in: language) : "")
    }

    /// Whether the network, not Puzzel, stood in the way of a step that can safely be tried again: never the
    /// callout, which may have been placed.
    private var suggestsTryingAgain: Bool {
        switch self {
        case .noTimeToConnect(let step, _), .noAnswerInTime(let step, _): step != .orderCallout
        case .cannotConnect(let step, _, let problem), .connectionFailed(let step, _, let problem):
            step != .orderCallout && problem.isInTheNetwork
        default: false
        }
    }

    private static let tryAgain = NetworkAdvice()

    var english: String {
        switch self {
        case .passwordRejected(let user, let customerKey, let puzzelSays):
            "Puzzel rejected the password of user \(user) (customer key \(customerKey))."
                + (puzzelSays.map { " Puzzel says: \($0)" } ?? "")
        case .twoFactorRequired(let user):
            "Puzzel asks user \(user) for two-factor authentication, which Puzzel's API cannot complete. Use an API "
                + "user without two-factor authentication, or sign in with Puzzel ID."
        case .clientRejected(let client, let customerKey, let user, let puzzelSays):
            "Puzzel ID refused client \(client) for customer key \(customerKey), user \(user)"
                + (puzzelSays.map { " (\($0))" } ?? "") + ". Check the client id, secret and user id."
        case .sessionNotRenewed: "Puzzel did not renew the session; a new login is needed."
        case .sessionEnded: "Puzzel ended the session; a new login is needed."
        case .puzzelSays(let words): words
        case .refused(let step, let code, let isHTTPStatus):
            "Puzzel refused to \(step.english) (\(isHTTPStatus ? "HTTP" : "code") \(code))."
        case .signInNoLongerAccepted(let step, let status):
            "Puzzel no longer accepts the sign-in (HTTP \(status)) when trying to \(step.english)."
        case .unexpectedStatus(let step, let status):
            "Puzzel could not \(step.english): it answered HTTP \(status)"
                + (status >= 500 ? ", it may be having problems." : ".")
        case .unreadableAnswer(let step): "Puzzel's answer when trying to \(step.english) could not be read."
        case .cannotConnect(let step, let host, let problem):
            "Could not \(step.english): cannot connect to \(host) (\(problem.english))."
        case .noTimeToConnect(let step, let host): "Could not \(step.english): no time was left to reach \(host)."
        case .noAnswerInTime(let step, let host): "Could not \(step.english): \(host) did not answer in time."
        case .answerTooLarge(let step): "Could not \(step.english): Puzzel's answer was too large (over 1 MiB)."
        case .connectionFailed(let step, let host, let problem):
            "Could not \(step.english): the connection to \(host) failed (\(problem.english))."
        case .redirected(let step, let host, let status, let target):
            "Could not \(step.english): \(host) answered with a redirect (HTTP \(status)"
                + (target.map { " to \($0)" } ?? "")
                + "), which puzzel-call never follows. Check the URL in the configuration."
        case .issuerMismatch(let configured, let found):
            "Puzzel ID's sign-in settings at \(configured) name another issuer (\(found)), so they are not used. "
                + "Check puzzelIDURL in the configuration."
        case .endpointNotAllowed(let name, let url):
            "Puzzel ID's sign-in settings give "
                + (url.map { "\(name) as \($0), which is neither https nor on this machine" } ?? "no \(name)")
                + ", so the sign-in cannot go on. Check puzzelIDURL in the configuration."
        case .browserSignInRefused(let puzzelSays):
            "Puzzel ID did not accept the sign-in from the browser" + (puzzelSays.map { " (\($0))" } ?? "")
                + ". Sign in again."
        }
    }

    var norwegian: String {
        switch self {
        case .passwordRejected(let user, let customerKey, let puzzelSays):
            "Puzzel avviste passordet til bruker \(user) (kundenøkkel \(customerKey))."
                + (puzzelSays.map { " Puzzel sier: \($0)" } ?? "")
        case .twoFactorRequired(let user):
            "Puzzel ber bruker \(user) om tofaktorautentisering, som Puzzels API ikke kan fullføre. Bruk en "
                + "API-bruker uten tofaktorautentisering, eller logg på med Puzzel ID."
        case .clientRejected(let client, let customerKey, let user, let puzzelSays):
            "Puzzel ID avviste klient \(client) for kundenøkkel \(customerKey), bruker \(user)"
                + (puzzelSays.map { " (\($0))" } ?? "") + ". Sjekk klient-ID, hemmelighet og bruker-ID."
        case .sessionNotRenewed: "Puzzel fornyet ikke økten; du må logge på igjen."
        case .sessionEnded: "Puzzel avsluttet økten; du må logge på igjen."
        case .puzzelSays(let words): "Puzzel sier: \(words)"
        case .refused(let step, let code, let isHTTPStatus):
            "Puzzel nektet å \(step.norwegian) (\(isHTTPStatus ? "HTTP" : "kode") \(code))."
        case .signInNoLongerAccepted(let step, let status):
            "Puzzel godtar ikke lenger påloggingen (HTTP \(status)) ved forsøk på å \(step.norwegian)."
        case .unexpectedStatus(let step, let status):
            "Puzzel kunne ikke \(step.norwegian): svaret var HTTP \(status)"
                + (status >= 500 ? ", Puzzel kan ha problemer." : ".")
        case .unreadableAnswer(let step): "Svaret fra Puzzel ved forsøk på å \(step.norwegian) kunne ikke leses."
        case .cannotConnect(let step, let host, let problem):
            "Kunne ikke \(step.norwegian): får ikke kontakt med \(host) (\(problem.norwegian))."
        case .noTimeToConnect(let step, let host):
            "Kunne ikke \(step.norwegian): det var ikke tid igjen til å nå \(host)."
        case .noAnswerInTime(let step, let host): "Kunne ikke \(step.norwegian): \(host) svarte ikke i tide."
        case .answerTooLarge(let step): "Kunne ikke \(step.norwegian): svaret fra Puzzel var for stort (over 1 MiB)."
        case .connectionFailed(let step, let host, let problem):
            "Kunne ikke \(step.norwegian): forbindelsen til \(host) feilet (\(problem.norwegian))."
        case .redirected(let step, let host, let status, let target):
            "Kunne ikke \(step.norwegian): \(host) svarte med en omdirigering (HTTP \(status)"
                + (target.map { " til \($0)" } ?? "")
                + "), og puzzel-call følger aldri omdirigeringer. Sjekk URL-en i konfigurasjonen."
        case .issuerMismatch(let configured, let found):
            "Påloggingsinnstillingene til Puzzel ID på \(configured) oppgir en annen utsteder (\(found)), så de "
                + "brukes ikke. Sjekk puzzelIDURL i konfigurasjonen."
        case .endpointNotAllowed(let name, let url):
            "Påloggingsinnstillingene til Puzzel ID oppgir "
                + (url.map { "\(name) som \($0), som verken er https eller på denne maskinen" } ?? "ikke \(name)")
                + ", så påloggingen kan ikke fortsette. Sjekk puzzelIDURL i konfigurasjonen."
        case .browserSignInRefused(let puzzelSays):
            "Puzzel ID godtok ikke påloggingen fra nettleseren" + (puzzelSays.map { " (\($0))" } ?? "")
                + ". Logg på igjen."
        }
    }

    var swedish: String {
        switch self {
        case .passwordRejected(let user, let customerKey, let puzzelSays):
            "Puzzel avvisade lösenordet för användaren \(user) (kundnyckel \(customerKey))."
                + (puzzelSays.map { " Puzzel säger: \($0)" } ?? "")
        case .twoFactorRequired(let user):
            "Puzzel kräver tvåfaktorsautentisering av användaren \(user), vilket Puzzels API inte kan slutföra. "
                + "Använd en API-användare utan tvåfaktorsautentisering, eller logga in med Puzzel ID."
        case .clientRejected(let client, let customerKey, let user, let puzzelSays):
            "Puzzel ID avvisade klienten \(client) för kundnyckel \(customerKey), användare \(user)"
                + (puzzelSays.map { " (\($0))" } ?? "") + ". Kontrollera klient-id, hemlighet och användar-id."
        case .sessionNotRenewed: "Puzzel förnyade inte sessionen; du måste logga in igen."
        case .sessionEnded: "Puzzel avslutade sessionen; du måste logga in igen."
        case .puzzelSays(let words): "Puzzel säger: \(words)"
        case .refused(let step, let code, let isHTTPStatus):
            "Puzzel vägrade \(step.swedish) (\(isHTTPStatus ? "HTTP" : "kod") \(code))."
        case .signInNoLongerAccepted(let step, let status):
            "Puzzel godtar inte längre inloggningen (HTTP \(status)) vid försök att \(step.swedish)."
        case .unexpectedStatus(let step, let status):
            "Puzzel kunde inte \(step.swedish): svaret var HTTP \(status)"
                + (status >= 500 ? ", Puzzel kan ha problem." : ".")
        case .unreadableAnswer(let step): "Svaret från Puzzel vid försök att \(step.swedish) gick inte att läsa."
        case .cannotConnect(let step, let host, let problem):
            "Kunde inte \(step.swedish): får ingen kontakt med \(host) (\(problem.swedish))."
        case .noTimeToConnect(let step, let host):
            "Kunde inte \(step.swedish): det fanns ingen tid kvar att nå \(host)."
        case .noAnswerInTime(let step, let host): "Kunde inte \(step.swedish): \(host) svarade inte i tid."
        case .answerTooLarge(let step): "Kunde inte \(step.swedish): svaret från Puzzel var för stort (över 1 MiB)."
        case .connectionFailed(let step, let host, let problem):
            "Kunde inte \(step.swedish): anslutningen till \(host) misslyckades (\(problem.swedish))."
        case .redirected(let step, let host, let status, let target):
            "Kunde inte \(step.swedish): \(host) svarade med en omdirigering (HTTP \(status)"
                + (target.map { " till \($0)" } ?? "")
                + "), och puzzel-call följer aldrig omdirigeringar. Kontrollera URL:en i konfigurationen."
        case .issuerMismatch(let configured, let found):
            "Puzzel ID:s inloggningsinställningar på \(configured) anger en annan utfärdare (\(found)), så de "
                + "används inte. Kontrollera puzzelIDURL i konfigurationen."
        case .endpointNotAllowed(let name, let url):
            "Puzzel ID:s inloggningsinställningar anger "
                + (url.map { "\(name) som \($0), som varken är https eller på den här datorn" } ?? "inte \(name)")
                + ", så inloggningen kan inte fortsätta. Kontrollera puzzelIDURL i konfigurationen."
        case .browserSignInRefused(let puzzelSays):
            "Puzzel ID godtog inte inloggningen från webbläsaren" + (puzzelSays.map { " (\($0))" } ?? "")
                + ". Logga in igen."
        }
    }

    var danish: String {
        switch self {
        case .passwordRejected(let user, let customerKey, let puzzelSays):
            "Puzzel afviste adgangskoden for bruger \(user) (kundenøgle \(customerKey))."
                + (puzzelSays.map { " Puzzel siger: \($0)" } ?? "")
        case .twoFactorRequired(let user):
            "Puzzel beder bruger \(user) om totrinsgodkendelse, som Puzzels API ikke kan gennemføre. Brug en "
                + "API-bruger uden totrinsgodkendelse, eller log på med Puzzel ID."
        case .clientRejected(let client, let customerKey, let user, let puzzelSays):
            "Puzzel ID afviste klient \(client) for kundenøgle \(customerKey), bruger \(user)"
                + (puzzelSays.map { " (\($0))" } ?? "") + ". Tjek klient-id, hemmelighed og bruger-id."
        case .sessionNotRenewed: "Puzzel fornyede ikke sessionen; du skal logge på igen."
        case .sessionEnded: "Puzzel afsluttede sessionen; du skal logge på igen."
        case .puzzelSays(let words): "Puzzel siger: \(words)"
        case .refused(let step, let code, let isHTTPStatus):
            "Puzzel afviste at \(step.danish) (\(isHTTPStatus ? "HTTP" : "kode") \(code))."
        case .signInNoLongerAccepted(let step, let status):
            "Puzzel godtager ikke længere login (HTTP \(status)) ved forsøg på at \(step.danish)."
        case .unexpectedStatus(let step, let status):
            "Puzzel kunne ikke \(step.danish): svaret var HTTP \(status)"
                + (status >= 500 ? ", Puzzel har måske problemer." : ".")
        case .unreadableAnswer(let step): "Svaret fra Puzzel ved forsøg på at \(step.danish) kunne ikke læses."
        case .cannotConnect(let step, let host, let problem):
            "Kunne ikke \(step.danish): kan ikke få forbindelse til \(host) (\(problem.danish))."
        case .noTimeToConnect(let step, let host): "Kunne ikke \(step.danish): der var ikke tid til at nå \(host)."
        case .noAnswerInTime(let step, let host): "Kunne ikke \(step.danish): \(host) svarede ikke i tide."
        case .answerTooLarge(let step): "Kunne ikke \(step.danish): svaret fra Puzzel var for stort (over 1 MiB)."
        case .connectionFailed(let step, let host, let problem):
            "Kunne ikke \(step.danish): forbindelsen til \(host) mislykkedes (\(problem.danish))."
        case .redirected(let step, let host, let status, let target):
            "Kunne ikke \(step.danish): \(host) svarede med en omdirigering (HTTP \(status)"
                + (target.map { " til \($0)" } ?? "")
                + "), og puzzel-call følger aldrig omdirigeringer. Tjek URL'en i konfigurationen."
        case .issuerMismatch(let configured, let found):
            "Puzzel ID's login-indstillinger på \(configured) angiver en anden udsteder (\(found)), så de "
                + "bruges ikke. Tjek puzzelIDURL i konfigurationen."
        case .endpointNotAllowed(let name, let url):
            "Puzzel ID's login-indstillinger angiver "
                + (url.map { "\(name) som \($0), der hverken er https eller på denne maskine" } ?? "ikke \(name)")
                + ", så login kan ikke fortsætte. Tjek puzzelIDURL i konfigurationen."
        case .browserSignInRefused(let puzzelSays):
            "Puzzel ID godtog ikke login fra browseren" + (puzzelSays.map { " (\($0))" } ?? "")
                + ". Log på igen."
        }
    }

    var finnish: String {
        switch self {
        case .passwordRejected(let user, let customerKey, let puzzelSays):
            "Puzzel hylkäsi käyttäjän \(user) salasanan (asiakasavain \(customerKey))."
                + (puzzelSays.map { " Puzzel sanoo: \($0)" } ?? "")
        case .twoFactorRequired(let user):
            "Puzzel vaatii käyttäjältä \(user) kaksivaiheisen tunnistautumisen, jota Puzzelin API ei voi suorittaa. "
                + "Käytä API-käyttäjää ilman kaksivaiheista tunnistautumista tai kirjaudu Puzzel ID:llä."
        case .clientRejected(let client, let customerKey, let user, let puzzelSays):
            "Puzzel ID hylkäsi asiakasohjelman \(client) (asiakasavain \(customerKey), käyttäjä \(user))"
                + (puzzelSays.map { " (\($0))" } ?? "") + ". Tarkista asiakastunnus, salaisuus ja käyttäjätunnus."
        case .sessionNotRenewed: "Puzzel ei uusinut istuntoa; kirjaudu uudelleen."
        case .sessionEnded: "Puzzel päätti istunnon; kirjaudu uudelleen."
        case .puzzelSays(let words): "Puzzel sanoo: \(words)"
        case .refused(let step, let code, let isHTTPStatus):
            "Puzzel kieltäytyi: ei voitu \(step.finnish) (\(isHTTPStatus ? "HTTP" : "koodi") \(code))."
        case .signInNoLongerAccepted(let step, let status):
            "Puzzel ei enää hyväksy kirjautumista (HTTP \(status)); ei voitu \(step.finnish)."
        case .unexpectedStatus(let step, let status):
            "Ei voitu \(step.finnish): Puzzel vastasi HTTP \(status)"
                + (status >= 500 ? ", Puzzelissa voi olla ongelmia." : ".")
        case .unreadableAnswer(let step): "Ei voitu \(step.finnish): Puzzelin vastausta ei voitu lukea."
        case .cannotConnect(let step, let host, let problem):
            "Ei voitu \(step.finnish): yhteyttä kohteeseen \(host) ei saatu (\(problem.finnish))."
        case .noTimeToConnect(let step, let host):
            "Ei voitu \(step.finnish): aikaa ei ollut jäljellä kohteen \(host) tavoittamiseen."
        case .noAnswerInTime(let step, let host): "Ei voitu \(step.finnish): \(host) ei vastannut ajoissa."
        case .answerTooLarge(let step): "Ei voitu \(step.finnish): Puzzelin vastaus oli liian suuri (yli 1 MiB)."
        case .connectionFailed(let step, let host, let problem):
            "Ei voitu \(step.finnish): yhteys kohteeseen \(host) epäonnistui (\(problem.finnish))."
        case .redirected(let step, let host, let status, let target):
            "Ei voitu \(step.finnish): \(host) vastasi uudelleenohjauksella (HTTP \(status)"
                + (target.map { " kohteeseen \($0)" } ?? "")
                + "), eikä puzzel-call koskaan seuraa uudelleenohjauksia. Tarkista URL-osoite asetuksista."
        case .issuerMismatch(let configured, let found):
            "Puzzel ID:n kirjautumisasetukset osoitteessa \(configured) nimeävät toisen myöntäjän (\(found)), "
                + "joten niitä ei käytetä. Tarkista puzzelIDURL asetuksista."
        case .endpointNotAllowed(let name, let url):
            "Puzzel ID:n kirjautumisasetuksissa "
                + (url.map { "\(name) on \($0), joka ei ole https eikä tällä koneella" } ?? "ei ole kohtaa \(name)")
                + ", joten kirjautuminen ei voi jatkua. Tarkista puzzelIDURL asetuksista."
        case .browserSignInRefused(let puzzelSays):
            "Puzzel ID ei hyväksynyt kirjautumista selaimesta" + (puzzelSays.map { " (\($0))" } ?? "")
                + ". Kirjaudu uudelleen."
        }
    }
}

/// What the agent can do about a connection that failed in the network.
private struct NetworkAdvice: Worded {
    let english = "Check your network connection (and VPN, if you use one), then try again."
    let norwegian = "Sjekk nettverkstilkoblingen (og VPN, hvis du bruker det) og prøv igjen."
    let swedish = "Kontrollera nätverksanslutningen (och VPN, om du använder det) och försök igen."
    let danish = "Tjek netværksforbindelsen (og VPN, hvis du bruger det), og prøv igen."
    let finnish = "Tarkista verkkoyhteys (ja VPN, jos käytät sitä) ja yritä uudelleen."
}

extension PuzzelStep {
    /// After “could not”.
    fileprivate var english: String {
        switch self {
        case .logIn: "log in to Puzzel"
        case .renewSession: "renew the Puzzel session"
        case .signInWithPuzzelID: "sign in with Puzzel ID"
        case .readTokenInformation: "read who is signed in to Puzzel"
        case .readAgentState: "read your state in Puzzel"
        case .orderCallout: "order the callout"
        case .readSignInSettings: "read Puzzel ID's sign-in settings"
        case .finishBrowserSignIn: "finish the sign-in with Puzzel ID"
        case .renewBrowserSession: "renew the Puzzel ID session"
        case .signOutOfPuzzelID: "sign out of Puzzel ID"
        }
    }

    /// After “kunne ikke” and “å”.
    fileprivate var norwegian: String {
        switch self {
        case .logIn: "logge på Puzzel"
        case .renewSession: "fornye Puzzel-økten"
        case .signInWithPuzzelID: "logge på med Puzzel ID"
        case .readTokenInformation: "lese hvem som er pålogget i Puzzel"
        case .readAgentState: "lese statusen din i Puzzel"
        case .orderCallout: "bestille utringingen"
        case .readSignInSettings: "lese påloggingsinnstillingene til Puzzel ID"
        case .finishBrowserSignIn: "fullføre påloggingen med Puzzel ID"
        case .renewBrowserSession: "fornye Puzzel ID-økten"
        case .signOutOfPuzzelID: "logge av Puzzel ID"
        }
    }

    /// After “kunde inte” and “att”.
    fileprivate var swedish: String {
        switch self {
        case .logIn: "logga in i Puzzel"
        case .renewSession: "förnya Puzzel-sessionen"
        case .signInWithPuzzelID: "logga in med Puzzel ID"
        case .readTokenInformation: "läsa vem som är inloggad i Puzzel"
        case .readAgentState: "läsa din status i Puzzel"
        case .orderCallout: "beställa utringningen"
        case .readSignInSettings: "läsa Puzzel ID:s inloggningsinställningar"
        case .finishBrowserSignIn: "slutföra inloggningen med Puzzel ID"
        case .renewBrowserSession: "förnya Puzzel ID-sessionen"
        case .signOutOfPuzzelID: "logga ut från Puzzel ID"
        }
    }

    /// After “kunne ikke” and “at”.
    fileprivate var danish: String {
        switch self {
        case .logIn: "logge på Puzzel"
        case .renewSession: "forny Puzzel-sessionen"
        case .signInWithPuzzelID: "logge på med Puzzel ID"
        case .readTokenInformation: "læse, hvem der er logget på Puzzel"
        case .readAgentState: "læse din status i Puzzel"
        case .orderCallout: "bestille opkaldet"
        case .readSignInSettings: "læse Puzzel ID's login-indstillinger"
        case .finishBrowserSignIn: "fuldføre login med Puzzel ID"
        case .renewBrowserSession: "forny Puzzel ID-sessionen"
        case .signOutOfPuzzelID: "logge af Puzzel ID"
        }
    }

    /// After “ei voitu”.
    fileprivate var finnish: String {
        switch self {
        case .logIn: "kirjautua Puzzeliin"
        case .renewSession: "uusia Puzzel-istuntoa"
        case .signInWithPuzzelID: "kirjautua Puzzel ID:llä"
        case .readTokenInformation: "lukea, kuka on kirjautunut Puzzeliin"
        case .readAgentState: "lukea tilaasi Puzzelissa"
        case .orderCallout: "tilata soittoa"
        case .readSignInSettings: "lukea Puzzel ID:n kirjautumisasetuksia"
        case .finishBrowserSignIn: "viedä Puzzel ID -kirjautumista loppuun"
        case .renewBrowserSession: "uusia Puzzel ID -istuntoa"
        case .signOutOfPuzzelID: "kirjautua ulos Puzzel ID:stä"
        }
    }
}

extension ConnectionProblem {
    package func text(in language: Language) -> String { worded(in: language) }

    /// A failure of the network between here and Puzzel, which another try may get past; not a certificate, a
    /// setting or a missing library.
    var isInTheNetwork: Bool {
        switch self {
        case .hostNotFound, .proxyNotFound, .connectionRefused, .proxyRefused, .closedWithoutAnswer, .answerCutOff,
            .other:
            true
        case .urlNotAllowed, .plainHTTPBeyondThisMachine, .headerWithLineBreak, .libcurlMissing, .libcurlRefusedSetting,
            .certificateExpired,
            .certificateNotYetValid, .certificateNotTrusted, .certificateForAnotherName, .tlsHandshakeFailed,
            .answerNotHTTP:
            false
        }
    }

    var english: String {
        switch self {
        case .hostNotFound: "host not found"
        case .proxyNotFound: "proxy not found"
        case .connectionRefused: "connection refused"
        case .proxyRefused(let status): "the proxy refused the connection" + (status.map { " (HTTP \($0))" } ?? "")
        case .urlNotAllowed: "the URL is not allowed"
        case .plainHTTPBeyondThisMachine: "plain http is allowed only to this machine"
        case .headerWithLineBreak: "a header value holds a line break"
        case .libcurlMissing: "libcurl could not be loaded (is libcurl4 installed?)"
        case .libcurlRefusedSetting(let option, let reason):
            "libcurl refused the setting \(option) (\(reason)), so nothing was sent: puzzel-call needs libcurl 7.85 or newer, built with TLS"
        case .certificateExpired: "TLS: the server's certificate has expired"
        case .certificateNotYetValid: "TLS: the server's certificate is not valid yet"
        case .certificateNotTrusted: "TLS: the server's certificate is not trusted by this system"
        case .certificateForAnotherName: "TLS: the server's certificate is for another name"
        case .tlsHandshakeFailed(let detail): "TLS handshake failed: \(detail)"
        case .closedWithoutAnswer: "the connection closed without an answer"
        case .answerCutOff: "the answer was cut off"
        case .answerNotHTTP: "the answer was not HTTP"
        case .other(let description): description
        }
    }

    var norwegian: String {
        switch self {
        case .hostNotFound: "fant ikke verten"
        case .proxyNotFound: "fant ikke proxyen"
        case .connectionRefused: "tilkoblingen ble avvist"
        case .proxyRefused(let status): "proxyen avviste tilkoblingen" + (status.map { " (HTTP \($0))" } ?? "")
        case .urlNotAllowed: "URL-en er ikke tillatt"
        case .plainHTTPBeyondThisMachine: "ukryptert http er bare tillatt til denne maskinen"
        case .headerWithLineBreak: "en headerverdi inneholder et linjeskift"
        case .libcurlMissing: "libcurl kunne ikke lastes (er libcurl4 installert?)"
        case .libcurlRefusedSetting(let option, let reason):
            "libcurl avviste innstillingen \(option) (\(reason)), så ingenting ble sendt: puzzel-call trenger libcurl 7.85 eller nyere, bygget med TLS"
        case .certificateExpired: "TLS: tjenerens sertifikat er utløpt"
        case .certificateNotYetValid: "TLS: tjenerens sertifikat er ikke gyldig ennå"
        case .certificateNotTrusted: "TLS: denne maskinen stoler ikke på tjenerens sertifikat"
        case .certificateForAnotherName: "TLS: tjenerens sertifikat gjelder et annet navn"
        case .tlsHandshakeFailed(let detail): "TLS-håndtrykket feilet: \(detail)"
        case .closedWithoutAnswer: "forbindelsen ble lukket uten svar"
        case .answerCutOff: "svaret ble avbrutt"
        case .answerNotHTTP: "svaret var ikke HTTP"
        case .other(let description): description
        }
    }

    var swedish: String {
        switch self {
        case .hostNotFound: "värden hittades inte"
        case .proxyNotFound: "proxyn hittades inte"
        case .connectionRefused: "anslutningen nekades"
        case .proxyRefused(let status): "proxyn nekade anslutningen" + (status.map { " (HTTP \($0))" } ?? "")
        case .urlNotAllowed: "URL:en är inte tillåten"
        case .plainHTTPBeyondThisMachine: "okrypterad http är bara tillåten till den här datorn"
        case .headerWithLineBreak: "ett huvudvärde innehåller en radbrytning"
        case .libcurlMissing: "libcurl kunde inte läsas in (är libcurl4 installerat?)"
        case .libcurlRefusedSetting(let option, let reason):
            "libcurl avvisade inställningen \(option) (\(reason)), så inget skickades: puzzel-call behöver libcurl 7.85 eller senare, byggt med TLS"
        case .certificateExpired: "TLS: serverns certifikat har gått ut"
        case .certificateNotYetValid: "TLS: serverns certifikat är inte giltigt än"
        case .certificateNotTrusted: "TLS: den här datorn litar inte på serverns certifikat"
        case .certificateForAnotherName: "TLS: serverns certifikat gäller ett annat namn"
        case .tlsHandshakeFailed(let detail): "TLS-handskakningen misslyckades: \(detail)"
        case .closedWithoutAnswer: "anslutningen stängdes utan svar"
        case .answerCutOff: "svaret avbröts"
        case .answerNotHTTP: "svaret var inte HTTP"
        case .other(let description): description
        }
    }

    var danish: String {
        switch self {
        case .hostNotFound: "værten blev ikke fundet"
        case .proxyNotFound: "proxyen blev ikke fundet"
        case .connectionRefused: "forbindelsen blev afvist"
        case .proxyRefused(let status): "proxyen afviste forbindelsen" + (status.map { " (HTTP \($0))" } ?? "")
        case .urlNotAllowed: "URL'en er ikke tilladt"
        case .plainHTTPBeyondThisMachine: "ukrypteret http er kun tilladt til denne maskine"
        case .headerWithLineBreak: "en headerværdi indeholder et linjeskift"
        case .libcurlMissing: "libcurl kunne ikke indlæses (er libcurl4 installeret?)"
        case .libcurlRefusedSetting(let option, let reason):
            "libcurl afviste indstillingen \(option) (\(reason)), så intet blev sendt: puzzel-call kræver libcurl 7.85 eller nyere, bygget med TLS"
        case .certificateExpired: "TLS: serverens certifikat er udløbet"
        case .certificateNotYetValid: "TLS: serverens certifikat er ikke gyldigt endnu"
        case .certificateNotTrusted: "TLS: denne maskine stoler ikke på serverens certifikat"
        case .certificateForAnotherName: "TLS: serverens certifikat gælder et andet navn"
        case .tlsHandshakeFailed(let detail): "TLS-håndtrykket mislykkedes: \(detail)"
        case .closedWithoutAnswer: "forbindelsen blev lukket uden svar"
        case .answerCutOff: "svaret blev afbrudt"
        case .answerNotHTTP: "svaret var ikke HTTP"
        case .other(let description): description
        }
    }

    var finnish: String {
        switch self {
        case .hostNotFound: "palvelinta ei löytynyt"
        case .proxyNotFound: "välityspalvelinta ei löytynyt"
        case .connectionRefused: "yhteys torjuttiin"
        case .proxyRefused(let status): "välityspalvelin torjui yhteyden" + (status.map { " (HTTP \($0))" } ?? "")
        case .urlNotAllowed: "URL-osoite ei ole sallittu"
        case .plainHTTPBeyondThisMachine: "salaamaton http on sallittu vain tähän koneeseen"
        case .headerWithLineBreak: "otsakkeen arvossa on rivinvaihto"
        case .libcurlMissing: "libcurlia ei voitu ladata (onko libcurl4 asennettu?)"
        case .libcurlRefusedSetting(let option, let reason):
            "libcurl hylkäsi asetuksen \(option) (\(reason)), joten mitään ei lähetetty: puzzel-call tarvitsee libcurlin 7.85 tai uudemman TLS-tuella"
        case .certificateExpired: "TLS: palvelimen varmenne on vanhentunut"
        case .certificateNotYetValid: "TLS: palvelimen varmenne ei ole vielä voimassa"
        case .certificateNotTrusted: "TLS: tämä kone ei luota palvelimen varmenteeseen"
        case .certificateForAnotherName: "TLS: palvelimen varmenne on toiselle nimelle"
        case .tlsHandshakeFailed(let detail): "TLS-kättely epäonnistui: \(detail)"
        case .closedWithoutAnswer: "yhteys suljettiin ilman vastausta"
        case .answerCutOff: "vastaus katkesi"
        case .answerNotHTTP: "vastaus ei ollut HTTP:tä"
        case .other(let description): description
        }
    }
}
