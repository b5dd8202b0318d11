/// A message worded once for each language puzzel-call speaks. Each language is an exhaustive switch of its
/// own, so a new message does not compile until every language has it.
protocol Worded {
    var english: String { get }
    var norwegian: String { get }
    var swedish: String { get }
    var danish: String { get }
    var finnish: String { get }
}

extension Worded {
    func worded(in language: Language) -> String {
        switch language {
        case .english: english
        case .norwegian: norwegian
        case .swedish: swedish
        case .danish: danish
        case .finnish: finnish
        }
    }
}
