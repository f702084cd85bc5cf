import KGModel
import KGQuery

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
    public let engine: QueryEngine
    /// Which label language entities print in (`ko` or `en`); the other is the fallback.
    public var language: String {
        didSet { engine.language = language }
    }
    /// Set by `.quit`.
    public private(set) var quitRequested = false

    public init(store: FactStore, language: String = "ko") {
        self.store = store
        self.language = language
        self.engine = QueryEngine(store: store, language: language)
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
        func fail(_ message: String, start: Int, length: Int) -> Outcome {
            let d = Diagnostic(file: origin, line: statement.line, column: statement.column + start, length: length,
                               message: message, sourceLine: statement.lineText)
            return Outcome(output: "", errors: d.rendered() + "\n", failed: true)
        }
        let keyword = trimmed.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        if keyword.hasPrefix(".") {
            switch keyword {
            case ".quit", ".exit":
                quitRequested = true
                return Outcome()
            case ".help":
                return Outcome(output: Session.help)
            default:
                return fail("unknown command '\(keyword)': try .help", start: offset, length: keyword.unicodeScalars.count)
            }
        }
        switch engine.run(text) {
        case .success(let result):
            return Outcome(output: StatementRenderer(store: store, language: language).render(result))
        case .failure(let failure):
            let span = failure.span ?? SourceSpan(offset, offset + max(1, trimmed.unicodeScalars.count))
            if case .evaluation = failure, span.start == offset {
                return Outcome(output: "", errors: "error: \(failure.message)\n", failed: true)
            }
            return fail(failure.message, start: span.start, length: span.end - span.start)
        }
    }

    static let help = """
        Statements (see docs/query-language.md):
          ?org won ?award, ?award year 2023          a pattern: prints every variable
          find ?x, count(?a) as n where … group by ?x order by n desc limit 5
          show ENTITY                                the entity's card (id, label or alias, Korean or English)
          why PATTERN                                the facts behind each answer, with article and sentence
          path A to B [max N]                        shortest connections between two entities
          rule name(?a, ?b) :- PATTERN               a derived predicate (recursion allowed)
          explain QUERY                              the plan, with estimated and actual rows
        Commands:
          .help                                      this text
          .quit                                      leave kgsh (Ctrl-D does too)

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
