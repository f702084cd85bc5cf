import KGModel

/// kgsh terms in SPARQL syntax and SPARQL answers back as kgsh terms, by `IRIScheme` — the
/// mapping the N-Triples and Turtle exports use, so an exported graph answers by the same names.
enum SPARQLTerms {
    static let xsd = IRIScheme.xsd

    /// An IRI in angle brackets (characters an IRI may not hold percent-encoded).
    static func iriRef(_ iri: String) -> String {
        var out = "<"
        for scalar in iri.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F || "<>\"{}|^`\\".unicodeScalars.contains(scalar) {
                for byte in String(scalar).utf8 { out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + ">"
    }

    /// The IRI of a name in `namespace`: an identifier goes under it, an IRI stays itself.
    static func iri(_ name: String, namespace: String) -> String {
        IRIScheme.isIdentifier(name) ? namespace + name : name
    }

    /// The IRI of a predicate id (`type`, `label` and `alias` are RDF's and SKOS's own).
    static func predicateIRI(_ id: TermID, store: FactStore) -> String {
        let b = store.builtins
        switch id {
        case b.type: return IRIScheme.rdfType
        case b.label: return IRIScheme.rdfsLabel
        case b.alias: return IRIScheme.skosAltLabel
        default: return iri(store.name(id), namespace: IRIScheme.predicateNamespace)
        }
    }

    /// The IRI of an entity id: a type under the type namespace, a predicate under the predicate
    /// namespace, anything else under the entity namespace.
    static func entityIRI(_ id: TermID, store: FactStore) -> String {
        if store.schema.types[id] != nil { return iri(store.name(id), namespace: IRIScheme.typeNamespace) }
        if store.schema.predicates[id] != nil { return predicateIRI(id, store: store) }
        return iri(store.name(id), namespace: IRIScheme.entityNamespace)
    }

    /// A term of the query (a constant) in SPARQL syntax.
    static func constant(_ term: Term, id: TermID, store: FactStore) -> String {
        switch term {
        case .entity(let name):
            if name.hasPrefix("_:") { return "_:" + name.dropFirst(2) }
            return iriRef(Int(id) < store.terms.count ? entityIRI(id, store: store) : iri(name, namespace: IRIScheme.entityNamespace))
        case .literal(let l): return literal(l)
        }
    }

    /// A string's body between double quotes, escaped for SPARQL.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A kgsh literal as the exports write it (XSD datatypes; money as `dt:KRW`).
    static func literal(_ l: Literal) -> String {
        if case .string(let s, let language) = l { return quoted(s) + (language.map { "@" + $0 } ?? "") }
        let (lexical, datatype) = IRIScheme.typedLexical(l)!
        return quoted(lexical) + "^^" + iriRef(datatype)
    }

    /// The kgsh name of an IRI from an answer.
    static func name(ofIRI iri: String) -> String {
        switch iri {
        case IRIScheme.rdfType: "type"
        case IRIScheme.rdfsLabel: "label"
        case IRIScheme.skosAltLabel: "alias"
        default: IRIScheme.name(ofIRI: iri)
        }
    }

    /// An answer's value as a kgsh term: IRIs by name, XSD literals as their kgsh kinds.
    static func term(_ value: SPARQLValue) -> Term {
        switch value {
        case .iri(let iri): return .entity(name(ofIRI: iri))
        case .blank(let label): return .entity("_:" + label)
        case .literal(let lexical, let datatype, let language):
            return .literal(literal(lexical, datatype: datatype, language: language))
        }
    }

    static let integerTypes: Set<String> = ["integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                            "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"]

    /// An RDF literal as a kgsh literal; a datatype kgsh has no kind for keeps its lexical form as a string.
    static func literal(_ lexical: String, datatype: String?, language: String?) -> Literal {
        if let language, !language.isEmpty { return .string(lexical, language: language) }
        guard let datatype else { return .string(lexical, language: nil) }
        if datatype == IRIScheme.money, let v = Int64(lexical) { return .money(v) }
        guard datatype.hasPrefix(xsd) else { return .string(lexical, language: nil) }
        let local = String(datatype.dropFirst(xsd.count))
        let text = Substring(lexical.trimmingCharacters(in: .whitespaces))
        func parsed() -> Literal? {
            guard LiteralSyntax.looksLikeLiteral(text), case .success(let l) = LiteralSyntax.parse(text) else { return nil }
            return l
        }
        switch local {
        case _ where integerTypes.contains(local):
            if let v = Int64(text.hasPrefix("+") ? text.dropFirst() : text) { return .integer(v) }
        case "decimal", "double", "float":
            if let d = decimal(String(text)) { return d }
        case "date":
            if case .date(let d)? = parsed() { return .date(d) }
        case "dateTime":
            // The exports always write seconds; ':00' seconds read back as a time without them.
            var t = String(text)
            if t.count >= 19, t.dropFirst(16).hasPrefix(":00") { t.removeSubrange(t.index(t.startIndex, offsetBy: 16)..<t.index(t.startIndex, offsetBy: 19)) }
            if LiteralSyntax.looksLikeLiteral(Substring(t)), case .success(let l) = LiteralSyntax.parse(Substring(t)), l.kind == .dateTime { return l }
            if case .dateTime? = parsed()?.kind, let l = parsed() { return l }
        case "gYear":
            if let y = Int32(text) { return .year(y) }
        case "boolean":
            if text == "true" || text == "1" { return .boolean(true) }
            if text == "false" || text == "0" { return .boolean(false) }
        case "string":
            return .string(lexical, language: nil)
        default:
            break
        }
        return .string(lexical, language: nil)
    }

    /// A decimal's lexical form (`-12.50`, `3`, `1.0E3` not) as a kgsh number: a whole value as an
    /// integer-valued decimal, at most 18 fraction digits.
    static func decimal(_ text: String) -> Literal? {
        var s = Substring(text)
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() } else if s.hasPrefix("+") { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, whole.allSatisfy(\.isASCII), !(whole.isEmpty && parts.count < 2) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        guard fraction.count <= Int(DecimalNumber.maxScale), let m = Int64((whole.isEmpty ? "0" : whole) + fraction) else { return nil }
        return .decimal(DecimalNumber(mantissa: negative ? -m : m, scale: UInt8(fraction.count)))
    }
}
