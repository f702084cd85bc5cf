/// Writes a subgraph as RDF 1.1 N-Triples: one triple a line, in the order `RDFExport` makes
/// them (schema, facts, provenance). The IRI scheme, datatypes and provenance are `RDFExport`'s.
public enum NTriplesWriter {
    /// The N-Triples text of `subgraph`.
    /// - Complexity: O(n) in the number of triples.
    public static func write(_ subgraph: Subgraph, options: ExportOptions = ExportOptions()) -> String {
        var out = ""
        for t in RDFExport.triples(of: subgraph, options: options) {
            out += RDFExport.nTriples(t.subject)
            out += " "
            out += RDFExport.nTriples(t.predicate)
            out += " "
            out += RDFExport.nTriples(t.object)
            out += " .\n"
        }
        return out
    }
}
