import Foundation
import KGFormats
import KGModel
import Testing

/// Each writer's output on the small graph, against a snapshot in Fixtures/export/.
@Suite("Export writers: snapshots of the small graph")
struct ExportWriterTests {
    let all = Subgraph.all(ExportSupport.small)

    @Test("kg") func kg() throws { ExportSupport.expectSnapshot(try KGWriter.write(all), named: "small.kg") }
    @Test("N-Triples") func nt() { ExportSupport.expectSnapshot(NTriplesWriter.write(all), named: "small.nt") }
    @Test("Turtle") func ttl() { ExportSupport.expectSnapshot(TurtleWriter.write(all), named: "small.ttl") }
    @Test("DOT, Korean labels") func dot() { ExportSupport.expectSnapshot(DOTWriter.write(all), named: "small.dot") }
    @Test("DOT, English labels") func dotEnglish() {
        ExportSupport.expectSnapshot(DOTWriter.write(all, options: ExportOptions(language: "en")), named: "small.en.dot")
    }
    @Test("GraphML") func graphml() { ExportSupport.expectSnapshot(GraphMLWriter.write(all), named: "small.graphml") }
    @Test("JSON") func json() { ExportSupport.expectSnapshot(JSONWriter.write(all), named: "small.json") }
    @Test("Mermaid") func mermaid() throws { ExportSupport.expectSnapshot(try MermaidWriter.write(all), named: "small.mmd") }

    @Test("Mermaid refuses more edges than Mermaid 11 draws")
    func mermaidLimit() throws {
        #expect(throws: ExportError("cannot export as Mermaid: the selection has 13 edges, and Mermaid draws at most 12 unless the page that renders it raises maxEdges; export a smaller selection, or as dot or svg")) {
            try MermaidWriter.write(all, options: ExportOptions(mermaidMaxEdges: 12))
        }
        #expect(try MermaidWriter.write(all, options: ExportOptions(mermaidMaxEdges: 13)) == MermaidWriter.write(all))
        #expect(ExportOptions().mermaidMaxEdges == 500)
    }
    @Test("Mermaid past the limit: parts of at most that many edges, each declaring the nodes it draws; files -1, -2 …")
    func mermaidParts() throws {
        let one = MermaidWriter.parts(all, options: ExportOptions(mermaidMaxEdges: 13))
        #expect(one == [try MermaidWriter.write(all)])
        let parts = MermaidWriter.parts(all, options: ExportOptions(mermaidMaxEdges: 5))
        #expect(parts.count == 3)
        #expect(parts.map { $0.split(separator: "\n").first! } == [
            "%% kgsh: part 1 of 3, edges 1–5 of 13", "%% kgsh: part 2 of 3, edges 6–10 of 13", "%% kgsh: part 3 of 3, edges 11–13 of 13"])
        // Every edge once, in order; every node an edge of the part names is declared in it.
        let whole = try MermaidWriter.write(all).split(separator: "\n").filter { $0.contains(" -->|") }
        #expect(parts.flatMap { $0.split(separator: "\n").filter { $0.contains(" -->|") } } == whole)
        for part in parts {
            let lines = part.split(separator: "\n").map(String.init)
            let declared = Set(lines.filter { !$0.contains(" -->|") && $0.hasPrefix("  n") }.map { String($0.dropFirst(2).prefix { $0 != "[" && $0 != "(" }) })
            for edge in lines where edge.contains(" -->|") {
                let ends = edge.trimmingCharacters(in: .whitespaces).split(separator: " ")
                #expect(declared.contains(String(ends.first!)) && declared.contains(String(ends.last!)), "\(edge)")
            }
        }
        #expect(Exporter.destinations(for: .mermaid, path: "out/g.mmd", count: 3) == ["out/g-1.mmd", "out/g-2.mmd", "out/g-3.mmd"])
        #expect(Exporter.destinations(for: .mermaid, path: "out/g", count: 2) == ["out/g-1", "out/g-2"])
        #expect(Exporter.destinations(for: .mermaid, path: "out/g.mmd") == ["out/g.mmd"])
    }
    @Test("CSV") func csv() {
        let (nodes, edges) = CSVWriter.write(all)
        ExportSupport.expectSnapshot(nodes, named: "small.nodes.csv")
        ExportSupport.expectSnapshot(edges, named: "small.edges.csv")
    }
    @Test("kg of a 1-hop neighbourhood: the schema it needs and the sources' declarations")
    func kgAround() throws {
        let store = ExportSupport.small
        let sub = Subgraph.around(ExportSupport.entity("node", in: store), depth: 1, in: store)
        ExportSupport.expectSnapshot(try KGWriter.write(sub), named: "small-node-1.kg")
    }

    @Test("the exporter names its outputs and renders every format")
    func exporter() throws {
        for format in ExportFormat.allCases {
            let outputs = try Exporter.render(all, as: format)
            #expect(outputs.count == (format == .csv ? 2 : 1))
            #expect(outputs.allSatisfy { !$0.data.isEmpty })
            if format != .csv { #expect(outputs[0].fileName == "export." + format.fileExtension) }
        }
        #expect(try Exporter.render(all, as: .csv).map(\.fileName) == ["nodes.csv", "edges.csv"])
        #expect(try Exporter.render(all, as: .ttl)[0].text == TurtleWriter.write(all))
    }

    @Test("Hangul stays as it is in every text format")
    func hangul() throws {
        for format in ExportFormat.allCases where format != .png {
            let text = try Exporter.render(all, as: format).map(\.text).joined()
            #expect(text.contains("인천광역시"), "\(format) lost the Hangul label")
        }
    }
}
