/// A regular expression in the small dialect libphonenumber's metadata is written in, matched against ASCII digits.
///
/// The dialect: digits, `\d`, classes of digits (`[2-9]`, `[014]`), non-capturing `(?:…)` and capturing `(…)` groups,
/// `|`, the greedy quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, and the end anchor `$`.
/// NSRegularExpression costs about a microsecond per match on Linux; the metadata needs a dozen matches per number,
/// so patterns are compiled once into a tiny program for a backtracking machine instead. Backtracking gives the same
/// leftmost, greedy-first answers (and captures) as the Java and Python engines libphonenumber runs on.
struct DigitPattern: Sendable {
    fileprivate enum Instruction: Sendable {
        /// Consume one digit whose bit is set in the mask (bit 0 for "0" … bit 9 for "9").
        case digit(UInt16)
        /// Try `preferred` first; when that fails, continue at `otherwise`.
        case split(preferred: Int, otherwise: Int)
        case jump(Int)
        /// Record the current position in capture slot `slot` (2 × group, +1 for the end).
        case save(slot: Int)
        /// `$`: succeed only at the end of the input.
        case atEnd
        case accept
    }

    /// A successful match: where it ended, and where each capturing group started and ended.
    struct Match {
        let end: Int
        fileprivate let slots: [Int]

        /// The bounds of capturing group `index` (from 0), nil when the group took no part in the match.
        func group(_ index: Int) -> Range<Int>? {
            guard 2 * index + 1 < slots.count else { return nil }
            let start = slots[2 * index], end = slots[2 * index + 1]
            return start >= 0 && end >= start ? start..<end : nil
        }
    }

    private let program: [Instruction]
    let groupCount: Int
    /// The digits a match can start with (bit n for digit n); with `canMatchEmpty`, a quick way to reject most inputs.
    private let firstDigits: UInt16
    private let canMatchEmpty: Bool

    /// Compiles `source`. The metadata is generated and every pattern in it is compiled by the tests, so a pattern
    /// outside the dialect is a generator bug: it stops the program rather than silently matching nothing.
    init(_ source: String) {
        var parser = PatternParser(Array(source.utf8))
        let tree = parser.parseAlternation()
        precondition(parser.isAtEnd, "Unsupported metadata pattern: \(source)")
        var emitter = ProgramEmitter()
        emitter.emit(tree)
        emitter.program.append(.accept)
        program = emitter.program
        groupCount = parser.groupCount
        (firstDigits, canMatchEmpty) = tree.firstDigits
    }

    /// Whether the pattern matches all of `digits` (ASCII "0"…"9").
    func matchesWhole(_ digits: some Collection<UInt8>) -> Bool {
        run(digits, wholeInput: true, captures: false) != nil
    }

    /// Whether the pattern matches a prefix of `digits` (Java's `lookingAt`).
    func matchesPrefix(_ digits: some Collection<UInt8>) -> Bool {
        run(digits, wholeInput: false, captures: false) != nil
    }

    /// The match of the pattern at the start of `digits`, with its groups; `wholeInput` requires it to reach the end.
    func match(_ digits: some Collection<UInt8>, wholeInput: Bool) -> Match? {
        run(digits, wholeInput: wholeInput, captures: true)
    }

    private func run(_ digits: some Collection<UInt8>, wholeInput: Bool, captures: Bool) -> Match? {
        digits.withContiguousStorageIfAvailable { run($0, wholeInput: wholeInput, captures: captures) }
            ?? ContiguousArray(digits).withUnsafeBufferPointer { run($0, wholeInput: wholeInput, captures: captures) }
    }

    private func run(_ input: UnsafeBufferPointer<UInt8>, wholeInput: Bool, captures: Bool) -> Match? {
        if !canMatchEmpty {
            guard let first = input.first, first &- UInt8(ascii: "0") < 10,
                firstDigits & 1 << (first &- UInt8(ascii: "0")) != 0
            else { return nil }
        }
        return program.withUnsafeBufferPointer { program in
            var machine = Machine(
                program: program, input: input, wholeInput: wholeInput, recordsGroups: captures,
                slots: captures ? Array(repeating: -1, count: groupCount * 2) : [])
            guard let end = machine.run(pc: 0, position: 0) else { return nil }
            return Match(end: end, slots: machine.slots)
        }
    }
}

/// The backtracking machine: alternatives are tried by recursion, so no heap is touched while matching.
private struct Machine {
    let program: UnsafeBufferPointer<DigitPattern.Instruction>
    let input: UnsafeBufferPointer<UInt8>
    let wholeInput: Bool
    let recordsGroups: Bool
    var slots: [Int]

    /// The end position of the first successful path from `pc` at `position`, or nil.
    mutating func run(pc startPC: Int, position startPosition: Int) -> Int? {
        var pc = startPC
        var position = startPosition
        while true {
            switch program[pc] {
            case .digit(let mask):
                guard position < input.count else { return nil }
                let digit = input[position] &- UInt8(ascii: "0")
                guard digit < 10, mask & (1 << digit) != 0 else { return nil }
                position += 1
                pc += 1
            case .split(let preferred, let otherwise):
                if let end = run(pc: preferred, position: position) { return end }
                pc = otherwise
            case .jump(let target):
                pc = target
            case .save(let slot):
                guard recordsGroups else {
                    pc += 1
                    continue
                }
                let previous = slots[slot]
                slots[slot] = position
                if let end = run(pc: pc + 1, position: position) { return end }
                slots[slot] = previous
                return nil
            case .atEnd:
                guard position == input.count else { return nil }
                pc += 1
            case .accept:
                return !wholeInput || position == input.count ? position : nil
            }
        }
    }
}

private enum PatternNode {
    case digit(UInt16)
    case sequence([PatternNode])
    case alternatives([PatternNode])
    indirect case group(PatternNode, index: Int?)
    indirect case repeated(PatternNode, min: Int, max: Int?)
    case atEnd
}

extension PatternNode {
    /// The digits a match of this node can start with, and whether it can match nothing at all.
    var firstDigits: (mask: UInt16, canMatchEmpty: Bool) {
        switch self {
        case .digit(let mask): return (mask, false)
        case .atEnd: return (0, true)
        case .group(let inner, _): return inner.firstDigits
        case .repeated(let inner, let min, _):
            let (mask, empty) = inner.firstDigits
            return (mask, empty || min == 0)
        case .alternatives(let branches):
            return branches.reduce((0, false)) { result, branch in
                let (mask, empty) = branch.firstDigits
                return (result.0 | mask, result.1 || empty)
            }
        case .sequence(let items):
            var mask: UInt16 = 0
            for item in items {
                let (itemMask, empty) = item.firstDigits
                mask |= itemMask
                if !empty { return (mask, false) }
            }
            return (mask, true)
        }
    }
}

private struct PatternParser {
    private let bytes: [UInt8]
    private var index = 0
    private(set) var groupCount = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    private var next: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard next == byte else { return false }
        index += 1
        return true
    }

    mutating func parseAlternation() -> PatternNode {
        var branches = [parseSequence()]
        while take(UInt8(ascii: "|")) { branches.append(parseSequence()) }
        return branches.count == 1 ? branches[0] : .alternatives(branches)
    }

    private mutating func parseSequence() -> PatternNode {
        var items: [PatternNode] = []
        while let byte = next, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
            guard let atom = parseAtom() else { break }
            items.append(parseQuantifier(on: atom))
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func parseAtom() -> PatternNode? {
        guard let byte = next else { return nil }
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            index += 1
            return .digit(1 << (byte - UInt8(ascii: "0")))
        case UInt8(ascii: "\\"):
            index += 1
            return take(UInt8(ascii: "d")) ? .digit(0x3FF) : nil
        case UInt8(ascii: "$"):
            index += 1
            return .atEnd
        case UInt8(ascii: "["):
            index += 1
            return parseClass()
        case UInt8(ascii: "("):
            index += 1
            var captureIndex: Int?
            if take(UInt8(ascii: "?")) {
                guard take(UInt8(ascii: ":")) else { return nil }
            } else {
                captureIndex = groupCount
                groupCount += 1
            }
            let inner = parseAlternation()
            guard take(UInt8(ascii: ")")) else { return nil }
            return .group(inner, index: captureIndex)
        default:
            return nil
        }
    }

    private mutating func parseClass() -> PatternNode? {
        var mask: UInt16 = 0
        while let byte = next, byte != UInt8(ascii: "]") {
            index += 1
            if byte == UInt8(ascii: "\\") {
                guard take(UInt8(ascii: "d")) else { return nil }
                mask |= 0x3FF
                continue
            }
            guard let low = digitValue(byte) else { return nil }
            var high = low
            if next == UInt8(ascii: "-"), index + 1 < bytes.count, let upper = digitValue(bytes[index + 1]) {
                index += 2
                high = upper
            }
            guard low <= high else { return nil }
            for digit in low...high { mask |= 1 << digit }
        }
        return take(UInt8(ascii: "]")) ? .digit(mask) : nil
    }

    private mutating func parseQuantifier(on atom: PatternNode) -> PatternNode {
        switch next {
        case UInt8(ascii: "?"):
            index += 1
            return .repeated(atom, min: 0, max: 1)
        case UInt8(ascii: "*"):
            index += 1
            return .repeated(atom, min: 0, max: nil)
        case UInt8(ascii: "+"):
            index += 1
            return .repeated(atom, min: 1, max: nil)
        case UInt8(ascii: "{"):
            index += 1
            let low = parseNumber()
            var high: Int? = low
            if take(UInt8(ascii: ",")) { high = next == UInt8(ascii: "}") ? nil : parseNumber() }
            precondition(take(UInt8(ascii: "}")), "Unsupported quantifier in metadata pattern")
            return .repeated(atom, min: low, max: high)
        default:
            return atom
        }
    }

    private mutating func parseNumber() -> Int {
        var value = 0
        while let byte = next, let digit = digitValue(byte) {
            value = value * 10 + Int(digit)
            index += 1
        }
        return value
    }

    private func digitValue(_ byte: UInt8) -> UInt8? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? byte - UInt8(ascii: "0") : nil
    }
}

private struct ProgramEmitter {
    var program: [DigitPattern.Instruction] = []

    mutating func emit(_ node: PatternNode) {
        switch node {
        case .digit(let mask):
            program.append(.digit(mask))
        case .atEnd:
            program.append(.atEnd)
        case .sequence(let items):
            for item in items { emit(item) }
        case .group(let inner, let captureIndex):
            if let captureIndex { program.append(.save(slot: 2 * captureIndex)) }
            emit(inner)
            if let captureIndex { program.append(.save(slot: 2 * captureIndex + 1)) }
        case .alternatives(let branches):
            var jumpsToEnd: [Int] = []
            for (offset, branch) in branches.enumerated() {
                let isLast = offset == branches.count - 1
                let split = program.count
                if !isLast { program.append(.jump(-1)) }
                emit(branch)
                if !isLast {
                    jumpsToEnd.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(preferred: split + 1, otherwise: program.count)
                }
            }
            for jump in jumpsToEnd { program[jump] = .jump(program.count) }
        case .repeated(let inner, let min, let max):
            for _ in 0..<min { emit(inner) }
            if let max {
                // Nested optionals, (x(x(x)?)?)?, so a failed match backs off one repetition at a time.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    program.append(.jump(-1))
                    emit(inner)
                }
                for split in splits { program[split] = .split(preferred: split + 1, otherwise: program.count) }
            } else {
                let loop = program.count
                program.append(.jump(-1))
                emit(inner)
                program.append(.jump(loop))
                program[loop] = .split(preferred: loop + 1, otherwise: program.count)
            }
        }
    }
}
