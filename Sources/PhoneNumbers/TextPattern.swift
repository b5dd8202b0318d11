/// The character classes libphonenumber's matcher uses on free text, as the `phonenumbers` package (the reference
/// this matcher is tested against) evaluates them.
enum TextClass {
    @inline(__always)
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { NumberText.digitValue(scalar) != nil }

    /// Python's `\s`: Unicode white space, and the information separators U+001C…U+001F.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            return scalar == " " || (0x09...0x0D).contains(scalar.value) || (0x1C...0x1F).contains(scalar.value)
        }
        // Unicode's White_Space list (unchanged since 6.3), written out: a property lookup costs more than the
        // matcher's work on most characters it asks about.
        switch scalar.value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Python's `\w` without the underscore: a letter or any kind of number.
    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return NumberText.isLetterOrNumber(scalar) }
        return isLetter(scalar) || scalar.properties.numericType != nil
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return NumberText.isASCIILetter(scalar) }
        return switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    /// A letter (or combining mark) of the Latin blocks: a number glued to one is part of a word (`abc8005001234`).
    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return NumberText.isASCIILetter(scalar) }
        // The blocks first: they rule out most characters without a property lookup.
        switch scalar.value {
        case 0x0000...0x024F, 0x0300...0x036F, 0x1E00...0x1EFF:
            return isLetter(scalar) || scalar.properties.generalCategory == .nonspacingMark
        default: return false
        }
    }

    /// `%` and currency signs: digits next to them are an amount, not a number.
    static func isAmountSign(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == "%" || scalar == "$" }
        return scalar.properties.generalCategory == .currencySymbol
    }

    static func isOpeningBracket(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "(" || scalar == "[" || scalar == "\u{FF08}" || scalar == "\u{FF3B}"
    }

    static func isClosingBracket(_ scalar: Unicode.Scalar) -> Bool {
        scalar == ")" || scalar == "]" || scalar == "\u{FF09}" || scalar == "\u{FF3D}"
    }

    /// What may come before the first digit of a number: an opening bracket or a plus sign.
    static func isLead(_ scalar: Unicode.Scalar) -> Bool { isOpeningBracket(scalar) || NumberText.isPlus(scalar) }

    /// The simple lower-case form, for the case-insensitive extension labels.
    static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x80 {
            return (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
        }
        return scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }
}

/// A regular expression built from parts and compiled into a small program for a backtracking machine over Unicode
/// scalars: the few fixed expressions libphonenumber's matcher checks a candidate against (dates, time stamps, page
/// ranges). The machine gives the leftmost, greedy-first answers of the reference's engine, and, like
/// `DigitPattern`, touches no heap while matching.
struct TextPattern: Sendable {
    /// What one character must be.
    enum Test: Sendable {
        case digit
        case space
        /// One of the ASCII characters below 64 whose bits are set (`-`, `/`, `(`, digits, space).
        case ascii(UInt64)

        func accepts(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .digit: TextClass.isDigit(scalar)
            case .space: TextClass.isSpace(scalar)
            case .ascii(let bits): scalar.value < 64 && bits & 1 << scalar.value != 0
            }
        }
    }

    indirect enum Node: Sendable {
        case test(Test)
        case sequence([Node])
        case alternatives([Node])
        /// Greedy repetition; `max` nil for no limit.
        case repeated(Node, min: Int, max: Int?)
        /// `$`: the end of the text.
        case end

        static let digit = Node.test(.digit)
        static let space = Node.test(.space)

        /// An ASCII class such as `[0-3]` or `[-/]` (characters below 64 only).
        static func oneOf(_ characters: String) -> Node {
            precondition(characters.unicodeScalars.allSatisfy { $0.value < 64 }, "oneOf takes characters below 64")
            return .test(.ascii(characters.unicodeScalars.reduce(0) { $0 | 1 << $1.value }))
        }

        static func optional(_ node: Node) -> Node { .repeated(node, min: 0, max: 1) }
        static func oneOrMore(_ node: Node) -> Node { .repeated(node, min: 1, max: nil) }
    }

    private enum Instruction: Sendable {
        case test(Test)
        case split(preferred: Int, otherwise: Int)
        case jump(Int)
        case atEnd
        case accept
    }

    private let program: [Instruction]

    init(_ node: Node) {
        var program: [Instruction] = []
        Self.emit(node, into: &program)
        program.append(.accept)
        self.program = program
    }

    /// Whether the pattern matches somewhere in `text`.
    func occurs(in text: ArraySlice<Unicode.Scalar>) -> Bool {
        program.withUnsafeBufferPointer { program in
            text.withUnsafeBufferPointer { input in
                let machine = Machine(program: program, input: input, offset: text.startIndex)
                return text.indices.contains { machine.run(pc: 0, position: $0) }
            }
        }
    }

    private struct Machine {
        let program: UnsafeBufferPointer<Instruction>
        let input: UnsafeBufferPointer<Unicode.Scalar>
        /// The text's first index: positions are the text's indices.
        let offset: Int

        func run(pc startPC: Int, position startPosition: Int) -> Bool {
            var pc = startPC
            var position = startPosition - offset
            while true {
                switch program[pc] {
                case .test(let test):
                    guard position < input.count, test.accepts(input[position]) else { return false }
                    position += 1
                    pc += 1
                case .split(let preferred, let otherwise):
                    if run(pc: preferred, position: position + offset) { return true }
                    pc = otherwise
                case .jump(let target):
                    pc = target
                case .atEnd:
                    guard position == input.count else { return false }
                    pc += 1
                case .accept:
                    return true
                }
            }
        }
    }

    private static func emit(_ node: Node, into program: inout [Instruction]) {
        switch node {
        case .test(let test):
            program.append(.test(test))
        case .end:
            program.append(.atEnd)
        case .sequence(let items):
            for item in items { emit(item, into: &program) }
        case .alternatives(let branches):
            var jumpsToEnd: [Int] = []
            for branch in branches.dropLast() {
                let split = program.count
                program.append(.jump(-1))
                emit(branch, into: &program)
                jumpsToEnd.append(program.count)
                program.append(.jump(-1))
                program[split] = .split(preferred: split + 1, otherwise: program.count)
            }
            if let last = branches.last { emit(last, into: &program) }
            for jump in jumpsToEnd { program[jump] = .jump(program.count) }
        case .repeated(let inner, let min, let max):
            for _ in 0..<min { emit(inner, into: &program) }
            if let max {
                // Nested optionals, (x(x)?)?, so a failed match gives back one repetition at a time.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    program.append(.jump(-1))
                    emit(inner, into: &program)
                }
                for split in splits { program[split] = .split(preferred: split + 1, otherwise: program.count) }
            } else {
                let loop = program.count
                program.append(.jump(-1))
                emit(inner, into: &program)
                program.append(.jump(loop))
                program[loop] = .split(preferred: loop + 1, otherwise: program.count)
            }
        }
    }
}
