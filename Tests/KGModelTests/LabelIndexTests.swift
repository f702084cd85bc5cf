import Foundation
import KGModel
import Testing

@Suite("Labels and entity resolution")
struct LabelIndexTests {
    /// incheon (인천광역시, 인천시, Incheon), ifez (인천경제자유구역청, 인천경제청), itp (인천테크노파크),
    /// and two entities both called 센터.
    func store() -> FactStore {
        var (store, _, _) = makeStore(entities: 0, predicates: 0)
        let type = store.terms.entity("Node")!
        let names: [(String, [(String, String?, Bool)])] = [
            ("incheon", [("인천광역시", "ko", false), ("Incheon Metropolitan City", "en", false), ("인천시", "ko", true), ("Incheon", "en", true)]),
            ("ifez", [("인천경제자유구역청", "ko", false), ("인천경제청", "ko", true), ("IFEZ", "en", true)]),
            ("itp", [("인천테크노파크", "ko", false)]),
            ("center-a", [("센터", "ko", true), ("가 센터", "ko", false)]),
            ("center-b", [("센터", "ko", true), ("나 센터", "ko", false)]),
        ]
        for (i, (id, labels)) in names.enumerated() {
            let e = store.intern(.entity(id))
            store.declare(entity: e, type: type, at: nil)
            for (text, lang, isAlias) in labels {
                let o = store.intern(.literal(.string(text, language: lang)))
                store.add(Triple(e, isAlias ? store.builtins.alias : store.builtins.label, o),
                          provenance: Provenance(source: nil, quote: nil, location: SourceLocation(file: 0, line: UInt32(i + 1), column: 1)))
            }
        }
        store.reindex()
        return store
    }

    @Test("exact look-up by id, label or alias; Latin case and white space ignored")
    func exact() {
        let s = store()
        let incheon = s.terms.entity("incheon")!
        for name in ["incheon", "인천광역시", "인천시", "INCHEON", "incheon metropolitan  city"] {
            #expect(s.resolveEntity(name) == .found(incheon), "\(name)")
        }
    }

    @Test("decomposed Hangul finds the composed label")
    func nfc() {
        let s = store()
        let decomposed = "\u{110B}\u{1175}\u{11AB}\u{110E}\u{1165}\u{11AB}\u{1109}\u{1175}" // 인천시 as jamo
        #expect(s.resolveEntity(decomposed) == .found(s.terms.entity("incheon")!))
    }

    @Test("a trailing Korean particle is ignored when nothing matches exactly")
    func particles() {
        let s = store()
        #expect(s.resolveEntity("인천시는") == .found(s.terms.entity("incheon")!))
        #expect(s.resolveEntity("인천경제청의") == .found(s.terms.entity("ifez")!))
        #expect(s.resolveEntity("인천테크노파크와") == .found(s.terms.entity("itp")!))
    }

    @Test("an ambiguous name lists every candidate")
    func ambiguous() {
        let s = store()
        #expect(s.resolveEntity("센터") == .ambiguous([s.terms.entity("center-a")!, s.terms.entity("center-b")!].sorted()))
    }

    @Test("an unknown name gets suggestions ranked by jamo edit distance")
    func suggestions() {
        let s = store()
        #expect(s.resolveEntity("인촌시") == .notFound(suggestions: ["인천시"]))
        #expect(s.resolveEntity("전혀 없는 이름") == .notFound(suggestions: []))
    }

    @Test("prefix look-up serves completion, Hangul included")
    func prefix() {
        let s = store()
        let hits = Set(s.labels.withPrefix("인천").map(\.text))
        #expect(hits == ["인천광역시", "인천시", "인천경제자유구역청", "인천경제청", "인천테크노파크"])
        // The id and the alias share one key for one entity: one entry.
        #expect(Set(s.labels.withPrefix("inch").map(\.text)) == ["Incheon", "Incheon Metropolitan City"])
        #expect(s.labels.withPrefix("서울").isEmpty)
    }

    @Test("display width: Hangul two columns, combining marks none")
    func width() {
        #expect(DisplayWidth.of("인천") == 4)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("仁") == 2)
    }

    @Test("diagnostics place the caret by display width under Hangul")
    func caret() {
        let d = Diagnostic(file: "f.kg", line: 3, column: 4, length: 2, message: "bad", sourceLine: "인천 이름")
        #expect(d.rendered() == "f.kg:3:4: error: bad\n 3 | 인천 이름\n   |      ^~~~")
    }
}

@Suite("TextKey's fast path")
struct TextKeyFastPathTests {
    @Test("whenever the byte-level key applies, it equals the scalar-by-scalar key, and so does normalize(); it declines text it cannot handle")
    func agreesWithNormalize() {
        let alphabet: [String] = ["a", "Z", "k", " ", "\t", "\n", "  ", "-", "인", "천", "광", "역", "시", "漢", "字", "é", "É", "e\u{301}", "\u{1100}\u{1161}", "Ａ", "\u{3000}", "ß", "İ", "1", "."]
        var generator = SystemRandomNumberGenerator()
        var applied = 0, declined = 0
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            var key: [UInt8] = []
            var bytes = Array(text.utf8)
            let handled = bytes.withUnsafeMutableBufferPointer { TextKey.appendSimpleKey(UnsafeBufferPointer($0), to: &key) }
            if handled {
                applied += 1
                #expect(String(decoding: key, as: UTF8.self) == TextKey.normalizeScalars(text), "\(text.debugDescription)")
            } else {
                declined += 1
                #expect(key.isEmpty)
                #expect(text.unicodeScalars.contains { $0.value >= 0x80 && !(0xAC00...0xD7A3).contains($0.value) && !(0x4E00...0x9FFF).contains($0.value) })
            }
            #expect(TextKey.normalize(text) == TextKey.normalizeScalars(text), "\(text.debugDescription)")
        }
        #expect(applied > 100 && declined > 100)
    }

    @Test("nfc() skips Foundation only for text NFC leaves as it is: random mixes of stable scalars, combining marks and conjoining jamo agree with Foundation's NFC")
    func nfcAgreesWithFoundation() {
        let alphabet: [String] = ["a", "e", "인", "가", "漢", "·", "…", "─", "「", "Ａ", "©", " ", "\u{301}", "\u{308}", "\u{11A8}", "\u{1161}", "\u{1100}", "Å", "\u{212B}", "\u{2000}", "\u{302A}", "😀", "\u{20000}", "\u{E9}"]
        var generator = SystemRandomNumberGenerator()
        var changed = 0
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let expected = text.precomposedStringWithCanonicalMapping
            #expect(Array(TextKey.nfc(text).unicodeScalars) == Array(expected.unicodeScalars), "\(text.debugDescription)")
            if Array(expected.unicodeScalars) != Array(text.unicodeScalars) { changed += 1 }
        }
        #expect(changed > 100)
        #expect(TextKey.nfc("가\u{11A8}") == "각")
        #expect(Array(TextKey.nfc("\u{212B}").unicodeScalars) == ["\u{C5}"])
    }

    @Test("the index holds every (name, entity) once, in key, entity, text order, for thousands of names sharing long prefixes")
    func orderOfManyNames() {
        var (store, _, _) = makeStore(entities: 0, predicates: 0)
        let type = store.terms.entity("Node")!
        // Names drawn from a few syllables, so that many share their first eight bytes (a Hangul
        // syllable is three) or are equal; Latin case differs only in the text, not the key.
        let syllables = ["인천", "시", "평택", " ", "Seoul", "SEOUL", "a", "b", "0", "1", "센터", "2021"]
        var rng = SystemRandomNumberGenerator()
        var expected: Set<[String]> = []
        for i in 0..<3_000 {
            let e = store.intern(.entity("http://x.example/node/\(i % 1_000)"))
            store.declare(entity: e, type: type, at: nil)
            let name = (0..<Int.random(in: 1...5, using: &rng)).map { _ in syllables.randomElement(using: &rng)! }.joined()
            let o = store.intern(.literal(.string(name, language: nil)))
            store.add(Triple(e, store.builtins.label, o), provenance: Provenance(source: nil, quote: nil, location: SourceLocation(file: 0, line: UInt32(i + 1), column: 1)))
            expected.insert([TextKey.normalize(name), String(e)])
        }
        store.reindex()
        let entries = Array(store.labels.entries)
        for (a, b) in zip(entries, entries.dropFirst()) {
            let ordered = a.key.lexicographicallyPrecedes(b.key)
                || (a.key == b.key && (a.entity < b.entity || (a.entity == b.entity && !Array(b.text.utf8).lexicographicallyPrecedes(Array(a.text.utf8)))))
            #expect(ordered, "\(a) before \(b)")
            #expect(!(a.key == b.key && a.entity == b.entity), "\(a.text) and \(b.text) both kept for one entity and key")
        }
        // Every label's (key, entity) is there, and so is each entity's name from its id.
        let got = Set(entries.map { [String(decoding: $0.key, as: UTF8.self), String($0.entity)] })
        #expect(expected.isSubset(of: got))
        for i in 0..<1_000 {
            #expect(got.contains([String(i), String(store.terms.entity("http://x.example/node/\(i)")!)]))
        }
    }
}
