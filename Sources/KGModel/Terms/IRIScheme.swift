/// The one IRI scheme kgsh writes RDF in and reads a SPARQL engine's answers back by: the RDF
/// exports (KGFormats' `RDFExport`) and the SPARQL backend (KGSparql) both use it, so a graph
/// exported with `export all as nt` and loaded into any engine is queried there by the same names.
///
/// | what | IRI |
/// |---|---|
/// | entity `daegu` | `https://kgsh.example/id/daegu` |
/// | predicate `won` | `https://kgsh.example/p/won` |
/// | type `Award` | `https://kgsh.example/type/Award` |
/// | `type`, `label`, `alias` | `rdf:type`, `rdfs:label`, `skos:altLabel` |
/// | money (won) | datatype `https://kgsh.example/dt/KRW` |
/// | provenance | `rdf:Statement` nodes with `https://kgsh.example/vocab#source`, `quote`, `file`, `line`, `column` |
///
/// A name that is already an IRI (read from RDF) stays that IRI; a `.kg` name is an identifier
/// (ASCII letters, digits, `-` and `_`, a letter first) and goes under its namespace.
public enum IRIScheme {
    public static let base = "https://kgsh.example/"
    public static let entityNamespace = base + "id/"
    public static let predicateNamespace = base + "p/"
    public static let typeNamespace = base + "type/"
    public static let datatypeNamespace = base + "dt/"
    public static let vocabulary = base + "vocab#"
    public static let money = datatypeNamespace + "KRW"

    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"
    public static let skos = "http://www.w3.org/2004/02/skos/core#"
    public static let owl = "http://www.w3.org/2002/07/owl#"

    public static let rdfType = rdf + "type"
    public static let rdfsLabel = rdfs + "label"
    public static let skosAltLabel = skos + "altLabel"

    /// The kgsh name an IRI of the scheme stands for (`…/id/daegu` → `daegu`, `…/p/won` → `won`,
    /// `…/type/Award` → `Award`), and any other IRI as it is.
    public static func name(ofIRI iri: String) -> String {
        for namespace in [entityNamespace, predicateNamespace, typeNamespace] where iri.hasPrefix(namespace) {
            let local = iri.dropFirst(namespace.count)
            if !local.isEmpty, isIdentifier(local) { return String(local) }
        }
        return iri
    }

    /// A literal that is not a string as RDF writes it: its lexical form and datatype IRI (XSD
    /// kinds; money as whole won of `money`; a date-time always with seconds). Nil for a string,
    /// which is written with its language tag instead.
    public static func typedLexical(_ l: Literal) -> (lexical: String, datatype: String)? {
        switch l {
        case .string: return nil
        case .integer(let v): return (String(v), xsd + "integer")
        case .decimal(let d): return (d.description, xsd + "decimal")
        case .date(let d): return (d.description, xsd + "date")
        case .dateTime(let t):
            var lexical = t.description
            if !t.hasSeconds {
                let cut = lexical.index(lexical.startIndex, offsetBy: 16)
                lexical = lexical[..<cut] + ":00" + lexical[cut...]
            }
            return (lexical, xsd + "dateTime")
        case .year(let y):
            let digits = String(y)
            return (String(repeating: "0", count: max(0, 4 - digits.count)) + digits, xsd + "gYear")
        case .money(let v): return (String(v), money)
        case .boolean(let v): return (v ? "true" : "false", xsd + "boolean")
        }
    }

    /// Whether `name` is a `.kg` identifier (an ASCII letter, then ASCII letters, digits, `-`
    /// and `_`): the names that go under a namespace; any other name is written as the IRI it is.
    public static func isIdentifier<S: StringProtocol>(_ name: S) -> Bool {
        guard let f = name.utf8.first, (f >= 65 && f <= 90) || (f >= 97 && f <= 122) else { return false }
        return name.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 }
    }
}
