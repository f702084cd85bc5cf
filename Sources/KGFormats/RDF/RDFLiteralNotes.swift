import KGModel

/// The literals an RDF load kept as plain text because kgsh has no kind for their value: a
/// datatype it does not know (`geo:wktLiteral`), or a known one whose value it cannot hold (an
/// `xsd:integer` past 64 bits, an `xsd:date` the calendar does not have). The load goes on — the
/// file is valid RDF — and each (datatype, reason) becomes one warning with the first such
/// literal's place and how many more there were.
struct RDFLiteralNotes: Sendable {
    struct Note: Sendable {
        let datatype: String
        let reason: String
        let example: String
        /// Byte offset of the first literal in the file, where known (the N-Triples readers).
        let offset: Int?
        var count: Int
    }

    private(set) var notes: [Note] = []
    private var index: [String: Int] = [:]

    mutating func note(_ lexical: String, datatype: String, reason: String, offset: Int?) {
        let key = datatype + "\u{0}" + reason
        if let i = index[key] {
            notes[i].count += 1
            return
        }
        index[key] = notes.count
        notes.append(Note(datatype: datatype, reason: reason, example: lexical, offset: offset, count: 1))
    }

    /// Adds the notes of a later part of the same file.
    mutating func merge(_ other: RDFLiteralNotes) {
        for n in other.notes {
            let key = n.datatype + "\u{0}" + n.reason
            if let i = index[key] { notes[i].count += n.count; continue }
            index[key] = notes.count
            notes.append(n)
        }
    }

    /// One warning per note: at the first literal's line and column where its offset is known.
    func warnings(file: String, in bytes: UnsafeBufferPointer<UInt8>) -> [Diagnostic] {
        let placed = notes.filter { $0.offset != nil }
        let positions = RDFPositions.resolve(placed.map { RDFPendingError(offset: $0.offset!, end: $0.offset! + 1, message: "") }, in: bytes)
        var atPosition: [Int: RDFSyntaxError] = [:]
        for (n, p) in zip(placed, positions) { atPosition[n.offset!] = p }
        return notes.map { n in
            let quoted = "\"\(n.example.count > 60 ? String(n.example.prefix(60)) + "…" : n.example)\""
            let more = n.count == 1 ? "" : " (and \(n.count - 1) more like it)"
            let message = "\(quoted) \(n.reason): kept as text\(more)"
            if let offset = n.offset, let p = atPosition[offset] {
                return Diagnostic(file: file, line: p.line, column: p.column, length: p.length, message: message, sourceLine: p.sourceLine, severity: .warning)
            }
            return Diagnostic(file: file, line: 0, column: 0, message: message, sourceLine: "", severity: .warning)
        }
    }
}
