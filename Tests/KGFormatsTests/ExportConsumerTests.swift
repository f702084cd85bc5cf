import Foundation
import KGFormats
import KGModel
import Testing

/// Every export, of the small graph, the whole seed graph, 2 hops around daegu and 2 hops around
/// Andorra in MONDIAL (4,463 facts, 2,845 edges, IRIs and blank nodes), read by the real program
/// that consumes its format (shared/design/validators.md says how to install them). A consumer
/// that is not installed fails its test: it is never skipped.
@Suite("Export consumers: real programs read every export")
struct ExportConsumerTests {
    typealias S = ExportSupport
    static let graphNames = ["small", "seed-all", "seed-daegu-2", "mondial-andorra-2"]

    func graph(_ name: String) -> Subgraph { S.graphs.first { $0.0 == name }!.1 }

    @Test("Graphviz dot renders every DOT export, Korean and English, with no warning", arguments: graphNames)
    func dot(name: String) throws {
        for language in ["ko", "en"] {
            let text = DOTWriter.write(graph(name), options: ExportOptions(language: language))
            try S.withFile("g.dot", Data(text.utf8)) { path in
                guard let r = try S.run("dot", ["-Tsvg", path, "-o", path + ".svg"]) else { return }
                #expect(r.status == 0, "\(name) \(language): \(r.stderr)")
                #expect(r.stderr.isEmpty, "\(name) \(language): \(r.stderr)")
                let svg = String(decoding: FileManager.default.contents(atPath: path + ".svg") ?? Data(), as: UTF8.self)
                #expect(svg.contains("</svg>"))
                if language == "ko" { #expect(svg.contains(S.sampleLabel(name))) }
            }
        }
    }

    @Test("svg and png render through Graphviz; the SVG is well-formed XML with the Hangul in it", arguments: graphNames)
    func pictures(name: String) throws {
        let svg = try Exporter.render(graph(name), as: .svg)[0]
        #expect(svg.text.contains("<svg"))
        #expect(svg.text.contains(S.sampleLabel(name)))
        try S.withFile("g.svg", svg.data) { path in
            guard let r = try S.run("xmllint", ["--noout", path]) else { return }
            #expect(r.status == 0, "\(r.stderr)")
        }
        let png = try Exporter.render(graph(name), as: .png)[0]
        #expect(png.data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    @Test("rapper parses the N-Triples and Turtle exports with the expected triple count", arguments: graphNames)
    func rapper(name: String) throws {
        let sub = graph(name)
        let expected = sub.expectedRDFCount
        try S.withFile("g.nt", Data(NTriplesWriter.write(sub).utf8)) { path in
            guard let r = try S.run("rapper", ["-i", "ntriples", "-c", path]) else { return }
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("returned \(expected) triples"), "\(name): \(r.stderr)")
            #expect(!r.stderr.contains("Warning") && !r.stderr.contains("Error"), "\(r.stderr)")
        }
        try S.withFile("g.ttl", Data(TurtleWriter.write(sub).utf8)) { path in
            guard let r = try S.run("rapper", ["-i", "turtle", "-c", path, "https://kgsh.example/base"]) else { return }
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("returned \(expected) triples"), "\(name): \(r.stderr)")
            #expect(!r.stderr.contains("Warning") && !r.stderr.contains("Error"), "\(r.stderr)")
        }
    }

    /// rdflib's isomorphism test takes minutes over the thousands of blank nodes of MONDIAL's
    /// export (its own and one per provenance); there the counts are compared, and kgsh's own
    /// reader checks isomorphism (`RDFConformanceTests`, `ExportRoundTripTests`).
    @Test("rdflib parses the N-Triples and Turtle exports to the expected count, and finds them isomorphic", arguments: graphNames)
    func rdflib(name: String) throws {
        let sub = graph(name)
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nt = dir.appendingPathComponent("g.nt").path, ttl = dir.appendingPathComponent("g.ttl").path
        try Data(NTriplesWriter.write(sub).utf8).write(to: URL(fileURLWithPath: nt))
        try Data(TurtleWriter.write(sub).utf8).write(to: URL(fileURLWithPath: ttl))
        let script = """
            import sys, warnings, rdflib
            from rdflib.compare import isomorphic
            warnings.simplefilter('error')
            a = rdflib.Graph(); a.parse(sys.argv[1], format='nt')
            b = rdflib.Graph(); b.parse(sys.argv[2], format='turtle', publicID='https://kgsh.example/base')
            bad = [o for o in a.objects() if isinstance(o, rdflib.Literal) and o.ill_typed]
            same = sys.argv[3] == 'counts' or isomorphic(a, b)
            print(len(a), len(b), 'isomorphic' if same else 'different', len(bad))
            """
        let check = name.hasPrefix("mondial") ? "counts" : "isomorphism"
        guard let r = try S.python(script, [nt, ttl, check], module: "rdflib", pip: "rdflib==7.6.0") else { return }
        #expect(r.status == 0, "\(r.stderr)")
        let n = sub.expectedRDFCount
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(n) \(n) isomorphic 0", "\(name): \(r.stdout) \(r.stderr)")
    }

    @Test("xmllint finds the GraphML well-formed; networkx reads it with the expected nodes and edges", arguments: graphNames)
    func graphml(name: String) throws {
        let sub = graph(name)
        let shape = sub.expectedShape
        try S.withFile("g.graphml", Data(GraphMLWriter.write(sub).utf8)) { path in
            if let r = try S.run("xmllint", ["--noout", path]) { #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)") }
            let script = """
                import sys, networkx as nx
                g = nx.read_graphml(sys.argv[1])
                print(g.number_of_nodes(), g.number_of_edges())
                """
            if let r = try S.python(script, [path], module: "networkx", pip: "networkx==3.6.1") {
                #expect(r.status == 0, "\(r.stderr)")
                #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(shape.nodes) \(shape.edges)", "\(name)")
            }
            if let r = try S.run("python3", ["-c", S.graphMLStructure, path]) {
                #expect(r.status == 0, "\(r.stderr)")
                #expect(r.stdout.hasPrefix("ok \(shape.nodes) nodes"))
            }
        }
    }

    @Test("the official Mermaid 11 parser accepts the Mermaid export, every part of it past 500 edges", arguments: graphNames)
    func mermaid(name: String) throws {
        guard let bundle = try S.mermaidBundle() else { return }
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let check = dir.appendingPathComponent("mmdcheck.js").path
        try Data(S.mermaidCheck.utf8).write(to: URL(fileURLWithPath: check))
        let edges = graph(name).expectedShape.edges
        for language in ["ko", "en"] {
            let paths = try Exporter.write(graph(name), as: .mermaid, to: dir.appendingPathComponent("g.mmd").path, options: ExportOptions(language: language))
            #expect(paths.count == (edges + 499) / 500, "\(name): \(edges) edges")
            var drawn = 0
            for path in paths {
                let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
                drawn += text.components(separatedBy: " -->|").count - 1
                guard let r = try S.run("node", [check, bundle, path]) else { return }
                #expect(r.status == 0, "\(name) \(language) \(path): \(r.stderr)")
                #expect(r.stdout.hasPrefix("ok flowchart"), "\(r.stdout)")
            }
            #expect(drawn == edges, "\(name) \(language)")
        }
    }

    @Test("Mermaid's own limit: 500 edges parse, 501 do not — the limit the Mermaid writer keeps")
    func mermaidEdgeLimit() throws {
        guard let bundle = try S.mermaidBundle() else { return }
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let check = dir.appendingPathComponent("mmdcheck.js").path, file = dir.appendingPathComponent("g.mmd").path
        try Data(S.mermaidCheck.utf8).write(to: URL(fileURLWithPath: check))
        let limit = try #require(ExportOptions().mermaidMaxEdges)
        for edges in [limit, limit + 1] {
            let text = "graph LR\n" + (0..<edges).map { "  n\($0) --> n\($0 + 1)\n" }.joined()
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            guard let r = try S.run("node", [check, bundle, file]) else { return }
            #expect((r.status == 0) == (edges <= limit), "\(edges) edges: \(r.stderr)")
        }
    }

    @Test("the JSON export validates against docs/export-json.schema.json", arguments: graphNames)
    func json(name: String) throws {
        let sub = graph(name)
        let shape = sub.expectedShape
        let schema = Fixtures.repository.appendingPathComponent("docs/export-json.schema.json").path
        try S.withFile("g.json", Data(JSONWriter.write(sub).utf8)) { path in
            let script = """
                import sys, json, jsonschema
                schema = json.load(open(sys.argv[1], encoding='utf-8'))
                doc = json.load(open(sys.argv[2], encoding='utf-8'))
                jsonschema.Draft202012Validator.check_schema(schema)
                jsonschema.Draft202012Validator(schema).validate(doc)
                ids = {n['id'] for n in doc['nodes']}
                assert len(ids) == len(doc['nodes']), 'duplicate node id'
                assert all(e['source'] in ids and e['target'] in ids for e in doc['edges']), 'dangling edge'
                print(len(doc['nodes']), len(doc['edges']))
                """
            guard let r = try S.python(script, [schema, path], module: "jsonschema", pip: "jsonschema") else { return }
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(shape.nodes) \(shape.edges)", "\(name)")
        }
    }

    @Test("Python's csv module reads nodes.csv and edges.csv strictly, every row as wide as the header", arguments: graphNames)
    func csv(name: String) throws {
        let sub = graph(name)
        let shape = sub.expectedShape
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try Exporter.write(sub, as: .csv, to: dir.path)
        let script = """
            import csv, sys
            for path in sys.argv[1:]:
                rows = list(csv.reader(open(path, newline='', encoding='utf-8'), strict=True))
                assert len({len(r) for r in rows}) == 1, path + ': ragged rows'
                print(len(rows) - 1)
            """
        guard let r = try S.run("python3", ["-c", script] + paths) else { return }
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n") == ["\(shape.nodes)", "\(shape.edges)"], "\(name)")
    }
}
