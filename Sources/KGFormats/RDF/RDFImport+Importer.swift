import Foundation
import KGModel

extension RDFImport {
    /// Turns RDF terms into store ids and facts, one triple at a time.
    ///
    /// N-Triples is read in parts (`NTriplesChunk`, one per core) whose triples are merged here in
    /// file order; every Turtle triple comes through `add(_:)` as an `RDFTriple`. Both paths make
    /// the same terms and facts. An entity's type is its first `rdf:type` in the file, whatever
    /// line it stands on; an entity without one is a Thing.
    struct Importer {
        var store: FactStore
        var provenance: UInt32 = 0
        /// Triples read, including ones the graph already had.
        private(set) var statements = 0
        /// Literals kept as text, for the load's warnings.
        private(set) var notes = RDFLiteralNotes()

        static let unknown: UInt8 = 0, existing: UInt8 = 1, fresh: UInt8 = 2, typed: UInt8 = 3
        /// Per term id: not an entity, an entity before this load, new this load, new and typed.
        var state: [UInt8]
        var newEntities: [TermID] = []
        /// Per term id, the first type of an entity new this load (meaningful where `state` is `typed`).
        var newTypes: [TermID] = []
        var declaredTypes: Set<TermID> = []
        /// The graph's facts and schema before this load, for a second look at what it read
        /// (`recoverExport`).
        let firstFact: Int
        let schemaBefore: Schema
        /// Set when a type or predicate this load declared is under kgsh's own IRI scheme: the
        /// file is likely one of kgsh's RDF exports.
        var sawExportVocabulary = false

        static let rdfTypeBytes = Array(RDFVocabulary.rdfType.utf8)
        static let rdfsLabelBytes = Array(RDFImport.rdfsLabel.utf8)
        static let skosAltLabelBytes = Array(IRIScheme.skosAltLabel.utf8)

        init(store: FactStore) {
            self.store = store
            firstFact = store.factCount
            schemaBefore = store.schema
            state = [UInt8](repeating: Self.unknown, count: store.terms.count)
            for (entity, _) in store.entityTypes { state[Int(entity)] = Self.existing }
        }

        /// The store with this load's entities declared.
        mutating func finish() -> FactStore {
            store.reserveEntities(newEntities.count)
            for e in newEntities {
                store.declare(entity: e, type: state[Int(e)] == Self.typed ? newTypes[Int(e)] : store.builtins.thing, at: nil)
            }
            return store
        }

        // MARK: N-Triples, in parts

        /// Reads the file in parts of at least `chunkBytes` (one per core at most), each on its own
        /// core into a dictionary of its own, then merges the parts in file order: every term is
        /// interned into the store once per part, and the triples replayed with the store's ids.
        mutating func readNTriples(_ b: UnsafeBufferPointer<UInt8>, options: RDFReaderOptions, chunkBytes: Int, progress: LoadProgress?) -> [RDFSyntaxError] {
            let parts = Self.split(b, into: max(1, min(ProcessInfo.processInfo.activeProcessorCount, b.count / max(1, chunkBytes))))
            final class Results: @unchecked Sendable {
                let lock = NSLock()
                var chunks: [NTriplesChunk]
                init(_ n: Int) { chunks = Array(repeating: NTriplesChunk(), count: n) }
            }
            let results = Results(parts.count)
            nonisolated(unsafe) let bytes = b
            // The first part interns into a copy of the graph's terms, which the graph then takes
            // whole: only the other parts' terms are interned a second time, as they merge.
            var first = NTriplesChunk()
            first.terms = store.terms
            first.builtins = store.builtins
            results.chunks[0] = first
            DispatchQueue.concurrentPerform(iterations: parts.count) { k in
                results.lock.lock()
                var chunk = results.chunks[k]
                results.chunks[k] = NTriplesChunk()
                results.lock.unlock()
                chunk.read(bytes, parts[k], options: options, progress: progress)
                results.lock.lock()
                results.chunks[k] = chunk
                results.lock.unlock()
            }
            let errors = results.chunks.flatMap(\.errors)
            if !errors.isEmpty { return RDFPositions.resolve(Array(errors.prefix(options.maxErrors)), in: b) }
            store.reserveFacts(results.chunks.reduce(0) { $0 + $1.facts.count / 3 })
            // While the first part merges (it interns nothing), the second part's terms are looked
            // up in the first part's on another thread.
            // (The dictionaries are let go of there, so that interning into the graph's terms
            // later finds their storage unshared and copies nothing.)
            final class Found: @unchecked Sendable {
                var map: [TermID]?
                var dictionaries: (TermDictionary, TermDictionary)?
            }
            let second = Found()
            let group = DispatchGroup()
            if results.chunks.count > 1 {
                second.dictionaries = (results.chunks[1].terms, results.chunks[0].terms)
                DispatchQueue.global(qos: .userInitiated).async(group: group) {
                    if let (local, first) = second.dictionaries { second.map = Self.found(local, in: first, cores: 1) }
                    second.dictionaries = nil
                }
            }
            for k in results.chunks.indices {
                let chunk = results.chunks[k]
                results.chunks[k] = NTriplesChunk()
                if k == 0 { store.adoptTerms(chunk.terms) }
                if k == 1 { group.wait() }
                merge(chunk, adopted: k == 0, found: k == 1 ? second.map : nil)
                if k == 1 { second.map = nil }
            }
            return []
        }

        /// `b` cut into `n` ranges of whole lines.
        static func split(_ b: UnsafeBufferPointer<UInt8>, into n: Int) -> [Range<Int>] {
            var parts: [Range<Int>] = []
            var start = 0
            for k in 1...max(1, n) {
                var end = k == n ? b.count : max(start, b.count * k / n)
                while end > 0, end < b.count, b[end - 1] != 0x0A { end += 1 }
                parts.append(start..<end)
                start = end
            }
            return parts
        }

        /// A part's triples, in its file order, with the store's ids: what each means for the graph
        /// (entity, type, predicate) is decided here.
        /// With `adopted`, the part's terms are the graph's (`FactStore.adoptTerms`): its ids stay.
        /// `found` is `Self.found(chunk.terms, in: store.terms)` when already known.
        private mutating func merge(_ chunk: NTriplesChunk, adopted: Bool = false, found: [TermID]? = nil) {
            statements += chunk.statements
            notes.merge(chunk.notes)
            let local = chunk.terms
            var map = adopted ? [] : found ?? Self.found(local, in: store.terms)
            if !adopted {
                // The part's new terms go in at once, in its order; rdf:type, rdfs:label and
                // skos:altLabel as predicates stay out (they are the graph's builtins), unless a
                // fact names one as an entity and `global` interns it then.
                let builtinPredicates = [Self.rdfTypeBytes, Self.rdfsLabelBytes, Self.skosAltLabelBytes].compactMap { iri in
                    iri.withUnsafeBufferPointer { local.entity(bytes: $0) }
                }
                store.internAbsent(from: local, map: &map) { !builtinPredicates.contains($0) }
            }
            var predicateMap = [TermID](repeating: .max, count: local.count)
            func global(_ id: TermID) -> TermID {
                if adopted { return id }
                if map[Int(id)] == .max { map[Int(id)] = store.intern(id, from: local) }
                return map[Int(id)]
            }
            let facts = chunk.facts
            var k = 0
            while k < facts.count {
                let ls = facts[k], lp = facts[k + 1], lo = facts[k + 2]
                k += 3
                var p = predicateMap[Int(lp)]
                if p == .max, adopted, lp == store.builtins.type || lp == store.builtins.label || lp == store.builtins.alias {
                    p = lp
                    predicateMap[Int(lp)] = p
                }
                if p == .max {
                    let kind = local.withText(lp) { bytes -> Int in
                        guard let bytes else { return 0 }
                        return bytes.elementsEqual(Self.rdfTypeBytes) ? 1 : bytes.elementsEqual(Self.rdfsLabelBytes) ? 2
                            : bytes.elementsEqual(Self.skosAltLabelBytes) ? 3 : 0
                    }
                    p = kind == 1 ? store.builtins.type : kind == 2 ? store.builtins.label : kind == 3 ? store.builtins.alias : declarePredicate(global(lp))
                    predicateMap[Int(lp)] = p
                }
                let s = entity(global(ls))
                let objectIsEntity = local.isEntity(lo)
                if p == store.builtins.type {
                    if objectIsEntity { addType(s, global(lo)) }
                } else {
                    let o = global(lo)
                    store.append(Triple(s, p, objectIsEntity ? entity(o) : o), provenanceID: provenance)
                }
            }
        }

        /// For each term of `local`, its id in `terms`, or `.max` where it is not there yet: looked
        /// up on every core at once (the lookups only read), so that merging a part interns only
        /// the terms that are new.
        static func found(_ local: TermDictionary, in terms: TermDictionary, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> [TermID] {
            var map = [TermID](repeating: .max, count: local.count)
            let cores = max(1, min(cores, local.count / 4_096))
            map.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                DispatchQueue.concurrentPerform(iterations: cores) { k in
                    for i in (local.count * k / cores)..<(local.count * (k + 1) / cores) {
                        if let id = terms.find(TermID(i), in: local) { out[i] = id }
                    }
                }
            }
            return map
        }

        // MARK: Terms to ids

        /// Marks `id` as an entity, new to the graph if it was not one.
        @inline(__always) mutating func entity(_ id: TermID) -> TermID {
            let i = Int(id)
            if i >= state.count { state.append(contentsOf: repeatElement(Self.unknown, count: store.terms.count - state.count)) }
            if state[i] == Self.unknown {
                state[i] = Self.fresh
                newEntities.append(id)
            }
            return id
        }

        /// `s rdf:type o`: `o` is declared a type; a new `s` takes its first type.
        mutating func addType(_ s: TermID, _ o: TermID, provenance: UInt32? = nil) {
            if !declaredTypes.contains(o) {
                declaredTypes.insert(o)
                if store.schema.types[o] == nil {
                    let name = store.name(o)
                    if name.hasPrefix(IRIScheme.base) { sawExportVocabulary = true }
                    let label = RDFImport.localName(name).map { [Label($0, language: nil)] } ?? []
                    store.schema.declare(TypeInfo(id: o, name: name, parent: store.builtins.thing, labels: label))
                }
            }
            if state[Int(s)] == Self.fresh {
                state[Int(s)] = Self.typed
                if newTypes.count < state.count { newTypes.append(contentsOf: repeatElement(0, count: state.count - newTypes.count)) }
                newTypes[Int(s)] = o
            }
            store.append(Triple(s, store.builtins.type, o), provenanceID: provenance ?? self.provenance)
        }

        mutating func declarePredicate(_ id: TermID) -> TermID {
            if store.schema.predicates[id] == nil {
                let name = store.name(id)
                if name.hasPrefix(IRIScheme.base) { sawExportVocabulary = true }
                let label = RDFImport.localName(name).map { [Label($0, language: nil)] } ?? []
                store.schema.declare(PredicateInfo(id: id, name: name, domain: [store.builtins.thing],
                                                   range: [.type(store.builtins.thing), .anyLiteral], inverseName: nil, labels: label))
            }
            return id
        }

        // MARK: Any triple

        /// A triple from the Turtle reader.
        mutating func add(_ t: RDFTriple) {
            statements += 1
            guard case .iri(let p) = t.predicate, let subjectName = t.subject.entityName else { return }
            let s = entity(store.intern(.entity(subjectName)))
            let pid: TermID
            if p == RDFVocabulary.rdfType {
                pid = store.builtins.type
            } else if p == RDFImport.rdfsLabel {
                pid = store.builtins.label
            } else if p == IRIScheme.skosAltLabel {
                pid = store.builtins.alias
            } else {
                pid = declarePredicate(store.intern(.entity(p)))
            }
            if pid == store.builtins.type {
                guard let typeName = t.object.entityName else { return }
                addType(s, store.intern(.entity(typeName)))
            } else if case .literal(let lexical, let datatype, let language) = t.object {
                store.append(Triple(s, pid, store.intern(.literal(RDFImport.literal(lexical, datatype: datatype, language: language, notes: &notes)))), provenanceID: provenance)
            } else if let objectName = t.object.entityName {
                store.append(Triple(s, pid, entity(store.intern(.entity(objectName)))), provenanceID: provenance)
            }
        }
    }
}
