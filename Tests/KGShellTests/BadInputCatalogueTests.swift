import Foundation
import KGFormats
import Testing

/// The bad-input catalogue of docs/reliability.md: malformed knowledge files, RDF files, queries,
/// dot-commands and command-line flags, each run through the real kgsh binary with its exact
/// message, position and exit code. After every entry that reaches the shell, a probe (`.stats`)
/// runs in the same process and must print what it prints on the untouched graph: the shell is
/// alive, and a failed load left the graph as it was (entities, facts, terms and files alike).
///
/// Large inputs (a megabyte line, 100,000 brackets) are made here, not kept as fixtures. The
/// table in docs/reliability.md is rendered from these entries and compared, so it cannot drift.
enum Catalogue {
    enum Area: String, CaseIterable, Sendable {
        case knowledge = "Knowledge files (.kg)"
        case rdf = "RDF files (.nt, .ttl)"
        case query = "Queries"
        case dot = "Dot-commands"
        case flags = "Command-line flags"
    }

    enum Graph: Sendable {
        /// `tinyKnowledgeText` as tiny.kg: small and stable, so messages do not move as Knowledge/ grows.
        case tiny
        /// The seed graph in Knowledge/.
        case seed
    }

    enum Expected: Sendable {
        case exact(String)
        /// For output too long to spell out (thousands of errors): how it starts and ends.
        case startAndEnd(String, String)
    }

    struct Entry: Sendable, CustomTestStringConvertible {
        let id: String
        let area: Area
        /// What the input is, for the document.
        let what: String
        /// Files written into the working directory first (tiny.kg is always there).
        var files: [String: @Sendable () -> [UInt8]] = [:]
        /// Statements run as `kgsh --kb GRAPH --keep-going -f bad.kq -c .stats`; the probe's
        /// output must follow `stdout`.
        var script: [UInt8]? = nil
        var graph: Graph = .tiny
        /// Otherwise: kgsh's arguments, as they are, and its standard input.
        var arguments: [String] = []
        var input: [UInt8]? = nil
        /// Named pipes made in the working directory.
        var fifos: [String] = []
        let status: Int32
        let stderr: Expected
        var stdout = ""

        var testDescription: String { "\(id): \(what)" }

        /// A statement that fails must leave the graph as it was; a load that succeeds changes it,
        /// and then the probe's output is part of `stdout`.
        var keepsGraph: Bool { status != 0 || !(script.map { String(decoding: $0, as: UTF8.self).contains(".load") } ?? false) }
    }

    /// What `path n0 to n20000` prints over chain.nt (Q-20): 20,000 steps on one line.
    static let chainPath = "loaded 1 file: 20000 new facts, 20001 new entities (20013 facts in all)\n1 shortest connection of 20000 steps:\n  "
        + (0...20_000).map { "http://e/n\($0)" }.joined(separator: " —http://e/next→ ")

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }
    static func file(_ s: String) -> @Sendable () -> [UInt8] { { Array(s.utf8) } }
    static func bytes(_ b: [UInt8]) -> @Sendable () -> [UInt8] { { b } }
    static func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

    /// What the probe prints on each graph, untouched (computed once).
    static let baselines: [String: String] = {
        var out: [String: String] = [:]
        for (name, kb) in [("tiny", "tiny.kg"), ("seed", Paths.knowledge)] {
            let dir = try! shellTemporaryDirectory("catalogue-baseline")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try! tinyKnowledgeText.write(toFile: dir + "/tiny.kg", atomically: true, encoding: .utf8)
            out[name] = (try? runKgsh(["--kb", kb, "-c", ".stats"], in: dir))?.stdout ?? "(the probe did not run)"
        }
        return out
    }()

    /// Runs one entry: the exit status, standard output and standard error.
    static func run(_ entry: Entry) throws -> (status: Int32, stdout: String, stderr: String, probe: String?) {
        let dir = try shellTemporaryDirectory("catalogue-\(entry.id)")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tinyKnowledgeText.write(toFile: dir + "/tiny.kg", atomically: true, encoding: .utf8)
        for (name, make) in entry.files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data(make())) else { throw Subprocess.Failure(description: "cannot write \(path)") }
        }
        for name in entry.fifos { guard mkfifo(dir + "/" + name, 0o644) == 0 else { throw Subprocess.Failure(description: "mkfifo \(name)") } }
        if let script = entry.script {
            _ = FileManager.default.createFile(atPath: dir + "/bad.kq", contents: Data(script))
            let kb = entry.graph == .tiny ? "tiny.kg" : Paths.knowledge
            let r = try runKgsh(["--kb", kb, "--keep-going", "-f", "bad.kq", "-c", ".stats"], in: dir)
            return (r.status, r.stdout, r.stderr, baselines[entry.graph == .tiny ? "tiny" : "seed"])
        }
        let run = try Subprocess.run(Paths.binary, entry.arguments, input: Data(entry.input ?? []), directory: dir, timeout: 60)
        return (run.status, String(decoding: run.stdout, as: UTF8.self), String(decoding: run.stderr, as: UTF8.self), nil)
    }

    /// The document's table row for an entry: its place and message come from what kgsh printed.
    static func row(_ entry: Entry) -> String {
        let first: String
        switch entry.stderr {
        case .exact(let s): first = s.split(separator: "\n").first.map(String.init) ?? ""
        case .startAndEnd(let s, _): first = s.split(separator: "\n").first.map(String.init) ?? ""
        }
        var place = "—", message = first
        if let r = first.range(of: "error: ", options: .caseInsensitive) {
            let before = first[..<r.lowerBound]
            place = before.hasSuffix(": ") ? String(before.dropLast(2)) : "—"
            if place.isEmpty { place = "—" }
            message = String(first[r.upperBound...])
        }
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        func code(_ s: String) -> String { "`" + cell(s) + "`" }
        let shown = first.isEmpty ? "accepted: " + code(entry.stdout.split(separator: "\n").first.map(String.init) ?? "") : code(message)
        return "| \(entry.id) | \(cell(entry.what)) | \(shown) | \(place == "—" ? place : code(place)) | \(entry.status) |"
    }

    static func table() -> String {
        var out = ""
        for area in Area.allCases {
            let rows = entries.filter { $0.area == area }
            out += "\n### \(area.rawValue) (\(rows.count))\n\n| # | input | message | place | exit |\n|---|---|---|---|---|\n"
            out += rows.map(row).joined(separator: "\n") + "\n"
        }
        return out
    }

    static let entries: [Entry] = knowledge + rdf + queries + dotCommands + flags
}

@Suite("Bad-input catalogue (docs/reliability.md)")
struct BadInputCatalogueTests {
    @Test("each entry: exact message, place and exit code; the shell lives on and the graph is as it was", arguments: Catalogue.entries)
    func entry(_ entry: Catalogue.Entry) throws {
        let r = try Catalogue.run(entry)
        #expect(r.status == entry.status)
        switch entry.stderr {
        case .exact(let s): #expect(r.stderr == s)
        case .startAndEnd(let start, let end):
            #expect(r.stderr.hasPrefix(start), "\(r.stderr.prefix(start.count + 200))")
            #expect(r.stderr.hasSuffix(end), "\(r.stderr.suffix(end.count + 200))")
        }
        if let probe = r.probe, entry.keepsGraph {
            #expect(r.stdout == entry.stdout + probe, "the probe after the entry must see the graph as it was")
        } else {
            #expect(r.stdout == entry.stdout)
        }
    }

    @Test("the catalogue has at least 60 entries with distinct ids, and docs/reliability.md shows each as it is")
    func document() throws {
        #expect(Catalogue.entries.count >= 60)
        #expect(Set(Catalogue.entries.map(\.id)).count == Catalogue.entries.count)
        let path = Paths.repository.appendingPathComponent("docs/reliability.md").path
        let doc = try String(contentsOfFile: path, encoding: .utf8)
        let begin = "<!-- catalogue:begin (generated from Tests/KGShellTests/BadInputCatalogueTests.swift) -->\n"
        let end = "<!-- catalogue:end -->"
        guard let b = doc.range(of: begin), let e = doc.range(of: end, range: b.upperBound..<doc.endIndex) else {
            Issue.record("docs/reliability.md has no catalogue markers")
            return
        }
        let shown = String(doc[b.upperBound..<e.lowerBound])
        let expected = Catalogue.table() + "\n"
        if shown != expected, let out = ProcessInfo.processInfo.environment["KGSH_CATALOGUE_TABLE"] {
            try expected.write(toFile: out, atomically: true, encoding: .utf8)
        }
        #expect(shown == expected, "regenerate the table: KGSH_CATALOGUE_TABLE=/tmp/t.md swift test --filter BadInputCatalogue")
    }
}

// MARK: - The entries

extension Catalogue {
    /// `.load bad.kg` of a file that says `@source art` (declared in tiny.kg) and then `line`.
    static func loadKG(_ id: String, _ what: String, _ line: String, status: Int32 = 1, _ stderr: Expected, stdout: String = "") -> Entry {
        Entry(id: id, area: .knowledge, what: what, files: ["bad.kg": file("@source art\n" + line + "\n")], script: text(".load bad.kg\n"),
              status: status, stderr: stderr, stdout: stdout)
    }

    static let knowledge: [Entry] = [
        Entry(id: "KG-01", area: .knowledge, what: "invalid UTF-8: a byte 0xFF inside a label",
              files: ["bad.kg": bytes(text("@source art\nincheon alias \"caf") + [0xFF] + text("\"@ko\n"))], script: text(".load bad.kg\n"),
              status: 1, stderr: .exact("bad.kg:2:19: error: invalid UTF-8: byte 0xFF is not part of a valid sequence\n 2 | incheon alias \"caf�\"@ko\n   |                   ^\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-02", "a NUL byte in an id", "inch\u{0}eon alias \"x\"@ko", .exact("bad.kg:2:1: error: expected an entity id (ASCII letter, then letters, digits, - or _)\n 2 | inch\u{0}eon alias \"x\"@ko\n   | ^~~~~~~\nnothing was loaded; the graph is as it was\n")),
        Entry(id: "KG-03", area: .knowledge, what: "a 1 MB line: a fact whose string is followed by a stray word",
              files: ["bad.kg": { text("@source art\nincheon alias \"" + repeated("가", 350_000) + "\"@ko stray\n") }], script: text(".load bad.kg\n"),
              status: 1, stderr: .exact("bad.kg:2:350021: error: a fact is SUBJECT PREDICATE OBJECT; this line has 1 more (quote text with spaces in \"…\")\n 2 | …가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가\"@ko stray\n   |                                                                                                                                                                                                                                                                                                                   ^~~~~\nnothing was loaded; the graph is as it was\n")),
        Entry(id: "KG-04", area: .knowledge, what: "a 1 MB line that is a valid fact (a 1 MB alias) loads",
              files: ["big.kg": { text("@source art\nincheon alias \"" + repeated("a", 1_000_000) + "\"\n") }], script: text(".load big.kg\n"),
              status: 0, stderr: .exact(""), stdout: "loaded 1 file: 1 new fact, 0 new entities (14 facts in all)\n3 entities, 14 facts, 1 source, 24 terms, 2 files loaded\nfacts per predicate:\n  label        5\n  type         3\n  alias        2\n  budget       1\n  publishedAt  1\n  rank         1\n  won          1\n"),
        loadKG("KG-05", "an integer that overflows 64 bits", "prize rank 99999999999999999999", .exact("bad.kg:2:12: error: number '99999999999999999999' does not fit in 64 bits\n 2 | prize rank 99999999999999999999\n   |            ^~~~~~~~~~~~~~~~~~~~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-06", "money that overflows 64 bits", "prize budget 10000000조원", .exact("bad.kg:2:14: error: money amount '10000000조원' does not fit in 64 bits\n 2 | prize budget 10000000조원\n   |              ^~~~~~~~~~~~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-07", "an impossible date (February 30)", "art publishedAt 2023-02-30T10:00", .exact("bad.kg:2:17: error: no such date '2023-02-30': February 2023 has 28 days\n 2 | art publishedAt 2023-02-30T10:00\n   |                 ^~~~~~~~~~~~~~~~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-08", "an impossible time (25:00)", "art publishedAt 2023-02-10T25:00", .exact("bad.kg:2:17: error: no such time in '2023-02-10T25:00'\n 2 | art publishedAt 2023-02-10T25:00\n   |                 ^~~~~~~~~~~~~~~~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-09", "a decimal with 19 fraction digits", "prize budget 1.0000000000000000001", .exact("bad.kg:2:14: error: number '1.0000000000000000001' does not fit in 64 bits\n 2 | prize budget 1.0000000000000000001\n   |              ^~~~~~~~~~~~~~~~~~~~~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-10", "an unterminated string", "incheon alias \"인천", .exact("bad.kg:2:15: error: unterminated string: add the closing \"\n 2 | incheon alias \"인천\n   |               ^~~~~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-11", "an unknown escape in a string", "incheon alias \"in\\qcheon\"", .exact("bad.kg:2:18: error: unknown escape '\\q': use \\\" \\\\ \\n \\t \\r \\uXXXX\n 2 | incheon alias \"in\\qcheon\"\n   |                  ^~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-12", "a \\u escape of a lone surrogate", "incheon alias \"\\uD800\"", .exact("bad.kg:2:16: error: bad escape: \\u takes 4 hex digits of a Unicode scalar\n 2 | incheon alias \"\\uD800\"\n   |                ^~~~~~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-13", "a malformed language tag", "incheon alias \"인천\"@123", .exact("bad.kg:2:19: error: bad language tag '@123': expected letters like @ko or @en-GB\n 2 | incheon alias \"인천\"@123\n   |                     ^~~~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-14", "a fact with four words", "incheon won prize twice", .exact("bad.kg:2:19: error: a fact is SUBJECT PREDICATE OBJECT; this line has 1 more (quote text with spaces in \"…\")\n 2 | incheon won prize twice\n   |                   ^~~~~\nnothing was loaded; the graph is as it was\n")),
        Entry(id: "KG-15", area: .knowledge, what: "a fact before any @source",
              files: ["bad.kg": file("incheon alias \"인천\"@ko\n")], script: text(".load bad.kg\n"), status: 1, stderr: .exact("bad.kg:1:1: error: fact has no source: put '@source ARTICLE-ID' above it\n 1 | incheon alias \"인천\"@ko\n   | ^~~~~~~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-16", "a misspelt predicate", "incheon wonn prize", .exact("bad.kg:2:9: error: unknown predicate 'wonn' — did you mean 'won'?\n 2 | incheon wonn prize\n   |         ^~~~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-17", "a dangling reference", "incheon won nothing", .exact("bad.kg:2:13: error: dangling reference: no entity 'nothing' is declared (declare it with 'nothing type TYPE')\n 2 | incheon won nothing\n   |             ^~~~~~~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-18", "a duplicate id", "prize type Award", .exact("bad.kg:2:1: error: duplicate id 'prize': already declared at tiny.kg:14:3\n 2 | prize type Award\n   | ^~~~~\nnothing was loaded; the graph is as it was\n")),
        loadKG("KG-19", "a domain mismatch", "prize won prize", .exact("bad.kg:2:1: error: domain mismatch: 'won' needs a subject of type Organization, but 'prize' is an Award\n 2 | prize won prize\n   | ^~~~~\nnothing was loaded; the graph is as it was\n")),
        Entry(id: "KG-20", area: .knowledge, what: "a type that is its own supertype",
              files: ["bad.kg": file("type A < B\ntype B < A\n")], script: text(".load bad.kg\n"), status: 1, stderr: .exact("bad.kg:1:6: error: type 'A' is its own supertype: its '<' chain never reaches Thing\n 1 | type A < B\n   |      ^\nbad.kg:2:6: error: type 'B' is its own supertype: its '<' chain never reaches Thing\n 2 | type B < A\n   |      ^\nnothing was loaded; the graph is as it was\n")),
        Entry(id: "KG-21", area: .knowledge, what: "a '<' chain 10,000 types deep (checked with kgsh check)",
              files: ["deep.kg": { text("type T0\n" + (1..<10_000).map { "type T\($0) < T\($0 - 1)\n" }.joined()) }],
              arguments: ["check", "deep.kg"], status: 2, stderr: .startAndEnd("deep.kg:101:6: error: type 'T100' is more than 100 levels below Thing: flatten the '<' chain\n 101 | type T100 < T99\n     |      ^~~~\n", "deep.kg:10000:6: error: type 'T9999' is more than 100 levels below Thing: flatten the '<' chain\n 10000 | type T9999 < T9998\n       |      ^~~~~\n9900 errors in 1 file\n")),
        loadKG("KG-22", "an unknown directive", "@prefix ex: <http://example.org/>", .exact("bad.kg:2:1: error: unknown directive '@prefix': the directives are @source and @nosource\n 2 | @prefix ex: <http://example.org/>\n   | ^~~~~~~\nnothing was loaded; the graph is as it was\n")),
        Entry(id: "KG-23", area: .knowledge, what: "'says' indented under another quote",
              files: ["bad.kg": file("@source art\nsays \"a\"\n  says \"b\"\n")], script: text(".load bad.kg\n"), status: 1, stderr: .exact("bad.kg:3:3: error: 'says' starts a quote block and must stand in column 1\n 3 |   says \"b\"\n   |   ^~~~\nnothing was loaded; the graph is as it was\n")),
        Entry(id: "KG-24", area: .knowledge, what: "a byte order mark before the first line loads",
              files: ["bom.kg": bytes([0xEF, 0xBB, 0xBF] + text("@source art\nincheon alias \"인천\"@ko\n"))], script: text(".load bom.kg\n"),
              status: 0, stderr: .exact(""), stdout: "loaded 1 file: 1 new fact, 0 new entities (14 facts in all)\n3 entities, 14 facts, 1 source, 24 terms, 2 files loaded\nfacts per predicate:\n  label        5\n  type         3\n  alias        2\n  budget       1\n  publishedAt  1\n  rank         1\n  won          1\n"),
        Entry(id: "KG-25", area: .knowledge, what: "binary data (a PNG header) as a .kg file",
              files: ["image.kg": bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00])], script: text(".load image.kg\n"),
              status: 1, stderr: .exact("image.kg:1:1: error: invalid UTF-8: byte 0x89 is not part of a valid sequence\n 1 | �PNG\n   | ^\nimage.kg:2:2: error: a fact is SUBJECT PREDICATE OBJECT; this line stops after the subject\n 2 | \u{1A}\n   |  ^\nimage.kg:3:3: error: a fact is SUBJECT PREDICATE OBJECT; this line stops after the subject\n 3 | \u{0}\u{0}\n   | ^\nnothing was loaded; the graph is as it was\n")),
        Entry(id: "KG-26", area: .knowledge, what: "a good file and a bad one in one load: neither enters",
              files: ["good.kg": file("@source art\nother type Organization\n"), "bad.kg": file("@source art\nother2 type Organisation\n")],
              script: text(".load good.kg bad.kg\n"), status: 1, stderr: .exact("bad.kg:2:13: error: unknown type 'Organisation' — did you mean 'Organization'?\n 2 | other2 type Organisation\n   |             ^~~~~~~~~~~~\nnothing was loaded; the graph is as it was\n")),
        Entry(id: "KG-27", area: .knowledge, what: "a file that does not exist",
              script: text(".load missing.kg\n"), status: 1, stderr: .exact("missing.kg: error: no such file or directory\nnothing was loaded; the graph is as it was\n")),
        Entry(id: "KG-28", area: .knowledge, what: "a directory with no .kg files",
              files: ["empty/readme.txt": file("nothing here\n")], script: text(".load empty\n"), status: 1, stderr: .exact("empty: error: no .kg files in this directory\nnothing was loaded; the graph is as it was\n")),
        Entry(id: "KG-29", area: .knowledge, what: "a named pipe instead of a file (no writer: must not hang)",
              script: text(".load pipe.kg\n"), fifos: ["pipe.kg"], status: 1, stderr: .exact("pipe.kg: error: cannot read the file\nnothing was loaded; the graph is as it was\n")),
    ]

    /// `.load NAME` of an RDF file with `content`.
    static func loadRDF(_ id: String, _ what: String, _ name: String, _ content: @escaping @Sendable () -> [UInt8], status: Int32 = 1,
                        _ stderr: Expected, stdout: String = "", then: String = "") -> Entry {
        Entry(id: id, area: .rdf, what: what, files: [name: content], script: text(".load \(name)\n" + then), status: status, stderr: stderr, stdout: stdout)
    }

    static let rdf: [Entry] = [
        loadRDF("RDF-01", "N-Triples: invalid UTF-8 in a literal", "bad.nt",
                bytes(text("<http://e/s> <http://e/p> \"caf") + [0xC3, 0x28] + text("\" .\n")), .exact("bad.nt:1:31: error: invalid UTF-8: the file must be UTF-8 text\n 1 | <http://e/s> <http://e/p> \"caf�(\" .\n   |                               ^\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-02", "N-Triples: a NUL byte between terms", "bad.nt",
                bytes(text("<http://e/s> <http://e/p>") + [0] + text(" <http://e/o> .\n")), .exact("bad.nt:1:26: error: expected an object: an IRI <…>, a blank node _:… or a literal \"…\", found U+0000\n 1 | <http://e/s> <http://e/p>\u{0} <http://e/o> .\n   |                          ^\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-03", "N-Triples: a triple without its final '.'", "bad.nt", file("<http://e/s> <http://e/p> <http://e/o>\n"), .exact("bad.nt:1:39: error: expected '.' to end the triple, found the end of the line\n 1 | <http://e/s> <http://e/p> <http://e/o>\n   |                                       ^\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-04", "N-Triples: a relative IRI", "bad.nt", file("<s> <http://e/p> <http://e/o> .\n"), .exact("bad.nt:1:1: error: relative IRI: N-Triples needs absolute IRIs such as <http://example.org/x>\n 1 | <s> <http://e/p> <http://e/o> .\n   | ^~~\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-05", "N-Triples: an unknown escape", "bad.nt", file("<http://e/s> <http://e/p> \"a\\qb\" .\n"), .exact("bad.nt:1:29: error: bad escape \\q: use \\t \\b \\n \\r \\f \\\" \\' \\\\ \\uXXXX or \\UXXXXXXXX\n 1 | <http://e/s> <http://e/p> \"a\\qb\" .\n   |                             ^~\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-06", "N-Triples: 300 bad lines (reading stops after 100 errors)", "bad.nt",
                { text((0..<300).map { "<http://e/s\($0)> <http://e/p> bad .\n" }.joined()) }, .startAndEnd("bad.nt:1:28: error: expected an object: an IRI <…>, a blank node _:… or a literal \"…\", found 'b'\n 1 | <http://e/s0> <http://e/p> bad .\n   |                            ^\n", "bad.nt:100:29: error: expected an object: an IRI <…>, a blank node _:… or a literal \"…\", found 'b'\n 100 | <http://e/s99> <http://e/p> bad .\n     |                             ^\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-07", "N-Triples: Turtle syntax in a .nt file", "bad.nt", file("@prefix e: <http://e/> .\ne:s e:p e:o .\n"), .exact("bad.nt:1:1: error: N-Triples has no directives (@prefix, @base): every IRI is written in full\n 1 | @prefix e: <http://e/> .\n   | ^\nbad.nt:2:1: error: expected a subject: an IRI <…> or a blank node _:…, found 'e'\n 2 | e:s e:p e:o .\n   | ^\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-08", "Turtle: a collection nested 10,000 deep", "deep.ttl",
                { text("<http://e/s> <http://e/p> " + repeated("(", 10_000) + "1" + repeated(")", 10_000) + " .\n") }, .exact("deep.ttl:1:1027: error: nesting too deep: more than 1000 levels of [ ] and ( ) inside each other\n 1 | …((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((…\n   |                                          ^\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-09", "Turtle: blank-node property lists nested 100,000 deep", "deep.ttl",
                { text("<http://e/s> <http://e/p> " + repeated("[ <http://e/p> ", 100_000) + "1" + repeated(" ]", 100_000) + " .\n") }, .exact("deep.ttl:1:15027: error: nesting too deep: more than 1000 levels of [ ] and ( ) inside each other\n 1 | …tp://e/p> [ <http://e/p> [ <http://e/p> [ <http://e/p> [ <http://e/p> [ <http://e/p> [ <http://e/p> [ <http://e/p> [ <http://e/p> [ <http://e/p> [ <http://e/p> …\n   |                                          ^\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-10", "Turtle: collections 1,000 deep (the limit) load", "deep.ttl",
                { text("<http://e/s> <http://e/p> " + repeated("(", 1_000) + "1" + repeated(")", 1_000) + " .\n") }, status: 0, .exact(""), stdout: "loaded 1 file: 2001 new facts, 1002 new entities (2014 facts in all)\n1005 entities, 2014 facts, 1 source, 1028 terms, 2 files loaded\nfacts per predicate:\n  http://www.w3.org/1999/02/22-rdf-syntax-ns#first  1000\n  http://www.w3.org/1999/02/22-rdf-syntax-ns#rest   1000\n  label                                             5\n  type                                              3\n  alias                                             1\n  budget                                            1\n  http://e/p                                        1\n  publishedAt                                       1\n  rank                                              1\n  won                                               1\n"),
        loadRDF("RDF-11", "Turtle: an undefined prefix", "bad.ttl", file("ex:s ex:p ex:o .\n"), .exact("bad.ttl:1:1: error: undefined prefix 'ex:': declare it first with @prefix ex: <…> .\n 1 | ex:s ex:p ex:o .\n   | ^~~\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-12", "Turtle: an unterminated long string", "bad.ttl", file("<http://e/s> <http://e/p> \"\"\"never closed .\n"), .exact("bad.ttl:1:27: error: unterminated string: the closing triple quote is missing\n 1 | <http://e/s> <http://e/p> \"\"\"never closed .\n   |                           ^~~~~~~~~~~~~~~~~\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-13", "Turtle: an integer beyond 64 bits is kept as text, with a warning", "big.ttl",
                file("<http://e/s> <http://e/p> 123456789012345678901234567890 .\n"), status: 0, .exact("big.ttl: warning: \"123456789012345678901234567890\" is an xsd:integer too large for 64 bits: kept as text\n"), stdout: "loaded 1 file: 1 new fact, 1 new entity (14 facts in all)\n┌────────────────────────────────┐\n│ v                              │\n├────────────────────────────────┤\n│ 123456789012345678901234567890 │\n└────────────────────────────────┘\n1 row\n4 entities, 14 facts, 1 source, 26 terms, 2 files loaded\nfacts per predicate:\n  label        5\n  type         3\n  alias        1\n  budget       1\n  http://e/p   1\n  publishedAt  1\n  rank         1\n  won          1\n",
                then: "find ?v where s p ?v, ?v is String\n"),
        loadRDF("RDF-14", "Turtle: an impossible xsd:date is kept as text, with a warning", "date.ttl",
                file("@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n<http://e/s> <http://e/p> \"2023-02-30\"^^xsd:date .\n"), status: 0, .exact("date.ttl: warning: \"2023-02-30\" is not an xsd:date of the calendar: kept as text\n"), stdout: "loaded 1 file: 1 new fact, 1 new entity (14 facts in all)\n┌────────────┐\n│ v          │\n├────────────┤\n│ 2023-02-30 │\n└────────────┘\n1 row\n4 entities, 14 facts, 1 source, 26 terms, 2 files loaded\nfacts per predicate:\n  label        5\n  type         3\n  alias        1\n  budget       1\n  http://e/p   1\n  publishedAt  1\n  rank         1\n  won          1\n",
                then: "find ?v where s p ?v, ?v is String\n"),
        loadRDF("RDF-15", "Turtle: a literal as a subject", "bad.ttl", file("\"s\" <http://e/p> <http://e/o> .\n"), .exact("bad.ttl:1:1: error: a literal cannot be a subject\n 1 | \"s\" <http://e/p> <http://e/o> .\n   | ^~~\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-16", "Turtle: a 1 MB line (one long literal) loads", "long.ttl",
                { text("<http://e/s> <http://e/p> \"" + repeated("x", 1_000_000) + "\" .\n") }, status: 0, .exact(""), stdout: "loaded 1 file: 1 new fact, 1 new entity (14 facts in all)\n4 entities, 14 facts, 1 source, 26 terms, 2 files loaded\nfacts per predicate:\n  label        5\n  type         3\n  alias        1\n  budget       1\n  http://e/p   1\n  publishedAt  1\n  rank         1\n  won          1\n"),
        loadRDF("RDF-17", "Turtle: binary data", "image.ttl", bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), .exact("image.ttl:1:1: error: invalid UTF-8: the file must be UTF-8 text\n 1 | �PNG\n   | ^\nnothing was loaded; the graph is as it was\n")),
        loadRDF("RDF-18", "Turtle: an empty file loads nothing", "empty.ttl", bytes([]), status: 0, .exact(""), stdout: "loaded 1 file: 0 new facts, 0 new entities (13 facts in all)\n3 entities, 13 facts, 1 source, 23 terms, 2 files loaded\nfacts per predicate:\n  label        5\n  type         3\n  alias        1\n  budget       1\n  publishedAt  1\n  rank         1\n  won          1\n"),
        loadRDF("RDF-19", "N-Triples: an unknown datatype, a day that does not exist and an integer past 64 bits load as text, each with a warning at its place", "odd.nt",
                file("<http://e/s> <http://e/p> \"POINT(1 2)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral> .\n<http://e/s> <http://e/p> \"2023-02-30\"^^<http://www.w3.org/2001/XMLSchema#date> .\n<http://e/s> <http://e/q> \"POINT(3 4)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral> .\n<http://e/s> <http://e/p> \"99999999999999999999\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"), status: 0,
                .exact("odd.nt:1:27: warning: \"POINT(1 2)\" has the datatype <http://www.opengis.net/ont/geosparql#wktLiteral>, which kgsh has no kind for: kept as text (and 1 more like it)\n 1 | <http://e/s> <http://e/p> \"POINT(1 2)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral> .\n   |                           ^\nodd.nt:2:27: warning: \"2023-02-30\" is not an xsd:date of the calendar: kept as text\n 2 | <http://e/s> <http://e/p> \"2023-02-30\"^^<http://www.w3.org/2001/XMLSchema#date> .\n   |                           ^\nodd.nt:4:27: warning: \"99999999999999999999\" is an xsd:integer too large for 64 bits: kept as text\n 4 | <http://e/s> <http://e/p> \"99999999999999999999\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n   |                           ^\n"),
                stdout: "loaded 1 file: 4 new facts, 1 new entity (17 facts in all)\n4 entities, 17 facts, 1 source, 30 terms, 2 files loaded\nfacts per predicate:\n  label        5\n  http://e/p   3\n  type         3\n  alias        1\n  budget       1\n  http://e/q   1\n  publishedAt  1\n  rank         1\n  won          1\n"),
    ]

    static func query(_ id: String, _ what: String, _ script: String, status: Int32 = 1, graph: Graph = .tiny, files: [String: @Sendable () -> [UInt8]] = [:],
                      _ stderr: Expected, stdout: String = "") -> Entry {
        Entry(id: id, area: .query, what: what, files: files, script: text(script + "\n"), graph: graph, status: status, stderr: stderr, stdout: stdout)
    }

    static let queries: [Entry] = [
        query("Q-01", "10,000 nested braces", "?x won ?y, " + repeated("{", 10_000) + "?a won ?b" + repeated("}", 10_000), .exact("bad.kq:1:212: error: nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule\n 1 | …{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{…\n   |                                          ^\n")),
        query("Q-02", "100,000 nested parentheses in a path", "?x " + repeated("(", 100_000) + "won" + repeated(")", 100_000) + " ?y", .exact("bad.kq:1:204: error: nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule\n 1 | …((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((…\n   |                                          ^\n")),
        query("Q-03", "10,000 nested not { }", "?x won ?y, " + repeated("not { ", 10_000) + "?a won ?b" + repeated(" }", 10_000), .exact("bad.kq:1:1216: error: nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule\n 1 | …not { not { not { not { not { not { not { not { not { not { not { not { not { not { not { not { not { not { not { not { not { not { not { not { not { not { not …\n   |                                          ^\n")),
        query("Q-04", "a chain of 100,000 ^ in a path", "?x " + repeated("^", 100_000) + "won ?y", .exact("bad.kq:1:204: error: nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule\n 1 | …^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^…\n   |                                          ^\n")),
        query("Q-05", "10,000 nested str( )", "?x label ?l, " + repeated("str(", 10_000) + "?l" + repeated(")", 10_000) + " = \"a\"", .exact("bad.kq:1:814: error: nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule\n 1 | …str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(str(…\n   |                                          ^~~\n")),
        query("Q-06", "a 1 MB line of patterns (over 1,000 patterns)", Array(repeating: "?a won ?b", count: 100_000).joined(separator: ", "), .exact("bad.kq:1:11001: error: more than 1000 patterns in one statement: split it, or name a part with a rule\n 1 | …on ?b, ?a won ?b, ?a won ?b, ?a won ?b, ?a won ?b, ?a won ?b, ?a won ?b, ?a won ?b, ?a won ?b, ?a won ?b, ?a won ?b, ?a won ?b, ?a won ?b, ?a won ?b, ?a won ?b,…\n   |                                          ^~\n")),
        query("Q-07", "a 1 MB string in a pattern", "?x label \"" + repeated("가", 350_000) + "\"", status: 0, .exact(""),
              stdout: "┌───┐\n│ x │\n├───┤\n└───┘\n0 rows\n"),
        query("Q-08", "a sequence path of 10,000 steps, each with *", "incheon " + Array(repeating: "won*", count: 10_000).joined(separator: "/") + " ?y", status: 0,
              .exact(""), stdout: "┌────────────┐\n│ y          │\n├────────────┤\n│ 인천광역시 │\n│ 최우수기관 │\n└────────────┘\n2 rows\n"),
        query("Q-09", "a NUL byte in a statement", "?x won\u{0} ?y", .exact("bad.kq:1:7: error: unexpected character U+0000: remove this invisible character\n 1 | ?x won\u{0} ?y\n   |       ^\n")),
        query("Q-10", "an escape character (U+001B) in a statement", "?x won \u{1B}[31m ?y", .exact("bad.kq:1:8: error: unexpected character U+001B: remove this invisible character\n 1 | ?x won \u{1B}[31m ?y\n   |        ^\n")),
        query("Q-11", "an integer that overflows 64 bits", "?x rank 99999999999999999999", .exact("bad.kq:1:9: error: number '99999999999999999999' does not fit in 64 bits\n 1 | ?x rank 99999999999999999999\n   |         ^~~~~~~~~~~~~~~~~~~~\n")),
        query("Q-12", "money that overflows 64 bits", "?x budget ?b, ?b > 10000000조원", .exact("bad.kq:1:20: error: money amount '10000000조원' does not fit in 64 bits\n 1 | ?x budget ?b, ?b > 10000000조원\n   |                    ^~~~~~~~~~~~\n")),
        query("Q-13", "an impossible date", "?a publishedAt ?t, ?t > 2023-02-30", .exact("bad.kq:1:25: error: no such date '2023-02-30': February 2023 has 28 days\n 1 | ?a publishedAt ?t, ?t > 2023-02-30\n   |                         ^~~~~~~~~~\n")),
        query("Q-14", "a limit beyond 2³¹−1", "?x won ?y limit 99999999999", .exact("bad.kq:1:17: error: expected a whole number after 'limit', found '99999999999'\n 1 | ?x won ?y limit 99999999999\n   |                 ^~~~~~~~~~~\n")),
        query("Q-15", "an unterminated string", "?x label \"인천", .exact("bad.kq:1:10: error: unterminated string: add the closing \"\n 1 | ?x label \"인천\n   |          ^~~~~\n")),
        query("Q-16", "an unknown escape in a string", "?x label \"a\\qb\"", .exact("bad.kq:1:12: error: unknown escape '\\q' in a string: use \\n \\t \\\\ \\\" or \\' — for a backslash and then q, write \\\\q\n 1 | ?x label \"a\\qb\"\n   |            ^~\n")),
        query("Q-17", "rules that cannot be stratified (p negates q, then q is made to call p)",
              "rule q(?x) :- ?x type Organization\nrule p(?x) :- ?x type Organization, not { q(?x) }\nrule q(?x) :- p(?x)", .exact("bad.kq:3:6: error: rules cannot be stratified: 'p' depends on the negation of 'q', which depends on 'p' — negation may only use rules defined without it\n 3 | rule q(?x) :- p(?x)\n   |      ^\n"),
              stdout: "rule q/1 defined\nrule p/1 defined\n"),
        query("Q-18", "a path between unconnected entities", "path art to incheon", status: 0, .exact(""), stdout: "no connection between 시험 기사 and 인천광역시 within 6 steps\n"),
        query("Q-19", "path … max beyond 2³¹−1", "path art to incheon max 2147483648", .exact("bad.kq:1:25: error: expected a whole number after 'max', found '2147483648'\n 1 | path art to incheon max 2147483648\n   |                         ^~~~~~~~~~\n")),
        query("Q-20", "a path 20,000 steps long", ".load chain.nt\npath n0 to n20000 max 2147483647", status: 0,
              files: ["chain.nt": { text((0..<20_000).map { "<http://e/n\($0)> <http://e/next> <http://e/n\($0 + 1)> .\n" }.joined()) }],
              .exact(""), stdout: chainPath + "\n20004 entities, 20013 facts, 1 source, 20025 terms, 2 files loaded\nfacts per predicate:\n  http://e/next  20000\n  label          5\n  type           3\n  alias          1\n  budget         1\n  publishedAt    1\n  rank           1\n  won            1\n"),
        query("Q-21", "more result rows than .limit rows", ".limit rows 1\n?x type Thing", .exact("bad.kq:2: error: the result has more than 1 row: add 'limit N', or raise the limit with .limit rows N\n")),
        query("Q-22", "more intermediate rows than .limit memory", ".limit memory 10\n?a ?p ?b, ?c ?q ?d", .exact("bad.kq:2: error: the query needs more than 10 intermediate rows: make the pattern more selective, or raise .limit memory N\n")),
        query("Q-23", "a runaway query under .limit time", ".limit time 0.2\n?a ?p ?b, ?c ?q ?d, ?e ?r ?f", graph: .seed, .exact("bad.kq:2: error: the query ran longer than 0.2 s: make it more selective, or raise .limit time N\n")),
        query("Q-24", "a regular expression that repeats a repetition", "?x label ?l, ?l matches \"^(.*)*x$\"", .exact("bad.kq:1:25: error: unsafe regular expression: a repetition inside a repetition, such as (a+)* or (.*)+, can take exponential time: rewrite it with one repetition\n 1 | ?x label ?l, ?l matches \"^(.*)*x$\"\n   |                         ^~~~~~~~~~\n")),
        query("Q-25", "a malformed regular expression", "?x label ?l, ?l matches \"(\"", .exact("bad.kq:1:25: error: bad regular expression: expected ')'\n 1 | ?x label ?l, ?l matches \"(\"\n   |                         ^~~\n")),
        query("Q-26", "a lone '?'", "? won ?y", .exact("bad.kq:1:1: error: expected a variable name after '?', as in ?org\n 1 | ? won ?y\n   | ^\n")),
        query("Q-27", "a stray closing brace", "} ?x won ?y", .exact("bad.kq:1:1: error: expected a pattern such as '?org won ?award', found '}'\n 1 | } ?x won ?y\n   | ^\n")),
        query("Q-28", "find without where", "find ?x ?x won ?y", .exact("bad.kq:1:9: error: expected 'where' and a pattern after the columns of 'find', found '?x'\n 1 | find ?x ?x won ?y\n   |         ^~\n")),
        query("Q-29", "a rule call with the wrong number of arguments", "rule r(?x) :- ?x won ?y\nr(?a, ?b)", .exact("bad.kq:2:1: error: rule 'r' takes 1 argument, not 2\n 2 | r(?a, ?b)\n   | ^~~~~~~~~\n"), stdout: "rule r/1 defined\n"),
        query("Q-30", "a script with a byte order mark runs", "\u{FEFF}incheon won ?y", status: 0, .exact(""), stdout: "┌────────────┐\n│ y          │\n├────────────┤\n│ 최우수기관 │\n└────────────┘\n1 row\n"),
        query("Q-31", "a number, a comma and two digits at the end of a statement (found by fuzzing: it crashed the lexer)", "?x rank 1,00",
              .exact("bad.kq:1:13: error: a pattern is SUBJECT PREDICATE OBJECT; expected a predicate after '0'\n 1 | ?x rank 1,00\n   |             ^\n")),
    ]

    static func dot(_ id: String, _ what: String, _ script: String, status: Int32 = 1, files: [String: @Sendable () -> [UInt8]] = [:], fifos: [String] = [],
                    _ stderr: Expected, stdout: String = "") -> Entry {
        Entry(id: id, area: .dot, what: what, files: files, script: text(script + "\n"), fifos: fifos, status: status, stderr: stderr, stdout: stdout)
    }

    static let dotCommands: [Entry] = [
        dot("D-01", "an unknown command", ".lode tiny.kg", .exact("bad.kq:1:1: error: unknown command '.lode' — did you mean '.mode'? (.help lists them)\n 1 | .lode tiny.kg\n   | ^~~~~\n")),
        dot("D-02", "an ambiguous prefix", ".h", .exact("bad.kq:1:1: error: '.h' could be .help, .headers, .history: type more of it\n 1 | .h\n   | ^~\n")),
        dot("D-03", "an unknown mode", ".mode xml", .exact("bad.kq:1:7: error: expected one of table, csv, tsv, json, jsonl, markdown (see .help mode)\n 1 | .mode xml\n   |       ^~~\n")),
        dot("D-04", ".limit rows 0", ".limit rows 0", .exact("bad.kq:1:13: error: expected a positive whole number (see .help limit)\n 1 | .limit rows 0\n   |             ^\n")),
        dot("D-05", ".limit rows beyond 64 bits", ".limit rows 99999999999999999999999", .exact("bad.kq:1:13: error: expected a positive whole number (see .help limit)\n 1 | .limit rows 99999999999999999999999\n   |             ^~~~~~~~~~~~~~~~~~~~~~~\n")),
        dot("D-06", ".limit time negative", ".limit time -1", .exact("bad.kq:1:13: error: expected seconds, such as 2.5, or off (see .help limit)\n 1 | .limit time -1\n   |             ^~\n")),
        dot("D-07", ".limit of something unknown", ".limit speed 3", .exact("bad.kq:1:8: error: expected rows, memory or time (see .help limit)\n 1 | .limit speed 3\n   |        ^~~~~\n")),
        dot("D-08", "a .read cycle (a.kq reads b.kq reads a.kq)", ".read a.kq",
            files: ["a.kq": file(".read b.kq\n"), "b.kq": file(".read a.kq\n")], .exact("b.kq:1:7: error: '.read' cycle: a.kq → b.kq → a.kq\n 1 | .read a.kq\n   |       ^~~~\n")),
        dot("D-09", ".read 17 scripts deep", ".read r1.kq",
            files: Dictionary(uniqueKeysWithValues: (1...17).map { i in ("r\(i).kq", file(i < 17 ? ".read r\(i + 1).kq\n" : "show prize\n")) }), .exact("r16.kq:1:7: error: scripts nest deeper than 16 levels of .read\n 1 | .read r17.kq\n   |       ^~~~~~\n")),
        dot("D-10", ".read a file that does not exist", ".read missing.kq", .exact("bad.kq:1:7: error: cannot read 'missing.kq': no such file or not readable\n 1 | .read missing.kq\n   |       ^~~~~~~~~~\n")),
        dot("D-11", ".read a file that is not UTF-8", ".read latin1.kq", files: ["latin1.kq": bytes(text("show caf") + [0xE9] + text("\n"))], .exact("bad.kq:1:7: error: cannot read 'latin1.kq': it is not valid UTF-8\n 1 | .read latin1.kq\n   |       ^~~~~~~~~\n")),
        dot("D-12", ".read a named pipe (must not hang)", ".read pipe.kq", fifos: ["pipe.kq"], .exact("bad.kq:1:7: error: cannot read 'pipe.kq': no such file or not readable\n 1 | .read pipe.kq\n   |       ^~~~~~~\n")),
        dot("D-13", ".read a path with a NUL byte in it", ".read \"/etc/hostname\u{0}/../../x.kq\"", .exact("bad.kq:1:7: error: a file name cannot contain a NUL character (U+0000)\n 1 | .read \"/etc/hostname\u{0}/../../x.kq\"\n   |       ^~~~~~~~~~~~~~~~~~~~~~~~\n")),
        dot("D-14", ".load with an unterminated quote", ".load \"tiny.kg", .exact("bad.kq:1:7: error: unterminated quote: add the closing one\n 1 | .load \"tiny.kg\n   |       ^~~~~~~~\n")),
        dot("D-15", ".output into a missing directory", ".output no/such/dir/out.txt", .exact("bad.kq:1:9: error: cannot write 'no/such/dir/out.txt': no such directory 'no/such/dir'\n 1 | .output no/such/dir/out.txt\n   |         ^~~~~~~~~~~~~~~~~~~\n")),
        dot("D-16", ".once with two files", ".once a.txt b.txt", .exact("bad.kq:1:13: error: expected one file name (see .help once)\n 1 | .once a.txt b.txt\n   |             ^~~~~\n")),
        dot("D-17", "export to an unwritable place", "export all as ttl to /proc/kgsh.ttl", .exact("bad.kq:1:22: error: cannot write '/proc/kgsh.ttl': No such file or directory\n 1 | export all as ttl to /proc/kgsh.ttl\n   |                      ^~~~~~~~~~~~~~\n")),
        dot("D-18", "export onto a directory", "export all as ttl to .", .exact("bad.kq:1:22: error: cannot write '.': Is a directory\n 1 | export all as ttl to .\n   |                      ^\n")),
        dot("D-19", "export into a missing directory", "export all as nt to no/such/dir/x.nt", .exact("bad.kq:1:21: error: cannot write 'no/such/dir/x.nt': no such directory 'no/such/dir'\n 1 | export all as nt to no/such/dir/x.nt\n   |                     ^~~~~~~~~~~~~~~~\n")),
        dot("D-20", "export in an unknown format", "export all as xml to x.xml", .exact("bad.kq:1:15: error: unknown export format 'xml': use one of kg, nt, ttl, dot, graphml, json, mermaid, csv, png, svg\n 1 | export all as xml to x.xml\n   |               ^~~\n")),
        dot("D-21", ".lang in an unknown language", ".lang fr", .exact("bad.kq:1:7: error: expected ko or en (see .help lang)\n 1 | .lang fr\n   |       ^~\n")),
        dot("D-22", ".schema of an unknown type", ".schema Organisation", .exact("bad.kq:1:9: error: unknown type 'Organisation' — did you mean 'Organization'?\n 1 | .schema Organisation\n   |         ^~~~~~~~~~~~\n")),
        dot("D-23", ".timer with neither on nor off", ".timer maybe", .exact("bad.kq:1:8: error: expected on or off (see .help timer)\n 1 | .timer maybe\n   |        ^~~~~\n")),
    ]

    static func flag(_ id: String, _ what: String, _ arguments: [String], input: [UInt8]? = nil, status: Int32 = 2,
                     files: [String: @Sendable () -> [UInt8]] = [:], fifos: [String] = [], _ stderr: Expected, stdout: String = "") -> Entry {
        Entry(id: id, area: .flags, what: what, files: files, arguments: arguments, input: input, fifos: fifos, status: status, stderr: stderr, stdout: stdout)
    }

    static let flags: [Entry] = [
        flag("F-01", "--lang in an unknown language", ["--kb", "tiny.kg", "--lang", "fr", "-c", "show prize"], .startAndEnd("Error: --lang takes ko or en, not 'fr'\n", "  See 'kgsh --help' for more information.\n")),
        flag("F-02", "--format in an unknown format", ["--kb", "tiny.kg", "--format", "xml", "-c", "show prize"], .startAndEnd("Error: --format takes table, csv, tsv, json, jsonl, markdown, not 'xml'\n", "  See 'kgsh --help' for more information.\n")),
        flag("F-03", "an unknown flag", ["--kb", "tiny.kg", "--no-such-flag"], .startAndEnd("Error: Unknown option '--no-such-flag'\n", "  See 'kgsh --help' for more information.\n")),
        flag("F-04", "-c without its statements", ["--kb", "tiny.kg", "-c"], .startAndEnd("Error: Missing value for '-c <STATEMENTS>'\n", "  See 'kgsh --help' for more information.\n")),
        flag("F-05", "--kb of a file that does not exist", ["--kb", "missing.kg", "-c", "show prize"], .exact("missing.kg: error: no such file or directory\nkgsh: the knowledge did not load; nothing was loaded\n")),
        flag("F-06", "--kb of a file with an error", ["--kb", "bad.kg", "-c", "show prize"], files: ["bad.kg": file("@source art\nart type Article\nart won art\n")], .exact("bad.kg:1:9: error: dangling reference: no entity 'art' is declared (declare it with 'art type TYPE')\n 1 | @source art\n   |         ^~~\nbad.kg:2:10: error: unknown type 'Article'\n 2 | art type Article\n   |          ^~~~~~~\nkgsh: the knowledge did not load; nothing was loaded\n")),
        flag("F-07", "--kb of a named pipe (must not hang)", ["--kb", "pipe.kg", "-c", "show prize"], fifos: ["pipe.kg"], .exact("pipe.kg: error: cannot read the file\nkgsh: the knowledge did not load; nothing was loaded\n")),
        flag("F-08", "-f of a script that does not exist", ["--kb", "tiny.kg", "-f", "missing.kq"], .exact("kgsh: cannot read script 'missing.kq': no such file, or not UTF-8 text\n")),
        flag("F-09", "-f of a script that is not UTF-8", ["--kb", "tiny.kg", "-f", "latin1.kq"], files: ["latin1.kq": bytes(text("show caf") + [0xE9] + text("\n"))], .exact("kgsh: cannot read script 'latin1.kq': no such file, or not UTF-8 text\n")),
        flag("F-10", "standard input that is not UTF-8", ["--kb", "tiny.kg"], input: text("show caf") + [0xE9] + text("\n"), .exact("kgsh: standard input is not valid UTF-8\n")),
        flag("F-11", "kgsh check of a directory with no .kg files", ["check", "empty"], files: ["empty/readme.txt": file("x\n")], .exact("empty: error: no .kg files in this directory\n1 error in 1 file\n")),
        flag("F-12", "kgsh check of binary data", ["check", "image.kg"], files: ["image.kg": bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])], .exact("image.kg:1:1: error: invalid UTF-8: byte 0x89 is not part of a valid sequence\n 1 | �PNG\n   | ^\nimage.kg:2:2: error: a fact is SUBJECT PREDICATE OBJECT; this line stops after the subject\n 2 | \u{1A}\n   |  ^\n2 errors in 1 file\n")),
    ]
}
