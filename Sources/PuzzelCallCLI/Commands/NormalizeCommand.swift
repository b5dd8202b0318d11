import CallFlow
import PhoneNumbers

/// `puzzel-call normalize`: numbers in, one E.164 per line out, for scripts.
enum NormalizeCommand: Command {
    static let spec = CommandSpec(
        name: "normalize", usage: "puzzel-call normalize [options] [NUMBER ...]",
        summary: "Print each number in E.164 form, one per line; reads standard input when no number is given.",
        options: [
            CommandSpec.countryOption,
            CommandSpec.jsonOption,
        ],
        details: """
            A number that cannot be called gives an empty line (so lines stay aligned) and its reason on
            standard error; the exit status is then 65. With --json, each line is an object with input,
            e164, destination, region, type, valid, international, extension, postDial (what a phone dials
            after the call connects, e.g. ",,1"), ignored (vanity letters past the end of the number), error
            (a code such as not-a-number, placeholder, emergency-number, short-number, invalid-length) and
            message.
            """,
        positionals: 0...Int.max)

    struct Options: CommandOptions {
        /// `--country`, as the configuration's last layer.
        let settings: [ConfigurationLoader.Setting]
        /// The numbers to read; none reads standard input.
        let numbers: [String]
        let json: Bool

        init(_ arguments: ParsedArguments) {
            settings = arguments.settings(["--country": "country"])
            numbers = arguments.positionals
            json = arguments.has("--json")
        }
    }

    static func run(_ options: Options, console: Console) async throws -> ExitStatus {
        let configuration = try console.configuration(options.settings)
        let reader = NumberReader(defaultRegion: configuration.country)
        let json = options.json
        var failed = false
        func normalize(_ input: String) {
            let outcome = read(input, with: reader)
            if json {
                console.printJSON(
                    NormalizedLine(input: input, outcome: outcome, format: configuration.destinationFormat))
            } else {
                switch outcome {
                case .success(let number): console.print(number.e164)
                case .failure(let failure):
                    console.print("")
                    console.warn("puzzel-call: \(input.escapedForDisplay): \(failure.message)")
                }
            }
            if case .failure = outcome { failed = true }
        }
        if options.numbers.isEmpty {
            while let line = console.nextInputLine() { normalize(line) }
        } else {
            options.numbers.forEach(normalize)
        }
        return failed ? .noNumber : .success
    }

    /// The number in `input`, if a call could be placed to it: read, no short code, and of a possible length.
    static func read(_ input: String, with reader: NumberReader) -> Result<PhoneNumber, PhoneNumberError> {
        Result { () throws(PhoneNumberError) in
            let number = try reader.read(input)
            if let refusal = number.shortNumberRefusal { throw refusal }
            guard number.isPossible else { throw PhoneNumberError(.impossibleLength(number)) }
            return number
        }
    }
}

/// One line of `normalize` output. Every key is always present (null when empty), so scripts see one shape.
struct NormalizedLine: Encodable {
    let input: String
    var e164: String?
    var destination: String?
    var region: String?
    var type: NumberType?
    var valid: Bool?
    var international: String?
    var `extension`: String?
    var postDial: String?
    var ignored: String?
    var error: String?
    var message: String?

    init(input: String, outcome: Result<PhoneNumber, PhoneNumberError>, format: DestinationFormat) {
        self.input = input
        switch outcome {
        case .success(let number):
            e164 = number.e164
            destination = number.destination(format)
            region = number.region
            type = number.type
            valid = number.isValid
            international = number.international
            self.extension = number.extensionDigits
            postDial = number.postDial
            ignored = number.ignored
        case .failure(let failure):
            error = failure.reason.rawValue
            message = failure.message
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(input, forKey: .input)
        try container.encode(e164, forKey: .e164)
        try container.encode(destination, forKey: .destination)
        try container.encode(region, forKey: .region)
        try container.encode(type, forKey: .type)
        try container.encode(valid, forKey: .valid)
        try container.encode(international, forKey: .international)
        try container.encode(self.extension, forKey: .extension)
        try container.encode(postDial, forKey: .postDial)
        try container.encode(ignored, forKey: .ignored)
        try container.encode(error, forKey: .error)
        try container.encode(message, forKey: .message)
    }

    private enum CodingKeys: String, CodingKey {
        case input, e164, destination, region, type, valid, international, `extension`, postDial, ignored, error,
            message
    }
}
