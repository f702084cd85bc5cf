import Foundation
import KGModel
import KGShell
import Testing

/// `.prefix`, `--prefix` and a Turtle file's own `@prefix` lines, through the real binary.
@Suite("Prefixes: ids read from RDF shown and typed as NAME:local")
struct PrefixTests {
    static let turtle = """
        @prefix : <http://example.org/meta#> .
        @prefix c: <http://example.org/countries/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        c:GR a :Country ; :name "Greece" ; :carCode "GR" ; :capital c:GR-athens .
        c:GR-athens a :City ; rdfs:label "Athina" .

        """

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kgsh-prefix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(Self.turtle.utf8).write(to: dir.appendingPathComponent("g.ttl"))
        return try runKgsh(["--kb", "g.ttl"] + arguments, in: dir.path)
    }

    @Test("a Turtle file's prefixes are adopted: .prefix lists them, cards and .stats show NAME:local, queries take it")
    func adopted() throws {
        let r = try run(["-c", ".prefix", "-c", "show c:GR", "-c", "find ?n where c:GR :capital ?x, ?x label ?n", "-c", ".stats"])
        #expect(r.stderr == "")
        #expect(r.status == 0)
        #expect(r.stdout == """
            : <http://example.org/meta#>
            c: <http://example.org/countries/>
            rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            Greece — c:GR
              type     Country (:Country)

            facts
              name     Greece
              carCode  GR
              capital  Athina (c:GR-athens)
            ┌────────┐
            │ n      │
            ├────────┤
            │ Athina │
            └────────┘
            1 row
            2 entities, 6 facts, 0 sources, 14 terms, 1 file loaded
            facts per predicate:
              type      2
              :capital  1
              :carCode  1
              :name     1
              label     1

            """)
    }

    @Test("--prefix and .prefix bind and unbind; a file's @prefix does not take a namespace a user named")
    func userSet() throws {
        let r = try run(["--prefix", "geo=http://example.org/countries/", "-c", ".prefix",
                         "-c", ".ids on; find ?x where ?x :carCode \"GR\"", "-c", ".prefix geo -; find ?x where ?x :carCode \"GR\""])
        #expect(r.stderr == "")
        #expect(r.stdout == """
            geo: <http://example.org/countries/>
            : <http://example.org/meta#>
            rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            ┌─────────────────┐
            │ x               │
            ├─────────────────┤
            │ Greece (geo:GR) │
            └─────────────────┘
            1 row
            ┌──────────────────────────────────────────┐
            │ x                                        │
            ├──────────────────────────────────────────┤
            │ Greece (http://example.org/countries/GR) │
            └──────────────────────────────────────────┘
            1 row

            """)
    }

    @Test("bad prefixes: a caret under the argument, or a usage error for the flag", arguments: [
        (["-c", ".prefix 1x http://e.org/"], 1, "1:9: error: a prefix name is a letter, then letters, digits, _, - or . (or empty, written ':') (see .help prefix)\n 1 | .prefix 1x http://e.org/\n   |         ^~\n"),
        (["-c", ".prefix e e.org"], 1, "1:11: error: expected an absolute IRI such as http://example.org/ns# (see .help prefix)\n 1 | .prefix e e.org\n   |           ^~~~~\n"),
        (["-c", ".prefix zz -"], 1, "1:9: error: no prefix 'zz:' (see .help prefix)\n 1 | .prefix zz -\n   |         ^~\n"),
        (["--prefix", "e:http://e.org/", "-c", ".prefix"], 2, "Error: --prefix takes NAME=IRI, as in --prefix mon=http://www.semwebtech.org/mondial/10/meta#, not 'e:http://e.org/'\nUsage: kgsh [--kb <PATH> ...] [-c <STATEMENTS> ...] [-f <SCRIPT> ...] [--format <FORMAT>] [--lang <LANG>] [--init <FILE>] [--endpoint <URL>] [--endpoint-timeout <SECONDS>] [--prefix <NAME=IRI> ...] [--keep-going] [--safe] [--no-color] <subcommand>\n  See 'kgsh --help' for more information.\n"),
    ] as [([String], Int32, String)])
    func errors(arguments: [String], status: Int32, stderr: String) throws {
        let r = try run(arguments)
        #expect(r.status == status)
        #expect(r.stderr == stderr)
    }
}
