import KGModel

/// What running some input produced: text for standard output and for standard error, and
/// whether a statement failed.
public struct Outcome: Equatable, Sendable {
    public var output: String = ""
    public var errors: String = ""
    public var failed = false

    mutating func append(_ other: Outcome) {
        output += other.output
        errors += other.errors
        failed = failed || other.failed
    }
}

/// A kgsh session: the graph, the settings, and the statements run against them.
public final class Session {
    public private(set) var store: FactStore
    /// Which label language entities print in (`ko` or `en`); the other is the fallback.
    public var language: String
    /// Set by `.quit`.
    public private(set) var quitRequested = false

    public init(store: FactStore, language: String = "ko") {
        self.store = store
        self.language = language
    }

    /// Runs every statement of `text` (split at `;` and line ends outside quotes), stopping at the
    /// first failure unless `keepGoing`.
    public func run(_ text: String, origin: String? = nil, keepGoing: Bool = false) -> Outcome {
        var outcome = Outcome()
        for statement in StatementSplitter.split(text) {
            let result = execute(statement, origin: origin)
            outcome.append(result)
            if (result.failed && !keepGoing) || quitRequested { break }
        }
        return outcome
    }

    func execute(_ statement: StatementSplitter.Statement, origin: String?) -> Outcome {
        let text = statement.text
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        let offset = text.unicodeScalars.count - trimmed.unicodeScalars.count
        let words = trimmed.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard let keyword = words.first else { return Outcome() }
        func fail(_ message: String, column: Int, length: Int) -> Outcome {
            let d = Diagnostic(file: origin, line: statement.line, column: statement.column + column - 1, length: length,
                               message: message, sourceLine: statement.lineText)
            return Outcome(output: "", errors: d.rendered() + "\n", failed: true)
        }
        switch keyword {
        case "show":
            let rest = words.count > 1 ? String(words[1]) : ""
            let argument = rest.trimmingSpaces
            let column = offset + 1 + keyword.unicodeScalars.count + 1 + (rest.unicodeScalars.count - rest.drop { $0 == " " }.unicodeScalars.count)
            guard !argument.isEmpty else {
                return fail("'show' needs an entity: an id, label or alias, as in 'show 인천시'", column: offset + 1, length: 4)
            }
            let name = argument.unquoted
            switch store.resolveEntity(name) {
            case .found(let id):
                return Outcome(output: EntityCard(store: store, entity: id, language: language).render() + "\n")
            case .ambiguous(let ids):
                let list = ids.map { id in
                    "\(store.displayName(id, language: language)) (\(store.name(id)), \(store.type(of: id).map { store.name($0) } ?? "?"))"
                }.joined(separator: "; ")
                return fail("'\(name)' names \(ids.count) entities: \(list) — use an id", column: column, length: argument.unicodeScalars.count)
            case .notFound(let suggestions):
                let hint = suggestions.isEmpty ? "" : " — did you mean \(suggestions.joined(separator: ", "))?"
                return fail("no entity '\(name)'\(hint)", column: column, length: argument.unicodeScalars.count)
            }
        case ".quit", ".exit":
            quitRequested = true
            return Outcome()
        case ".help":
            return Outcome(output: Session.help)
        default:
            return fail("unknown statement '\(keyword)': try 'show ENTITY' or .help", column: offset + 1, length: keyword.unicodeScalars.count)
        }
    }

    static let help = """
        show ENTITY     the entity's card: type, labels, aliases, facts in and out, sources
                        (ENTITY is an id, a label or an alias, in Korean or English)
        .help           this text
        .quit           leave kgsh (Ctrl-D does too)

        """
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// Without one pair of surrounding double or single quotes.
    var unquoted: String {
        if count >= 2, let f = first, let l = last, f == l, f == "\"" || f == "'" { return String(dropFirst().dropLast()) }
        return String(self)
    }
}
