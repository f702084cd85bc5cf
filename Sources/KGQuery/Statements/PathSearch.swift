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
///
/// A breadth-first search from both ends. Each round expands one whole level of the side whose
/// frontier has fewer facts to read, until that level reaches nodes the other side has already
/// reached: then the shortest length L is known, and every connection of that length passes
/// through those meeting nodes (a level deeper on the side just expanded would have met sooner).
/// The connections are the steps that led to the meeting nodes on each side, joined there.
///
/// Order: the connections come sorted by their steps read from `a` to `b`, step by step, each step
/// compared by the node it reaches, then its predicate, then forwards before backwards (by term
/// id); with more than `cap`, the first `cap` of that order. Both depend on the graph alone, not on
/// which side the search happened to expand.
enum PathSearch {
    static func shortest(from a: TermID, to b: TermID, maxLength: Int, cap: Int, store: FactStore, budget: inout Budget) throws -> [[PathStep]] {
        if a == b { return [[]] }
        // Only entities are stepped onto: `b` must be one (`a` only starts the search).
        guard maxLength > 0, store.type(of: b) != nil else { return [] }
        let skip = Array(store.namingPredicates)
        var left = Side(root: a, store: store)
        var right = Side(root: b, store: store)
        var meeting: [TermID] = []
        while meeting.isEmpty {
            guard left.depth + right.depth < maxLength, !left.frontier.isEmpty, !right.frontier.isEmpty else { return [] }
            let last = left.depth + right.depth + 1 == maxLength
            if left.cost <= right.cost {
                meeting = try left.expand(toward: right, last: last, store: store, skip: skip, budget: &budget)
            } else {
                meeting = try right.expand(toward: left, last: last, store: store, skip: skip, budget: &budget)
            }
        }
        let dag = try ShortestDAG(left: left, right: right, meeting: meeting, budget: &budget)
        return try dag.connections(from: a, to: b, cap: cap, budget: &budget)
    }
}

/// One end of the search: the depth of every node it reached, the steps that reached each node from
/// the level before (a linked list through one flat array), and its frontier.
private struct Side {
    struct Reached {
        var depth: Int32
        /// The last link into this node (`links` index), or -1 for the root.
        var lastLink: Int32
    }

    struct Link {
        /// Read from the side's root outwards: `step.from` is one level nearer the root.
        let step: PathStep
        let previous: Int32
    }

    let root: TermID
    var reached: NodeTable
    var links: [Link] = []
    var frontier: [TermID]
    var depth = 0
    /// The facts the frontier's nodes have: what expanding it reads.
    var cost: Int

    init(root: TermID, store: FactStore) {
        self.root = root
        reached = NodeTable()
        reached.insert(root, Reached(depth: 0, lastLink: -1))
        frontier = [root]
        cost = Side.degree(root, store)
    }

    @inline(__always)
    static func degree(_ node: TermID, _ store: FactStore) -> Int {
        store.match(subject: node, predicate: nil, object: nil).count + store.match(subject: nil, predicate: nil, object: node).count
    }

    /// Expands the whole frontier by one level; returns the newly reached nodes the other side had
    /// already reached. Once there is one, or when this is the `last` level `max` allows, other new
    /// nodes are not kept: the search ends with this level.
    mutating func expand(toward other: Side, last: Bool, store: FactStore, skip: [TermID], budget: inout Budget) throws -> [TermID] {
        depth += 1
        let level = Int32(depth)
        var next: [TermID] = []
        var meeting: [TermID] = []
        var nextCost = 0
        let current = frontier
        for node in current {
            try store.forEachTriple(subject: node, predicate: nil, object: nil) { t in
                try budget.tick()
                if !skip.contains(t.predicate) {
                    visit(PathStep(from: node, predicate: t.predicate, to: t.object, forward: true), level, other, last, store, &next, &meeting, &nextCost)
                }
                return true
            }
            try store.forEachTriple(subject: nil, predicate: nil, object: node) { t in
                try budget.tick()
                if !skip.contains(t.predicate) {
                    visit(PathStep(from: node, predicate: t.predicate, to: t.subject, forward: false), level, other, last, store, &next, &meeting, &nextCost)
                }
                return true
            }
        }
        frontier = next
        cost = nextCost
        return meeting
    }

    /// One step out of the frontier: a node reached again at this level gains a link; a new one is
    /// kept when it is an entity (or the other side's root) and the search may go on past it.
    @inline(__always)
    private mutating func visit(_ step: PathStep, _ level: Int32, _ other: Side, _ last: Bool, _ store: FactStore,
                                _ next: inout [TermID], _ meeting: inout [TermID], _ nextCost: inout Int) {
        let node = step.to
        let i = reached.slot(of: node)
        if reached.holds(i) {
            if reached.values[i].depth == level {
                links.append(Link(step: step, previous: reached.values[i].lastLink))
                reached.values[i].lastLink = Int32(links.count - 1)
            }
            return
        }
        // The other side keeps only entities and its root. A literal is never a declared entity:
        // its kind, a byte, is read before the type table.
        let meets = other.reached.contains(node)
        if !meets {
            guard meeting.isEmpty, !last, store.terms.isEntity(node), store.type(of: node) != nil else { return }
        }
        reached.insert(node, Reached(depth: level, lastLink: Int32(links.count)), at: i)
        links.append(Link(step: step, previous: -1))
        if meets {
            meeting.append(node)
        } else {
            next.append(node)
            nextCost += Side.degree(node, store)
        }
    }
}

/// The steps of every shortest connection, each read from `a` towards `b`, in one flat array sorted
/// by the node a step leaves, then as the connections are ordered (`PathSearch`): the steps leaving
/// one node are a contiguous run.
private struct ShortestDAG {
    var steps: [PathStep] = []
    var runs: [TermID: Range<Int>] = [:]

    /// Walks back from the meeting nodes through each side's links: on `a`'s side the steps as they
    /// were read, on `b`'s side reversed. A node's position on a shortest connection is fixed, so
    /// the nodes before the meeting ones have steps only from `a`'s side, the others only from `b`'s.
    init(left: Side, right: Side, meeting: [TermID], budget: inout Budget) throws {
        for (side, towardsB) in [(left, false), (right, true)] {
            var marked = Set(meeting)
            var stack = meeting
            while let node = stack.popLast() {
                var link = side.reached.values[side.reached.slot(of: node)].lastLink
                while link >= 0 {
                    try budget.tick()
                    let l = side.links[Int(link)]
                    let s = l.step
                    steps.append(towardsB ? PathStep(from: s.to, predicate: s.predicate, to: s.from, forward: !s.forward) : s)
                    if s.from != side.root, marked.insert(s.from).inserted { stack.append(s.from) }
                    link = l.previous
                }
            }
        }
        steps.sort { x, y in
            if x.from != y.from { return x.from < y.from }
            if x.to != y.to { return x.to < y.to }
            if x.predicate != y.predicate { return x.predicate < y.predicate }
            return x.forward && !y.forward
        }
        var start = 0
        while start < steps.count {
            var end = start + 1
            while end < steps.count, steps[end].from == steps[start].from { end += 1 }
            runs[steps[start].from] = start..<end
            start = end
        }
    }

    /// The connections from `a` to `b` in order, depth first with one path of steps and an explicit
    /// stack: a connection thousands of steps long neither recurses that deep nor copies its steps
    /// once per step. Every node here lies on a shortest connection, so no branch is a dead end and
    /// the first `cap` found are the first `cap` in order.
    func connections(from a: TermID, to b: TermID, cap: Int, budget: inout Budget) throws -> [[PathStep]] {
        var results: [[PathStep]] = []
        var path: [PathStep] = []
        var stack: [Range<Int>] = [runs[a] ?? 0..<0]
        while let top = stack.last, results.count < cap {
            try budget.tick()
            guard let i = top.first else {
                stack.removeLast()
                if !path.isEmpty { path.removeLast() }
                continue
            }
            stack[stack.count - 1] = top.dropFirst()
            let step = steps[i]
            path.append(step)
            if step.to == b {
                results.append(path)
                path.removeLast()
            } else {
                stack.append(runs[step.to] ?? 0..<0)
            }
        }
        return results
    }
}

/// The nodes one side reached and how: open addressing over term ids (Fibonacci hashing, linear
/// probing), where a `Dictionary` would run SipHash on every look-up. `TermID.max` marks an empty
/// slot (no store has that many terms).
private struct NodeTable {
    private static let empty = TermID.max
    private var keys: [TermID]
    var values: [Side.Reached]
    private var shift: UInt64
    private(set) var count = 0

    init() {
        keys = Array(repeating: NodeTable.empty, count: 64)
        values = Array(repeating: Side.Reached(depth: 0, lastLink: -1), count: 64)
        shift = 64 - 6
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    func slot(of key: TermID) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = keys[i]
            if k == key || k == NodeTable.empty { return i }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    func holds(_ slot: Int) -> Bool { keys[slot] != NodeTable.empty }

    @inline(__always)
    func contains(_ key: TermID) -> Bool { holds(slot(of: key)) }

    /// Adds `key`, absent, at `slot` (from `slot(of:)`).
    @inline(__always)
    mutating func insert(_ key: TermID, _ value: Side.Reached, at slot: Int) {
        keys[slot] = key
        values[slot] = value
        count += 1
        if count * 2 > keys.count { grow() }
    }

    mutating func insert(_ key: TermID, _ value: Side.Reached) { insert(key, value, at: slot(of: key)) }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = Array(repeating: NodeTable.empty, count: oldKeys.count * 2)
        values = Array(repeating: Side.Reached(depth: 0, lastLink: -1), count: oldKeys.count * 2)
        shift -= 1
        for (k, v) in zip(oldKeys, oldValues) where k != NodeTable.empty {
            let i = slot(of: k)
            keys[i] = k
            values[i] = v
        }
    }
}
