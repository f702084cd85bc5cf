import KGModel
import KGQuery

/// Draws a result as a box table: columns sized by display width (Hangul two columns, combining
/// marks none), numbers right-aligned. Interactively, long cells are cut with `…` and at most
/// `maxRows` rows print, followed by `… N more rows`.
struct TableRenderer {
    let options: RenderOptions

    init(options: RenderOptions) { self.options = options }

    init(language: String) {
        var o = RenderOptions()
        o.language = language
        self.options = o
    }

    func render(_ result: QueryResult) -> String {
        let headers = result.columns
        if headers.isEmpty { return result.rows.isEmpty ? "no\n" : "yes\n" }
        var cells = result.cells(options)
        var hidden = 0
        if options.interactive, cells.count > options.maxRows {
            hidden = cells.count - options.maxRows
            cells = Array(cells.prefix(options.maxRows))
        }
        let texts = cells.map { row in
            row.map { cell in
                // Line breaks and tabs would break the box: show them escaped.
                let flat = cell.text.replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
                    .replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\t", with: "\\t")
                return options.interactive ? TableRenderer.cut(flat, to: options.maxCellWidth) : flat
            }
        }
        var widths = headers.map { DisplayWidth.of($0) }
        for row in texts { for (i, c) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
        func pad(_ s: String, _ w: Int, right: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, w - DisplayWidth.of(s)))
            return right ? fill + s : s + fill
        }
        func line(_ l: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: m) + r
        }
        var out: [String] = [line("┌", "┬", "┐")]
        if options.headers {
            out.append("│" + headers.enumerated().map { " " + pad($1, widths[$0], right: false) + " " }.joined(separator: "│") + "│")
            out.append(line("├", "┼", "┤"))
        }
        for (row, cellRow) in zip(texts, cells) {
            out.append("│" + row.enumerated().map { " " + pad($1, widths[$0], right: cellRow[$0].isNumeric) + " " }.joined(separator: "│") + "│")
        }
        out.append(line("└", "┴", "┘"))
        if hidden > 0 { out.append("… \(hidden) more row\(hidden == 1 ? "" : "s") (\(result.rows.count) in all; .mode csv or a script prints every row)") }
        else { out.append("\(result.rows.count) row\(result.rows.count == 1 ? "" : "s")") }
        return out.joined(separator: "\n") + "\n"
    }

    /// `text` cut to at most `width` columns, ending in `…` when cut, never inside a character.
    static func cut(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var out = ""
        var used = 0
        for c in text {
            let w = c.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) }
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }
}
