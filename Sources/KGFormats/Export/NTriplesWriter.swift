/// Writes a subgraph as RDF 1.1 N-Triples: one triple a line, in the order `RDFExport` makes
/// them (schema, facts, provenance). The IRI scheme, datatypes and provenance are `RDFExport`'s.
public enum NTriplesWriter {
    /// The N-Triples text of `subgraph`.
    /// - Complexity: O(n) in the number of triples.
    public static func write(_ subgraph: Subgraph, options: ExportOptions = ExportOptions()) -> String {
        var out = ""
        write(subgraph, options: options) { out += $0 }
        return out
    }

    /// The N-Triples text of `subgraph` in pieces of about `pieceBytes` (whole lines), each handed
    /// to `put` as it is made: an export of millions of facts is never whole in memory.
    public static func write(_ subgraph: Subgraph, options: ExportOptions = ExportOptions(), pieceBytes: Int = 1 << 20, _ put: (String) -> Void) {
        var piece = ""
        piece.reserveCapacity(pieceBytes + 4096)
        RDFExport.forEachTriple(of: subgraph, options: options) { t in
            piece += RDFExport.nTriples(t.subject)
            piece += " "
            piece += RDFExport.nTriples(t.predicate)
            piece += " "
            piece += RDFExport.nTriples(t.object)
            piece += " .\n"
            if piece.utf8.count >= pieceBytes {
                put(piece)
                piece.removeAll(keepingCapacity: true)
            }
        }
        if !piece.isEmpty { put(piece) }
    }
}
