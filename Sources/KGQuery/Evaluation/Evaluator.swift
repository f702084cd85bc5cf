import KGModel

/// A row of variable bindings; `unbound` marks a slot with no value.
typealias Row = [TermID]
let unbound = TermID.max

/// Evaluates resolved patterns against a fact source. Each group is planned once (steps ordered by
/// cardinality estimates, filters as early as their variables allow), then run as a pipeline:
/// each row flows through the steps depth first, so nothing between steps is materialised and a
/// query with `limit` stops once it has its rows.
final class Evaluator {
    let source: FactSource
    let terms: TermTable
    let language: String
    var budget: Budget
    /// Derived relations of rules, by name (and `name\u{0}delta` during semi-naive rounds).
    var relations: [String: [[TermID]]] = [:]
    var regexCache: [String: Regex<AnyRegexOutput>] = [:]
    /// Slots a filter `?v = "text"` restricts to the stored strings equal to the text: the
    /// pattern that binds `?v` as an object looks those up instead of scanning (see `plan`).
    var restrictions: [Int: [TermID]] = [:]
    /// Slots a group's numeric filters (`?v > 10000000000`) bound, for a range read of a value index.
    var ranges: [Int: NumericRange] = [:]
    /// The value indexes of the engine (kept between queries) or of this query alone.
    var numericOrders = NumericOrders()
    /// Set for a query that can read its first order key's values in order and stop early;
    /// taken by the step it applies to.
    var orderedRead: OrderedRead?
    /// Row buffers a triple pattern extends rows in, reused from one call to the next: a row a
    /// later step does not keep then costs no allocation (one it keeps is copied when the buffer
    /// is next written, as any shared array is).
    var spareRows: [Row] = []

    init(source: FactSource, terms: TermTable, language: String, limits: QueryLimits, cancellation: Cancellation?) {
        self.source = source
        self.terms = terms
        self.language = language
        self.budget = Budget(limits: limits, cancellation: cancellation)
    }

    // MARK: Groups

    /// Evaluates a group of patterns for each input row and collects what it yields (rules use this).
    func evaluate(_ patterns: [Pattern], input: [Row], bound: Set<Int>, plan: PlanNode, printer: AlgebraPrinter) throws -> [Row] {
        let group = self.plan(patterns, bound: bound, node: plan, printer: printer)
        var out: [Row] = []
        for row in input {
            _ = try run(group, from: 0, row) { r in
                out.append(r)
                try budget.checkSize(out.count)
                return true
            }
        }
        return out
    }

    func operation(_ p: Pattern, bound: Set<Int>) -> String {
        switch p {
        case .triple(_, let path, _):
            let shared = !Set(variables(in: p)).isDisjoint(with: bound)
            if case .predicate = path { return shared ? "join" : "scan" }
            if case .inverse(.predicate) = path { return shared ? "join" : "scan" }
            if case .variable = path { return shared ? "join" : "scan" }
            return shared ? "path-join" : "path"
        case .ruleCall: return "rule"
        case .union: return "union"
        case .group: return "group"
        default: return "step"
        }
    }

    /// Slots a pattern binds in every row it produces.
    func certainlyBound(_ p: Pattern) -> Set<Int> {
        switch p {
        case .triple(let s, let path, let o):
            var out = Set<Int>()
            if case .variable(let v) = s { out.insert(v) }
            if case .variable(let v) = o { out.insert(v) }
            if case .variable(let v) = path { out.insert(v) }
            return out
        case .ruleCall(_, let args):
            return Set(args.compactMap { if case .variable(let v) = $0 { v } else { nil } })
        case .group(let inner):
            return inner.reduce(into: Set<Int>()) { $0.formUnion(certainlyBound($1)) }
        case .union(let branches):
            let sets = branches.map { b in b.reduce(into: Set<Int>()) { $0.formUnion(certainlyBound($1)) } }
            return sets.dropFirst().reduce(sets.first ?? []) { $0.intersection($1) }
        default:
            return []
        }
    }

    /// Every slot a pattern mentions.
    func variables(in p: Pattern) -> [Int] {
        func op(_ o: Operand) -> [Int] { if case .variable(let v) = o { [v] } else { [] } }
        func expr(_ e: Expression) -> [Int] {
            switch e {
            case .operand(let o): op(o)
            case .lang(let x), .str(let x), .label(let x): expr(x)
            }
        }
        switch p {
        case .triple(let s, let path, let o):
            var out = op(s) + op(o)
            if case .variable(let v) = path { out.append(v) }
            return out
        case .filter(let l, _, let r): return expr(l) + expr(r)
        case .typeTest(let o, _, _): return op(o)
        case .not(let inner), .optional(let inner), .group(let inner): return inner.flatMap(variables(in:))
        case .union(let branches): return branches.flatMap { $0.flatMap(variables(in:)) }
        case .ruleCall(_, let args): return args.flatMap(op)
        }
    }

    // MARK: Planning

    /// The next positive pattern to run: connected to what is bound where possible, then cheapest.
    func choose(_ candidates: [Pattern], bound: Set<Int>) -> (Int, Int, Bool) {
        var best = 0, bestCost = Int.max, bestConnected = false, bestEstimate = 0
        // Groups and unions run once the simple patterns have bound what their filters may read.
        let simple = candidates.contains { if case .triple = $0 { true } else if case .ruleCall = $0 { true } else { false } }
        for (i, p) in candidates.enumerated() {
            if simple, case .group = p { continue }
            if simple, case .union = p { continue }
            let vars = Set(variables(in: p))
            let connected = bound.isEmpty || !vars.isDisjoint(with: bound) || vars.isEmpty
            let estimate = self.estimate(p, bound: bound)
            let cost = connected ? estimate : Int.max / 2 + min(estimate, Int.max / 4)
            if cost < bestCost || (cost == bestCost && connected && !bestConnected) {
                best = i; bestCost = cost; bestConnected = connected; bestEstimate = estimate
            }
        }
        return (best, bestEstimate, bestConnected)
    }

    func constant(_ o: Operand) -> TermID? {
        if case .constant(let c) = o { return c }
        return nil
    }

    func isBound(_ o: Operand, _ bound: Set<Int>) -> Bool {
        switch o {
        case .constant: true
        case .variable(let v): bound.contains(v)
        }
    }

    /// Rows a pattern is expected to produce per input row, from index counts and per-predicate
    /// distinct counts.
    func estimate(_ p: Pattern, bound: Set<Int>) -> Int {
        switch p {
        case .triple(let s, let path, let o):
            switch path {
            case .predicate(let pid):
                if pid == source.typePredicate, let t = constant(o) {
                    let n = source.subtypes(of: t).reduce(0) { $0 + source.estimate(subject: nil, predicate: pid, object: $1) }
                    return isBound(s, bound) ? 1 : n
                }
                var objects = constant(o).map { equivalents($0) }
                var inRange: Int?
                if case .variable(let v) = o, !bound.contains(v), let candidates = restrictions[v] { objects = candidates }
                if case .variable(let v) = o, !bound.contains(v), restrictions[v] == nil, let range = ranges[v], pid != source.typePredicate {
                    let values = numericOrders.values(of: pid, source: source, terms: terms)
                    if constant(s) == nil {
                        // The facts whose object is in range, counted in O(1) beside the values.
                        inRange = numericOrders.factCount(of: pid, at: range.slice(of: values))
                    } else {
                        objects = values[range.slice(of: values)].map(\.object)
                    }
                }
                var n = inRange ?? objects.map { $0.reduce(0) { $0 + source.estimate(subject: constant(s), predicate: pid, object: $1) } }
                    ?? source.estimate(subject: constant(s), predicate: pid, object: nil)
                let d = distinct(pid)
                if case .variable(let v) = s, bound.contains(v) { n = max(1, n / max(1, d.subjects)) }
                if case .variable(let v) = o, bound.contains(v) { n = max(1, n / max(1, d.objects)) }
                return n
            case .inverse(.predicate(let pid)) where pid != source.typePredicate:
                return estimate(.triple(o, .predicate(pid), s), bound: bound)
            case .variable:
                var n = source.estimate(subject: constant(s), predicate: nil, object: constant(o))
                if isBound(s, bound) || isBound(o, bound) { n = max(1, n / 4) }
                return n
            default:
                let base = source.estimate(subject: nil, predicate: nil, object: nil)
                return isBound(s, bound) || isBound(o, bound) ? max(1, base / 100) : base
            }
        case .ruleCall(let name, let args):
            let n = relations[name]?.count ?? 0
            return args.contains(where: { isBound($0, bound) }) ? max(1, n / 10) : n
        case .group(let inner):
            return inner.map { estimate($0, bound: bound) }.min() ?? 1
        case .union(let branches):
            return branches.reduce(0) { $0 + ($1.map { estimate($0, bound: bound) }.min() ?? 1) }
        default:
            return 1
        }
    }

    func distinct(_ predicate: TermID) -> (subjects: Int, objects: Int) {
        source.distinctCounts(predicate: predicate)
    }

    // MARK: Steps

    /// The ids of every stored literal numerically equal to `id` (itself first); `[id]` otherwise.
    func equivalents(_ id: TermID) -> [TermID] {
        guard case .literal(let l) = terms[id], let key = l.numericKey else { return [id] }
        var out = [id]
        let unit: Int128 = 1_000_000_000_000_000_000
        var variants: [Literal] = []
        if key % unit == 0, let whole = Int64(exactly: key / unit) {
            variants = [.integer(whole), .money(whole), .decimal(DecimalNumber(mantissa: whole, scale: 0))]
            if let y = Int32(exactly: whole), y >= 1, y <= 9999 { variants.append(.year(y)) }
        }
        variants.append(Evaluator.decimal(fromKey: key))
        for v in variants {
            if let other = terms.store.terms.id(of: .literal(v)), !out.contains(other) { out.append(other) }
        }
        return out
    }

    func value(_ o: Operand, _ row: Row) -> TermID? {
        switch o {
        case .constant(let c): return c
        case .variable(let v): return row[v] == unbound ? nil : row[v]
        }
    }

    /// Binds `o` to `value` in `row`; false when it is bound to something else.
    @inline(__always)
    func bind(_ o: Operand, _ value: TermID, _ row: inout Row) -> Bool {
        switch o {
        case .constant(let c): return c == value
        case .variable(let v):
            if row[v] == unbound { row[v] = value; return true }
            return row[v] == value
        }
    }

    /// Whether `id` is the subject or object of some fact.
    func isNode(_ id: TermID) -> Bool {
        source.estimate(subject: id, predicate: nil, object: nil) > 0 || source.estimate(subject: nil, predicate: nil, object: id) > 0
    }

    /// Calls `body` with each extension of `row` by a triple pattern or rule call, until it returns false.
    /// - Returns: false when `body` stopped the iteration.
    func extend(_ row: Row, by p: Pattern, _ body: (Row) throws -> Bool) throws -> Bool {
        var going = true
        switch p {
        case .triple(let s, let path, let o):
            let sv = value(s, row), ov = value(o, row)
            switch path {
            case .predicate(let pid):
                if pid == source.typePredicate, let t = ov, case .constant = o {
                    try typeMatches(subject: sv, type: t) { entity in
                        guard going else { return }
                        var r = row
                        if bind(s, entity, &r) { going = try body(r) }
                    }
                    return going
                }
                // One row buffer for every fact: the slots this pattern binds are reset before each,
                // so a row a later step drops costs no copy (one kept downstream is copied then).
                // The buffer is a spare one holding `row`'s values, not `row` itself, which the
                // caller still holds: writing to that would copy it on every call.
                var r = spareRows.popLast() ?? Row()
                r.removeAll(keepingCapacity: true)
                r.append(contentsOf: row)
                defer { spareRows.append(r) }
                let sSlot: Int? = if case .variable(let v) = s, row[v] == unbound { v } else { nil }
                let oSlot: Int? = if case .variable(let v) = o, row[v] == unbound { v } else { nil }
                func facts(_ object: TermID?) throws {
                    try source.forEachFact(subject: sv, predicate: pid, object: object) { t in
                        try budget.tick()
                        if let v = sSlot { r[v] = unbound }
                        if let v = oSlot { r[v] = unbound }
                        if bind(s, t.subject, &r), o.isConstant || bind(o, t.object, &r) { going = try body(r) }
                        return going
                    }
                }
                // A numeric constant matches its value in every numeric kind (2023 = 2023년 = ₩2023);
                // a variable's value (the common case, once per row) needs no list.
                if let ov, o.isConstant {
                    for object in equivalents(ov) where going { try facts(object) }
                } else {
                    try facts(ov)
                }
            case .variable(let pv):
                let pBound = row[pv] == unbound ? nil : row[pv]
                let objects: [TermID?] = ov.map { o.isConstant ? equivalents($0) : [$0] } ?? [nil]
                for object in objects where going {
                    try source.forEachFact(subject: sv, predicate: pBound, object: object) { t in
                        try budget.tick()
                        var r = row
                        if bind(s, t.subject, &r), bind(.variable(pv), t.predicate, &r), o.isConstant || bind(o, t.object, &r) {
                            going = try body(r)
                        }
                        return going
                    }
                }
            default:
                // A numeric constant end matches its value in every numeric kind; a variable's
                // value and the path's own junctions match exactly as stored.
                let objects: [TermID?] = ov.map { o.isConstant ? equivalents($0) : [$0] } ?? [nil]
                // Paths have set semantics: a subject reaches the constant once, by whichever kind.
                var reached = Set<TermID>()
                for object in objects where going {
                    for (x, y) in try pairs(path, from: sv, to: object) where going {
                        if objects.count > 1, !reached.insert(x).inserted { continue }
                        // Zero steps relate the constant to itself as written, not to its equals.
                        if object != ov, x == object, path.admitsEmptyWalk { continue }
                        // A zero-step match through an end a variable brought in holds only for a
                        // node of the graph, as if both sides were joined (the order of the
                        // patterns then cannot change the answer).
                        if x == y, !s.isConstant, !o.isConstant, !isNode(x) { continue }
                        try budget.tick()
                        var r = row
                        if s.isConstant || bind(s, x, &r), o.isConstant || bind(o, y, &r) { going = try body(r) }
                    }
                }
            }
        case .ruleCall(let name, let args):
            let values = args.map { value($0, row) }
            for tuple in relations[name] ?? [] where going && zip(values, tuple).allSatisfy({ $0 == nil || $0 == $1 }) {
                try budget.tick()
                var r = row
                var ok = true
                for (a, v) in zip(args, tuple) where !bind(a, v, &r) { ok = false; break }
                if ok { going = try body(r) }
            }
        default:
            going = try body(row)
        }
        return going
    }

    /// Entities whose type is `type` or below it; with a subject given, whether it is one.
    func typeMatches(subject: TermID?, type: TermID, _ body: (TermID) throws -> Void) throws {
        if let s = subject {
            if let t = source.typeOf(s), source.isSubtype(t, of: type) { try body(s) }
            return
        }
        for t in source.subtypes(of: type) {
            try source.forEachFact(subject: nil, predicate: source.typePredicate, object: t) { fact in
                try body(fact.subject)
                try budget.tick()
                return true
            }
        }
    }
}
