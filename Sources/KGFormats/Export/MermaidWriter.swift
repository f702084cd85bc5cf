/// Writes a subgraph as a Mermaid flowchart (`graph LR`), as Mermaid 11 parses it.
///
/// Node ids are `n0`, `n1` … (never a keyword such as `end`, whatever the entity is called);
/// entities are boxes `n0["대구광역시"]` labelled in `ExportOptions.language`, literal objects are
/// stadiums `n1(["2023"])` of class `literal`, and edges carry the predicate name:
/// `n0 -->|"won"| n2`. Every label is a quoted string with `"` as `#quot;`, and `#`, `&`, `<`,
/// `>` and backquote as entity codes (so no text reads as markup or a markdown string); a line
/// break becomes `<br/>` and other control characters spaces.
///
/// Mermaid 11 draws at most 500 edges unless the page that renders it raises `maxEdges` (a
/// diagram cannot raise it itself), so `parts` cuts a larger subgraph into diagrams of at most
/// `ExportOptions.mermaidMaxEdges` edges each: edges in order, each part declaring the nodes its
/// edges touch (the first part also the nodes no edge touches), and every part starting with a
/// `%% kgsh: part K of N` comment line.
public enum MermaidWriter {
    /// The Mermaid text of `subgraph` as one diagram.
    /// - Throws: `ExportError` when it has more edges than `options.mermaidMaxEdges`; `parts`
    ///   cuts such a subgraph into several diagrams instead.
    public static func write(_ subgraph: Subgraph, options: ExportOptions = ExportOptions()) throws(ExportError) -> String {
        let graph = ExportGraph(subgraph)
        if let limit = options.mermaidMaxEdges, graph.edges.count > limit {
            throw ExportError("cannot export as Mermaid: the selection has \(graph.edges.count) edges, and Mermaid draws at most \(limit) unless the page that renders it raises maxEdges; export a smaller selection, or as dot or svg")
        }
        return diagram(graph, edges: graph.edges.indices, nodes: graph.nodes.indices, options: options)
    }

    /// The Mermaid text of `subgraph`: one diagram when its edges are within
    /// `options.mermaidMaxEdges`, else several, each within it.
    public static func parts(_ subgraph: Subgraph, options: ExportOptions = ExportOptions()) -> [String] {
        let graph = ExportGraph(subgraph)
        guard let limit = options.mermaidMaxEdges, limit > 0, graph.edges.count > limit else {
            return [diagram(graph, edges: graph.edges.indices, nodes: graph.nodes.indices, options: options)]
        }
        var touched = [Bool](repeating: false, count: graph.nodes.count)
        for e in graph.edges { touched[e.from] = true; touched[e.to] = true }
        let count = (graph.edges.count + limit - 1) / limit
        return (0..<count).map { k in
            let edges = (k * limit)..<min(graph.edges.count, (k + 1) * limit)
            var used = Set<Int>()
            for e in graph.edges[edges] { used.insert(e.from); used.insert(e.to) }
            let nodes = graph.nodes.indices.filter { used.contains($0) || (k == 0 && !touched[$0]) }
            let header = "%% kgsh: part \(k + 1) of \(count), edges \(edges.lowerBound + 1)–\(edges.upperBound) of \(graph.edges.count)\n"
            return header + diagram(graph, edges: edges, nodes: nodes, options: options)
        }
    }

    static func diagram(_ graph: ExportGraph, edges: Range<Int>, nodes: some Sequence<Int>, options: ExportOptions) -> String {
        var out = "graph LR\n"
        var literals: [String] = []
        for node in nodes.map({ graph.nodes[$0] }) {
            let label = quoted(graph.displayName(node, language: options.language))
            if graph.isLiteral(node) {
                out += "  \(node.key)([\(label)])\n"
                literals.append(node.key)
            } else {
                out += "  \(node.key)[\(label)]\n"
            }
        }
        for edge in graph.edges[edges] {
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
