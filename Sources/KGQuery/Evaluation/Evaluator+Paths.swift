import KGModel

/// Property paths: inverse, sequence, alternative, one-or-more and zero-or-more, evaluated from
/// whichever end is bound (breadth first for the closures), with set semantics.
extension Evaluator {
    struct Pair: Hashable {
        let from: TermID
        let to: TermID
    }

    func pairs(_ path: PathExpression, from s: TermID?, to o: TermID?) throws -> [(TermID, TermID)] {
        var seen = Set<Pair>()
        var out: [(TermID, TermID)] = []
        func add(_ x: TermID, _ y: TermID) {
            if seen.insert(Pair(from: x, to: y)).inserted { out.append((x, y)) }
        }
        switch path {
        case .predicate(let p):
            try source.forEachFact(subject: s, predicate: p, object: o) { t in
                add(t.subject, t.object)
                try budget.tick()
                return true
            }
        case .variable:
            try source.forEachFact(subject: s, predicate: nil, object: o) { t in
                add(t.subject, t.object)
                return true
            }
        case .inverse(let q):
            for (x, y) in try pairs(q, from: o, to: s) { add(y, x) }
        case .alternative(let alts):
            for a in alts { for (x, y) in try pairs(a, from: s, to: o) { add(x, y) } }
        case .sequence(let steps):
            guard let first = steps.first else { break }
            let rest = Array(steps.dropFirst())
            if rest.isEmpty { return try pairs(first, from: s, to: o) }
            if s == nil, o != nil {
                // Walk from the bound end: the reversed sequence of reversed steps.
                let reversed = PathExpression.sequence(steps.reversed().map { .inverse($0) })
                for (y, x) in try pairs(reversed, from: o, to: nil) { add(x, y) }
                break
            }
            // Step by step, not by recursion over the rest: a sequence may have thousands of steps.
            var current = try pairs(first, from: s, to: nil)
            for (k, step) in rest.enumerated() {
                let last = k == rest.count - 1
                var memo: [TermID: [TermID]] = [:]
                var reached = Set<Pair>()
                var next: [(TermID, TermID)] = []
                for (x, mid) in current {
                    if memo[mid] == nil { memo[mid] = try pairs(step, from: mid, to: last ? o : nil).map(\.1) }
                    for y in memo[mid]! where reached.insert(Pair(from: x, to: y)).inserted { next.append((x, y)) }
                    try budget.tick()
                }
                try budget.checkSize(next.count)
                current = next
            }
            for (x, y) in current { add(x, y) }
        case .oneOrMore(let q), .zeroOrMore(let q):
            let reflexive: Bool
            if case .zeroOrMore = path { reflexive = true } else { reflexive = false }
            if let s {
                for y in try reachable(q, from: s, reflexive: reflexive) where o == nil || o == y { add(s, y) }
            } else if let o {
                for x in try reachable(.inverse(q), from: o, reflexive: reflexive) { add(x, o) }
            } else {
                var starts: [TermID] = []
                var nodes = Set<TermID>()
                for (x, y) in try pairs(q, from: nil, to: nil) {
                    if nodes.insert(x).inserted { starts.append(x) }
                    if reflexive, nodes.insert(y).inserted { starts.append(y) }
                }
                if reflexive {
                    // Zero steps relate every node of the graph to itself, as when an end is bound.
                    try source.forEachFact(subject: nil, predicate: nil, object: nil) { t in
                        if nodes.insert(t.subject).inserted { starts.append(t.subject) }
                        if nodes.insert(t.object).inserted { starts.append(t.object) }
                        try budget.tick()
                        return true
                    }
                }
                for x in starts {
                    for y in try reachable(q, from: x, reflexive: reflexive) { add(x, y) }
                }
            }
        }
        return out
    }

    /// Nodes reachable from `start` by one or more steps of `q` (zero or more when `reflexive`).
    func reachable(_ q: PathExpression, from start: TermID, reflexive: Bool) throws -> [TermID] {
        var visited = Set<TermID>()
        var order: [TermID] = []
        if reflexive { visited.insert(start); order.append(start) }
        var frontier = [start]
        var expanded = Set<TermID>([start])
        while !frontier.isEmpty {
            var next: [TermID] = []
            for node in frontier {
                for (_, y) in try pairs(q, from: node, to: nil) {
                    if visited.insert(y).inserted { order.append(y) }
                    if expanded.insert(y).inserted { next.append(y) }
                    try budget.tick()
                }
            }
            frontier = next
            try budget.checkSize(visited.count)
        }
        return order
    }
}
