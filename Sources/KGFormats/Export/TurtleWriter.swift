/// Writes a subgraph as RDF 1.1 Turtle: the same triples as `NTriplesWriter` (see `RDFExport` for
/// the IRI scheme, datatypes and provenance), with prefixes, grouped by subject (`;`) and by
/// predicate (`,`), `a` for `rdf:type`, and bare integers, decimals and booleans.
public enum TurtleWriter {
    /// The Turtle text of `subgraph`.
    /// - Complexity: O(n) in the number of triples.
    public static func write(_ subgraph: Subgraph, options: ExportOptions = ExportOptions()) -> String {
        var out = ""
        write(subgraph, options: options) { out += $0 }
        return out
    }

    /// The Turtle text of `subgraph` in pieces of about `pieceBytes` (whole statements), each
    /// handed to `put`. The schema and the facts are grouped by subject first; the reified
    /// statements, which come last and each alone, are written as they are made.
    public static func write(_ subgraph: Subgraph, options: ExportOptions = ExportOptions(), pieceBytes: Int = 1 << 20, _ put: (String) -> Void) {
        var out = ""
        for (prefix, namespace) in RDFExport.prefixes { out += "@prefix \(prefix): <\(namespace)> .\n" }
        // Subjects in order of first appearance, each with its predicates in order, each with its objects.
        var subjects: [RDFTerm] = []
        var groups: [[(predicate: RDFTerm, objects: [RDFTerm])]] = []
        var index: [RDFTerm: Int] = [:]
        index.reserveCapacity(subgraph.facts.count / 4)
        var grouping = true
        var statement: RDFTerm? = nil
        func flush() {
            if out.utf8.count >= pieceBytes {
                put(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        func writeGroups() {
            for (s, predicates) in zip(subjects, groups) {
                out += "\n"
                out += term(s)
                for (i, (p, objects)) in predicates.enumerated() {
                    out += i == 0 ? " " : " ;\n    "
                    out += predicate(p)
                    for (j, o) in objects.enumerated() {
                        out += j == 0 ? " " : ", "
                        out += term(o)
                    }
                }
                out += " .\n"
                flush()
            }
            (subjects, groups, index, grouping) = ([], [], [:], false)
        }
        RDFExport.forEachTriple(of: subgraph, options: options) { t, reified in
            if !reified {
                let i: Int
                if let known = index[t.subject] {
                    i = known
                } else {
                    i = subjects.count
                    index[t.subject] = i
                    subjects.append(t.subject)
                    groups.append([])
                }
                if let j = groups[i].firstIndex(where: { $0.predicate == t.predicate }) {
                    groups[i][j].objects.append(t.object)
                } else {
                    groups[i].append((t.predicate, [t.object]))
                }
                return
            }
            if grouping { writeGroups() }
            // A statement's own predicates, each once: ";" between them.
            if t.subject == statement {
                out += " ;\n    "
            } else {
                if statement != nil {
                    out += " .\n"
                    flush()
                }
                out += "\n"
                out += term(t.subject)
                out += " "
                statement = t.subject
            }
            out += predicate(t.predicate)
            out += " "
            out += term(t.object)
        }
        if grouping { writeGroups() }
        if statement != nil { out += " .\n" }
        put(out)
    }

    static func predicate(_ p: RDFTerm) -> String {
        if case .iri(RDFVocabulary.rdfType) = p { return "a" }
        return term(p)
    }

    static func term(_ t: RDFTerm) -> String {
        switch t {
        case .iri(let iri): return name(iri)
        case .blank(let label): return "_:" + label
        case .literal(let lexical, let datatype, let language):
            if let language { return "\"" + RDFExport.escaped(lexical) + "\"@" + language }
            switch datatype {
            case RDFVocabulary.xsdString: return "\"" + RDFExport.escaped(lexical) + "\""
            case RDFVocabulary.xsdInteger where isInteger(lexical): return lexical
            case RDFVocabulary.xsdDecimal where isDecimal(lexical): return lexical
            case RDFVocabulary.xsdBoolean where lexical == "true" || lexical == "false": return lexical
            default: return "\"" + RDFExport.escaped(lexical) + "\"^^" + name(datatype)
            }
        }
    }

    /// `prefix:local` where a declared namespace starts the IRI and the rest is a plain local name;
    /// the full `<IRI>` otherwise.
    static func name(_ iri: String) -> String {
        for (prefix, namespace) in RDFExport.prefixes where iri.utf8.starts(with: namespace.utf8) {
            let local = iri.dropFirst(namespace.count)
            if let first = local.utf8.first, isLocalStart(first), local.utf8.allSatisfy(isLocalChar) {
                return prefix + ":" + local
            }
        }
        return RDFExport.iriRef(iri)
    }

    static func isLocalStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 95
    }

    static func isLocalChar(_ c: UInt8) -> Bool { isLocalStart(c) || c == 45 }

    static func isInteger(_ s: String) -> Bool {
        let digits = s.hasPrefix("-") || s.hasPrefix("+") ? s.dropFirst() : Substring(s)
        return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    static func isDecimal(_ s: String) -> Bool {
        let body = s.hasPrefix("-") || s.hasPrefix("+") ? s.dropFirst() : Substring(s)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[1].isEmpty && parts.allSatisfy { $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
    }
}
