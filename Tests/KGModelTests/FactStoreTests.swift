import KGModel
import Testing

/// A deterministic generator (SplitMix64) so a failing random case can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A store with `entities` entities of one type and `predicates` open predicates, ready for facts.
func makeStore(entities: Int, predicates: Int) -> (FactStore, [TermID], [TermID]) {
    var store = FactStore()
    let type = store.intern(.entity("Node"))
    store.schema.declare(TypeInfo(id: type, name: "Node", parent: store.builtins.thing, labels: []))
    let file = store.addFile("random.kg")
    var nodes: [TermID] = []
    for i in 0..<entities {
        let id = store.intern(.entity("n\(i)"))
        store.declare(entity: id, type: type, at: SourceLocation(file: file, line: UInt32(i + 1), column: 1))
        nodes.append(id)
    }
    var preds: [TermID] = []
    for i in 0..<predicates {
        let id = store.intern(.entity("p\(i)"))
        store.schema.declare(PredicateInfo(id: id, name: "p\(i)", domain: [store.builtins.thing], range: [.type(store.builtins.thing), .anyLiteral],
                                           inverseName: nil, labels: []))
        preds.append(id)
    }
    return (store, nodes, preds)
}

@Suite("Fact store")
struct FactStoreTests {
    @Test("invariants hold after every mutation")
    func invariantsAfterEveryMutation() {
        var (store, nodes, preds) = makeStore(entities: 5, predicates: 2)
        store.reindex()
        #expect(store.checkInvariants() == [])
        var rng = SeededGenerator(state: 7)
        for step in 0..<40 {
            let t = Triple(nodes.randomElement(using: &rng)!, preds.randomElement(using: &rng)!, nodes.randomElement(using: &rng)!)
            store.add(t, provenance: Provenance(source: nil, quote: nil, location: SourceLocation(file: 0, line: UInt32(step), column: 1)))
            store.reindex()
            #expect(store.checkInvariants() == [], "after step \(step)")
        }
    }

    @Test("each index pattern agrees with a naive scan on random graphs", arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func indexesAgreeWithScan(seed: UInt64) {
        var rng = SeededGenerator(state: seed)
        var (store, nodes, preds) = makeStore(entities: Int.random(in: 2...30, using: &rng), predicates: Int.random(in: 1...5, using: &rng))
        let literals = (0..<5).map { store.intern(.literal(.integer(Int64($0)))) }
        for i in 0..<Int.random(in: 0...300, using: &rng) {
            let object = Bool.random(using: &rng) ? nodes.randomElement(using: &rng)! : literals.randomElement(using: &rng)!
            store.add(Triple(nodes.randomElement(using: &rng)!, preds.randomElement(using: &rng)!, object),
                      provenance: Provenance(source: nil, quote: nil, location: SourceLocation(file: 0, line: UInt32(i), column: 1)))
        }
        store.reindex()
        #expect(store.checkInvariants() == [])
        let subjects: [TermID?] = [nil] + nodes.prefix(4).map { $0 }
        let predicates: [TermID?] = [nil] + preds.map { $0 }
        let objects: [TermID?] = [nil] + nodes.prefix(3).map { $0 } + literals.prefix(2).map { $0 }
        for s in subjects {
            for p in predicates {
                for o in objects {
                    let naive = store.triples.indices.filter { i in
                        let t = store.triples[i]
                        return (s == nil || t.subject == s) && (p == nil || t.predicate == p) && (o == nil || t.object == o)
                    }.map { UInt32($0) }
                    let indexed = store.match(subject: s, predicate: p, object: o)
                    #expect(indexed.sorted() == naive, "pattern \(String(describing: s)) \(String(describing: p)) \(String(describing: o))")
                    #expect(store.count(subject: s, predicate: p, object: o) == naive.count)
                }
            }
        }
    }

    @Test("a fact added twice is one fact with two provenances")
    func duplicateFact() {
        var (store, nodes, preds) = makeStore(entities: 2, predicates: 1)
        let t = Triple(nodes[0], preds[0], nodes[1])
        let a = store.add(t, provenance: Provenance(source: nil, quote: nil, location: SourceLocation(file: 0, line: 1, column: 1)))
        let b = store.add(t, provenance: Provenance(source: nil, quote: nil, location: SourceLocation(file: 0, line: 2, column: 1)))
        store.reindex()
        #expect(a == b)
        #expect(store.factCount == 1)
        #expect(store.provenance(ofFact: a).map(\.location.line) == [1, 2])
        #expect(store.checkInvariants() == [])
    }

    @Test("checkInvariants reports a fact whose subject is not a declared entity")
    func invariantsCatchProblems() {
        var (store, nodes, preds) = makeStore(entities: 1, predicates: 1)
        let stray = store.intern(.entity("stray"))
        store.add(Triple(stray, preds[0], nodes[0]), provenance: Provenance(source: nil, quote: nil, location: SourceLocation(file: 0, line: 1, column: 1)))
        store.reindex()
        #expect(store.checkInvariants() == ["subject stray is not a declared entity"])
    }

    @Test("numbers intern by kind: 13억원 and 1300000000 are different terms with the same numeric key")
    func interningKeepsKinds() {
        var store = FactStore()
        let money = store.intern(.literal(.money(1_300_000_000)))
        let integer = store.intern(.literal(.integer(1_300_000_000)))
        #expect(money != integer)
        #expect(store.intern(.literal(.money(1_300_000_000))) == money)
        #expect(store.terms[money].literal?.numericKey == store.terms[integer].literal?.numericKey)
    }

    @Test("counts per object of a predicate, from POS's runs: runs of 1 to 1,500 facts, other predicates between, in object order")
    func objectCounts() {
        var (store, nodes, preds) = makeStore(entities: 1_600, predicates: 3)
        let lengths = [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 100, 1_500]
        var expected: [(TermID, Int)] = []
        for (k, n) in lengths.enumerated() {
            let object = nodes[k]
            expected.append((object, n))
            for i in 0..<n {
                let location = SourceLocation(file: 0, line: UInt32(k * 2_000 + i + 1), column: 1)
                store.add(Triple(nodes[i + 20], preds[1], object), provenance: Provenance(source: nil, quote: nil, location: location))
                if i % 3 == 0 { store.add(Triple(nodes[i + 20], preds[0], object), provenance: Provenance(source: nil, quote: nil, location: location)) }
            }
        }
        store.add(Triple(nodes[0], preds[2], nodes[1]), provenance: Provenance(source: nil, quote: nil, location: SourceLocation(file: 0, line: 1, column: 1)))
        store.reindex()
        var seen: [(TermID, Int)] = []
        store.forEachObjectCount(predicate: preds[1]) { seen.append(($0, $1)); return true }
        #expect(seen.map(\.0) == expected.map(\.0).sorted())
        #expect(Dictionary(uniqueKeysWithValues: seen) == Dictionary(uniqueKeysWithValues: expected))
        var first: [(TermID, Int)] = []
        store.forEachObjectCount(predicate: preds[1]) { first.append(($0, $1)); return first.count < 2 }
        #expect(first.count == 2)
        var none = 0
        store.forEachObjectCount(predicate: nodes[5]) { _, _ in none += 1; return true }
        #expect(none == 0)
    }

    @Test("a quote is stored once however its String was made; sentences that differ by a byte are two quotes")
    func quotesInternByBytes() {
        var store = FactStore()
        let first = store.internQuote("인천시는 최우수상을 받았다.")
        let sliced = String("인천시는 최우수상을 받았다. 끝".prefix(15))
        let built = String(decoding: Array("인천시는 최우수상을 받았다.".utf8), as: UTF8.self)
        #expect(store.internQuote(sliced) == first)
        #expect(store.internQuote(built) == first)
        let other = store.internQuote("인천시는 최우수상을 받았다!")
        let empty = store.internQuote("")
        #expect(Set([first, other, empty]).count == 3)
        #expect(store.internQuote("") == empty)
        #expect(store.quotes == ["인천시는 최우수상을 받았다.", "인천시는 최우수상을 받았다!", ""])
    }
}

@Suite("TermDictionary: strings in more languages than a kind byte holds")
struct ManyLanguagesTests {
    @Test("300 languages: each string interned once, found again, and read back with its language")
    func manyLanguages() {
        var dictionary = TermDictionary()
        let tags = (0..<300).map { "x-l\($0)" }
        let ids = tags.map { dictionary.intern(.literal(.string("말", language: $0))) }
        #expect(Set(ids).count == 300)
        for (tag, id) in zip(tags, ids) {
            #expect(dictionary.intern(.literal(.string("말", language: tag))) == id)
            #expect(dictionary.id(of: .literal(.string("말", language: tag))) == id)
            #expect(dictionary[id] == .literal(.string("말", language: tag)))
            var bytes = Array("말".utf8)
            #expect(bytes.withUnsafeMutableBufferPointer { dictionary.internString(UnsafeBufferPointer($0), language: tag) } == id)
        }
        var copy = TermDictionary()
        #expect(copy.intern(ids[299], from: dictionary) == 0)
        #expect(copy[0] == .literal(.string("말", language: "x-l299")))
    }
}
