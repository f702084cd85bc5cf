import Foundation
import KGModel
import KGShell
import Testing

/// The shell's parts one at a time: completion, history, the continuation rule, and the
/// command-line flags that change how the binary runs (`--safe`, `--keep-going`, `-f`, `--format`,
/// colour, completion scripts, `--init`).

/// A fresh directory under the temporary directory, removed by the caller.
func shellTemporaryDirectory(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "kgsh-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    // Resolve /tmp → /private/tmp and the like, so that paths compare as the binary sees them.
    return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
}

/// The text of `tinyStore()` as a `.kg` file, for runs of the binary.
let tinyKnowledgeText = """
    type Organization "조직"@ko "Organization"@en
    type Award "수상"@ko "Award"@en
    type Article "기사"@ko "Article"@en
    predicate won : Organization -> Award inverse awardedTo "수상"@ko "won"@en
    predicate rank : Award -> Integer "순위"@ko "rank"@en
    predicate budget : Thing -> Money "예산"@ko "budget"@en
    predicate publishedAt : Article -> DateTime "게재"@ko "published at"@en
    @source art
    art type Article
    art label "시험 기사"@ko
    art publishedAt 2022-02-10T17:34
    says "인천광역시는 최우수기관으로 선정됐다."
      incheon type Organization
      prize type Award
      incheon won prize
      prize rank 1
    incheon label "인천광역시"@ko
    incheon label "Incheon Metropolitan City"@en
    incheon alias "인천시"@ko
    prize label "최우수기관"@ko
    prize label "Top institution"@en
    prize budget 13억원

    """

// MARK: - Completion

@Suite("Completer")
struct ShellUnitCompleterTests {
    func texts(_ cs: [Completer.Candidate]) -> [String] { cs.map(\.text) }
    func pairs(_ cs: [Completer.Candidate]) -> [String] { cs.map { "\($0.text) | \($0.note)" } }

    @Test("keywords, predicates (with inverses) and types share the word; keywords only for a non-empty word")
    func keywordsAndPredicates() throws {
        let c = Completer(session: Session(store: try tinyStore()))
        #expect(pairs(c.candidates(line: "?x wo", word: "wo")) == ["won | predicate"])
        #expect(pairs(c.candidates(line: "?x aw", word: "aw")) == ["Award | type", "awardedTo | predicate, inverse of won"])
        #expect(pairs(c.candidates(line: "find ?x where ?x won ?a ord", word: "ord")) == ["order | keyword"])
        #expect(pairs(c.candidates(line: "?x won ?a, ?a rank ?r or", word: "or")) == ["Organization | type", "or | keyword", "order | keyword"])
        #expect(pairs(c.candidates(line: "ex", word: "ex")) == ["explain | keyword"])
        #expect(pairs(c.candidates(line: "fi", word: "fi")) == ["find | keyword"])
    }

    @Test("dot-commands at the start of a line, in .help order")
    func dotCommands() throws {
        let c = Completer(session: Session(store: try tinyStore()))
        #expect(pairs(c.candidates(line: ".h", word: ".h")) == [".help | command", ".headers | command", ".history | command"])
        #expect(texts(c.candidates(line: ".", word: ".")) == [
            ".help", ".load", ".read", ".mode", ".output", ".once", ".lang", ".ids", ".headers", ".timer", ".limit",
            ".prefix", ".schema", ".stats", ".sources", ".history", ".connect", ".disconnect", ".quit",
        ])
        #expect(texts(c.candidates(line: ".zz", word: ".zz")) == [])
    }

    @Test("arguments of .mode, .lang, .help, .schema and the on/off settings")
    func commandArguments() throws {
        let c = Completer(session: Session(store: try tinyStore()))
        #expect(pairs(c.candidates(line: ".mode ", word: "")) == [
            "table | mode", "csv | mode", "tsv | mode", "json | mode", "jsonl | mode", "markdown | mode",
        ])
        #expect(texts(c.candidates(line: ".mode js", word: "js")) == ["json", "jsonl"])
        #expect(pairs(c.candidates(line: ".lang ", word: "")) == ["ko | language", "en | language"])
        #expect(pairs(c.candidates(line: ".help sc", word: "sc")) == ["schema | command"])
        #expect(pairs(c.candidates(line: ".schema Aw", word: "Aw")) == ["Award | type"])
        #expect(texts(c.candidates(line: ".timer o", word: "o")) == ["on", "off"])
        #expect(texts(c.candidates(line: ".headers of", word: "of")) == ["off"])
        #expect(texts(c.candidates(line: ".stats ", word: "")) == [])
    }

    @Test("types after type and is, by name with case ignored")
    func types() throws {
        let c = Completer(session: Session(store: seedStore))
        #expect(pairs(c.candidates(line: "?x type Ag", word: "Ag")) == ["Agency | type"])
        #expect(pairs(c.candidates(line: "?x is gov", word: "gov")) == ["GovernmentBody | type"])
        #expect(texts(c.candidates(line: "?x type M", word: "M")).sorted() == ["MetropolitanGovernment", "Ministry"])
    }

    @Test("Hangul prefix 인천: every label and alias that starts with it, noted with id and type; names with spaces only after show or a quote")
    func hangulEntities() throws {
        let c = Completer(session: Session(store: seedStore))
        let bare = c.candidates(line: "?x operates 인천", word: "인천")
        #expect(pairs(bare) == [
            "인천 | incheon, MetropolitanGovernment",
            "인천경제자유구역청 | ifez, GovernmentBody",
            "인천경제청 | ifez, GovernmentBody",
            "인천광역시 | incheon, MetropolitanGovernment",
            "인천스타트업파크 | incheon-startup-park, Facility",
            "인천시 | incheon, MetropolitanGovernment",
            "인천테크노파크 | incheon-technopark, Agency",
        ])
        #expect(Completer.commonPrefix(bare) == "인천")

        let shown = c.candidates(line: "show 인천", word: "인천")
        #expect(texts(shown) == [
            "인천",
            "인천 스타트업 파크",
            "인천 스타트업 파크 트라이아웃",
            "인천경제자유구역청",
            "인천경제청",
            "인천광역시",
            "인천광역시 2022년 최우수기관 선정",
            "인천광역시 2023년 지방자치단체 혁신평가 최우수기관 선정",
            "인천스타트업파크",
            "인천스타트업파크 홈페이지",
            "인천시",
            "인천테크노파크",
            "인천테크노파크 홈페이지",
        ])
        #expect(shown.first { $0.text == "인천 스타트업 파크 트라이아웃" }?.note == "tryout, Program")

        // (Quoted candidates sort by their text with the closing quote, so the longer name comes first.)
        let quoted = c.candidates(line: "?x operates \"인천 스", word: "\"인천 스")
        #expect(Set(pairs(quoted)) == [
            "\"인천 스타트업 파크\" | incheon-startup-park, Facility",
            "\"인천 스타트업 파크 트라이아웃\" | tryout, Program",
        ])

        let ifez = c.candidates(line: "show 인천경제", word: "인천경제")
        #expect(Completer.commonPrefix(ifez) == "인천경제")
        #expect(pairs(c.candidates(line: "show 인천경제자", word: "인천경제자")) == ["인천경제자유구역청 | ifez, GovernmentBody"])
    }

    @Test("an id offered as itself is noted with its type only; names are matched with Latin case folded")
    func ids() throws {
        let c = Completer(session: Session(store: seedStore))
        #expect(pairs(c.candidates(line: "show award-incheon-20", word: "award-incheon-20")) == [
            "award-incheon-2022 | Award", "award-incheon-2023 | Award",
        ])
        // An id and an alias that differ only in case are one name: the alias is offered.
        #expect(pairs(c.candidates(line: "show ifez", word: "ifez")) == ["IFEZ | ifez, GovernmentBody"])
        #expect(pairs(c.candidates(line: "show tryou", word: "tryou")) == ["TRYOUT | tryout, Program"])
    }

    @Test("variables already in the line, each once, not the word itself")
    func variables() throws {
        let c = Completer(session: Session(store: try tinyStore()))
        let line = "find ?org, ?award where ?org won ?award, ?award rank ?r, ?a"
        #expect(pairs(c.candidates(line: line, word: "?a")) == ["?award | variable"])
        #expect(texts(c.candidates(line: "?org won ?award, ?", word: "?")) == ["?org", "?award"])
        #expect(texts(c.candidates(line: "?x won ?y, ?z", word: "?z")) == [])
    }

    @Test("file names after .load, .read, .output, .once and export … to; directories end in /, hidden files only when asked")
    func files() throws {
        let dir = try shellTemporaryDirectory("complete")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["tiny.kg", "tools.kq", ".hidden.kg", "other.txt"] {
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data())
        }
        try FileManager.default.createDirectory(atPath: dir + "/tables", withIntermediateDirectories: true)
        let c = Completer(session: Session(store: try tinyStore()))
        #expect(pairs(c.candidates(line: ".load \(dir)/t", word: "\(dir)/t")) == [
            "\(dir)/tables/ | directory", "\(dir)/tiny.kg | file", "\(dir)/tools.kq | file",
        ])
        #expect(texts(c.candidates(line: ".read \(dir)/to", word: "\(dir)/to")) == ["\(dir)/tools.kq"])
        #expect(texts(c.candidates(line: ".load \(dir)/", word: "\(dir)/")) == [
            "\(dir)/other.txt", "\(dir)/tables/", "\(dir)/tiny.kg", "\(dir)/tools.kq",
        ])
        #expect(texts(c.candidates(line: ".load \(dir)/.h", word: "\(dir)/.h")) == ["\(dir)/.hidden.kg"])
        #expect(texts(c.candidates(line: ".output \(dir)/o", word: "\(dir)/o")) == ["\(dir)/other.txt"])
        #expect(texts(c.candidates(line: ".once \(dir)/o", word: "\(dir)/o")) == ["\(dir)/other.txt"])
        #expect(texts(c.candidates(line: "export all as dot to \(dir)/ti", word: "\(dir)/ti")) == ["\(dir)/tiny.kg"])
        #expect(texts(c.candidates(line: ".load /no/such/dir/x", word: "/no/such/dir/x")) == [])
    }

    @Test("the word being completed: a whole path where a file name goes (the line editor splits there), else '/' ends it as in paths")
    func wordBreaks() {
        let path = " \t\n"
        #expect(Completer.wordBreaks(line: ".read sub/a") == path)
        #expect(Completer.wordBreaks(line: ".load ") == path)
        #expect(Completer.wordBreaks(line: ".output out/x") == path)
        #expect(Completer.wordBreaks(line: ".once /tmp/") == path)
        #expect(Completer.wordBreaks(line: "export around 대구시 depth 2 as ttl to out/da") == path)
        #expect(Completer.wordBreaks(line: ".load") == Completer.statementWordBreaks, "the command's own name")
        #expect(Completer.wordBreaks(line: "?a won/awar") == Completer.statementWordBreaks)
        #expect(Completer.wordBreaks(line: "path 인천시 to 대") == Completer.statementWordBreaks, "'to' of path is not a file")
        #expect(Completer.statementWordBreaks.contains("/"))
    }

    @Test("commonPrefix: what the first Tab inserts")
    func commonPrefix() throws {
        let c = Completer(session: Session(store: try tinyStore()))
        #expect(Completer.commonPrefix(c.candidates(line: ".he", word: ".he")) == ".he")
        #expect(Completer.commonPrefix(c.candidates(line: ".hea", word: ".hea")) == ".headers")
        #expect(Completer.commonPrefix(c.candidates(line: ".mode js", word: "js")) == "json")
        #expect(Completer.commonPrefix(c.candidates(line: ".mode ", word: "")) == "")
        #expect(Completer.commonPrefix([]) == "")
    }
}

// MARK: - History

@Suite("History")
struct ShellUnitHistoryTests {
    @Test("a statement repeating the last one is not added; blank ones never are; entries are trimmed")
    func dedupe() {
        var h = History(path: "/unused")
        for s in ["show a", "show a", "  show a\t", "show b", "", "   ", "show a"] { h.add(s) }
        #expect(h.entries == ["show a", "show b", "show a"])
    }

    @Test("at most 2,000 entries are kept, the newest")
    func cap() {
        #expect(History.capacity == 2000)
        var h = History(path: "/unused")
        for i in 0..<2005 { h.add("show \(i)") }
        #expect(h.entries.count == 2000)
        #expect(h.entries.first == "show 5")
        #expect(h.entries.last == "show 2004")
        let loaded = History(path: "/unused", entries: (0..<2500).map { "s\($0)" })
        #expect(loaded.entries.count == 2000)
        #expect(loaded.entries.first == "s500")
    }

    @Test("multi-line entries and backslashes survive save and load; the file has one entry a line")
    func roundTrip() throws {
        let dir = try shellTemporaryDirectory("history")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/state/kgsh/history"
        var h = History(path: path)
        let entries = ["find ?o where {\n?a awardedTo ?o }", #"?x label "a\nb""#, "ends in a backslash \\", "show 인천시", "two\n\nblank lines"]
        for e in entries { h.add(e) }
        try h.save()
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(file == #"""
            find ?o where {\n?a awardedTo ?o }
            ?x label "a\\nb"
            ends in a backslash \\
            show 인천시
            two\n\nblank lines

            """#)
        let (back, warning) = History.load(path: path)
        #expect(warning == nil)
        #expect(back.entries == entries)
        #expect(back.path == path)
    }

    @Test("an entry ending in a carriage return does not merge with the next one")
    func carriageReturn() throws {
        let dir = try shellTemporaryDirectory("history-cr")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var h = History(path: dir + "/history")
        h.add("show a\r")
        h.add("show b")
        try h.save()
        #expect(History.load(path: dir + "/history").0.entries == ["show a\r", "show b"])
    }

    @Test("a missing file is an empty history; damaged (non-UTF-8) lines are reported and skipped, the others kept")
    func damaged() throws {
        let dir = try shellTemporaryDirectory("history-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (missing, none) = History.load(path: dir + "/none")
        #expect(missing.entries == [])
        #expect(none == nil)
        let path = dir + "/history"
        _ = FileManager.default.createFile(atPath: path, contents: Data([0x73, 0x68, 0x6F, 0x77, 0x20, 0xFF, 0xFE, 0x0A]))
        let (h, warning) = History.load(path: path)
        #expect(h.entries == [])
        #expect(warning == "kgsh: the history file \(path) is damaged: line 1 is not valid UTF-8; skipped")
        // One bad byte does not cost the rest of the history.
        _ = FileManager.default.createFile(atPath: path, contents: Data(Array("show a\nshow ".utf8) + [0xC3, 0x0A] + Array("show b\n\0\n".utf8) + [0xED, 0xA0, 0x80, 0x0A]))
        let (kept, several) = History.load(path: path)
        #expect(kept.entries == ["show a", "show b", "\0"])
        #expect(several == "kgsh: the history file \(path) is damaged: 2 lines (the first is line 2) are not valid UTF-8; skipped")
    }

    @Test("save writes the whole file through a temporary file renamed over it, creating the directory")
    func atomicSave() throws {
        let dir = try shellTemporaryDirectory("history-save")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/deep/er/history"
        var h = History(path: path)
        h.add("show a")
        try h.save()
        let first = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        h.add("show b")
        try h.save()
        let second = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        #expect(first != nil && second != nil && first != second, "a new file (inode) replaces the old one")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "show a\nshow b\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/deep/er") == ["history"])
    }

    @Test("saving where the path is a directory fails and leaves it alone")
    func saveFails() throws {
        let dir = try shellTemporaryDirectory("history-fail")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/history", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir + "/history/keep", contents: Data("x".utf8))
        var h = History(path: dir + "/history")
        h.add("show a")
        #expect(throws: (any Error).self) { try h.save() }
        #expect(FileManager.default.contents(atPath: dir + "/history/keep") == Data("x".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["history"])
    }

    @Test("the default path: $XDG_STATE_HOME/kgsh/history when absolute, else ~/.local/state/kgsh/history")
    func defaultPath() {
        #expect(History.defaultPath(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"]) == "/x/state/kgsh/history")
        #expect(History.defaultPath(environment: ["XDG_STATE_HOME": "relative/state", "HOME": "/home/u"]) == "/home/u/.local/state/kgsh/history")
        #expect(History.defaultPath(environment: ["XDG_STATE_HOME": "", "HOME": "/home/u"]) == "/home/u/.local/state/kgsh/history")
        #expect(History.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.local/state/kgsh/history")
    }
}

// MARK: - Continuation

@Suite("StatementSplitter.needsContinuation")
struct ShellUnitContinuationTests {
    @Test("open brackets and quotes continue; closed ones, comments and stray closers do not", arguments: [
        ("find ?o where {", true),
        ("find ?o where { ?a awardedTo ?o }", false),
        ("find ?o where {\n?a awardedTo ?o", true),
        ("find ?o where {\n?a awardedTo ?o }", false),
        ("find ?o where { { ?a awardedTo ?o }", true),
        ("find count(", true),
        ("find count(?a) as n where ?a awardedTo ?o", false),
        ("?x label \"혁신", true),
        ("?x label '혁신", true),
        ("?x label \"it's\"", false),
        ("?x label 'say \"hi\"'", false),
        ("?x label \"{(\"", false),
        ("?x label \"a\nb\"", false),
        ("show 인천시 # a comment with { ( and \"", false),
        ("# only a comment {", false),
        ("show a#b {", true),
        ("}", false),
        ("} {", true),
        ("", false),
        ("   ", false),
        ("show 인천시", false),
        ("show 인천시;", false),
    ])
    func cases(text: String, continues: Bool) {
        #expect(StatementSplitter.needsContinuation(text) == continues, "\(text.debugDescription)")
    }

    @Test("a line ending in a backslash continues (docs: 'or the line ends in \\')")
    func backslash() {
        #expect(StatementSplitter.needsContinuation("find ?o where ?a awardedTo ?o, \\"))
        #expect(!StatementSplitter.needsContinuation("find ?o where ?a awardedTo ?o, \\\n?a year 2023"))
    }

    @Test("an escaped quote inside a string does not end it")
    func escapedQuote() {
        #expect(!StatementSplitter.needsContinuation(#"?x label "a\"b""#))
        #expect(StatementSplitter.split(#"?x label "a\"b"; show c"#).map(\.text) == [#"?x label "a\"b""#, " show c"])
    }
}

// MARK: - The binary's flags

@Suite("kgsh flags", .serialized)
struct ShellUnitFlagTests {
    /// A working directory with tiny.kg in it, and a file outside it.
    struct Sandbox {
        let root: String
        var cwd: String { root + "/work" }
        var outside: String { root + "/outside.kg" }

        init() throws {
            root = try shellTemporaryDirectory("safe")
            try FileManager.default.createDirectory(atPath: root + "/work/sub", withIntermediateDirectories: true)
            try tinyKnowledgeText.write(toFile: root + "/work/tiny.kg", atomically: true, encoding: .utf8)
            let extra = "@source art\nother type Organization\nother label \"다른 기관\"@ko\n"
            try extra.write(toFile: root + "/work/sub/extra.kg", atomically: true, encoding: .utf8)
            try extra.write(toFile: root + "/outside.kg", atomically: true, encoding: .utf8)
            try "show incheon\n".write(toFile: root + "/outside.kq", atomically: true, encoding: .utf8)
            try "show prize\n".write(toFile: root + "/work/sub/inner.kq", atomically: true, encoding: .utf8)
        }

        func write(_ name: String, _ text: String) throws {
            try text.write(toFile: cwd + "/" + name, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test("--safe refuses .output and .once in a script: exit 1, a caret, no file written, nothing after it runs")
    func safeWrites() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write("out.kq", ".output out.txt\nshow incheon\n")
        let out = try runKgsh(["--kb", "tiny.kg", "--safe", "-f", "out.kq"], in: box.cwd)
        #expect(out.status == 1)
        #expect(out.stdout == "")
        #expect(out.stderr == "out.kq:1:9: error: --safe: writing files is not allowed\n 1 | .output out.txt\n   |         ^~~~~~~\n")
        #expect(!FileManager.default.fileExists(atPath: box.cwd + "/out.txt"))

        try box.write("once.kq", "show prize\n.once once.txt\nshow incheon\n")
        let once = try runKgsh(["--kb", "tiny.kg", "--safe", "-f", "once.kq"], in: box.cwd)
        #expect(once.status == 1)
        #expect(once.stdout.hasPrefix("최우수기관 — prize\n"))
        #expect(!once.stdout.contains("인천광역시 — incheon"))
        #expect(once.stderr == "once.kq:2:7: error: --safe: writing files is not allowed\n 2 | .once once.txt\n   |       ^~~~~~~~\n")
        #expect(!FileManager.default.fileExists(atPath: box.cwd + "/once.txt"))

        // .output stdout is not a write, and is allowed.
        let back = try runKgsh(["--kb", "tiny.kg", "--safe", "-c", ".output stdout; show prize"], in: box.cwd)
        #expect(back.status == 0)
        #expect(back.stdout.hasPrefix("최우수기관 — prize\n"))

        // Without --safe the same script writes the file.
        let free = try runKgsh(["--kb", "tiny.kg", "-f", "out.kq"], in: box.cwd)
        #expect(free.status == 0)
        #expect(free.stdout == "")
        #expect(try String(contentsOfFile: box.cwd + "/out.txt", encoding: .utf8).hasPrefix("인천광역시 — incheon\n"))
    }

    @Test("--safe refuses .load and .read outside the working directory: .., absolute paths, symlinks", arguments: [
        (".load ../outside.kg", "--safe: '../outside.kg' is outside the working directory", 7, 13),
        (".load sub/../../outside.kg", "--safe: 'sub/../../outside.kg' is outside the working directory", 7, 20),
        (".load link.kg", "--safe: 'link.kg' is outside the working directory", 7, 7),
        (".load linkdir/outside.kg", "--safe: 'linkdir/outside.kg' is outside the working directory", 7, 18),
        (".read ../outside.kq", "--safe: '../outside.kq' is outside the working directory", 7, 13),
        (".read linked.kq", "--safe: 'linked.kq' is outside the working directory", 7, 9),
    ])
    func safeReads(statement: String, message: String, column: Int, length: Int) throws {
        let box = try Sandbox()
        defer { box.remove() }
        try FileManager.default.createSymbolicLink(atPath: box.cwd + "/link.kg", withDestinationPath: "../outside.kg")
        try FileManager.default.createSymbolicLink(atPath: box.cwd + "/linked.kq", withDestinationPath: box.root + "/outside.kq")
        try FileManager.default.createSymbolicLink(atPath: box.cwd + "/linkdir", withDestinationPath: box.root)
        try box.write("s.kq", statement + "\n.stats\n")
        let r = try runKgsh(["--kb", "tiny.kg", "--safe", "-f", "s.kq"], in: box.cwd)
        #expect(r.status == 1)
        #expect(r.stdout == "")
        let caret = String(repeating: " ", count: column - 1) + "^" + String(repeating: "~", count: length - 1)
        #expect(r.stderr == "s.kq:1:\(column): error: \(message)\n 1 | \(statement)\n   | \(caret)\n")
    }

    @Test("--safe refuses an absolute path outside, and allows paths below the working directory")
    func safeAbsoluteAndInside() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let abs = try runKgsh(["--kb", "tiny.kg", "--safe", "-c", ".load \(box.outside)"], in: box.cwd)
        #expect(abs.status == 1)
        #expect(abs.stderr.hasPrefix("1:7: error: --safe: '\(box.outside)' is outside the working directory\n"))

        let inside = try runKgsh(["--kb", "tiny.kg", "--safe", "-c", ".load sub/extra.kg; .load \(box.cwd)/sub/../sub/extra.kg; .read sub/inner.kq"], in: box.cwd)
        #expect(inside.status == 1, "the second load repeats an id: a load error, not a --safe refusal")
        #expect(inside.stdout == "loaded 1 file: 2 new facts, 1 new entity (15 facts in all)\n")
        #expect(!inside.stderr.contains("--safe"))

        let read = try runKgsh(["--kb", "tiny.kg", "--safe", "-c", ".load sub/extra.kg; .read sub/inner.kq"], in: box.cwd)
        #expect(read.status == 0)
        #expect(read.stderr == "")
        #expect(read.stdout.contains("최우수기관 — prize\n"))

        // Without --safe, the outside file loads.
        let free = try runKgsh(["--kb", "tiny.kg", "-c", ".load ../outside.kg"], in: box.cwd)
        #expect(free.status == 0)
        #expect(free.stdout == "loaded 1 file: 2 new facts, 1 new entity (15 facts in all)\n")
    }

    @Test("--safe: a directory inside the working directory may not smuggle in a file outside it through a symlink")
    func safeDirectoryWithSymlink() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try FileManager.default.createDirectory(atPath: box.cwd + "/kb", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: box.cwd + "/kb/evil.kg", withDestinationPath: box.outside)
        let r = try runKgsh(["--kb", "tiny.kg", "--safe", "-c", ".load kb"], in: box.cwd)
        #expect(r.status == 1)
        #expect(!r.stdout.contains("loaded"))
    }

    @Test("--keep-going runs every statement and still exits 1")
    func keepGoing() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let stop = try runKgsh(["--kb", "tiny.kg", "-c", "show nobody; show incheon"], in: box.cwd)
        #expect(stop.status == 1)
        #expect(stop.stdout == "")
        let go = try runKgsh(["--kb", "tiny.kg", "--keep-going", "-c", "show nobody; show incheon"], in: box.cwd)
        #expect(go.status == 1)
        #expect(go.stdout.hasPrefix("인천광역시 — incheon\n"))
        #expect(go.stderr == "1:6: error: no entity 'nobody': search the labels with ?e label ?l, ?l contains \"nobody\"\n 1 | show nobody; show incheon\n   |      ^~~~~~\n")

        try box.write("a.kq", "show nobody\nshow prize\n")
        try box.write("b.kq", "show incheon\n")
        let files = try runKgsh(["--kb", "tiny.kg", "--keep-going", "-f", "a.kq", "-f", "b.kq"], in: box.cwd)
        #expect(files.status == 1)
        #expect(files.stdout.hasPrefix("최우수기관 — prize\n"))
        #expect(files.stdout.contains("인천광역시 — incheon\n"))
        #expect(files.stderr.hasPrefix("a.kq:1:6: error: no entity 'nobody': search the labels with ?e label ?l, ?l contains \"nobody\"\n"))
    }

    @Test("-f twice runs both scripts in order, then -c; the first failure stops the rest")
    func twoScripts() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write("one.kq", "# first\n.mode csv\n?o won ?a\n")
        try box.write("two.kq", "?a rank ?r\n")
        let r = try runKgsh(["--kb", "tiny.kg", "-f", "one.kq", "-f", "two.kq", "-c", "?a budget ?b"], in: box.cwd)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == "o,a\r\n인천광역시,최우수기관\r\na,r\r\n최우수기관,1\r\na,b\r\n최우수기관,13억원\r\n")

        try box.write("bad.kq", "?a rank ?r\n?a rnak ?r\n")
        let stopped = try runKgsh(["--kb", "tiny.kg", "--format", "csv", "-f", "bad.kq", "-f", "two.kq", "-c", "?a budget ?b"], in: box.cwd)
        #expect(stopped.status == 1)
        #expect(stopped.stdout == "a,r\r\n최우수기관,1\r\n")
        #expect(stopped.stderr.hasPrefix("bad.kq:2:4: error: unknown predicate 'rnak' — did you mean 'rank'?\n"))

        let missing = try runKgsh(["--kb", "tiny.kg", "-f", "one.kq", "-f", "nope.kq"], in: box.cwd)
        #expect(missing.status == 2)
        #expect(missing.stderr == "kgsh: cannot read script 'nope.kq': no such file, or not UTF-8 text\n")
    }

    @Test("--format csv|tsv|json|jsonl|markdown sets the mode from the start; a bad one exits 2")
    func format() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let q = "find ?o, ?a, ?r where ?o won ?a, ?a rank ?r"
        let expected: [(String, String)] = [
            ("csv", "o,a,r\r\n인천광역시,최우수기관,1\r\n"),
            ("tsv", "o\ta\tr\n인천광역시\t최우수기관\t1\n"),
            ("json", "[\n  {\"o\": \"인천광역시\", \"a\": \"최우수기관\", \"r\": 1}\n]\n"),
            ("jsonl", "{\"o\": \"인천광역시\", \"a\": \"최우수기관\", \"r\": 1}\n"),
            ("markdown", "| o | a | r |\n| --- | --- | ---: |\n| 인천광역시 | 최우수기관 | 1 |\n"),
        ]
        for (format, output) in expected {
            let r = try runKgsh(["--kb", "tiny.kg", "--format", format, "-c", q], in: box.cwd)
            #expect(r.status == 0)
            #expect(r.stdout == output, "\(format)")
        }
        let en = try runKgsh(["--kb", "tiny.kg", "--format", "csv", "--lang", "en", "-c", q], in: box.cwd)
        #expect(en.stdout == "o,a,r\r\nIncheon Metropolitan City,Top institution,1\r\n")
        let bad = try runKgsh(["--kb", "tiny.kg", "--format", "xml", "-c", q], in: box.cwd)
        #expect(bad.status == 2)
        #expect(bad.stdout == "")
        #expect(bad.stderr.hasPrefix("Error: --format takes table, csv, tsv, json, jsonl, markdown, not 'xml'\n"))
    }

    @Test("no colour off a terminal, with or without NO_COLOR and --no-color: stderr has no escape")
    func noColour() throws {
        let box = try Sandbox()
        defer { box.remove() }
        for (flags, env) in [([String](), ["NO_COLOR": "1"]), (["--no-color"], [:]), ([], [:]), ([], ["NO_COLOR": ""])] {
            let r = try runKgsh(["--kb", "tiny.kg"] + flags + ["-c", "show nobody"], in: box.cwd, environment: env)
            #expect(r.status == 1)
            #expect(r.stderr.hasPrefix("1:6: error: no entity 'nobody'"))
            #expect(!r.stderr.contains("\u{1B}"), "\(flags) \(env)")
            #expect(!r.stdout.contains("\u{1B}"))
        }
    }

    @Test("--generate-completion-script prints a script for bash, zsh and fish that names kgsh", arguments: ["bash", "zsh", "fish"])
    func completionScript(shell: String) throws {
        let r = try runKgsh(["--generate-completion-script", shell])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout.contains("kgsh"))
        #expect(r.stdout.contains("format"))
        #expect(r.stdout.contains("safe"))
        #expect(r.stdout.contains("keep-going"))
    }

    @Test("--init FILE (as the README spells it) is accepted")
    func initFlagName() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write("rc.kq", ".mode csv\n")
        let r = try runKgsh(["--kb", "tiny.kg", "--init", "rc.kq", "-c", "?a rank ?r"], in: box.cwd)
        #expect(r.status == 0)
        #expect(r.stderr == "")
    }

    @Test("--init runs only at the prompt: with -c, -f or piped input it is ignored, even when missing")
    func initIgnored() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write("rc.kq", ".mode csv\nshow incheon\n")
        try box.write("q.kq", "?a rank ?r\n")
        let table = "┌────────────┬───┐\n│ a          │ r │\n├────────────┼───┤\n│ 최우수기관 │ 1 │\n└────────────┴───┘\n1 row\n"
        for args in [["-c", "?a rank ?r"], ["-f", "q.kq"]] {
            let r = try runKgsh(["--kb", "tiny.kg", "--init", "rc.kq"] + args, in: box.cwd)
            #expect(r.status == 0)
            #expect(r.stderr == "")
            #expect(r.stdout == table, "\(args)")
        }
        let piped = try runKgsh(["--kb", "tiny.kg", "--init", "rc.kq"], input: "?a rank ?r\n", in: box.cwd)
        #expect(piped.status == 0)
        #expect(piped.stdout == table)
        let missing = try runKgsh(["--kb", "tiny.kg", "--init", "no-such-rc", "-c", "?a rank ?r"], in: box.cwd)
        #expect(missing.status == 0)
        #expect(missing.stderr == "")
        #expect(missing.stdout == table)
        // Nor is $XDG_CONFIG_HOME/kgsh/kgshrc read.
        try FileManager.default.createDirectory(atPath: box.root + "/config/kgsh", withIntermediateDirectories: true)
        try ".mode json\n".write(toFile: box.root + "/config/kgsh/kgshrc", atomically: true, encoding: .utf8)
        let xdg = try runKgsh(["--kb", "tiny.kg", "-c", "?a rank ?r"], in: box.cwd, environment: ["XDG_CONFIG_HOME": box.root + "/config"])
        #expect(xdg.stdout == table)
    }

    @Test("piped input is a script: no prompt, no history file written")
    func pipedNoHistory() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try runKgsh(["--kb", "tiny.kg"], input: "show prize\n", in: box.cwd, environment: ["XDG_STATE_HOME": box.root + "/state"])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("kgsh>"))
        #expect(!FileManager.default.fileExists(atPath: box.root + "/state/kgsh/history"))
    }
}
