import Foundation
import KGFormats
import KGModel
import Testing

@Suite("RDF import into the store")
struct RDFImportTests {
    static let mondial = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/datasets/mondial/mondial-europe.n3").path

    func load(_ name: String, _ text: String, into store: FactStore = FactStore()) -> Result<(FactStore, LoadReport), LoadFailure> {
        let dir = NSTemporaryDirectory() + "kgsh-rdf-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return KnowledgeFiles.load([path], into: store)
    }

    @Test("the MONDIAL Europe extract loads as exactly its 64,566 distinct triples, consistently")
    func mondial() throws {
        let (store, report) = try KnowledgeFiles.load([Self.mondial], into: FactStore()).get()
        #expect(store.factCount == 64_566)
        #expect(report.newFacts == 64_566)
        #expect(store.checkInvariants() == [])
        // Entities are found by a naming predicate's value and by their IRI's last segment.
        guard case .found(let greece) = store.resolveEntity("Greece") else { Issue.record("Greece not found"); return }
        #expect(store.name(greece) == "http://www.semwebtech.org/mondial/10/countries/GR/")
        #expect(store.resolveEntity("GR") != .notFound(suggestions: []))
        #expect(store.displayName(greece, language: "en") == "Greece")
        #expect(store.predicateName(store.terms.entity("http://www.semwebtech.org/mondial/10/meta#population")!) == "population")
    }

    @Test("types, labels with languages and XSD literal kinds")
    func mapping() throws {
        let ttl = """
            @prefix ex: <http://example.org/> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            ex:incheon a ex:City ; rdfs:label "인천광역시"@ko, "Incheon"@en ;
                ex:population 2950000 ; ex:area "1063.26"^^xsd:decimal ; ex:founded "1981-07-01"^^xsd:date ;
                ex:since "1981"^^xsd:gYear ; ex:coastal true ; ex:note "plain" ; ex:twin ex:anchorage .
            """
        let (store, _) = try load("a.ttl", ttl).get()
        let incheon = store.terms.entity("http://example.org/incheon")!
        #expect(store.name(store.type(of: incheon)!) == "http://example.org/City")
        #expect(store.displayName(incheon, language: "ko") == "인천광역시")
        #expect(store.displayName(incheon, language: "en") == "Incheon")
        func object(_ p: String) -> Term? {
            let pid = store.terms.entity("http://example.org/" + p)!
            return store.match(subject: incheon, predicate: pid, object: nil).first.map { store.terms[store.triples[Int($0)].object] }
        }
        #expect(object("population") == .literal(.integer(2_950_000)))
        #expect(object("area") == .literal(.decimal(DecimalNumber(mantissa: 106_326, scale: 2))))
        #expect(object("founded") == .literal(.date(CalendarDate(year: 1981, month: 7, day: 1)!)))
        #expect(object("since") == .literal(.year(1981)))
        #expect(object("coastal") == .literal(.boolean(true)))
        #expect(object("note") == .literal(.string("plain", language: nil)))
        #expect(object("twin") == .entity("http://example.org/anchorage"))
        #expect(store.checkInvariants() == [])
    }

    @Test("a bad Turtle file is reported at file:line:column and nothing of it is loaded")
    func badFile() throws {
        let base = try load("ok.nt", "<http://e/a> <http://e/p> <http://e/b> .\n").get().0
        guard case .failure(let f) = load("bad.ttl", "@prefix ex: <http://e/> .\nex:a ex:p ex:b ;\n  ex:q \"open .\n", into: base) else {
            Issue.record("loaded"); return
        }
        #expect(f.diagnostics.count >= 1)
        #expect(f.diagnostics[0].file?.hasSuffix("bad.ttl") == true)
        #expect(f.diagnostics[0].line == 3)
        #expect(base.factCount == 1)
    }
}
