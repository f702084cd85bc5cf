import KGModel

/// A table of answers: column names and rows of values (nil where a variable is unbound).
public struct QueryResult: Sendable {
    public let columns: [String]
    public let rows: [[TermID?]]
    /// Resolves ids in `rows`, including values the query computed.
    public let terms: TermTable
}

/// A matched answer with the facts behind it, for `why`.
public struct Explanation: Sendable {
    public let bindings: [(String, TermID)]
    /// Ids of the facts each simple pattern matched, in pattern order.
    public let facts: [UInt32]
}

/// What a statement produced.
public enum StatementResult: Sendable {
    case table(QueryResult)
    case entity(TermID)
    case explanations([Explanation], terms: TermTable)
    case paths([[PathStep]], from: TermID, to: TermID, maxLength: Int)
    case ruleDefined(name: String, arity: Int, replaced: Bool)
    case plan(query: String, root: PlanNode, rows: Int)
    /// The facts an `export` selected, for the shell to write in `format` (checked there).
    case export(facts: [UInt32], format: String, formatSpan: SourceSpan, target: String?, targetSpan: SourceSpan?)
}

/// A statement's failure: where (span in the statement) and why.
public enum StatementFailure: Error, Sendable {
    case syntax(QueryError)
    case evaluation(EvaluationError)

    public var message: String {
        switch self {
        case .syntax(let e): e.message
        case .evaluation(let e): e.message
        }
    }

    public var span: SourceSpan? {
        if case .syntax(let e) = self { return e.span }
        return nil
    }
}

/// Runs statements of the query language against a store: parse, resolve, plan, evaluate.
/// Holds the rules defined so far.
public final class QueryEngine {
    public private(set) var store: FactStore
    public var language: String
    public var limits = QueryLimits()
    public let cancellation: Cancellation
    public private(set) var rules: [String: [Rule]] = [:]
    /// The rules' arities, for resolving calls; kept as rules are defined.
    public private(set) var ruleSignatures = RuleSignatures()
    /// Which rules call which, for checking each new definition on its own.
    var ruleGraph = RuleGraph()

    /// - Parameter cancellation: the flag a Ctrl-C handler sets; shared with the caller.
    public init(store: FactStore, language: String = "ko", cancellation: Cancellation = Cancellation()) {
        self.store = store
        self.language = language
        self.cancellation = cancellation
    }

    /// Replaces the graph (after a load); rules stay.
    public func replaceStore(_ store: FactStore) {
        self.store = store
        numericOrders.removeAll()
    }

    /// Value indexes built by queries, kept until the graph changes.
    let numericOrders = NumericOrders()

    public func run(_ text: String) -> Result<StatementResult, StatementFailure> {
        cancellation.reset()
        let syntax: SyntaxStatement
        switch Parser.parse(text) {
        case .failure(let e): return .failure(.syntax(e))
        case .success(let s): syntax = s
        }
        let terms = TermTable(store: store)
        let resolved: ResolvedStatement
        switch Resolver.resolve(syntax, terms: terms, rules: ruleSignatures, language: language) {
        case .failure(let e): return .failure(.syntax(e))
        case .success(let r): resolved = r
        }
        switch resolved {
        case .show, .query, .explain, .why, .path: cancellation.allowAbandoning()
        case .export, .rule: break
        }
        do {
            return .success(try execute(resolved, terms: terms))
        } catch EvaluationError.notStratifiable(let message) {
            if case .rule(let rule) = resolved { return .failure(.syntax(QueryError(message, rule.nameSpan))) }
            return .failure(.evaluation(.notStratifiable(message)))
        } catch let e as EvaluationError {
            return .failure(.evaluation(e))
        } catch {
            return .failure(.syntax(QueryError("\(error)", SourceSpan(0, 1))))
        }
    }

    func evaluator(_ terms: TermTable) -> Evaluator {
        let evaluator = Evaluator(source: store, terms: terms, language: language, limits: limits, cancellation: cancellation)
        evaluator.numericOrders = numericOrders
        return evaluator
    }

    func execute(_ statement: ResolvedStatement, terms: TermTable) throws -> StatementResult {
        switch statement {
        case .show(let id):
            return .entity(id)
        case .query(let q):
            let (result, _) = try evaluate(q, terms: terms)
            return .table(result)
        case .explain(let q):
            let (result, plan) = try evaluate(q, terms: terms)
            return .plan(query: AlgebraPrinter(terms: terms, variables: q.variables).query(q), root: plan, rows: result.rows.count)
        case .why(let q):
            return .explanations(try explain(q, terms: terms), terms: terms)
        case .path(let from, let to, let maxLength):
            var budget = Budget(limits: limits, cancellation: cancellation)
            let paths = try PathSearch.shortest(from: from, to: to, maxLength: maxLength, cap: 20, store: store, budget: &budget)
            return .paths(paths, from: from, to: to, maxLength: maxLength)
        case .export(let selection, let format, let formatSpan, let target, let targetSpan):
            return .export(facts: try facts(selection, terms: terms), format: format, formatSpan: formatSpan, target: target, targetSpan: targetSpan)
        case .rule(let rule):
            let replaced = rules[rule.name] != nil && rules[rule.name]!.first?.arity != rule.arity
            try ruleGraph.check(adding: rule, replacing: replaced)
            if replaced { rules[rule.name] = [] }
            rules[rule.name, default: []].append(rule)
            ruleGraph.add(rule, replacing: replaced)
            ruleSignatures.arities[rule.name] = rule.arity
            return .ruleDefined(name: rule.name, arity: rule.arity, replaced: replaced)
        }
    }

    /// The pattern's rows: rules first, then the planned evaluation. With a limit and nothing that
    /// needs every row first (order, aggregates), the pipeline stops once it has enough.
    /// With `setSemantics` (a `distinct` query of plain variables), rows that differ only in slots
    /// nothing later reads are dropped as early as the plan allows.
    /// The rows of `q`'s pattern — or, with `sink`, each row handed to it as it is found and none
    /// kept.
    /// With `inOrder`, a query ordered by a value-indexed variable with a limit reads that index
    /// in order and stops early (`OrderedRead`): only the rows the final sort can keep come out.
    func rows(_ q: Query, terms: TermTable, setSemantics: Bool = false, inOrder: Bool = false, sink: ((Row) throws -> Void)? = nil) throws -> ([Row], Evaluator, PlanNode) {
        var rows: [Row] = []
        let (evaluator, root) = try evaluatePattern(q, terms: terms, setSemantics: setSemantics, inOrder: inOrder && sink == nil) { row in
            if let sink {
                try sink(row)
                return nil
            }
            rows.append(row)
            return rows.count
        }
        return (rows, evaluator, root)
    }

    /// The result rows of a query with neither aggregates nor `group by`, each projected onto the
    /// columns as the pattern yields it (before `distinct`, order and limit): no row of the
    /// pattern is kept, so each answer costs one array instead of two.
    func projectedRows(_ q: Query, terms: TermTable) throws -> ([[TermID?]], Evaluator, PlanNode) {
        let slots: [Int?] = q.columns.map { if case .variable(let v) = $0 { v } else { nil } }
        var table: [[TermID?]] = []
        let (evaluator, root) = try evaluatePattern(q, terms: terms, setSemantics: true, inOrder: true) { row in
            table.append(slots.map { slot in
                guard let slot, row[slot] != unbound else { return nil }
                return row[slot]
            })
            return table.count
        }
        return (table, evaluator, root)
    }

    /// Plans and runs `q`'s pattern, handing each row to `keep`, which returns how many rows it
    /// has kept so far (nil when it keeps none): the size limit and, with a limit and nothing that
    /// needs every row first, the early stop count those.
    private func evaluatePattern(_ q: Query, terms: TermTable, setSemantics: Bool, inOrder: Bool, keep: (Row) throws -> Int?) throws -> (Evaluator, PlanNode) {
        let evaluator = evaluator(terms)
        let needed = Set(RuleEngine.calls(q.pattern).map(\.0))
        if !needed.isEmpty { try RuleEngine.materialize(rules, needed: needed, evaluator: evaluator, terms: terms) }
        let root = PlanNode(operation: "query", detail: "", estimate: nil)
        let printer = AlgebraPrinter(terms: terms, variables: q.variables)
        let group = evaluator.plan(q.pattern, bound: [], node: root, printer: printer)
        let projected = q.columns.compactMap { if case .variable(let v) = $0 { v } else { nil } }
        if setSemantics, q.distinct, q.groupBy.isEmpty, projected.count == q.columns.count {
            group.eliminateDuplicatesEarly(keeping: Set(projected), node: root, printer: printer)
        }
        if inOrder, let ordered = OrderedRead(q, group) {
            evaluator.orderedRead = ordered
            ordered.note(group)
        }
        let wanted: Int? = q.orderBy.isEmpty && !q.hasAggregates && q.groupBy.isEmpty ? q.limit.map { $0 + (q.offset ?? 0) } : nil
        var seen = RowKeySet(width: projected.count)
        let distinctRows = q.distinct || q.bare
        _ = try evaluator.run(group, from: 0, Row(repeating: unbound, count: q.variables.count)) { row in
            guard let kept = try keep(row) else { return true }
            try evaluator.budget.checkSize(kept)
            guard let wanted else { return true }
            if distinctRows { _ = seen.insert(row, slots: projected); return seen.count < wanted }
            return kept < wanted
        }
        return (evaluator, root)
    }

    func evaluate(_ q: Query, terms: TermTable) throws -> (QueryResult, PlanNode) {
        // `group by ?k` with plain counts: counted as the rows are found, none kept — or, for one
        // pattern grouped by its object, from the index's runs without a row.
        if var counter = OneKeyCounter(q) {
            if let counted = try countedByRuns(q, counter: counter, terms: terms) { return counted }
            let (_, evaluator, plan) = try rows(q, terms: terms, setSemantics: true) { counter.add($0) }
            let table = try evaluator.finished(q, counter.table(q, terms: terms))
            plan.actual = table.count
            return (QueryResult(columns: q.columnNames, rows: table, terms: terms), plan)
        }
        let table: [[TermID?]]
        let evaluator: Evaluator, plan: PlanNode
        if q.hasAggregates || !q.groupBy.isEmpty {
            let rows: [Row]
            (rows, evaluator, plan) = try self.rows(q, terms: terms, setSemantics: true, inOrder: true)
            table = try evaluator.solutions(q, rows: rows)
        } else {
            let projected: [[TermID?]]
            (projected, evaluator, plan) = try projectedRows(q, terms: terms)
            table = try evaluator.finished(q, projected)
        }
        plan.actual = table.count
        return (QueryResult(columns: q.columnNames, rows: table, terms: terms), plan)
    }

    /// `?s P ?o group by ?o` with plain counts and nothing else in the pattern: each object's
    /// count is the length of its run in the index (`FactStore.forEachObjectCount`), so the
    /// facts are not visited one by one. Nil for any other shape.
    func countedByRuns(_ q: Query, counter: OneKeyCounter, terms: TermTable) throws -> (QueryResult, PlanNode)? {
        guard q.pattern.count == 1, case .triple(.variable(let s), .predicate(let p), .variable(let o)) = q.pattern[0],
              s != o, p != store.builtins.type, q.groupBy == [o],
              counter.arguments.allSatisfy({ $0 == nil || $0 == s || $0 == o }) else { return nil }
        var counter = counter
        let evaluator = evaluator(terms)
        let printer = AlgebraPrinter(terms: terms, variables: q.variables)
        let root = PlanNode(operation: "query", detail: "", estimate: nil)
        let node = PlanNode(operation: "count", detail: printer.pattern(q.pattern[0]), estimate: nil,
                            note: "each \(printer.variable(o))'s facts counted from the index, not read")
        root.children.append(node)
        var facts = 0
        try store.forEachObjectCount(predicate: p) { object, count in
            try evaluator.budget.tick()
            counter.add(key: object, count: count)
            facts += count
            return true
        }
        node.actual = facts
        let table = try evaluator.finished(q, counter.table(q, terms: terms))
        root.actual = table.count
        return (QueryResult(columns: q.columnNames, rows: table, terms: terms), root)
    }

    /// The fact ids a selection names, in store order. A neighbourhood takes the facts within
    /// `depth` links of the centre in either direction, plus every reached entity's type, labels
    /// and aliases; a pattern takes the facts its answers matched.
    func facts(_ selection: Selection, terms: TermTable) throws -> [UInt32] {
        var budget = Budget(limits: limits, cancellation: cancellation)
        var chosen = Set<UInt32>()
        switch selection {
        case .all:
            return Array(0..<UInt32(store.factCount))
        case .around(let center, let depth):
            chosen = store.neighbourhood(of: center, depth: depth)
        case .path(let from, let to, let maxLength):
            for path in try PathSearch.shortest(from: from, to: to, maxLength: maxLength, cap: 20, store: store, budget: &budget) {
                for step in path {
                    let triple = step.forward ? Triple(step.from, step.predicate, step.to) : Triple(step.to, step.predicate, step.from)
                    if let f = store.factID(triple) { chosen.insert(f) }
                    chosen.formUnion(store.namingFacts(of: step.from))
                    chosen.formUnion(store.namingFacts(of: step.to))
                }
            }
        case .pattern(let q):
            for e in try explain(q, terms: terms) { chosen.formUnion(e.facts) }
        }
        return chosen.sorted()
    }

    func explain(_ q: Query, terms: TermTable) throws -> [Explanation] {
        let (rows, evaluator, _) = try rows(q, terms: terms)
        var seen = Set<[TermID]>()
        var out: [Explanation] = []
        let named = q.variables.indices.filter { !q.variables[$0].hasPrefix("_") }
        for row in rows where seen.insert(row).inserted {
            var facts: [UInt32] = []
            collect(q.pattern, row, evaluator, &facts)
            out.append(Explanation(bindings: named.compactMap { row[$0] == unbound ? nil : (q.variables[$0], row[$0]) }, facts: facts))
        }
        return out
    }

    /// The stored facts a row's simple patterns matched (paths and rule calls have no single fact).
    func collect(_ patterns: [Pattern], _ row: Row, _ evaluator: Evaluator, _ facts: inout [UInt32]) {
        for p in patterns {
            switch p {
            case .triple(let s, let path, let o):
                guard let sv = evaluator.value(s, row), let ov = evaluator.value(o, row) else { continue }
                var pid: TermID? = nil
                if case .predicate(let id) = path { pid = id }
                if case .variable(let v) = path, row[v] != unbound { pid = row[v] }
                if case .inverse(.predicate(let id)) = path {
                    if let f = evaluator.equivalents(sv).lazy.compactMap({ self.store.factID(Triple(ov, id, $0)) }).first, !facts.contains(f) { facts.append(f) }
                    continue
                }
                guard let p = pid else { continue }
                var candidate = evaluator.equivalents(ov).lazy.compactMap { self.store.factID(Triple(sv, p, $0)) }.first
                if candidate == nil, p == store.builtins.type, let t = store.type(of: sv) {
                    candidate = store.factID(Triple(sv, p, t))
                }
                if let f = candidate, !facts.contains(f) { facts.append(f) }
            case .optional(let inner), .group(let inner):
                collect(inner, row, evaluator, &facts)
            case .union(let branches):
                for b in branches { collect(b, row, evaluator, &facts) }
            default:
                continue
            }
        }
    }
}
