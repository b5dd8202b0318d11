import PhoneNumbers

extension ClickText {
    /// Why the number reader found nothing to call, in words for the agent: each of its problems has a message of
    /// its own, naming what the terminal's English names.
    package init(_ refusal: PhoneNumberError) {
        self =
            switch refusal.problem {
            case .empty: .noNumberGiven
            case .linkTooLong: .linkTooLong
            case .otherScheme(let scheme): .notAPhoneLink(scheme: scheme)
            case .undecodableLink: .undecodableLink
            case .address(let link): .address(link: link)
            case .skypeName(let link): .skypeName(link: link)
            case .badPhoneContext(let value): .badPhoneContext(value: value)
            case .placeholder: .placeholder
            case .tooLongToBeANumber(let text), .tooManyDigits(let text): .tooLong(text: text)
            case .notANumber(let text): .notANumber(text: text)
            case .noCountryCode(let text): .noCountryCode(text: text)
            case .unknownCountryCode(let text): .unknownCountryCode(text: text)
            case .tooFewDigitsAfterPrefix(let text): .tooFewDigitsAfterPrefix(text: text)
            case .tooShort(let text): .tooShort(text: text)
            case .emergencyNumber(let digits): .emergencyNumber(digits: digits)
            case .shortNumber(let number): .shortNumber(digits: number.digits, region: number.region)
            case .impossibleLength(let number): .impossibleLength(number)
            }
    }
}
