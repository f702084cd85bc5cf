import KGFormats
import Testing

@Suite("Export formats: one enum names them all")
struct ExportFormatTests {
    @Test("every format has a name, a display name, an extension and a media type, all distinct")
    func table() {
        #expect(ExportFormat.allCases.map(\.rawValue) == ["kg", "nt", "ttl", "dot", "graphml", "json", "mermaid", "csv", "png", "svg"])
        #expect(Set(ExportFormat.allCases.map(\.fileExtension)).count == ExportFormat.allCases.count)
        #expect(Set(ExportFormat.allCases.map(\.mediaType)).count == ExportFormat.allCases.count)
        #expect(Set(ExportFormat.allCases.map(\.displayName)).count == ExportFormat.allCases.count)
        #expect(ExportFormat.ttl.mediaType == "text/turtle")
        #expect(ExportFormat.nt.mediaType == "application/n-triples")
        #expect(ExportFormat.mermaid.fileExtension == "mmd")
        for f in ExportFormat.allCases {
            #expect(ExportFormat(fileExtension: f.fileExtension) == f)
            #expect(ExportFormat(name: f.rawValue) == f)
        }
    }

    @Test("names and aliases, case ignored", arguments: [
        ("turtle", ExportFormat.ttl), ("TTL", .ttl), ("ntriples", .nt), ("n-triples", .nt), ("N-Triples", .nt),
        ("graphviz", .dot), ("gv", .dot), ("mmd", .mermaid), ("Mermaid", .mermaid), ("knowledge", .kg), ("GraphML", .graphml),
    ])
    func aliases(name: String, format: ExportFormat) {
        #expect(ExportFormat(name: name) == format)
    }

    @Test("lookup by file extension, with or without the dot")
    func extensions() {
        #expect(ExportFormat(fileExtension: ".TTL") == .ttl)
        #expect(ExportFormat(fileExtension: "gv") == .dot)
        #expect(ExportFormat(fileExtension: "mermaid") == .mermaid)
        #expect(ExportFormat(fileExtension: "txt") == nil)
        #expect(ExportFormat(name: "xml") == nil)
        #expect(ExportFormat.acceptedNames.allSatisfy { ExportFormat(name: $0) != nil })
    }
}
