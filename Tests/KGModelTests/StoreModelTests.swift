import KGModel
import Testing

// The store against a naive model of itself: random sequences of every mutation a loader makes
// (declare an entity, add a fact one at a time or append many in bulk, add a fact again with
// another provenance, add labels and aliases, reindex at random moments), and after each reindex every index compared with a plain
// scan of what was added — the SPO/POS/OSP look-ups and counts for every pattern of bound and
// unbound positions, the fact key table, provenances, per-predicate distinct counts, and the label
// index's exact and prefix look-ups over ids, labels and aliases.

/// What a test added, kept as plain arrays.
private struct StoreModel {
    /// Facts in the order first added, each with its provenances in the order given.
    var facts: [Triple] = []
    var provenances: [Triple: [Provenance]] = [:]
    /// Declared entities with their id text.
    var entities: [TermID: String] = [:]

    mutating func add(_ t: Triple, _ p: Provenance) {
        if provenances[t] == nil { facts.append(t) }
        // The store keeps a provenance once per fact.
        if !(provenances[t] ?? []).contains(p) { provenances[t, default: []].append(p) }
    }
}

/// Names, chosen so normalisation matters: Latin case, spaces, composed and decomposed Hangul,
/// shared prefixes, and one name shared by several entities.
private let namePool: [String] = [
    "인천광역시", "인천시", "인천", "인천경제청", "Incheon", "INCHEON", "incheon city", "Incheon  City",
    "대구", "대구시", "\u{1103}\u{1162}\u{1100}\u{116E}", "센터", "가 센터", "Center", "center-a", "행안부", "MOIS", "Mois",
]

private func naiveMatch(_ model: StoreModel, _ s: TermID?, _ p: TermID?, _ o: TermID?) -> [Triple] {
    model.facts.filter { (s == nil || $0.subject == s) && (p == nil || $0.predicate == p) && (o == nil || $0.object == o) }
}

/// Every entity with an id, label or alias whose normalised text is `key` (or starts with it).
private func naiveNamed(_ store: FactStore, _ model: StoreModel, key: String, prefix: Bool) -> [TermID] {
    func hit(_ text: String) -> Bool {
        let k = TextKey.normalize(text)
        return prefix ? k.hasPrefix(key) : k == key
    }
    var out = Set<TermID>()
    for (entity, id) in model.entities where hit(id) { out.insert(entity) }
    for t in model.facts where t.predicate == store.builtins.label || t.predicate == store.builtins.alias {
        if model.entities[t.subject] != nil, case .literal(.string(let text, _)) = store.terms[t.object], hit(text) { out.insert(t.subject) }
    }
    return out.sorted()
}

/// Compares every index of `store` with the model; returns the disagreements.
private func disagreements(_ store: FactStore, _ model: StoreModel, subjects: [TermID], predicates: [TermID], objects: [TermID]) -> [String] {
    var problems = store.checkInvariants()
    if store.factCount != model.facts.count { problems.append("factCount \(store.factCount), model \(model.facts.count)") }
    for s in [nil] + subjects.map(Optional.some) {
        for p in [nil] + predicates.map(Optional.some) {
            for o in [nil] + objects.map(Optional.some) {
                let naive = naiveMatch(model, s, p, o)
                let indexed = store.match(subject: s, predicate: p, object: o).map { store.triples[Int($0)] }
                if indexed.count != naive.count || Set(indexed) != Set(naive) {
                    problems.append("match(\(s.map(String.init) ?? "_"), \(p.map(String.init) ?? "_"), \(o.map(String.init) ?? "_")): \(indexed.count) facts, scan \(naive.count)")
                }
                if store.count(subject: s, predicate: p, object: o) != naive.count {
                    problems.append("count(\(s.map(String.init) ?? "_"), \(p.map(String.init) ?? "_"), \(o.map(String.init) ?? "_")) is not \(naive.count)")
                }
            }
        }
    }
    for p in predicates {
        let facts = naiveMatch(model, nil, p, nil)
        guard !facts.isEmpty else { continue }
        let expected = (Set(facts.map(\.subject)).count, Set(facts.map(\.object)).count)
        if store.distinctCounts(predicate: p) != expected { problems.append("distinctCounts(\(p)) is \(store.distinctCounts(predicate: p)), scan \(expected)") }
    }
    for t in model.facts {
        guard let id = store.factID(t) else { problems.append("fact \(t) has no id"); continue }
        if store.triples[Int(id)] != t { problems.append("factID(\(t)) names another fact") }
        if store.provenance(ofFact: id) != model.provenances[t]! { problems.append("provenances of \(t) differ") }
    }
    var keys = Set(namePool.map(TextKey.normalize))
    for (_, id) in model.entities { keys.insert(TextKey.normalize(id)) }
    for key in keys {
        let exact = store.labels.lookup(key).sorted()
        if exact != naiveNamed(store, model, key: key, prefix: false) { problems.append("lookup(\(key)) is \(exact)") }
        for n in [1, 2, 3] where key.count >= n {
            let prefix = String(key.prefix(n))
            let found = Set(store.labels.withPrefix(prefix).map(\.entity)).sorted()
            if found != naiveNamed(store, model, key: prefix, prefix: true) { problems.append("withPrefix(\(prefix)) is \(found)") }
        }
    }
    return problems
}

@Suite("Fact store against a naive model")
struct StoreModelTests {
    @Test("random mutations: after every reindex, invariants hold and every index agrees with a scan",
          arguments: Array(UInt64(1)...UInt64(12)))
    func randomMutations(seed: UInt64) {
        var rng = SeededGenerator(state: seed &* 7919)
        var (store, _, preds) = makeStore(entities: 0, predicates: 3)
        let type = store.terms.entity("Node")!
        var model = StoreModel()
        let files = [store.addFile("a.kg"), store.addFile("b.kg")]
        let quotes = [store.internQuote("첫 문장."), store.internQuote("둘째 문장.")]
        let source = store.intern(.entity("art"))
        store.declare(entity: source, type: type, at: nil)
        model.entities[source] = "art"
        var entities: [TermID] = [source]
        let literals: [TermID] = [.integer(1), .integer(2), .money(2), .year(2023), .string("x", language: nil)].map { store.intern(.literal($0)) }
        let nameTerms = namePool.map { store.intern(.literal(.string($0, language: $0.unicodeScalars.first!.value > 0x7F ? "ko" : "en"))) }
        let ids = ["n0", "n1", "Center-A", "incheon", "인천", "n5", "n6", "n7"]
        var reindexes = 0
        // Between two reindexes, facts go in one at a time (`add`) or in bulk (`append`, as the
        // loaders do), never both.
        var bulk = false

        for step in 0..<Int.random(in: 60...160, using: &rng) {
            let roll = Int.random(in: 0..<10, using: &rng)
            if roll == 0 || entities.count < 2, entities.count <= ids.count {
                // Declare a new entity.
                let name = ids[entities.count - 1]
                let e = store.intern(.entity(name))
                store.declare(entity: e, type: type, at: SourceLocation(file: files[0], line: UInt32(step + 1), column: 1))
                model.entities[e] = name
                entities.append(e)
            } else {
                let subject = entities.randomElement(using: &rng)!
                let triple: Triple
                switch roll {
                case 1, 2:
                    let naming = Bool.random(using: &rng) ? store.builtins.label : store.builtins.alias
                    triple = Triple(subject, naming, nameTerms.randomElement(using: &rng)!)
                case 3:
                    // The same fact again (with a provenance that may be new).
                    triple = model.facts.randomElement(using: &rng) ?? Triple(subject, preds[0], subject)
                default:
                    let object = Bool.random(using: &rng) ? entities.randomElement(using: &rng)! : literals.randomElement(using: &rng)!
                    triple = Triple(subject, preds.randomElement(using: &rng)!, object)
                }
                let provenance = Provenance(source: Bool.random(using: &rng) ? source : nil,
                                            quote: Bool.random(using: &rng) ? quotes.randomElement(using: &rng)! : nil,
                                            location: SourceLocation(file: files.randomElement(using: &rng)!, line: UInt32(Int.random(in: 1...4, using: &rng)), column: 1))
                if bulk {
                    store.append(triple, provenanceID: store.internProvenance(provenance))
                } else {
                    store.add(triple, provenance: provenance)
                }
                model.add(triple, provenance)
            }
            if Int.random(in: 0..<4, using: &rng) == 0 {
                store.reindex()
                reindexes += 1
                bulk = Bool.random(using: &rng)
                let problems = disagreements(store, model, subjects: Array(entities.prefix(5)),
                                             predicates: preds + [store.builtins.label, store.builtins.alias],
                                             objects: Array(entities.prefix(3)) + literals + nameTerms.prefix(3))
                #expect(problems == [], "seed \(seed), step \(step)")
                if !problems.isEmpty { return }
            }
        }
        store.reindex()
        #expect(disagreements(store, model, subjects: entities, predicates: preds + [store.builtins.label, store.builtins.alias],
                              objects: entities + literals + nameTerms) == [], "seed \(seed), at the end")
        #expect(reindexes > 3)
    }

    @Test("a reindex with nothing new changes nothing; a fact added after it is found after the next")
    func reindexIsIdempotent() {
        var (store, nodes, preds) = makeStore(entities: 3, predicates: 1)
        let at = SourceLocation(file: 0, line: 1, column: 1)
        store.add(Triple(nodes[0], preds[0], nodes[1]), provenance: Provenance(source: nil, quote: nil, location: at))
        store.reindex()
        let before = store.match(subject: nil, predicate: preds[0], object: nil).map { store.triples[Int($0)] }
        store.reindex()
        #expect(store.match(subject: nil, predicate: preds[0], object: nil).map { store.triples[Int($0)] } == before)
        #expect(store.checkInvariants() == [])
        store.add(Triple(nodes[2], preds[0], nodes[1]), provenance: Provenance(source: nil, quote: nil, location: at))
        store.reindex()
        #expect(Set(store.match(subject: nil, predicate: nil, object: nodes[1]).map { store.triples[Int($0)].subject }) == [nodes[0], nodes[2]])
        #expect(store.distinctCounts(predicate: preds[0]) == (2, 1))
        #expect(store.checkInvariants() == [])
    }
}
