/// Writes a subgraph as a Graphviz DOT digraph.
///
/// Entities are rounded boxes named by their id and labelled in `ExportOptions.language`
/// (falling back to another label, then the id), with the id and type as tooltip; each
/// literal-valued fact's object is a plain-text node of its own (`"#n5"`: no entity id starts with
/// `#`). Edges are labelled with predicate names. Every id and label is a quoted string with `"`,
/// `\` and line breaks escaped and other control characters shown as spaces, so no DOT keyword
/// or character can break the syntax.
public enum DOTWriter {
    /// The DOT text of `subgraph`.
    public static func write(_ subgraph: Subgraph, options: ExportOptions = ExportOptions()) -> String {
        let graph = ExportGraph(subgraph)
        var out = """
            digraph kgsh {
              graph [rankdir=LR, charset="UTF-8"];
              node [shape=box, style=rounded];
              edge [fontsize=10];

            """
        for node in graph.nodes {
            let label = quoted(graph.displayName(node, language: options.language))
            if graph.isLiteral(node) {
                out += "  \(quoted(id(node, in: graph))) [label=\(label), shape=plaintext];\n"
            } else {
                let tooltip = quoted("\(graph.name(node)) : \(graph.typeName(node))")
                out += "  \(quoted(id(node, in: graph))) [label=\(label), tooltip=\(tooltip)];\n"
            }
        }
        for edge in graph.edges {
            let from = quoted(id(graph.nodes[edge.from], in: graph)), to = quoted(id(graph.nodes[edge.to], in: graph))
            out += "  \(from) -> \(to) [label=\(quoted(graph.predicateName(edge)))];\n"
        }
        return out + "}\n"
    }

    static func id(_ node: ExportGraph.Node, in graph: ExportGraph) -> String {
        graph.isLiteral(node) ? "#" + node.key : graph.name(node)
    }

    /// A DOT double-quoted string: `"` and `\` escaped, line breaks as `\n` (a centred line break
    /// in a label), carriage returns dropped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": break
            default: if c.value < 0x20 || c.value == 0x7F { out += " " } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}
