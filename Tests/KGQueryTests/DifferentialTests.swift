import KGModel
import KGQuery
import PropertyBased
import Testing
import Foundation

// Differential tests: the real parser, resolver, planner and evaluator (`QueryEngine.run`) against
// the naive `ReferenceEvaluator` (ReferenceEvaluator.swift) on random graphs and random query text.
// A failure prints the graph (one fact per `;`) and the query; both shrink. The random queries keep
// to the subset whose answer does not depend on the plan (`RefShapeRules`): filters, `not` and
// `optional` inside nested groups see only variables bound in every row. Engine bugs the random
// tests found are pinned, with their right answers, among the fixed cases below.

// MARK: Random graphs

struct DiffFactSpec: Hashable, Sendable {
    let s: Int
    let p: Int
    let o: Int
}

/// A graph over entities n0…n5 (type Node) and predicates p0…p2; objects are entities or
/// literals from a small pool in which some numbers are equal across kinds (2 = 2원, 4 = 4년,
/// 3 = 3.0).
struct DiffGraph: Sendable, CustomStringConvertible {
    static let entityCount = 6
    static let predicateCount = 3
    static let literals: [Literal] = [
        .integer(0), .integer(1), .integer(2), .integer(3), .integer(4), .money(2),
        .decimal(DecimalNumber(mantissa: 25, scale: 1)), .year(4), .decimal(DecimalNumber(mantissa: 30, scale: 1)),
    ]
    /// Object indexes: below this, an entity (n0 and n1 three times as likely); from it, a literal.
    static let firstLiteral = 14

    var facts: [DiffFactSpec]

    static func object(_ o: Int) -> Term {
        o < firstLiteral ? .entity("n\(o % entityCount)") : .literal(literals[o - firstLiteral])
    }

    var refFacts: [RefFact] {
        facts.map { RefFact(s: .entity("n\($0.s)"), p: .entity("p\($0.p)"), o: DiffGraph.object($0.o)) }
    }

    var description: String { "graph: " + DiffGraph.describe(refFacts) }

    /// Facts as `diffFacts` reads them: one per `;`.
    static func describe(_ facts: [RefFact]) -> String {
        facts.map { f in [f.s, f.p, f.o].map { RefValue.term($0).description }.joined(separator: " ") }.joined(separator: "; ")
    }

    /// The store the engine reads, built as KGModelTests' `makeStore` builds one.
    func store() -> FactStore { DiffGraph.store(refFacts) }

    static func store(_ facts: [RefFact], entities: Int = entityCount, predicates: Int = predicateCount) -> FactStore {
        var store = FactStore()
        let type = store.intern(.entity("Node"))
        store.schema.declare(TypeInfo(id: type, name: "Node", parent: store.builtins.thing, labels: []))
        let file = store.addFile("differential.kg")
        for i in 0..<entities {
            let id = store.intern(.entity("n\(i)"))
            store.declare(entity: id, type: type, at: SourceLocation(file: file, line: UInt32(i + 1), column: 1))
        }
        for i in 0..<predicates {
            let id = store.intern(.entity("p\(i)"))
            store.schema.declare(PredicateInfo(id: id, name: "p\(i)", domain: [store.builtins.thing],
                                               range: [.type(store.builtins.thing), .anyLiteral], inverseName: nil, labels: []))
        }
        for (i, f) in facts.enumerated() {
            let t = Triple(store.intern(f.s), store.intern(f.p), store.intern(f.o))
            store.add(t, provenance: Provenance(source: nil, quote: nil, location: SourceLocation(file: file, line: UInt32(100 + i), column: 1)))
        }
        store.reindex()
        return store
    }
}

// MARK: Random queries

/// SplitMix64, so a query is a pure function of one seed drawn from the property's generator.
struct DiffRNG: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum DiffMode: Sendable {
    /// Every feature, query forms mixed.
    case mixed
    /// Aggregates, group by, order by, limit and offset over small patterns.
    case aggregates
    /// Triples with property paths only, bare or ordered.
    case paths
}

/// Builds one random query in the generated subset (see `RefShapeRules`).
struct DiffQueryBuilder {
    var rng: DiffRNG
    let mode: DiffMode
    var used: [String] = []
    var predicateVariables: [String] = []
    var anonymous = 0
    var triplesLeft = 4

    static let variables = ["a", "b", "c", "d", "e"]

    init(seed: UInt64, mode: DiffMode) {
        rng = DiffRNG(state: seed)
        self.mode = mode
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(0...(a.count - 1))] }

    /// A variable: one used before with probability `reuse` (other than `avoid` where possible), else a fresh one.
    mutating func variable(reuse: Double = 0.72, avoid: String? = nil) -> String {
        let old = used.filter { $0 != avoid }
        if !old.isEmpty && chance(reuse) { return pick(old) }
        let fresh = DiffQueryBuilder.variables.filter { !used.contains($0) }
        let v = fresh.isEmpty ? pick(DiffQueryBuilder.variables) : fresh[0]
        if !used.contains(v) { used.append(v) }
        return v
    }

    mutating func entity() -> RefTerm { .entity("n\(int(0...(DiffGraph.entityCount - 1)))") }

    mutating func number() -> Literal {
        switch int(0...9) {
        case 0: .money(2)
        case 1: .decimal(DecimalNumber(mantissa: 25, scale: 1))
        case 2: .year(4)
        default: .integer(Int64(int(0...4)))
        }
    }

    mutating func node(reuse: Double, avoid: String? = nil) -> RefTerm {
        if chance(0.05) {
            anonymous += 1
            return .variable("_\(anonymous)")
        }
        // Now and then the same variable at both ends (a loop).
        if let avoid, !avoid.hasPrefix("_"), chance(0.06) { return .variable(avoid) }
        return .variable(variable(reuse: reuse, avoid: avoid))
    }

    // MARK: Paths

    static func hasClosure(_ p: RefPath) -> Bool {
        switch p {
        case .predicate: false
        case .oneOrMore, .zeroOrMore: true
        case .inverse(let q): hasClosure(q)
        case .sequence(let steps): steps.contains(where: hasClosure)
        case .alternative(let alts): alts.contains(where: hasClosure)
        }
    }

    mutating func atom() -> RefPath {
        let p = RefPath.predicate("p\(int(0...(DiffGraph.predicateCount - 1)))")
        return chance(0.25) ? .inverse(p) : p
    }

    /// A step of a sequence: mostly one that must move; with `stars`, now and then a
    /// zero-or-more step, wherever it stands (first, in the middle, last, inside a closure).
    mutating func step(stars: Bool = true) -> RefPath {
        switch int(0...11) {
        case 0...5: atom()
        case 6...7: .oneOrMore(atom())
        case 8: .alternative([atom(), atom()])
        case 9: .oneOrMore(.alternative([atom(), atom()]))
        case 10 where stars: .zeroOrMore(atom())
        case 11 where stars: .zeroOrMore(.alternative([atom(), atom()]))
        default: atom()
        }
    }

    /// One to three steps, maybe ending in `q*`.
    mutating func sequence() -> RefPath {
        var steps = (0..<int(1...3)).map { _ in step() }
        if chance(0.3) { steps.append(.zeroOrMore(atom())) }
        return steps.count == 1 ? steps[0] : .sequence(steps)
    }

    mutating func path() -> RefPath {
        switch int(0...13) {
        case 0...2: return .sequence([step(), step()] + (chance(0.3) ? [.zeroOrMore(atom())] : []))
        case 3: return .alternative([sequence(), sequence()])
        case 4: return .oneOrMore(sequence())
        case 5: return .zeroOrMore(sequence())
        case 6: return .zeroOrMore(atom())
        case 7: return .oneOrMore(atom())
        case 8: return .inverse(.sequence([step(), step()]))
        case 9: return .inverse(.zeroOrMore(atom()))
        case 10: return .alternative([.zeroOrMore(atom()), atom()])
        case 11: return .sequence([atom(), .zeroOrMore(.alternative([atom(), atom()]))])
        // A sequence that starts with a zero-or-more step.
        case 12: return .sequence([.zeroOrMore(atom()), step(stars: false)] + (chance(0.3) ? [step()] : []))
        default: return .sequence([.zeroOrMore(.alternative([atom(), atom()])), atom()])
        }
    }

    // MARK: Elements

    mutating func triple() -> RefElement {
        triplesLeft -= 1
        // Plain predicates below 11, paths to 16, then a variable predicate.
        let verbRoll = mode == .paths ? int(8...16) : int(0...19)
        let verb: RefVerb
        if verbRoll < 11 {
            verb = .path(.predicate("p\(int(0...(DiffGraph.predicateCount - 1)))"))
        } else if verbRoll < 17 {
            verb = .path(path())
        } else {
            if predicateVariables.isEmpty || chance(0.3) {
                let v = pick(["p", "q"])
                if !predicateVariables.contains(v) { predicateVariables.append(v) }
            }
            verb = .variable(pick(predicateVariables))
        }
        // An entity subject before a parenthesised path (`n0 (p0|p1) ?y`) is a path, not a rule call.
        let subject: RefTerm = chance(0.9) ? node(reuse: 0.75) : entity()
        let roll = int(0...19)
        let objectNode = node(reuse: 0.4, avoid: subject.variableName)
        // A numeric constant object after a plain predicate, a path without closures or a variable
        // predicate. After a closure (p+, p*) inside a sequence, the reference still compares a
        // constant of another kind (2원 for a stored 2) by value where the walk passes through
        // it, which the engine rightly does not (`numericJoinThroughPath`); fixed cases pin what
        // the engine does with constants after closures (`numericConstantAfterBoundClosure`).
        var closure = false
        if case .path(let p) = verb { closure = DiffQueryBuilder.hasClosure(p) }
        let object: RefTerm = roll < 15 ? objectNode : (roll < 17 || closure ? entity() : .literal(number()))
        return .triple(subject, verb, object)
    }

    mutating func filter() -> RefElement {
        let xName = used.isEmpty ? variable() : pick(used)
        let x: RefTerm = .variable(xName)
        var left = x, right: RefTerm, op: RefOperator
        switch int(0...9) {
        case 0...2:
            op = chance(0.6) ? .equal : .notEqual
            right = entity()
        case 3...6:
            op = pick(RefOperator.allCases)
            right = .literal(number())
        default:
            op = pick([.equal, .notEqual, .notEqual, .less, .greater])
            right = .variable(variable(reuse: 0.9, avoid: xName))
        }
        if chance(0.2) {
            swap(&left, &right)
            switch op {
            case .less: op = .greater
            case .greater: op = .less
            case .lessOrEqual: op = .greaterOrEqual
            case .greaterOrEqual: op = .lessOrEqual
            default: break
            }
        }
        return .filter(left, op, right)
    }

    /// A group: 1–3 positive elements (triples, nested unions and groups), then maybe filters,
    /// an optional and a not, placed anywhere among them.
    mutating func group(depth: Int) -> [RefElement] {
        var elements: [RefElement] = []
        let positives = mode == .aggregates ? int(1...2) : (depth == 0 ? int(1...3) : int(1...2))
        for _ in 0..<positives {
            if mode == .mixed, depth < 2, triplesLeft >= 2, chance(0.16) {
                let branches = chance(0.2) ? 3 : 2
                elements.append(.union((0..<branches).map { _ in group(depth: depth + 1) }))
            } else if mode == .mixed, depth < 2, triplesLeft >= 1, chance(0.06) {
                elements.append(.group(group(depth: depth + 1)))
            } else {
                elements.append(triple())
            }
        }
        var extras: [RefElement] = []
        if mode != .paths {
            if chance(0.45) { extras.append(filter()) }
            if chance(0.12) { extras.append(filter()) }
            if depth < 2, triplesLeft > 0, chance(mode == .mixed ? 0.3 : 0.15) { extras.append(.optional(group(depth: depth + 1))) }
            if depth < 2, triplesLeft > 0, chance(mode == .mixed ? 0.25 : 0.1) { extras.append(.not(group(depth: depth + 1))) }
            if depth < 2, mode == .mixed, chance(0.05) { extras.append(.optional(group(depth: depth + 1))) }
        }
        for e in extras { elements.insert(e, at: int(0...elements.count)) }
        return elements
    }

    /// Drops filters, `not` and `optional` blocks of nested groups whose outer variables would
    /// make the engine's answer depend on its plan (`RefShapeRules.scopeViolation`).
    static func repairScope(_ pattern: [RefElement]) -> [RefElement] {
        var pattern = pattern
        for _ in 0..<20 where RefShapeRules.scopeViolation(pattern) != nil {
            let total = pattern.mentionCounts()
            func rewrite(_ group: [RefElement], nested: Bool, visible: Set<String>) -> [RefElement] {
                let own = group.filter(\.isPositive).certainlyBound
                let inside = group.mentionCounts()
                var out: [RefElement] = []
                for e in group {
                    if nested, !e.isPositive,
                       e.mentioned.contains(where: { RefShapeRules.planDependent($0, total: total, inside: inside, own: own, visible: visible) }) {
                        continue
                    }
                    switch e {
                    case .group(let inner): out.append(.group(rewrite(inner, nested: true, visible: visible.union(group.simplyBound))))
                    case .union(let branches): out.append(.union(branches.map { rewrite($0, nested: true, visible: visible.union(group.simplyBound)) }))
                    case .not(let inner): out.append(.not(rewrite(inner, nested: false, visible: visible.union(own))))
                    case .optional(let inner): out.append(.optional(rewrite(inner, nested: false, visible: visible.union(own))))
                    default: out.append(e)
                    }
                }
                return out
            }
            pattern = rewrite(pattern, nested: false, visible: [])
        }
        return pattern
    }

    // MARK: Queries

    mutating func query() -> RefQuery {
        triplesLeft = int(1...4)
        let pattern = DiffQueryBuilder.repairScope(group(depth: 0))
        var q = RefQuery(columns: nil, pattern: pattern)
        let named = pattern.namedInOrder
        let bound = pattern.positivelyBound
        let shown = named.filter { bound.contains($0) }
        let form: Int
        switch mode {
        case .mixed: form = int(0...9)
        case .aggregates: form = int(6...9)
        case .paths: form = chance(0.8) ? 0 : 4
        }
        var orderable: [String] = []
        if form <= 3 || named.isEmpty {
            // A bare pattern with `group by` shows the groups.
            if mode == .mixed, !shown.isEmpty, chance(0.12) {
                for _ in 0..<int(1...2) {
                    let v = pick(shown)
                    if !q.groupBy.contains(v) { q.groupBy.append(v) }
                }
            }
            orderable = pattern.bareColumns(groupBy: q.groupBy)
        } else if form <= 6 {
            var columns: [String] = []
            for _ in 0..<int(1...3) {
                let v = chance(0.85) && !shown.isEmpty ? pick(shown) : pick(named)
                if !columns.contains(v) { columns.append(v) }
            }
            q.columns = columns.map(RefColumn.variable)
            q.distinct = form == 6
            orderable = columns
        } else {
            if !shown.isEmpty {
                for _ in 0..<int(0...2) {
                    let v = pick(shown)
                    if !q.groupBy.contains(v) { q.groupBy.append(v) }
                }
            }
            var columns: [RefColumn] = q.groupBy.filter { _ in chance(0.8) }.map(RefColumn.variable)
            orderable = columns.map(\.name)
            for i in 1...int(1...2) {
                let f = pick([RefAggregate.count, .count, .count, .sum, .min, .max, .avg])
                var argument: String? = chance(0.85) && !shown.isEmpty ? pick(shown) : pick(named)
                if f == .count && chance(0.3) { argument = nil }
                let distinct = chance(f != .count ? 0.15 : argument == nil ? 0.5 : 0.35)
                let alias: String? = chance(0.6) ? "k\(i)" : nil
                let column = RefColumn.aggregate(f, distinct: distinct, argument: argument, alias: alias)
                if !columns.contains(where: { $0.name == column.name }) {
                    columns.append(column)
                    if alias != nil { orderable.append(column.name) }
                }
            }
            if chance(0.1) { columns.shuffle(using: &rng) }
            q.columns = columns
        }
        if !orderable.isEmpty, chance(mode == .mixed ? 0.35 : 0.6) {
            for _ in 0..<int(1...2) {
                let name = pick(orderable)
                if !q.orderBy.contains(where: { $0.name == name }) { q.orderBy.append(RefOrderKey(name: name, descending: chance(0.4))) }
            }
        }
        if chance(mode == .aggregates ? 0.35 : 0.2) { q.limit = int(0...4) }
        if chance(0.12) { q.offset = int(0...3) }
        return q
    }

    static func make(seed: UInt64, mode: DiffMode) -> RefQuery {
        var seed = seed
        for _ in 0..<50 {
            var b = DiffQueryBuilder(seed: seed, mode: mode)
            let q = b.query()
            if RefShapeRules.queryViolation(q) == nil { return q }
            seed = seed &* 6_364_136_223_846_793_005 &+ 1
        }
        return RefQuery(columns: nil, pattern: [.triple(.variable("a"), .path(.predicate("p0")), .variable("b"))])
    }
}

// MARK: Shrinking queries

enum DiffShrink {
    /// Smaller queries than `q` that still resolve and stay in the generated subset, most shrunk first.
    static func candidates(_ q: RefQuery) -> [RefQuery] {
        var out: [RefQuery] = []
        for pattern in edits(q.pattern) {
            var c = q
            c.pattern = pattern
            out.append(c)
        }
        if q.limit != nil { var c = q; c.limit = nil; out.append(c) }
        if q.offset != nil { var c = q; c.offset = nil; out.append(c) }
        if !q.orderBy.isEmpty { var c = q; c.orderBy = []; out.append(c) }
        if q.distinct { var c = q; c.distinct = false; out.append(c) }
        if let columns = q.columns {
            if columns.count > 1 {
                for i in columns.indices {
                    var c = q
                    c.columns!.remove(at: i)
                    c.orderBy.removeAll { $0.name == columns[i].name }
                    out.append(c)
                }
            }
            for i in q.groupBy.indices {
                var c = q
                c.groupBy.remove(at: i)
                out.append(c)
            }
        }
        return out.filter { RefShapeRules.queryViolation($0) == nil && size($0) < size(q) }
    }

    static func size(_ q: RefQuery) -> Int {
        size(q.pattern) + (q.columns?.count ?? 0) + q.groupBy.count + q.orderBy.count + (q.limit == nil ? 0 : 1) + (q.offset == nil ? 0 : 1) + (q.distinct ? 1 : 0)
    }

    static func size(_ elements: [RefElement]) -> Int {
        elements.reduce(0) { total, e in
            switch e {
            case .triple(_, .path(let p), _): total + 1 + p.size
            case .triple: total + 2
            case .filter: total + 1
            case .not(let inner), .optional(let inner), .group(let inner): total + 1 + size(inner)
            case .union(let branches): total + 1 + branches.reduce(0) { $0 + size($1) }
            }
        }
    }

    static func edits(_ elements: [RefElement]) -> [[RefElement]] {
        var out: [[RefElement]] = []
        for (i, e) in elements.enumerated() {
            func replaced(_ with: [RefElement]) -> [RefElement] { Array(elements[..<i]) + with + Array(elements[(i + 1)...]) }
            if elements.count > 1 { out.append(replaced([])) }
            switch e {
            case .union(let branches):
                for b in branches { out.append(replaced(b)) }
                for (j, b) in branches.enumerated() {
                    for edit in edits(b) {
                        var bs = branches
                        bs[j] = edit
                        out.append(replaced([.union(bs)]))
                    }
                }
            case .group(let inner):
                out.append(replaced(inner))
                for edit in edits(inner) { out.append(replaced([.group(edit)])) }
            case .optional(let inner):
                for edit in edits(inner) { out.append(replaced([.optional(edit)])) }
            case .not(let inner):
                for edit in edits(inner) { out.append(replaced([.not(edit)])) }
            case .triple(let s, .path(let p), let o):
                for q in simpler(p) { out.append(replaced([.triple(s, .path(q), o)])) }
            case .triple, .filter:
                break
            }
        }
        return out
    }

    static func simpler(_ p: RefPath) -> [RefPath] {
        switch p {
        case .predicate: return []
        case .inverse(let q), .oneOrMore(let q), .zeroOrMore(let q): return [q]
        case .sequence(let steps), .alternative(let steps):
            var out = steps
            if steps.count > 2 {
                for i in steps.indices {
                    var s = steps
                    s.remove(at: i)
                    if case .sequence = p { out.append(.sequence(s)) } else { out.append(.alternative(s)) }
                }
            }
            return out
        }
    }
}

// MARK: Generators

enum DiffGen {
    static let fact = zip(Gen.int(in: 0...(DiffGraph.entityCount - 1)), Gen.int(in: 0...(DiffGraph.predicateCount - 1)),
                          Gen.int(in: 0...(DiffGraph.firstLiteral + DiffGraph.literals.count - 1)))
        .map { DiffFactSpec(s: $0.0, p: $0.1, o: $0.2) }

    /// 0–24 facts, most often about 12 (two halves, each shrinking to nothing).
    static let graph = zip(fact.array(of: 0...12), fact.array(of: 0...12)).map { DiffGraph(facts: $0.0 + $0.1) }

    static func query(_ mode: DiffMode) -> Generator<RefQuery, [RefQuery]> {
        Generator(
            run: { rng in DiffQueryBuilder.make(seed: rng.next(), mode: mode) },
            shrink: { DiffShrink.candidates($0) }
        )
    }
}

// MARK: Running both

struct DiffOutcome {
    /// Too large for the reference.
    var skipped = false
    /// What differed, with the graph and the query.
    var mismatch: String? = nil
}

/// Runs `query` on the engine and the reference over the same graph and compares: columns, rows as
/// multisets (sets where the query deduplicates), and with `order by` the sequence of sort keys.
/// With `limit`/`offset`, the engine's rows must be a sub-multiset of the full answer, of the right
/// size, and (ordered) carry the keys of the expected window.
func diffCheck(facts: [RefFact], store: FactStore, graphText: String, query: RefQuery) -> DiffOutcome {
    let expected: RefResult
    do {
        expected = try ReferenceEvaluator(facts: facts).run(query)
    } catch {
        return DiffOutcome(skipped: true)
    }
    func fail(_ why: String, _ actual: [[RefValue]]? = nil) -> DiffOutcome {
        var text = "\(why)\n\(graphText)\nquery: \(query.text)\nexpected columns \(expected.columns), all rows (before offset/limit):\n"
        text += expected.rows.map { "  " + $0.map(\.description).joined(separator: " | ") }.joined(separator: "\n")
        if let actual {
            text += "\nactual rows:\n" + actual.map { "  " + $0.map(\.description).joined(separator: " | ") }.joined(separator: "\n")
        }
        return DiffOutcome(mismatch: text)
    }
    let engine = QueryEngine(store: store)
    let result: QueryResult
    switch engine.run(query.text) {
    case .failure(let f): return fail("the engine failed: \(f.message)")
    case .success(.table(let r)): result = r
    case .success(let other): return fail("the engine answered \(other), not a table")
    }
    // Columns, in order: `find` fixes it; a bare pattern lists its variables as they first appear.
    guard result.columns == expected.columns else { return fail("columns differ: engine \(result.columns)") }
    let actual: [[RefValue]] = result.rows.map { row in
        row.map { id in id.map { RefValue.term(result.terms[$0]) } ?? .unbound }
    }
    func multiset(_ rows: [[RefValue]]) -> [[RefValue]: Int] { rows.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
    let all = expected.rows
    let start = min(query.offset ?? 0, all.count)
    let end = query.limit.map { min(start + $0, all.count) } ?? all.count
    let window = Array(all[start..<end])
    if query.limit == nil && query.offset == nil {
        if multiset(actual) != multiset(all) { return fail("rows differ", actual) }
    } else {
        if actual.count != window.count { return fail("expected \(window.count) rows after offset/limit, got \(actual.count)", actual) }
        let full = multiset(all)
        for (row, n) in multiset(actual) where (full[row] ?? 0) < n { return fail("row \(row) is not in the answer (or too often)", actual) }
    }
    if !query.orderBy.isEmpty {
        let keys = query.orderBy.map { key in expected.columns.firstIndex(of: key.name)! }
        if actual.map({ row in keys.map { row[$0] } }) != window.map({ row in keys.map { row[$0] } }) {
            return fail("order differs on the keys \(query.orderBy.map(\.name))", actual)
        }
    }
    return DiffOutcome()
}

func diffCheck(_ graph: DiffGraph, _ query: RefQuery) -> DiffOutcome {
    diffCheck(facts: graph.refFacts, store: graph.store(), graphText: graph.description, query: query)
}

/// Counts of a property run, to keep the skipped share honest.
final class DiffTally {
    var run = 0
    var skipped = 0
}

// MARK: Tests

@Suite("Differential: engine against a naive reference")
struct DifferentialTests {
    /// `KGSH_DIFF_SCALE=20 swift test --filter Differential` runs twenty times as many cases.
    static let scale = Int(ProcessInfo.processInfo.environment["KGSH_DIFF_SCALE"] ?? "") ?? 1

    func property(_ mode: DiffMode, count: Int) async {
        let tally = DiffTally()
        await propertyCheck(count: count * DifferentialTests.scale, input: DiffGen.graph, DiffGen.query(mode)) { graph, query in
            let outcome = diffCheck(graph, query)
            tally.run += 1
            if outcome.skipped { tally.skipped += 1 }
            #expect(outcome.mismatch == nil, Comment(rawValue: outcome.mismatch ?? ""))
        }
        #expect(tally.skipped * 10 <= tally.run, "\(tally.skipped) of \(tally.run) cases were too large for the reference")
    }

    @Test("random queries of every feature agree with the reference")
    func mixed() async { await property(.mixed, count: 1000) }

    @Test("random aggregate, group, order and limit queries agree with the reference")
    func aggregates() async { await property(.aggregates, count: 400) }

    @Test("random property-path queries agree with the reference")
    func paths() async { await property(.paths, count: 400) }
}

// MARK: Fixed cases

/// Facts written `n0 p0 n1; n1 p0 2원`: an object `nK` is an entity, anything else a literal.
func diffFacts(_ text: String) -> [RefFact] {
    text.split(separator: ";").map { line in
        let w = line.split(separator: " ")
        let o = String(w[2])
        let object: Term
        if o.hasPrefix("n"), Int(o.dropFirst()) != nil {
            object = .entity(o)
        } else if case .success(let l) = LiteralSyntax.parse(Substring(o)) {
            object = .literal(l)
        } else {
            preconditionFailure("bad literal \(o)")
        }
        return RefFact(s: .entity(String(w[0])), p: .entity(String(w[1])), o: object)
    }
}

/// The engine's answer as text cells (`·` for unbound), or the failure message.
func diffRun(_ facts: String, _ query: String) -> (columns: [String], rows: [[String]]) {
    switch QueryEngine(store: DiffGraph.store(diffFacts(facts))).run(query) {
    case .success(.table(let t)):
        return (t.columns, t.rows.map { $0.map { $0.map { RefValue.term(t.terms[$0]).description } ?? "·" } })
    case .failure(let f): return (["error"], [[f.message]])
    case .success(let other): return (["unexpected"], [["\(other)"]])
    }
}

/// Rows as a sorted list, for comparing answers whose order does not matter.
func diffSorted(_ rows: [[String]]) -> [[String]] { rows.sorted { $0.lexicographicallyPrecedes($1) } }

@Suite("Differential: fixed cases")
struct DifferentialFixedCases {
    // Semantics the random tests rely on, pinned with hand-computed answers.

    @Test("a numeric constant object matches every kind of that value; a join on a variable does not")
    func numericConstants() {
        let graph = "n0 p0 2원; n1 p0 2; n2 p0 4년; n3 p1 2"
        #expect(diffSorted(diffRun(graph, "?x p0 2").rows) == [["n0"], ["n1"]])
        #expect(diffRun(graph, "?x p0 4").rows == [["n2"]])
        #expect(diffSorted(diffRun(graph, "?x p0 ?v, ?v = 2").rows) == [["n0", "2원"], ["n1", "2"]])
        #expect(diffRun(graph, "?x p0 ?v, ?y p1 ?v").rows == [["n1", "2", "n3"]])
    }

    @Test("min and max break ties between equal numbers of different kinds by kind, and order by does too")
    func numericTies() {
        let r = diffRun("n1 p0 4년; n0 p0 4", "find ?a, min(?b) as k1 where ?a ?p ?b group by ?a order by k1, ?a desc")
        #expect(r.rows == [["n0", "4"], ["n1", "4년"]])
    }

    @Test("aggregates over no rows: one row without group by, none with it")
    func emptyAggregates() {
        let graph = "n0 p0 n1"
        #expect(diffRun(graph, "find count(?x) as c, count(*) as r, sum(?v) as s, avg(?v) as a, min(?v) as m where ?x p2 ?v").rows
                == [["0", "0", "0", "·", "·"]])
        #expect(diffRun(graph, "find ?x, count(?v) as c where ?x p2 ?v group by ?x").rows == [])
    }

    @Test("sum keeps integers and money, mixes become decimals; avg rounds to 6 decimals")
    func sums() {
        #expect(diffRun("n0 p0 1; n1 p0 2", "find sum(?v) as s, avg(?v) as a where ?x p0 ?v").rows == [["3", "1.5"]])
        #expect(diffRun("n0 p0 1원; n1 p0 2원", "find sum(?v) as s where ?x p0 ?v").rows == [["3원"]])
        #expect(diffRun("n0 p0 1; n1 p0 2.5", "find sum(?v) as s where ?x p0 ?v").rows == [["3.5"]])
        #expect(diffRun("n0 p0 1; n1 p0 1; n2 p0 0", "find avg(?v) as a where ?x p0 ?v").rows == [["0.666667"]])
    }

    @Test("avg rounds the exact mean once, half away from zero: 5/11 is 0.454545, 16/11 is 1.454545")
    func averageRoundsOnce() {
        // Rounding digit by digit from 18 places gave 0.454546 (…4545 45 → …4546).
        let graph = (0..<6).map { "n\($0) p0 0" }.joined(separator: "; ") + "; " + (0..<5).map { "n\($0) p1 1" }.joined(separator: "; ")
        #expect(diffRun(graph, "find sum(?v) as s, count(?v) as c where ?x ?p ?v").rows == [["5", "11"]])
        #expect(diffRun(graph, "find avg(?v) as a where ?x ?p ?v").rows == [["0.454545"]])
        let sixteen = (0..<5).map { "n\($0) p0 0" }.joined(separator: "; ") + "; n5 p0 16; n0 p1 0; n1 p1 0; n2 p1 0; n3 p1 0; n4 p1 0"
        #expect(diffRun(sixteen, "find avg(?v) as a, count(?v) as c where ?x ?p ?v").rows == [["1.454545", "11"]])
        #expect(diffRun("n0 p0 1; n1 p0 0; n2 p0 0; n3 p0 0; n4 p0 0; n5 p0 0; n0 p1 0; n1 p1 0", "find avg(?v) as a where ?x ?p ?v").rows == [["0.125"]])
        #expect(diffRun("n0 p0 -1; n1 p0 0; n2 p0 0", "find avg(?v) as a where ?x ?p ?v").rows == [["-0.333333"]])
    }

    @Test("p* relates every node of the graph to itself when both ends are free, and a bound end always")
    func zeroOrMore() {
        #expect(diffSorted(diffRun("n0 p0 n1", "?x p0* ?y").rows) == [["n0", "n0"], ["n0", "n1"], ["n1", "n1"]])
        // Every subject and object of any fact, literals included, not only the nodes of p0's relation.
        #expect(diffSorted(diffRun("n0 p0 n1; n2 p1 2원", "?x p0* ?y").rows)
                == [["2원", "2원"], ["n0", "n0"], ["n0", "n1"], ["n1", "n1"], ["n2", "n2"]])
        #expect(diffRun("n0 p0 n1", "n5 p0* ?y").rows == [["n5"]])
        #expect(diffRun("n0 p0 n1", "?x p0* n5").rows == [["n5"]])
    }

    @Test("a zero-length path's answer does not depend on the order of the conjuncts")
    func zeroLengthCommutes() {
        let graph = "n0 p0 n1"
        func aligned(_ r: (columns: [String], rows: [[String]])) -> [[String]] {
            let order = ["a", "b", "p", "c"].compactMap { r.columns.firstIndex(of: $0) }
            return diffSorted(r.rows.map { row in order.map { row[$0] } })
        }
        let first = diffRun(graph, "?a p1* ?b, ?b ?p ?c")
        #expect(aligned(first) == [["n0", "n0", "p0", "n1"]])
        #expect(aligned(diffRun(graph, "?b ?p ?c, ?a p1* ?b")) == aligned(first))
    }

    @Test("a leading p* in a sequence keeps its zero-length step, whichever ends are bound")
    func leadingStarInSequence() {
        let graph = "n0 p0 n1; n2 p1 n3"
        #expect(diffRun(graph, "n0 p1*/p0 ?y").rows == [["n1"]])
        #expect(diffRun(graph, "?x p1*/p0 n1").rows == [["n0"]])
        #expect(diffRun(graph, "?x p1*/p0 ?y").rows == [["n0", "n1"]])
        #expect(diffRun(graph, "?x p0/p1*/p1* ?y").rows == [["n0", "n1"]])
    }

    @Test("optional keeps a row it cannot extend; count(?z) counts bound values, count(*) rows")
    func optionalCounts() {
        let r = diffRun("n0 p0 n1; n1 p0 n2; n1 p1 n3",
                        "find ?x, count(?z) as c, count(*) as r where ?x p0 ?y, optional { ?y p1 ?z } group by ?x order by ?x")
        #expect(r.rows == [["n0", "1", "1"], ["n1", "0", "1"]])
    }

    @Test("count(distinct *) counts distinct rows")
    func countDistinctStar() {
        #expect(diffRun("n0 p0 n1; n1 p0 n2", "find count(distinct *) as k where ?x p0 ?y").rows == [["2"]])
        // ?x p0 3 matches 3 and 3원: two rows, one distinct.
        #expect(diffRun("n0 p0 3; n0 p0 3원", "find count(*) as n, count(distinct *) as d where ?x p0 3").rows == [["2", "1"]])
        #expect(diffRun("n0 p0 n1", "find count(*) as n, count(distinct *) as d where { ?x p0 n1 } or { ?x p0|p2 n1 }").rows == [["2", "1"]])
    }

    @Test("count(distinct *) does not count ?_ as part of the row: it counts what the bare pattern shows")
    func countDistinctStarWithAnonymous() {
        let graph = "n0 p0 n1; n0 p0 n2"
        #expect(diffRun(graph, "?x p0 ?_").rows == [["n0"]])
        #expect(diffRun(graph, "find count(distinct *) as d where ?x p0 ?_").rows == [["1"]])
    }

    @Test("not and filters see the whole group's bindings, optional ones included; a filter on an unbound variable is false")
    func notAndFilters() {
        let graph = "n0 p0 n1; n1 p0 n2; n1 p1 n3; n2 p1 n4"
        #expect(diffRun(graph, "find ?x, ?y where not { ?y p1 n3 }, ?x p0 ?y").rows == [["n1", "n2"]])
        #expect(diffRun(graph, "?x p0 ?y, optional { ?y p1 ?z }, ?z != n3").rows == [["n1", "n2", "n4"]])
        #expect(diffRun(graph, "?x p0 ?y, { ?y p0 ?z, ?w != n3 }").rows == [])
        // At the top level, a filter over a variable no pattern binds is an error.
        #expect(diffRun(graph, "?x p0 ?y, ?w != n3").rows == [["?w does not appear in the pattern: a filter can only test variables a pattern binds"]])
    }

    @Test("groups and unions run after the simple patterns of their group, so their filters and not see those variables wherever they are written")
    func nestedScope() {
        let graph = "n0 p0 n1; n1 p1 5; n2 p1 1"
        let planned = diffRun(graph, "?x p0 ?y, { ?y p1 ?v, ?w > 2 } or { ?y p2 ?v }, ?y p1 ?w")
        #expect(planned.columns == ["x", "y", "v", "w"])
        #expect(planned.rows == [["n0", "n1", "5", "5"]])
        let reordered = diffRun(graph, "{ ?y p1 ?v, ?w > 2 } or { ?y p2 ?v }, ?y p1 ?w, ?x p0 ?y")
        #expect(reordered.columns == ["y", "v", "w", "x"])
        #expect(reordered.rows == [["n1", "5", "5", "n0"]])
        // ?x is bound by the simple pattern written after the group: the not inside it sees it.
        #expect(diffRun(graph, "{ ?y p1 ?v, not { ?x p0 ?y } }, ?x p0 ?z") == (["y", "v", "x", "z"], [["n2", "1", "n0", "n1"]]))
    }

    @Test("find keeps duplicate rows, a bare pattern does not, and ?_ is never shown")
    func duplicates() {
        let graph = "n0 p0 n1; n0 p0 n2"
        #expect(diffRun(graph, "find ?x where ?x p0 ?y").rows == [["n0"], ["n0"]])
        #expect(diffRun(graph, "?x p0 ?_") == (["x"], [["n0"]]))
        #expect(diffRun(graph, "find distinct ?x where ?x p0 ?y").rows == [["n0"]])
    }

    @Test("a bare pattern lists its variables as they first appear, the subject before a variable predicate; with group by, only the groups")
    func bareColumnOrder() {
        #expect(diffRun("n0 p0 n1", "?s ?p ?o").columns == ["s", "p", "o"])
        #expect(diffRun("n0 p0 n1", "?y != n5, ?x p0 ?y") == (["y", "x"], [["n1", "n0"]]))
        #expect(diffRun("n0 p0 n1; n0 p0 n2", "?x p0 ?y group by ?x") == (["x"], [["n0"]]))
        #expect(diffRun("n0 p0 n1; n2 p0 n1", "?x p0 ?y group by ?y, ?x order by ?x") == (["x", "y"], [["n0", "n1"], ["n2", "n1"]]))
    }

    @Test("a numeric constant matches numbers of every kind after a path and a variable predicate too")
    func numericConstantAfterPath() {
        let graph = "n0 p0 3원; n1 p1 3"
        #expect(diffSorted(diffRun(graph, "?x p0|p1 3").rows) == [["n0"], ["n1"]])
        #expect(diffRun(graph, "?x p0+ 3").rows == [["n0"]])
        #expect(diffRun(graph, "?x ^^p0 3").rows == [["n0"]])
        #expect(diffRun(graph, "?x p0/p1* 3").rows == [["n0"]])
        #expect(diffRun(graph, "?x ?p 3").columns == ["x", "p"])
        #expect(diffSorted(diffRun(graph, "?x ?p 3").rows) == [["n0", "p0"], ["n1", "p1"]])
        // Zero steps relate the constant to itself, as written.
        #expect(diffSorted(diffRun(graph, "?x p0* 3").rows) == [["3"], ["n0"]])
    }

    @Test("a numeric constant after a closure matches the other kinds when the subject is bound too")
    func numericConstantAfterBoundClosure() {
        let graph = "n0 p0 3원"
        #expect(diffRun(graph, "?x p0+ 3").rows == [["n0"]])
        #expect(diffRun(graph, "n0 p0+ 3원").rows == [[]])
        #expect(diffRun(graph, "n0 p0+ 3").rows == [[]])
        #expect(diffRun(graph, "n0 p0* 3").rows == [[]])
        #expect(diffRun(graph, "n0 (p0|p1)+ 3").rows == [[]])
    }

    @Test("a stored decimal 3.0 is matched by the constant 3 as ?v = 3 matches it")
    func wholeDecimal() {
        let graph = "n0 p0 3.0"
        #expect(diffRun(graph, "?x p0 ?v") == (["x", "v"], [["n0", "3.0"]]))
        #expect(diffRun(graph, "?x p0 ?v, ?v = 3").rows.count == 1)
        #expect(diffRun(graph, "?x p0 3").rows == [["n0"]])
        #expect(diffRun(graph, "?x p0|p1 3").rows == [["n0"]])
        #expect(diffRun(graph, "?x ?p 3").rows == [["n0", "p0"]])
    }

    @Test("a path does not join a variable bound to a number, nor its junctions, with numbers of other kinds")
    func numericJoinThroughPath() {
        // 3원 and 3 are different values of ?v for a plain join; a path must not join them either.
        let graph = "n0 p0 3원; n1 p1 3"
        #expect(diffRun(graph, "?a p0 ?v, ?b p1 ?v").rows == [])
        #expect(diffRun(graph, "?x p0 ?m, ?y p1 ?m").rows == [])
        #expect(diffRun(graph, "?a p0 ?v, ?b p1|p2 ?v").rows == [])
        #expect(diffRun(graph, "?x p0/^p1 ?y").rows == [])
    }

    @Test("a name before a parenthesised path with a space is the subject (a rule call needs '(' touching the name)")
    func parenthesisedPathSubject() {
        #expect(diffRun("n0 p0 n1", "?x (p0|p1) ?y").rows == [["n0", "n1"]])
        #expect(diffRun("n0 p0 n1", "n0 p0|p1 ?y").rows == [["n1"]])
        #expect(diffRun("n0 p0 n1", "n0 (p0|p1) ?y") == (["y"], [["n1"]]))
        #expect(diffRun("n0 p0 n1", "n0 (p0|p1)/p0* ?y") == (["y"], [["n1"]]))
        #expect(diffRun("n0 p0 n1", "n0(p0|p1) ?y") == (["error"], [["expected ',' between the arguments of n0(…), found '|'"]]))
    }

    @Test("a zero-length step through a variable holds only for nodes of the graph, whatever the order of the patterns")
    func zeroLengthFromAConstant() {
        // n5 is declared but in no fact: `n5 p1* ?y` gives y = n5 (a constant end relates to
        // itself), but `?y p0* ?z` relates only nodes of the graph to themselves, so joining the two
        // gives nothing, in either order (`P, {Q}` and `{P}, Q` are both `P, Q`).
        let graph = "n0 p0 n1"
        #expect(diffRun(graph, "n5 p1* ?y").rows == [["n5"]])
        #expect(diffRun(graph, "find ?y, ?z where n5 p1* ?y, { ?y p0* ?z }").rows == [])
        #expect(diffRun(graph, "find ?y, ?z where { n5 p1* ?y }, ?y p0* ?z").rows == [])
        #expect(diffRun(graph, "find ?z where n0 p0* ?z").rows.count == 2)
    }
}
