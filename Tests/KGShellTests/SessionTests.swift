import Foundation
import KGFormats
import KGModel
import KGShell
import Testing

@Suite("Session")
struct SessionTests {
    @Test("why cites a fact read from RDF by its file alone: RDF facts carry no line")
    func whyRDF() throws {
        let path = NSTemporaryDirectory() + "kgsh-why-\(UUID().uuidString).ttl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("@prefix e: <http://e.org/> .\ne:a e:p e:b .\n".utf8).write(to: URL(fileURLWithPath: path))
        let session = Session(store: try KnowledgeFiles.load([path], into: FactStore()).get().0)
        let outcome = session.run("why ?x e:p ?y")
        #expect(outcome.errors == "")
        #expect(outcome.output == """
            1. ?x = http://e.org/a, ?y = http://e.org/b
               http://e.org/a e:p http://e.org/b
                 ↳ (no source) — \(path)

            """)
    }

    @Test("show prints the entity card: type, labels, aliases, facts out and in, sources")
    func card() throws {
        let session = Session(store: try tinyStore())
        let outcome = session.run("show 인천시")
        #expect(outcome.errors == "")
        #expect(!outcome.failed)
        #expect(outcome.output == """
            인천광역시 — incheon
              type     조직 (Organization)
              labels   ko 인천광역시 · en Incheon Metropolitan City
              aliases  인천시

            facts
              won  최우수기관 (prize)  [1]

            sources
              [1] 시험 기사 · 2022-02-10T17:34 (art)

            """)
    }

    @Test("incoming facts use the inverse name; literals print for people; --lang en picks English labels")
    func cardOfAward() throws {
        let session = Session(store: try tinyStore(), language: "en")
        #expect(session.run("show prize").output == """
            Top institution — prize
              type     Award (Award)
              labels   ko 최우수기관 · en Top institution

            facts
              rank    1  [1]
              budget  13억원  [1]

            referenced by
              awardedTo  Incheon Metropolitan City (incheon)  [1]

            sources
              [1] 시험 기사 · 2022-02-10T17:34 (art)

            """)
    }

    @Test("a card lists 20 facts of a predicate in each direction, then how many more and the query that lists them all")
    func cardOfHub() throws {
        var nt = ""
        for i in 1...25 { nt += "<http://e.org/s\(i)> <http://e.org/cites> <http://e.org/hub> .\n" }
        for i in 1...2 { nt += "<http://e.org/f\(i)> <http://e.org/likes> <http://e.org/hub> .\n" }
        for i in 1...23 { nt += "<http://e.org/hub> <http://e.org/tag> \"t\(i)\" .\n" }
        let store = try RDFImport.load(path: "hub.nt", bytes: Array(nt.utf8), syntax: .nTriples, into: FactStore()).get().0
        let session = Session(store: store)
        let card = session.run("show <http://e.org/hub>")
        #expect(card.errors == "")
        let lines = card.output.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("  tag ") }.count == 21)
        #expect(lines.filter { $0.hasPrefix("  ^cites ") }.count == 21)
        #expect(lines.filter { $0.hasPrefix("  ^likes ") }.count == 2)
        #expect(lines.contains("  tag  … 3 more: find ?o where <http://e.org/hub> tag ?o"))
        #expect(lines.contains("  ^cites  … 5 more: find ?s where ?s cites <http://e.org/hub>"))
        // The more rows come last in their section, and their queries list every fact.
        #expect(lines.last == "  ^cites  … 5 more: find ?s where ?s cites <http://e.org/hub>")
        #expect(session.run("find ?o where <http://e.org/hub> tag ?o").output.hasSuffix("23 rows\n"))
        #expect(session.run("find ?s where ?s cites <http://e.org/hub>").output.hasSuffix("25 rows\n"))
    }

    @Test("errors show the statement with a caret under the name", arguments: [
        ("show 인촌시", "1:6: error: no entity '인촌시' — did you mean 인천광역시?\n 1 | show 인촌시\n   |      ^~~~~~\n"),
        ("show 센터", "1:6: error: '센터' names 2 entities: center-a (center-a, Organization); center-b (center-b, Organization) — use an id\n 1 | show 센터\n   |      ^~~~\n"),
        ("show", "1:1: error: 'show' needs an entity: an id, label or alias, as in 'show 인천시'\n 1 | show\n   | ^~~~\n"),
        ("  shwo 인천시", "1:3: error: unknown statement 'shwo' — did you mean 'show'?\n 1 |   shwo 인천시\n   |   ^~~~\n"),
    ])
    func errors(statement: String, expected: String) throws {
        let outcome = Session(store: try tinyStore()).run(statement)
        #expect(outcome.failed)
        #expect(outcome.output == "")
        #expect(outcome.errors == expected)
    }

    @Test("names may be quoted, carry a Korean particle, or differ in Latin case")
    func names() throws {
        let session = Session(store: try tinyStore())
        for statement in ["show \"인천광역시\"", "show 인천시는", "show INCHEON metropolitan city", "show 'incheon'"] {
            #expect(session.run(statement).output.hasPrefix("인천광역시 — incheon\n"), "\(statement)")
        }
    }

    @Test("several statements: ; and newlines split; the first failure stops the run unless keepGoing")
    func several() throws {
        let session = Session(store: try tinyStore())
        let stopped = session.run("show prize; show nothing\nshow incheon", origin: "s.kq")
        #expect(stopped.failed)
        #expect(stopped.output.hasPrefix("최우수기관 — prize\n"))
        #expect(!stopped.output.contains("인천광역시 — incheon"))
        #expect(stopped.errors == """
            s.kq:1:18: error: no entity 'nothing': search the labels with ?e label ?l, ?l contains "nothing"
             1 | show prize; show nothing
               |                  ^~~~~~~

            """)
        let kept = session.run("show prize; show nothing\nshow incheon", keepGoing: true)
        #expect(kept.failed)
        #expect(kept.output.contains("인천광역시 — incheon"))
    }

    @Test("statement splitting keeps quoted ; and # and drops comments")
    func splitting() {
        let parts = StatementSplitter.split("show \"a;b\" # note; not a statement\n\n  show 'x#y'; show z")
        #expect(parts.map(\.text) == ["show \"a;b\" ", "  show 'x#y'", " show z"])
        #expect(parts.map(\.line) == [1, 3, 3])
        #expect(parts.map(\.column) == [1, 1, 14])
        #expect(parts[2].lineText == "  show 'x#y'; show z")
    }

    @Test("the REPL prompts, runs each line, and stops at .quit")
    func repl() throws {
        let session = Session(store: try tinyStore())
        var reader = ScriptedReader(["show prize", "", "show nope", ".quit", "show incheon"])
        var out = "", err = ""
        Repl.run(session: session, reader: &reader, write: { out += $0 }, writeError: { err += $0 })
        #expect(reader.prompts == ["kgsh> ", "kgsh> ", "kgsh> ", "kgsh> "])
        #expect(out.hasPrefix("최우수기관 — prize\n"))
        #expect(!out.contains("인천광역시 — incheon"))
        #expect(err.hasPrefix("1:6: error: no entity 'nope'"))
        #expect(session.quitRequested)
    }

    @Test("Ctrl-C at the continuation prompt drops the unfinished statement: the next line starts a new one, and only it is in the history")
    func interruptedContinuation() throws {
        let session = Session(store: try tinyStore())
        var reader = ScriptedReader(["find ?o where {", "?o won ?a", "show prize"], interruptedBefore: [2])
        var out = "", err = ""
        Repl.run(session: session, reader: &reader, write: { out += $0 }, writeError: { err += $0 })
        #expect(reader.prompts == ["kgsh> ", "...> ", "...> ", "kgsh> "])
        #expect(err == "")
        #expect(out.hasPrefix("최우수기관 — prize\n"))
        #expect(session.history == ["show prize"])
    }
}
