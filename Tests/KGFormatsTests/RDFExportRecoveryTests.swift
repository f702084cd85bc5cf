import Foundation
import KGFormats
import KGModel
import PropertyBased
import Testing

/// What `RDFImport` makes of files that look like kgsh's exports but are not quite: whatever does
/// not have an export's shapes stays the facts it was read as.
@Suite("RDF import: kgsh's own exports read back")
struct RDFExportRecoveryTests {
    static let header = """
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix id: <https://kgsh.example/id/> .
        @prefix p: <https://kgsh.example/p/> .
        @prefix t: <https://kgsh.example/type/> .
        @prefix kgsh: <https://kgsh.example/vocab#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .

        """

    func load(_ text: String, into store: FactStore = FactStore()) throws -> FactStore {
        try ExportSupport.withFile("a.ttl", Data((Self.header + text).utf8)) { path in
            try KnowledgeFiles.load([path], into: store).get().0
        }
    }

    /// Each fact as `subject predicate object` by name.
    func facts(_ store: FactStore) -> Set<String> {
        Set(store.triples.map { t in
            let o: String = switch store.terms[t.object] {
            case .entity(let name): name
            case .literal(let l): "\(l)"
            }
            return "\(store.name(t.subject)) \(store.name(t.predicate)) \(o)"
        })
    }

    @Test("a statement node becomes the provenance of the fact it restates: source and sentence")
    func statementBecomesProvenance() throws {
        let store = try load("""
            id:a p:won id:b .
            id:art a t:Article .
            _:s a rdf:Statement ; rdf:subject id:a ; rdf:predicate p:won ; rdf:object id:b ;
                kgsh:source id:art ; kgsh:quote "A가 B를 받았다." ; kgsh:file "x.kg" ; kgsh:line 3 ; kgsh:column 1 .
            """)
        #expect(facts(store) == ["a won b", "art type Article"])
        let a = try #require(store.terms.entity("a")), won = try #require(store.terms.entity("won"))
        let fact = try #require(store.match(subject: a, predicate: won, object: nil).first)
        let provenance = store.provenance(ofFact: fact)
        #expect(provenance.count == 1)
        #expect(provenance.first?.source.map { store.name($0) } == "art")
        #expect(provenance.first?.quote.map { store.quotes[Int($0)] } == "A가 B를 받았다.")
        #expect(store.checkInvariants() == [])
    }

    @Test("two statement nodes of one fact: two provenances, in the file's order")
    func twoSources() throws {
        let store = try load("""
            id:a p:won id:b .
            _:s2 a rdf:Statement ; rdf:subject id:a ; rdf:predicate p:won ; rdf:object id:b ; kgsh:source id:two ; kgsh:quote "둘" .
            _:s1 a rdf:Statement ; rdf:subject id:a ; rdf:predicate p:won ; rdf:object id:b ; kgsh:source id:one .
            """)
        #expect(store.factCount == 1)
        let sources = store.provenance(ofFact: 0).map { p in "\(p.source.map { store.name($0) } ?? "-") \(p.quote.map { store.quotes[Int($0)] } ?? "-")" }
        #expect(sources == ["two 둘", "one -"])
        // Stated twice by the file, it is still the one fact with those two provenances.
        let twice = try load("""
            id:a p:won id:b .
            _:s1 a rdf:Statement ; rdf:subject id:a ; rdf:predicate p:won ; rdf:object id:b ; kgsh:source id:one .
            id:a p:won id:b .
            """)
        #expect(twice.factCount == 1 && twice.provenance(ofFact: 0).map { $0.source.map { twice.name($0) } } == ["one"])
    }

    @Test("statement nodes that are not an export's stay facts", arguments: [
        // The fact it restates is not in the file.
        "_:s a rdf:Statement ; rdf:subject id:a ; rdf:predicate p:won ; rdf:object id:c ; kgsh:source id:one .",
        // Another property.
        "_:s a rdf:Statement ; rdf:subject id:a ; rdf:predicate p:won ; rdf:object id:b ; kgsh:source id:one ; p:note \"x\" .",
        // Two subjects.
        "_:s a rdf:Statement ; rdf:subject id:a, id:c ; rdf:predicate p:won ; rdf:object id:b .",
        // A sentence that is not a string.
        "_:s a rdf:Statement ; rdf:subject id:a ; rdf:predicate p:won ; rdf:object id:b ; kgsh:quote 7 .",
        // A fact pointing at it.
        "_:s a rdf:Statement ; rdf:subject id:a ; rdf:predicate p:won ; rdf:object id:b . id:c p:cites _:s .",
        // Named by an IRI, not a blank node.
        "id:s a rdf:Statement ; rdf:subject id:a ; rdf:predicate p:won ; rdf:object id:b .",
    ])
    func notStatements(node: String) throws {
        let store = try load("id:a p:won id:b .\n" + node)
        #expect(store.factCount > 1)
        #expect(facts(store).contains { $0.hasSuffix("type \(IRIScheme.rdf)Statement") })
        #expect(store.provenance(ofFact: 0).allSatisfy { $0.source == nil })
        #expect(store.checkInvariants() == [])
    }

    @Test("classes and properties of the scheme become types and predicates with labels, supertype and inverse")
    func schema() throws {
        let store = try load("""
            t:Body a rdfs:Class ; rdfs:label "기관"@ko, "Body"@en .
            t:City a rdfs:Class ; rdfs:subClassOf t:Body ; rdfs:label "도시"@ko .
            p:won a rdf:Property ; rdfs:label "수상"@ko ; <http://www.w3.org/2002/07/owl#inverseOf> p:awardedTo .
            id:incheon a t:City ; p:won id:prize .
            """)
        #expect(facts(store) == ["incheon type City", "incheon won prize"])
        let city = try #require(store.terms.entity("City").flatMap { store.schema.types[$0] })
        #expect(city.parent.map { store.name($0) } == "Body" && city.labels == [Label("도시", language: "ko")])
        let body = try #require(store.terms.entity("Body").flatMap { store.schema.types[$0] })
        #expect(body.parent == store.builtins.thing && body.labels.count == 2)
        let won = try #require(store.terms.entity("won").flatMap { store.schema.predicates[$0] })
        #expect(won.inverseName == "awardedTo" && won.labels == [Label("수상", language: "ko")])
        #expect(store.displayName(store.terms.entity("City")!, language: "ko") == "도시")
    }

    @Test("a supertype cycle is cut, not followed")
    func cycle() throws {
        let store = try load("""
            t:A a rdfs:Class ; rdfs:subClassOf t:B .
            t:B a rdfs:Class ; rdfs:subClassOf t:A .
            id:x a t:A .
            """)
        let a = try #require(store.terms.entity("A")), b = try #require(store.terms.entity("B"))
        let parents = [store.schema.types[a]?.parent, store.schema.types[b]?.parent]
        #expect(parents.contains(store.builtins.thing) && (parents.contains(a) || parents.contains(b)))
        #expect(store.schema.isSubtype(a, of: store.builtins.thing) && store.schema.isSubtype(b, of: store.builtins.thing))
    }

    @Test("a name with another role in the graph keeps its IRI: an entity named as a seed type, a predicate named as a seed entity")
    func namesInUse() throws {
        let store = try load("""
            id:Award p:note "x" .
            id:daegu p:daegu id:Award .
            """, into: ExportSupport.seed)
        let added = facts(store).subtracting(facts(ExportSupport.seed))
        #expect(added == ["\(IRIScheme.entityNamespace)Award note x",
                          "daegu \(IRIScheme.predicateNamespace)daegu \(IRIScheme.entityNamespace)Award"])
    }

    @Test("an RDF file without kgsh's scheme is read as it is, reification and all")
    func otherSchemes() throws {
        let store = try load("""
            <http://example.org/a> <http://example.org/p> <http://example.org/b> .
            _:s a rdf:Statement ; rdf:subject <http://example.org/a> ; rdf:predicate <http://example.org/p> ;
                rdf:object <http://example.org/b> ; <http://example.org/source> <http://example.org/src> .
            """)
        #expect(store.factCount == 6)
        #expect(store.provenance(ofFact: 0).allSatisfy { $0.source == nil })
    }

    /// Files of an export's shapes, mixed at random: statement nodes, classes, properties and
    /// plain facts over a few names, each triple any of them.
    static let names = ["id:a", "id:b", "_:s1", "_:s2", "t:A", "t:B", "p:won", "p:x"]
    static let predicates = ["rdf:subject", "rdf:predicate", "rdf:object", "kgsh:source", "kgsh:quote", "kgsh:line",
                             "a", "rdfs:subClassOf", "owl:inverseOf", "rdfs:label", "p:won", "p:x"]
    static let objects = names + ["rdf:Statement", "rdfs:Class", "rdf:Property", "\"q\"", "7"]
    static let triple = zip(Gen.int(in: 0...(names.count - 1)), Gen.int(in: 0...(predicates.count - 1)), Gen.int(in: 0...(objects.count - 1)))
        .map { "\(names[$0.0]) \(predicates[$0.1]) \(objects[$0.2]) ." }

    @Test("random files of an export's shapes load whole: the store consistent, and every plain fact they state kept")
    func randomShapes() async {
        await propertyCheck(count: 200, input: Self.triple.array(of: 1...30)) { lines in
            let text = lines.joined(separator: "\n")
            guard let store = try? load(text) else {
                Issue.record("does not load:\n\(text)")
                return
            }
            #expect(store.checkInvariants() == [], "\(text)")
            // A fact between the entities with a predicate of the scheme is never taken for
            // anything else: it is there, by its .kg names.
            let kept = facts(store)
            for line in lines {
                let parts = line.split(separator: " ").map(String.init)
                guard ["id:a", "id:b"].contains(parts[0]), ["p:won", "p:x"].contains(parts[1]) else { continue }
                let object = parts[2].hasPrefix("id:") ? String(parts[2].dropFirst(3))
                    : parts[2] == "7" ? "7" : parts[2] == "\"q\"" ? "q" : nil
                guard let object else { continue }
                #expect(kept.contains("\(parts[0].dropFirst(3)) \(parts[1].dropFirst(2)) \(object)"), "\(line) in\n\(text)")
            }
        }
    }

    @Test("a graph read from RDF, exported and read back, has the same facts under the same IRIs")
    func importedGraphComesBack() throws {
        let mondial = ExportSupport.mondial
        let sub = Subgraph.around(try #require(mondial.terms.entity(ExportSupport.andorra)), depth: 1, in: mondial)
        for format in [ExportFormat.nt, .ttl] {
            let store = try ExportSupport.withFile("andorra." + format.rawValue, Data()) { path in
                try Exporter.write(sub, as: format, to: path)
                return try KnowledgeFiles.load([path], into: FactStore()).get().0
            }
            // Blank nodes are new ones, as any RDF reader makes them.
            func unlabelled(_ facts: Set<ExportSupport.NamedFact>) -> [String] {
                facts.map { f in [f.subject, f.predicate, f.object].map { $0.hasPrefix("_:") ? "_:" : $0 }.joined(separator: " ") + " \(f.provenance)" }.sorted()
            }
            #expect(store.factCount == sub.facts.count)
            #expect(unlabelled(ExportSupport.named(0..<UInt32(store.factCount), in: store)) == unlabelled(ExportSupport.named(sub.facts, in: mondial)), "\(format)")
        }
    }
}
