import KGModel

/// Writes a subgraph as JSON nodes and edges (the `ExportGraph` shape), described by the JSON
/// Schema `docs/export-json.schema.json`.
///
/// ```json
/// {"format": "kgsh-export", "version": 1,
///  "nodes": [{"id": "n0", "kind": "entity", "name": "daegu", "type": "MetropolitanGovernment",
///             "typeLabels": {"ko": "광역지방자치단체", "en": "Metropolitan local government"},
///             "labels": [{"text": "대구광역시", "language": "ko"}], "aliases": [],
///             "display": {"ko": "대구광역시", "en": "Daegu Metropolitan City"}},
///            {"id": "n1", "kind": "literal", "name": "2023년", "type": "Year", "value": "2023"}],
///  "edges": [{"id": "e0", "fact": 7, "source": "n0", "target": "n1", "predicate": "year",
///             "predicateLabels": {"ko": "연도", "en": "year"},
///             "provenance": [{"article": "art-daegu-2021", "quote": "…", "file": "…", "line": 3, "column": 3}]}]}
/// ```
///
/// One node or edge a line; keys in a fixed order; text escaped per RFC 8259 (Hangul as it is).
public enum JSONWriter {
    /// The JSON text of `subgraph`.
    public static func write(_ subgraph: Subgraph, options: ExportOptions = ExportOptions()) -> String {
        let graph = ExportGraph(subgraph)
        var out = "{\n  \"format\": \"kgsh-export\",\n  \"version\": 1,\n  \"nodes\": ["
        for (i, node) in graph.nodes.enumerated() {
            out += (i == 0 ? "\n    " : ",\n    ") + JSON.object(nodeFields(node, graph)).text
        }
        out += graph.nodes.isEmpty ? "],\n  \"edges\": [" : "\n  ],\n  \"edges\": ["
        for (i, edge) in graph.edges.enumerated() {
            out += (i == 0 ? "\n    " : ",\n    ") + JSON.object(edgeFields(edge, graph)).text
        }
        out += graph.edges.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    static func nodeFields(_ node: ExportGraph.Node, _ graph: ExportGraph) -> [(String, JSON)] {
        var fields: [(String, JSON)] = [
            ("id", .string(node.key)), ("kind", .string(graph.isLiteral(node) ? "literal" : "entity")),
            ("name", .string(graph.name(node))), ("type", .string(graph.typeName(node))),
        ]
        if case .literal(_, let l) = node.kind {
            fields.append(("value", .string(l.description)))
            return fields
        }
        fields.append(("typeLabels", languages { graph.typeLabel(node, language: $0) }))
        fields.append(("labels", .array(graph.labels(node).map(label))))
        fields.append(("aliases", .array(graph.aliases(node).map(label))))
        fields.append(("display", languages { graph.displayName(node, language: $0) }))
        return fields
    }

    static func edgeFields(_ edge: ExportGraph.Edge, _ graph: ExportGraph) -> [(String, JSON)] {
        let provenance = graph.citations(edge).map { c -> JSON in
            var fields: [(String, JSON)] = []
            if let s = c.source { fields.append(("article", .string(s))) }
            if let q = c.quote { fields.append(("quote", .string(q))) }
            if let f = c.file { fields.append(("file", .string(f))) }
            if c.line > 0 { fields += [("line", .number(c.line)), ("column", .number(c.column))] }
            return .object(fields)
        }
        return [
            ("id", .string(edge.key)), ("fact", .number(Int(edge.fact))),
            ("source", .string(graph.nodes[edge.from].key)), ("target", .string(graph.nodes[edge.to].key)),
            ("predicate", .string(graph.predicateName(edge))),
            ("predicateLabels", languages { graph.predicateLabel(edge, language: $0) }),
            ("provenance", .array(provenance)),
        ]
    }

    static func label(_ l: Label) -> JSON {
        .object([("text", .string(l.text))] + (l.language.map { [("language", JSON.string($0))] } ?? []))
    }

    /// `{"ko": …, "en": …}` with the languages that have a value.
    static func languages(_ value: (String) -> String?) -> JSON {
        .object(["ko", "en"].compactMap { lang in value(lang).map { (lang, JSON.string($0)) } })
    }

    /// Just enough JSON to write: objects keep their key order.
    enum JSON {
        case string(String)
        case number(Int)
        case array([JSON])
        case object([(String, JSON)])

        var text: String {
            switch self {
            case .string(let s): JSON.quoted(s)
            case .number(let n): String(n)
            case .array(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
            case .object(let fields): "{" + fields.map { JSON.quoted($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
            }
        }

        /// An RFC 8259 string: `.kg`'s quoting escapes exactly what JSON requires.
        static func quoted(_ s: String) -> String { Literal.quoted(s) }
    }
}
