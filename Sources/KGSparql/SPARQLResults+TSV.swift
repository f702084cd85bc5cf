import Foundation

/// SPARQL 1.1 Query Results TSV: a header of `?variables`, then one line per solution whose cells
/// are terms in Turtle syntax (`<iri>`, `_:b`, `"text"@ko`, `"5"^^<dt>`, and the bare numbers and
/// booleans Turtle allows), an empty cell where a variable is unbound. Read byte by byte: a
/// catalog of a million-fact graph is tens of megabytes, where JSON parsing takes seconds.
extension SPARQLResults {
    public init(tsv data: Data) throws {
        // An ASK query's answer is the word alone.
        let word = String(decoding: data.prefix(8), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if data.count <= 8, word == "true" || word == "false" {
            self.init(variables: [], rows: [], boolean: word == "true")
            return
        }
        var variables: [String] = []
        var rows: [[SPARQLValue?]] = []
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            var header = true
            let n = bytes.count
            while start < n {
                var end = start
                while end < n, bytes[end] != 0x0A { end += 1 }
                var lineEnd = end
                if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<lineEnd])
                if header {
                    variables = String(decoding: line, as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false)
                        .map { $0.hasPrefix("?") || $0.hasPrefix("$") ? String($0.dropFirst()) : String($0) }
                    if variables == [""] { variables = [] }
                    header = false
                } else if !(line.isEmpty && variables.count > 1) {
                    var row: [SPARQLValue?] = []
                    row.reserveCapacity(variables.count)
                    var cell = 0
                    var i = 0
                    while i <= line.count {
                        var j = i
                        // A tab inside a quoted literal is escaped (\t), so a raw tab ends the cell.
                        while j < line.count, line[j] != 0x09 { j += 1 }
                        row.append(j == i ? nil : try Self.term(UnsafeBufferPointer(rebasing: line[i..<j])))
                        cell += 1
                        i = j + 1
                    }
                    guard row.count == variables.count else { throw Failure(reason: "a TSV line with \(row.count) cells for \(variables.count) variables") }
                    rows.append(row)
                }
                start = end + 1
            }
        }
        self.init(variables: variables, rows: rows)
    }

    static let xsd = "http://www.w3.org/2001/XMLSchema#"

    /// One cell's term.
    static func term(_ b: UnsafeBufferPointer<UInt8>) throws -> SPARQLValue {
        switch b[0] {
        case UInt8(ascii: "<"):
            guard b.last == UInt8(ascii: ">") else { throw Failure(reason: "an IRI without '>'") }
            return .iri(unescaped(UnsafeBufferPointer(rebasing: b[1..<(b.count - 1)])))
        case UInt8(ascii: "_") where b.count > 2 && b[1] == UInt8(ascii: ":"):
            return .blank(String(decoding: UnsafeBufferPointer(rebasing: b[2...]), as: UTF8.self))
        case UInt8(ascii: "\""):
            // The closing quote: the last one not escaped.
            var close = b.count - 1
            while close > 0, b[close] != UInt8(ascii: "\"") { close -= 1 }
            guard close > 0 else { throw Failure(reason: "a literal without its closing quote") }
            let lexical = unescaped(UnsafeBufferPointer(rebasing: b[1..<close]))
            let rest = UnsafeBufferPointer(rebasing: b[(close + 1)...])
            if rest.isEmpty { return .literal(lexical, datatype: nil, language: nil) }
            if rest[0] == UInt8(ascii: "@") {
                return .literal(lexical, datatype: nil, language: String(decoding: UnsafeBufferPointer(rebasing: rest[1...]), as: UTF8.self).lowercased())
            }
            guard rest.count > 4, rest[0] == UInt8(ascii: "^"), rest[1] == UInt8(ascii: "^"), rest[2] == UInt8(ascii: "<"), rest.last == UInt8(ascii: ">") else {
                throw Failure(reason: "a literal with something after it that is no tag or datatype")
            }
            let datatype = String(decoding: UnsafeBufferPointer(rebasing: rest[3..<(rest.count - 1)]), as: UTF8.self)
            return .literal(lexical, datatype: datatype == xsd + "string" ? nil : datatype, language: nil)
        default:
            let text = String(decoding: b, as: UTF8.self)
            if text == "true" || text == "false" { return .literal(text, datatype: xsd + "boolean", language: nil) }
            if text.contains(where: { $0 == "e" || $0 == "E" }) { return .literal(text, datatype: xsd + "double", language: nil) }
            if text.contains(".") { return .literal(text, datatype: xsd + "decimal", language: nil) }
            guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) else { throw Failure(reason: "an unknown term '\(text)'") }
            return .literal(text, datatype: xsd + "integer", language: nil)
        }
    }

    /// Text with Turtle's string escapes (`\t \n \r \" \' \\ \uXXXX \UXXXXXXXX`) resolved.
    static func unescaped(_ b: UnsafeBufferPointer<UInt8>) -> String {
        guard b.contains(UInt8(ascii: "\\")) else { return String(decoding: b, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let c = b[i]
            guard c == UInt8(ascii: "\\"), i + 1 < b.count else { out.append(c); i += 1; continue }
            let e = b[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let width = e == UInt8(ascii: "u") ? 4 : 8
                guard i + width <= b.count, let v = UInt32(String(decoding: UnsafeBufferPointer(rebasing: b[i..<(i + width)]), as: UTF8.self), radix: 16),
                      let scalar = Unicode.Scalar(v) else { out.append(e); continue }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += width
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
