import Foundation

/// One file an export produces: a file name (`nodes.csv`, `export.ttl`) and its bytes.
public struct ExportOutput: Sendable, Equatable {
    /// The name the file gets in a directory (CSV) or the default name of a single output.
    public let fileName: String
    public let data: Data

    public init(fileName: String, data: Data) {
        self.fileName = fileName
        self.data = data
    }

    init(fileName: String, text: String) {
        self.init(fileName: fileName, data: Data(text.utf8))
    }

    /// The bytes as UTF-8 text (PNG output decodes with replacement characters).
    public var text: String { String(decoding: data, as: UTF8.self) }
}

/// Why an export wrote nothing: a format that cannot express the graph, a missing renderer, or
/// a file that could not be written.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Choices the writers share.
public struct ExportOptions: Sendable {
    /// Which schema lines a `.kg` export carries.
    public enum SchemaScope: Sendable {
        /// The types and predicates the exported facts use, with their supertypes and the types
        /// their predicates' domains and ranges name.
        case used
        /// Every declared type and predicate (built-ins excepted).
        case all
    }

    /// The language of node labels in DOT, Mermaid and pictures (`ko` or `en`); labels fall back
    /// to another language, then to the id.
    public var language: String
    public var schema: SchemaScope
    /// Whether N-Triples and Turtle carry each fact's provenance (reified statements).
    public var provenance: Bool
    /// The Graphviz `dot` program for PNG and SVG; nil looks it up on `PATH`.
    public var graphviz: String?
    /// How many seconds Graphviz may take to draw a PNG or SVG before it is stopped (laying out
    /// tens of thousands of nodes takes Graphviz hours). Nil to wait as long as it takes.
    public var graphvizTimeout: Double?
    /// The most edges a Mermaid export may have: Mermaid 11 refuses to draw more than 500 unless
    /// the page that renders it raises `maxEdges`. Nil for no limit.
    public var mermaidMaxEdges: Int?

    public init(language: String = "ko", schema: SchemaScope = .used, provenance: Bool = true, graphviz: String? = nil,
                graphvizTimeout: Double? = 120, mermaidMaxEdges: Int? = 500) {
        self.graphvizTimeout = graphvizTimeout
        self.language = language
        self.schema = schema
        self.provenance = provenance
        self.graphviz = graphviz
        self.mermaidMaxEdges = mermaidMaxEdges
    }
}
