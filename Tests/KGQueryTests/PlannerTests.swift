import Foundation
import KGFormats
import KGModel
import KGQuery
import Testing

/// A small graph for planner tests: three organisations, awards, one chain of partOf.
func plannerStore() throws -> FactStore {
    let text = """
        type Organization "조직"@ko "Organization"@en
        type Award "수상"@ko "Award"@en
        type Article "기사"@ko "Article"@en
        predicate won : Organization -> Award inverse awardedTo "수상"@ko "won"@en
        predicate year : Thing -> Year "연도"@ko "year"@en
        predicate partOf : Thing -> Thing inverse hasPart "소속"@ko "part of"@en
        predicate budget : Thing -> Money "예산"@ko "budget"@en
        @source art
        art type Article
        incheon type Organization
        incheon label "인천광역시"@ko
        incheon alias "인천시"@ko
        daegu type Organization
        daegu label "대구광역시"@ko
        team type Organization
        team partOf dept
        dept type Organization
        dept partOf incheon
        a1 type Award
        a1 year 2023
        a2 type Award
        a2 year 2021
        a3 type Award
        a3 year 2021
        incheon won a1
        daegu won a2
        team won a3
        incheon budget 13억원
        daegu budget 2천만원
        """
    return try KGLoader.load([KGParser.parse(path: "planner.kg", bytes: Array(text.utf8))], into: FactStore()).get().0
}

/// The resolved algebra printed back as text.
func printed(_ text: String, store: FactStore) throws -> String {
    let terms = TermTable(store: store)
    let syntax = try Parser.parse(text).get()
    guard case .query(let q) = try Resolver.resolve(syntax, terms: terms, rules: RuleSignatures()).get() else {
        Issue.record("not a query: \(text)")
        return ""
    }
    return AlgebraPrinter(terms: terms, variables: q.variables).query(q)
}

@Suite("Planner and algebra")
struct PlannerTests {
    @Test("the algebra prints back as query text: names become ids, inverses ^p, literals in query syntax", arguments: [
        ("?org won ?award, ?award year 2023", "?org won ?award, ?award year 2023"),
        ("find ?o, count(?a) as n where ?a awardedTo ?o group by ?o order by n desc limit 5",
         "find ?o, count(?a) as n where ?a ^won ?o group by ?o order by n desc limit 5"),
        ("?x partOf+ 인천시", "?x partOf+ incheon"),
        ("?x budget ?b, ?b >= 10억원", "?x budget ?b, ?b >= 10억원"),
        ("?x label \"인천광역시\"", "?x label ?_, str(?_) = \"인천광역시\""),
        ("?x (partOf/partOf)|^partOf ?y", "?x partOf/partOf|^partOf ?y"),
        ("?a type Award, not { ?_ won ?a }, optional { ?a year ?y }", "?a type Award, not { ?_ won ?a }, optional { ?a year ?y }"),
        ("{ ?x won ?a } or { ?x partOf ?y }", "{ ?x won ?a } or { ?x partOf ?y }"),
        ("find distinct ?x where ?x ?p ?o, ?x is Organization order by ?x offset 1", "find distinct ?x where ?x ?p ?o, ?x is Organization order by ?x offset 1"),
        ("?x budget ?b, lang(?b) = \"ko\"", "?x budget ?b, lang(?b) = \"ko\""),
    ])
    func printsBack(input: String, output: String) throws {
        let store = try plannerStore()
        let text = try printed(input, store: store)
        #expect(text == output)
        // Reading the printed text again gives the same algebra.
        #expect(try printed(text, store: store) == text)
    }

    func plan(_ text: String) throws -> [String] {
        let engine = QueryEngine(store: try plannerStore())
        guard case .success(.plan(_, let root, _)) = engine.run("explain " + text) else {
            Issue.record("explain failed: \(text)")
            return []
        }
        return root.children.flatMap { $0.render() }
    }

    @Test("the most selective pattern runs first, joins follow the shared variable")
    func selectiveFirst() throws {
        #expect(try plan("?org won ?award, ?award year 2023") == [
            "scan ?award year 2023  (est 1, actual 1)",
            "join ?org won ?award  (est 1, actual 1)",
        ])
    }

    @Test("filters run as soon as their variables are bound")
    func filterPushdown() throws {
        #expect(try plan("?o won ?a, ?o budget ?b, ?b >= 10억원, ?a year ?y") == [
            "scan ?o budget ?b  (est 1, actual 1)  — only the values in range, from ?b's value index",
            "filter ?b >= 10억원  (est ?, actual 1)",
            "join ?o won ?a  (est 1, actual 1)",
            "join ?a year ?y  (est 1, actual 1)",
        ])
    }

    @Test("disconnected parts are a cartesian product, and explain says so")
    func cartesian() throws {
        #expect(try plan("?a year 2023, ?o budget ?b") == [
            "scan ?a year 2023  (est 1, actual 1)",
            "scan ?o budget ?b  (est 2, actual 2)  — cartesian product: shares no variable with the steps before it",
        ])
    }

    @Test("a closure is walked from its bound end")
    func paths() throws {
        #expect(try plan("?x partOf+ 인천시") == ["path ?x partOf+ incheon  (est 1, actual 2)"])
    }

    @Test("'type' matches subtypes: every type is below Thing")
    func subtypes() throws {
        let engine = QueryEngine(store: try plannerStore())
        guard case .success(.table(let r)) = engine.run("find count(?x) as n where ?x type Thing") else { Issue.record("failed"); return }
        #expect(r.rows.map { $0.map { $0.map { r.terms[$0] } } } == [[.literal(.integer(8))]])
    }

    @Test("a result larger than the row limit is an error with a clear message")
    func rowLimit() throws {
        let engine = QueryEngine(store: try plannerStore())
        engine.limits.maxRows = 2
        guard case .failure(let f) = engine.run("?x type Thing") else { Issue.record("no error"); return }
        #expect(f.message == "the result has more than 2 rows: add 'limit N', or raise the limit with .limit rows N")
        #expect(f.span == nil)
    }

    @Test("an intermediate result larger than the memory limit is an error")
    func intermediateLimit() throws {
        let engine = QueryEngine(store: try plannerStore())
        engine.limits.maxIntermediateRows = 10
        guard case .failure(let f) = engine.run("?a ?p ?b, ?c ?q ?d") else { Issue.record("no error"); return }
        #expect(f.message == "the query needs more than 10 intermediate rows: make the pattern more selective, or raise .limit memory N")
    }

    /// A graph big enough that a four-way product never finishes on its own.
    func bigStore() -> FactStore {
        var store = FactStore()
        let type = store.intern(.entity("Node"))
        store.schema.declare(TypeInfo(id: type, name: "Node", parent: store.builtins.thing, labels: []))
        let p = store.intern(.entity("p"))
        store.schema.declare(PredicateInfo(id: p, name: "p", domain: [store.builtins.thing], range: [.type(store.builtins.thing)], inverseName: nil, labels: []))
        let file = store.addFile("big")
        var nodes: [TermID] = []
        for i in 0..<200 {
            let n = store.intern(.entity("n\(i)"))
            store.declare(entity: n, type: type, at: nil)
            nodes.append(n)
        }
        for i in 0..<200 {
            for j in 0..<10 {
                store.add(Triple(nodes[i], p, nodes[(i * 7 + j) % 200]), provenance: Provenance(source: nil, quote: nil, location: SourceLocation(file: file, line: 1, column: 1)))
            }
        }
        store.reindex()
        return store
    }

    @Test("a running query stops with 'Interrupted' when cancelled from another thread")
    func cancellation() {
        let engine = QueryEngine(store: bigStore())
        engine.limits.maxIntermediateRows = .max
        let flag = engine.cancellation
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { flag.cancel() }
        let result = engine.run("?a p ?b, ?c p ?d, ?e p ?f")
        guard case .failure(.evaluation(let e)) = result else { Issue.record("not interrupted"); return }
        #expect(e == .cancelled)
        #expect(e.message == "Interrupted")
    }

    @Test("a query that runs past the time limit stops with a clear message")
    func timeout() {
        let engine = QueryEngine(store: bigStore())
        engine.limits.maxIntermediateRows = .max
        engine.limits.timeout = 0.1
        guard case .failure(.evaluation(let e)) = engine.run("?a p ?b, ?c p ?d, ?e p ?f") else { Issue.record("no timeout"); return }
        #expect(e.message == "the query ran longer than 0.1 s: make it more selective, or raise .limit time N")
    }
}

@Suite("Planner: a filter ?v = \"text\" becomes look-ups")
struct StringEqualityLookupTests {
    static func store() throws -> FactStore {
        let nt = """
            <http://x.org/p1> <http://x.org/field> "디지털" .
            <http://x.org/p2> <http://x.org/field> "디지털"@ko .
            <http://x.org/p3> <http://x.org/field> "디지털"@en .
            <http://x.org/p4> <http://x.org/field> "환경" .
            <http://x.org/p5> <http://x.org/field> "cafe\u{301}" .
            <http://x.org/p6> <http://x.org/field> "café" .
            <http://x.org/p7> <http://x.org/other> "디지털" .
            """
        return try RDFImport.load(path: "s.nt", bytes: Array(nt.utf8), syntax: .nTriples, into: FactStore()).get().0
    }

    func names(_ engine: QueryEngine, _ query: String) -> [String] {
        guard case .success(.table(let r)) = engine.run(query) else { Issue.record("\(query) failed: \(engine.run(query))"); return [] }
        return r.rows.map { row in row.map { $0.map { "\(r.terms[$0])" } ?? "-" }.joined(separator: " ") }.sorted()
    }

    @Test("plain text matches the text with any language; a tag matches itself and no tag; NFC and NFD alike")
    func semantics() throws {
        let engine = QueryEngine(store: try Self.store())
        #expect(names(engine, #"find ?p where ?p field ?f, ?f = "디지털""#).count == 3)
        #expect(names(engine, #"find ?p where ?p field ?f, "디지털"@ko = ?f"#).count == 2)
        #expect(names(engine, #"find ?p where ?p field ?f, ?f = "café""#).count == 2)
        #expect(names(engine, #"find ?p where ?p field ?f, ?f = "없음""#).isEmpty)
        // The restriction is the group's own: the other branch of an 'or' is not restricted.
        #expect(names(engine, #"find ?p where { ?p field ?f, ?f = "환경" } or { ?p other ?f }"#).count == 2)
    }

    @Test("explain shows the look-up's estimate: only the matching facts, not every fact of the predicate")
    func estimate() throws {
        let engine = QueryEngine(store: try Self.store())
        guard case .success(.plan(_, let root, _)) = engine.run(#"explain find ?p where ?p field ?f, ?f = "디지털""#) else { Issue.record("no plan"); return }
        #expect(root.render().joined(separator: "\n").contains("(est 3, actual 3)"))
    }
}

@Suite("Resolution: a quoted text after an RDF predicate")
struct QuotedTextAfterRDFPredicateTests {
    @Test("names an entity when one has that name, else is a string matched in any language")
    func quotedText() throws {
        let nt = """
            <http://x.org/a1> <http://x.org/grade> "최우수" .
            <http://x.org/a2> <http://x.org/grade> "우수"@ko .
            <http://x.org/a3> <http://x.org/grade> "최우수"@ko .
            <http://x.org/a3> <http://x.org/recipient> <http://x.org/city/incheon> .
            <http://x.org/city/incheon> <http://www.w3.org/2000/01/rdf-schema#label> "인천광역시"@ko .
            """
        let store = try RDFImport.load(path: "q.nt", bytes: Array(nt.utf8), syntax: .nTriples, into: FactStore()).get().0
        let engine = QueryEngine(store: store)
        guard case .success(.table(let grades)) = engine.run(#"find ?a where ?a grade "최우수""#) else { Issue.record("grade failed"); return }
        #expect(grades.rows.compactMap { $0[0].map { store.name($0) } }.sorted() == ["http://x.org/a1", "http://x.org/a3"])
        guard case .success(.table(let recipients)) = engine.run(#"find ?a where ?a recipient "인천광역시""#) else { Issue.record("recipient failed"); return }
        #expect(recipients.rows.compactMap { $0[0].map { store.name($0) } } == ["http://x.org/a3"])
    }
}

@Suite("Planner: a numeric filter on a pattern's object reads a value index")
struct NumericRangeReadTests {
    static func store(_ extra: String = "") throws -> FactStore {
        let nt = """
            <http://x.org/a> <http://x.org/v> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <http://x.org/b> <http://x.org/v> "5.0"^^<http://www.w3.org/2001/XMLSchema#decimal> .
            <http://x.org/c> <http://x.org/v> "7.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .
            <http://x.org/d> <http://x.org/v> "10"^^<https://kgsh.example/dt/KRW> .
            <http://x.org/e> <http://x.org/v> "2023"^^<http://www.w3.org/2001/XMLSchema#gYear> .
            <http://x.org/f> <http://x.org/v> "text" .
            <http://x.org/g> <http://x.org/v> "2023-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .
            <http://x.org/h> <http://x.org/v> "-3"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <http://x.org/i> <http://x.org/v> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .
            \(extra)
            """
        return try RDFImport.load(path: "n.nt", bytes: Array(nt.utf8), syntax: .nTriples, into: FactStore()).get().0
    }

    func subjects(_ engine: QueryEngine, _ query: String) -> [String] {
        guard case .success(.table(let r)) = engine.run(query) else { Issue.record("\(query) failed"); return [] }
        return r.rows.compactMap { $0[0].map { String(engine.store.name($0).dropFirst("http://x.org/".count)) } }.sorted()
    }

    @Test("explain's estimate for a range is its facts, counted beside the value index: a value two facts share counts twice")
    func rangeEstimate() throws {
        let engine = QueryEngine(store: try Self.store())
        for (query, estimate) in [("find ?s where ?s v ?x, 5 <= ?x, ?x < 10", 4), ("find ?s where ?s v ?x, ?x > 5", 3),
                                  ("find ?s where ?s v ?x, ?x < 5", 1), ("find ?s where ?s v ?x, ?x > 3000", 0)] {
            guard case .success(.plan(_, let root, _)) = engine.run("explain " + query) else {
                Issue.record("explain failed: \(query)"); continue
            }
            #expect(root.children.first?.estimate == estimate, "\(query)")
        }
    }

    @Test("bounds strict and not, either way round, two at once; every numeric kind; nothing else")
    func ranges() throws {
        let engine = QueryEngine(store: try Self.store())
        #expect(subjects(engine, "find ?s where ?s v ?x, ?x > 5") == ["c", "d", "e"])
        #expect(subjects(engine, "find ?s where ?s v ?x, ?x >= 5") == ["a", "b", "c", "d", "e", "i"])
        #expect(subjects(engine, "find ?s where ?s v ?x, 5 < ?x, ?x <= 10") == ["c", "d"])
        #expect(subjects(engine, "find ?s where ?s v ?x, ?x < 5") == ["h"])
        #expect(subjects(engine, "find ?s where ?s v ?x, ?x > 2023") == [])
    }

    func rows(_ engine: QueryEngine, _ query: String) -> [[String]] {
        guard case .success(.table(let r)) = engine.run(query) else { Issue.record("\(query) failed"); return [] }
        return r.rows.map { $0.map { $0.map { engine.store.name($0) } ?? "-" } }
    }

    @Test("order by the indexed variable with a limit: the values are read in order and the read stops after the limit's value, ties on it included")
    func orderedRead() throws {
        let engine = QueryEngine(store: try Self.store())
        // 5 (a and i) and 5.0 (b) are equal numbers: a limit that ends inside them keeps all three for the sort.
        for order in ["?x, ?s", "?x desc, ?s", "?x, ?s desc", "?x desc, ?s desc"] {
            let all = rows(engine, "find ?s, ?x where ?s v ?x, ?x >= 0 order by \(order)")
            #expect(all.count == 6)
            for limit in 0...7 {
                for offset in [0, 1, 2] {
                    #expect(rows(engine, "find ?s, ?x where ?s v ?x, ?x >= 0 order by \(order) limit \(limit) offset \(offset)")
                            == Array(all.dropFirst(offset).prefix(limit)), "order by \(order) limit \(limit) offset \(offset)")
                }
            }
        }
        guard case .success(.plan(_, let root, _)) = engine.run("explain find ?s, ?x where ?s v ?x, ?x >= 0 order by ?x desc, ?s limit 2") else {
            Issue.record("explain failed"); return
        }
        #expect(root.children.flatMap { $0.render() } == [
            "scan ?s http://x.org/v ?x  (est 6, actual 2)  — only the values in range, from ?x's value index, read largest first, stopping after the value of row 2",
            "filter ?x >= 0  (est ?, actual 2)",
        ])
        guard case .success(.plan(_, let ties, _)) = engine.run("explain find ?s, ?x where ?s v ?x, ?x >= 0 order by ?x, ?s limit 1") else {
            Issue.record("explain failed"); return
        }
        #expect(ties.children.first?.actual == 3)
    }

    @Test("the value index is rebuilt when the graph changes")
    func invalidated() throws {
        let engine = QueryEngine(store: try Self.store())
        #expect(subjects(engine, "find ?s where ?s v ?x, ?x > 9000") == [])
        engine.replaceStore(try Self.store(#"<http://x.org/z> <http://x.org/v> "9999"^^<http://www.w3.org/2001/XMLSchema#integer> ."#))
        #expect(subjects(engine, "find ?s where ?s v ?x, ?x > 9000") == ["z"])
    }
}
