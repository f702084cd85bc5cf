/// Every format `export` writes: the single truth for its name, file extension and media type.
///
/// ```swift
/// ExportFormat(name: "turtle")          // .ttl
/// ExportFormat(fileExtension: "gv")     // .dot
/// ExportFormat.csv.producesSeveralFiles // true: nodes.csv and edges.csv
/// ```
public enum ExportFormat: String, CaseIterable, Sendable {
    /// kgsh's own `.kg` knowledge format; loads back to the same facts and provenance.
    case kg
    /// RDF 1.1 N-Triples.
    case nt
    /// RDF 1.1 Turtle.
    case ttl
    /// Graphviz DOT.
    case dot
    /// GraphML (XML).
    case graphml
    /// JSON nodes and edges, described by `docs/export-json.schema.json`.
    case json
    /// A Mermaid flowchart (`graph LR`).
    case mermaid
    /// Two RFC 4180 files: `nodes.csv` and `edges.csv`.
    case csv
    /// A PNG picture rendered by Graphviz `dot`.
    case png
    /// An SVG picture rendered by Graphviz `dot`.
    case svg

    /// The name people read in messages and help.
    public var displayName: String {
        switch self {
        case .kg: "kgsh knowledge (.kg)"
        case .nt: "N-Triples"
        case .ttl: "Turtle"
        case .dot: "Graphviz DOT"
        case .graphml: "GraphML"
        case .json: "JSON"
        case .mermaid: "Mermaid"
        case .csv: "CSV (nodes.csv + edges.csv)"
        case .png: "PNG (rendered by Graphviz)"
        case .svg: "SVG (rendered by Graphviz)"
        }
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .kg: "kg"
        case .nt: "nt"
        case .ttl: "ttl"
        case .dot: "dot"
        case .graphml: "graphml"
        case .json: "json"
        case .mermaid: "mmd"
        case .csv: "csv"
        case .png: "png"
        case .svg: "svg"
        }
    }

    /// Further extensions that name the same format.
    var otherExtensions: [String] {
        switch self {
        case .dot: ["gv"]
        case .mermaid: ["mermaid"]
        case .ttl: ["turtle"]
        default: []
        }
    }

    /// The IANA media type (or the one in common use where none is registered).
    public var mediaType: String {
        switch self {
        case .kg: "text/x-kgsh; charset=utf-8"
        case .nt: "application/n-triples"
        case .ttl: "text/turtle"
        case .dot: "text/vnd.graphviz"
        case .graphml: "application/graphml+xml"
        case .json: "application/json"
        case .mermaid: "text/vnd.mermaid"
        case .csv: "text/csv; charset=utf-8; header=present"
        case .png: "image/png"
        case .svg: "image/svg+xml"
        }
    }

    /// Whether the output is bytes rather than UTF-8 text.
    public var isBinary: Bool { self == .png }

    /// Whether the output is a picture drawn by Graphviz `dot` (which must be installed).
    public var needsGraphviz: Bool { self == .png || self == .svg }

    /// Whether one export writes several files (CSV: `nodes.csv` and `edges.csv`).
    public var producesSeveralFiles: Bool { self == .csv }

    /// The format a file extension names (`ttl`, `.TTL`, `gv`, `mmd` …); nil for any other.
    public init?(fileExtension: String) {
        var ext = fileExtension.lowercased()
        if ext.hasPrefix(".") { ext.removeFirst() }
        guard let hit = ExportFormat.allCases.first(where: { $0.fileExtension == ext || $0.otherExtensions.contains(ext) }) else {
            return nil
        }
        self = hit
    }

    /// The format a user names: its name (`ttl`), its extension, or an alias (`turtle`,
    /// `ntriples`, `n-triples`, `graphviz`, `gv`, `mmd`, `knowledge`), case ignored.
    public init?(name: String) {
        let n = name.lowercased()
        if let f = ExportFormat(rawValue: n) ?? ExportFormat(fileExtension: n) {
            self = f
            return
        }
        switch n {
        case "turtle": self = .ttl
        case "ntriples", "n-triples": self = .nt
        case "graphviz": self = .dot
        case "knowledge": self = .kg
        default: return nil
        }
    }

    /// Every name `init(name:)` accepts, for help and completion.
    public static var acceptedNames: [String] {
        allCases.map(\.rawValue) + ["turtle", "ntriples", "n-triples", "graphviz", "gv", "mmd", "knowledge"]
    }
}
