import KGModel
import KGQuery
import PropertyBased
import Testing

/// `?s P ?o group by ?o` with plain counts is answered from the lengths of the index's runs
/// (`QueryEngine.countedByRuns`); the same question with the triple written twice takes the
/// general path, which visits every fact. Both must give the same table, in the same order.
@Suite("Counts per object read from the index")
struct CountByRunsTests {
    static let shapes = [
        "find ?b, count(?a) as n where ?a P ?b group by ?b",
        "find count(*) as n, ?b, count(?b) as m where ?a P ?b group by ?b order by n desc, ?b limit 2",
        "find ?b, count(?a) as n where ?a P ?b group by ?b order by ?b desc offset 1",
        "?a P ?b group by ?b",
    ]

    /// The table's rows as text.
    func table(_ store: FactStore, _ query: String) -> [[String]] {
        switch QueryEngine(store: store).run(query) {
        case .success(.table(let t)): return t.rows.map { $0.map { $0.map { "\(t.terms[$0])" } ?? "·" } }
        case .failure(let f): return [["error: \(f.message)"]]
        case .success(let other): return [["unexpected \(other)"]]
        }
    }

    @Test("on random graphs, each shape and predicate gives the general path's table")
    func agreesWithTheGeneralPath() async {
        await propertyCheck(count: 300, input: DiffGen.graph) { graph in
            let store = graph.store()
            for shape in Self.shapes {
                for p in ["p0", "p1", "p2"] {
                    let fast = shape.replacingOccurrences(of: "?a P ?b", with: "?a \(p) ?b")
                    let general = shape.replacingOccurrences(of: "?a P ?b", with: "?a \(p) ?b, ?a \(p) ?b")
                    #expect(table(store, fast) == table(store, general), "\(graph)\n\(fast)")
                }
            }
        }
    }

    @Test("explain names the counting, with the facts it counted; other shapes plan as before")
    func explainShowsIt() {
        let store = DiffGraph.store(diffFacts("n0 p0 n1; n2 p0 n1; n3 p0 n1; n4 p0 n2; n5 p1 n1"))
        let engine = QueryEngine(store: store)
        guard case .success(.plan(_, let root, let rows)) = engine.run("explain find ?b, count(?a) as n where ?a p0 ?b group by ?b") else {
            Issue.record("no plan"); return
        }
        #expect(rows == 2)
        #expect(root.children.map { $0.render() } == [["count ?a p0 ?b  (est ?, actual 4)  — each ?b's facts counted from the index, not read"]])
        #expect(diffRun("n0 p0 n1; n2 p0 n1; n3 p0 n1; n4 p0 n2; n5 p1 n1", "find ?b, count(?a) as n where ?a p0 ?b group by ?b").rows
                == [["n1", "3"], ["n2", "1"]])
        // Grouped by the subject, or the triple written twice (the other test's general path):
        // planned and read fact by fact.
        for query in ["find ?a, count(?b) as n where ?a p0 ?b group by ?a", "find ?b, count(?a) as n where ?a p0 ?b, ?a p0 ?b group by ?b"] {
            guard case .success(.plan(_, let other, _)) = engine.run("explain " + query) else { Issue.record("no plan"); return }
            #expect(other.children.first?.operation == "scan", "\(query)")
        }
    }
}
