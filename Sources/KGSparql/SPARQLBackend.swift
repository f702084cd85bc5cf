import Foundation
import KGModel
import KGQuery

/// Why a statement on the endpoint failed: the statement itself (syntax, names, a translation
/// SPARQL cannot express — printed with a caret like any statement error), or the endpoint.
public enum BackendFailure: Error, Sendable {
    case statement(StatementFailure)
    case endpoint(SPARQLError)

    public var message: String {
        switch self {
        case .statement(let f): f.message
        case .endpoint(let e): e.message
        }
    }
}

/// Runs statements of the query language on a SPARQL 1.1 endpoint: names resolve against the
/// catalog (`SPARQLCatalog`), the resolved algebra compiles to SPARQL (`SPARQLCompiler`) and the
/// engine evaluates it; answers come back as the same `StatementResult`s the embedded engine
/// gives, so they print the same way.
public final class SPARQLBackend {
    public let client: SPARQLClient
    /// The catalog, with the facts `show`, `why` and `path` fetched so far.
    public internal(set) var store: FactStore
    public var language: String
    public let cancellation: Cancellation
    /// Defines rules with the embedded engine's checks (stratification and all), over the catalog.
    let ruleChecker: QueryEngine
    public var rules: [String: [Rule]] { ruleChecker.rules }
    /// The session's result limit (`.limit rows`): a larger answer is an error, as on the embedded graph.
    public var limits = QueryLimits()
    /// The SPARQL queries the last statement sent, in order.
    public private(set) var sent: [String] = []

    var files: [String: UInt32] = [:]
    /// Facts added with their provenance, so a second `show` adds none twice.
    var added: Set<Added> = []
    /// Sources whose citation facts have been fetched.
    var citedSources: Set<TermID> = []

    init(client: SPARQLClient, store: FactStore, language: String, cancellation: Cancellation) {
        self.client = client
        self.store = store
        self.language = language
        self.cancellation = cancellation
        self.ruleChecker = QueryEngine(store: store, language: language)
    }

    /// Read off the catalog when connecting (see `SPARQLCompiler.oneLabelPerLanguage`).
    var oneLabelPerLanguage = false
    /// Whether the graph reifies its facts (names then come with their provenance).
    var reified = false
    /// Whether names are looked up per statement (a graph with more than `eagerNames` of them).
    public internal(set) var lazyNames = false
    /// Names of statements already looked up, and entities whose names were fetched.
    var lookedUp = Set<String>()
    var namesFetched = Set<TermID>()

    /// Up to this many type, label and alias triples, connecting reads them all; past it, names
    /// are looked up per statement.
    public static let eagerNames = 1_000_000

    /// Connects to `endpoint` and reads its catalog.
    public static func connect(_ endpoint: String, timeout: Double = 60, language: String = "ko",
                               cancellation: Cancellation = Cancellation(), eagerNames: Int = SPARQLBackend.eagerNames) -> Result<SPARQLBackend, SPARQLError> {
        guard let client = SPARQLClient(endpoint: endpoint, timeout: timeout) else {
            return .failure(SPARQLError(.unreachable, "'\(endpoint)' is not an http or https URL of a SPARQL endpoint"))
        }
        do {
            let store = try SPARQLCatalog.load(client) { cancellation.isCancelled }
            let backend = SPARQLBackend(client: client, store: store, language: language, cancellation: cancellation)
            if try backend.countNames() <= eagerNames {
                try backend.loadNames()
            } else {
                backend.lazyNames = true
                backend.reified = try backend.isReified()
                let p = SPARQLCompiler.prefixes
                let repeated = try backend.select(p + "ASK { ?s rdfs:label ?a, ?b FILTER(?a != ?b && LANG(?a) = LANG(?b)) }").boolean ?? true
                let other = try backend.select(p + "ASK { ?s rdfs:label ?l FILTER(LANG(?l) NOT IN (\"\", \"ko\", \"en\")) }").boolean ?? true
                backend.oneLabelPerLanguage = !repeated && !other
            }
            return .success(backend)
        } catch let e as SPARQLError {
            return .failure(e)
        } catch {
            return .failure(SPARQLError(.badResults, "\(error)"))
        }
    }

    var ruleSignatures: RuleSignatures { ruleChecker.ruleSignatures }

    /// When the statement must end (`.limit time`), if the session set a limit.
    var deadline: Date?

    func select(_ query: String) throws(SPARQLError) -> SPARQLResults {
        sent.append(query)
        return try client.select(query, deadline: deadline) { self.cancellation.isCancelled }
    }

    /// Runs one statement.
    public func run(_ text: String) -> Result<StatementResult, BackendFailure> {
        cancellation.reset()
        sent = []
        deadline = limits.timeout.map { Date().addingTimeInterval($0) }
        let syntax: SyntaxStatement
        switch Parser.parse(text) {
        case .failure(let e): return .failure(.statement(.syntax(e)))
        case .success(let s): syntax = s
        }
        if lazyNames {
            do { try lookUpNames(in: syntax) } catch let e as SPARQLError {
                return .failure(e.kind == .cancelled ? .statement(.evaluation(.cancelled)) : .endpoint(e))
            } catch {
                return .failure(.endpoint(SPARQLError(.badResults, "\(error)")))
            }
        }
        if case .rule = syntax {
            ruleChecker.replaceStore(store)
            ruleChecker.language = language
            return ruleChecker.run(text).mapError { .statement($0) }
        }
        let resolved: ResolvedStatement
        let terms = TermTable(store: store)
        switch Resolver.resolve(syntax, terms: terms, rules: ruleSignatures, language: language) {
        case .failure(let e): return .failure(.statement(.syntax(e)))
        case .success(let r): resolved = r
        }
        let whole = SourceSpan(0, max(1, text.unicodeScalars.count))
        do {
            let result = try execute(resolved, terms: terms)
            if lazyNames { try fetchNames(for: result) }
            return .success(result)
        } catch let e as SPARQLError {
            if e.kind == .cancelled { return .failure(.statement(.evaluation(.cancelled))) }
            if e.kind == .deadline { return .failure(.statement(.evaluation(.timedOut(limits.timeout ?? 0)))) }
            return .failure(.endpoint(e))
        } catch let e as EvaluationError {
            return .failure(.statement(.evaluation(e)))
        } catch let e as TranslationRefusal {
            return .failure(.statement(.syntax(QueryError(e.message, whole))))
        } catch let e as QueryError {
            return .failure(.statement(.syntax(e)))
        } catch {
            return .failure(.statement(.syntax(QueryError("\(error)", whole))))
        }
    }

    func execute(_ statement: ResolvedStatement, terms: TermTable) throws -> StatementResult {
        switch statement {
        case .query(let q):
            return .table(try table(q, terms: terms))
        case .explain(let q):
            var compiler = SPARQLCompiler(terms: terms, language: language, rules: rules, oneLabelPerLanguage: oneLabelPerLanguage)
            let compiled = try compiler.compile(q)
            let answer = try select(compiled.text)
            let printed = AlgebraPrinter(terms: terms, variables: q.variables).query(q)
            let lines = compiled.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return .plan(query: printed, root: PlanNode.remote(operation: "sparql", detail: client.endpoint.absoluteString, lines: lines, rows: answer.rows.count),
                         rows: answer.rows.count)
        case .show(let id):
            try fetchCard(of: id)
            return .entity(id)
        case .why(let q):
            return try why(q, terms: terms)
        case .path(let from, let to, let maxLength):
            return .paths(try paths(from: from, to: to, maxLength: maxLength, cap: 20), from: from, to: to, maxLength: maxLength)
        case .rule:
            throw TranslationRefusal(message: "rules are defined by the rule checker")
        case .export:
            throw TranslationRefusal(message: "export reads the embedded store: on a SPARQL endpoint, export with the engine's own tools (a CONSTRUCT query or its dump command)")
        }
    }

    // MARK: Tables

    func table(_ q: Query, terms resolved: TermTable) throws -> QueryResult {
        var compiler = SPARQLCompiler(terms: resolved, language: language, rules: rules, oneLabelPerLanguage: oneLabelPerLanguage)
        let compiled = try compiler.compile(q)
        // At most one row past the limit comes back: enough to say the answer is too large.
        let answer = try select(compiled.text + (q.limit == nil ? "\nLIMIT \(limits.maxRows + 1)" : ""))
        if answer.rows.count > limits.maxRows { throw EvaluationError.tooManyRows(limits.maxRows) }
        // Entities first (the catalog learns any it lacks), then the table over the final catalog.
        var entities = Set<TermID>()
        for row in answer.rows { for case let value? in row { if let e = entity(value) { entities.insert(e) } } }
        // The table prints entities by the labels of the catalog it is made over: fetched first.
        if lazyNames { try fetchNames(of: entities.filter { store.schema.types[$0] == nil && store.schema.predicates[$0] == nil }) }
        let terms = TermTable(store: store)
        let rows = answer.rows.map { row in compiled.columns.map { read($0, row, answer, terms) } }
        return QueryResult.remote(columns: q.columnNames, rows: rows, terms: terms)
    }

    /// The catalog id of an IRI or blank node of an answer (added when new); nil for a literal.
    @discardableResult
    func entity(_ value: SPARQLValue) -> TermID? {
        switch value {
        case .literal: return nil
        case .iri, .blank:
            let term = SPARQLTerms.term(value)
            return store.terms.id(of: term) ?? store.intern(term)
        }
    }

    func id(_ value: SPARQLValue, _ terms: TermTable) -> TermID {
        entity(value) ?? terms.intern(SPARQLTerms.term(value))
    }

    func read(_ reading: CompiledQuery.ColumnReading, _ row: [SPARQLValue?], _ answer: SPARQLResults, _ terms: TermTable) -> TermID? {
        func cell(_ name: String) -> SPARQLValue? { answer.column(String(name.dropFirst())).flatMap { row[$0] } }
        switch reading {
        case .value(let v):
            return cell(v).map { id($0, terms) }
        case .average(let v):
            guard case .literal(let lexical, _, _)? = cell(v), let key = Self.scaledKey(lexical),
                  case .literal(let n, _, _)? = cell(v + "_n"), let count = Int128(n), count > 0 else { return nil }
            return terms.intern(.literal(Self.rounded(key / count)))
        case .numeric(let v, let k, let raw, let function):
            var kinds: Set<String> = []
            if case .literal(let list, _, _)? = cell(k) { kinds = Set(list.split(separator: " ").map(String.init)) }
            let numeric = kinds.contains { Self.numericDatatypes.contains($0) }
            guard numeric, case .literal(let lexical, _, _)? = cell(v), let key = Self.scaledKey(lexical) else {
                if function == .sum { return terms.intern(.literal(.integer(0))) }
                return raw.flatMap(cell).map { id($0, terms) }
            }
            let unit = Self.unit
            if key % unit == 0, let whole = Int64(exactly: key / unit) {
                if kinds == [IRIScheme.money] { return terms.intern(.literal(.money(whole))) }
                if kinds == [IRIScheme.xsd + "integer"] { return terms.intern(.literal(.integer(whole))) }
                if kinds == [IRIScheme.xsd + "gYear"], function != .sum, let y = Int32(exactly: whole) { return terms.intern(.literal(.year(y))) }
            }
            if function != .sum, let r = raw.flatMap(cell) { return id(r, terms) }
            return terms.intern(.literal(Self.rounded(key)))
        }
    }

    static let unit: Int128 = 1_000_000_000_000_000_000
    static let numericDatatypes: Set<String> = Set(["integer", "decimal", "gYear", "int", "long", "double", "float"].map { IRIScheme.xsd + $0 } + [IRIScheme.money])

    /// A decimal's lexical form scaled by 10^18 (digits past the 18th dropped).
    static func scaledKey(_ lexical: String) -> Int128? {
        var s = Substring(lexical)
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() } else if s.hasPrefix("+") { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int128(parts[0].isEmpty ? "0" : String(parts[0])) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1].prefix(18)) : ""
        guard fraction.allSatisfy(\.isNumber) else { return nil }
        fraction += String(repeating: "0", count: 18 - fraction.count)
        // Past any kgsh number (SPARQLCompiler.highest stands for "none"): nil.
        guard whole < 10_000_000_000_000_000_000 else { return nil }
        let key = whole * unit + (Int128(fraction) ?? 0)
        return negative ? -key : key
    }

    /// A value scaled by 10^18 as kgsh prints a computed number: rounded once (half away from
    /// zero) to six fraction digits; whole values as integers.
    static func rounded(_ key: Int128) -> Literal {
        var scale = 6
        let divisor: Int128 = 1_000_000_000_000
        var mantissa = (key + (key >= 0 ? divisor / 2 : -divisor / 2)) / divisor
        while scale > 0, mantissa % 10 == 0 { mantissa /= 10; scale -= 1 }
        while scale > 0, Int64(exactly: mantissa) == nil {
            mantissa = (mantissa + (mantissa >= 0 ? 5 : -5)) / 10
            scale -= 1
        }
        guard let m = Int64(exactly: mantissa) else { return .integer(mantissa > 0 ? .max : .min) }
        return scale == 0 ? .integer(m) : .decimal(DecimalNumber(mantissa: m, scale: UInt8(scale)))
    }
}
