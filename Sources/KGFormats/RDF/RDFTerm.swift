/// One RDF 1.1 term as the N-Triples and Turtle readers deliver it: an absolute IRI, a blank node
/// or a literal.
///
/// Literals always carry their datatype IRI: a plain `"x"` is `xsd:string` and a language-tagged
/// `"x"@en` is `rdf:langString` (RDF 1.1 Concepts §3.3), so two equal literals are equal values
/// of this type. Language tags are lowercased when read.
///
/// Blank node labels are document-scoped: the reader rewrites `_:x` to a label that starts with
/// the document's scope (see `RDFReaderOptions.blankNodeScope`), so nodes from two documents
/// never share a label. Every label it produces is a valid N-Triples `BLANK_NODE_LABEL` body.
public enum RDFTerm: Hashable, Sendable {
    case iri(String)
    case blank(String)
    case literal(lexical: String, datatype: String, language: String?)

    /// A literal of type `xsd:string`.
    public static func string(_ lexical: String) -> RDFTerm {
        .literal(lexical: lexical, datatype: RDFVocabulary.xsdString, language: nil)
    }

    /// A language-tagged literal (`rdf:langString`); the tag is stored lowercased.
    public static func langString(_ lexical: String, language: String) -> RDFTerm {
        .literal(lexical: lexical, datatype: RDFVocabulary.rdfLangString, language: language.lowercased())
    }

    public var isBlank: Bool {
        if case .blank = self { return true }
        return false
    }
}

/// One RDF triple. The readers only ever put IRIs or blank nodes in `subject` and IRIs in
/// `predicate`.
public struct RDFTriple: Hashable, Sendable {
    public var subject: RDFTerm
    public var predicate: RDFTerm
    public var object: RDFTerm

    public init(_ subject: RDFTerm, _ predicate: RDFTerm, _ object: RDFTerm) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
    }
}

extension RDFTerm: CustomStringConvertible {
    /// The term in N-Triples syntax (as the term stands, with its document-scoped blank label).
    public var description: String {
        switch self {
        case .iri(let iri): return "<\(RDFTerm.escapedIRI(iri))>"
        case .blank(let label): return "_:\(label)"
        case .literal(let lexical, let datatype, let language):
            let quoted = "\"\(RDFTerm.escapedString(lexical))\""
            if let language { return quoted + "@" + language }
            if datatype == RDFVocabulary.xsdString { return quoted }
            return quoted + "^^<\(RDFTerm.escapedIRI(datatype))>"
        }
    }

    /// A string's body between double quotes, escaped as the N-Triples writer escapes it.
    static func escapedString(_ s: String) -> String { RDFExport.escaped(s) }

    static func escapedIRI(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v <= 0x20 || "<>\"{}|^`\\".unicodeScalars.contains(scalar) {
                let hex = String(v, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension RDFTriple: CustomStringConvertible {
    /// The triple as one N-Triples line without the newline.
    public var description: String { "\(subject) \(predicate) \(object) ." }
}

/// The IRIs the readers produce on their own: datatypes of shorthand literals and the
/// collection vocabulary.
public enum RDFVocabulary {
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"
    public static let rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    public static let rdfFirst = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
    public static let rdfRest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
    public static let rdfNil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
    public static let rdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
    public static let xsdString = "http://www.w3.org/2001/XMLSchema#string"
    public static let xsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean"
    public static let xsdInteger = "http://www.w3.org/2001/XMLSchema#integer"
    public static let xsdDecimal = "http://www.w3.org/2001/XMLSchema#decimal"
    public static let xsdDouble = "http://www.w3.org/2001/XMLSchema#double"
}
