import KGModel

// A naive reference for kgsh queries, for the differential tests in DifferentialTests.swift.
//
// The test owns its own small query AST (`RefQuery`), prints it as kgsh text for the engine, and
// evaluates it here with no indexes and no planning: every triple pattern scans every fact, pattern
// elements are taken in a fixed order, paths are computed from their definitions (relations,
// composition through every node, closures by walking from an end). Values are `Term`s, never ids.
//
// Semantics (those of docs/query-language.md and of the engine's fixes; judged sensible):
// - a group evaluates its simple patterns (triples) in written order, each extending the rows so
//   far; then its `{…}` groups and `{…} or {…}` unions in written order, each on the rows so far
//   (so a nested group, its filters, `not` and `optional` included, sees every variable the
//   simple patterns of the groups around it bind, wherever they are written); then its
//   `optional {…}` blocks in written order (a row the block cannot extend is kept as it is); then
//   its `not {…}` blocks (a row goes when the block, given the row's bindings, has any solution);
//   then its filters. Filters and `not` therefore see the whole group's bindings, wherever they
//   are written; a filter on an unbound variable is false.
// - a numeric constant at an end of a triple — after a plain predicate, a path (`p+`, `p|q`,
//   `^p`, …) or a variable predicate — matches every stored literal of the same numeric value
//   (3 = 3원 = 3년 = 3.0); a path keeps the constant as written at its end. Joins on variables,
//   and the junctions between the steps of a path, compare terms exactly.
// - filters compare numbers by value, entities by name; values of kinds that do not compare
//   satisfy only `!=`.
// - paths have set semantics. `A/B` holds for (x, y) when some m has (x, m) in A and (m, y) in B:
//   m is a node of the graph, or a bound end (a numeric constant keeping its match by value).
//   `q+` from a bound end is everything one or more steps of q reach from it; with both ends
//   unbound, the same from every x of q's relation. `q*` is `q+` plus (x, x) for a bound end x
//   (a numeric constant relates to itself as written, not to the stored numbers of its value),
//   or, with both ends unbound, for every node of the graph (every subject and object of a fact).
// - a bare pattern shows every named variable bound by a positive part (not one only in `not` or a
//   filter) in order of first appearance, a triple's subject before its variable predicate before
//   its object; with `group by`, only the grouped variables; rows deduplicated. `find` keeps
//   duplicates unless `distinct`.
// - aggregates: count(?y) counts bound values, count(*) rows, count(distinct ?y) distinct bound
//   values, count(distinct *) distinct rows (a row being its named variables: `?_` is no part of
//   it); sum adds the numeric values (0 when none; integers give an integer, money gives money, a
//   mix a decimal, written as an integer when whole), avg is their exact mean rounded once, half
//   away from zero, to 6 decimals (nil when none); min/max pick a value by the `order by` order.
//   Without `group by`, an empty input still gives one row.
// - `order by`: unbound < numbers (by value; equal values by kind name) < dates < strings <
//   other literals < entities (by label, here the id); `desc` reverses; offset, then limit.
//
// The random queries keep to shapes whose answer does not depend on the plan (`RefShapeRules`).
// Engine bugs they found are pinned among the fixed cases of DifferentialTests.swift.

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

    /// Variables of the group's own triples (its simple patterns, which run before its groups and unions).
    var simplyBound: Set<String> {
        reduce(into: Set<String>()) { out, e in if case .triple = e { out.formUnion(e.mentioned) } }
    }

    /// How many times each variable occurs, nested parts included.
    func mentionCounts() -> [String: Int] {
        var c: [String: Int] = [:]
        func visit(_ e: RefElement) {
            switch e {
            case .triple(let s, let verb, let o):
                for v in [s.variableName, o.variableName].compactMap({ $0 }) { c[v, default: 0] += 1 }
                if case .variable(let p) = verb { c[p, default: 0] += 1 }
            case .filter(let l, _, let r):
                for v in [l.variableName, r.variableName].compactMap({ $0 }) { c[v, default: 0] += 1 }
            case .not(let inner), .optional(let inner), .group(let inner): inner.forEach(visit)
            case .union(let branches): branches.forEach { $0.forEach(visit) }
            }
        }
        forEach(visit)
        return c
    }

    /// Every triple, nested parts included, in written order.
    var allTriples: [(s: RefTerm, verb: RefVerb, o: RefTerm)] {
        var out: [(s: RefTerm, verb: RefVerb, o: RefTerm)] = []
        func visit(_ e: RefElement) {
            switch e {
            case .triple(let s, let verb, let o): out.append((s, verb, o))
            case .filter: break
            case .not(let inner), .optional(let inner), .group(let inner): inner.forEach(visit)
            case .union(let branches): branches.forEach { $0.forEach(visit) }
            }
        }
        forEach(visit)
        return out
    }

    /// Named variables in order of first appearance in the text (a triple's subject, then its
    /// variable predicate, then its object).
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

    /// The columns of this pattern as a bare query: the named variables a positive part binds, in
    /// order of first appearance; with `group by`, only the grouped ones.
    func bareColumns(groupBy: [String]) -> [String] {
        let bound = positivelyBound
        return namedInOrder.filter { bound.contains($0) && (groupBy.isEmpty || groupBy.contains($0)) }
    }
}

extension RefPath {
    var hasClosure: Bool {
        switch self {
        case .predicate: false
        case .oneOrMore, .zeroOrMore: true
        case .inverse(let q): q.hasClosure
        case .sequence(let a), .alternative(let a): a.contains(where: \.hasClosure)
        }
    }
}

/// Shapes the random queries keep away from, each because of an engine bug pinned as a known
/// issue in DifferentialTests.swift, or because the answer would depend on the plan by design:
/// a violation names it.
enum RefShapeRules {
    /// The first violation in a pattern list, or nil.
    static func violation(_ pattern: [RefElement]) -> String? {
        func walk(_ elements: [RefElement]) -> String? {
            for e in elements {
                switch e {
                case .triple, .filter: break
                case .not(let inner), .optional(let inner), .group(let inner):
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
        return scopeViolation(pattern)
    }

    /// Whether `v`, mentioned in a non-positive element of a nested group, makes the group's answer
    /// depend on the plan: it is mentioned outside the group too (`total` against `inside`), yet
    /// neither the group's own positive elements nor the simple patterns around it (`visible`)
    /// bind it in every row.
    static func planDependent(_ v: String, total: [String: Int], inside: [String: Int], own: Set<String>, visible: Set<String>) -> Bool {
        (total[v] ?? 0) > (inside[v] ?? 0) && !own.contains(v) && !visible.contains(v)
    }

    /// A `{…}` group or union branch runs after the simple patterns of the groups around it, but
    /// among its sibling groups and unions in plan order; so a filter, `not` or `optional` inside
    /// it may use a variable bound outside it only when those simple patterns (or the nested
    /// group's own positive elements) bind it. `not` and `optional` blocks run after every
    /// positive element of their group and see all of them.
    static func scopeViolation(_ pattern: [RefElement]) -> String? {
        let total = pattern.mentionCounts()
        func walk(_ group: [RefElement], nested: Bool, visible: Set<String>) -> String? {
            let own = group.filter(\.isPositive).certainlyBound
            if nested {
                let inside = group.mentionCounts()
                for e in group where !e.isPositive {
                    for v in e.mentioned where planDependent(v, total: total, inside: inside, own: own, visible: visible) {
                        return "?\(v) in '\(e.text)' inside a nested group may be bound outside it, depending on the plan"
                    }
                }
            }
            for e in group {
                switch e {
                case .group(let inner):
                    if let v = walk(inner, nested: true, visible: visible.union(group.simplyBound)) { return v }
                case .union(let branches):
                    for b in branches { if let v = walk(b, nested: true, visible: visible.union(group.simplyBound)) { return v } }
                case .not(let inner), .optional(let inner):
                    if let v = walk(inner, nested: false, visible: visible.union(own)) { return v }
                case .triple, .filter: break
                }
            }
            return nil
        }
        return walk(pattern, nested: false, visible: [])
    }

    /// Whether the query resolves (names, columns, order keys) and stays in the generated subset.
    static func queryViolation(_ q: RefQuery) -> String? {
        if let v = violation(q.pattern) { return v }
        let mentioned = q.pattern.mentioned
        // A filter of the pattern's top level over a variable no positive part binds is an error.
        for case .filter(let l, _, let r) in q.pattern {
            for v in [l.variableName, r.variableName].compactMap({ $0 }) where !q.pattern.positivelyBound.contains(v) {
                return "the filter on ?\(v) tests a variable no pattern binds"
            }
        }
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
                    if argument == nil && f != .count { return "only count takes *" }
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
            let bound = q.pattern.positivelyBound
            for g in q.groupBy where !bound.contains(g) { return "group by ?\(g), which no positive part binds, on a bare pattern" }
            orderable = q.pattern.bareColumns(groupBy: q.groupBy)
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

    /// As kgsh writes it, except that a whole decimal keeps a fraction digit (3.0, not 3), so
    /// that it reads back as a decimal and is not mistaken for the integer.
    var description: String {
        switch self {
        case .unbound: "·"
        case .term(.entity(let e)): e
        case .term(.literal(.decimal(let d))) where d.scale == 0: "\(d.mantissa).0"
        case .term(.literal(let l)): l.kgText
        }
    }
}

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
}

final class ReferenceEvaluator {
    let facts: [RefFact]
    /// Every subject and object of a fact.
    let nodes: [Term]
    /// Stop when a step holds more rows than this (the case is skipped, not failed).
    let rowCap: Int
    private var pathMemo: [PathKey: Set<Pair>] = [:]

    struct Pair: Hashable {
        let x: Term
        let y: Term
    }

    /// A bound end of a path: a term matched exactly, or a numeric constant of the query, which
    /// matches every stored number of its value.
    struct End: Hashable {
        let term: Term
        let byValue: Bool
        /// Written in the query (not brought in by a variable): it reaches itself in zero steps
        /// even when it is no node of the graph.
        var constant = false

        static func exact(_ t: Term) -> End { End(term: t, byValue: false) }

        func matches(_ t: Term) -> Bool {
            if t == term { return true }
            guard byValue, case .literal(let a) = term, case .literal(let b) = t, let k = a.numericKey else { return false }
            return b.numericKey == k
        }
    }

    struct PathKey: Hashable {
        let path: RefPath
        let s: End?
        let o: End?
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
            // With `group by`, a bare pattern shows the groups: its rows, deduplicated, are the keys.
            columns = q.pattern.bareColumns(groupBy: q.groupBy)
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
        return RefResult(columns: columns, rows: table)
    }

    /// The `order by` order on result cells.
    static func compare(_ a: RefValue, _ b: RefValue) -> Int {
        func term(_ v: RefValue) -> Term? { if case .term(let t) = v { t } else { nil } }
        return RefOrder.compare(term(a), term(b))
    }

    func aggregate(_ f: RefAggregate, distinct: Bool, argument: String?, _ rows: [RefRow]) -> RefValue {
        if argument == nil && distinct {
            // count(distinct *): each row once, a row being the values of its named variables.
            let named = Set(rows.map { row in row.filter { !$0.key.hasPrefix("_") } })
            return .term(.literal(.integer(Int64(named.count))))
        }
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
            // The exact mean, rounded once, half away from zero, to 6 decimals.
            let total = numbers.reduce(Int128(0)) { $0 + $1.numericKey! }
            let denominator = UInt128(numbers.count) * 1_000_000_000_000
            let rounded = Int128((2 * total.magnitude + denominator) / (2 * denominator)) * 1_000_000_000_000
            return .term(.literal(ReferenceEvaluator.number(key: total < 0 ? -rounded : rounded)))
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
        // The simple patterns first, then groups and unions, which see what the simple patterns bound.
        for case .triple(let s, let verb, let o) in elements {
            var out: [RefRow] = []
            for row in rows { out += try triple(s, verb, o, row) }
            rows = out
            if rows.count > rowCap { throw TooLarge() }
        }
        for e in elements {
            var out: [RefRow] = []
            switch e {
            case .group(let inner):
                for row in rows { out += try group(inner, [row]) }
            case .union(let branches):
                for row in rows { for b in branches { out += try group(b, [row]) } }
            default:
                continue
            }
            rows = out
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

    /// A triple's end as a path sees it: nil when unbound; a numeric constant matches by value.
    func end(_ t: RefTerm, _ row: RefRow) -> End? {
        switch t {
        case .variable(let v): row[v].map(End.exact)
        case .entity(let e): End(term: .entity(e), byValue: false, constant: true)
        case .literal(let l): End(term: .literal(l), byValue: l.numericKey != nil, constant: true)
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
            return end(t, [:])!.matches(value)
        }
    }

    func triple(_ s: RefTerm, _ verb: RefVerb, _ o: RefTerm, _ row: RefRow) throws -> [RefRow] {
        var out: [RefRow] = []
        switch verb {
        case .variable(let p):
            for f in facts {
                var r = row
                if bind(s, f.s, &r), bind(.variable(p), f.p, &r), bind(o, f.o, &r) { out.append(r) }
            }
        case .path(.predicate(let p)):
            for f in facts where f.p == .entity(p) {
                var r = row
                if bind(s, f.s, &r), bind(o, f.o, &r) { out.append(r) }
            }
        case .path(let path):
            for pair in pairs(path, end(s, row), end(o, row)) {
                var r = row
                if bind(s, pair.x, &r), bind(o, pair.y, &r) { out.append(r) }
            }
        }
        return out
    }

    // MARK: Paths

    /// The pairs of `path` between the given ends (nil: unbound); a bound end appears as given.
    func pairs(_ path: RefPath, _ s: End?, _ o: End?) -> Set<Pair> {
        let key = PathKey(path: path, s: s, o: o)
        if let hit = pathMemo[key] { return hit }
        var out = Set<Pair>()
        switch path {
        case .predicate(let p):
            for f in facts where f.p == .entity(p) && (s?.matches(f.s) ?? true) && (o?.matches(f.o) ?? true) {
                out.insert(Pair(x: s?.term ?? f.s, y: o?.term ?? f.o))
            }
        case .inverse(let q):
            for pair in pairs(q, o, s) { out.insert(Pair(x: pair.y, y: pair.x)) }
        case .alternative(let alts):
            for a in alts { out.formUnion(pairs(a, s, o)) }
        case .sequence(let steps):
            if steps.count == 1 { out = pairs(steps[0], s, o); break }
            let rest: RefPath = steps.count == 2 ? steps[1] : .sequence(Array(steps.dropFirst()))
            // The junction is any node of the graph, or a bound end as given (a numeric constant
            // keeps matching by value after a zero-length step).
            var junctions = nodes.map(End.exact)
            for e in [s, o].compactMap({ $0 }) where !junctions.contains(e) { junctions.append(e) }
            for m in junctions {
                let left = pairs(steps[0], s, m)
                if left.isEmpty { continue }
                let right = pairs(rest, m, o)
                for l in left { for r in right { out.insert(Pair(x: l.x, y: r.y)) } }
            }
        case .oneOrMore(let q):
            out = closure(q, s, o)
        case .zeroOrMore(let q):
            out = closure(q, s, o)
            // Zero steps: a bound end reaches itself (a numeric constant itself, as written, not the
            // stored numbers of its value); with both ends free, every node does.
            // A variable's value reaches itself only as a node of the graph (join semantics).
            let nodeSet = Set(nodes)
            func reachesItself(_ e: End) -> Bool { e.constant || nodeSet.contains(e.term) }
            if let s {
                if let o {
                    if s.term == o.term, reachesItself(s) || reachesItself(o) { out.insert(Pair(x: s.term, y: o.term)) }
                } else if reachesItself(s) {
                    out.insert(Pair(x: s.term, y: s.term))
                }
            } else if let o {
                if reachesItself(o) { out.insert(Pair(x: o.term, y: o.term)) }
            } else {
                for n in nodes { out.insert(Pair(x: n, y: n)) }
            }
        }
        pathMemo[key] = out
        return out
    }

    /// `q+` between the given ends: what one or more steps of q reach from a bound end (towards
    /// the other), or with both ends free, from every x of q's relation.
    func closure(_ q: RefPath, _ s: End?, _ o: End?) -> Set<Pair> {
        var out = Set<Pair>()
        if let s {
            for y in reach(q, from: s, forward: true) where o?.matches(y) ?? true { out.insert(Pair(x: s.term, y: o?.term ?? y)) }
        } else if let o {
            for x in reach(q, from: o, forward: false) { out.insert(Pair(x: x, y: o.term)) }
        } else {
            for x in Set(pairs(q, nil, nil).map(\.x)) {
                for y in reach(q, from: .exact(x), forward: true) { out.insert(Pair(x: x, y: y)) }
            }
        }
        return out
    }

    /// Every term one or more steps of q lead to from `start` (forwards) or from which they lead to it.
    func reach(_ q: RefPath, from start: End, forward: Bool) -> Set<Term> {
        var reached = Set<Term>()
        var expanded = Set<End>()
        var frontier = [start]
        while let e = frontier.popLast() {
            guard expanded.insert(e).inserted else { continue }
            let next = forward ? pairs(q, e, nil).map(\.y) : pairs(q, nil, e).map(\.x)
            for t in next where reached.insert(t).inserted { frontier.append(.exact(t)) }
        }
        return reached
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
