import Desktop
import PhoneNumbers
import SystemSupport

extension PhoneNumberError: UserFacingError {
    /// The reason, as `normalize --json` reports it too: `not-a-number`, `placeholder`, `emergency-number`, ….
    package var code: String { reason.rawValue }
    package var exitStatus: ExitStatus { .noNumber }
}

/// A number that was read but will not be called.
package struct NumberRefusal: UserFacingError, Equatable {
    package let code: String
    package let message: String
    /// The same in words a click can follow.
    package let clickMessage: String
    package var exitStatus: ExitStatus { .noNumber }
    /// Whether `--force` calls the number all the same.
    package let forceHelps: Bool

    init(message: String) {
        code = "number-refused"
        self.message = message
        clickMessage = message
        forceHelps = false
    }

    /// A number of a type the configuration refuses unless forced.
    init(refusedType number: PhoneNumber) {
        code = "number-refused"
        let refusal = "\(number.international) is a \(number.type.description) number"
        message = refusal + "; run again with --force to call it anyway"
        clickMessage = refusal + "; to call it all the same, choose “\(CallFailure.callAnyway)”"
        forceHelps = true
    }

    /// A refusal the number reader's rules give (a short code).
    init(_ error: PhoneNumberError) {
        code = error.code
        message = error.message
        clickMessage = message
        forceHelps = false
    }
}

/// Decides whether a number read from a link may be called.
package enum NumberPolicy {
    /// - Returns: warnings to show with the call.
    package static func check(_ number: PhoneNumber, configuration: Configuration, force: Bool) throws(NumberRefusal)
        -> [String]
    {
        if let refusal = number.shortNumberRefusal { throw NumberRefusal(refusal) }
        guard number.isPossible else {
            throw NumberRefusal(
                message: "\(number.e164) has a length no number in \(number.regionName) has; check the number")
        }
        if !force, configuration.refuseTypes.contains(number.type) {
            throw NumberRefusal(refusedType: number)
        }
        var warnings: [String] = []
        if !number.isValid {
            guard !configuration.strict else {
                throw NumberRefusal(
                    message: "\(number.international) is outside the known number ranges of \(number.regionName)")
            }
            warnings.append(
                "\(number.international) is outside the known number ranges of \(number.regionName); calling it anyway")
        }
        if let extensionDigits = number.extensionDigits {
            warnings.append("extension \(extensionDigits) is not dialled: ask for it when the call is answered")
        }
        if let postDial = number.postDial {
            warnings.append(
                "post-dial “\(postDial.escapedForDisplay)” is not dialled: key it in when the call is answered")
        }
        if let ignored = number.ignored {
            warnings.append("ignored: \(ignored.escapedForDisplay) (past the end of the number, as on a phone)")
        }
        return warnings
    }
}

extension PhoneNumber {
    package var regionName: String {
        switch region {
        case nil: "country code +\(countryCode)"
        case "001": "the international service +\(countryCode)"
        case let region?: region
        }
    }
}

extension NumberType: CustomStringConvertible {
    package var description: String { rawValue.split(separator: "-").joined(separator: " ") }
}
