import KGModel

/// For each predicate asked about, its distinct numeric objects sorted by value — a value index
/// built on first use and kept by the engine until the graph changes. A filter `?v > 10000000000`
/// on the object of `?p budget ?v` then reads only the values in range instead of every budget.
final class NumericOrders {
    private var byPredicate: [TermID: [(key: Int128, object: TermID)]] = [:]
    /// Per predicate, beside its values: how many of its facts have the first i values as objects.
    private var factsBefore: [TermID: [Int]] = [:]

    /// The predicate's numeric objects, by value then id.
    func values(of predicate: TermID, source: FactSource, terms: TermTable) -> [(key: Int128, object: TermID)] {
        if let known = byPredicate[predicate] { return known }
        var facts: [TermID: Int] = [:]
        var values: [(key: Int128, object: TermID)] = []
        try? source.forEachFact(subject: nil, predicate: predicate, object: nil) { t in
            if let n = facts[t.object] {
                facts[t.object] = n + 1
            } else if case .literal(let l) = terms[t.object], let key = l.numericKey {
                facts[t.object] = 1
                values.append((key, t.object))
            }
            return true
        }
        values.sort { $0.key != $1.key ? $0.key < $1.key : $0.object < $1.object }
        var before = [0]
        before.reserveCapacity(values.count + 1)
        for v in values { before.append(before[before.count - 1] + facts[v.object, default: 0]) }
        byPredicate[predicate] = values
        factsBefore[predicate] = before
        return values
    }

    /// How many facts of `predicate` have an object at `positions` of the values `values(of:)`
    /// gave for it (0 before it was asked).
    /// - Complexity: O(1).
    func factCount(of predicate: TermID, at positions: Range<Int>) -> Int {
        guard let before = factsBefore[predicate], positions.upperBound < before.count else { return 0 }
        return before[positions.upperBound] - before[positions.lowerBound]
    }

    func removeAll() {
        byPredicate = [:]
        factsBefore = [:]
    }
}

/// The values a numeric filter lets through: above `lower`, below `upper` (each bound strict or
/// not, either missing).
struct NumericRange {
    var lower: (Int128, inclusive: Bool)? = nil
    var upper: (Int128, inclusive: Bool)? = nil

    /// The positions of `values` (sorted by key) in the range.
    func slice(of values: [(key: Int128, object: TermID)]) -> Range<Int> {
        func firstIndex(where above: (Int128) -> Bool) -> Int {
            var lo = 0, hi = values.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if above(values[mid].key) { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
        let start = lower.map { b in firstIndex { b.inclusive ? $0 >= b.0 : $0 > b.0 } } ?? 0
        let end = upper.map { b in firstIndex { b.inclusive ? $0 > b.0 : $0 >= b.0 } } ?? values.count
        return start..<max(start, end)
    }

    /// Narrows the range by `value op bound`.
    mutating func add(_ op: ComparisonOperator, _ bound: Int128) {
        switch op {
        case .greater, .greaterOrEqual:
            let b = (bound, inclusive: op == .greaterOrEqual)
            if let l = lower, l.0 > b.0 || (l.0 == b.0 && !l.inclusive) { return }
            lower = b
        case .less, .lessOrEqual:
            let b = (bound, inclusive: op == .lessOrEqual)
            if let u = upper, u.0 < b.0 || (u.0 == b.0 && !u.inclusive) { return }
            upper = b
        default:
            break
        }
    }
}
