import KGModel
import KGQuery

/// Draws a result as a box table: columns sized by display width (Hangul two columns),
/// numbers right-aligned, entities by their label.
struct TableRenderer {
    let language: String

    func cell(_ id: TermID?, terms: TermTable) -> (text: String, numeric: Bool) {
        guard let id else { return ("", false) }
        switch terms[id] {
        case .entity: return (terms.store.displayName(id, language: language), false)
        case .literal(let l): return (l.description, l.numericKey != nil)
        }
    }

    func render(_ result: QueryResult) -> String {
        let cells = result.rows.map { row in row.map { cell($0, terms: result.terms) } }
        let headers = result.columns
        var widths = headers.map { DisplayWidth.of($0) }
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c.text)) } }
        func pad(_ s: String, _ w: Int, right: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, w - DisplayWidth.of(s)))
            return right ? fill + s : s + fill
        }
        func line(_ l: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: m) + r
        }
        var out: [String] = []
        if headers.isEmpty {
            return result.rows.isEmpty ? "no\n" : "yes\n"
        }
        out.append(line("┌", "┬", "┐"))
        out.append("│" + headers.enumerated().map { " " + pad($1, widths[$0], right: false) + " " }.joined(separator: "│") + "│")
        out.append(line("├", "┼", "┤"))
        for row in cells {
            out.append("│" + row.enumerated().map { " " + pad($1.text, widths[$0], right: $1.numeric) + " " }.joined(separator: "│") + "│")
        }
        out.append(line("└", "┴", "┘"))
        out.append("\(result.rows.count) row\(result.rows.count == 1 ? "" : "s")")
        return out.joined(separator: "\n") + "\n"
    }
}
