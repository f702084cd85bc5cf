import Foundation
import KGFormats
import KGModel
import Testing

/// The graphs the export tests write, snapshot files, and the real programs that read exports.
enum ExportSupport {
    /// A small graph with every literal kind, an inverse, Hangul and English labels, an alias, a
    /// quote holding `"` and a line break, strings with every character some format escapes
    /// (control characters too), a fact two sources state, and names that are keywords in DOT
    /// (`node`) and Mermaid (`end`).
    static let smallText = #"""
        type Organization "조직"@ko "Organization"@en
        type City < Organization "도시"@ko "City"@en
        type Award "상"@ko "Award"@en
        type Article "기사"@ko "Article"@en
        predicate won : Organization -> Award inverse awardedTo "수상"@ko "won"@en
        predicate rank : Award -> Integer "순위"@ko "rank"@en
        predicate score : Award -> Decimal "점수"@ko "score"@en
        predicate prize : Award -> Money "상금"@ko "prize money"@en
        predicate announcedOn : Award -> Date "발표일"@ko "announced on"@en
        predicate publishedAt : Article -> DateTime "게재 시각"@ko "published at"@en
        predicate year : Award -> Year "연도"@ko "year"@en
        predicate firstTime : Award -> Boolean "최초"@ko "first time"@en
        predicate note : Thing -> String "비고"@ko "note"@en
        predicate partner : Organization -> Organization "협력"@ko "partner"@en

        @source art-one
        art-one type Article
        art-one label "기사 하나"@ko
        art-one publishedAt 2022-02-10T17:34

        incheon type City
        incheon label "인천광역시"@ko
        incheon label "Incheon Metropolitan City"@en
        incheon alias "인천시"@ko
        incheon note "Tab\there & <xml> 'single' \"double\" back\\slash, comma #1 `tick`"
        incheon partner node

        node type Organization
        node label "graph \"노드\""@ko
        end type Organization
        end label "end"@en
        end note "bell\u0007 carriage\rreturn"

        says "시장은 \"최우수\"라고 말했다.\n둘째 줄"
          award-one type Award
          award-one awardedTo incheon
          award-one rank 1
          award-one score 3.25
          award-one prize 1억 2천만원
          award-one announcedOn 2023-12-27
          award-one year 2023
          award-one firstTime true
          award-one note "end"@en

        @source art-two
        art-two type Article
        art-two publishedAt 2023-12-27T09:05:30+09:00
        incheon won award-one
        """#

    static let small: FactStore = {
        switch Fixtures.load([("small.kg", smallText)]) {
        case .success(let (store, _)): return store
        case .failure(let f): fatalError("the small export graph does not load:\n\(f.rendered)")
        }
    }()

    static let knowledge = Fixtures.repository.appendingPathComponent("Knowledge").path

    static let seed: FactStore = {
        switch KnowledgeFiles.load([knowledge], into: FactStore()) {
        case .success(let (store, _)): return store
        case .failure(let f): fatalError("Knowledge/ does not load:\n\(f.rendered)")
        }
    }()

    static func entity(_ name: String, in store: FactStore) -> TermID {
        guard let id = store.terms.entity(name), store.type(of: id) != nil else { fatalError("no entity \(name)") }
        return id
    }

    /// The graphs every consumer checks: the small one, the seed graph whole, and 2 hops around daegu.
    static var graphs: [(String, Subgraph)] {
        [("small", .all(small)), ("seed-all", .all(seed)), ("seed-daegu-2", .around(entity("daegu", in: seed), depth: 2, in: seed)),
         ("mondial-andorra-2", .around(mondial.terms.entity(andorra)!, depth: 2, in: mondial))]
    }

    /// The MONDIAL Europe extract (`../shared/datasets/mondial`: Turtle, relative IRIs, blank
    /// nodes, Greek and Cyrillic text), loaded once.
    static let mondial: FactStore = {
        let path = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/datasets/mondial/mondial-europe.n3").path
        return try! KnowledgeFiles.load([path], into: FactStore()).get().0
    }()
    static let andorra = "http://www.semwebtech.org/mondial/10/countries/AND/"

    /// A label each graph's picture must show.
    static func sampleLabel(_ graph: String) -> String {
        graph == "small" ? "인천광역시" : graph.hasPrefix("mondial") ? "Andorra" : "대구광역시"
    }

    // MARK: Facts by name

    /// A fact in names, with its provenances as (source, quote) pairs, sorted.
    struct NamedFact: Hashable, Comparable {
        let subject: String
        let predicate: String
        let object: String
        let provenance: [String]

        static func < (a: NamedFact, b: NamedFact) -> Bool {
            (a.subject, a.predicate, a.object) < (b.subject, b.predicate, b.object)
        }
    }

    static func named(_ fid: UInt32, in store: FactStore) -> NamedFact {
        let t = store.triples[Int(fid)]
        let object: String = switch store.terms[t.object] {
        case .entity(let n): n
        case .literal(let l): "\(l)"
        }
        let provenance = store.provenance(ofFact: fid).map { p in
            "\(p.source.map { store.name($0) } ?? "-") | \(p.quote.map { store.quotes[Int($0)] } ?? "-")"
        }.sorted()
        return NamedFact(subject: store.name(t.subject), predicate: store.name(t.predicate), object: object, provenance: provenance)
    }

    static func named(_ facts: some Sequence<UInt32>, in store: FactStore) -> Set<NamedFact> {
        Set(facts.map { named($0, in: store) })
    }

    /// Loads `.kg` text into a new store.
    static func loadKG(_ text: String, path: String = "export.kg") throws -> FactStore {
        switch KGLoader.load([KGParser.parse(path: path, bytes: Array(text.utf8))], into: FactStore()) {
        case .success(let (store, _)): return store
        case .failure(let f):
            Issue.record("the .kg export does not load:\n\(f.rendered)")
            throw f
        }
    }

    // MARK: Snapshots

    static let snapshots = Fixtures.directory.appendingPathComponent("export")

    /// Compares `text` with the snapshot file `name`; with `KGSH_UPDATE_SNAPSHOTS=1` in the
    /// environment, writes it instead.
    static func expectSnapshot(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let url = snapshots.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["KGSH_UPDATE_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: snapshots, withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no snapshot \(url.path): run the tests with KGSH_UPDATE_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != text {
            func lines(_ s: String) -> [String] {
                s.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { String(String.UnicodeScalarView($0)).replacingOccurrences(of: "\r", with: "\\r") }
            }
            let a = lines(expected), b = lines(text)
            let line = Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)
            Issue.record("""
                \(name) differs from its snapshot at line \(line + 1):
                  expected: \(line < a.count ? a[line] : "<end>")
                  actual:   \(line < b.count ? b[line] : "<end>")
                (KGSH_UPDATE_SNAPSHOTS=1 records the new output)
                """, sourceLocation: sourceLocation)
        }
    }

    // MARK: Real consumers

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The install hint for each program a test runs.
    static let installHints: [String: String] = [
        "dot": "apt-get install graphviz",
        "rapper": "apt-get install raptor2-utils",
        "xmllint": "apt-get install libxml2-utils",
        "python3": "apt-get install python3",
        "node": "apt-get install nodejs",
    ]

    /// Runs `program` with `arguments`; a program that is not installed fails the test (nil).
    static func run(_ program: String, _ arguments: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Run? {
        guard let path = Subprocess.which(program) else {
            Issue.record("\(program) is not installed: \(installHints[program] ?? "install it") (see shared/design/validators.md)", sourceLocation: sourceLocation)
            return nil
        }
        let run = try Subprocess.run(path, arguments, timeout: 600)
        if run.timedOut { Issue.record("\(program) ran for over 600 s and was killed", sourceLocation: sourceLocation) }
        return Run(status: run.status, stdout: String(decoding: run.stdout, as: UTF8.self), stderr: String(decoding: run.stderr, as: UTF8.self))
    }

    /// Runs a Python 3 program; a missing module fails the test with the pip command that installs it.
    static func python(_ script: String, _ arguments: [String], module: String, pip: String,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Run? {
        guard let check = try run("python3", ["-c", "import \(module)"], sourceLocation: sourceLocation) else { return nil }
        guard check.status == 0 else {
            Issue.record("python3 cannot import \(module): python3 -m pip install \(pip) (see shared/design/validators.md)", sourceLocation: sourceLocation)
            return nil
        }
        return try run("python3", ["-c", script] + arguments, sourceLocation: sourceLocation)
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kgsh-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes `data` to a new file `name` in a new temporary directory; `body` gets its path.
    static func withFile<T>(_ name: String, _ data: Data, _ body: (String) throws -> T) throws -> T {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        try data.write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    /// The official Mermaid 11 parser bundled in the PyPI package mermaid-parser-py.
    static func mermaidBundle(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String? {
        let find = "import importlib.util,os;s=importlib.util.find_spec('mermaid_parser');print(os.path.join(list(s.submodule_search_locations)[0],'js','parser.bundle.js') if s else '')"
        guard let r = try run("python3", ["-c", find], sourceLocation: sourceLocation) else { return nil }
        let path = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard r.status == 0, !path.isEmpty, FileManager.default.fileExists(atPath: path) else {
            Issue.record("the Mermaid parser is not installed: python3 -m pip install --no-deps mermaid-parser-py==0.0.4 (see shared/design/validators.md)", sourceLocation: sourceLocation)
            return nil
        }
        return path
    }

    /// validators.md's `mmdcheck.js`: exit 0 and `ok <diagram type>` when Mermaid parses the file.
    static let mermaidCheck = """
        const parse = require(process.argv[2]);
        const text = require('fs').readFileSync(process.argv[3], 'utf8');
        parse(text).then(s => { const r = JSON.parse(s); console.log('ok', r.graph_type); },
                         e => { console.error('invalid:', String(e.message || e)); process.exit(1); });
        """

    /// validators.md's structural GraphML check: unique node ids, declared edge ends and keys.
    static let graphMLStructure = """
        import sys, xml.etree.ElementTree as ET
        ns = {'g': 'http://graphml.graphdrawing.org/xmlns'}
        root = ET.parse(sys.argv[1]).getroot()
        assert root.tag == '{http://graphml.graphdrawing.org/xmlns}graphml', 'wrong root/namespace'
        keys = {k.get('id') for k in root.findall('g:key', ns)}
        ids = [n.get('id') for n in root.iter('{http://graphml.graphdrawing.org/xmlns}node')]
        assert len(ids) == len(set(ids)), 'duplicate node id'
        for e in root.iter('{http://graphml.graphdrawing.org/xmlns}edge'):
            assert e.get('source') in ids and e.get('target') in ids, f'dangling edge {e.get("id")}'
        for d in root.iter('{http://graphml.graphdrawing.org/xmlns}data'):
            assert d.get('key') in keys, f'undeclared key {d.get("key")}'
        print('ok', len(ids), 'nodes')
        """
}

extension Subgraph {
    /// How many nodes and edges the graph formats should hold, counted from the facts: an edge per
    /// fact other than type/label/alias, a node per entity mentioned and per literal-valued edge.
    var expectedShape: (nodes: Int, edges: Int) {
        let b = store.builtins
        var entities: Set<TermID> = []
        var literals = 0, edges = 0
        for fid in facts {
            let t = store.triples[Int(fid)]
            entities.insert(t.subject)
            if [b.type, b.label, b.alias].contains(t.predicate) { continue }
            edges += 1
            if case .literal = store.terms[t.object] { literals += 1 } else { entities.insert(t.object) }
        }
        return (entities.count + literals, edges)
    }
}

extension Subgraph {
    /// How many triples `RDFExport`'s documented scheme gives, counted from the store: the facts;
    /// per type used (with supertypes below Thing) a class, its parent and its labels; per
    /// predicate used its property, labels and inverse; per provenance a reified statement of 4
    /// triples plus source, quote, file, and line and column for `.kg` facts.
    var expectedRDFCount: Int {
        let b = store.builtins
        var types: Set<TermID> = [], predicates: Set<TermID> = []
        var count = facts.count
        for fid in facts {
            let t = store.triples[Int(fid)]
            if t.predicate == b.type {
                var c: TermID? = t.object
                while let type = c, type != b.thing { types.insert(type); c = store.schema.types[type]?.parent }
            } else if ![b.label, b.alias].contains(t.predicate) {
                predicates.insert(t.predicate)
            }
            for p in store.provenance(ofFact: fid) {
                count += 4 + (p.source == nil ? 0 : 1) + (p.quote == nil ? 0 : 1) + 1 + (p.location.line > 0 ? 2 : 0)
            }
        }
        for t in types where !store.name(t).contains(":") {
            let info = store.schema.types[t]!
            count += 1 + (info.parent == b.thing ? 0 : 1) + info.labels.count
        }
        for p in predicates where !store.name(p).contains(":") {
            let info = store.schema.predicates[p]!
            count += 1 + info.labels.count + (info.inverseName == nil ? 0 : 1)
        }
        return count
    }
}
