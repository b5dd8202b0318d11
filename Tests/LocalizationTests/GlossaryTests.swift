import FoundationEssentials
import PhoneNumbers
import Testing

@testable import Localization

/// Every catalogue is held to `Sources/Localization/GLOSSARY.md`: where the English uses a term, each language
/// uses its word for it, and no language uses a word the glossary rules out.
@Suite(.timeLimit(.minutes(5))) struct GlossaryTests {
    struct Term {
        let english: [String]
        let words: [Language: [String]]
        let never: [Language: [String]]
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")

    /// The glossary's table, a term a row.
    static let terms: [Term] = {
        let text = try! String(
            contentsOf: root.appendingPathComponent("Sources/Localization/GLOSSARY.md"), encoding: .utf8)
        let rows = text.split(separator: "\n").filter {
            $0.hasPrefix("| ") && !$0.hasPrefix("| English") && !$0.hasPrefix("| ---")
        }
        return rows.map { row in
            let cells = row.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map(trimmed)
            func forms(_ cell: String) -> [String] {
                cell.split(separator: " / ").map { trimmed($0).lowercased() }.filter { !$0.isEmpty }
            }
            let languages: [Language] = [.norwegian, .swedish, .danish, .finnish]
            var words: [Language: [String]] = [:]
            for (language, cell) in zip(languages, cells.dropFirst().prefix(4)) { words[language] = forms(cell) }
            var never: [Language: [String]] = [:]
            for part in cells.last!.split(separator: "; ") {
                let (code, list) = (part.prefix { $0 != ":" }, part.drop { $0 != ":" }.dropFirst())
                never[Language(rawValue: String(code))!, default: []] += forms(String(list))
            }
            return Term(english: forms(cells[0]).filter { !$0.hasPrefix("(") }, words: words, never: never)
        }
    }()

    /// Every message of every catalogue, each a function of the language.
    static let everyText: [(name: String, text: @Sendable (Language) -> String)] = {
        let reader = NumberReader(defaultRegion: "NO")
        let extra: [ClickText] = [
            .alreadyCalling(secondsAgo: 0), .alreadyCalling(secondsAgo: 1),
            .alreadyCallingRunWithForce(ClickTextTests.fixedLine, secondsAgo: 0),
            .about(try! reader.read("+44 7400 123456")), .about(try! reader.read("+357 22 123456")),
            .shortNumber(digits: "1813", region: "CY"), .impossibleLength(try! reader.read("+882 1234 5678")),
            .puzzel(.noAnswerInTime(.readAgentState, host: "api.example.com")),
        ]
        return (ClickTextTests.everyMessage + extra).map { ("\($0)", $0.text(in:)) }
            + CatalogTests.everyPuzzelText.map { ("\($0)", $0.text(in:)) }
            + CatalogTests.everyConnectionProblem.map { ("\($0)", $0.text(in:)) }
            + CatalogTests.everyAccountText.map { ("\($0)", $0.text(in:)) }
            + CatalogTests.everySelectionText.map { ("\($0)", $0.text(in:)) }
            + followTexts(ClickTextTests.fixedLine).map { ("\($0)", $0.text(in:)) }
            + desktopEntryLines.map { key, values in (key, { values[$0.rawValue] ?? "" }) }
    }()

    /// Every stage a followed call is told in.
    static func followTexts(_ number: PhoneNumber) -> [FollowText] {
        [
            .ringing(number), .inCall(number), .ended(number), .notAnswered(number), .loggedOffForNoAnswer,
            .puzzelShows(status: "System"),
        ]
    }

    /// The shipped desktop entry's translated keys: for each key (`Comment`), its value in each language, English
    /// under `en`; Nynorsk is held to the Norwegian words.
    static let desktopEntryLines: [(String, [String: String])] = {
        let text = try! String(contentsOf: root.appendingPathComponent("desktop/puzzel-call.desktop"), encoding: .utf8)
        var values: [String: [String: String]] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "="),
                ["Name", "GenericName", "Comment"].contains(where: line.hasPrefix)
            else { continue }
            let key = line[..<equals]
            let (name, locale) =
                key.firstIndex(of: "[").map { (String(key[..<$0]), String(key[key.index(after: $0)...].dropLast())) }
                ?? (String(key), "en")
            values[name, default: [:]][locale] = String(line[line.index(after: equals)...])
        }
        return values.flatMap { name, byLocale in
            [("\(name)", byLocale), ("\(name)[nn]", byLocale.merging(["nb": byLocale["nn"] ?? ""]) { $1 })]
        }
    }()

    static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    /// `term` used in `text` at the start of a word.
    static func uses(_ text: String, _ term: String) -> Bool {
        var rest = Substring(text.lowercased())
        while let found = rest.firstRange(of: term) {
            if found.lowerBound == rest.startIndex || !rest[rest.index(before: found.lowerBound)].isLetter {
                return true
            }
            rest = rest[found.upperBound...]
        }
        return false
    }

    @Test func theGlossaryIsRead() {
        #expect(Self.terms.count >= 20)
        #expect(Self.terms.first?.english == ["contact centre"])
        #expect(Self.terms.first?.words[.finnish] == ["asiakaspalvelukesku"])
        #expect(Self.terms.first?.never[.finnish]?.contains("asiointikeskus") == true)
        #expect(Self.desktopEntryLines.contains { $0.0 == "Comment" && $0.1["fi"]?.isEmpty == false })
    }

    @Test(arguments: [Language.norwegian, .swedish, .danish, .finnish])
    func whereTheEnglishUsesATermTheLanguageUsesItsWord(_ language: Language) {
        var checked = 0
        for (name, text) in Self.everyText {
            let english = text(.english)
            let said = text(language).lowercased()
            for term in Self.terms where term.english.contains(where: { Self.uses(english, $0) }) {
                let words = term.words[language] ?? []
                checked += 1
                #expect(
                    words.contains(where: said.contains),
                    "\(name): “\(said)” does not say \(words) for “\(term.english[0])”")
            }
        }
        #expect(checked > 100)
    }

    @Test(arguments: Language.allCases)
    func noLanguageUsesAWordTheGlossaryRulesOut(_ language: Language) {
        for (name, text) in Self.everyText {
            let said = text(language).lowercased()
            for term in Self.terms {
                for word in term.never[language] ?? [] {
                    #expect(!said.contains(word), "\(name) says “\(word)” in \(language): \(said)")
                }
            }
        }
    }

    /// The desktop entry's Nynorsk is Nynorsk, not the Bokmål line again.
    @Test func theNynorskLinesAreNynorsk() {
        for (name, values) in Self.desktopEntryLines where !name.hasSuffix("[nn]") {
            guard let nynorsk = values["nn"], name == "Comment" else { continue }
            #expect(nynorsk != values["nb"])
            for bokmål in [" et ", "klikker", " ringer ", " ikke "] {
                #expect(!nynorsk.contains(bokmål), "Comment[nn] says “\(bokmål)”: \(nynorsk)")
            }
        }
    }
}
