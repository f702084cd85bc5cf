/// Writes a subgraph as a Mermaid flowchart (`graph LR`), as Mermaid 11 parses it.
///
/// Node ids are `n0`, `n1` … (never a keyword such as `end`, whatever the entity is called);
/// entities are boxes `n0["대구광역시"]` labelled in `ExportOptions.language`, literal objects are
/// stadiums `n1(["2023"])` of class `literal`, and edges carry the predicate name:
/// `n0 -->|"won"| n2`. Every label is a quoted string with `"` as `#quot;`, and `#`, `&`, `<`,
/// `>` and backquote as entity codes (so no text reads as markup or a markdown string); a line
/// break becomes `<br/>` and other control characters spaces.
///
/// Mermaid 11 draws at most 500 edges unless its renderer is configured otherwise, so a larger
/// subgraph is an error (see `ExportOptions.mermaidMaxEdges`) rather than a diagram no page shows.
public enum MermaidWriter {
    /// The Mermaid text of `subgraph`.
    /// - Throws: `ExportError` when it has more edges than `options.mermaidMaxEdges`.
    public static func write(_ subgraph: Subgraph, options: ExportOptions = ExportOptions()) throws(ExportError) -> String {
        let graph = ExportGraph(subgraph)
        if let limit = options.mermaidMaxEdges, graph.edges.count > limit {
            throw ExportError("cannot export as Mermaid: the selection has \(graph.edges.count) edges, and Mermaid draws at most \(limit) unless the page that renders it raises maxEdges; export a smaller selection, or as dot or svg")
        }
        var out = "graph LR\n"
        var literals: [String] = []
        for node in graph.nodes {
            let label = quoted(graph.displayName(node, language: options.language))
            if graph.isLiteral(node) {
                out += "  \(node.key)([\(label)])\n"
                literals.append(node.key)
            } else {
                out += "  \(node.key)[\(label)]\n"
            }
        }
        for edge in graph.edges {
            out += "  \(graph.nodes[edge.from].key) -->|\(quoted(graph.predicateName(edge)))| \(graph.nodes[edge.to].key)\n"
        }
        if !literals.isEmpty {
            out += "  classDef literal fill:#f4f4f4,stroke:#999999\n"
            out += "  class \(literals.joined(separator: ",")) literal\n"
        }
        return out
    }

    /// A Mermaid quoted label.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "&": out += "#amp;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "`": out += "#96;"
            case "\n": out += "<br/>"
            case "\r": break
            default: if c.value < 0x20 || c.value == 0x7F { out += " " } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}
