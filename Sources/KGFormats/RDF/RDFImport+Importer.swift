import Foundation
import KGModel

extension RDFImport {
    /// Turns RDF terms into store ids and facts, one triple at a time.
    ///
    /// N-Triples lines of the common shape are read as byte ranges and interned straight from the
    /// input (`NTriplesFastLine`); every other line, and every Turtle triple, comes through
    /// `add(_:)` as an `RDFTriple`. Both paths make the same terms and facts. An entity's type is
    /// its first `rdf:type` in the file, whatever line it stands on; an entity without one is a
    /// Thing.
    struct Importer {
        var store: FactStore
        var provenance: UInt32 = 0
        /// Triples read, including ones the graph already had.
        private(set) var statements = 0

        private static let unknown: UInt8 = 0, existing: UInt8 = 1, fresh: UInt8 = 2, typed: UInt8 = 3
        /// Per term id: not an entity, an entity before this load, new this load, new and typed.
        private var state: [UInt8]
        private var newEntities: [TermID] = []
        private var newTypes: [TermID: TermID] = [:]
        private var declaredTypes: Set<TermID> = []
        /// Recently read predicate IRIs, direct-mapped by length and last bytes: (offset, length, id).
        private var predicateCache = [(Int, Int, TermID)](repeating: (0, -1, 0), count: 64)
        private var scratch: [UInt8] = []
        private var languages: [[UInt8]: String] = [:]

        static let rdfTypeBytes = Array(RDFVocabulary.rdfType.utf8)
        static let rdfsLabelBytes = Array(RDFImport.rdfsLabel.utf8)
        static let xsdBytes = Array(RDFVocabulary.xsd.utf8)

        init(store: FactStore) {
            self.store = store
            state = [UInt8](repeating: Self.unknown, count: store.terms.count)
            for (entity, _) in store.entityTypes { state[Int(entity)] = Self.existing }
        }

        /// The store with this load's entities declared.
        mutating func finish() -> FactStore {
            for e in newEntities { store.declare(entity: e, type: newTypes[e] ?? store.builtins.thing, at: nil) }
            return store
        }

        // MARK: N-Triples, line by line

        mutating func readNTriples(_ b: UnsafeBufferPointer<UInt8>, options: RDFReaderOptions) -> [RDFSyntaxError] {
            var pending: [RDFPendingError] = []
            var line = NTriplesFastLine()
            let blankPrefix = Array("_:b\(options.blankNodeScope!)_".utf8)
            var lastSubject = 0..<0, lastSubjectID: TermID = 0, haveSubject = false
            let n = b.count
            var i = 0
            while i < n, pending.count < options.maxErrors {
                // Blank lines and comment lines.
                var j = i
                while j < n, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
                if j == n { break }
                if b[j] == 0x0A || b[j] == 0x0D { i = j + 1; continue }
                if b[j] == UInt8(ascii: "#") {
                    while j < n, b[j] != 0x0A, b[j] != 0x0D { j += 1 }
                    i = j
                    continue
                }
                if let next = NTriplesFastLine.scan(b, from: i, into: &line) {
                    statements += 1
                    let s: TermID
                    if haveSubject, !line.subjectIsBlank, Self.same(b, line.subject, lastSubject) {
                        s = lastSubjectID
                    } else {
                        s = entity(line.subjectIsBlank ? blankID(b, line.subject, prefix: blankPrefix) : store.internEntity(UnsafeBufferPointer(rebasing: b[line.subject])))
                        lastSubject = line.subjectIsBlank ? 0..<0 : line.subject
                        lastSubjectID = s
                        haveSubject = !line.subjectIsBlank
                    }
                    let p = predicate(b, line.predicate)
                    switch line.objectKind {
                    case .iri, .blank:
                        let o = line.objectKind == .blank ? blankID(b, line.object, prefix: blankPrefix) : store.internEntity(UnsafeBufferPointer(rebasing: b[line.object]))
                        if p == store.builtins.type { addType(s, o) } else { store.append(Triple(s, p, entity(o)), provenanceID: provenance) }
                    case .plainLiteral, .languageLiteral, .typedLiteral:
                        if p != store.builtins.type { store.append(Triple(s, p, literal(b, line)), provenanceID: provenance) }
                    }
                    i = next
                } else {
                    var end = i
                    while end < n, b[end] != 0x0A { end += 1 }
                    if end < n { end += 1 }
                    readSlowly(b, i..<end, options: options, into: &pending)
                    i = end
                }
            }
            return RDFPositions.resolve(pending, in: b)
        }

        /// One line through the full parser: its triple, or its error at its place in the file.
        private mutating func readSlowly(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, options: RDFReaderOptions, into pending: inout [RDFPendingError]) {
            var parser = NTriplesParser(bytes: UnsafeBufferPointer(rebasing: b[range]), options: options)
            while let triple = parser.next() { add(triple) }
            for e in parser.errors {
                pending.append(RDFPendingError(offset: e.offset + range.lowerBound, end: e.end + range.lowerBound, message: e.message))
            }
        }

        @inline(__always) private static func same(_ b: UnsafeBufferPointer<UInt8>, _ x: Range<Int>, _ y: Range<Int>) -> Bool {
            x.count == y.count && memcmp(b.baseAddress! + x.lowerBound, b.baseAddress! + y.lowerBound, x.count) == 0
        }

        private mutating func blankID(_ b: UnsafeBufferPointer<UInt8>, _ label: Range<Int>, prefix: [UInt8]) -> TermID {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: prefix)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[label]))
            return scratch.withUnsafeBufferPointer { store.internEntity($0) }
        }

        private mutating func predicate(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> TermID {
            let count = range.count
            let slot = (count &* 31 &+ Int(b[range.upperBound - 1]) &* 7 &+ Int(b[range.upperBound - 2])) & 63
            let cached = predicateCache[slot]
            if cached.1 == count, memcmp(b.baseAddress! + cached.0, b.baseAddress! + range.lowerBound, count) == 0 { return cached.2 }
            let bytes = UnsafeBufferPointer(rebasing: b[range])
            let id: TermID
            if bytes.elementsEqual(Self.rdfTypeBytes) {
                id = store.builtins.type
            } else if bytes.elementsEqual(Self.rdfsLabelBytes) {
                id = store.builtins.label
            } else {
                id = declarePredicate(store.internEntity(bytes))
            }
            predicateCache[slot] = (range.lowerBound, count, id)
            return id
        }

        /// The literal object of a line of the common shape.
        private mutating func literal(_ b: UnsafeBufferPointer<UInt8>, _ line: NTriplesFastLine) -> TermID {
            let lexical = UnsafeBufferPointer(rebasing: b[line.object])
            switch line.objectKind {
            case .languageLiteral:
                let tag = Array(UnsafeBufferPointer(rebasing: b[line.annotation]))
                let language: String
                if let known = languages[tag] {
                    language = known
                } else {
                    language = String(decoding: tag.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
                    languages[tag] = language
                }
                return store.internString(lexical, language: language)
            case .typedLiteral:
                let datatype = UnsafeBufferPointer(rebasing: b[line.annotation])
                if datatype.count > Self.xsdBytes.count, datatype.starts(with: Self.xsdBytes) {
                    let local = UnsafeBufferPointer(rebasing: datatype[(datatype.startIndex + Self.xsdBytes.count)...])
                    if local.elementsEqual("string".utf8) { return store.internString(lexical, language: nil) }
                    if local.elementsEqual("integer".utf8), let v = Self.integer(lexical) { return store.intern(.literal(.integer(v))) }
                    if local.elementsEqual("date".utf8), let d = Self.date(lexical) { return store.intern(.literal(.date(d))) }
                    if local.elementsEqual("decimal".utf8), let d = Self.decimal(lexical) { return store.intern(.literal(.decimal(d))) }
                }
                let l = RDFImport.literal(String(decoding: lexical, as: UTF8.self), datatype: String(decoding: datatype, as: UTF8.self), language: nil)
                return store.intern(.literal(l))
            default:
                return store.internString(lexical, language: nil)
            }
        }

        /// An optionally signed run of ASCII digits that fits 64 bits.
        private static func integer(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
            var i = 0, negative = false
            if let first = s.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { negative = first == UInt8(ascii: "-"); i = 1 }
            guard i < s.count, s.count - i <= 18 else { return nil }
            var v: Int64 = 0
            while i < s.count {
                let d = s[i] &- 0x30
                guard d < 10 else { return nil }
                v = v * 10 + Int64(d)
                i += 1
            }
            return negative ? -v : v
        }

        /// `[+-]digits[.digits]` with at most 18 digits in all (else nil: the full conversion decides).
        private static func decimal(_ s: UnsafeBufferPointer<UInt8>) -> DecimalNumber? {
            var i = 0, negative = false
            if let first = s.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { negative = first == UInt8(ascii: "-"); i = 1 }
            var mantissa: Int64 = 0, digits = 0, scale = 0, point = false, before = 0
            while i < s.count {
                let c = s[i]
                if c == UInt8(ascii: "."), !point {
                    point = true
                    before = digits
                } else {
                    let d = c &- 0x30
                    guard d < 10, digits < 18 else { return nil }
                    mantissa = mantissa * 10 + Int64(d)
                    digits += 1
                    if point { scale += 1 }
                }
                i += 1
            }
            guard digits > 0, !point || (before > 0 && scale > 0) else { return nil }
            return DecimalNumber(mantissa: negative ? -mantissa : mantissa, scale: UInt8(scale))
        }

        /// `YYYY-MM-DD` exactly, a day that exists.
        private static func date(_ s: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
            guard s.count == 10, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-") else { return nil }
            func digits(_ r: Range<Int>) -> Int? {
                var v = 0
                for i in r {
                    let d = s[i] &- 0x30
                    guard d < 10 else { return nil }
                    v = v * 10 + Int(d)
                }
                return v
            }
            guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
            return CalendarDate(year: y, month: m, day: d)
        }

        // MARK: Terms to ids

        /// Marks `id` as an entity, new to the graph if it was not one.
        @inline(__always) private mutating func entity(_ id: TermID) -> TermID {
            let i = Int(id)
            if i >= state.count { state.append(contentsOf: repeatElement(Self.unknown, count: store.terms.count - state.count)) }
            if state[i] == Self.unknown {
                state[i] = Self.fresh
                newEntities.append(id)
            }
            return id
        }

        /// `s rdf:type o`: `o` is declared a type; a new `s` takes its first type.
        private mutating func addType(_ s: TermID, _ o: TermID) {
            if !declaredTypes.contains(o) {
                declaredTypes.insert(o)
                if store.schema.types[o] == nil {
                    let name = store.name(o)
                    let label = RDFImport.localName(name).map { [Label($0, language: nil)] } ?? []
                    store.schema.declare(TypeInfo(id: o, name: name, parent: store.builtins.thing, labels: label))
                }
            }
            if state[Int(s)] == Self.fresh {
                state[Int(s)] = Self.typed
                newTypes[s] = o
            }
            store.append(Triple(s, store.builtins.type, o), provenanceID: provenance)
        }

        private mutating func declarePredicate(_ id: TermID) -> TermID {
            if store.schema.predicates[id] == nil {
                let name = store.name(id)
                let label = RDFImport.localName(name).map { [Label($0, language: nil)] } ?? []
                store.schema.declare(PredicateInfo(id: id, name: name, domain: [store.builtins.thing],
                                                   range: [.type(store.builtins.thing), .anyLiteral], inverseName: nil, labels: label))
            }
            return id
        }

        private static func name(_ term: RDFTerm) -> String? {
            switch term {
            case .iri(let iri): iri
            case .blank(let label): "_:" + label
            case .literal: nil
            }
        }

        // MARK: Any triple

        /// A triple from the Turtle reader or from an N-Triples line of an unusual shape.
        mutating func add(_ t: RDFTriple) {
            statements += 1
            guard case .iri(let p) = t.predicate, let subjectName = Self.name(t.subject) else { return }
            let s = entity(store.intern(.entity(subjectName)))
            let pid: TermID
            if p == RDFVocabulary.rdfType {
                pid = store.builtins.type
            } else if p == RDFImport.rdfsLabel {
                pid = store.builtins.label
            } else {
                pid = declarePredicate(store.intern(.entity(p)))
            }
            if pid == store.builtins.type {
                guard let typeName = Self.name(t.object) else { return }
                addType(s, store.intern(.entity(typeName)))
            } else if case .literal(let lexical, let datatype, let language) = t.object {
                store.append(Triple(s, pid, store.intern(.literal(RDFImport.literal(lexical, datatype: datatype, language: language)))), provenanceID: provenance)
            } else if let objectName = Self.name(t.object) {
                store.append(Triple(s, pid, entity(store.intern(.entity(objectName)))), provenanceID: provenance)
            }
        }
    }
}
