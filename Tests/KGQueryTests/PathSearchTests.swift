// `path A to B`: the two-sided search (`PathSearch.shortest`) against a brute-force enumeration of
// every shortest connection, on small graphs built to make one point each and on random ones.

import KGModel
@testable import KGQuery
import Testing

/// A small graph: entities n0…n(k−1) of type Node, predicates p0…p(m−1), facts given as text
/// (`n0 p1 n2`; an object that is not `nN` is a string literal; `label`, `alias` and `type` are the
/// built-in naming predicates).
private struct PathGraph {
    var store: FactStore
    let nodes: [TermID]

    init(entities: Int, predicates: Int = 3, facts: [String]) {
        // `label`, `alias` and `type` intern to the store's built-in predicates of those names.
        let refFacts = facts.map { fact -> RefFact in
            let parts = fact.split(separator: " ").map(String.init)
            let o: Term = parts[2].hasPrefix("n") ? .entity(parts[2]) : .literal(.string(parts[2], language: nil))
            return RefFact(s: .entity(parts[0]), p: .entity(parts[1]), o: o)
        }
        let store = DiffGraph.store(refFacts, entities: entities, predicates: predicates)
        self.store = store
        nodes = (0..<entities).map { store.terms.entity("n\($0)")! }
    }

    func node(_ name: String) -> TermID { nodes[Int(name.dropFirst())!] }

    func search(_ a: String, _ b: String, max: Int = 6, cap: Int = 20) throws -> [[PathStep]] {
        var budget = Budget(limits: QueryLimits(), cancellation: nil)
        return try PathSearch.shortest(from: node(a), to: node(b), maxLength: max, cap: cap, store: store, budget: &budget)
    }

    /// `n0 -p0-> n1 <-p1- n2`
    func chain(_ a: String, _ steps: [PathStep]) -> String {
        steps.reduce(a) { out, s in out + (s.forward ? " -\(store.name(s.predicate))-> " : " <-\(store.name(s.predicate))- ") + store.name(s.to) }
    }

    func chains(_ a: String, _ b: String, max: Int = 6, cap: Int = 20) throws -> [String] {
        try search(a, b, max: max, cap: cap).map { chain(a, $0) }
    }

    /// Every shortest connection of at most `max` steps, found the slow way: every walk of 1, 2, …
    /// steps from `a` over all facts (no index), until some end at `b`.
    /// Sorted in the order `PathSearch` documents.
    func reference(_ a: TermID, _ b: TermID, max: Int) -> [[PathStep]] {
        if a == b { return [[]] }
        let naming = store.namingPredicates
        var steps: [TermID: [PathStep]] = [:]
        for t in store.triples where !naming.contains(t.predicate) {
            if store.type(of: t.object) != nil { steps[t.subject, default: []].append(PathStep(from: t.subject, predicate: t.predicate, to: t.object, forward: true)) }
            if store.type(of: t.subject) != nil { steps[t.object, default: []].append(PathStep(from: t.object, predicate: t.predicate, to: t.subject, forward: false)) }
        }
        // A walk that comes back to a node is never a shortest one: those are dropped as they form.
        var walks: [[PathStep]] = [[]]
        for _ in 0..<max {
            walks = walks.flatMap { w in
                (steps[w.last?.to ?? a] ?? []).filter { s in s.to != a && !w.contains { $0.to == s.to } }.map { w + [$0] }
            }
            let found = walks.filter { $0.last!.to == b }
            if !found.isEmpty { return found.sorted(by: PathGraph.precedes) }
        }
        return []
    }

    /// The documented order: step by step from A, by the node reached, the predicate, forwards first.
    static func precedes(_ x: [PathStep], _ y: [PathStep]) -> Bool {
        for (s, t) in zip(x, y) where s != t {
            if s.to != t.to { return s.to < t.to }
            if s.predicate != t.predicate { return s.predicate < t.predicate }
            return s.forward && !t.forward
        }
        return x.count < y.count
    }
}

@Suite("path search")
struct PathSearchTests {
    @Test("a diamond with a doubled edge: three shortest connections, each found once")
    func diamond() throws {
        let g = PathGraph(entities: 5, facts: ["n0 p0 n1", "n0 p1 n1", "n0 p0 n2", "n1 p0 n3", "n3 p1 n2", "n3 p0 n4"])
        #expect(try g.chains("n0", "n3") == ["n0 -p0-> n1 -p0-> n3", "n0 -p1-> n1 -p0-> n3", "n0 -p0-> n2 <-p1- n3"])
        #expect(try g.search("n0", "n3") == g.reference(g.node("n0"), g.node("n3"), max: 6))
        // The same connections read from the other end.
        #expect(try g.chains("n3", "n0") == ["n3 <-p0- n1 <-p0- n0", "n3 <-p0- n1 <-p1- n0", "n3 -p1-> n2 <-p0- n0"])
    }

    @Test("odd and even lengths: the sides meet in the middle, and every branch on either half is kept")
    func oddAndEven() throws {
        // n0 → {n1, n2} → n3 → n4 → {n5, n6} → n7: five steps, two choices on each side.
        let odd = PathGraph(entities: 8, facts: ["n0 p0 n1", "n0 p0 n2", "n1 p0 n3", "n2 p0 n3", "n3 p0 n4", "n4 p0 n5", "n4 p0 n6", "n5 p0 n7", "n6 p0 n7"])
        let five = try odd.search("n0", "n7")
        #expect(five.count == 4 && five.allSatisfy { $0.count == 5 })
        #expect(five == odd.reference(odd.node("n0"), odd.node("n7"), max: 6))
        #expect(try odd.search("n7", "n0").count == 4)
        // n0 → {n1, n2} → n3 → {n4, n5} → n6: four steps, and a way round of five.
        let even = PathGraph(entities: 11, facts: ["n0 p0 n1", "n0 p0 n2", "n1 p0 n3", "n2 p0 n3", "n3 p0 n4", "n3 p0 n5", "n4 p0 n6", "n5 p0 n6",
                                                   "n0 p1 n7", "n7 p1 n8", "n8 p1 n9", "n9 p1 n10", "n10 p1 n6"])
        let four = try even.search("n0", "n6")
        #expect(four.count == 4 && four.allSatisfy { $0.count == 4 })
        #expect(four == even.reference(even.node("n0"), even.node("n6"), max: 6))
        #expect(try even.search("n6", "n0").count == 4)
        #expect(try even.search("n0", "n3").count == 2)
        // A plain chain of 1 to 6 steps, from either end.
        let chain = PathGraph(entities: 7, facts: (0..<6).map { "n\($0) p0 n\($0 + 1)" })
        for n in 1...6 {
            #expect(try chain.search("n0", "n\(n)").map(\.count) == [n])
            #expect(try chain.search("n\(n)", "n0").map(\.count) == [n])
        }
    }

    @Test("facts are read in both directions")
    func bothDirections() throws {
        let g = PathGraph(entities: 4, facts: ["n0 p0 n1", "n2 p0 n1", "n2 p1 n3"])
        #expect(try g.chains("n0", "n3") == ["n0 -p0-> n1 <-p0- n2 -p1-> n3"])
        #expect(try g.chains("n3", "n0") == ["n3 <-p1- n2 -p0-> n1 <-p0- n0"])
    }

    @Test("label, alias and type facts are not links, even to an entity")
    func namingPredicates() throws {
        let g = PathGraph(entities: 4, facts: ["n0 label n3", "n0 alias n3", "n3 type n0", "n0 p0 n1", "n1 p0 n2", "n2 p0 n3"])
        #expect(try g.chains("n0", "n3") == ["n0 -p0-> n1 -p0-> n2 -p0-> n3"])
        #expect(try g.search("n0", "n3", max: 2).isEmpty)
    }

    @Test("a literal two entities share is not a link")
    func literals() throws {
        var g = PathGraph(entities: 4, facts: ["n0 p0 shared", "n3 p0 shared", "n0 p1 n1", "n1 p1 n2", "n2 p1 n3"])
        #expect(try g.chains("n0", "n3") == ["n0 -p1-> n1 -p1-> n2 -p1-> n3"])
        var budget = Budget(limits: QueryLimits(), cancellation: nil)
        let literal = g.store.intern(.literal(.string("shared", language: nil)))
        #expect(try PathSearch.shortest(from: g.node("n0"), to: literal, maxLength: 6, cap: 20, store: g.store, budget: &budget).isEmpty)
    }

    @Test("no connection within max, none at all, and a node to itself")
    func edges() throws {
        let g = PathGraph(entities: 6, facts: ["n0 p0 n1", "n1 p0 n2", "n2 p0 n3", "n4 p0 n5"])
        #expect(try g.search("n0", "n3", max: 2).isEmpty)
        #expect(try g.search("n0", "n3", max: 0).isEmpty)
        #expect(try g.search("n0", "n3", max: 3).count == 1)
        #expect(try g.search("n0", "n5").isEmpty)
        #expect(try g.search("n2", "n2") == [[]])
        #expect(try g.search("n2", "n2", max: 0) == [[]])
    }

    @Test("more shortest connections than the cap: exactly cap of them, the first in order")
    func cap() throws {
        // n0 → {n1, n2, n3} → {n4, n5} → n6: six connections of three steps.
        let g = PathGraph(entities: 7, facts: ["n0 p0 n1", "n0 p0 n2", "n0 p0 n3", "n1 p0 n4", "n2 p0 n4", "n3 p0 n4", "n1 p0 n5", "n2 p0 n5", "n3 p0 n5",
                                               "n4 p0 n6", "n5 p0 n6"])
        let all = g.reference(g.node("n0"), g.node("n6"), max: 6)
        #expect(all.count == 6)
        #expect(try g.search("n0", "n6") == all)
        for cap in 1...6 { #expect(try g.search("n0", "n6", cap: cap) == Array(all.prefix(cap))) }
        #expect(try g.search("n0", "n6", cap: 0).isEmpty)
    }

    @Test("a chain of 20,000 steps, meeting in the middle, without deep recursion")
    func longChain() throws {
        let n = 20_000
        let g = PathGraph(entities: n + 1, predicates: 1, facts: (0..<n).map { "n\($0) p0 n\($0 + 1)" })
        let paths = try g.search("n0", "n\(n)", max: n)
        #expect(paths.count == 1)
        #expect(paths.first?.map(\.to) == (1...n).map { g.node("n\($0)") })
        #expect(try g.search("n0", "n\(n)", max: n - 1).isEmpty)
    }

    @Test("random graphs: every pair, against the brute-force enumeration", arguments: 0..<40)
    func random(seed: Int) throws {
        var rng = DiffRNG(state: UInt64(seed) &* 0x2545_F491_4F6C_DD1D &+ 1)
        let entities = 5 + Int(rng.next() % 5)
        var facts: [String] = []
        for _ in 0..<(entities + Int(rng.next() % UInt64(entities * 2))) {
            let s = "n\(rng.next() % UInt64(entities))"
            let roll = rng.next() % 10
            let p = roll == 0 ? "label" : roll == 1 ? "alias" : "p\(rng.next() % 3)"
            let o = rng.next() % 8 == 0 ? "lit\(rng.next() % 3)" : "n\(rng.next() % UInt64(entities))"
            facts.append("\(s) \(p) \(o)")
        }
        let g = PathGraph(entities: entities, facts: facts)
        for a in 0..<entities {
            for b in 0..<entities {
                for max in [2, 5] {
                    let expected = g.reference(g.node("n\(a)"), g.node("n\(b)"), max: max)
                    let found = try g.search("n\(a)", "n\(b)", max: max)
                    #expect(found == Array(expected.prefix(20)), "n\(a) to n\(b) max \(max) over \(facts.joined(separator: "; "))")
                    let capped = try g.search("n\(a)", "n\(b)", max: max, cap: 2)
                    #expect(capped == Array(expected.prefix(2)), "cap 2: n\(a) to n\(b) max \(max) over \(facts.joined(separator: "; "))")
                }
            }
        }
    }
}
