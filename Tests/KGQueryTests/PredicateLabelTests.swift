// A predicate named by one of its labels (Korean or English) instead of its name: the schema keys
// each label once, when the predicate is declared.

import Foundation
import KGFormats
import KGModel
import KGQuery
import Testing

private let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

private func load(_ text: String, into store: FactStore = FactStore()) -> FactStore {
    switch KGLoader.load([KGParser.parse(path: "labels.kg", bytes: Array(text.utf8))], into: store) {
    case .success(let (loaded, _)): return loaded
    case .failure(let f): fatalError("labels.kg does not load:\n\(f.rendered)")
    }
}

private func rows(_ engine: QueryEngine, _ statement: String) -> [[String]] {
    guard case .success(.table(let result)) = engine.run(statement) else {
        Issue.record("\(statement) gave no table")
        return []
    }
    return result.rows.map { $0.map { $0.map { result.terms.store.name($0) } ?? "-" } }
}

@Suite("Predicates by label")
struct PredicateLabelTests {
    @Test("the seed graph's Korean label 수상 and the name won give the same answers; so do 평가 and fromEvaluation")
    func seedLabels() throws {
        let store: FactStore
        switch KnowledgeFiles.load([repoRoot + "/Knowledge"], into: FactStore()) {
        case .success(let (s, _)): store = s
        case .failure(let f): Issue.record("Knowledge/ does not load: \(f.rendered)"); return
        }
        let engine = QueryEngine(store: store, language: "ko")
        let byName = rows(engine, "find ?o, ?a where ?o won ?a order by ?a")
        #expect(byName.count >= 2)
        #expect(rows(engine, "find ?o, ?a where ?o 수상 ?a order by ?a") == byName)
        let evaluations = rows(engine, "find ?a, ?e where ?a fromEvaluation ?e order by ?a")
        #expect(!evaluations.isEmpty)
        #expect(rows(engine, "find ?a, ?e where ?a 평가 ?e order by ?a") == evaluations)
    }

    @Test("a label two predicates carry is an error that names both, under the label; a label no longer carried is unknown")
    func sharedAndDropped() {
        let store = load("""
            type Person "사람"@ko
            predicate likes : Person -> Person "좋아함"@ko "fond of"@en
            predicate admires : Person -> Person "좋아함"@ko
            predicate knows : Person -> Person "앎"@ko
            """)
        let engine = QueryEngine(store: store, language: "ko")
        guard case .failure(let f) = engine.run("find ?a where ?a 좋아함 ?b") else {
            Issue.record("a shared label resolved")
            return
        }
        #expect(f.message == "'좋아함' is the label of 2 predicates: admires, likes — use a name")
        // "find ?a where ?a " is 17 scalars: the caret starts at column 18 and covers the label's 3.
        #expect(f.span.map { [$0.start + 1, $0.end - $0.start] } == [18, 3])
        #expect(rows(engine, "find ?a where ?a 앎 ?b").isEmpty)

        // Declared again with other labels: the old ones stop naming it, the new ones start.
        var schema = store.schema
        let knows = store.termNamed("knows")!
        schema.declare(PredicateInfo(id: knows, name: "knows", domain: [], range: [], inverseName: nil,
                                     labels: [Label("알다", language: "ko")]))
        #expect(schema.predicates(labelled: TextKey.normalize("앎")).isEmpty)
        #expect(schema.predicates(labelled: TextKey.normalize("알다")) == [knows])
        #expect(schema.predicates(labelled: TextKey.normalize("Fond  OF")) == [store.termNamed("likes")!])
    }

    @Test("a type is named by its name in any case or by a label; a label two types carry is an error naming both")
    func typesByLabel() {
        let store = load("""
            type Person "사람"@ko "human"@en
            type Robot "기계"@ko "human"@en
            type Place "장소"@ko
            type Article
            @source art
            art type Article
            kim type Person
            r2 type Robot
            seoul type Place
            """)
        let engine = QueryEngine(store: store, language: "ko")
        #expect(rows(engine, "find ?x where ?x type 사람") == [["kim"]])
        #expect(rows(engine, "find ?x where ?x type PERSON") == [["kim"]])
        #expect(rows(engine, "find distinct ?x where ?x type ?t, ?x is 장소") == [["seoul"]])
        guard case .failure(let f) = engine.run("find ?x where ?x type Human") else {
            Issue.record("a shared type label resolved")
            return
        }
        #expect(f.message == "'Human' names 2 types: Person, Robot — use a name")
        #expect(f.span.map { [$0.start + 1, $0.end - $0.start] } == [23, 5])

        // Declared again with other labels: the old ones stop naming it, the new ones start.
        var schema = store.schema
        let place = store.termNamed("Place")!
        schema.declare(TypeInfo(id: place, name: "Place", parent: nil, labels: [Label("곳", language: "ko")]))
        #expect(schema.types(keyed: TextKey.normalize("장소")).isEmpty)
        #expect(schema.types(keyed: TextKey.normalize("곳")) == [place])
        #expect(schema.types(keyed: "place") == [place])
        #expect(schema.types(keyed: "human") == [store.termNamed("Person")!, store.termNamed("Robot")!].sorted())
    }
}
