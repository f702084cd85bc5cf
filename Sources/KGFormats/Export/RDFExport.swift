import KGModel

/// How a subgraph becomes RDF, for the N-Triples and Turtle writers: one IRI scheme, XSD
/// datatypes, and provenance as RDF 1.1 reification.
///
/// **IRIs.** Names that are already IRIs (entities, types and predicates read from RDF) stay as
/// they are, and blank nodes read from RDF (`_:b1_x`) stay blank nodes. `.kg` names become IRIs
/// under `https://kgsh.example/`:
///
/// | what | IRI |
/// |---|---|
/// | entity `daegu` | `https://kgsh.example/id/daegu` |
/// | predicate `won` | `https://kgsh.example/p/won` |
/// | type `Award` (and `Thing`) | `https://kgsh.example/type/Award` |
/// | `type`, `label`, `alias` | `rdf:type`, `rdfs:label`, `skos:altLabel` |
///
/// Characters an IRI may not hold (space, `<>"{}|^` and backquote, backslash, controls) would be
/// percent-encoded as UTF-8; kgsh's RDF readers never let one in, so this only guards the output.
///
/// **Literals.** Strings keep their language tag (`"대구광역시"@ko`). Integer → `xsd:integer`,
/// Decimal → `xsd:decimal`, Date → `xsd:date`, DateTime → `xsd:dateTime` (seconds always
/// written: `2022-02-10T17:34:00`, zone as written), Year → `xsd:gYear` (`2023`), Boolean →
/// `xsd:boolean`, and Money → whole won in the lexical form of `xsd:integer` with the datatype
/// `https://kgsh.example/dt/KRW` (`"1300000000"^^<https://kgsh.example/dt/KRW>`).
///
/// **Schema.** Each `.kg` type the facts use (with its supertypes) is an `rdfs:Class` with its
/// `rdfs:subClassOf` parent (none below `Thing`) and `rdfs:label`s; each `.kg` predicate they
/// use is an `rdf:Property` with its `rdfs:label`s and, where it has an inverse name `inv`,
/// `owl:inverseOf <https://kgsh.example/p/inv>`. Types and predicates read from RDF get none.
///
/// **Provenance** (when `ExportOptions.provenance`). Each provenance of each fact is one
/// `rdf:Statement` blank node `_:s<fact>_<n>` (`n` counts the fact's provenances from 0):
/// `rdf:subject`, `rdf:predicate`, `rdf:object` restate the fact, and from the vocabulary
/// `https://kgsh.example/vocab#`: `source` (the source entity), `quote` (the sentence, an
/// `xsd:string`), `file` (where it was written) and, for facts from `.kg` files, `line` and
/// `column` (`xsd:integer`).
///
/// kgsh reads all of this back (`RDFImport`): the names, the schema and each statement's source and
/// sentence, as the graph the export was made from.
public enum RDFExport {
    // One scheme for the exports and the SPARQL backend (KGSparql): KGModel's `IRIScheme`.
    public static let base = IRIScheme.base
    public static let entityNamespace = IRIScheme.entityNamespace
    public static let predicateNamespace = IRIScheme.predicateNamespace
    public static let typeNamespace = IRIScheme.typeNamespace
    public static let datatypeNamespace = IRIScheme.datatypeNamespace
    public static let vocabulary = IRIScheme.vocabulary
    public static let money = IRIScheme.money

    static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    static let skos = "http://www.w3.org/2004/02/skos/core#"
    static let owl = "http://www.w3.org/2002/07/owl#"
    static let xsd = RDFVocabulary.xsd
    static let rdf = RDFVocabulary.rdf

    /// The prefixes Turtle output declares, in order.
    static let prefixes: [(String, String)] = [
        ("rdf", rdf), ("rdfs", rdfs), ("xsd", xsd), ("skos", skos), ("owl", owl),
        ("id", entityNamespace), ("p", predicateNamespace), ("t", typeNamespace), ("dt", datatypeNamespace), ("kgsh", vocabulary),
    ]

    /// The RDF triples of `subgraph`: schema, then facts, then provenance; no repeats.
    public static func triples(of subgraph: Subgraph, options: ExportOptions = ExportOptions()) -> [RDFTriple] {
        var out: [RDFTriple] = []
        forEachTriple(of: subgraph, options: options) { out.append($0) }
        return out
    }

    /// Hands `body` the triples `triples(of:options:)` gives, one at a time as they are made, so
    /// that a writer can stream them out without holding them all.
    public static func forEachTriple(of subgraph: Subgraph, options: ExportOptions = ExportOptions(), _ body: (RDFTriple) -> Void) {
        forEachTriple(of: subgraph, options: options) { t, _ in body(t) }
    }

    /// As `forEachTriple(of:options:_:)`, saying of each triple whether it belongs to a reified
    /// statement: those come last, each statement's together, and no other triple shares their
    /// subject (Turtle writes them as they come).
    static func forEachTriple(of subgraph: Subgraph, options: ExportOptions, _ body: (RDFTriple, _ reified: Bool) -> Void) {
        withoutActuallyEscaping(body) { body in
            var mapper = Mapper(store: subgraph.store, deliver: body)
            mapper.triples(subgraph, provenance: options.provenance)
        }
    }

    /// A term's RDF form and a number that is the same for equal forms: two terms can have one
    /// form (an entity `x` and an imported `https://kgsh.example/id/x`; a time with and without
    /// `:00`), and facts are told apart by these numbers.
    struct Mapped {
        let term: RDFTerm
        let number: UInt32
    }

    /// A fact by its terms' numbers.
    struct FactKey: Hashable {
        let s: UInt32, p: UInt32, o: UInt32
    }

    struct Mapper {
        let store: FactStore
        let deliver: (RDFTriple, Bool) -> Void
        var seen: Set<RDFTriple> = []
        var seenFacts: Set<FactKey> = []
        /// Each term's RDF form, made once however many facts name it: as an entity or literal,
        /// as a type, as a predicate.
        var termForms: [TermID: Mapped] = [:]
        var typeForms: [TermID: Mapped] = [:]
        var predicateForms: [TermID: Mapped] = [:]
        var numbers: [RDFTerm: UInt32] = [:]

        init(store: FactStore, deliver: @escaping (RDFTriple, Bool) -> Void) {
            self.store = store
            self.deliver = deliver
        }

        /// Adds a schema triple unless an earlier one was the same.
        mutating func emit(_ s: RDFTerm, _ p: String, _ o: RDFTerm) {
            let t = RDFTriple(s, .iri(p), o)
            if seen.insert(t).inserted { deliver(t, false) }
        }

        /// Adds a triple of a reified statement: its blank node is the fact's and the provenance's
        /// own, so no other triple can be the same.
        func emitNew(_ s: RDFTerm, _ p: String, _ o: RDFTerm) {
            deliver(RDFTriple(s, .iri(p), o), true)
        }

        mutating func triples(_ subgraph: Subgraph, provenance: Bool) {
            let b = store.builtins
            // Schema.
            var types: [TermID] = []
            var predicates: [TermID] = []
            var seenSchema: Set<TermID> = [b.thing, b.type, b.label, b.alias]
            for fid in subgraph.facts {
                let t = store.triples[Int(fid)]
                if t.predicate == b.type {
                    var c: TermID? = t.object
                    while let type = c, seenSchema.insert(type).inserted {
                        types.append(type)
                        c = store.schema.types[type]?.parent
                    }
                } else if seenSchema.insert(t.predicate).inserted {
                    predicates.append(t.predicate)
                }
            }
            for type in types.sorted() where KGLexer.isIdentifier(store.name(type)) {
                guard let info = store.schema.types[type] else { continue }
                let s = self.type(type).term
                emit(s, RDFVocabulary.rdfType, .iri(rdfs + "Class"))
                if let parent = info.parent, parent != b.thing { emit(s, rdfs + "subClassOf", self.type(parent).term) }
                for l in info.labels { emit(s, rdfs + "label", RDFExport.string(l)) }
            }
            for p in predicates.sorted() where KGLexer.isIdentifier(store.name(p)) {
                guard let info = store.schema.predicates[p] else { continue }
                let s = predicate(p).term
                emit(s, RDFVocabulary.rdfType, .iri(rdf + "Property"))
                for l in info.labels { emit(s, rdfs + "label", RDFExport.string(l)) }
                if let inverse = info.inverseName { emit(s, owl + "inverseOf", .iri(predicateNamespace + inverse)) }
            }
            // Facts: a fact whose terms' forms an earlier fact had is that fact again.
            seenFacts.reserveCapacity(subgraph.facts.count)
            for fid in subgraph.facts {
                let (s, p, o) = fact(fid)
                if seenFacts.insert(FactKey(s: s.number, p: p.number, o: o.number)).inserted { deliver(RDFTriple(s.term, p.term, o.term), false) }
            }
            // Provenance.
            guard provenance else { return }
            let statement = RDFTerm.iri(rdf + "Statement")
            for fid in subgraph.facts {
                let (s, p, o) = fact(fid)
                for (n, prov) in store.provenance(ofFact: fid).enumerated() {
                    let node = RDFTerm.blank("s\(fid)_\(n)")
                    emitNew(node, RDFVocabulary.rdfType, statement)
                    emitNew(node, rdf + "subject", s.term)
                    emitNew(node, rdf + "predicate", p.term)
                    emitNew(node, rdf + "object", o.term)
                    if let source = prov.source { emitNew(node, vocabulary + "source", entity(source).term) }
                    if let q = prov.quote { emitNew(node, vocabulary + "quote", .string(store.quotes[Int(q)])) }
                    if Int(prov.location.file) < store.files.count {
                        emitNew(node, vocabulary + "file", .string(store.files[Int(prov.location.file)]))
                    }
                    if prov.location.line > 0 {
                        emitNew(node, vocabulary + "line", .literal(lexical: String(prov.location.line), datatype: xsd + "integer", language: nil))
                        emitNew(node, vocabulary + "column", .literal(lexical: String(prov.location.column), datatype: xsd + "integer", language: nil))
                    }
                }
            }
        }

        mutating func fact(_ fid: UInt32) -> (Mapped, Mapped, Mapped) {
            let t = store.triples[Int(fid)]
            let object: Mapped
            if t.predicate == store.builtins.type {
                object = type(t.object)
            } else if store.terms.isEntity(t.object) {
                object = entity(t.object)
            } else {
                object = mapped(t.object, in: \.termForms) { mapper in
                    guard case .literal(let l) = mapper.store.terms[t.object] else { preconditionFailure("not a literal") }
                    return RDFExport.literal(l)
                }
            }
            return (entity(t.subject), predicate(t.predicate), object)
        }

        /// The form of term `id` in one of the caches, made by `make` and numbered the first time.
        mutating func mapped(_ id: TermID, in cache: WritableKeyPath<Mapper, [TermID: Mapped]>, _ make: (Mapper) -> RDFTerm) -> Mapped {
            if let known = self[keyPath: cache][id] { return known }
            let term = make(self)
            let number = numbers[term] ?? UInt32(numbers.count)
            numbers[term] = number
            let made = Mapped(term: term, number: number)
            self[keyPath: cache][id] = made
            return made
        }

        mutating func entity(_ id: TermID) -> Mapped {
            mapped(id, in: \.termForms) { RDFExport.node($0.store.name(id), namespace: entityNamespace) }
        }

        mutating func type(_ id: TermID) -> Mapped {
            mapped(id, in: \.typeForms) { RDFExport.node($0.store.name(id), namespace: typeNamespace) }
        }

        mutating func predicate(_ id: TermID) -> Mapped {
            mapped(id, in: \.predicateForms) { .iri($0.predicateIRI(id)) }
        }

        func predicateIRI(_ id: TermID) -> String {
            let b = store.builtins
            switch id {
            case b.type: return RDFVocabulary.rdfType
            case b.label: return rdfs + "label"
            case b.alias: return skos + "altLabel"
            default:
                let name = store.name(id)
                return KGLexer.isIdentifier(name) ? predicateNamespace + name : safeIRI(name)
            }
        }
    }

    /// A `.kg` name under `namespace`, an imported blank node, or an imported IRI as it is.
    static func node(_ name: String, namespace: String) -> RDFTerm {
        if KGLexer.isIdentifier(name) { return .iri(namespace + name) }
        if name.hasPrefix("_:"), name.count > 2 { return .blank(String(name.dropFirst(2))) }
        return .iri(safeIRI(name))
    }

    static func string(_ label: Label) -> RDFTerm {
        label.language.map { .langString(label.text, language: $0) } ?? .string(label.text)
    }

    /// A kgsh literal as an RDF literal (see the table above).
    static func literal(_ l: Literal) -> RDFTerm {
        if case .string(let s, let language) = l { return string(Label(s, language: language)) }
        let (lexical, datatype) = IRIScheme.typedLexical(l)!
        return .literal(lexical: lexical, datatype: datatype, language: nil)
    }

    /// `iri` with the characters an IRI may not hold percent-encoded (UTF-8).
    static func safeIRI(_ iri: String) -> String {
        // Almost every IRI needs nothing: checked on its bytes (none of the encoded characters is
        // part of a longer UTF-8 sequence), it is returned as it is.
        if !containsByte(iri, where: isUnsafeInIRI) { return iri }
        var out = ""
        for scalar in iri.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F || "<>\"{}|^`\\".unicodeScalars.contains(scalar) {
                for byte in String(scalar).utf8 { out += "%" + hex(UInt32(byte), 2) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether one of `s`'s UTF-8 bytes passes `test`, read from its contiguous storage.
    @inline(__always) static func containsByte(_ s: String, where test: (UInt8) -> Bool) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.contains(where: test) } ?? s.utf8.contains(where: test)
    }

    /// Whether an IRI may not hold this byte: controls, space, DEL and `<>"{}|^` backquote backslash.
    @inline(__always) static func isUnsafeInIRI(_ c: UInt8) -> Bool {
        switch c {
        case 0...0x20, 0x7F, 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D: true
        default: false
        }
    }

    /// Whether a string literal's body escapes this byte: controls, DEL, `"` and backslash.
    @inline(__always) static func isEscapedInString(_ c: UInt8) -> Bool { c < 0x20 || c == 0x7F || c == 0x22 || c == 0x5C }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }

    // MARK: Shared serialisation

    /// An IRI in angle brackets.
    static func iriRef(_ iri: String) -> String { "<" + safeIRI(iri) + ">" }

    /// A string's body between double quotes: `"` `\` and line breaks escaped, other controls as
    /// `\uXXXX`, everything else (Hangul included) as it is. Valid in N-Triples and Turtle.
    static func escaped(_ s: String) -> String {
        if !containsByte(s, where: isEscapedInString) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\u" + hex(scalar.value, 4) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A term in N-Triples syntax.
    static func nTriples(_ term: RDFTerm) -> String {
        switch term {
        case .iri(let iri): return iriRef(iri)
        case .blank(let label): return "_:" + label
        case .literal(let lexical, let datatype, let language):
            let quoted = "\"" + escaped(lexical) + "\""
            if let language { return quoted + "@" + language }
            if datatype == RDFVocabulary.xsdString { return quoted }
            return quoted + "^^" + iriRef(datatype)
        }
    }
}
