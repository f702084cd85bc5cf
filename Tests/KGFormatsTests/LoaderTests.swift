import Foundation
import KGFormats
import KGModel
import Testing

@Suite("Loader")
struct LoaderTests {
    static let schema = """
        type Organization "조직"@ko "Organization"@en
        type Award "수상"@ko "Award"@en
        type Article "기사"@ko "Article"@en
        predicate won : Organization -> Award inverse awardedTo "수상"@ko "won"@en
        predicate rank : Award -> Integer "순위"@ko "rank"@en

        """

    func loadGood() throws -> FactStore {
        let document = KGParser.parse(path: "good_literals.kg", bytes: try Fixtures.bytes("good/good_literals.kg"))
        #expect(document.diagnostics.isEmpty)
        switch KGLoader.load([document], into: FactStore()) {
        case .success(let (store, report)):
            #expect(report.entities == 3)
            #expect(report.newFacts == 16)
            #expect(store.checkInvariants() == [])
            return store
        case .failure(let f):
            Issue.record("did not load: \(f.rendered)")
            return FactStore()
        }
    }

    func objects(_ store: FactStore, _ subject: String, _ predicate: String) -> [Term] {
        let s = store.terms.entity(subject)!, p = store.terms.entity(predicate)!
        return store.match(subject: s, predicate: p, object: nil).map { store.terms[store.triples[Int($0)].object] }
    }

    @Test("every literal kind loads with its value, coerced where the range says so")
    func literalKinds() throws {
        let store = try loadGood()
        #expect(objects(store, "prize", "rank") == [.literal(.integer(1))])
        #expect(objects(store, "prize", "score") == [.literal(.decimal(DecimalNumber(mantissa: 975, scale: 1)))])
        #expect(objects(store, "prize", "year") == [.literal(.year(2023))])
        #expect(objects(store, "prize", "budget") == [.literal(.money(120_000_000))])
        #expect(objects(store, "prize", "decided") == [.literal(.boolean(true))])
        #expect(Set(objects(store, "prize", "note")) == [.literal(.string("say \"hi\"\tthere", language: "en")),
                                                         .literal(.date(CalendarDate(year: 2022, month: 2, day: 10)!))])
        #expect(objects(store, "art", "publishedAt") == [.literal(.dateTime(DateTime(date: CalendarDate(year: 2022, month: 2, day: 10)!,
                                                                                      hour: 17, minute: 34, second: nil, offsetMinutes: nil)!))])
    }

    @Test("an inverse name stores the fact the other way round")
    func inverse() throws {
        let store = try loadGood()
        #expect(objects(store, "incheon", "won") == [.entity("prize")])
        #expect(store.terms.entity("awardedTo") == nil)
    }

    @Test("provenance: the source, the quote for indented lines only, and file:line:column")
    func provenance() throws {
        let store = try loadGood()
        let incheon = store.terms.entity("incheon")!, won = store.terms.entity("won")!, prize = store.terms.entity("prize")!
        let fact = store.factID(Triple(incheon, won, prize))!
        let p = store.provenance(ofFact: fact)
        #expect(p.count == 1)
        #expect(p[0].source == store.terms.entity("art"))
        #expect(p[0].quote.map { store.quotes[Int($0)] } == "인천광역시는 최우수기관으로 선정됐다.")
        #expect(p[0].location == SourceLocation(file: 0, line: 22, column: 3))
        #expect(store.files == ["good_literals.kg"])
        let label = store.factID(Triple(incheon, store.builtins.label, store.terms.id(of: .literal(.string("Incheon", language: "en")))!))!
        #expect(store.provenance(ofFact: label)[0].quote == nil)
    }

    @Test("escapes in strings after Hangul: \\U, \\u, \\t, \\\" and \\\\ give their scalars; text without escapes is kept as written")
    func escapes() throws {
        let text = Self.schema + """
            @source art
            art type Article
            incheon type Organization
            incheon label "인천\\U0001F600\\t시 \\"혁신\\" \\\\"@ko
            incheon label "인천 \\u0041 · 「광역시」"@en

            """
        let document = KGParser.parse(path: "e.kg", bytes: Array(text.utf8))
        #expect(document.diagnostics.isEmpty)
        guard case .success(let (store, _)) = KGLoader.load([document], into: FactStore()) else {
            Issue.record("did not load"); return
        }
        let labels = store.literals(of: store.terms.entity("incheon")!, predicate: store.builtins.label)
        #expect(Set(labels) == [Label("인천😀\t시 \"혁신\" \\", language: "ko"), Label("인천 A · 「광역시」", language: "en")])
    }

    @Test("decomposed Hangul is normalised to NFC on load")
    func nfc() throws {
        let store = try loadGood()
        #expect(store.labels.lookup("항강") == [store.terms.entity("incheon")!])
        #expect(store.literals(of: store.terms.entity("incheon")!, predicate: store.builtins.alias) == [Label("항강", language: "ko")])
    }

    @Test("a failed load leaves the graph as it was")
    func allOrNothing() throws {
        let base = try loadGood()
        let bad = """
            @source art
            second type Agency
            second won prize
            second rank 1
            prize year 2022-02-30
            """
        guard case .failure(let failure) = Fixtures.load([("bad.kg", bad)], into: base) else {
            Issue.record("bad file loaded"); return
        }
        #expect(failure.diagnostics.count == 2)
        // The caller keeps `base`: nothing of the failed batch leaked into it.
        #expect(base.factCount == 16)
        #expect(base.terms.entity("second") == nil)
        #expect(base.checkInvariants() == [])
    }

    @Test("a second file may use entities and schema of the first, in the same load or a later one")
    func acrossFiles() throws {
        let a = Self.schema + """
            @source art
            art type Article
            org type Organization
            """
        let b = """
            @source art
            prize type Award
            org won prize
            prize rank 3
            """
        guard case .success(let (together, _)) = Fixtures.load([("a.kg", a), ("b.kg", b)]) else {
            Issue.record("did not load together"); return
        }
        #expect(together.factCount == 5)
        guard case .success(let (first, _)) = Fixtures.load([("a.kg", a)]),
              case .success(let (second, report)) = Fixtures.load([("b.kg", b)], into: first) else {
            Issue.record("did not load one after the other"); return
        }
        #expect(report.newFacts == 3)
        #expect(second.factCount == 5)
        #expect(second.checkInvariants() == [])
    }

    @Test("the same fact stated twice is stored once with both provenances")
    func restated() throws {
        let text = Self.schema + """
            @source art
            art type Article
            org type Organization
            prize type Award
            org won prize
            says "두 번째 문장."
              prize awardedTo org
            """
        guard case .success(let (store, report)) = Fixtures.load([("r.kg", text)]) else { Issue.record("did not load"); return }
        #expect(report.statements == 5)
        #expect(store.factCount == 4)
        let fact = store.factID(Triple(store.terms.entity("org")!, store.terms.entity("won")!, store.terms.entity("prize")!))!
        #expect(store.provenance(ofFact: fact).map(\.location.line) == [10, 12])
        #expect(store.checkInvariants() == [])
    }

    @Test("errors found in two files of one load are all reported, file by file")
    func errorsAcrossFiles() {
        let a = Self.schema + "@source art\nart type Article\nx type Organisation\n"
        let b = "@source art\ny type Organization\ny wonn z\n"
        guard case .failure(let failure) = Fixtures.load([("a.kg", a), ("b.kg", b)]) else { Issue.record("loaded"); return }
        #expect(failure.diagnostics.map { "\($0.file!):\($0.line):\($0.column)" } == ["a.kg:8:8", "b.kg:3:3"])
        #expect(failure.diagnostics[0].message == "unknown type 'Organisation' — did you mean 'Organization'?")
    }

    @Test("schema errors: duplicates, unknown types in declarations, cycles", arguments: [
        ("type A\ntype A\n", "t.kg:2:6: error: duplicate type 'A': first declared at t.kg:1:6"),
        ("type A < B\n", "t.kg:1:10: error: unknown type 'B'"),
        ("type A < B\ntype B < A\n", "t.kg:1:6: error: type 'A' is its own supertype: its '<' chain never reaches Thing"),
        ("predicate p : Thing -> Strin\n", "t.kg:1:24: error: unknown type 'Strin' — did you mean 'String'?"),
        ("predicate p : Thing -> String inverse label\n", "t.kg:1:39: error: inverse name 'label' is already in use"),
        ("predicate label : Thing -> String\n", "t.kg:1:11: error: duplicate predicate 'label': the name is already in use"),
        ("predicate type : Thing -> String\n", "t.kg:1:11: error: 'type' is a reserved word"),
        ("predicate p : Thing String\n", "t.kg:1:21: error: expected 'predicate NAME : DOMAIN -> RANGE [inverse NAME] \"label\"@ko …'; missing '->'"),
        ("predicate p Thing -> String\n", "t.kg:1:13: error: expected 'predicate NAME : DOMAIN -> RANGE [inverse NAME] \"label\"@ko …'; missing ':'"),
    ])
    func schemaErrors(text: String, expectedFirstLine: String) {
        guard case .failure(let failure) = Fixtures.load([("t.kg", text)]) else { Issue.record("loaded"); return }
        #expect(failure.diagnostics.first?.rendered().split(separator: "\n").first.map(String.init) == expectedFirstLine)
    }

    @Test("a directory expands to its .kg files in path order")
    func directory() throws {
        let files = try KnowledgeFiles.expand(Fixtures.directory.appendingPathComponent("good").path).get()
        #expect(files.map { String($0.split(separator: "/").last!) } == ["good_literals.kg"])
        guard case .failure(let f) = KnowledgeFiles.expand("/no/such/place") else { Issue.record("found"); return }
        #expect(f.unreadable == ["/no/such/place: error: no such file or directory"])
    }

    @Test("a directory expands to the .kg files of its subdirectories too, in path order; a directory named x.kg is searched, not read; a file named is itself")
    func nestedDirectory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kgsh-expand-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for dir in ["b", "a/c", "x.kg"] { try FileManager.default.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true) }
        for file in ["z.kg", "b/one.kg", "a/c/two.kg", "a/notes.txt", "x.kg/three.kg", ".hidden.kg"] {
            #expect(FileManager.default.createFile(atPath: root + "/" + file, contents: Data("# empty\n".utf8)))
        }
        let expected = [".hidden.kg", "a/c/two.kg", "b/one.kg", "x.kg/three.kg", "z.kg"].map { root + "/" + $0 }
        #expect(try KnowledgeFiles.expand(root).get() == expected)
        #expect(try KnowledgeFiles.expand(root + "/").get() == expected)
        #expect(try KnowledgeFiles.expand(root + "/a/notes.txt").get() == [root + "/a/notes.txt"])
    }

    @Test("language tags: letters first, then '-' parts of letters and digits, 1–8 each", arguments: [
        ("ko", true), ("en-GB", true), ("zh-Hant-TW", true), ("es-419", true), ("abcdefgh", true), ("EN", true),
        ("ko-", false), ("-ko", false), ("ko--kr", false), ("k1", false), ("abcdefghi", false), ("en-abcdefghi", false), ("한국", false), ("ko_KR", false),
    ])
    func languageTags(tag: String, valid: Bool) {
        let loaded = Fixtures.load([("t.kg", Self.schema + "@nosource\nprize type Award\nprize label \"상\"@\(tag)\n")])
        if valid {
            guard case .success(let (store, _)) = loaded else { Issue.record("@\(tag) did not load"); return }
            let prize = store.terms.entity("prize")!
            #expect(store.match(subject: prize, predicate: store.builtins.label, object: nil).map { store.terms[store.triples[Int($0)].object] }
                    == [.literal(.string("상", language: tag.lowercased()))])
        } else {
            guard case .failure(let f) = loaded else { Issue.record("@\(tag) loaded"); return }
            #expect(f.diagnostics.first?.message == "bad language tag '@\(tag)': expected letters like @ko or @en-GB")
        }
    }
}
