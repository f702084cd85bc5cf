import KGFormats
import KGModel
import KGQuery
import Testing

/// `<http://…>` in a statement names what the IRI names, as in SPARQL and N-Triples: an entity, or
/// a predicate where a predicate stands (a predicate cannot be written in quotes). `<` before
/// anything else is still less-than.
@Suite("IRIs in angle brackets")
struct IRISyntaxTests {
    static let store: FactStore = {
        let nt = """
        <http://ex.org/a> <http://ex.org/p> <http://ex.org/b> .
        <http://ex.org/b> <http://www.w3.org/2000/01/rdf-schema#label> "B" .
        <http://ex.org/a> <http://ex.org/n> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .
        <http://ex.org/c> <http://other.org/p> <http://ex.org/b> .

        """
        guard case .success(let (store, _)) = RDFImport.load(path: "t.nt", bytes: Array(nt.utf8), syntax: .nTriples, into: FactStore()) else {
            preconditionFailure("the test graph did not load")
        }
        return store
    }()

    func rows(_ text: String) -> [[String]]? {
        guard case .success(.table(let r)) = QueryEngine(store: Self.store).run(text) else { return nil }
        return r.rows.map { row in row.map { id in id.map { "\(r.terms[$0])" } ?? "-" } }
    }

    @Test("subjects, predicates and objects by IRI give the answers quoted names give")
    func answers() {
        let b = [["entity(\"http://ex.org/b\")"]]
        #expect(rows("find ?x where <http://ex.org/a> <http://ex.org/p> ?x") == b)
        #expect(rows("find ?x where \"http://ex.org/a\" <http://ex.org/p> ?x") == b)
        // Two predicates end in `p`: the IRI picks one, where the local name cannot.
        #expect(rows("find ?s where ?s p ?o") == nil)
        #expect(rows("find ?s where ?s <http://other.org/p> <http://ex.org/b>") == [["entity(\"http://ex.org/c\")"]])
        #expect(rows("find ?s where ?s <http://ex.org/p> \"http://ex.org/b\"") == [["entity(\"http://ex.org/a\")"]])
    }

    @Test("'<' before a number, a variable or a space is still less-than")
    func lessThan() {
        #expect(rows("find ?a where ?a <http://ex.org/n> ?n, ?n<6")?.count == 1)
        #expect(rows("find ?a where ?a <http://ex.org/n> ?n, ?n < 5")?.count == 0)
        #expect(rows("find ?a where ?a <http://ex.org/n> ?n, ?n <?n")?.count == 0)
    }

    @Test("show and path take IRIs; an unknown predicate IRI is an error under the whole IRI")
    func statements() {
        guard case .success(.entity(let a)) = QueryEngine(store: Self.store).run("show <http://ex.org/a>") else {
            Issue.record("show <http://ex.org/a> did not find the entity")
            return
        }
        #expect(Self.store.terms[a] == .entity("http://ex.org/a"))
        guard case .success(.paths(let paths, _, _, _)) = QueryEngine(store: Self.store).run("path <http://ex.org/a> to <http://ex.org/c>") else {
            Issue.record("path did not answer")
            return
        }
        #expect(paths.map(\.count) == [2])
        let text = "find ?a where ?a <http://ex.org/nope> ?n"
        guard case .failure(.syntax(let e)) = QueryEngine(store: Self.store).run(text) else {
            Issue.record("an unknown predicate IRI was not an error")
            return
        }
        #expect(e.message == "unknown predicate 'http://ex.org/nope' — did you mean 'http://ex.org/n'?")
        #expect(e.span == SourceSpan(17, 37))
        #expect(String(Array(text.unicodeScalars)[e.span.start..<e.span.end].map(Character.init)) == "<http://ex.org/nope>")
    }
}
