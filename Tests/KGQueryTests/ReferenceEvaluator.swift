import KGModel

// A naive reference for kgsh queries, for the differential tests in DifferentialTests.swift.
//
// The test owns its own small query AST (`RefQuery`), prints it as kgsh text for the engine, and
// evaluates it here with no indexes and no planning: every triple pattern scans every fact, pattern
// elements are taken in written order, paths are computed from their definitions (relations,
// composition over all nodes, transitive closure by fixpoint). Values are `Term`s, never ids.
//
// Semantics (checked against Sources/KGQuery/Evaluation and judged sensible):
// - a group evaluates its positive elements (triples, `{…}` groups, `{…} or {…}`) in written
//   order, each extending the rows so far (a nested group sees the bindings made before it);
//   then its `optional {…}` blocks in written order (a row the block cannot extend is kept as it
//   is); then its `not {…}` blocks (a row goes when the block, given the row's bindings, has any
//   solution); then its filters. Filters and `not` therefore see the whole group's bindings,
//   wherever they are written; a filter on an unbound variable is false.
// - a numeric constant in the object position of a triple matches every stored literal of the
//   same numeric value (3 = ₩3 = 3년); joins on variables compare terms exactly.
// - filters compare numbers by value, entities by name; values of kinds that do not compare
//   satisfy only `!=`.
// - paths have set semantics. `A/B` holds for (x, y) when some node m has (x, m) in A and (m, y)
//   in B, the junction m counting as a bound end of both steps. `q+` is the transitive closure
//   of q. `q*` is q+ plus (x, x) for every bound end x, or, with both ends unbound, for every
//   node of q's relation.
// - bare patterns show every named variable bound by a positive part (not one only in `not` or a
//   filter), rows deduplicated; `find` keeps duplicates unless `distinct`.
// - aggregates: count(?y) counts bound values, count(*) rows, count(distinct ?y) distinct bound
//   values; sum adds the numeric values (0 when none; integers give an integer, money gives
//   money, a mix a decimal, written as an integer when whole), avg is their mean rounded half away
//   from zero to 6 decimals (nil when none); min/max pick a value by the `order by` order.
//   Without `group by`, an empty input still gives one row.
// - `order by`: unbound < numbers (by value; equal values by kind name) < dates < strings <
//   other literals < entities (by label, here the id); `desc` reverses; offset, then limit.

// MARK: The test's query AST

indirect enum RefPath: Hashable, Sendable {
    case predicate(String)
    case inverse(RefPath)
    case sequence([RefPath])
    case alternative([RefPath])
    case oneOrMore(RefPath)
    case zeroOrMore(RefPath)
}

enum RefTerm: Hashable, Sendable {
    /// A variable; names starting with `_` are anonymous and print as `?_`.
    case variable(String)
    case entity(String)
    case literal(Literal)

    var variableName: String? {
        if case .variable(let v) = self { return v }
        return nil
    }
}

enum RefVerb: Hashable, Sendable {
    case path(RefPath)
    case variable(String)
}

enum RefOperator: String, Hashable, Sendable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

indirect enum RefElement: Hashable, Sendable {
    case triple(RefTerm, RefVerb, RefTerm)
    case filter(RefTerm, RefOperator, RefTerm)
    case not([RefElement])
    case optional([RefElement])
    case union([[RefElement]])
    case group([RefElement])

    var isPositive: Bool {
        switch self {
        case .triple, .union, .group: true
        case .filter, .not, .optional: false
        }
    }
}

enum RefAggregate: String, Hashable, Sendable, CaseIterable {
    case count, sum, min, max, avg
}

enum RefColumn: Hashable, Sendable {
    case variable(String)
    case aggregate(RefAggregate, distinct: Bool, argument: String?, alias: String?)

    var name: String {
        switch self {
        case .variable(let v): v
        case .aggregate(let f, let distinct, let argument, let alias):
            alias ?? "\(f.rawValue)(\(distinct ? "distinct " : "")\(argument.map { "?" + $0 } ?? "*"))"
        }
    }

    var isAggregate: Bool {
        if case .aggregate = self { return true }
        return false
    }
}

struct RefOrderKey: Hashable, Sendable {
    var name: String
    var descending: Bool
}

struct RefQuery: Hashable, Sendable, CustomStringConvertible {
    /// nil: a bare pattern.
    var columns: [RefColumn]?
    var distinct = false
    var pattern: [RefElement]
    var groupBy: [String] = []
    var orderBy: [RefOrderKey] = []
    var limit: Int? = nil
    var offset: Int? = nil

    var description: String { text }
    var isBare: Bool { columns == nil }
    var hasAggregates: Bool { columns?.contains(where: \.isAggregate) ?? false }
}

// MARK: Printing as kgsh text

extension RefPath {
    var isAtom: Bool {
        if case .predicate = self { return true }
        return false
    }

    var text: String {
        switch self {
        case .predicate(let p): p
        case .inverse(let q): "^" + (q.isAtom ? q.text : "(\(q.text))")
        case .sequence(let steps):
            steps.map { step -> String in
                if case .alternative = step { return "(\(step.text))" }
                return step.text
            }.joined(separator: "/")
        case .alternative(let alts): alts.map(\.text).joined(separator: "|")
        case .oneOrMore(let q): (q.isAtom ? q.text : "(\(q.text))") + "+"
        case .zeroOrMore(let q): (q.isAtom ? q.text : "(\(q.text))") + "*"
        }
    }

    /// Every predicate the path mentions.
    var predicates: Set<String> {
        switch self {
        case .predicate(let p): [p]
        case .inverse(let q), .oneOrMore(let q), .zeroOrMore(let q): q.predicates
        case .sequence(let a), .alternative(let a): a.reduce(into: Set<String>()) { $0.formUnion($1.predicates) }
        }
    }

    var size: Int {
        switch self {
        case .predicate: 1
        case .inverse(let q), .oneOrMore(let q), .zeroOrMore(let q): 1 + q.size
        case .sequence(let a), .alternative(let a): 1 + a.reduce(0) { $0 + $1.size }
        }
    }
}

extension RefTerm {
    var text: String {
        switch self {
        case .variable(let v): v.hasPrefix("_") ? "?_" : "?" + v
        case .entity(let e): e
        case .literal(let l): l.kgText
        }
    }
}

extension RefElement {
    var text: String {
        switch self {
        case .triple(let s, let verb, let o):
            let p: String
            switch verb {
            case .path(let path): p = path.text
            case .variable(let v): p = "?" + v
            }
            return "\(s.text) \(p) \(o.text)"
        case .filter(let l, let op, let r): return "\(l.text) \(op.rawValue) \(r.text)"
        case .not(let inner): return "not { \(inner.text) }"
        case .optional(let inner): return "optional { \(inner.text) }"
        case .union(let branches): return branches.map { "{ \($0.text) }" }.joined(separator: " or ")
        case .group(let inner): return "{ \(inner.text) }"
        }
    }
}

extension [RefElement] {
    var text: String { map(\.text).joined(separator: ", ") }
}

extension RefQuery {
    var text: String {
        var out = ""
        if let columns {
            out += "find " + (distinct ? "distinct " : "")
            out += columns.map { column -> String in
                switch column {
                case .variable(let v): return "?" + v
                case .aggregate(let f, let distinct, let argument, let alias):
                    return "\(f.rawValue)(\(distinct ? "distinct " : "")\(argument.map { "?" + $0 } ?? "*"))" + (alias.map { " as " + $0 } ?? "")
                }
            }.joined(separator: ", ")
            out += " where "
        }
        out += pattern.text
        if !groupBy.isEmpty { out += " group by " + groupBy.map { "?" + $0 }.joined(separator: ", ") }
        if !orderBy.isEmpty {
            out += " order by " + orderBy.map { key in
                // A variable column is ordered by ?name, an aggregate by its alias.
                let isVariable = columns?.contains(.variable(key.name)) ?? true
                return (isVariable ? "?" : "") + key.name + (key.descending ? " desc" : "")
            }.joined(separator: ", ")
        }
        if let limit { out += " limit \(limit)" }
        if let offset { out += " offset \(offset)" }
        return out
    }
}

// MARK: Variables and the shapes the differential test generates

extension RefElement {
    /// Every named or anonymous variable the element mentions, nested parts included.
    var mentioned: Set<String> {
        switch self {
        case .triple(let s, let verb, let o):
            var out = Set([s.variableName, o.variableName].compactMap { $0 })
            if case .variable(let p) = verb { out.insert(p) }
            return out
        case .filter(let l, _, let r): return Set([l.variableName, r.variableName].compactMap { $0 })
        case .not(let inner), .optional(let inner), .group(let inner): return inner.mentioned
        case .union(let branches): return branches.reduce(into: Set<String>()) { $0.formUnion($1.mentioned) }
        }
    }

    /// Variables a positive part binds (shown by a bare pattern): not those only in `not` or filters.
    var positivelyBound: Set<String> {
        switch self {
        case .triple: return mentioned
        case .filter, .not: return []
        case .optional(let inner), .group(let inner): return inner.positivelyBound
        case .union(let branches): return branches.reduce(into: Set<String>()) { $0.formUnion($1.positivelyBound) }
        }
    }

    /// Variables bound in every row this positive element produces.
    var certainlyBound: Set<String> {
        switch self {
        case .triple: return mentioned
        case .group(let inner): return inner.certainlyBound
        case .union(let branches):
            let sets = branches.map(\.certainlyBound)
            return sets.dropFirst().reduce(sets.first ?? []) { $0.intersection($1) }
        case .filter, .not, .optional: return []
        }
    }
}

extension [RefElement] {
    var mentioned: Set<String> { reduce(into: Set<String>()) { $0.formUnion($1.mentioned) } }
    var positivelyBound: Set<String> { reduce(into: Set<String>()) { $0.formUnion($1.positivelyBound) } }
    var certainlyBound: Set<String> { reduce(into: Set<String>()) { $0.formUnion($1.certainlyBound) } }

    /// How many times each variable occurs, nested parts included; with `positiveOnly`, only in
    /// triples reached through groups and unions (not in filters, `not` or `optional`).
    func mentionCounts(positiveOnly: Bool = false) -> [String: Int] {
        var c: [String: Int] = [:]
        func visit(_ e: RefElement) {
            switch e {
            case .triple(let s, let verb, let o):
                for v in [s.variableName, o.variableName].compactMap({ $0 }) { c[v, default: 0] += 1 }
                if case .variable(let p) = verb { c[p, default: 0] += 1 }
            case .filter(let l, _, let r):
                if positiveOnly { return }
                for v in [l.variableName, r.variableName].compactMap({ $0 }) { c[v, default: 0] += 1 }
            case .not(let inner), .optional(let inner):
                if positiveOnly { return }
                inner.forEach(visit)
            case .group(let inner): inner.forEach(visit)
            case .union(let branches): branches.forEach { $0.forEach(visit) }
            }
        }
        forEach(visit)
        return c
    }

    /// Named variables in order of first appearance in the text.
    var namedInOrder: [String] {
        var out: [String] = []
        func visit(_ e: RefElement) {
            func add(_ v: String?) { if let v, !v.hasPrefix("_"), !out.contains(v) { out.append(v) } }
            switch e {
            case .triple(let s, let verb, let o):
                add(s.variableName)
                if case .variable(let p) = verb { add(p) }
                add(o.variableName)
            case .filter(let l, _, let r): add(l.variableName); add(r.variableName)
            case .not(let inner), .optional(let inner), .group(let inner): inner.forEach(visit)
            case .union(let branches): branches.forEach { $0.forEach(visit) }
            }
        }
        forEach(visit)
        return out
    }
}

/// Shapes the random queries keep away from, each because of an engine bug (pinned as a known
/// issue in DifferentialTests.swift) or a documented limit of the grammar: a violation names it.
enum RefShapeRules {
    /// Whether a path is in the generated subset: no zero-length step (`q*`) at the head of a
    /// sequence, and no `*` inside a closure or a sequence's non-final step.
    static func pathAllowed(_ p: RefPath, inClosure: Bool = false) -> Bool {
        switch p {
        case .predicate: return true
        case .inverse(let q): return pathAllowed(q, inClosure: inClosure)
        case .alternative(let alts): return alts.allSatisfy { pathAllowed($0, inClosure: inClosure) }
        case .oneOrMore(let q): return pathAllowed(q, inClosure: true)
        case .zeroOrMore(let q): return !inClosure && pathAllowed(q, inClosure: true)
        case .sequence(let steps):
            for (i, step) in steps.enumerated() {
                let last = i == steps.count - 1
                if canBeEmpty(step) && (i == 0 || !last || inClosure) { return false }
                if !pathAllowed(step, inClosure: inClosure || !last) { return false }
            }
            return true
        }
    }

    /// Whether a path can match a zero-length step.
    static func canBeEmpty(_ p: RefPath) -> Bool {
        switch p {
        case .predicate, .oneOrMore: false
        case .zeroOrMore: true
        case .inverse(let q): canBeEmpty(q)
        case .alternative(let a): a.contains(where: canBeEmpty)
        case .sequence(let a): a.allSatisfy(canBeEmpty)
        }
    }

    /// The first violation in a pattern list, or nil.
    static func violation(_ pattern: [RefElement]) -> String? {
        func walk(_ elements: [RefElement]) -> String? {
            for e in elements {
                switch e {
                case .triple(let s, let verb, let o):
                    if case .path(let p) = verb {
                        if !pathAllowed(p) { return "path shape \(p.text)" }
                        if case .entity = s, p.text.hasPrefix("(") { return "a word before '(' is a rule call (docs §3)" }
                        if case .literal = o, !p.isAtom { return "literal object after a path" }
                    } else if case .literal = o {
                        return "literal object after a variable predicate"
                    }
                case .filter: break
                case .not(let inner), .optional(let inner):
                    if inner.isEmpty { return "empty block" }
                    if let v = walk(inner) { return v }
                case .group(let inner):
                    if inner.isEmpty { return "empty block" }
                    if let v = walk(inner) { return v }
                case .union(let branches):
                    if branches.count < 2 || branches.contains(where: \.isEmpty) { return "bad union" }
                    for b in branches { if let v = walk(b) { return v } }
                }
            }
            return nil
        }
        if pattern.isEmpty { return "empty pattern" }
        if let v = walk(pattern) { return v }
        return scopeViolation(pattern) ?? zeroLengthViolation(pattern)
    }

    /// A path that can match zero steps between two variables gives (x, x) for the nodes of its
    /// relation when both ends are unbound, but for any x when the planner has bound an end
    /// first: so the answer depends on the plan whenever another positive element of the same
    /// planning scope mentions an end. Generated queries avoid that.
    static func zeroLengthViolation(_ pattern: [RefElement]) -> String? {
        func visit(_ group: [RefElement], scope: [RefElement]) -> String? {
            for e in group {
                switch e {
                case .triple(.variable(let s), .path(let p), .variable(let o)) where canBeEmpty(p):
                    let counts = scope.mentionCounts(positiveOnly: true)
                    let own = s == o ? 2 : 1
                    for v in Set([s, o]) where (counts[v] ?? 0) > own {
                        return "zero-length path \(e.text) shares ?\(v) with another positive element"
                    }
                case .group(let inner):
                    if let v = visit(inner, scope: scope) { return v }
                case .union(let branches):
                    for b in branches { if let v = visit(b, scope: scope) { return v } }
                case .not(let inner), .optional(let inner):
                    if let v = visit(inner, scope: inner) { return v }
                case .triple, .filter: break
                }
            }
            return nil
        }
        return visit(pattern, scope: pattern)
    }

    /// The engine evaluates a `{…}` group or union branch on the rows joined so far *in plan
    /// order*, so a filter, `not` or `optional` inside it that mentions a variable bound outside
    /// it sees that variable bound or not depending on the plan. Generated queries keep such
    /// variables certainly bound by the group's own positive elements.
    static func scopeViolation(_ pattern: [RefElement]) -> String? {
        let total = pattern.mentionCounts()
        func check(_ group: [RefElement]) -> String? {
            let inside = group.mentionCounts()
            let bound = group.filter(\.isPositive).certainlyBound
            for e in group where !e.isPositive {
                for v in e.mentioned where (total[v] ?? 0) > (inside[v] ?? 0) && !bound.contains(v) {
                    return "?\(v) in '\(e.text)' inside a nested group is bound outside it"
                }
            }
            return nil
        }
        func walk(_ elements: [RefElement]) -> String? {
            for e in elements {
                switch e {
                case .group(let inner):
                    if let v = check(inner) ?? walk(inner) { return v }
                case .union(let branches):
                    for b in branches { if let v = check(b) ?? walk(b) { return v } }
                case .not(let inner), .optional(let inner):
                    if let v = walk(inner) { return v }
                case .triple, .filter: break
                }
            }
            return nil
        }
        return walk(pattern)
    }

    /// Whether the query resolves (names, columns, order keys) and stays in the generated subset.
    static func queryViolation(_ q: RefQuery) -> String? {
        if let v = violation(q.pattern) { return v }
        let mentioned = q.pattern.mentioned
        for g in q.groupBy where !mentioned.contains(g) { return "group by ?\(g) not in the pattern" }
        let orderable: [String]
        if let columns = q.columns {
            if columns.isEmpty { return "no columns" }
            for c in columns {
                switch c {
                case .variable(let v):
                    if !mentioned.contains(v) { return "column ?\(v) not in the pattern" }
                    if (q.hasAggregates || !q.groupBy.isEmpty) && !q.groupBy.contains(v) { return "?\(v) neither grouped nor aggregated" }
                case .aggregate(let f, let distinct, let argument, _):
                    if let a = argument, !mentioned.contains(a) { return "aggregate over ?\(a) not in the pattern" }
                    if argument == nil && (f != .count || distinct) { return "only count takes *; count(distinct *) is excluded" }
                }
            }
            if Set(columns.map(\.name)).count != columns.count { return "duplicate column names" }
            // `order by` names a variable column or an aggregate's alias.
            orderable = columns.compactMap { column in
                switch column {
                case .variable(let v): v
                case .aggregate(_, _, _, let alias): alias
                }
            }
        } else {
            if !q.groupBy.isEmpty { return "group by on a bare pattern" }
            orderable = q.pattern.positivelyBound.filter { !$0.hasPrefix("_") }.sorted()
        }
        for key in q.orderBy where !orderable.contains(key.name) { return "order by \(key.name): not a column" }
        return nil
    }
}

// MARK: Values

/// A result cell.
enum RefValue: Hashable, Sendable, CustomStringConvertible {
    case unbound
    case term(Term)

    var description: String {
        switch self {
        case .unbound: "·"
        case .term(.entity(let e)): e
        case .term(.literal(let l)): l.kgText
        }
    }
}

/// The `order by` order, written independently of the engine's TermOrder.
enum RefOrder {
    static func rank(_ t: Term?) -> Int {
        switch t {
        case nil: 0
        case .literal(let l)?:
            if l.numericKey != nil { 1 } else if l.temporalKey != nil { 2 } else if case .string = l { 3 } else { 4 }
        case .entity?: 5
        }
    }

    /// Negative, zero or positive; zero only for equal terms.
    static func compare(_ a: Term?, _ b: Term?) -> Int {
        if a == b { return 0 }
        let ra = rank(a), rb = rank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case (.literal(let x)?, .literal(let y)?):
            if let kx = x.numericKey, let ky = y.numericKey, kx != ky { return kx < ky ? -1 : 1 }
            if let kx = x.temporalKey, let ky = y.temporalKey, kx != ky { return kx < ky ? -1 : 1 }
            if case .string(let sx, _) = x, case .string(let sy, _) = y, sx != sy {
                return sx.unicodeScalars.lexicographicallyPrecedes(sy.unicodeScalars) ? -1 : 1
            }
            if case .boolean(let bx) = x, case .boolean(let by) = y, bx != by { return bx ? 1 : -1 }
            if x.kind != y.kind { return x.kind.rawValue < y.kind.rawValue ? -1 : 1 }
            return "\(x)" < "\(y)" ? -1 : 1
        case (.entity(let x)?, .entity(let y)?):
            // Entities sort by label; the test graphs have none, so by id.
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1
        default:
            return 0
        }
    }
}

// MARK: The reference evaluator

typealias RefRow = [String: Term]

struct RefFact: Hashable, Sendable {
    let s: Term
    let p: Term
    let o: Term
}

/// The expected answer: column names and every row (sorted when the query orders).
/// Offset and limit are left to the comparison.
struct RefResult {
    let columns: [String]
    let rows: [[RefValue]]
    /// Known engine bug, tolerated: avg rounds one digit at a time (16/11 → 1.454546, not
    /// 1.454545). Maps each such double-rounded mean this answer could show to the right one.
    let doubleRoundedMeans: [Term: Term]
}

final class ReferenceEvaluator {
    let facts: [RefFact]
    /// Every subject and object of a fact.
    let nodes: [Term]
    /// Stop when a step holds more rows than this (the case is skipped, not failed).
    let rowCap: Int
    private var pathMemo: [PathKey: Set<Pair>] = [:]
    private var doubleRoundedMeans: [Term: Term] = [:]
    private var closureMemo: [RefPath: Set<Pair>] = [:]

    struct Pair: Hashable {
        let x: Term
        let y: Term
    }

    struct PathKey: Hashable {
        let path: RefPath
        let s: Term?
        let o: Term?
    }

    struct TooLarge: Error {}

    init(facts: [RefFact], rowCap: Int = 20_000) {
        var seen = Set<RefFact>()
        self.facts = facts.filter { seen.insert($0).inserted }
        var nodeSet = Set<Term>()
        var nodes: [Term] = []
        for f in self.facts {
            for t in [f.s, f.o] where nodeSet.insert(t).inserted { nodes.append(t) }
        }
        self.nodes = nodes
        self.rowCap = rowCap
    }

    // MARK: Queries

    func run(_ q: RefQuery) throws -> RefResult {
        let rows = try group(q.pattern, [[:]])
        var columns: [String]
        var table: [[RefValue]]
        if let projection = q.columns {
            columns = projection.map(\.name)
            if q.hasAggregates || !q.groupBy.isEmpty {
                var keys: [[Term?]] = []
                var groups: [[Term?]: [RefRow]] = [:]
                for row in rows {
                    let key = q.groupBy.map { row[$0] }
                    if groups[key] == nil { keys.append(key) }
                    groups[key, default: []].append(row)
                }
                if keys.isEmpty && q.groupBy.isEmpty { keys = [[]]; groups[[]] = [] }
                table = keys.map { key in
                    projection.map { column -> RefValue in
                        switch column {
                        case .variable(let v): return key[q.groupBy.firstIndex(of: v)!].map(RefValue.term) ?? .unbound
                        case .aggregate(let f, let distinct, let argument, _):
                            return aggregate(f, distinct: distinct, argument: argument, groups[key]!)
                        }
                    }
                }
            } else {
                table = rows.map { row in
                    projection.map { column in
                        if case .variable(let v) = column, let t = row[v] { return .term(t) }
                        return .unbound
                    }
                }
            }
        } else {
            columns = q.pattern.positivelyBound.filter { !$0.hasPrefix("_") }.sorted()
            table = rows.map { row in columns.map { row[$0].map(RefValue.term) ?? .unbound } }
        }
        if q.distinct || q.isBare {
            var seen = Set<[RefValue]>()
            table = table.filter { seen.insert($0).inserted }
        }
        if !q.orderBy.isEmpty {
            let keys = q.orderBy.map { (columns.firstIndex(of: $0.name)!, $0.descending) }
            table.sort { a, b in
                for (i, descending) in keys {
                    let c = ReferenceEvaluator.compare(a[i], b[i])
                    if c != 0 { return descending ? c > 0 : c < 0 }
                }
                return false
            }
        }
        return RefResult(columns: columns, rows: table, doubleRoundedMeans: doubleRoundedMeans)
    }

    /// The `order by` order on result cells.
    static func compare(_ a: RefValue, _ b: RefValue) -> Int {
        func term(_ v: RefValue) -> Term? { if case .term(let t) = v { t } else { nil } }
        return RefOrder.compare(term(a), term(b))
    }

    func aggregate(_ f: RefAggregate, distinct: Bool, argument: String?, _ rows: [RefRow]) -> RefValue {
        var values: [Term] = argument.map { a in rows.compactMap { $0[a] } } ?? rows.map { _ in .literal(.boolean(true)) }
        if distinct {
            var seen = Set<Term>()
            values = values.filter { seen.insert($0).inserted }
        }
        let numbers = values.compactMap { $0.literal }.filter { $0.numericKey != nil }
        let unit: Int128 = 1_000_000_000_000_000_000
        switch f {
        case .count:
            return .term(.literal(.integer(Int64(values.count))))
        case .sum:
            // Integers sum to an integer, money to money, a mix to a decimal (an integer when whole).
            let total = numbers.reduce(Int128(0)) { $0 + $1.numericKey! }
            let kinds = Set(numbers.map(\.kind))
            if kinds == [.money] { return .term(.literal(.money(Int64(total / unit)))) }
            return .term(.literal(ReferenceEvaluator.number(key: total)))
        case .avg:
            guard !numbers.isEmpty else { return .unbound }
            // The exact mean, rounded half away from zero to 6 decimals.
            let total = numbers.reduce(Int128(0)) { $0 + $1.numericKey! }
            let denominator = UInt128(numbers.count) * 1_000_000_000_000
            let rounded = Int128((2 * total.magnitude + denominator) / (2 * denominator)) * 1_000_000_000_000
            let mean = ReferenceEvaluator.number(key: total < 0 ? -rounded : rounded)
            // What the engine's digit-by-digit rounding gives instead (see `doubleRoundedMeans`).
            var digits = total / Int128(numbers.count), scale = 18
            while scale > 0, digits % 10 == 0 { digits /= 10; scale -= 1 }
            while scale > 6 { digits = (digits + (digits >= 0 ? 5 : -5)) / 10; scale -= 1 }
            var key = digits
            for _ in 0..<(18 - scale) { key *= 10 }
            let doubleRounded = ReferenceEvaluator.number(key: key)
            if doubleRounded != mean { doubleRoundedMeans[.literal(doubleRounded)] = .literal(mean) }
            return .term(.literal(mean))
        case .min, .max:
            let pick = values.min { f == .min ? RefOrder.compare($0, $1) < 0 : RefOrder.compare($1, $0) < 0 }
            return pick.map(RefValue.term) ?? .unbound
        }
    }

    /// An integer when whole, else the shortest decimal, from a value scaled by 10^18.
    static func number(key: Int128) -> Literal {
        var mantissa = key, scale = 18
        while scale > 0, mantissa % 10 == 0 { mantissa /= 10; scale -= 1 }
        return scale == 0 ? .integer(Int64(mantissa)) : .decimal(DecimalNumber(mantissa: Int64(mantissa), scale: UInt8(scale)))
    }

    // MARK: Patterns

    func group(_ elements: [RefElement], _ input: [RefRow]) throws -> [RefRow] {
        var rows = input
        for e in elements where e.isPositive {
            switch e {
            case .triple(let s, let verb, let o):
                var out: [RefRow] = []
                for row in rows { out += try triple(s, verb, o, row) }
                rows = out
            case .group(let inner):
                var out: [RefRow] = []
                for row in rows { out += try group(inner, [row]) }
                rows = out
            case .union(let branches):
                var out: [RefRow] = []
                for row in rows { for b in branches { out += try group(b, [row]) } }
                rows = out
            default: break
            }
            if rows.count > rowCap { throw TooLarge() }
        }
        for case .optional(let inner) in elements {
            var out: [RefRow] = []
            for row in rows {
                let extended = try group(inner, [row])
                out += extended.isEmpty ? [row] : extended
            }
            rows = out
            if rows.count > rowCap { throw TooLarge() }
        }
        for case .not(let inner) in elements {
            rows = try rows.filter { try group(inner, [$0]).isEmpty }
        }
        for case .filter(let l, let op, let r) in elements {
            rows = rows.filter { row in
                guard let a = value(l, row), let b = value(r, row) else { return false }
                return ReferenceEvaluator.test(a, op, b)
            }
        }
        return rows
    }

    func value(_ t: RefTerm, _ row: RefRow) -> Term? {
        switch t {
        case .variable(let v): row[v]
        case .entity(let e): .entity(e)
        case .literal(let l): .literal(l)
        }
    }

    /// Binds `t` to `value` in `row`: false when `t` is a constant or bound variable that differs.
    func bind(_ t: RefTerm, _ value: Term, _ row: inout RefRow) -> Bool {
        switch t {
        case .variable(let v):
            if let old = row[v] { return old == value }
            row[v] = value
            return true
        case .entity, .literal:
            return matchesConstant(t, value)
        }
    }

    /// A constant matches a stored term equal to it, or, for a number, any number of equal value.
    func matchesConstant(_ t: RefTerm, _ value: Term) -> Bool {
        switch t {
        case .variable: return true
        case .entity(let e): return value == .entity(e)
        case .literal(let l):
            if value == .literal(l) { return true }
            if let k = l.numericKey, case .literal(let v) = value, v.numericKey == k { return true }
            return false
        }
    }

    func triple(_ s: RefTerm, _ verb: RefVerb, _ o: RefTerm, _ row: RefRow) throws -> [RefRow] {
        var out: [RefRow] = []
        switch verb {
        case .variable(let p):
            for f in facts {
                var r = row
                if bind(.variable(p), f.p, &r), bind(s, f.s, &r), bind(o, f.o, &r) { out.append(r) }
            }
        case .path(.predicate(let p)):
            for f in facts where f.p == .entity(p) {
                var r = row
                if bind(s, f.s, &r), bind(o, f.o, &r) { out.append(r) }
            }
        case .path(let path):
            let sv = value(s, row)
            // A bound variable is an exact end; a constant object may match by value, so filter later.
            var ov: Term? = nil
            if case .variable = o { ov = value(o, row) }
            if case .entity = o { ov = value(o, row) }
            for pair in pairs(path, sv, ov) {
                var r = row
                if bind(s, pair.x, &r), bind(o, pair.y, &r) { out.append(r) }
            }
        }
        return out
    }

    // MARK: Paths

    /// The pairs of `path` with the given ends (nil: unbound).
    func pairs(_ path: RefPath, _ s: Term?, _ o: Term?) -> Set<Pair> {
        let key = PathKey(path: path, s: s, o: o)
        if let hit = pathMemo[key] { return hit }
        var out = Set<Pair>()
        func ends(_ p: Pair) -> Bool { (s == nil || p.x == s) && (o == nil || p.y == o) }
        switch path {
        case .predicate(let p):
            for f in facts where f.p == .entity(p) {
                let pair = Pair(x: f.s, y: f.o)
                if ends(pair) { out.insert(pair) }
            }
        case .inverse(let q):
            for pair in pairs(q, o, s) { out.insert(Pair(x: pair.y, y: pair.x)) }
        case .alternative(let alts):
            for a in alts { out.formUnion(pairs(a, s, o)) }
        case .sequence(let steps):
            if steps.count == 1 { out = pairs(steps[0], s, o); break }
            let rest: RefPath = steps.count == 2 ? steps[1] : .sequence(Array(steps.dropFirst()))
            // Every node can be the junction, and the bound ends too.
            var junctions = nodes
            for t in [s, o].compactMap({ $0 }) where !junctions.contains(t) { junctions.append(t) }
            for m in junctions {
                let left = pairs(steps[0], s, m)
                if left.isEmpty { continue }
                let right = pairs(rest, m, o)
                for l in left { for r in right { out.insert(Pair(x: l.x, y: r.y)) } }
            }
        case .oneOrMore(let q):
            out = closure(q).filter(ends)
        case .zeroOrMore(let q):
            out = closure(q).filter(ends)
            if let s {
                if o == nil || o == s { out.insert(Pair(x: s, y: s)) }
            } else if let o {
                out.insert(Pair(x: o, y: o))
            } else {
                for pair in pairs(q, nil, nil) {
                    out.insert(Pair(x: pair.x, y: pair.x))
                    out.insert(Pair(x: pair.y, y: pair.y))
                }
            }
        }
        pathMemo[key] = out
        return out
    }

    /// The transitive closure of q's relation, by fixpoint.
    func closure(_ q: RefPath) -> Set<Pair> {
        if let hit = closureMemo[q] { return hit }
        let base = pairs(q, nil, nil)
        var all = base
        var changed = true
        while changed {
            changed = false
            for a in Array(all) {
                for b in base where b.x == a.y {
                    if all.insert(Pair(x: a.x, y: b.y)).inserted { changed = true }
                }
            }
        }
        closureMemo[q] = all
        return all
    }

    // MARK: Filters

    static func test(_ a: Term, _ op: RefOperator, _ b: Term) -> Bool {
        let c: Int?
        switch (a, b) {
        case (.entity(let x), .entity(let y)): c = x == y ? 0 : (x < y ? -1 : 1)
        case (.literal(let x), .literal(let y)):
            if let kx = x.numericKey, let ky = y.numericKey { c = kx == ky ? 0 : (kx < ky ? -1 : 1) } else { c = x == y ? 0 : nil }
        default: c = nil
        }
        guard let c else { return op == .notEqual }
        switch op {
        case .equal: return c == 0
        case .notEqual: return c != 0
        case .less: return c < 0
        case .lessOrEqual: return c <= 0
        case .greater: return c > 0
        case .greaterOrEqual: return c >= 0
        }
    }
}
