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
