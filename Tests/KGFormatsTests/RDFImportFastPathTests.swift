import Foundation
@testable import KGFormats
import KGModel
import Testing

/// N-Triples lines of the common shape are imported from byte ranges; all others go through the
/// full parser. Reading the same text as Turtle takes only the full parser, so the two must give
/// the same graph.
@Suite("RDF import: the byte-range path gives the graph the full parser gives")
struct RDFImportFastPathTests {
    static let ntriplesDirectory = RDFConformance.root.appendingPathComponent("ntriples")

    /// Each fact as text, blank nodes as `_:`, so two loads with different blank scopes compare.
    static func facts(_ store: FactStore) -> [String] {
        func text(_ id: TermID) -> String {
            switch store.terms[id] {
            case .entity(let name): name.hasPrefix("_:") ? "_:" : name
            case .literal(.string(let s, let language)): "\"\(s)\"@\(language ?? "-")"
            case .literal(let l): "\(l)|\(l.kind)"
            }
        }
        return store.triples.map { "\(text($0.subject)) \(text($0.predicate)) \(text($0.object))" }.sorted()
    }

    static func types(_ store: FactStore) -> [String] {
        store.entityTypes.compactMap { e, t in store.name(e).hasPrefix("_:") ? nil : "\(store.name(e)) : \(store.name(t))" }.sorted()
    }

    func both(_ bytes: [UInt8]) -> (Result<(FactStore, LoadReport), LoadFailure>, Result<(FactStore, LoadReport), LoadFailure>) {
        (RDFImport.load(path: "x.nt", bytes: bytes, syntax: .nTriples, into: FactStore()),
         RDFImport.load(path: "x.ttl", bytes: bytes, syntax: .turtle, into: FactStore()))
    }

    /// The N-Triples import read in parts of `chunkBytes` (on as many cores as there are).
    func inParts(_ bytes: [UInt8], chunkBytes: Int = 64) -> Result<(FactStore, LoadReport), LoadFailure> {
        bytes.withUnsafeBufferPointer { RDFImport.load(path: "x.nt", buffer: $0, syntax: .nTriples, into: FactStore(), chunkBytes: chunkBytes) }
    }

    @Test("every positive N-Triples file of the W3C suite imports to the same facts and types both ways")
    func w3cFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.ntriplesDirectory.path).filter { $0.hasSuffix(".nt") && !$0.contains("-bad-") }
        #expect(files.count > 30)
        var compared = 0
        for file in files.sorted() {
            let bytes = try RDFConformance.bytes(Self.ntriplesDirectory.appendingPathComponent(file).path)
            let (nt, ttl) = both(bytes)
            guard case .success(let (a, ra)) = nt else { Issue.record("\(file) does not load as N-Triples"); continue }
            guard case .success(let (b, rb)) = ttl else { continue }  // not every N-Triples file is Turtle
            #expect(Self.facts(a) == Self.facts(b), "\(file)")
            #expect(Self.types(a) == Self.types(b), "\(file)")
            #expect(ra.statements == rb.statements, "\(file)")
            #expect(a.checkInvariants() == [], "\(file)")
            let (c, rc) = try inParts(bytes).get()
            #expect(Self.facts(c) == Self.facts(a), "\(file)")
            #expect(Self.types(c) == Self.types(a), "\(file)")
            #expect(rc.statements == ra.statements, "\(file)")
            compared += 1
        }
        #expect(compared > 30)
    }

    @Test("duplicates, late types, tags, datatypes, escapes, blank labels with dots, comments and CRLF")
    func mixed() throws {
        let text = """
            # a comment line
            <http://x.org/a> <http://x.org/p> "one" .
            <http://x.org/a> <http://x.org/p> "one" .\r
            <http://x.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "에이"@KO-kr .
            <http://x.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://x.org/First> .
            <http://x.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://x.org/Second> .
            <http://x.org/b> <http://x.org/n> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <http://x.org/b> <http://x.org/n> "+42"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <http://x.org/b> <http://x.org/n> "forty"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <http://x.org/b> <http://x.org/n> "99999999999999999999"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <http://x.org/b> <http://x.org/d> "2023-02-28"^^<http://www.w3.org/2001/XMLSchema#date> .
            <http://x.org/b> <http://x.org/d> "2023-02-30"^^<http://www.w3.org/2001/XMLSchema#date> .
            <http://x.org/b> <http://x.org/y> "2023"^^<http://www.w3.org/2001/XMLSchema#gYear> .
            <http://x.org/b> <http://x.org/v> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .
            <http://x.org/b> <http://x.org/v> "-0.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .
            <http://x.org/b> <http://x.org/v> "7"^^<http://www.w3.org/2001/XMLSchema#decimal> .
            <http://x.org/b> <http://x.org/v> ".5"^^<http://www.w3.org/2001/XMLSchema#decimal> .
            <http://x.org/b> <http://x.org/v> "1."^^<http://www.w3.org/2001/XMLSchema#decimal> .
            <http://x.org/b> <http://x.org/v> "12345678901234567890.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .
            <http://x.org/b> <http://x.org/s> "plain"^^<http://www.w3.org/2001/XMLSchema#string> .
            <http://x.org/b> <http://x.org/s> "plain" .
            <http://x.org/b> <http://x.org/s> "tab\\there \\u00E9 \\"q\\"" .
            <http://x.org/\\u00E9> <http://x.org/p> _:node.one .
            _:node.one <http://x.org/p> _:n-2 .
            _:n-2 <http://x.org/p> <http://x.org/a> . # trailing comment
            <http://x.org/c>\t<http://x.org/p>\t"한국"@ko\t.
            <http://x.org/c><http://x.org/p><http://x.org/b>.
            <http://x.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "not a type" .
            """
        let (nt, ttl) = both(Array(text.utf8))
        let (a, report) = try nt.get()
        let (b, _) = try ttl.get()
        #expect(Self.facts(a) == Self.facts(b))
        #expect(Self.types(a) == Self.types(b))
        #expect(a.checkInvariants() == [])
        #expect(report.statements == 27)
        // Read in parts on two cores: the same graph, types by first rdf:type in file order.
        for chunkBytes in [16, 200, 1_000] {
            let (c, rc) = try inParts(Array(text.utf8), chunkBytes: chunkBytes).get()
            #expect(Self.facts(c) == Self.facts(a))
            #expect(Self.types(c) == Self.types(a))
            #expect(rc.statements == 27)
            #expect(c.checkInvariants() == [])
        }
        // The second statement of a fact is merged: one fact, and one provenance (the file's:
        // RDF provenance is the file, so the second statement adds nothing to it).
        let p = a.terms.entity("http://x.org/p")!, subject = a.terms.entity("http://x.org/a")!
        let one = a.terms.id(of: .literal(.string("one", language: nil)))!
        let fact = try #require(a.factID(Triple(subject, p, one)))
        #expect(a.provenance(ofFact: fact).count == 1)
        #expect(a.match(subject: subject, predicate: p, object: one).count == 1)
        // The first rdf:type is the entity's type; the language tag is lower-cased.
        #expect(a.name(a.type(of: subject)!) == "http://x.org/First")
        #expect(a.literals(of: subject, predicate: a.builtins.label) == [Label("에이", language: "ko-kr")])
        // 42 and +42 are one integer; words and overflow stay strings; a day that does not exist too.
        let n = a.terms.entity("http://x.org/n")!, bEntity = a.terms.entity("http://x.org/b")!
        #expect(a.match(subject: bEntity, predicate: n, object: nil).map { a.terms[a.triples[Int($0)].object] }.sorted { "\($0)" < "\($1)" }
            == [.literal(.integer(42)), .literal(.string("99999999999999999999", language: nil)), .literal(.string("forty", language: nil))].sorted { "\($0)" < "\($1)" })
    }

    @Test("into a graph that has facts already, in parts: the facts, types and terms Turtle gives, the graph's own ids kept")
    func intoExistingGraph() throws {
        // A graph with facts already: the seed graph, and an RDF file's facts.
        let seedOnly = try KnowledgeFiles.load([Fixtures.repository.appendingPathComponent("Knowledge").path], into: FactStore()).get().0
        let first = "<http://x.org/hq> <http://x.org/rank> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
        let (seed, _) = try RDFImport.load(path: "first.nt", bytes: Array(first.utf8), syntax: .nTriples, into: seedOnly).get()
        // The first part's terms become the graph's own (FactStore.adoptTerms): rdf:type and
        // rdfs:label must still be the graph's `type` and `label`, an IRI the graph has keeps
        // its id, and no term is made that the Turtle path does not make.
        let text = """
            <http://x.org/hq> <http://x.org/rank> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <http://x.org/n1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://x.org/Office> .
            <http://x.org/n1> <http://www.w3.org/2000/01/rdf-schema#label> "사무소"@ko .
            <http://x.org/n1> <http://x.org/partOf> <http://x.org/hq> .
            <http://x.org/n2> <http://x.org/partOf> <http://x.org/n1> .
            <http://x.org/n2> <http://www.w3.org/2004/02/skos/core#altLabel> "둘" .
            <http://x.org/n2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://x.org/Office> .

            """
        let bytes = Array(text.utf8)
        let (ttl, _) = try RDFImport.load(path: "x.ttl", bytes: bytes, syntax: .turtle, into: seed).get()
        for chunkBytes in [16, 120, 10_000] {
            let (nt, report) = try bytes.withUnsafeBufferPointer {
                RDFImport.load(path: "x.nt", buffer: $0, syntax: .nTriples, into: seed, chunkBytes: chunkBytes)
            }.get()
            #expect(report.statements == 7)
            #expect(Self.facts(nt) == Self.facts(ttl), "\(chunkBytes)")
            #expect(Self.types(nt) == Self.types(ttl), "\(chunkBytes)")
            #expect(nt.terms.count == ttl.terms.count, "\(chunkBytes)")
            #expect(nt.terms.entity("http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == nil)
            #expect(nt.terms.entity("http://x.org/hq") == seed.terms.entity("http://x.org/hq"))
            #expect(nt.factCount == seed.factCount + 7)
            let n1 = try #require(nt.terms.entity("http://x.org/n1"))
            #expect(nt.name(nt.type(of: n1)!) == "http://x.org/Office")
            #expect(nt.literals(of: n1, predicate: nt.builtins.label) == [Label("사무소", language: "ko")])
            #expect(nt.checkInvariants() == [])
        }
    }

    @Test("an error on any line, fast shape or not, is reported at its line and column, and nothing loads")
    func errors() throws {
        let text = """
            <http://x.org/a> <http://x.org/p> "ok" .
            <http://x.org/a> <http://x.org/p> "unterminated .
            <http://x.org/a> <relative> "x" .
            <http://x.org/a> <http://x.org/p> "fine" .
            """
        let result = RDFImport.load(path: "bad.nt", bytes: Array(text.utf8), syntax: .nTriples, into: FactStore())
        guard case .failure(let failure) = result else { Issue.record("loaded"); return }
        #expect(failure.diagnostics.map { "\($0.line):\($0.column)" } == ["2:35", "3:18"])
        guard case .failure(let inParts) = inParts(Array(text.utf8), chunkBytes: 16) else { Issue.record("loaded in parts"); return }
        #expect(inParts.diagnostics.map { "\($0.line):\($0.column) \($0.message)" } == failure.diagnostics.map { "\($0.line):\($0.column) \($0.message)" })
    }

    @Test("each byte value (and a two-byte UTF-8 character) at several places inside an IRI and inside a literal: both paths accept it or both refuse it, with the same facts")
    func everyByte() {
        var accepted = (iri: 0, literal: 0), refused = (iri: 0, literal: 0)
        // The byte-range path passes 16 bytes at a time while no byte in them needs a look, then
        // goes byte by byte: the byte under test lands at several places in a block, with 20
        // ordinary bytes after it so that nothing else in its block stops the pass.
        let after = Array(repeating: UInt8(ascii: "y"), count: 20)
        for pad in [0, 7, 23] {
            let padding = Array(repeating: UInt8(ascii: "x"), count: pad)
            for value in 0...256 {
                // 256 stands for 'é' (0xC3 0xA9): beyond ASCII and well formed.
                let middle: [UInt8] = value == 256 ? [0xC3, 0xA9] : [UInt8(value)]
                let iriLine = Array("<http://a.example/s".utf8) + padding + middle + after + Array("> <http://a.example/p> \"v\" .\n".utf8)
                let literalLine = Array("<http://a.example/s> <http://a.example/p> \"v".utf8) + padding + middle + after + Array("\" .\n".utf8)
                for (line, isIRI) in [(iriLine, true), (literalLine, false)] {
                    let (nt, ttl) = both(line)
                    switch (nt, ttl) {
                    case (.success(let (a, _)), .success(let (b, _))):
                        #expect(Self.facts(a) == Self.facts(b), "byte \(value) after \(pad)")
                        if isIRI { accepted.iri += 1 } else { accepted.literal += 1 }
                    case (.failure, .failure):
                        if isIRI { refused.iri += 1 } else { refused.literal += 1 }
                    default:
                        Issue.record("byte \(value) after \(pad) in \(isIRI ? "an IRI" : "a literal"): N-Triples \(nt.isSuccess ? "accepts" : "refuses") it, Turtle does not")
                    }
                }
            }
        }
        // Refused in an IRI: 0x00–0x20, < > " { } | ^ ` \\ and the 128 lone bytes from 0x80; in a
        // literal: line breaks, " and \\ (a lone escape) and the same 128 — at each of 3 places.
        #expect(refused.iri == 3 * (33 + 9 + 128) && accepted.iri == 3 * 257 - refused.iri)
        #expect(refused.literal == 3 * (2 + 2 + 128) && accepted.literal == 3 * 257 - refused.literal)
    }

    @Test("the stop sets of the byte-range path are the bytes their comments name")
    func stopSets() {
        #expect(NTriplesFastLine.iriStops == NTriplesFastLine.stopSet(Array(0...0x20) + Array("<\"{}|^`\\>".utf8)))
        #expect(NTriplesFastLine.literalStops == NTriplesFastLine.stopSet([0x0A, 0x0D] + Array("\\\"".utf8)))
    }
}

private extension Result {
    var isSuccess: Bool { if case .success = self { true } else { false } }
}
