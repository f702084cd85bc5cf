/// Writes a subgraph as GraphML (XML): nodes and edges in the `ExportGraph` shape, their
/// properties as declared `<key>`s.
///
/// Node ids are `n0`, `n1` … and edge ids `e0`, `e1` … (XML name tokens whatever the entity
/// names are); the entity id itself is the `name` data. Node keys: `name` (the id, or the literal
/// as `.kg` writes it), `kind` (`entity` or `literal`), `type` (type name, or the literal's kind),
/// `value` (a literal as people read it), `label_ko`, `label_en`, `aliases`
/// (joined with `; `), `type_label_ko`, `type_label_en`. Edge keys: `predicate`,
/// `predicate_label_ko`, `predicate_label_en`, `fact` (the fact's id, int), and its provenance:
/// `article` (source ids, joined with a space), `quote` (sentences, joined with a line break) and
/// `location` (`file:line:column`, joined with a space). Data a node or edge lacks is left out.
/// Text is escaped for XML (`& < > " '`, line breaks and tabs as character references); characters
/// XML 1.0 cannot hold become U+FFFD.
public enum GraphMLWriter {
    static let nodeKeys = ["name", "kind", "type", "value", "label_ko", "label_en", "aliases", "type_label_ko", "type_label_en"]
    static let edgeKeys = ["predicate", "predicate_label_ko", "predicate_label_en", "fact", "article", "quote", "location"]

    /// The GraphML document of `subgraph`.
    public static func write(_ subgraph: Subgraph, options: ExportOptions = ExportOptions()) -> String {
        let graph = ExportGraph(subgraph)
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        for key in nodeKeys { out += "  <key id=\"\(key)\" for=\"node\" attr.name=\"\(key)\" attr.type=\"string\"/>\n" }
        for key in edgeKeys {
            out += "  <key id=\"\(key)\" for=\"edge\" attr.name=\"\(key)\" attr.type=\"\(key == "fact" ? "int" : "string")\"/>\n"
        }
        out += "  <graph id=\"kgsh\" edgedefault=\"directed\">\n"
        for node in graph.nodes {
            let values: [String?] = [
                graph.name(node), graph.isLiteral(node) ? "literal" : "entity", graph.typeName(node), graph.value(node),
                graph.label(node, language: "ko"), graph.label(node, language: "en"),
                graph.aliases(node).map(\.text).joined(separator: "; "),
                graph.typeLabel(node, language: "ko"), graph.typeLabel(node, language: "en"),
            ]
            out += "    <node id=\"\(node.key)\">" + data(zip(nodeKeys, values)) + "</node>\n"
        }
        for edge in graph.edges {
            let provenance = graph.flatProvenance(edge)
            let values: [String?] = [
                graph.predicateName(edge), graph.predicateLabel(edge, language: "ko"), graph.predicateLabel(edge, language: "en"),
                String(edge.fact),
                provenance.articles, provenance.quotes, provenance.locations,
            ]
            out += "    <edge id=\"\(edge.key)\" source=\"\(graph.nodes[edge.from].key)\" target=\"\(graph.nodes[edge.to].key)\">"
                + data(zip(edgeKeys, values)) + "</edge>\n"
        }
        return out + "  </graph>\n</graphml>\n"
    }

    static func data(_ pairs: Zip2Sequence<[String], [String?]>) -> String {
        pairs.compactMap { key, value in
            guard let value, !value.isEmpty else { return nil }
            return "<data key=\"\(key)\">\(escaped(value))</data>"
        }.joined()
    }

    /// Text safe in XML 1.0 content and attribute values.
    static func escaped(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                if c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}
