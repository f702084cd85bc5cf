import KGModel

/// Grouping, aggregates, projection, distinct, order, offset and limit.
extension Evaluator {
    /// The result rows of `q`, a query with aggregates or `group by`, from its pattern's rows: one
    /// value (or nil) per column. (A plain query's rows are projected as they are found:
    /// `QueryEngine.projectedRows`.)
    func solutions(_ q: Query, rows: [Row]) throws -> [[TermID?]] {
        var table: [[TermID?]]
        // count(distinct *) compares rows by the variables a user named, not hidden ones.
        let visible = q.variables.indices.filter { !q.variables[$0].hasPrefix("_") }
        if let counted = try countedByOneKey(q, rows: rows) {
            table = counted
        } else {
            var groups: [[TermID]: [Row]] = [:]
            var keys: [[TermID]] = []
            for row in rows {
                try budget.tick()
                let key = q.groupBy.map { row[$0] }
                if groups[key] == nil { keys.append(key) }
                groups[key, default: []].append(row)
            }
            if keys.isEmpty && q.groupBy.isEmpty { keys = [[]]; groups[[]] = [] }
            table = try keys.map { key in
                let members = groups[key]!
                return try q.columns.map { column -> TermID? in
                    switch column {
                    case .variable(let v):
                        let i = q.groupBy.firstIndex(of: v)!
                        return key[i] == unbound ? nil : key[i]
                    case .aggregate(let f, let distinct, let argument):
                        return try aggregate(f, distinct: distinct, argument: argument, members, visible: visible)
                    }
                }
            }
        }
        return try finished(q, table)
    }

    /// The table after `distinct`, `order by`, `offset` and `limit`. Like the evaluation, each
    /// step checks for Ctrl-C and the time limit every few thousand rows.
    func finished(_ q: Query, _ solutions: [[TermID?]]) throws -> [[TermID?]] {
        var table = solutions
        if q.distinct || q.bare {
            var seen = RowKeySet(width: table.first?.count ?? 0)
            table = try table.filter { row in try budget.tick(); return seen.insert { row[$0] ?? unbound } }
        }
        if !q.orderBy.isEmpty {
            let keeping = q.limit.map { $0 + (q.offset ?? 0) }
            table = try TermOrder(terms: terms, language: language).sorted(table, by: q.orderBy, keeping: keeping) { try budget.tick() }
        }
        if let offset = q.offset { table = Array(table.dropFirst(offset)) }
        if let limit = q.limit { table = Array(table.prefix(limit)) }
        if table.count > budget.limits.maxRows { throw EvaluationError.tooManyRows(budget.limits.maxRows) }
        return table
    }

    /// `group by ?k` with only plain `count`s, over rows already collected (see `OneKeyCounter`).
    /// Nil when the query is not of that shape.
    func countedByOneKey(_ q: Query, rows: [Row]) throws -> [[TermID?]]? {
        guard var counter = OneKeyCounter(q) else { return nil }
        for row in rows { try budget.tick(); counter.add(row) }
        return counter.table(q, terms: terms)
    }

    func aggregate(_ f: AggregateFunction, distinct: Bool, argument: Int?, _ rows: [Row], visible: [Int]) throws -> TermID? {
        var values: [TermID] = argument.map { a in rows.compactMap { $0[a] == unbound ? nil : $0[a] } } ?? rows.map { _ in 0 }
        if distinct {
            if argument == nil { return terms.intern(.literal(.integer(Int64(Set(rows.map { row in visible.map { row[$0] } }).count)))) }
            var seen = Set<TermID>()
            values = values.filter { seen.insert($0).inserted }
        }
        switch f {
        case .count:
            return terms.intern(.literal(.integer(Int64(values.count))))
        case .min, .max:
            let order = TermOrder(terms: terms, language: language)
            let pick = values.min { f == .min ? order.less($0, $1) : order.less($1, $0) }
            return pick
        case .sum, .avg:
            let numbers = values.compactMap { terms[$0].literal }.filter { $0.numericKey != nil }
            if numbers.isEmpty { return f == .sum ? terms.intern(.literal(.integer(0))) : nil }
            var total: Int128 = 0
            for n in numbers {
                let (t, overflow) = total.addingReportingOverflow(n.numericKey!)
                if overflow { return nil }
                total = t
            }
            if f == .avg { return terms.intern(.literal(Evaluator.decimal(fromKey: total / Int128(numbers.count)))) }
            let kinds = Set(numbers.map(\.kind))
            if kinds == [.money] || kinds == [.integer] {
                let whole = total / 1_000_000_000_000_000_000
                guard total % 1_000_000_000_000_000_000 == 0, let v = Int64(exactly: whole) else {
                    return terms.intern(.literal(Evaluator.decimal(fromKey: total)))
                }
                return terms.intern(.literal(kinds == [.money] ? .money(v) : .integer(v)))
            }
            return terms.intern(.literal(Evaluator.decimal(fromKey: total)))
        }
    }

    /// A decimal literal from a value scaled by 10^18, rounded once (half away from zero) to at
    /// most six fraction digits.
    static func decimal(fromKey key: Int128) -> Literal {
        var scale = 6
        var divisor: Int128 = 1_000_000_000_000
        var mantissa = (key + (key >= 0 ? divisor / 2 : -divisor / 2)) / divisor
        while scale > 0, mantissa % 10 == 0 { mantissa /= 10; scale -= 1 }
        while scale > 0, Int64(exactly: mantissa) == nil {
            divisor = 10
            mantissa = (mantissa + (mantissa >= 0 ? 5 : -5)) / divisor
            scale -= 1
        }
        guard let m = Int64(exactly: mantissa) else { return .integer(mantissa > 0 ? .max : .min) }
        return scale == 0 ? .integer(m) : .decimal(DecimalNumber(mantissa: m, scale: UInt8(scale)))
    }
}

/// `group by ?k` with only plain `count`s: each group's counts kept as its rows go by, keyed by
/// the one value, so no group's rows are collected — and, fed by the evaluator as rows are found
/// (`QueryEngine.evaluate`), no row at all. The table is the general path's: groups in order of
/// first appearance.
struct OneKeyCounter {
    let key: Int
    /// Per count column, the variable it counts the bound rows of (nil: every row).
    let arguments: [Int?]
    private var group: [TermID: Int] = [:]
    private var keys: [TermID] = []
    private var counts: [Int] = []
    /// The last row's key and group: rows read from an index come key by key, so most rows
    /// skip the dictionary.
    private var lastKey: TermID?
    private var lastGroup = 0

    /// Nil when `q` is not `group by` one variable with only that variable and plain counts.
    init?(_ q: Query) {
        guard q.groupBy.count == 1 else { return nil }
        key = q.groupBy[0]
        var arguments: [Int?] = []
        for column in q.columns {
            switch column {
            case .variable(let v) where v == q.groupBy[0]: continue
            case .aggregate(.count, false, let argument): arguments.append(argument)
            default: return nil
            }
        }
        self.arguments = arguments
    }

    /// How many groups so far.
    var groups: Int { keys.count }

    mutating func add(_ row: Row) {
        let k = row[key]
        let width = arguments.count
        let g = k == lastKey ? lastGroup : group(of: k)
        lastKey = k
        lastGroup = g
        for j in 0..<width where arguments[j].map({ row[$0] != unbound }) ?? true {
            counts[g * width + j] += 1
        }
    }

    /// `count` rows of key `k` at once, each binding every counted variable.
    mutating func add(key k: TermID, count: Int) {
        let width = arguments.count
        let g = group(of: k)
        for j in 0..<width { counts[g * width + j] += count }
    }

    /// The group of key `k`, a new one (its counts zero) the first time.
    private mutating func group(of k: TermID) -> Int {
        if let known = group[k] { return known }
        let g = keys.count
        group[k] = g
        keys.append(k)
        counts.append(contentsOf: repeatElement(0, count: arguments.count))
        return g
    }

    func table(_ q: Query, terms: TermTable) -> [[TermID?]] {
        let width = arguments.count
        return keys.indices.map { g in
            var j = 0
            return q.columns.map { column -> TermID? in
                if case .variable = column { return keys[g] == unbound ? nil : keys[g] }
                defer { j += 1 }
                return terms.intern(.literal(.integer(Int64(counts[g * width + j]))))
            }
        }
    }
}
