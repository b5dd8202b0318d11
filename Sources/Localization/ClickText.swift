import PhoneNumbers

/// What a click from the desktop tells the agent — the notification's summary and body lines, its actions,
/// the drive-by question — in every language puzzel-call speaks. Each language is an exhaustive switch, so a
/// new message does not compile until every language has it. Numbers keep their international format, and
/// countries go by their names in the language (CLDR's). Texts given as they are (`verbatim`) come from
/// elsewhere: Puzzel's answers.
package indirect enum ClickText: Sendable, Equatable, Worded {
    // Summaries.
    case calling(PhoneNumber)
    case notCallingAgain(PhoneNumber)
    case notCalling(PhoneNumber?)
    case mayHaveBeenPlaced
    case callQuestion(PhoneNumber)

    // What the body adds.
    case phoneRingsFirst
    case about(PhoneNumber)
    case alreadyCalling(secondsAgo: Int)
    case notLoggedOn
    /// - Parameter pause: the pause's name, escaped for display.
    case paused(String?)
    /// - Parameter status: Puzzel's user status (`WrapUp`, `Busy`), escaped for display.
    case notAvailable(status: String)
    case burstNotConfirmed(numbers: Int, seconds: Int)
    case credentialsRejected
    case keyringNotAnswering(seconds: String)
    /// - Parameter reason: why the folder takes no record, as the system says it.
    case noRecordOfRecentCalls(reason: String)
    case refusedType(PhoneNumber)
    case impossibleLength(PhoneNumber)
    case outsideRanges(PhoneNumber, callingAnyway: Bool)
    // The number reader's refusals, with what they name.
    case placeholder
    /// - Parameter digits: the emergency number as dialled.
    case emergencyNumber(digits: String)
    /// - Parameters: the short code's digits and the region whose code it is.
    case shortNumber(digits: String, region: String)
    /// - Parameter link: the `callto:` link as shown.
    case skypeName(link: String)
    case noNumberGiven
    case linkTooLong
    /// - Parameter scheme: the link's scheme as shown, without its colon.
    case notAPhoneLink(scheme: String)
    /// Percent-encoding that spells out no text.
    case undecodableLink
    /// - Parameter link: the `callto:` link to an address, as shown.
    case address(link: String)
    /// - Parameter value: the value of the link's `phone-context`, as shown.
    case badPhoneContext(value: String)
    /// - Parameter text: what the number was read from, as shown; the same for the cases below.
    case notANumber(text: String)
    case tooLong(text: String)
    case tooShort(text: String)
    case tooFewDigitsAfterPrefix(text: String)
    case noCountryCode(text: String)
    case unknownCountryCode(text: String)
    case extensionNotDialled(String)
    /// - Parameter digits: what follows the pause, escaped for display.
    case postDialNotDialled(String)
    /// - Parameter text: what was ignored, escaped for display.
    case ignored(String)
    /// A refusal that “Call anyway” gets past, with that choice offered.
    case orCallAnyway(ClickText)
    case verbatim(String)
    /// The fix a click offers when it needs the agent's password: the “Sign in” action.
    case signIn(SignInText)

    // The drive-by question.
    case burstQuestion(numbers: Int, seconds: Int)
    case onlyIfYouClicked
    case callLastClicked

    // Actions.
    case callAnyway
    case call

    // The terminal's words, where they differ from a click's: its fix names a command-line option.
    case callingPhoneRingsFirst(PhoneNumber)
    case alreadyCallingRunWithForce(PhoneNumber, secondsAgo: Int)
    case refusedTypeRunWithForce(PhoneNumber)
    /// A refusal that `--force` gets past, with the option named.
    case orRunWithForce(ClickText)

    // Puzzel's failures, and what they mean for the call.
    case puzzel(PuzzelText)
    /// The browser sign-in with Puzzel ID, in its own words.
    case browserSignIn(BrowserSignInText)
    case mayHaveBeenPlacedAfter(PuzzelText)
    case notPlacedAfter(PuzzelText)
    /// - Parameter reason: why the folder takes no record, as the system says it.
    case noRecordOfRejections(reason: String)
    case noPassword(user: String)
    /// - Parameter configFile: the user's config file, as shown. A click may not see the shell's environment
    ///   (it may come through the desktop portal, or from a Flatpak browser), so its fix is the file or `login`.
    case noAccountSetting(AccountSetting, configFile: String)
    /// The same at a terminal, whose environment puzzel-call does see: the variable is named too.
    case noAccountSettingOrVariable(AccountSetting, configFile: String)

    package func text(in language: Language) -> String { worded(in: language) }

    var english: String {
        switch self {
        case .calling(let number): "Calling \(number.international)"
        case .notCallingAgain(let number): "Not calling \(number.international) again"
        case .notCalling(let number?): "Not calling \(number.international)"
        case .notCalling(nil): "Not calling"
        case .mayHaveBeenPlaced: "The call may have been placed — check your phone before you click again"
        case .callQuestion(let number): "Call \(number.international)?"
        case .phoneRingsFirst: "Your phone rings first; answer it, and Puzzel calls the number."
        case .about(let number) where number.type == .unknown: "A \(number.place.phrase("number", in: .english))."
        case .about(let number): "A \(number.place.phrase("\(number.type.english) number", in: .english))."
        case .alreadyCalling(let secondsAgo):
            "You clicked it \(ago(secondsAgo, in: .english)) and it is being called; to call it again, choose "
                + quoted(.callAnyway)
        case .notLoggedOn: "You are not logged on in Puzzel; log on in the agent application and click again"
        case .paused(let pause):
            "You are on pause\(pause.map { " (\($0))" } ?? "") in Puzzel; end the pause and click again"
        case .notAvailable(let status):
            "You are \(Self.english(status: status)) in Puzzel, not Available; click again when you are free"
        case .burstNotConfirmed(let numbers, let seconds):
            "\(numbers) different numbers within \(seconds) s look like a web page clicking links for you, and you "
                + "did not confirm this call; if you clicked it, click again and confirm"
        case .credentialsRejected:
            "Puzzel rejected these credentials before, so they are not sent again (Puzzel locks a user after four "
                + "wrong passwords); fix the password and run `puzzel-call login`"
        case .keyringNotAnswering(let seconds):
            "The keyring did not answer within \(seconds) s; unlock it (it may be asking for its password) and "
                + "click again"
        case .noRecordOfRecentCalls(let reason):
            "The record that stops a double click from calling twice cannot be kept (\(reason)); free some space "
                + "or make the folder writable"
        case .refusedType(let number):
            "\(number.international) is a \(number.type.english) number; to call it all the same, choose "
                + quoted(.callAnyway)
        case .impossibleLength(let number):
            "\(number.e164) has too few or too many digits for a \(number.place.phrase("number", in: .english)); check the "
                + "number"
        case .outsideRanges(let number, let callingAnyway):
            "\(number.international) is outside the known number ranges of \(number.place.english)"
                + (callingAnyway ? "; calling it anyway" : "")
        case .extensionNotDialled(let digits):
            "extension \(digits) is not dialled: ask for it when the call is answered"
        case .postDialNotDialled(let digits):
            "post-dial “\(digits)” is not dialled: key it in when the call is answered"
        case .ignored(let text): "ignored: \(text) (past the end of the number, as on a phone)"
        case .orCallAnyway(let refusal): "\(refusal.english), or choose \(quoted(.callAnyway))"
        case .placeholder: "The link holds no number: its digits are masked or left out"
        case .emergencyNumber(let digits): "\(digits) is an emergency number: call it from a phone"
        case .shortNumber(let digits, let region):
            "\(digits) is a \(shortNumberPhrase(region, in: .english)): it can only be called from a phone there"
        case .skypeName(let link): "\(link) is a Skype name, not a number"
        case .noNumberGiven: "No phone number was given"
        case .linkTooLong: "The link is too long to hold a phone number"
        case .notAPhoneLink(let scheme):
            "\(scheme): links are not phone links: puzzel-call takes only tel: and callto: links"
        case .undecodableLink: "The link is garbled and cannot be read as text"
        case .address(let link): "\(link) is an address, not a phone number"
        case .badPhoneContext(let value):
            "The link’s phone-context=\(value) is neither a +country code nor a domain name"
        case .notANumber(let text): "“\(text)” does not look like a phone number"
        case .tooLong(let text): "“\(text)” is too long to be a phone number"
        case .tooShort(let text): "“\(text)” is too short to be a phone number"
        case .tooFewDigitsAfterPrefix(let text): "“\(text)” has too few digits after the international prefix"
        case .noCountryCode(let text):
            "“\(text)” has no country code, and puzzel-call knows no default country: set one in its "
                + "configuration file (country = NO)"
        case .unknownCountryCode(let text): "“\(text)” has no country code that exists; check the number"
        case .verbatim(let text): text
        case .signIn(let text): text.text(in: .english)
        case .burstQuestion(let numbers, let seconds):
            "That makes \(numbers) different numbers within \(seconds) s: a web page may be clicking phone links "
                + "for you."
        case .onlyIfYouClicked: "Choose \(quoted(.call)) only if you clicked it."
        case .callLastClicked: "Call the number you clicked last?"
        case .callAnyway: "Call anyway"
        case .call: "Call"
        case .callingPhoneRingsFirst(let number): "Calling \(number.international) — your phone rings first"
        case .alreadyCallingRunWithForce(let number, let secondsAgo):
            "Already calling \(number.international) (clicked \(ago(secondsAgo, in: .english))); run with --force to call "
                + "again"
        case .refusedTypeRunWithForce(let number):
            "\(number.international) is a \(number.type.english) number; run again with --force to call it anyway"
        case .orRunWithForce(let refusal): "\(refusal.english), or run with --force"
        case .puzzel(let text): text.text(in: .english)
        case .browserSignIn(let text): text.text(in: .english)
        case .mayHaveBeenPlacedAfter(let text):
            "\(text.text(in: .english)) The call may have been placed: check your phone before clicking again."
        case .notPlacedAfter(let text): "\(text.text(in: .english)) The call was not placed."
        case .noPassword(let user):
            "No password for \(user): run `puzzel-call login`, or set passwordCommand in the config"
        case .noAccountSetting(let setting, let file):
            "No \(setting.english) is set up: add \(setting.key) = … to \(file), or run `puzzel-call login`"
        case .noAccountSettingOrVariable(let setting, let file):
            "No \(setting.english) is set up: add \(setting.key) = … to \(file), set \(setting.variable), or run "
                + "`puzzel-call login`"
        case .noRecordOfRejections(let reason):
            "No password was sent: the record that stops a wrong password from being sent again cannot be kept, "
                + "and Puzzel locks a user after four (\(reason)); free some space or make the folder writable"
        }
    }

    var norwegian: String {
        switch self {
        case .calling(let number): "Ringer \(number.international)"
        case .notCallingAgain(let number): "Ringer ikke \(number.international) igjen"
        case .notCalling(let number?): "Ringer ikke \(number.international)"
        case .notCalling(nil): "Ringer ikke"
        case .mayHaveBeenPlaced: "Samtalen kan ha blitt satt opp — sjekk telefonen før du klikker igjen"
        case .callQuestion(let number): "Ringe \(number.international)?"
        case .phoneRingsFirst: "Telefonen din ringer først; svar, så ringer Puzzel nummeret."
        case .about(let number): "\(number.place.phrase(number.type.norwegian, in: .norwegian).capitalizedFirst)."
        case .alreadyCalling(let secondsAgo):
            "Du klikket \(ago(secondsAgo, in: .norwegian)), og nummeret ringes opp; vil du ringe igjen, velg "
                + quoted(.callAnyway, in: .norwegian)
        case .notLoggedOn: "Du er ikke logget på i Puzzel; logg på i agentprogrammet og klikk igjen"
        case .paused(let pause): "Du har pause\(pause.map { " (\($0))" } ?? "") i Puzzel; avslutt pausen og klikk igjen"
        case .notAvailable(let status):
            "Du er \(Self.norwegian(status: status)) i Puzzel og ikke ledig; klikk igjen når du er ledig"
        case .burstNotConfirmed(let numbers, let seconds):
            "\(numbers) ulike numre på \(seconds) s ser ut som en nettside som klikker på lenker for deg, og du "
                + "bekreftet ikke denne samtalen; klikket du selv, klikk igjen og bekreft"
        case .credentialsRejected:
            "Puzzel har avvist disse påloggingsopplysningene før, så de sendes ikke igjen (Puzzel sperrer en bruker "
                + "etter fire feil passord); rett passordet og kjør `puzzel-call login`"
        case .keyringNotAnswering(let seconds):
            "Nøkkelringen svarte ikke innen \(seconds) s; lås den opp (den ber kanskje om passordet sitt) og "
                + "klikk igjen"
        case .noRecordOfRecentCalls(let reason):
            "Det som hindrer et dobbeltklikk i å ringe to ganger, kan ikke lagres (\(reason)); frigjør plass "
                + "eller gjør mappen skrivbar"
        case .refusedType(let number):
            "\(number.international) er et \(number.type.norwegian); vil du ringe det, velg "
                + quoted(.callAnyway, in: .norwegian)
        case .impossibleLength(let number):
            "\(number.e164) har for få eller for mange sifre for et \(number.place.phrase("nummer", in: .norwegian)); "
                + "sjekk nummeret"
        case .outsideRanges(let number, let callingAnyway):
            "\(number.international) er ikke i noen kjent \(number.place.phrase("nummerserie", in: .norwegian))"
                + (callingAnyway ? "; ringer likevel" : "")
        case .extensionNotDialled(let digits): "internnummer \(digits) slås ikke: be om det når samtalen blir besvart"
        case .postDialNotDialled(let digits):
            "sifrene etter pausen, «\(digits)», slås ikke: tast dem inn når samtalen blir besvart"
        case .ignored(let text): "hoppet over: \(text) (etter slutten av nummeret, som på en telefon)"
        case .orCallAnyway(let refusal): "\(refusal.norwegian), eller velg \(quoted(.callAnyway, in: .norwegian))"
        case .placeholder: "Lenken har ikke noe nummer: sifrene er skjult eller mangler"
        case .emergencyNumber(let digits): "\(digits) er et nødnummer: ring det fra en telefon"
        case .shortNumber(let digits, let region):
            "\(digits) er et \(shortNumberPhrase(region, in: .norwegian)): det kan bare ringes fra en telefon i landet"
        case .skypeName(let link): "\(link) er et Skype-navn, ikke et nummer"
        case .noNumberGiven: "Det ble ikke oppgitt noe telefonnummer"
        case .linkTooLong: "Lenken er for lang til å inneholde et telefonnummer"
        case .notAPhoneLink(let scheme):
            "\(scheme):-lenker er ikke telefonlenker: puzzel-call tar bare imot tel:- og callto:-lenker"
        case .undecodableLink: "Lenken er ødelagt og kan ikke leses som tekst"
        case .address(let link): "\(link) er en adresse, ikke et telefonnummer"
        case .badPhoneContext(let value):
            "Lenkens phone-context=\(value) er verken en +landskode eller et domenenavn"
        case .notANumber(let text): "«\(text)» ser ikke ut som et telefonnummer"
        case .tooLong(let text): "«\(text)» er for langt til å være et telefonnummer"
        case .tooShort(let text): "«\(text)» er for kort til å være et telefonnummer"
        case .tooFewDigitsAfterPrefix(let text): "«\(text)» har for få sifre etter utenlandsprefikset"
        case .noCountryCode(let text):
            "«\(text)» har ingen landskode, og puzzel-call kjenner ikke noe standardland: angi det i "
                + "konfigurasjonsfilen (country = NO)"
        case .unknownCountryCode(let text): "«\(text)» har ingen landskode som finnes; sjekk nummeret"
        case .verbatim(let text): text
        case .signIn(let text): text.text(in: .norwegian)
        case .burstQuestion(let numbers, let seconds):
            "Det blir \(numbers) ulike numre på \(seconds) s: en nettside kan være i ferd med å klikke på "
                + "telefonlenker for deg."
        case .onlyIfYouClicked: "Velg \(quoted(.call, in: .norwegian)) bare hvis du klikket selv."
        case .callLastClicked: "Ringe nummeret du klikket på sist?"
        case .callAnyway: "Ring likevel"
        case .call: "Ring"
        case .callingPhoneRingsFirst(let number): "Ringer \(number.international) — telefonen din ringer først"
        case .alreadyCallingRunWithForce(let number, let secondsAgo):
            "Ringer allerede \(number.international) (klikket \(ago(secondsAgo, in: .norwegian))); kjør med --force for å "
                + "ringe igjen"
        case .refusedTypeRunWithForce(let number):
            "\(number.international) er et \(number.type.norwegian); kjør igjen med --force for å ringe det likevel"
        case .orRunWithForce(let refusal): "\(refusal.norwegian), eller kjør med --force"
        case .puzzel(let text): text.text(in: .norwegian)
        case .browserSignIn(let text): text.text(in: .norwegian)
        case .mayHaveBeenPlacedAfter(let text):
            "\(text.text(in: .norwegian)) Samtalen kan ha blitt satt opp: sjekk telefonen før du klikker igjen."
        case .notPlacedAfter(let text): "\(text.text(in: .norwegian)) Samtalen ble ikke satt opp."
        case .noPassword(let user):
            "Ingen passord for \(user): kjør `puzzel-call login`, eller sett passwordCommand i konfigurasjonen"
        case .noAccountSetting(let setting, let file):
            "\(setting.norwegian) mangler: legg til \(setting.key) = … i \(file) eller kjør `puzzel-call login`"
        case .noAccountSettingOrVariable(let setting, let file):
            "\(setting.norwegian) mangler: legg til \(setting.key) = … i \(file), sett \(setting.variable) eller "
                + "kjør `puzzel-call login`"
        case .noRecordOfRejections(let reason):
            "Passordet ble ikke sendt: det som hindrer at et feil passord sendes igjen, kan ikke lagres, og Puzzel "
                + "sperrer en bruker etter fire (\(reason)); frigjør plass eller gjør mappen skrivbar"
        }
    }

    var swedish: String {
        switch self {
        case .calling(let number): "Ringer \(number.international)"
        case .notCallingAgain(let number): "Ringer inte \(number.international) igen"
        case .notCalling(let number?): "Ringer inte \(number.international)"
        case .notCalling(nil): "Ringer inte"
        case .mayHaveBeenPlaced: "Samtalet kan ha kopplats upp — titta på telefonen innan du klickar igen"
        case .callQuestion(let number): "Ringa \(number.international)?"
        case .phoneRingsFirst: "Din telefon ringer först; svara, så ringer Puzzel upp numret."
        case .about(let number): "\(number.place.phrase(number.type.swedish, in: .swedish).capitalizedFirst)."
        case .alreadyCalling(let secondsAgo):
            "Du klickade \(ago(secondsAgo, in: .swedish)), och numret rings upp; vill du ringa igen, välj "
                + quoted(.callAnyway, in: .swedish)
        case .notLoggedOn: "Du är inte inloggad i Puzzel; logga in i agentprogrammet och klicka igen"
        case .paused(let pause): "Du har paus\(pause.map { " (\($0))" } ?? "") i Puzzel; avsluta pausen och klicka igen"
        case .notAvailable(let status):
            "Du är \(Self.swedish(status: status)) i Puzzel och inte ledig; klicka igen när du är ledig"
        case .burstNotConfirmed(let numbers, let seconds):
            "\(numbers) olika nummer inom \(seconds) s ser ut som en webbsida som klickar på länkar åt dig, och du "
                + "bekräftade inte det här samtalet; om du klickade själv, klicka igen och bekräfta"
        case .credentialsRejected:
            "Puzzel har avvisat de här inloggningsuppgifterna tidigare, så de skickas inte igen (Puzzel spärrar en "
                + "användare efter fyra felaktiga lösenord); rätta lösenordet och kör `puzzel-call login`"
        case .keyringNotAnswering(let seconds):
            "Nyckelringen svarade inte inom \(seconds) s; lås upp den (den kanske frågar efter sitt lösenord) och "
                + "klicka igen"
        case .noRecordOfRecentCalls(let reason):
            "Det som hindrar ett dubbelklick från att ringa två gånger kan inte sparas (\(reason)); frigör "
                + "utrymme eller gör mappen skrivbar"
        case .refusedType(let number):
            "\(number.international) är ett \(number.type.swedish); vill du ringa det, välj "
                + quoted(.callAnyway, in: .swedish)
        case .impossibleLength(let number):
            "\(number.e164) har för få eller för många siffror för ett \(number.place.phrase("nummer", in: .swedish)); "
                + "kontrollera numret"
        case .outsideRanges(let number, let callingAnyway):
            "\(number.international) finns inte i någon känd "
                + number.place.phrase("nummerserie", in: .swedish, neuter: false)
                + (callingAnyway ? "; ringer ändå" : "")
        case .extensionNotDialled(let digits): "anknytning \(digits) slås inte: be om den när samtalet besvaras"
        case .postDialNotDialled(let digits):
            "siffrorna efter pausen, ”\(digits)”, slås inte: knappa in dem när samtalet besvaras"
        case .ignored(let text): "hoppades över: \(text) (efter numrets slut, som på en telefon)"
        case .orCallAnyway(let refusal): "\(refusal.swedish), eller välj \(quoted(.callAnyway, in: .swedish))"
        case .placeholder: "Länken har inget nummer: siffrorna är dolda eller saknas"
        case .emergencyNumber(let digits): "\(digits) är ett nödnummer: ring det från en telefon"
        case .shortNumber(let digits, let region):
            "\(digits) är ett \(shortNumberPhrase(region, in: .swedish)): det kan bara ringas från en telefon i landet"
        case .skypeName(let link): "\(link) är ett Skype-namn, inte ett nummer"
        case .noNumberGiven: "Inget telefonnummer angavs"
        case .linkTooLong: "Länken är för lång för att innehålla ett telefonnummer"
        case .notAPhoneLink(let scheme):
            "\(scheme):-länkar är inte telefonlänkar: puzzel-call tar bara emot tel:- och callto:-länkar"
        case .undecodableLink: "Länken är trasig och kan inte läsas som text"
        case .address(let link): "\(link) är en adress, inte ett telefonnummer"
        case .badPhoneContext(let value):
            "Länkens phone-context=\(value) är varken ett +landsnummer eller ett domännamn"
        case .notANumber(let text): "”\(text)” ser inte ut som ett telefonnummer"
        case .tooLong(let text): "”\(text)” är för långt för att vara ett telefonnummer"
        case .tooShort(let text): "”\(text)” är för kort för att vara ett telefonnummer"
        case .tooFewDigitsAfterPrefix(let text): "”\(text)” har för få siffror efter utlandsprefixet"
        case .noCountryCode(let text):
            "”\(text)” har inget landsnummer, och puzzel-call känner inte till något standardland: ange det i "
                + "konfigurationsfilen (country = SE)"
        case .unknownCountryCode(let text): "”\(text)” har inget landsnummer som finns; kontrollera numret"
        case .verbatim(let text): text
        case .signIn(let text): text.text(in: .swedish)
        case .burstQuestion(let numbers, let seconds):
            "Det blir \(numbers) olika nummer inom \(seconds) s: en webbsida kan klicka på telefonlänkar åt dig."
        case .onlyIfYouClicked: "Välj \(quoted(.call, in: .swedish)) bara om du klickade själv."
        case .callLastClicked: "Ringa numret du klickade på senast?"
        case .callAnyway: "Ring ändå"
        case .call: "Ring"
        case .callingPhoneRingsFirst(let number): "Ringer \(number.international) — din telefon ringer först"
        case .alreadyCallingRunWithForce(let number, let secondsAgo):
            "Ringer redan \(number.international) (klickades \(ago(secondsAgo, in: .swedish))); kör med --force för att "
                + "ringa igen"
        case .refusedTypeRunWithForce(let number):
            "\(number.international) är ett \(number.type.swedish); kör igen med --force för att ringa det ändå"
        case .orRunWithForce(let refusal): "\(refusal.swedish), eller kör med --force"
        case .puzzel(let text): text.text(in: .swedish)
        case .browserSignIn(let text): text.text(in: .swedish)
        case .mayHaveBeenPlacedAfter(let text):
            "\(text.text(in: .swedish)) Samtalet kan ha kopplats upp: titta på telefonen innan du klickar igen."
        case .notPlacedAfter(let text): "\(text.text(in: .swedish)) Samtalet kopplades inte upp."
        case .noPassword(let user):
            "Inget lösenord för \(user): kör `puzzel-call login`, eller ange passwordCommand i konfigurationen"
        case .noAccountSetting(let setting, let file):
            "\(setting.swedish) saknas: lägg till \(setting.key) = … i \(file) eller kör `puzzel-call login`"
        case .noAccountSettingOrVariable(let setting, let file):
            "\(setting.swedish) saknas: lägg till \(setting.key) = … i \(file), ange \(setting.variable) eller "
                + "kör `puzzel-call login`"
        case .noRecordOfRejections(let reason):
            "Lösenordet skickades inte: det som hindrar att ett felaktigt lösenord skickas igen kan inte sparas, och "
                + "Puzzel spärrar en användare efter fyra (\(reason)); frigör utrymme eller gör mappen skrivbar"
        }
    }

    var danish: String {
        switch self {
        case .calling(let number): "Ringer op til \(number.international)"
        case .notCallingAgain(let number): "Ringer ikke op til \(number.international) igen"
        case .notCalling(let number?): "Ringer ikke op til \(number.international)"
        case .notCalling(nil): "Ringer ikke op"
        case .mayHaveBeenPlaced: "Opkaldet kan være foretaget — tjek din telefon, før du klikker igen"
        case .callQuestion(let number): "Ringe op til \(number.international)?"
        case .phoneRingsFirst: "Din telefon ringer først; tag den, så ringer Puzzel op til nummeret."
        case .about(let number): "\(number.place.phrase(number.type.danish, in: .danish).capitalizedFirst)."
        case .alreadyCalling(let secondsAgo):
            "Du klikkede \(ago(secondsAgo, in: .danish)), og nummeret bliver ringet op; vil du ringe igen, så vælg "
                + quoted(.callAnyway, in: .danish)
        case .notLoggedOn: "Du er ikke logget på i Puzzel; log på i agentprogrammet, og klik igen"
        case .paused(let pause):
            "Du holder pause\(pause.map { " (\($0))" } ?? "") i Puzzel; afslut pausen, og klik igen"
        case .notAvailable(let status):
            "Du er \(Self.danish(status: status)) i Puzzel og ikke ledig; klik igen, når du er ledig"
        case .burstNotConfirmed(let numbers, let seconds):
            "\(numbers) forskellige numre inden for \(seconds) s ligner en webside, der klikker på links for dig, "
                + "og du bekræftede ikke dette opkald; klikkede du selv, så klik igen, og bekræft"
        case .credentialsRejected:
            "Puzzel har afvist disse loginoplysninger før, så de sendes ikke igen (Puzzel spærrer en bruger efter "
                + "fire forkerte adgangskoder); ret adgangskoden, og kør `puzzel-call login`"
        case .keyringNotAnswering(let seconds):
            "Nøgleringen svarede ikke inden for \(seconds) s; lås den op (den beder måske om sin adgangskode), og "
                + "klik igen"
        case .noRecordOfRecentCalls(let reason):
            "Det, der forhindrer et dobbeltklik i at ringe op to gange, kan ikke gemmes (\(reason)); frigør plads, "
                + "eller gør mappen skrivbar"
        case .refusedType(let number):
            "\(number.international) er et \(number.type.danish); vil du ringe op til det, så vælg "
                + quoted(.callAnyway, in: .danish)
        case .impossibleLength(let number):
            "\(number.e164) har for få eller for mange cifre til et \(number.place.phrase("nummer", in: .danish)); "
                + "tjek nummeret"
        case .outsideRanges(let number, let callingAnyway):
            "\(number.international) er ikke i nogen kendt \(number.place.phrase("nummerserie", in: .danish))"
                + (callingAnyway ? "; ringer op alligevel" : "")
        case .extensionNotDialled(let digits): "lokalnummer \(digits) tastes ikke: bed om det, når opkaldet besvares"
        case .postDialNotDialled(let digits):
            "cifrene efter pausen, »\(digits)«, tastes ikke: tast dem selv, når opkaldet besvares"
        case .ignored(let text): "sprunget over: \(text) (efter nummerets slutning, som på en telefon)"
        case .orCallAnyway(let refusal): "\(refusal.danish), eller vælg \(quoted(.callAnyway, in: .danish))"
        case .placeholder: "Linket indeholder intet nummer: cifrene er skjult eller mangler"
        case .emergencyNumber(let digits): "\(digits) er et nødnummer: ring til det fra en telefon"
        case .shortNumber(let digits, let region):
            "\(digits) er et \(shortNumberPhrase(region, in: .danish)): det kan kun ringes op fra en telefon i landet"
        case .skypeName(let link): "\(link) er et Skype-navn, ikke et nummer"
        case .noNumberGiven: "Der blev ikke angivet noget telefonnummer"
        case .linkTooLong: "Linket er for langt til at indeholde et telefonnummer"
        case .notAPhoneLink(let scheme):
            "\(scheme):-links er ikke telefonlinks: puzzel-call tager kun imod tel:- og callto:-links"
        case .undecodableLink: "Linket er ødelagt og kan ikke læses som tekst"
        case .address(let link): "\(link) er en adresse, ikke et telefonnummer"
        case .badPhoneContext(let value):
            "Linkets phone-context=\(value) er hverken en +landekode eller et domænenavn"
        case .notANumber(let text): "»\(text)« ligner ikke et telefonnummer"
        case .tooLong(let text): "»\(text)« er for langt til at være et telefonnummer"
        case .tooShort(let text): "»\(text)« er for kort til at være et telefonnummer"
        case .tooFewDigitsAfterPrefix(let text): "»\(text)« har for få cifre efter udlandspræfikset"
        case .noCountryCode(let text):
            "»\(text)« har ingen landekode, og puzzel-call kender intet standardland: angiv det i "
                + "konfigurationsfilen (country = DK)"
        case .unknownCountryCode(let text): "»\(text)« har ingen landekode, der findes; tjek nummeret"
        case .verbatim(let text): text
        case .signIn(let text): text.text(in: .danish)
        case .burstQuestion(let numbers, let seconds):
            "Det bliver \(numbers) forskellige numre inden for \(seconds) s: en webside klikker måske på "
                + "telefonlinks for dig."
        case .onlyIfYouClicked: "Vælg kun \(quoted(.call, in: .danish)), hvis du selv klikkede."
        case .callLastClicked: "Ringe op til det nummer, du klikkede på sidst?"
        case .callAnyway: "Ring alligevel"
        case .call: "Ring op"
        case .callingPhoneRingsFirst(let number): "Ringer op til \(number.international) — din telefon ringer først"
        case .alreadyCallingRunWithForce(let number, let secondsAgo):
            "Ringer allerede op til \(number.international) (klikket \(ago(secondsAgo, in: .danish))); kør med --force "
                + "for at ringe igen"
        case .refusedTypeRunWithForce(let number):
            "\(number.international) er et \(number.type.danish); kør igen med --force for at ringe op alligevel"
        case .orRunWithForce(let refusal): "\(refusal.danish), eller kør med --force"
        case .puzzel(let text): text.text(in: .danish)
        case .browserSignIn(let text): text.text(in: .danish)
        case .mayHaveBeenPlacedAfter(let text):
            "\(text.text(in: .danish)) Opkaldet kan være foretaget: tjek din telefon, før du klikker igen."
        case .notPlacedAfter(let text): "\(text.text(in: .danish)) Opkaldet blev ikke foretaget."
        case .noPassword(let user):
            "Ingen adgangskode for \(user): kør `puzzel-call login`, eller angiv passwordCommand i konfigurationen"
        case .noAccountSetting(let setting, let file):
            "\(setting.danish) mangler: tilføj \(setting.key) = … til \(file), eller kør `puzzel-call login`"
        case .noAccountSettingOrVariable(let setting, let file):
            "\(setting.danish) mangler: tilføj \(setting.key) = … til \(file), angiv \(setting.variable), eller "
                + "kør `puzzel-call login`"
        case .noRecordOfRejections(let reason):
            "Adgangskoden blev ikke sendt: det, der forhindrer, at en forkert adgangskode sendes igen, kan ikke "
                + "gemmes, og Puzzel spærrer en bruger efter fire (\(reason)); frigør plads, eller gør mappen skrivbar"
        }
    }

    var finnish: String {
        switch self {
        case .calling(let number): "Soitetaan numeroon \(number.international)"
        case .notCallingAgain(let number): "Numeroon \(number.international) ei soiteta uudelleen"
        case .notCalling(let number?): "Numeroon \(number.international) ei soiteta"
        case .notCalling(nil): "Ei soiteta"
        case .mayHaveBeenPlaced: "Puhelu on ehkä jo soitettu — tarkista puhelimesi ennen kuin napsautat uudelleen"
        case .callQuestion(let number): "Soitetaanko numeroon \(number.international)?"
        case .phoneRingsFirst: "Puhelimesi soi ensin; vastaa, niin Puzzel soittaa numeroon."
        case .about(let number): "\(number.place.phrase(number.type.finnish, in: .finnish).capitalizedFirst)."
        case .alreadyCalling(let secondsAgo):
            "Napsautit numeroa \(ago(secondsAgo, in: .finnish)), ja siihen soitetaan; jos haluat soittaa uudelleen, valitse "
                + quoted(.callAnyway, in: .finnish)
        case .notLoggedOn: "Et ole kirjautunut Puzzeliin; kirjaudu sisään agenttisovelluksessa ja napsauta uudelleen"
        case .paused(let pause):
            "Olet tauolla\(pause.map { " (\($0))" } ?? "") Puzzelissa; lopeta tauko ja napsauta uudelleen"
        case .notAvailable(let status):
            "Tilasi Puzzelissa on \(Self.finnish(status: status)), et ole vapaana; napsauta uudelleen, kun olet vapaa"
        case .burstNotConfirmed(let numbers, let seconds):
            "\(numbers) eri numeroa \(seconds) sekunnissa näyttää siltä, että verkkosivu napsauttaa linkkejä "
                + "puolestasi, etkä vahvistanut tätä puhelua; jos napsautit itse, napsauta uudelleen ja vahvista"
        case .credentialsRejected:
            "Puzzel on hylännyt nämä tunnukset aiemmin, joten niitä ei lähetetä uudelleen (Puzzel lukitsee "
                + "käyttäjän neljän väärän salasanan jälkeen); korjaa salasana ja suorita `puzzel-call login`"
        case .keyringNotAnswering(let seconds):
            "Avainnippu ei vastannut \(seconds) sekunnissa; avaa sen lukitus (se saattaa kysyä salasanaansa) ja "
                + "napsauta uudelleen"
        case .noRecordOfRecentCalls(let reason):
            "Tietoa, joka estää tuplanapsautusta soittamasta kahdesti, ei voi tallentaa (\(reason)); vapauta "
                + "tilaa tai salli kansioon kirjoittaminen"
        case .refusedType(let number):
            "\(number.international) on \(number.type.finnish); jos haluat soittaa siihen, valitse "
                + quoted(.callAnyway, in: .finnish)
        case .impossibleLength(let number):
            "\(number.e164) on väärän pituinen ollakseen \(number.place.phrase("numero", in: .finnish)); "
                + "tarkista numero"
        case .outsideRanges(let number, let callingAnyway):
            "\(number.international) ei kuulu \(number.place.phrase("tunnettuihin numeroalueisiin", in: .finnish))"
                + (callingAnyway ? "; soitetaan silti" : "")
        case .extensionNotDialled(let digits): "alanumeroa \(digits) ei valita: pyydä sitä, kun puheluun vastataan"
        case .postDialNotDialled(let digits):
            "tauon jälkeisiä numeroita ”\(digits)” ei valita: näppäile ne, kun puheluun vastataan"
        case .ignored(let text): "ohitettu: \(text) (numeron lopun jälkeen, kuten puhelimessa)"
        case .orCallAnyway(let refusal): "\(refusal.finnish), tai valitse \(quoted(.callAnyway, in: .finnish))"
        case .placeholder: "Linkissä ei ole numeroa: sen numerot on peitetty tai jätetty pois"
        case .emergencyNumber(let digits): "\(digits) on hätänumero: soita siihen puhelimella"
        case .shortNumber(let digits, let region):
            "\(digits) on \(shortNumberPhrase(region, in: .finnish)): siihen voi soittaa vain puhelimella maan sisältä"
        case .skypeName(let link): "\(link) on Skype-nimi, ei puhelinnumero"
        case .noNumberGiven: "Puhelinnumeroa ei annettu"
        case .linkTooLong: "Linkki on liian pitkä sisältääkseen puhelinnumeron"
        case .notAPhoneLink(let scheme):
            "\(scheme):-linkit eivät ole puhelinlinkkejä: puzzel-call ottaa vastaan vain tel:- ja callto:-linkkejä"
        case .undecodableLink: "Linkki on rikki, eikä sitä voi lukea tekstinä"
        case .address(let link): "\(link) on osoite, ei puhelinnumero"
        case .badPhoneContext(let value): "Linkin phone-context=\(value) ei ole +maatunnus eikä verkkotunnus"
        case .notANumber(let text): "”\(text)” ei näytä puhelinnumerolta"
        case .tooLong(let text): "”\(text)” on liian pitkä ollakseen puhelinnumero"
        case .tooShort(let text): "”\(text)” on liian lyhyt ollakseen puhelinnumero"
        case .tooFewDigitsAfterPrefix(let text):
            "Numerossa ”\(text)” on liian vähän numeroita ulkomaanpuhelun etuliitteen jälkeen"
        case .noCountryCode(let text):
            "Numerossa ”\(text)” ei ole maatunnusta, eikä puzzel-callilla ole oletusmaata: aseta se "
                + "asetustiedostoon (country = FI)"
        case .unknownCountryCode(let text): "Numerossa ”\(text)” ei ole olemassa olevaa maatunnusta; tarkista numero"
        case .verbatim(let text): text
        case .signIn(let text): text.text(in: .finnish)
        case .burstQuestion(let numbers, let seconds):
            "Nyt on \(numbers) eri numeroa \(seconds) sekunnissa: verkkosivu saattaa napsauttaa puhelinlinkkejä "
                + "puolestasi."
        case .onlyIfYouClicked: "Valitse \(quoted(.call, in: .finnish)) vain, jos napsautit itse."
        case .callLastClicked: "Soitetaanko viimeksi napsauttamaasi numeroon?"
        case .callAnyway: "Soita silti"
        case .call: "Soita"
        case .callingPhoneRingsFirst(let number): "Soitetaan numeroon \(number.international) — puhelimesi soi ensin"
        case .alreadyCallingRunWithForce(let number, let secondsAgo):
            "Numeroon \(number.international) soitetaan jo (napsautettu \(ago(secondsAgo, in: .finnish))); suorita "
                + "valitsimella --force soittaaksesi uudelleen"
        case .refusedTypeRunWithForce(let number):
            "\(number.international) on \(number.type.finnish); suorita uudelleen valitsimella --force soittaaksesi "
                + "silti"
        case .orRunWithForce(let refusal): "\(refusal.finnish), tai suorita valitsimella --force"
        case .puzzel(let text): text.text(in: .finnish)
        case .browserSignIn(let text): text.text(in: .finnish)
        case .mayHaveBeenPlacedAfter(let text):
            "\(text.text(in: .finnish)) Puhelu on ehkä jo soitettu: tarkista puhelimesi ennen kuin napsautat uudelleen."
        case .notPlacedAfter(let text): "\(text.text(in: .finnish)) Puhelua ei soitettu."
        case .noPassword(let user):
            "Käyttäjällä \(user) ei ole salasanaa: suorita `puzzel-call login` tai aseta passwordCommand asetuksiin"
        case .noAccountSetting(let setting, let file):
            "\(setting.finnish) puuttuu: lisää \(setting.key) = … tiedostoon \(file) tai suorita `puzzel-call login`"
        case .noAccountSettingOrVariable(let setting, let file):
            "\(setting.finnish) puuttuu: lisää \(setting.key) = … tiedostoon \(file), aseta \(setting.variable) "
                + "tai suorita `puzzel-call login`"
        case .noRecordOfRejections(let reason):
            "Salasanaa ei lähetetty: tietoa, joka estää väärän salasanan lähettämisen uudelleen, ei voi tallentaa, "
                + "ja Puzzel lukitsee käyttäjän neljän väärän jälkeen (\(reason)); vapauta tilaa tai salli kansioon "
                + "kirjoittaminen"
        }
    }

    /// An action's label as the language quotes it: “Call anyway”, «Ring likevel», ”Ring ändå”, »Ring alligevel«.
    private func quoted(_ label: ClickText, in language: Language = .english) -> String {
        language.quoting(label.text(in: language))
    }

    /// Puzzel's user status as the agent says it: “in wrap-up”, “busy”; a status of its own as it is.
    private static func english(status: String) -> String {
        switch status.lowercased() {
        case "wrapup": "in wrap-up"
        case "busy": "busy"
        case "noanswer": "marked as not answering"
        default: status
        }
    }

    private static func norwegian(status: String) -> String {
        switch status.lowercased() {
        case "wrapup": "i etterarbeid"
        case "busy": "opptatt"
        case "noanswer": "merket som «svarer ikke»"
        default: status
        }
    }

    private static func swedish(status: String) -> String {
        switch status.lowercased() {
        case "wrapup": "i efterarbete"
        case "busy": "upptagen"
        case "noanswer": "markerad som ”svarar inte”"
        default: status
        }
    }

    private static func danish(status: String) -> String {
        switch status.lowercased() {
        case "wrapup": "i efterbehandling"
        case "busy": "optaget"
        case "noanswer": "markeret som »svarer ikke«"
        default: status
        }
    }

    /// The state's name, quoted: “Tilasi Puzzelissa on ”Varattu””, since the sentence names the state.
    private static func finnish(status: String) -> String {
        switch status.lowercased() {
        case "wrapup": "”Jälkikäsittely”"
        case "busy": "”Varattu”"
        case "noanswer": "”Ei vastaa”"
        default: status
        }
    }
}

extension PhoneNumber {
    /// Where the number belongs: its region, or its country code alone.
    fileprivate var place: NumberPlace { NumberPlace(region: region, countryCode: countryCode) }

    /// The number's type as a list names it: “Fixed line”, “Mobilnummer”, “Matkapuhelinnumero”; empty when
    /// it is not known.
    package func typeName(in language: Language) -> String {
        guard type != .unknown else { return "" }
        return switch language {
        case .english: type.english.capitalizedFirst
        case .norwegian: type.norwegian.capitalizedFirst
        case .swedish: type.swedish.capitalizedFirst
        case .danish: type.danish.capitalizedFirst
        case .finnish: type.finnish.capitalizedFirst
        }
    }

    /// Where the number belongs as a list names it: “Norway”, “Norge”, “+882”.
    package func placeName(in language: Language) -> String {
        switch region {
        case let region? where region != "001": CountryName.of(region, in: language) ?? region
        default: "+\(countryCode)"
        }
    }
}

/// A short number of `region`, without its article: “short number in the United States”, “norsk kortnummer”,
/// “Norjan lyhytnumero”.
private func shortNumberPhrase(_ region: String, in language: Language) -> String {
    let noun =
        switch language {
        case .english: "short number"
        case .norwegian, .swedish, .danish: "kortnummer"
        case .finnish: "lyhytnumero"
        }
    return NumberPlace(region: region, countryCode: 0).phrase(noun, in: language)
}

/// How long ago the agent clicked, as one says it: “just now” for the first two seconds, where “0 s ago” would
/// read as a fault, then in seconds.
private func ago(_ seconds: Int, in language: Language) -> String {
    let justNow = seconds < 2
    return switch language {
    case .english: justNow ? "just now" : "\(seconds) s ago"
    case .norwegian: justNow ? "nettopp" : "for \(seconds) s siden"
    case .swedish: justNow ? "nyss" : "för \(seconds) s sedan"
    case .danish: justNow ? "for et øjeblik siden" : "for \(seconds) s siden"
    case .finnish: justNow ? "juuri äsken" : "\(seconds) s sitten"
    }
}

extension NumberType {
    /// As English names it after “a”: “fixed line”, “premium rate”.
    fileprivate var english: String { rawValue.split(separator: "-").joined(separator: " ") }

    /// A noun phrase that takes “et”.
    fileprivate var norwegian: String {
        switch self {
        case .fixedLine: "fastnettnummer"
        case .mobile: "mobilnummer"
        case .fixedLineOrMobile: "fastnett- eller mobilnummer"
        case .tollFree: "gratisnummer"
        case .premiumRate: "nummer med tilleggstakst"
        case .sharedCost: "nummer med delt kostnad"
        case .voip: "IP-telefoninummer"
        case .personalNumber: "personlig nummer"
        case .pager: "personsøkernummer"
        case .uan: "bedriftsnummer"
        case .voicemail: "talepostnummer"
        case .unknown: "nummer"
        }
    }

    /// A noun phrase that takes “ett”.
    fileprivate var swedish: String {
        switch self {
        case .fixedLine: "fast nummer"
        case .mobile: "mobilnummer"
        case .fixedLineOrMobile: "fast nummer eller mobilnummer"
        case .tollFree: "avgiftsfritt nummer"
        case .premiumRate: "betalnummer"
        case .sharedCost: "nummer med delad kostnad"
        case .voip: "IP-telefoninummer"
        case .personalNumber: "personligt nummer"
        case .pager: "personsökarnummer"
        case .uan: "företagsnummer"
        case .voicemail: "röstbrevlådenummer"
        case .unknown: "nummer"
        }
    }

    /// A noun phrase that takes “et”.
    fileprivate var danish: String {
        switch self {
        case .fixedLine: "fastnetnummer"
        case .mobile: "mobilnummer"
        case .fixedLineOrMobile: "fastnet- eller mobilnummer"
        case .tollFree: "gratisnummer"
        case .premiumRate: "overtakseret nummer"
        case .sharedCost: "nummer med delt takst"
        case .voip: "IP-telefoninummer"
        case .personalNumber: "personligt nummer"
        case .pager: "personsøgernummer"
        case .uan: "virksomhedsnummer"
        case .voicemail: "telefonsvarernummer"
        case .unknown: "nummer"
        }
    }

    fileprivate var finnish: String {
        switch self {
        case .fixedLine: "lankapuhelinnumero"
        case .mobile: "matkapuhelinnumero"
        case .fixedLineOrMobile: "lanka- tai matkapuhelinnumero"
        case .tollFree: "maksuton numero"
        case .premiumRate: "lisämaksullinen numero"
        case .sharedCost: "jaetun maksun numero"
        case .voip: "VoIP-numero"
        case .personalNumber: "henkilökohtainen numero"
        case .pager: "hakulaitteen numero"
        case .uan: "yritysnumero"
        case .voicemail: "vastaajan numero"
        case .unknown: "numero"
        }
    }
}

extension String {
    /// The text with its first letter made upper case, as a line of a notification starts.
    package var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
