import Foundation
import KGModel

/// Loads N-Triples and Turtle into the fact store: IRIs and blank nodes become entities (their id
/// is the IRI, or `_:label`), `rdf:type` gives an entity its type (the first one read; a new type
/// is declared below Thing), `rdfs:label` becomes a label and `skos:altLabel` an alias (as the
/// export writes them), other predicates are declared as they
/// come (any subject, any object), and XSD-typed literals become kgsh literal kinds. The label index
/// finds an IRI entity by its local name too. kgsh's own exports come back as the graph they were
/// made from (`Importer.recoverExport`). All or nothing, like `.kg` loads.
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
        bytes.withUnsafeBufferPointer { load(path: path, buffer: $0, syntax: syntax, into: store) }
    }

    /// Reads one file's bytes (often a mapped file) into a copy of `store`. N-Triples of
    /// `chunkBytes` or more is read in parts on several cores.
    public static func load(path: String, buffer: UnsafeBufferPointer<UInt8>, syntax: Syntax, into store: FactStore,
                            chunkBytes: Int = 4 << 20, progress: LoadProgress? = nil) -> Result<(FactStore, LoadReport), LoadFailure> {
        var importer = Importer(store: store)
        let file = importer.store.addFile(path)
        importer.provenance = importer.store.internProvenance(Provenance(source: nil, quote: nil, location: SourceLocation(file: file, line: 0, column: 0)))
        let base = "file://" + URL(fileURLWithPath: path).standardizedFileURL.path
        let options = RDFReaderOptions(baseIRI: base, blankNodeScope: RDFBlankNodeScopes.fresh())
        let errors: [RDFSyntaxError]
        var prefixes: [(name: String, namespace: String)] = []
        switch syntax {
        case .nTriples:
            errors = importer.readNTriples(buffer, options: options, chunkBytes: chunkBytes, progress: progress)
        case .turtle:
            // TurtleReader.read's loop, keeping the parser for the prefixes the file declares.
            var parser = TurtleParser(bytes: buffer, options: options)
            var more = true
            while more {
                more = parser.advance()
                for triple in parser.ready { importer.add(triple) }
                parser.ready.removeAll(keepingCapacity: true)
            }
            errors = RDFPositions.resolve(parser.errors, in: buffer)
            prefixes = parser.declaredPrefixes
            progress?.add(buffer.count)
        }
        if !errors.isEmpty { return .failure(LoadFailure(diagnostics: errors.map { $0.diagnostic(file: path) }, unreadable: [])) }
        let recovered = importer.recoverExport()
        // The file's prefixes name its IRIs at the prompt, where the names are still free (those
        // of kgsh's own scheme name nothing once its IRIs are `.kg` names again).
        for (name, namespace) in prefixes where !(recovered && namespace.hasPrefix(IRIScheme.base)) {
            importer.store.prefixes.adopt(name, namespace)
        }
        var next = importer.finish()
        next.reindex()
        var report = LoadReport()
        report.files = [path]
        report.statements = importer.statements
        report.newFacts = next.factCount - store.factCount
        report.entities = next.entityTypes.count - store.entityTypes.count
        report.warnings = importer.notes.warnings(file: path, in: buffer)
        return .success((next, report))
    }

    /// An RDF literal as a kgsh literal: XSD numbers, booleans, dates and years by value; other
    /// datatypes, and values kgsh cannot hold, keep their lexical form as a string — noted in
    /// `notes` with why (the literal's opening quote at byte `offset`, where known).
    static func literal(_ lexical: String, datatype: String, language: String?, notes: inout RDFLiteralNotes, offset: Int? = nil) -> Literal {
        let l = literal(lexical, datatype: datatype, language: language)
        if language == nil, case .string = l, datatype != RDFVocabulary.xsdString {
            notes.note(lexical, datatype: datatype, reason: keptAsTextReason(lexical, datatype: datatype), offset: offset)
        }
        return l
    }

    /// Why a literal of `datatype` stayed text.
    static func keptAsTextReason(_ lexical: String, datatype: String) -> String {
        let xsd = RDFVocabulary.xsd
        let name = datatype.hasPrefix(xsd) ? "xsd:" + datatype.dropFirst(xsd.count) : "<\(datatype)>"
        let local = datatype.hasPrefix(xsd) ? String(datatype.dropFirst(xsd.count)) : ""
        let trimmed = lexical.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.hasPrefix("+") || trimmed.hasPrefix("-") ? trimmed.dropFirst() : Substring(trimmed)
        let integral = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        switch local {
        case _ where datatype == RDFExport.money:
            return integral ? "is a won amount too large for 64 bits" : "is not a whole won amount"
        case "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
             "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte":
            return integral ? "is an \(name) too large for 64 bits" : "is not a valid \(name)"
        case "decimal", "double", "float":
            return "is an \(name) kgsh cannot hold exactly (18 fraction digits, 64 bits, no exponent)"
        case "date", "dateTime":
            return "is not an \(name) of the calendar"
        case "gYear":
            return "is not an xsd:gYear from 1 to 9999"
        case "boolean":
            return "is not an xsd:boolean"
        default:
            return "has the datatype \(name), which kgsh has no kind for"
        }
    }

    /// The kgsh literal an RDF literal becomes (see `literal(_:datatype:language:notes:offset:)`).
    static func literal(_ lexical: String, datatype: String, language: String?) -> Literal {
        if let language { return .string(lexical, language: language) }
        let xsd = RDFVocabulary.xsd
        // kgsh's own money datatype, as its RDF exports write it.
        if datatype == RDFExport.money, let v = Int64(lexical) { return .money(v) }
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
            // xsd:dateTime always has seconds; ":00" is read as a time without them, as kgsh
            // writes it, so an exported date-time comes back as it went out.
            if case .dateTime(let t)? = parsed([.dateTime]) {
                if t.hasSeconds, t.second == 0, let minutes = DateTime(date: t.date, hour: Int(t.hour), minute: Int(t.minute), second: nil, offsetMinutes: t.offsetMinutes.map(Int.init)) {
                    return .dateTime(minutes)
                }
                return .dateTime(t)
            }
        case "gYear":
            if let y = Int32(trimmed), y >= 1, y <= 9999 { return .year(y) }
        default:
            break
        }
        return .string(lexical, language: nil)
    }

    /// The IRI's last segment, for typing at the prompt.
    static func localName(_ iri: String) -> String? {
        guard let cut = iri.lastIndex(where: { $0 == "#" || $0 == "/" || $0 == ":" }) else { return nil }
        let local = String(iri[iri.index(after: cut)...])
        return local.isEmpty ? nil : local.removingPercentEncoding ?? local
    }
}

extension RDFTerm {
    /// The entity id an IRI or blank node imports as (the IRI, or `_:label`); nil for a literal.
    var entityName: String? {
        switch self {
        case .iri(let iri): iri
        case .blank(let label): "_:" + label
        case .literal: nil
        }
    }

    var iriValue: String? {
        if case .iri(let i) = self { return i }
        return nil
    }
}
