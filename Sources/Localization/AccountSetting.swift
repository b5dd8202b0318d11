/// A setting that says whose Puzzel account a click uses: without it no click can sign in.
package enum AccountSetting: Sendable, Equatable, CaseIterable, Worded {
    case customerKey
    case userName

    /// Its key in the config file.
    var key: String {
        switch self {
        case .customerKey: "customerKey"
        case .userName: "userName"
        }
    }

    /// The environment variable that also sets it.
    var variable: String {
        switch self {
        case .customerKey: "PUZZEL_CUSTOMER_KEY"
        case .userName: "PUZZEL_USERNAME"
        }
    }

    // Its name, as the sentence that says it is missing begins.
    var english: String {
        switch self {
        case .customerKey: "Puzzel customer key"
        case .userName: "Puzzel user name"
        }
    }

    var norwegian: String {
        switch self {
        case .customerKey: "Kundenøkkelen til Puzzel"
        case .userName: "Brukernavnet til Puzzel"
        }
    }

    var swedish: String {
        switch self {
        case .customerKey: "Kundnyckeln för Puzzel"
        case .userName: "Användarnamnet för Puzzel"
        }
    }

    var danish: String {
        switch self {
        case .customerKey: "Kundenøglen til Puzzel"
        case .userName: "Brugernavnet til Puzzel"
        }
    }

    var finnish: String {
        switch self {
        case .customerKey: "Puzzelin asiakasavain"
        case .userName: "Puzzelin käyttäjätunnus"
        }
    }
}
