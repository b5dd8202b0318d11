import Desktop
import Localization
import PhoneNumbers
import SystemSupport

extension PhoneNumberError: UserFacingError {
    /// The reason, as `normalize --json` reports it too: `not-a-number`, `placeholder`, `emergency-number`, ….
    package var code: String { reason.rawValue }
    package var exitStatus: ExitStatus { .noNumber }
    package func text(in language: Language) -> String { ClickText(self).text(in: language) }
}

/// A number that was read but will not be called.
package struct NumberRefusal: UserFacingError, Equatable {
    package let code: String
    /// In English, for `--json` and the history.
    package let message: String
    /// For the terminal, in the agent's language.
    package let terminal: ClickText
    /// In words a click can follow, in the agent's language.
    package let click: ClickText
    package var exitStatus: ExitStatus { .noNumber }
    /// Whether `--force` calls the number all the same.
    package let forceHelps: Bool

    package func text(in language: Language) -> String { terminal.text(in: language) }

    init(_ refusal: ClickText) {
        code = "number-refused"
        message = refusal.inEnglish
        terminal = refusal
        click = refusal
        forceHelps = false
    }

    /// A number of a type the configuration refuses unless forced.
    init(refusedType number: PhoneNumber) {
        code = "number-refused"
        terminal = .refusedTypeRunWithForce(number)
        message = terminal.inEnglish
        click = .refusedType(number)
        forceHelps = true
    }

    /// A refusal the number reader's rules give (a short code): its English words for `--json`, its own in
    /// the agent's language for the terminal and a click.
    init(_ error: PhoneNumberError) {
        code = error.code
        message = error.message
        terminal = ClickText(error)
        click = terminal
        forceHelps = false
    }
}

/// Decides whether a number read from a link may be called.
package enum NumberPolicy {
    /// - Returns: warnings to show with the call.
    package static func check(_ number: PhoneNumber, configuration: Configuration, force: Bool) throws(NumberRefusal)
        -> [ClickText]
    {
        if let refusal = number.shortNumberRefusal { throw NumberRefusal(refusal) }
        guard number.isPossible else { throw NumberRefusal(.impossibleLength(number)) }
        if !force, configuration.refuseTypes.contains(number.type) {
            throw NumberRefusal(refusedType: number)
        }
        var warnings: [ClickText] = []
        if !number.isValid {
            guard !configuration.strict else { throw NumberRefusal(.outsideRanges(number, callingAnyway: false)) }
            warnings.append(.outsideRanges(number, callingAnyway: true))
        }
        if let extensionDigits = number.extensionDigits { warnings.append(.extensionNotDialled(extensionDigits)) }
        if let postDial = number.postDial { warnings.append(.postDialNotDialled(postDial.escapedForDisplay)) }
        if let ignored = number.ignored { warnings.append(.ignored(ignored.escapedForDisplay)) }
        return warnings
    }
}

extension NumberType: CustomStringConvertible {
    package var description: String { rawValue.split(separator: "-").joined(separator: " ") }
}
