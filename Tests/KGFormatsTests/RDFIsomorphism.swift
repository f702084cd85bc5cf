import KGFormats

/// RDF graph isomorphism (RDF 1.1 Concepts §3.6): is there a one-to-one mapping of the blank
/// nodes of one graph onto those of the other that makes the two triple sets equal?
///
/// Graphs are sets, so duplicate triples count once. Triples without blank nodes are compared as
/// sets; the blank nodes are then split into classes by colour refinement (a node's colour is
/// hashed from the colours and terms around it, round after round, in both graphs with the same
/// function), and a backtracking search tries only mappings within a class, checking every
/// triple as soon as all its blank nodes are mapped. The answer is exact: refinement only prunes,
/// and a mapping is accepted only when every triple maps onto the other graph.
enum RDFIsomorphism {
    static func isomorphic(_ a: [RDFTriple], _ b: [RDFTriple]) -> Bool {
        let ga = Graph(a), gb = Graph(b)
        guard ga.ground == gb.ground,
              ga.blankTriples.count == gb.blankTriples.count,
              ga.nodes.count == gb.nodes.count else { return false }
        if ga.nodes.isEmpty { return true }
        var colorsA = ga.initialColors(), colorsB = gb.initialColors()
        var classes = Set(colorsA).count
        for _ in 0..<ga.nodes.count {
            colorsA = ga.refine(colorsA)
            colorsB = gb.refine(colorsB)
            let now = Set(colorsA).count
            if now == classes { break }
            classes = now
        }
        guard colorsA.sorted() == colorsB.sorted() else { return false }
        var search = Search(a: ga, b: gb, colorsA: colorsA, colorsB: colorsB)
        return search.run()
    }

    /// A graph's triples with its blank nodes numbered 0..<n.
    struct Graph {
        let ground: Set<RDFTriple>
        /// Triples with at least one blank node; blank terms are their node numbers.
        let blankTriples: [(Slot, RDFTerm, Slot)]
        let blankSet: Set<Key>
        let nodes: [String]
        /// For each node, the indices of the blank triples it is in.
        let incident: [[Int]]

        enum Slot: Hashable {
            case node(Int)
            case term(RDFTerm)
        }

        struct Key: Hashable {
            let s: Slot, p: RDFTerm, o: Slot
        }

        init(_ triples: [RDFTriple]) {
            var ground = Set<RDFTriple>()
            var index: [String: Int] = [:]
            var nodes: [String] = []
            var seen = Set<RDFTriple>()
            var blank: [(Slot, RDFTerm, Slot)] = []
            func slot(_ t: RDFTerm) -> Slot {
                guard case .blank(let label) = t else { return .term(t) }
                if let i = index[label] { return .node(i) }
                index[label] = nodes.count
                nodes.append(label)
                return .node(nodes.count - 1)
            }
            for t in triples where seen.insert(t).inserted {
                if t.subject.isBlank || t.object.isBlank {
                    blank.append((slot(t.subject), t.predicate, slot(t.object)))
                } else {
                    ground.insert(t)
                }
            }
            var incident = [[Int]](repeating: [], count: nodes.count)
            for (i, t) in blank.enumerated() {
                if case .node(let n) = t.0 { incident[n].append(i) }
                if case .node(let n) = t.2, t.2 != t.0 { incident[n].append(i) }
            }
            self.ground = ground
            self.blankTriples = blank
            self.blankSet = Set(blank.map { Key(s: $0.0, p: $0.1, o: $0.2) })
            self.nodes = nodes
            self.incident = incident
        }

        func initialColors() -> [Int] {
            [Int](repeating: 0, count: nodes.count)
        }

        /// One round: each node's new colour hashes its old colour and the sorted multiset of
        /// (its position, predicate, the other end's colour or term).
        func refine(_ colors: [Int]) -> [Int] {
            (0..<nodes.count).map { n in
                var parts: [Int] = []
                for i in incident[n] {
                    let (s, p, o) = blankTriples[i]
                    var h = Hasher()
                    h.combine(p)
                    if s == .node(n) && o == .node(n) {
                        h.combine(0)
                    } else if s == .node(n) {
                        h.combine(1)
                        combine(o, colors, into: &h)
                    } else {
                        h.combine(2)
                        combine(s, colors, into: &h)
                    }
                    parts.append(h.finalize())
                }
                parts.sort()
                var h = Hasher()
                h.combine(colors[n])
                h.combine(parts)
                return h.finalize()
            }
        }

        private func combine(_ slot: Slot, _ colors: [Int], into h: inout Hasher) {
            switch slot {
            case .node(let m): h.combine(true); h.combine(colors[m])
            case .term(let t): h.combine(false); h.combine(t)
            }
        }
    }

    /// Backtracking over the mappings that respect the colour classes.
    struct Search {
        let a: Graph, b: Graph
        let colorsA: [Int], colorsB: [Int]
        var map: [Int?]
        var used: [Bool]
        let order: [Int]
        let candidates: [Int: [Int]]

        init(a: Graph, b: Graph, colorsA: [Int], colorsB: [Int]) {
            self.a = a; self.b = b; self.colorsA = colorsA; self.colorsB = colorsB
            map = [Int?](repeating: nil, count: a.nodes.count)
            used = [Bool](repeating: false, count: b.nodes.count)
            var byColor: [Int: [Int]] = [:]
            for (n, c) in colorsB.enumerated() { byColor[c, default: []].append(n) }
            candidates = byColor
            // Smallest classes first; within a class, keep nodes that share triples together.
            order = (0..<a.nodes.count).sorted {
                let x = byColor[colorsA[$0]]!.count, y = byColor[colorsA[$1]]!.count
                return x != y ? x < y : $0 < $1
            }
        }

        mutating func run() -> Bool { assign(0) }

        private mutating func assign(_ k: Int) -> Bool {
            if k == order.count { return true }
            let n = order[k]
            for m in candidates[colorsA[n]]! where !used[m] {
                map[n] = m
                used[m] = true
                if consistent(n), assign(k + 1) { return true }
                map[n] = nil
                used[m] = false
            }
            return false
        }

        /// Every triple of `n` whose blank nodes are all mapped maps onto a triple of `b`.
        private func consistent(_ n: Int) -> Bool {
            for i in a.incident[n] {
                let (s, p, o) = a.blankTriples[i]
                guard let ms = mapped(s), let mo = mapped(o) else { continue }
                if !b.blankSet.contains(Graph.Key(s: ms, p: p, o: mo)) { return false }
            }
            return true
        }

        private func mapped(_ slot: Graph.Slot) -> Graph.Slot? {
            switch slot {
            case .term: return slot
            case .node(let n): return map[n].map { .node($0) }
            }
        }
    }
}
