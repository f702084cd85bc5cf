import Foundation
import KGModel

/// Loads N-Triples and Turtle into the fact store: IRIs and blank nodes become entities (their id
/// is the IRI, or `_:label`), `rdf:type` gives an entity its type (the first one read; a new type
/// is declared below Thing), `rdfs:label` becomes a label, other predicates are declared as they
/// come (any subject, any object), and XSD-typed literals become kgsh literal kinds. The label index
/// finds an IRI entity by its local name too. All or nothing, like `.kg` loads.
public enum RDFImport {
    public enum Syntax: Sendable {
        case nTriples, turtle

        /// The syntax a file name's extension names, if any.
        public init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "nt": self = .nTriples
            case "ttl", "n3", "turtle": self = .turtle
            default: return nil
            }
        }
    }

    static let rdfsLabel = "http://www.w3.org/2000/01/rdf-schema#label"

    /// Reads one file's bytes into a copy of `store`.
    public static func load(path: String, bytes: [UInt8], syntax: Syntax, into store: FactStore) -> Result<(FactStore, LoadReport), LoadFailure> {
        var next = store
        var importer = Importer(store: next)
        let file = importer.store.addFile(path)
        let base = "file://" + URL(fileURLWithPath: path).standardizedFileURL.path
        let options = RDFReaderOptions(baseIRI: base)
        var triples: [RDFTriple] = []
        let errors: [RDFSyntaxError]
        switch syntax {
        case .nTriples: errors = NTriplesReader.read(bytes, options: options) { triples.append($0) }
        case .turtle: errors = TurtleReader.read(bytes, options: options) { triples.append($0) }
        }
        if !errors.isEmpty { return .failure(LoadFailure(diagnostics: errors.map { $0.diagnostic(file: path) }, unreadable: [])) }
        // Types first, so an entity's type does not depend on where its rdf:type line stands.
        for t in triples where t.predicate == .iri(RDFVocabulary.rdfType) { importer.declareType(of: t.subject, t.object) }
        for t in triples { importer.add(t, file: file) }
        next = importer.store
        next.reindex()
        var report = LoadReport()
        report.files = [path]
        report.statements = triples.count
        report.newFacts = next.factCount - store.factCount
        report.entities = next.entityTypes.count - store.entityTypes.count
        return .success((next, report))
    }

    struct Importer {
        var store: FactStore
        var entities: [RDFTerm: TermID] = [:]

        init(store: FactStore) { self.store = store }

        static func name(_ term: RDFTerm) -> String? {
            switch term {
            case .iri(let iri): iri
            case .blank(let label): "_:" + label
            case .literal: nil
            }
        }

        /// The IRI's last segment, for typing at the prompt.
        static func localName(_ iri: String) -> String? {
            guard let cut = iri.lastIndex(where: { $0 == "#" || $0 == "/" || $0 == ":" }) else { return nil }
            let local = String(iri[iri.index(after: cut)...])
            return local.isEmpty ? nil : local.removingPercentEncoding ?? local
        }

        mutating func typeID(_ term: RDFTerm) -> TermID {
            let name = Importer.name(term) ?? "Thing"
            let id = store.intern(.entity(name))
            if store.schema.types[id] == nil {
                let label = term.iriValue.flatMap(Importer.localName).map { [Label($0, language: nil)] } ?? []
                store.schema.declare(TypeInfo(id: id, name: name, parent: store.builtins.thing, labels: label))
            }
            return id
        }

        mutating func declareType(of subject: RDFTerm, _ type: RDFTerm) {
            guard let name = Importer.name(subject), Importer.name(type) != nil else { return }
            let id = store.intern(.entity(name))
            if store.entityTypes[id] == nil { store.declare(entity: id, type: typeID(type), at: nil) }
            entities[subject] = id
        }

        mutating func entity(_ term: RDFTerm, file: UInt32) -> TermID? {
            if let id = entities[term] { return id }
            guard let name = Importer.name(term) else { return nil }
            let id = store.intern(.entity(name))
            if store.entityTypes[id] == nil { store.declare(entity: id, type: store.builtins.thing, at: nil) }
            entities[term] = id
            return id
        }

        mutating func predicate(_ iri: String) -> TermID {
            if iri == RDFVocabulary.rdfType { return store.builtins.type }
            if iri == RDFImport.rdfsLabel { return store.builtins.label }
            let id = store.intern(.entity(iri))
            if store.schema.predicates[id] == nil {
                let label = Importer.localName(iri).map { [Label($0, language: nil)] } ?? []
                store.schema.declare(PredicateInfo(id: id, name: iri, domain: [store.builtins.thing],
                                                   range: [.type(store.builtins.thing), .anyLiteral], inverseName: nil, labels: label))
            }
            return id
        }

        mutating func add(_ t: RDFTriple, file: UInt32) {
            guard case .iri(let p) = t.predicate, let s = entity(t.subject, file: file) else { return }
            let pid = predicate(p)
            let o: TermID
            if pid == store.builtins.type {
                guard Importer.name(t.object) != nil else { return }
                o = typeID(t.object)
            } else if case .literal(let lexical, let datatype, let language) = t.object {
                o = store.intern(.literal(RDFImport.literal(lexical, datatype: datatype, language: language)))
            } else {
                guard let e = entity(t.object, file: file) else { return }
                o = e
            }
            store.add(Triple(s, pid, o), provenance: Provenance(source: nil, quote: nil, location: SourceLocation(file: file, line: 0, column: 0)))
        }
    }

    /// An RDF literal as a kgsh literal: XSD numbers, booleans, dates and years by value; other
    /// datatypes keep their lexical form as a string.
    static func literal(_ lexical: String, datatype: String, language: String?) -> Literal {
        if let language { return .string(lexical, language: language) }
        let xsd = RDFVocabulary.xsd
        guard datatype.hasPrefix(xsd) else { return .string(lexical, language: nil) }
        let local = String(datatype.dropFirst(xsd.count))
        let trimmed = Substring(lexical.trimmingCharacters(in: .whitespaces))
        func parsed(_ kinds: Set<LiteralKind>) -> Literal? {
            guard LiteralSyntax.looksLikeLiteral(trimmed), case .success(let l) = LiteralSyntax.parse(trimmed), kinds.contains(l.kind) else { return nil }
            return l
        }
        switch local {
        case "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
             "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte":
            let digits = trimmed.hasPrefix("+") ? trimmed.dropFirst() : trimmed
            if let v = Int64(digits) { return .integer(v) }
        case "decimal", "double", "float":
            switch parsed([.decimal, .integer]) {
            case .integer(let v)?: return .decimal(DecimalNumber(mantissa: v, scale: 0))
            case let l?: return l
            case nil: break
            }
        case "boolean":
            if trimmed == "true" || trimmed == "1" { return .boolean(true) }
            if trimmed == "false" || trimmed == "0" { return .boolean(false) }
        case "date":
            if let l = parsed([.date]) { return l }
        case "dateTime":
            if let l = parsed([.dateTime]) { return l }
        case "gYear":
            if let y = Int32(trimmed), y >= 1, y <= 9999 { return .year(y) }
        default:
            break
        }
        return .string(lexical, language: nil)
    }
}

extension RDFTerm {
    var iriValue: String? {
        if case .iri(let i) = self { return i }
        return nil
    }
}
