import KGModel

/// `order by ?v … limit k` over a plan whose first step reads `?v`'s value index: the values are
/// read in the order asked, and the read stops once k rows are out and the next value is a
/// different number. The rows kept are then every row the final sort can put in the first k
/// (ties on `?v` included), so `order by ?b desc limit 10` costs the ten largest budgets, not
/// every budget in range.
struct OrderedRead {
    /// The slot of the first `order by` variable.
    let slot: Int
    let descending: Bool
    /// `limit` plus `offset`.
    let wanted: Int

    /// The read for `q` over `group`, or nil when `q` does not have that shape: no grouping,
    /// aggregates or `distinct` (all of which need rows the stop would skip), a limit, and a
    /// first order key that is the variable the group's first step reads from a value index.
    init?(_ q: Query, _ group: GroupPlan) {
        guard let limit = q.limit, let first = q.orderBy.first, !q.distinct, !q.bare, !q.hasAggregates, q.groupBy.isEmpty,
              case .variable(let v) = q.columns[first.column],
              case .extendRange(_, let slot, _, _)? = group.steps.first, slot == v else { return nil }
        self.slot = v
        self.descending = first.descending
        self.wanted = limit + (q.offset ?? 0)
    }

    /// Says so in the plan `explain` prints.
    func note(_ group: GroupPlan) {
        guard case .extendRange(_, _, _, let node)? = group.steps.first else { return }
        node.note = (node.note ?? "") + ", read \(descending ? "largest" : "smallest") first, stopping after the value of row \(wanted)"
    }
}

extension Evaluator {
    /// The `extendRange` step under an `OrderedRead`: `values[slice]` in the order asked, each
    /// bound to the slot and extended by `p`, until `ordered.wanted` rows are out and the value
    /// changes.
    func readInOrder(_ values: [(key: Int128, object: TermID)], _ slice: Range<Int>, _ ordered: OrderedRead, _ row: Row,
                     _ p: Pattern, _ node: PlanNode, _ next: (Row) throws -> Bool) throws -> Bool {
        var out = 0
        let step = ordered.descending ? -1 : 1
        var i = ordered.descending ? slice.upperBound - 1 : slice.lowerBound
        while slice.contains(i) {
            var bound = row
            bound[ordered.slot] = values[i].object
            let going = try extend(bound, by: p) { r in
                node.actual += 1
                out += 1
                return try next(r)
            }
            if !going { return false }
            let following = i + step
            if out >= ordered.wanted, slice.contains(following), values[following].key != values[i].key { return true }
            i = following
        }
        return true
    }
}
