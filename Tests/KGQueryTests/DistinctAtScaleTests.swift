import KGModel
import KGQuery
import Testing

/// `distinct` over more keys than the differential graphs (six entities) can give: thousands of
/// combinations of one, two and three values, so the set that drops repeated rows grows many
/// times while the query runs. Expected answers are worked out here from the facts themselves.
@Suite("Distinct rows at scale")
struct DistinctAtScaleTests {
    static let entities = 80

    /// About 3000 different facts over n0…n79 and p0…p2, from a fixed seed (a fact drawn twice
    /// is kept once, as the store keeps it).
    static let facts: [(s: Int, p: Int, o: Int)] = {
        var rng = DiffRNG(state: 0x5EED_0F_D15_71C7)
        func next(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var seen = Set<[Int]>()
        return (0..<3000).map { _ in (next(entities), next(3), next(entities)) }.filter { seen.insert([$0.0, $0.1, $0.2]).inserted }
    }()

    static let store: FactStore = DiffGraph.store(
        facts.map { RefFact(s: .entity("n\($0.s)"), p: .entity("p\($0.p)"), o: .entity("n\($0.o)")) },
        entities: entities, predicates: 3)

    func rows(_ text: String) throws -> [[String]] {
        let outcome = QueryEngine(store: Self.store).run(text)
        guard case .success(.table(let r)) = outcome else {
            Issue.record("no table for \(text): \(outcome)")
            return []
        }
        return r.rows.map { row in
            row.map { id -> String in
                guard let id, case .entity(let name) = r.terms[id] else { return "?" }
                return name
            }
        }
    }

    /// (a, x, b) for every `a p0 x` and `x p1 b`.
    var chains: [[String]] {
        let p1 = Dictionary(grouping: Self.facts.filter { $0.p == 1 }, by: \.s)
        return Self.facts.filter { $0.p == 0 }.flatMap { f in
            (p1[f.o] ?? []).map { g in ["n\(f.s)", "n\(f.o)", "n\(g.o)"] }
        }
    }

    /// Each expected row exactly once (a mismatch reports its size, not thousands of rows).
    func expectSame(_ rows: [[String]], _ expected: Set<[String]>, _ query: String) {
        let got = Set(rows)
        #expect(rows.count == expected.count, "\(query): \(rows.count) rows, \(expected.count) expected")
        let same = got == expected
        #expect(same, "\(query): \(got.subtracting(expected).count) rows not expected, \(expected.subtracting(got).count) missing")
    }

    @Test("distinct over one, two and three variables: each combination once")
    func widths() throws {
        let chains = chains
        #expect(chains.count > 5000)
        for (columns, slots) in [("?a", [0]), ("?a, ?b", [0, 2]), ("?a, ?x, ?b", [0, 1, 2])] {
            let query = "find distinct \(columns) where ?a p0 ?x, ?x p1 ?b"
            expectSame(try rows(query), Set(chains.map { c in slots.map { c[$0] } }), query)
        }
        // Without distinct, every chain is a row.
        #expect(try rows("find ?a, ?b where ?a p0 ?x, ?x p1 ?b").count == chains.count)
    }

    @Test("distinct with a limit stops at that many different rows")
    func limited() throws {
        let chains = Set(chains.map { [$0[0], $0[2]] })
        let some = try rows("find distinct ?a, ?b where ?a p0 ?x, ?x p1 ?b limit 1500")
        #expect(some.count == 1500)
        #expect(Set(some).count == 1500)
        #expect(Set(some).isSubset(of: chains))
    }
}
