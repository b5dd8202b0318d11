import PhoneNumbers

/// What the notification of a placed call says as the call goes on: the agent's phone rings, the call, its end,
/// or a phone nobody answered. Each replaces the one before, in the same notification.
package enum FollowText: Sendable, Equatable, Worded {
    case ringing(PhoneNumber)
    case inCall(PhoneNumber)
    case ended(PhoneNumber)
    case notAnswered(PhoneNumber)
    /// Said with `notAnswered` when Puzzel logged the agent off for the unanswered call.
    case loggedOffForNoAnswer
    /// A status puzzel-call does not know, as Puzzel names it (escaped for display by the caller).
    case puzzelShows(status: String)

    package func text(in language: Language) -> String { worded(in: language) }

    var english: String {
        switch self {
        case .ringing(let number): "Your phone is ringing: answer it to call \(number.international)"
        case .inCall(let number): "In the call with \(number.international)"
        case .ended(let number): "The call with \(number.international) has ended"
        case .notAnswered(let number):
            "Your phone was not answered, so \(number.international) was not called"
        case .loggedOffForNoAnswer:
            "Puzzel logged you off after the unanswered call; log on in Puzzel again to take calls."
        case .puzzelShows(let status): "Puzzel shows your status as \(Language.english.quoting(status))"
        }
    }

    var norwegian: String {
        switch self {
        case .ringing(let number): "Telefonen din ringer: svar for å ringe \(number.international)"
        case .inCall(let number): "I samtale med \(number.international)"
        case .ended(let number): "Samtalen med \(number.international) er avsluttet"
        case .notAnswered(let number):
            "Du svarte ikke på telefonen, så \(number.international) ble ikke ringt"
        case .loggedOffForNoAnswer:
            "Puzzel logget deg av etter anropet du ikke svarte på; logg på i Puzzel igjen for å ta imot samtaler."
        case .puzzelShows(let status): "Puzzel viser statusen din som \(Language.norwegian.quoting(status))"
        }
    }

    var swedish: String {
        switch self {
        case .ringing(let number): "Din telefon ringer: svara för att ringa \(number.international)"
        case .inCall(let number): "I samtal med \(number.international)"
        case .ended(let number): "Samtalet med \(number.international) har avslutats"
        case .notAnswered(let number):
            "Du svarade inte i telefonen, så \(number.international) ringdes inte upp"
        case .loggedOffForNoAnswer:
            "Puzzel loggade ut dig efter det obesvarade samtalet; logga in i Puzzel igen för att ta emot samtal."
        case .puzzelShows(let status): "Puzzel visar din status som \(Language.swedish.quoting(status))"
        }
    }

    var danish: String {
        switch self {
        case .ringing(let number): "Din telefon ringer: tag den for at ringe til \(number.international)"
        case .inCall(let number): "I samtale med \(number.international)"
        case .ended(let number): "Samtalen med \(number.international) er afsluttet"
        case .notAnswered(let number):
            "Du tog ikke telefonen, så der blev ikke ringet til \(number.international)"
        case .loggedOffForNoAnswer:
            "Puzzel loggede dig af efter det ubesvarede opkald; log på Puzzel igen for at tage imod opkald."
        case .puzzelShows(let status): "Puzzel viser din status som \(Language.danish.quoting(status))"
        }
    }

    var finnish: String {
        switch self {
        case .ringing(let number): "Puhelimesi soi: vastaa, niin numeroon \(number.international) soitetaan"
        case .inCall(let number): "Puhelu numeroon \(number.international) on käynnissä"
        case .ended(let number): "Puhelu numeroon \(number.international) päättyi"
        case .notAnswered(let number):
            "Et vastannut puhelimeesi, joten numeroon \(number.international) ei soitettu"
        case .loggedOffForNoAnswer:
            "Puzzel kirjasi sinut ulos vastaamattoman puhelun jälkeen; kirjaudu Puzzeliin uudelleen, "
                + "jotta voit ottaa puheluita vastaan."
        case .puzzelShows(let status): "Puzzel näyttää tilaksesi \(Language.finnish.quoting(status))"
        }
    }
}
