/// Writes a subgraph as two RFC 4180 CSV files in the `ExportGraph` shape: `nodes.csv` and
/// `edges.csv`, each with a header row, CRLF line ends, and fields quoted (quotes doubled) only
/// where they hold `,`, `"` or a line break.
///
/// `nodes.csv`: `id,kind,name,type,value,label_ko,label_en,aliases,type_label_ko,type_label_en`.
/// `edges.csv`: `id,source,target,source_name,target_name,predicate,predicate_label_ko,
/// predicate_label_en,fact,article,quote,location` — `source` and `target` are node ids of
/// `nodes.csv`, `source_name` and `target_name` the entity ids (a literal target as its
/// `value`); the other columns mean what the GraphML keys of the same names mean.
public enum CSVWriter {
    public static let nodesFileName = "nodes.csv"
    public static let edgesFileName = "edges.csv"

    /// The two files' texts, nodes first.
    public static func write(_ subgraph: Subgraph, options: ExportOptions = ExportOptions()) -> (nodes: String, edges: String) {
        let graph = ExportGraph(subgraph)
        var nodes = row(["id", "kind", "name", "type", "value", "label_ko", "label_en", "aliases", "type_label_ko", "type_label_en"])
        for node in graph.nodes {
            nodes += row([
                node.key, graph.isLiteral(node) ? "literal" : "entity", graph.name(node), graph.typeName(node), graph.value(node) ?? "",
                graph.label(node, language: "ko") ?? "", graph.label(node, language: "en") ?? "",
                graph.aliases(node).map(\.text).joined(separator: "; "),
                graph.typeLabel(node, language: "ko") ?? "", graph.typeLabel(node, language: "en") ?? "",
            ])
        }
        var edges = row(["id", "source", "target", "source_name", "target_name", "predicate", "predicate_label_ko",
                         "predicate_label_en", "fact", "article", "quote", "location"])
        for edge in graph.edges {
            let from = graph.nodes[edge.from], to = graph.nodes[edge.to]
            let provenance = graph.flatProvenance(edge)
            edges += row([
                edge.key, from.key, to.key, graph.name(from), graph.value(to) ?? graph.name(to), graph.predicateName(edge),
                graph.predicateLabel(edge, language: "ko") ?? "", graph.predicateLabel(edge, language: "en") ?? "",
                String(edge.fact), provenance.articles, provenance.quotes, provenance.locations,
            ])
        }
        return (nodes, edges)
    }

    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One RFC 4180 field.
    static func field(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
