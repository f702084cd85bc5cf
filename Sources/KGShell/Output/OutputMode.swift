import KGModel
import KGQuery

/// How result tables print: `.mode` and `--format` choose one.
public enum OutputMode: String, CaseIterable, Sendable {
    case table, csv, tsv, json, jsonl, markdown
}

/// The settings every renderer reads.
public struct RenderOptions: Sendable {
    public var mode: OutputMode = .table
    public var language = "ko"
    public var headers = true
    /// Print entities as `label (id)` in tables and by id in data formats.
    public var ids = false
    /// Interactive tables cap rows and cut long cells; scripts print everything.
    public var interactive = false
    public var maxRows = 40
    public var maxCellWidth = 60

    public init() {}
}

/// One cell of a result as each format wants it.
struct ResultCell {
    let term: Term?
    let id: TermID?
    let text: String

    var isNumeric: Bool { term?.literal?.numericKey != nil }
}

extension QueryResult {
    func cells(_ options: RenderOptions) -> [[ResultCell]] {
        rows.map { row in
            row.map { id in
                guard let id else { return ResultCell(term: nil, id: nil, text: "") }
                let term = terms[id]
                switch term {
                case .entity:
                    let label = terms.store.displayName(id, language: options.language)
                    let name = options.ids ? terms.store.shownName(id) : ""
                    let text = options.ids ? (label == name ? name : "\(label) (\(name))") : label
                    return ResultCell(term: term, id: id, text: text)
                case .literal(let l):
                    return ResultCell(term: term, id: id, text: l.description)
                }
            }
        }
    }
}

/// CSV (RFC 4180), TSV, JSON, JSON Lines and Markdown renderings of a result.
enum DataRenderer {
    static func render(_ result: QueryResult, _ options: RenderOptions) -> String {
        let cells = result.cells(options)
        switch options.mode {
        case .table: return TableRenderer(options: options).render(result)
        case .csv:
            var lines = options.headers ? [result.columns.map(csvField).joined(separator: ",")] : []
            lines += cells.map { $0.map { csvField($0.text) }.joined(separator: ",") }
            return lines.map { $0 + "\r\n" }.joined()
        case .tsv:
            var lines = options.headers ? [result.columns.map(tsvField).joined(separator: "\t")] : []
            lines += cells.map { $0.map { tsvField($0.text) }.joined(separator: "\t") }
            return lines.map { $0 + "\n" }.joined()
        case .json:
            let objects = cells.map { object(result.columns, $0, options) }
            return objects.isEmpty ? "[]\n" : "[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n"
        case .jsonl:
            return cells.map { object(result.columns, $0, options) + "\n" }.joined()
        case .markdown:
            let numeric = result.columns.indices.map { i in cells.contains { $0[i].isNumeric } && cells.allSatisfy { $0[i].isNumeric || $0[i].term == nil } }
            var lines = ["| " + result.columns.map(markdownField).joined(separator: " | ") + " |",
                         "|" + numeric.map { $0 ? " ---: " : " --- " }.joined(separator: "|") + "|"]
            lines += cells.map { "| " + $0.map { markdownField($0.text) }.joined(separator: " | ") + " |" }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    static func tsvField(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    static func markdownField(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
    }

    /// `{"org": "인천광역시", "n": 2}`: numbers as JSON numbers, booleans as booleans, unbound as null.
    static func object(_ columns: [String], _ row: [ResultCell], _ options: RenderOptions) -> String {
        "{" + zip(columns, row).map { name, cell in jsonString(name) + ": " + jsonValue(cell, options) }.joined(separator: ", ") + "}"
    }

    static func jsonValue(_ cell: ResultCell, _ options: RenderOptions) -> String {
        switch cell.term {
        case nil: return "null"
        case .entity(let name)?: return jsonString(options.ids ? name : cell.text)
        case .literal(let l)?:
            switch l {
            case .integer(let v), .money(let v): return String(v)
            case .year(let y): return String(y)
            case .decimal(let d): return d.description
            case .boolean(let b): return b ? "true" : "false"
            case .string(let s, _): return jsonString(s)
            default: return jsonString(l.description)
            }
        }
    }

    /// A JSON string: `.kg`'s quoting escapes exactly what JSON requires.
    static func jsonString(_ s: String) -> String { Literal.quoted(s) }
}
