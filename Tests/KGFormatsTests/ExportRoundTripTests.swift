import Foundation
import KGFormats
import KGModel
import Testing

@Suite("Export round trips, subgraphs and files")
struct ExportRoundTripTests {
    typealias S = ExportSupport

    // MARK: .kg loads back

    @Test("kg export of the whole graph loads back to the same facts and provenance", arguments: ["small", "seed"])
    func kgRoundTrip(graph: String) throws {
        let store = graph == "small" ? S.small : S.seed
        let text = try KGWriter.write(.all(store), options: ExportOptions(schema: .all))
        let loaded = try S.loadKG(text)
        #expect(loaded.checkInvariants() == [])
        #expect(S.named(0..<UInt32(loaded.factCount), in: loaded) == S.named(0..<UInt32(store.factCount), in: store))
        #expect(loaded.factCount == store.factCount)
        #expect(Set(loaded.schema.types.values.map(\.name)) == Set(store.schema.types.values.map(\.name)))
        #expect(Set(loaded.schema.predicates.values.map(\.name)) == Set(store.schema.predicates.values.map(\.name)))
        for (id, info) in store.schema.predicates {
            let other = loaded.schema.predicates[loaded.terms.entity(info.name)!]!
            #expect(other.inverseName == info.inverseName && other.labels == info.labels)
            #expect(other.domain.map { loaded.name($0) } == info.domain.map { store.name($0) }, "\(store.name(id))")
        }
        // Exporting what was loaded gives the same text again.
        #expect(try KGWriter.write(.all(loaded), options: ExportOptions(schema: .all)) == text)
    }

    @Test("kg export of a neighbourhood loads on its own: its facts plus the declarations they need")
    func kgNeighbourhood() throws {
        let store = S.seed
        let sub = Subgraph.around(S.entity("daegu", in: store), depth: 2, in: store)
        let loaded = try S.loadKG(try KGWriter.write(sub))
        let written = S.named(0..<UInt32(loaded.factCount), in: loaded)
        let wanted = S.named(sub.facts, in: store)
        #expect(wanted.isSubset(of: written))
        #expect(written.subtracting(wanted).allSatisfy { $0.predicate == "type" })
        #expect(loaded.checkInvariants() == [])
    }

    @Test("every value survives: negative money, whole decimals under Literal, years, zones")
    func literalEdges() throws {
        let text = """
            predicate any : Thing -> Literal
            predicate cost : Thing -> Money
            predicate ratio : Thing -> Decimal
            @source s
            s type Thing
            s any ₩-5000
            s any 2023년
            s cost -1
            s ratio 5
            s any 2022-02-10T17:34:05Z
            s any "줄\\n바꿈\\t\\"따옴표\\" \\\\"@en-gb
            """
        let store = try S.loadKG(text)
        let again = try S.loadKG(try KGWriter.write(.all(store)))
        #expect(S.named(0..<UInt32(again.factCount), in: again) == S.named(0..<UInt32(store.factCount), in: store))
        #expect(store.terms.id(of: .literal(.money(-5000))) != nil && again.terms.id(of: .literal(.money(-5000))) != nil)
        #expect(again.terms.id(of: .literal(.decimal(DecimalNumber(mantissa: 5, scale: 0)))) != nil)
    }

    @Test("kg writes IRIs as <…>, blank nodes as _:label and unsourced facts under @nosource; the text loads back")
    func kgFromRDF() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.ttl").path
        try Data("""
            @prefix ex: <http://example.org/> .
            ex:a a ex:City ; ex:p "x" , 7 ; ex:q [ ex:r ex:b ] .
            ex:City <http://www.w3.org/2000/01/rdf-schema#label> "City"@en .

            """.utf8).write(to: URL(fileURLWithPath: path))
        let (store, _) = try KnowledgeFiles.load([path], into: FactStore()).get()
        let text = try KGWriter.write(.all(store), options: ExportOptions(schema: .all))
        let blank = try #require(store.entityTypes.keys.map { store.name($0) }.first { $0.hasPrefix("_:") })
        #expect(text == """
            # kgsh export: 6 facts; the schema they use comes first.
            type <http://example.org/City> "City"
            predicate <http://example.org/p> : Thing -> Thing|Literal "p"
            predicate <http://example.org/r> : Thing -> Thing|Literal "r"
            predicate <http://example.org/q> : Thing -> Thing|Literal "q"

            @nosource
            <http://example.org/a> type <http://example.org/City>
            <http://example.org/a> <http://example.org/p> "x"
            <http://example.org/a> <http://example.org/p> 7
            \(blank) <http://example.org/r> <http://example.org/b>
            <http://example.org/a> <http://example.org/q> \(blank)
            <http://example.org/City> label "City"@en

            """)
        let loaded = try S.loadKG(text)
        #expect(loaded.checkInvariants() == [])
        #expect(S.named(0..<UInt32(loaded.factCount), in: loaded) == S.named(0..<UInt32(store.factCount), in: store))
        #expect(loaded.entityTypes.count == store.entityTypes.count)
        #expect(try KGWriter.write(.all(loaded), options: ExportOptions(schema: .all)) == text)
    }

    @Test("2 hops around Andorra in MONDIAL go out as .kg and load on their own: the same facts, nothing added")
    func kgMondialNeighbourhood() throws {
        let store = S.mondial
        let sub = Subgraph.around(try #require(store.terms.entity(S.andorra)), depth: 2, in: store)
        let loaded = try S.loadKG(try KGWriter.write(sub), path: "andorra.kg")
        #expect(loaded.checkInvariants() == [])
        let wanted = S.named(sub.facts, in: store), written = S.named(0..<UInt32(loaded.factCount), in: loaded)
        #expect(wanted.subtracting(written).isEmpty)
        // The type facts of the entities the facts name come along, and nothing else.
        #expect(written.subtracting(wanted).allSatisfy { $0.predicate == "type" })
        #expect(sub.facts.count == 4_463)
    }

    @Test("the whole MONDIAL Europe graph goes out as .kg and loads back to the same 64,566 facts, types and labels")
    func kgMondial() throws {
        let (store, _) = try KnowledgeFiles.load([RDFImportTests.mondial], into: FactStore()).get()
        let text = try KGWriter.write(.all(store))
        let loaded = try S.loadKG(text, path: "mondial.kg")
        #expect(loaded.factCount == 64_566)
        let before = S.named(0..<UInt32(store.factCount), in: store), after = S.named(0..<UInt32(loaded.factCount), in: loaded)
        #expect(before.subtracting(after).isEmpty, "lost: \(before.subtracting(after).sorted().prefix(3))")
        #expect(after.subtracting(before).isEmpty, "gained: \(after.subtracting(before).sorted().prefix(3))")
        func types(_ s: FactStore) -> [String: String] {
            Dictionary(uniqueKeysWithValues: s.entityTypes.map { (s.name($0.key), s.name($0.value)) })
        }
        #expect(types(loaded) == types(store))
        let greece = try #require(loaded.terms.entity("http://www.semwebtech.org/mondial/10/countries/GR/"))
        #expect(loaded.resolveEntity("Greece") == .found(greece))
    }

    // MARK: RDF reads back

    /// The triples `RDFExport` makes, with blank nodes as the readers label them in scope 7.
    func expected(_ sub: Subgraph) -> Set<RDFTriple> {
        func scoped(_ t: RDFTerm) -> RDFTerm { if case .blank(let l) = t { .blank("b7_" + l) } else { t } }
        return Set(RDFExport.triples(of: sub).map { RDFTriple(scoped($0.subject), $0.predicate, scoped($0.object)) })
    }

    @Test("N-Triples and Turtle exports read back with kgsh's own readers to the same triples", arguments: [0, 1, 2])
    func rdfReadsBack(which: Int) throws {
        let (name, sub) = S.graphs[which]
        let triples = RDFExport.triples(of: sub)
        #expect(triples.count == sub.expectedRDFCount, "\(name)")
        #expect(Set(triples).count == triples.count)
        var fromNT: [RDFTriple] = [], fromTTL: [RDFTriple] = []
        let options = RDFReaderOptions(blankNodeScope: 7)
        #expect(NTriplesReader.read(Array(NTriplesWriter.write(sub).utf8), options: options) { fromNT.append($0) } == [])
        #expect(TurtleReader.read(Array(TurtleWriter.write(sub).utf8), options: options) { fromTTL.append($0) } == [])
        #expect(fromNT.count == triples.count)
        #expect(fromTTL.count == triples.count)
        #expect(Set(fromNT) == expected(sub))
        #expect(Set(fromTTL) == expected(sub))
    }

    @Test("an N-Triples export imports into kgsh with labels, aliases and literal kinds intact")
    func rdfImports() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("small.nt").path
        try Exporter.write(.all(S.small), as: .nt, to: path)
        let (store, _) = try KnowledgeFiles.load([path], into: FactStore()).get()
        // The scheme's IRIs are the .kg names again.
        let incheon = S.entity("incheon", in: store)
        #expect(store.displayName(incheon, language: "ko") == "인천광역시")
        // skos:altLabel comes back as an alias: the name finds the entity.
        #expect(store.resolveEntity("인천시") == .found(incheon))
        #expect(store.match(subject: incheon, predicate: store.builtins.alias, object: nil).count == 1)
        #expect(store.name(store.type(of: incheon)!) == "City")
        let award = S.entity("award-one", in: store)
        func object(_ p: String) -> Term? {
            let pid = store.terms.entity(p)!
            return store.match(subject: award, predicate: pid, object: nil).first.map { store.terms[store.triples[Int($0)].object] }
        }
        #expect(object("rank") == .literal(.integer(1)))
        #expect(object("score") == .literal(.decimal(DecimalNumber(mantissa: 325, scale: 2))))
        #expect(object("announcedOn") == .literal(.date(CalendarDate(year: 2023, month: 12, day: 27)!)))
        #expect(object("year") == .literal(.year(2023)))
        #expect(object("firstTime") == .literal(.boolean(true)))
        #expect(object("prize") == .literal(.money(120_000_000)))
    }

    @Test("every literal of the seed graph comes back from its N-Triples export with its kind and value", arguments: [ExportFormat.nt, .ttl])
    func seedLiteralsSurvive(format: ExportFormat) throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = S.seed
        let path = dir.appendingPathComponent("seed." + format.rawValue).path
        try Exporter.write(.all(seed), as: format, to: path)
        let (store, _) = try KnowledgeFiles.load([path], into: FactStore()).get()
        func literals(_ s: FactStore) -> Set<Literal> { Set(s.triples.compactMap { s.terms[$0.object].literal }) }
        let original = literals(seed)
        #expect(original.contains { $0.kind == .money })
        #expect(original.contains { $0.kind == .dateTime } || original.contains { $0.kind == .date })
        #expect(original.subtracting(literals(store)) == [])
    }

    @Test("nt and ttl exports of the seed graph load back to the seed graph: the same facts by name, each with its sources and sentences, types, schema labels and inverses", arguments: [ExportFormat.nt, .ttl])
    func seedGraphComesBack(format: ExportFormat) throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = S.seed
        let path = dir.appendingPathComponent("seed." + format.rawValue).path
        try Exporter.write(.all(seed), as: format, to: path)
        let (store, report) = try KnowledgeFiles.load([path], into: FactStore()).get()
        #expect(store.checkInvariants() == [])
        #expect(store.factCount == seed.factCount)
        #expect(report.newFacts == seed.factCount)
        let lost = S.named(0..<UInt32(seed.factCount), in: seed).subtracting(S.named(0..<UInt32(store.factCount), in: store))
        #expect(lost.sorted().prefix(3).map { "\($0)" } == [])
        func types(_ s: FactStore) -> [String: String] {
            Dictionary(uniqueKeysWithValues: s.entityTypes.map { (s.name($0.key), s.name($0.value)) })
        }
        #expect(types(store) == types(seed))
        // The schema the facts use: types with their labels and supertypes, predicates with
        // their labels and inverse names.
        let usedTypes = Set(seed.entityTypes.values)
        for (id, info) in seed.schema.types where usedTypes.contains(id) && id != seed.builtins.thing {
            let back = try #require(store.terms.entity(info.name).flatMap { store.schema.types[$0] }, "\(info.name)")
            #expect(back.labels == info.labels, "\(info.name)")
            #expect(back.parent.map { store.name($0) } == info.parent.map { seed.name($0) }, "\(info.name)")
        }
        let usedPredicates = Set(seed.triples.map(\.predicate))
        for (id, info) in seed.schema.predicates where usedPredicates.contains(id) && ![seed.builtins.type, seed.builtins.label, seed.builtins.alias].contains(id) {
            let back = try #require(store.terms.entity(info.name).flatMap { store.schema.predicates[$0] }, "\(info.name)")
            #expect(back.labels == info.labels && back.inverseName == info.inverseName, "\(info.name)")
        }
        // Each fact's provenance is its source and sentence, found in the file it was read from.
        let daegu = S.entity("daegu", in: store)
        let located = store.match(subject: daegu, predicate: nil, object: nil).flatMap { store.provenance(ofFact: $0) }
        #expect(!located.isEmpty && located.allSatisfy { store.files[Int($0.location.file)] == path && $0.location.line == 0 })
        // No prefix of kgsh's own scheme is taken from a Turtle export: its IRIs are names again.
        #expect(!store.prefixes.entries.contains { $0.namespace.hasPrefix(IRIScheme.base) })
    }

    @Test("an export loaded into the graph it came from adds nothing: its facts meet the graph's own, with the file as another statement of each", arguments: [ExportFormat.nt, .ttl])
    func exportMeetsItsGraph(format: ExportFormat) throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = S.seed
        let sub = Subgraph.around(S.entity("daegu", in: seed), depth: 2, in: seed)
        let path = dir.appendingPathComponent("daegu." + format.rawValue).path
        try Exporter.write(sub, as: format, to: path)
        let (store, report) = try KnowledgeFiles.load([path], into: seed).get()
        #expect(report.newFacts == 0 && report.entities == 0)
        #expect(store.factCount == seed.factCount)
        #expect(store.entityTypes.count == seed.entityTypes.count)
        #expect(store.schema.types.count == seed.schema.types.count && store.schema.predicates.count == seed.schema.predicates.count)
        let fact = try #require(sub.facts.first { seed.triples[Int($0)].predicate != seed.builtins.type })
        let sources = Set(store.provenance(ofFact: fact).map { store.files[Int($0.location.file)] })
        #expect(sources.contains(path) && sources.count == 2)
        // A fact its source states twice (in Knowledge/ and in the export) counts once for it.
        #expect(store.factCountsBySource() == seed.factCountsBySource())
    }

    @Test("a graph read from RDF goes back out with its IRIs and blank nodes as they are")
    func rdfOut() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("in.ttl").path
        let ttl = #"""
            @prefix ex: <http://example.org/> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            _:x a ex:T ; rdfs:label "엑스"@ko ; ex:p <http://example.org/a%20b>, 12, "1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .
            """#
        try Data(ttl.utf8).write(to: URL(fileURLWithPath: path))
        let (store, _) = try KnowledgeFiles.load([path], into: FactStore()).get()
        let sub = Subgraph.all(store)
        let nt = NTriplesWriter.write(sub, options: ExportOptions(provenance: false))
        #expect(nt.contains("<http://example.org/a%20b>"))
        #expect(nt.contains(#"_:b"#) && nt.contains("<http://example.org/T>") && nt.contains(#""엑스"@ko"#))
        var read: [RDFTriple] = []
        #expect(NTriplesReader.read(Array(nt.utf8)) { read.append($0) } == [])
        #expect(read.count == store.factCount)
        var fromTTL = 0
        #expect(TurtleReader.read(Array(TurtleWriter.write(sub).utf8)) { _ in fromTTL += 1 } == [])
        #expect(fromTTL == sub.expectedRDFCount)
        // Facts read from RDF have no source: 4 statement triples and the file each.
        #expect(sub.expectedRDFCount == store.factCount * 6)
    }

    // MARK: Subgraphs

    func names(_ sub: Subgraph) -> Set<String> {
        Set(sub.facts.map { fid in
            let t = sub.store.triples[Int(fid)]
            return "\(sub.store.name(t.subject)) \(sub.store.name(t.predicate)) \(sub.store.name(t.object))"
        })
    }

    @Test("around: hops in both directions, never through type, label or alias; names of all reached")
    func around() {
        let store = S.small
        let node = S.entity("node", in: store)
        #expect(names(.around(node, depth: 0, in: store)) == ["node type Organization", #"node label "graph \"노드\""@ko"#])
        let one = names(.around(node, depth: 1, in: store))
        #expect(one.contains("incheon partner node"))
        #expect(one.contains("incheon type City") && one.contains(#"incheon label "인천광역시"@ko"#) && one.contains(#"incheon alias "인천시"@ko"#))
        #expect(!one.contains("incheon won award-one"))
        let two = names(.around(node, depth: 2, in: store))
        #expect(two.contains("incheon won award-one") && two.contains("award-one type Award"))
        #expect(!two.contains("award-one rank 1"))
        #expect(!two.contains("end type Organization"))
        #expect(names(.around(node, depth: 3, in: store)).contains("award-one rank 1"))
    }

    @Test("along paths: the facts of each step and the names of the entities on them")
    func along() {
        let store = S.small
        let (node, incheon, award) = (S.entity("node", in: store), S.entity("incheon", in: store), S.entity("award-one", in: store))
        let partner = store.terms.entity("partner")!, won = store.terms.entity("won")!
        let sub = Subgraph.along(paths: [[Triple(incheon, partner, node), Triple(incheon, won, award)]], in: store)
        let n = names(sub)
        #expect(n.contains("incheon partner node") && n.contains("incheon won award-one"))
        #expect(n.contains("award-one type Award") && n.contains("node type Organization"))
        #expect(!n.contains("award-one rank 1"))
        #expect(Subgraph.along(paths: [[Triple(incheon, won, node)]], in: store, names: false).facts.isEmpty)
        #expect(Subgraph.all(store).facts.count == store.factCount)
    }

    // MARK: Files

    @Test("write: a single file whole; CSV into a directory or beside a prefix")
    func files() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sub = Subgraph.all(S.small)
        let ttl = dir.appendingPathComponent("g.ttl").path
        #expect(try Exporter.write(sub, as: .ttl, to: ttl) == [ttl])
        #expect(String(decoding: FileManager.default.contents(atPath: ttl)!, as: UTF8.self) == TurtleWriter.write(sub))
        let (nodes, edges) = CSVWriter.write(sub)
        #expect(try Exporter.write(sub, as: .csv, to: dir.path) == [dir.path + "/nodes.csv", dir.path + "/edges.csv"])
        #expect(FileManager.default.contents(atPath: dir.path + "/nodes.csv") == Data(nodes.utf8))
        #expect(FileManager.default.contents(atPath: dir.path + "/edges.csv") == Data(edges.utf8))
        let prefix = dir.appendingPathComponent("graph.csv").path
        let written = try Exporter.write(sub, as: .csv, to: prefix)
        #expect(written == [dir.path + "/graph-nodes.csv", dir.path + "/graph-edges.csv"])
        #expect(FileManager.default.contents(atPath: written[1]) == Data(edges.utf8))
        #expect(Exporter.destinations(for: .csv, path: "out/") == ["out/nodes.csv", "out/edges.csv"])
        #expect(Exporter.destinations(for: .json, path: "out/g.json") == ["out/g.json"])
        // Nothing is left behind: no temporary files.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == ["edges.csv", "g.ttl", "graph-edges.csv", "graph-nodes.csv", "nodes.csv"])
    }

    @Test("N-Triples and Turtle go to their file a piece at a time: the same text as in memory, pieces of whole statements, errors as for any file")
    func ntStreams() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sub = Subgraph.all(S.seed)
        let whole = NTriplesWriter.write(sub)
        var pieces: [String] = []
        NTriplesWriter.write(sub, pieceBytes: 4096) { pieces.append($0) }
        #expect(pieces.count > 10 && pieces.joined() == whole)
        #expect(pieces.allSatisfy { $0.hasSuffix(" .\n") && $0.utf8.count < 4096 + 2048 })
        let path = dir.appendingPathComponent("seed.nt").path
        #expect(try Exporter.write(sub, as: .nt, to: path) == [path])
        #expect(FileManager.default.contents(atPath: path) == Data(whole.utf8))
        // Over an existing file: replaced whole; into a device: written as it comes.
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try Exporter.write(.all(S.small), as: .nt, to: path)
        #expect(FileManager.default.contents(atPath: path) == Data(NTriplesWriter.write(.all(S.small)).utf8))
        #expect(try Exporter.write(sub, as: .nt, to: "/dev/null") == ["/dev/null"])
        let missing = dir.appendingPathComponent("no/g.nt").path
        #expect(throws: ExportError("cannot write '\(missing)': no such directory '\(dir.path)/no'")) {
            try Exporter.write(sub, as: .nt, to: missing)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["seed.nt"])
        // A write that fails part way (a full device) is an error naming the target.
        if FileManager.default.fileExists(atPath: "/dev/full") {
            for format in [ExportFormat.nt, .ttl] {
                #expect(throws: ExportError("cannot write '/dev/full': No space left on device")) {
                    try Exporter.write(sub, as: format, to: "/dev/full")
                }
            }
        }
        // Turtle too: the schema and facts grouped, then each reified statement as it comes.
        let ttl = TurtleWriter.write(sub)
        var turtlePieces: [String] = []
        TurtleWriter.write(sub, pieceBytes: 4096) { turtlePieces.append($0) }
        #expect(turtlePieces.count > 10 && turtlePieces.joined() == ttl)
        #expect(turtlePieces.allSatisfy { $0.hasSuffix(" .\n") })
        let ttlPath = dir.appendingPathComponent("seed.ttl").path
        #expect(try Exporter.write(sub, as: .ttl, to: ttlPath) == [ttlPath])
        #expect(FileManager.default.contents(atPath: ttlPath) == Data(ttl.utf8))
        var read: [RDFTriple] = []
        #expect(TurtleReader.read(Array(ttl.utf8)) { read.append($0) } == [])
        #expect(read.count == sub.expectedRDFCount)
    }

    @Test("write: a missing directory is an error and writes nothing; a failed second CSV file undoes the first")
    func fileErrors() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sub = Subgraph.all(S.small)
        let missing = dir.appendingPathComponent("no/such/g.dot").path
        #expect(throws: ExportError("cannot write '\(missing)': no such directory '\(dir.path)/no/such'")) {
            try Exporter.write(sub, as: .dot, to: missing)
        }
        // edges.csv cannot be written (a directory stands in its place): nodes.csv is put back.
        try Data("old nodes".utf8).write(to: dir.appendingPathComponent("p-nodes.csv"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("p-edges.csv/full"), withIntermediateDirectories: true)
        #expect(throws: ExportError.self) { try Exporter.write(sub, as: .csv, to: dir.appendingPathComponent("p").path) }
        #expect(FileManager.default.contents(atPath: dir.appendingPathComponent("p-nodes.csv").path) == Data("old nodes".utf8))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("q-edges.csv/full"), withIntermediateDirectories: true)
        #expect(throws: ExportError.self) { try Exporter.write(sub, as: .csv, to: dir.appendingPathComponent("q").path) }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("q-nodes.csv").path))
    }

    @Test("Graphviz that takes too long is stopped with a clear error")
    func graphvizTimeout() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let slow = dir.appendingPathComponent("dot").path
        try Data("#!/bin/sh\nexec sleep 30\n".utf8).write(to: URL(fileURLWithPath: slow))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: slow)
        let start = Date()
        #expect(throws: ExportError("cannot render SVG: Graphviz took longer than 1 seconds to lay the graph out and was stopped; export a smaller selection, or as dot")) {
            try Exporter.render(.all(S.small), as: .svg, options: ExportOptions(graphviz: slow, graphvizTimeout: 1))
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("png and svg without Graphviz: a clear error")
    func noGraphviz() {
        #expect(throws: ExportError("cannot render PNG: Graphviz 'dot' is not installed (no program at '/nonexistent/dot'); install the graphviz package, or export as dot")) {
            try Exporter.render(.all(S.small), as: .png, options: ExportOptions(graphviz: "/nonexistent/dot"))
        }
    }
}
