import KGModel

/// One edge of a connection: a fact read forwards (subject → object) or backwards.
public struct PathStep: Equatable, Sendable {
    public let from: TermID
    public let predicate: TermID
    public let to: TermID
    /// Whether the fact is `from predicate to` (else it is `to predicate from`).
    public let forward: Bool
}

/// Shortest connections between two entities over facts in either direction (types, labels and
/// literals are not links), all of the shortest length up to a cap.
enum PathSearch {
    static func shortest(from a: TermID, to b: TermID, maxLength: Int, cap: Int, store: FactStore, budget: inout Budget) throws -> [[PathStep]] {
        if a == b { return [[]] }
        let skip = store.namingPredicates
        var parents: [TermID: [PathStep]] = [a: []]
        var depth: [TermID: Int] = [a: 0]
        var frontier = [a]
        var level = 0
        while !frontier.isEmpty, depth[b] == nil, level < maxLength {
            level += 1
            var next: [TermID] = []
            for node in frontier {
                func visit(_ step: PathStep) {
                    let other = step.to
                    guard store.type(of: other) != nil else { return }
                    if depth[other] == nil {
                        depth[other] = level
                        parents[other] = [step]
                        next.append(other)
                    } else if depth[other] == level {
                        parents[other]!.append(step)
                    }
                }
                for fid in store.match(subject: node, predicate: nil, object: nil) {
                    let t = store.triples[Int(fid)]
                    if !skip.contains(t.predicate) { visit(PathStep(from: node, predicate: t.predicate, to: t.object, forward: true)) }
                    try budget.tick()
                }
                for fid in store.match(subject: nil, predicate: nil, object: node) {
                    let t = store.triples[Int(fid)]
                    if !skip.contains(t.predicate) { visit(PathStep(from: node, predicate: t.predicate, to: t.subject, forward: false)) }
                    try budget.tick()
                }
            }
            frontier = next
        }
        guard depth[b] != nil else { return [] }
        // Walk back from b to a through the parents, depth first, with one path of steps (the
        // step nearest b first) and an explicit stack: a connection thousands of steps long
        // neither recurses that deep nor copies its steps once per step.
        var results: [[PathStep]] = []
        var steps: [PathStep] = []
        var stack: [(node: TermID, next: Int)] = [(b, 0)]
        while let top = stack.last, results.count < cap {
            let choices = parents[top.node] ?? []
            if top.node == a || top.next >= choices.count {
                if top.node == a { results.append(steps.reversed()) }
                stack.removeLast()
                if !steps.isEmpty { steps.removeLast() }
                continue
            }
            stack[stack.count - 1].next += 1
            let step = choices[top.next]
            steps.append(step)
            stack.append((step.from, 0))
        }
        return results
    }
}
