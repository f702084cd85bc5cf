/// The in-memory fact graph: interned terms, a schema, unique triples with their provenance,
/// permutation indexes and a label index.
///
/// A value type: a loader works on a copy and the caller keeps the copy only when the whole
/// load succeeded, so a failed load leaves the graph as it was.
public struct FactStore: Sendable {
    /// Ids of the terms every store has.
    public struct Builtins: Sendable {
        public let thing: TermID
        public let type: TermID
        public let label: TermID
        public let alias: TermID
    }

    public private(set) var terms = TermDictionary()
    public var schema = Schema()
    /// Short names for IRI namespaces, to show and type ids read from RDF by.
    public var prefixes = PrefixMap()
    public let builtins: Builtins

    /// Unique triples, in the order they were first added.
    public internal(set) var triples: [Triple] = []
    /// The facts by their three positions, for `add`: open addressing over `triples`, 0 empty,
    /// else id + 1; a power-of-two capacity at most half full. It covers the first `factSlotsCover`
    /// facts; bulk loads (`append`) leave it behind and the next `add` rebuilds it.
    var factSlots: [UInt32] = Array(repeating: 0, count: 64)
    var factSlotsCover = 0
    /// The first fact added by `append` that has not been checked against the others yet.
    var uncheckedFrom: Int? = nil
    /// The first provenance of each triple, parallel to `triples`.
    var firstProvenance: [UInt32] = []
    /// Further provenances of triples stated more than once.
    var extraProvenance: [UInt32: [UInt32]] = [:]

    /// Distinct provenances: RDF imports share one per file, `.kg` facts have one per line.
    public private(set) var provenances: [Provenance] = []
    var provenanceIDs: [Provenance: UInt32] = [:]
    public private(set) var files: [String] = []
    public private(set) var quotes: [String] = []
    var quoteIDs: [UTF8Key: UInt32] = [:]

    /// Each declared entity's type.
    public private(set) var entityTypes: [TermID: TermID] = [:]
    /// Where each entity was declared.
    public private(set) var declarations: [TermID: SourceLocation] = [:]

    var spo: [UInt32] = []
    var pos: [UInt32] = []
    var osp: [UInt32] = []
    /// Each index's second and third keys, position by position (SPO: predicate and object; POS:
    /// object and subject; OSP: subject and predicate), so a look-up searches and a scan reads
    /// one contiguous run instead of fetching a fact from `triples` per position.
    var spoKeys = IndexKeys()
    var posKeys = IndexKeys()
    var ospKeys = IndexKeys()
    /// Offset tables of the three indexes: the facts with first key t are `index[o[t]..<o[t + 1]]`.
    var spoOffsets: [UInt32] = [0]
    var posOffsets: [UInt32] = [0]
    var ospOffsets: [UInt32] = [0]
    /// Number of triples the indexes cover; `reindex()` brings it up to `triples.count`.
    var indexedCount = 0

    public internal(set) var labels = LabelIndex()
    /// Per predicate, how many distinct subjects and objects its facts have (for planning).
    var distinctSubjects: [TermID: Int] = [:]
    var distinctObjects: [TermID: Int] = [:]

    public init() {
        var t = TermDictionary()
        let b = Builtins(thing: t.intern(.entity("Thing")), type: t.intern(.entity("type")),
                         label: t.intern(.entity("label")), alias: t.intern(.entity("alias")))
        terms = t
        builtins = b
        schema.declare(TypeInfo(id: b.thing, name: "Thing", parent: nil,
                                labels: [Label("사물", language: "ko"), Label("Thing", language: "en")]))
        schema.declare(PredicateInfo(id: b.type, name: "type", domain: [b.thing], range: [.type(b.thing)],
                                     inverseName: nil, labels: [Label("유형", language: "ko"), Label("type", language: "en")]))
        schema.declare(PredicateInfo(id: b.label, name: "label", domain: [b.thing], range: [.literal(.string)],
                                     inverseName: nil, labels: [Label("이름", language: "ko"), Label("label", language: "en")]))
        schema.declare(PredicateInfo(id: b.alias, name: "alias", domain: [b.thing], range: [.literal(.string)],
                                     inverseName: nil, labels: [Label("별칭", language: "ko"), Label("alias", language: "en")]))
    }

    public var factCount: Int { triples.count }

    // MARK: Building

    public mutating func intern(_ term: Term) -> TermID { terms.intern(term) }

    /// The id here of term `id` of another dictionary, interned if new (see `TermDictionary`).
    public mutating func intern(_ id: TermID, from other: TermDictionary) -> TermID { terms.intern(id, from: other) }

    /// `TermDictionary.internAbsent(from:map:keep:)` on the graph's terms.
    public mutating func internAbsent(from other: TermDictionary, map: inout [TermID], keep: (TermID) -> Bool) {
        terms.internAbsent(from: other, map: &map, keep: keep)
    }

    /// Takes `extended` as the graph's terms: a copy of `terms` that terms were interned into
    /// since (the first part of an N-Triples file, read on its own core), so that its ids are
    /// the graph's and need no second interning. Every id here keeps its term.
    public mutating func adoptTerms(_ extended: TermDictionary) {
        precondition(extended.count >= terms.count, "adoptTerms: not an extension of the graph's terms")
        terms = extended
    }

    /// The id of the entity these UTF-8 bytes name, interned if new.
    public mutating func internEntity(_ bytes: UnsafeBufferPointer<UInt8>) -> TermID { terms.internEntity(bytes) }

    /// The id of the string literal with these UTF-8 bytes, interned if new.
    public mutating func internString(_ bytes: UnsafeBufferPointer<UInt8>, language: String?) -> TermID {
        terms.internString(bytes, language: language)
    }

    /// Registers a file name for provenance locations.
    public mutating func addFile(_ path: String) -> UInt32 {
        files.append(path)
        return UInt32(files.count - 1)
    }

    /// The quote table's id of `sentence`, added if new. Sentences are told apart byte for byte
    /// (`UTF8Key`): a `.kg` file's lines are NFC when they are read.
    public mutating func internQuote(_ sentence: String) -> UInt32 {
        let key = UTF8Key(sentence)
        if let id = quoteIDs[key] { return id }
        quotes.append(sentence)
        let id = UInt32(quotes.count - 1)
        quoteIDs[key] = id
        return id
    }

    /// Room for `count` more entities, before declaring many.
    public mutating func reserveEntities(_ count: Int) { entityTypes.reserveCapacity(entityTypes.count + count) }

    /// Records that `entity` is of `type`; the caller has checked it was not declared before.
    /// The label index names declared entities by their ids, so the next `reindex()` rebuilds it
    /// even when no fact came with the declaration.
    public mutating func declare(entity: TermID, type: TermID, at location: SourceLocation?) {
        entityTypes[entity] = type
        if let location { declarations[entity] = location }
        indexedCount = -1
    }

    /// Adds a fact, or another provenance to a fact already present.
    /// Indexes are brought up to date by `reindex()`.
    /// - Complexity: O(1) amortised.
    @discardableResult
    public mutating func add(_ triple: Triple, provenance: Provenance) -> UInt32 {
        add(triple, provenanceID: internProvenance(provenance))
    }

    /// The id of a provenance, for adding many facts with the same one (`add(_:provenanceID:)`).
    public mutating func internProvenance(_ provenance: Provenance) -> UInt32 {
        if let id = provenanceIDs[provenance] { return id }
        provenances.append(provenance)
        let id = UInt32(provenances.count - 1)
        provenanceIDs[provenance] = id
        return id
    }

    /// Rebuilds the permutation and label indexes after a batch of additions.
    /// - Complexity: O(n log n) in the number of triples.
    public mutating func reindex() {
        guard indexedCount != triples.count || spo.count != triples.count || uncheckedFrom != nil else { return }
        rebuildIndexes()
        indexedCount = triples.count
    }

    // MARK: Reading

    /// Every provenance of fact `id`, first stated first.
    public func provenance(ofFact id: UInt32) -> [Provenance] {
        [provenances[Int(firstProvenance[Int(id)])]] + (extraProvenance[id] ?? []).map { provenances[Int($0)] }
    }

    /// The entity's declared type, nil when `id` is not a declared entity.
    public func type(of id: TermID) -> TermID? { entityTypes[id] }

    /// The name of a term that is an entity, type or predicate.
    public func name(_ id: TermID) -> String {
        switch terms[id] {
        case .entity(let n): n
        case .literal(let l): l.kgText
        }
    }

    /// The entity's label in `language`, falling back to another label, then its id.
    /// The id as users see and type it: an IRI under a prefix of `prefixes` as `name:local`,
    /// any other name as it is.
    public func shownName(_ id: TermID) -> String {
        let n = name(id)
        return prefixes.entries.isEmpty ? n : prefixes.compact(n) ?? n
    }

    /// The term a typed name stands for: the name itself, or `name:local` expanded by `prefixes`.
    public func termNamed(_ name: String) -> TermID? {
        if let id = terms.entity(name) { return id }
        return prefixes.expand(name).flatMap { terms.entity($0) }
    }

    public func displayName(_ id: TermID, language: String) -> String {
        if case .literal(let l) = terms[id] { return l.description }
        if let s = schema.label(of: id, language: language), schema.types[id] != nil || schema.predicates[id] != nil {
            return s
        }
        let names = literals(of: id, predicate: builtins.label)
        if let hit = names.first(where: { $0.language == language }) ?? names.first { return hit.text }
        for p in labels.namingPredicates {
            let other = literals(of: id, predicate: p)
            if let hit = other.first(where: { $0.language == language }) ?? other.first { return hit.text }
        }
        return name(id)
    }

    /// How a predicate prints: its name, or for an imported IRI its label (its local name).
    public func predicateName(_ id: TermID) -> String {
        let n = name(id)
        guard n.contains("://"), let label = schema.predicates[id]?.labels.first?.text else { return n }
        return label
    }

    /// The string objects of `predicate` for `subject` (labels, aliases).
    public func literals(of subject: TermID, predicate: TermID) -> [Label] {
        match(subject: subject, predicate: predicate, object: nil).compactMap { fid in
            if case .literal(.string(let s, let lang)) = terms[triples[Int(fid)].object] { return Label(s, language: lang) }
            return nil
        }
    }

    /// How many facts each source states (a fact stated by two sources counts for both; by one
    /// source twice — two files, two lines — once).
    public func factCountsBySource() -> [TermID?: Int] {
        var counts: [TermID?: Int] = [:]
        for i in 0..<triples.count {
            counts[provenances[Int(firstProvenance[i])].source, default: 0] += 1
            guard let extra = extraProvenance[UInt32(i)] else { continue }
            var seen: [TermID?] = [provenances[Int(firstProvenance[i])].source]
            for p in extra where !seen.contains(provenances[Int(p)].source) {
                seen.append(provenances[Int(p)].source)
                counts[provenances[Int(p)].source, default: 0] += 1
            }
        }
        return counts
    }
}
