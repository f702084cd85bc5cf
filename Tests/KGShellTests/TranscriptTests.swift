import Foundation
import KGModel
import KGShell
import Testing

/// Sessions at the prompt, line by line, through `Repl.run` with a `ScriptedReader`: every
/// dot-command, its help, its errors with their carets, and statements over several lines.

/// What a run of the REPL printed and which prompts it showed.
private struct Transcript {
    let out: String
    let err: String
    let prompts: [String]
}

/// Runs `lines` at the prompt of `session`.
private func transcript(_ session: Session, _ lines: [String]) -> Transcript {
    var reader = ScriptedReader(lines)
    var out = "", err = ""
    Repl.run(session: session, reader: &reader, write: { out += $0 }, writeError: { err += $0 })
    return Transcript(out: out, err: err, prompts: reader.prompts)
}

/// A log that interleaves what was typed (after its prompt) with what came back, the way a
/// terminal shows it; errors are marked so that the two streams stay apart.
private final class TerminalLog {
    var text = ""
}

/// Lines from a list, echoed into a log with their prompt, with a hook that runs before each read
/// and a record of what the REPL asked it to remember.
private struct EchoReader: LineReader {
    var lines: [String]
    let log: TerminalLog?
    var beforeRead: (Int) -> Void = { _ in }
    private(set) var reads = 0
    private(set) var remembered: [String] = []

    init(_ lines: [String], log: TerminalLog? = nil, beforeRead: @escaping (Int) -> Void = { _ in }) {
        self.lines = lines
        self.log = log
        self.beforeRead = beforeRead
    }

    mutating func readLine(prompt: String) -> String? {
        beforeRead(reads)
        reads += 1
        guard !lines.isEmpty else { return nil }
        let line = lines.removeFirst()
        log?.text += prompt + line + "\n"
        return line
    }

    mutating func remember(_ statement: String) { remembered.append(statement) }
}

/// Runs `lines` and returns the interleaved log (stderr lines prefixed with `! `).
private func terminalLog(_ session: Session, _ lines: [String]) -> String {
    let log = TerminalLog()
    var reader = EchoReader(lines, log: log)
    Repl.run(session: session, reader: &reader,
             write: { log.text += $0 },
             writeError: { e in log.text += e.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "! " + $0 + "\n" }.joined() })
    return log.text
}

/// A directory of files for one test, removed by `remove()`.
private struct Workspace {
    let path: String

    init(_ name: String) throws { path = try shellTemporaryDirectory(name) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: file).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + name).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The caret line under an argument of `width` display columns at 1-based `column` of line 1.
private func caret(_ column: Int, _ width: Int) -> String {
    "   | " + String(repeating: " ", count: column - 1) + "^" + String(repeating: "~", count: width - 1) + "\n"
}

private let wonTable = """
    ┌────────────┬────────────┐
    │ o          │ a          │
    ├────────────┼────────────┤
    │ 인천광역시 │ 최우수기관 │
    └────────────┴────────────┘
    1 row

    """

private let prizeCard = """
    최우수기관 — prize
      type     수상 (Award)
      labels   ko 최우수기관 · en Top institution

    facts
      rank    1  [1]
      budget  13억원  [1]

    referenced by
      awardedTo  인천광역시 (incheon)  [1]

    sources
      [1] 시험 기사 · 2022-02-10T17:34 (art)

    """

@Suite("REPL transcripts", .serialized)
struct TranscriptTests {
    // MARK: .help

    @Test(".help lists the statements and every command with its usage and summary")
    func help() throws {
        let t = transcript(Session(store: try tinyStore()), [".help"])
        #expect(t.err == "")
        Golden.check(t.out, "help.txt")
        for name in ["help", "load", "read", "mode", "output", "once", "lang", "ids", "headers", "timer", "limit", "schema", "stats", "sources", "history", "quit"] {
            #expect(t.out.contains("\n  .\(name)"), "\(name)")
        }
    }

    @Test(".help COMMAND prints its usage, summary and details; by name, with a dot, or by prefix")
    func helpCommand() throws {
        let s = Session(store: try tinyStore())
        let mode = """
            .mode [table|csv|tsv|json|jsonl|markdown]
              how result tables print
              table draws boxes (interactively at most 40 rows, long cells cut with …); csv is RFC 4180; tsv escapes tabs and newlines; json is an array of objects; jsonl one object per line; markdown a pipe table.

            """
        #expect(transcript(s, [".help mode"]).out == mode)
        #expect(transcript(s, [".help .mode"]).out == mode)
        #expect(transcript(s, [".help mo"]).out == mode)
        #expect(transcript(s, [".help load"]).out == """
            .load FILE|DIR …
              add knowledge (.kg) or RDF (.nt, .ttl) files to the graph; all or nothing
              A directory loads every .kg below it. RDF: IRIs become entities, rdf:type their type, rdfs:label their label. If any file has an error, nothing is added and the graph stays as it was.

            """)
        #expect(transcript(s, [".help quit"]).out == ".quit\n  leave kgsh (Ctrl-D does too)\n")
        #expect(transcript(s, [".help limit"]).out == ".limit [rows N | memory N | time SECONDS|off]\n  bounds on a statement's result rows, intermediate rows and time\n")
        #expect(transcript(s, [".help once"]).out == ".once FILE\n  send the next statement's result to a file\n")
        for name in ["help", "load", "read", "mode", "output", "once", "lang", "ids", "headers", "timer", "limit", "schema", "stats", "sources", "history", "quit"] {
            let t = transcript(s, [".help \(name)"])
            #expect(t.err == "")
            #expect(t.out.hasPrefix(".\(name)"), "\(name)")
        }
    }

    @Test(".help of an unknown or ambiguous command points at it")
    func helpErrors() throws {
        let s = Session(store: try tinyStore())
        let unknown = transcript(s, [".help zzz"])
        #expect(unknown.out == "")
        #expect(unknown.err == "1:7: error: unknown command '.zzz' (.help lists them)\n 1 | .help zzz\n" + caret(7, 3))
        let misspelt = transcript(s, [".help shema"])
        #expect(misspelt.err == "1:7: error: unknown command '.shema' — did you mean '.schema'? (.help lists them)\n 1 | .help shema\n" + caret(7, 5))
        let ambiguous = transcript(s, [".help s"])
        #expect(ambiguous.err == "1:7: error: '.s' could be .schema, .stats, .sources: type more of it\n 1 | .help s\n" + caret(7, 1))
    }

    // MARK: .load

    @Test(".load adds a file's facts; the new facts answer at once")
    func loadGood() throws {
        let ws = try Workspace("load")
        defer { ws.remove() }
        let more = try ws.write("more.kg", "@source art2\nart2 type Article\nart2 label \"두번째 기사\"@ko\ndaegu type Organization\ndaegu label \"대구광역시\"@ko\ndaegu won prize\n")
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".load \(more)", "find ?o where ?o won ?a order by ?o", ".sources"])
        #expect(t.err == "")
        #expect(t.out == """
            loaded 1 file: 5 new facts, 2 new entities (22 facts in all)
            ┌────────────┐
            │ o          │
            ├────────────┤
            │ 대구광역시 │
            │ 인천광역시 │
            └────────────┘
            2 rows
            시험 기사 · 2022-02-10T17:34 (art): 17 facts
            두번째 기사 (art2): 5 facts

            """)
        #expect(s.store.factCount == 22)
    }

    @Test(".load DIR loads every .kg below it, in path order")
    func loadDirectory() throws {
        let ws = try Workspace("load-dir")
        defer { ws.remove() }
        try ws.write("kb/a.kg", "@source a\na type Article\nx1 type Organization\n")
        try ws.write("kb/sub/b.kg", "@source a\nx2 type Organization\nx2 won prize\n")
        try ws.write("kb/notes.txt", "not knowledge")
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".load \(ws.path)/kb", "?o won prize order by ?o"])
        #expect(t.err == "")
        #expect(t.out.hasPrefix("loaded 2 files: 4 new facts, 3 new entities (21 facts in all)\n"))
        #expect(t.out.contains("│ x2         │\n"))
    }

    @Test(".load of a bad file reports file:line:column and leaves the graph as it was; all or nothing")
    func loadBad() throws {
        let ws = try Workspace("load-bad")
        defer { ws.remove() }
        let good = try ws.write("good.kg", "@source art2\nart2 type Article\ndaegu type Organization\ndaegu won prize\n")
        let bad = try ws.write("bad.kg", "@source art3\nart3 type Article\nx type Nope\n")
        let s = Session(store: try tinyStore())
        let before = s.store.factCount
        let t = transcript(s, [".load \(good) \(bad)", "show daegu", "?o won ?a", ".stats"])
        #expect(t.err == """
            \(bad):3:8: error: unknown type 'Nope'
             3 | x type Nope
               |        ^~~~
            nothing was loaded; the graph is as it was
            1:6: error: no entity 'daegu': search the labels with ?e label ?l, ?l contains "daegu"
             1 | show daegu
               |      ^~~~~

            """)
        #expect(t.out.hasPrefix(wonTable + "5 entities, 17 facts, 1 source, 26 terms, 1 file loaded\n"))
        #expect(s.store.factCount == before)

        let missing = transcript(s, [".load \(ws.path)/none.kg"])
        #expect(missing.err == "\(ws.path)/none.kg: error: no such file or directory\nnothing was loaded; the graph is as it was\n")
        let empty = try Workspace("load-empty")
        defer { empty.remove() }
        #expect(transcript(s, [".load \(empty.path)"]).err == "\(empty.path): error: no .kg files in this directory\nnothing was loaded; the graph is as it was\n")
        let none = transcript(s, [".load"])
        #expect(none.err == "1:1: error: expected a file or directory to load (see .help load)\n 1 | .load\n" + caret(1, 5))
        #expect(s.store.factCount == before)
    }

    // MARK: .read

    @Test(".read runs a script's statements; a script may .read another")
    func readNested() throws {
        let ws = try Workspace("read")
        defer { ws.remove() }
        let inner = try ws.write("inner.kq", "# the prize\nshow prize\n")
        let outer = try ws.write("outer.kq", ".read \(inner)\n?o won ?a\n")
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".read \(outer)", ".read \(inner)"])
        #expect(t.err == "")
        #expect(t.out == prizeCard + wonTable + prizeCard)
    }

    @Test(".read: an error in a script names the file and stops it (unless --keep-going); the prompt goes on")
    func readError() throws {
        let ws = try Workspace("read-error")
        defer { ws.remove() }
        let script = try ws.write("s.kq", "show prize\nshow nobody\n?o won ?a\n")
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".read \(script)", "?a rank ?r"])
        #expect(t.out == prizeCard + "┌────────────┬───┐\n│ a          │ r │\n├────────────┼───┤\n│ 최우수기관 │ 1 │\n└────────────┴───┘\n1 row\n")
        #expect(t.err == "\(script):2:6: error: no entity 'nobody': search the labels with ?e label ?l, ?l contains \"nobody\"\n 2 | show nobody\n   |      ^~~~~~\n")

        s.keepGoing = true
        let going = transcript(s, [".read \(script)"])
        #expect(going.out == prizeCard + wonTable)
        #expect(going.err == "\(script):2:6: error: no entity 'nobody': search the labels with ?e label ?l, ?l contains \"nobody\"\n 2 | show nobody\n   |      ^~~~~~\n")
    }

    @Test(".read of a cycle is an error naming the chain; the session can .read again afterwards")
    func readCycle() throws {
        let ws = try Workspace("read-cycle")
        defer { ws.remove() }
        let a = ws.path + "/a.kq", b = ws.path + "/b.kq"
        try ws.write("a.kq", "show prize\n.read \(b)\n")
        try ws.write("b.kq", ".read \(a)\n")
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".read \(a)", ".read \(b)"])
        let pointer = " 1 | .read \(a)\n" + caret(7, a.unicodeScalars.count)
        #expect(t.err == "\(b):1:7: error: '.read' cycle: a.kq → b.kq → a.kq\n" + pointer
            + "\(a):2:7: error: '.read' cycle: b.kq → a.kq → b.kq\n 2 | .read \(b)\n   |       ^" + String(repeating: "~", count: b.unicodeScalars.count - 1) + "\n")
        #expect(t.out == prizeCard + prizeCard)
        let self_ = try ws.write("self.kq", ".read \(ws.path)/self.kq\n")
        #expect(transcript(s, [".read \(self_)"]).err.hasPrefix("\(self_):1:7: error: '.read' cycle: self.kq → self.kq\n"))
        // Nothing is left on the stack of scripts being read.
        let plain = try ws.write("plain.kq", "show prize\n")
        #expect(transcript(s, [".read \(plain)"]).out == prizeCard)
    }

    @Test(".read nests 16 scripts deep, not 17")
    func readDepth() throws {
        let ws = try Workspace("read-depth")
        defer { ws.remove() }
        func chain(_ n: Int) throws -> String {
            for i in 1...n {
                try ws.write("d\(n)/f\(i).kq", i < n ? ".read \(ws.path)/d\(n)/f\(i + 1).kq\n" : "show prize\n")
            }
            return ws.path + "/d\(n)/f1.kq"
        }
        let s = Session(store: try tinyStore())
        let sixteen = transcript(s, [".read \(try chain(16))"])
        #expect(sixteen.err == "")
        #expect(sixteen.out == prizeCard)
        let seventeen = transcript(s, [".read \(try chain(17))"])
        let f16 = "\(ws.path)/d17/f16.kq", f17 = "\(ws.path)/d17/f17.kq"
        #expect(seventeen.out == "")
        #expect(seventeen.err == "\(f16):1:7: error: scripts nest deeper than 16 levels of .read\n 1 | .read \(f17)\n" + caret(7, f17.unicodeScalars.count))
    }

    @Test(".read of a missing, non-UTF-8 or unnamed script points at it")
    func readErrors() throws {
        let ws = try Workspace("read-bad")
        defer { ws.remove() }
        _ = FileManager.default.createFile(atPath: ws.path + "/latin1.kq", contents: Data([0x73, 0x68, 0x6F, 0x77, 0x20, 0xE9, 0x0A]))
        let s = Session(store: try tinyStore())
        #expect(transcript(s, [".read nope.kq"]).err == "1:7: error: cannot read 'nope.kq': no such file or not readable\n 1 | .read nope.kq\n" + caret(7, 7))
        let latin1 = ws.path + "/latin1.kq"
        #expect(transcript(s, [".read \(latin1)"]).err == "1:7: error: cannot read '\(latin1)': it is not valid UTF-8\n 1 | .read \(latin1)\n" + caret(7, latin1.unicodeScalars.count))
        #expect(transcript(s, [".read"]).err == "1:1: error: expected one script file (see .help read)\n 1 | .read\n" + caret(1, 5))
        #expect(transcript(s, [".read a b"]).err == "1:9: error: expected one script file (see .help read)\n 1 | .read a b\n" + caret(9, 1))
    }

    // MARK: .mode

    @Test(".mode: each format in turn, then back to table; .mode alone tells the mode; case ignored")
    func modes() throws {
        let s = Session(store: try tinyStore())
        let q = "find ?o, ?r, ?b where ?o won ?a, ?a rank ?r, ?a budget ?b"
        let t = transcript(s, [".mode", ".mode csv", q, ".mode tsv", q, ".mode json", q, ".mode jsonl", q, ".mode markdown", q, ".mode TABLE", q, ".mode"])
        #expect(t.err == "")
        #expect(t.out == """
            mode is table
            o,r,b\r
            인천광역시,1,13억원\r
            o\tr\tb
            인천광역시\t1\t13억원
            [
              {"o": "인천광역시", "r": 1, "b": 1300000000}
            ]
            {"o": "인천광역시", "r": 1, "b": 1300000000}
            | o | r | b |
            | --- | ---: | ---: |
            | 인천광역시 | 1 | 13억원 |
            ┌────────────┬───┬────────┐
            │ o          │ r │ b      │
            ├────────────┼───┼────────┤
            │ 인천광역시 │ 1 │ 13억원 │
            └────────────┴───┴────────┘
            1 row
            mode is table

            """)
    }

    @Test(".mode with a bad argument points at it and keeps the mode")
    func modeErrors() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".mode csv", ".mode xml", ".mode csv json", "   .mode html", ".mode"])
        #expect(t.out == "mode is csv\n")
        let message = "error: expected one of table, csv, tsv, json, jsonl, markdown (see .help mode)\n"
        #expect(t.err == "1:7: " + message + " 1 | .mode xml\n" + caret(7, 3)
            + "1:11: " + message + " 1 | .mode csv json\n" + caret(11, 4)
            + "1:10: " + message + " 1 |    .mode html\n" + caret(10, 4))
    }

    // MARK: .output and .once

    @Test(".output FILE collects results and writes the file whole when closed by .output stdout")
    func output() throws {
        let ws = try Workspace("output")
        defer { ws.remove() }
        let file = ws.path + "/out.txt"
        var seen: [Int: Bool] = [:]
        var reader = EchoReader([".output", ".output \(file)", "?o won ?a", "show nobody", "show prize", ".output stdout", "?a rank ?r", ".output"]) { i in
            seen[i] = FileManager.default.fileExists(atPath: file)
        }
        var out = "", err = ""
        let s = Session(store: try tinyStore())
        Repl.run(session: s, reader: &reader, write: { out += $0 }, writeError: { err += $0 })
        #expect(seen[5] == false, "nothing is written while .output is open")
        #expect(seen[6] == true, ".output stdout writes the file")
        #expect(ws.read("out.txt") == wonTable + prizeCard)
        #expect(out == "output is stdout\n┌────────────┬───┐\n│ a          │ r │\n├────────────┼───┤\n│ 최우수기관 │ 1 │\n└────────────┴───┘\n1 row\noutput is stdout\n")
        #expect(err == "1:6: error: no entity 'nobody': search the labels with ?e label ?l, ?l contains \"nobody\"\n 1 | show nobody\n" + caret(6, 6), "errors still reach the screen")
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.path) == ["out.txt"], "no temporary file is left")
    }

    @Test(".output tells where output goes; a second .output closes the first; the end of input closes the last")
    func outputSwitch() throws {
        let ws = try Workspace("output-switch")
        defer { ws.remove() }
        let one = ws.path + "/one.txt", two = ws.path + "/two.txt"
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".output \(one)", "?o won ?a", ".output \(two)", "show prize"])
        #expect(t.out == "")
        #expect(t.err == "")
        #expect(ws.read("one.txt") == wonTable)
        #expect(ws.read("two.txt") == prizeCard)
        // Replacing an existing file.
        _ = transcript(s, [".output \(one)", "show prize", ".quit"])
        #expect(ws.read("one.txt") == prizeCard)
    }

    @Test(".output into a missing directory, or with two names, is refused before anything is collected")
    func outputErrors() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".output /no/such/dir/x.txt", "?o won ?a", ".output a b"])
        #expect(t.out == wonTable)
        #expect(t.err == "1:9: error: cannot write '/no/such/dir/x.txt': no such directory '/no/such/dir'\n 1 | .output /no/such/dir/x.txt\n" + caret(9, 18)
            + "1:11: error: expected one file name or stdout (see .help output)\n 1 | .output a b\n" + caret(11, 1))
    }

    @Test(".once FILE sends only the next result to the file")
    func once() throws {
        let ws = try Workspace("once")
        defer { ws.remove() }
        let file = ws.path + "/once.txt"
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".once \(file)", "?o won ?a", "show prize"])
        #expect(t.err == "")
        #expect(t.out == prizeCard)
        #expect(ws.read("once.txt") == wonTable)
        let none = transcript(s, [".once"])
        #expect(none.err == "1:1: error: expected one file name (see .help once)\n 1 | .once\n" + caret(1, 5))
        let missing = transcript(s, [".once /no/such/dir/x.txt"])
        #expect(missing.err == "1:7: error: cannot write '/no/such/dir/x.txt': no such directory '/no/such/dir'\n 1 | .once /no/such/dir/x.txt\n" + caret(7, 18))
    }

    @Test(".once is used up by the next statement even when that statement fails")
    func onceAfterFailure() throws {
        let ws = try Workspace("once-fail")
        defer { ws.remove() }
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".once \(ws.path)/once.txt", "show nobody", "show prize"])
        #expect(t.out == prizeCard)
        #expect(!ws.exists("once.txt") || ws.read("once.txt") == "")
    }

    // MARK: Settings

    @Test(".lang en prints English labels, .lang ko Korean; .lang alone tells; other languages are refused")
    func lang() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".lang", ".lang en", "?o won ?a", ".lang", ".lang ko", "?o won ?a", ".lang fr", ".lang 한국어"])
        #expect(t.out == """
            lang is ko
            ┌───────────────────────────┬─────────────────┐
            │ o                         │ a               │
            ├───────────────────────────┼─────────────────┤
            │ Incheon Metropolitan City │ Top institution │
            └───────────────────────────┴─────────────────┘
            1 row
            lang is en

            """ + wonTable)
        #expect(t.err == "1:7: error: expected ko or en (see .help lang)\n 1 | .lang fr\n" + caret(7, 2)
            + "1:7: error: expected ko or en (see .help lang)\n 1 | .lang 한국어\n" + caret(7, 6))
        #expect(s.language == "ko")
    }

    @Test(".ids on prints entities as label (id)")
    func ids() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".ids", ".ids on", "?o won ?a", ".ids", ".ids off", "?o won ?a", ".ids maybe", ".ids on off"])
        #expect(t.out == """
            ids is off
            ┌──────────────────────┬────────────────────┐
            │ o                    │ a                  │
            ├──────────────────────┼────────────────────┤
            │ 인천광역시 (incheon) │ 최우수기관 (prize) │
            └──────────────────────┴────────────────────┘
            1 row
            ids is on

            """ + wonTable)
        #expect(t.err == "1:6: error: expected on or off (see .help ids)\n 1 | .ids maybe\n" + caret(6, 5)
            + "1:9: error: expected on or off (see .help ids)\n 1 | .ids on off\n" + caret(9, 3))
    }

    @Test(".headers off drops the header row")
    func headers() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".headers off", "?o won ?a", ".headers", ".headers on", "?o won ?a", ".headers"])
        #expect(t.err == "")
        #expect(t.out == """
            ┌────────────┬────────────┐
            │ 인천광역시 │ 최우수기관 │
            └────────────┴────────────┘
            1 row
            headers is off

            """ + wonTable + "headers is on\n")
    }

    @Test(".timer on adds a 'time: N.NNN ms' line after each statement (not after dot-commands)")
    func timer() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".timer", ".timer on", "?o won ?a", ".timer", "show nobody", ".timer off", "?o won ?a", ".timer yes"])
        let lines = t.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "timer is off")
        #expect(t.out.hasPrefix("timer is off\n" + wonTable))
        let timeLines = lines.filter { $0.hasPrefix("time: ") }
        #expect(timeLines.count == 2, "one after the query, one after the failing show")
        for line in timeLines {
            #expect(line.wholeMatch(of: /time: \d+\.\d{3} ms/) != nil, "\(line)")
        }
        #expect(lines[lines.firstIndex(of: "1 row")! + 1].hasPrefix("time: "))
        #expect(lines.contains("timer is on"))
        #expect(t.out.hasSuffix("timer is on\n" + timeLines[1] + "\n" + wonTable))
        #expect(t.err == "1:6: error: no entity 'nobody': search the labels with ?e label ?l, ?l contains \"nobody\"\n 1 | show nobody\n" + caret(6, 6)
            + "1:8: error: expected on or off (see .help timer)\n 1 | .timer yes\n" + caret(8, 3))
    }

    @Test(".limit shows the three limits, sets rows, memory and time, and refuses bad values")
    func limit() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, [
            ".limit", ".limit rows 2", "?x type Organization", "find ?x where ?x type Organization order by ?x limit 2",
            ".limit memory 100", ".limit time 2.5", ".limit", ".limit time off", ".limit rows 1000000", ".limit",
            ".limit rows", ".limit rows -3", ".limit rows 1 2", ".limit speed 3", ".limit time abc", ".limit memory 0",
        ])
        #expect(t.out == """
            rows 1000000
            memory 10000000
            time off
            ┌──────────┐
            │ x        │
            ├──────────┤
            │ center-a │
            │ center-b │
            └──────────┘
            2 rows
            rows 2
            memory 100
            time 2.5
            rows 1000000
            memory 100
            time off

            """)
        #expect(t.err == """
            error: the result has more than 2 rows: add 'limit N', or raise the limit with .limit rows N
            1:8: error: expected a limit and a value, as in .limit rows 1000 (see .help limit)
             1 | .limit rows
               |        ^~~~
            1:13: error: expected a positive whole number (see .help limit)
             1 | .limit rows -3
               |             ^~
            1:15: error: expected a limit and a value, as in .limit rows 1000 (see .help limit)
             1 | .limit rows 1 2
               |               ^
            1:8: error: expected rows, memory or time (see .help limit)
             1 | .limit speed 3
               |        ^~~~~
            1:13: error: expected seconds, such as 2.5, or off (see .help limit)
             1 | .limit time abc
               |             ^~~
            1:15: error: expected a positive whole number (see .help limit)
             1 | .limit memory 0
               |               ^

            """)
    }

    @Test("the row limit's message reads well for one row")
    func limitOneRow() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".limit rows 1", "?x type Organization"])
        #expect(t.err == "error: the result has more than 1 row: add 'limit N', or raise the limit with .limit rows N\n")
    }

    // MARK: Describing the graph

    @Test(".schema lists types as a tree and every predicate; .schema TYPE by name or label, case ignored")
    func schemaTiny() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".schema", ".schema award", ".schema 조직", ".schema Awrd"])
        #expect(t.out == """
            types:
              Thing  사물 · Thing
                Article  기사 · Article
                Award  수상 · Award
                Organization  조직 · Organization
            predicates:
              alias : Thing -> String  별칭 · alias
              budget : Thing -> Money  예산 · budget
              label : Thing -> String  이름 · label
              publishedAt : Article -> DateTime  게재 · published at
              rank : Award -> Integer  순위 · rank
              type : Thing -> Thing  유형 · type
              won : Organization -> Award  inverse awardedTo  수상 · won
            type Award < Thing  수상 · Award
            1 entity of this type or below it
            predicates from it:
              alias : Thing -> String  별칭 · alias
              budget : Thing -> Money  예산 · budget
              label : Thing -> String  이름 · label
              rank : Award -> Integer  순위 · rank
            predicates to it:
              won : Organization -> Award  inverse awardedTo  수상 · won
            type Organization < Thing  조직 · Organization
            3 entities of this type or below it
            predicates from it:
              alias : Thing -> String  별칭 · alias
              budget : Thing -> Money  예산 · budget
              label : Thing -> String  이름 · label
              won : Organization -> Award  inverse awardedTo  수상 · won

            """)
        #expect(t.err == "1:9: error: unknown type 'Awrd' — did you mean 'Award'?\n 1 | .schema Awrd\n" + caret(9, 4))
    }

    @Test(".schema and .schema TYPE on the seed graph")
    func schemaSeed() {
        let s = Session(store: seedStore)
        let t = transcript(s, [".schema", ".schema MetropolitanGovernment", ".schema 시상"])
        Golden.check(t.out, "schema-seed.txt")
        #expect(t.err == "1:9: error: unknown type '시상'\n 1 | .schema 시상\n" + caret(9, 4))
    }

    @Test(".stats counts entities, facts, sources, terms and files, then facts per predicate")
    func stats() throws {
        let t = transcript(Session(store: try tinyStore()), [".stats"])
        #expect(t.err == "")
        #expect(t.out == """
            5 entities, 17 facts, 1 source, 26 terms, 1 file loaded
            facts per predicate:
              label        5
              type         5
              alias        3
              budget       1
              publishedAt  1
              rank         1
              won          1

            """)
        let seed = transcript(Session(store: seedStore), [".stats"])
        Golden.check(seed.out, "stats-seed.txt")
    }

    @Test(".sources lists each article with its outlet, reporter, date and fact count")
    func sources() throws {
        #expect(transcript(Session(store: try tinyStore()), [".sources"]).out == "시험 기사 · 2022-02-10T17:34 (art): 17 facts\n")
        let seed = transcript(Session(store: seedStore), [".sources", ".lang en", ".sources"]).out
        let lines = seed.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("대구시, 광역시 유일'4년 연속 우수기관'선정 · 아주경제 · 2022-02-10T17:34 (art-daegu-2021): "))
        #expect(lines[1].hasPrefix("[인천 소식] 인천시, 지자체 혁신평가 최우수 선정 등 · 프레시안 · 박진영 (art-incheon-2023): "))
        #expect(lines[2].hasPrefix("Daegu, the only metropolitan city named an excellent institution four years running · Aju Business Daily · 2022-02-10T17:34 (art-daegu-2021): "))
        #expect(lines[3].hasPrefix("Incheon news: Incheon named top institution in the local-government innovation evaluation, and more · Pressian · Park Jin-young (art-incheon-2023): "))
        #expect(lines.allSatisfy { $0.wholeMatch(of: /.*: \d+ facts/) != nil })
    }

    @Test(".history lists the statements entered, numbered, repeats in a row once, multi-line ones whole and lined up")
    func history() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, ["show prize", "show prize", "?o won ?a", "", "find ?o where {", "?a awardedTo ?o }", "  .history  "])
        #expect(t.err == "")
        #expect(t.out.hasSuffix("""
            1  show prize
            2  ?o won ?a
            3  find ?o where {
               ?a awardedTo ?o }
            4  .history

            """))
        #expect(s.history == ["show prize", "?o won ?a", "find ?o where {\n?a awardedTo ?o }", ".history"])

        let many = Session(store: try tinyStore())
        many.history = (1...9).map { "show \($0)" }
        #expect(transcript(many, [".history"]).out == (1...9).map { " \($0)  show \($0)\n" }.joined() + "10  .history\n")
        many.history.append("find ?o where {\n  ?a awardedTo ?o\n}")
        #expect(transcript(many, [".history"]).out.hasSuffix("10  .history\n11  find ?o where {\n      ?a awardedTo ?o\n    }\n12  .history\n"))
    }

    @Test("the REPL hands each whole statement to the reader to remember")
    func remembered() throws {
        var reader = EchoReader(["show prize", "find ?o where {", "?a awardedTo ?o }", "", "   "])
        let s = Session(store: try tinyStore())
        Repl.run(session: s, reader: &reader, write: { _ in }, writeError: { _ in })
        #expect(reader.remembered == ["show prize", "find ?o where {\n?a awardedTo ?o }"])
    }

    // MARK: .quit, prefixes, unknown commands

    @Test(".quit (and .exit, and the prefix .q) stops reading; what follows is not run")
    func quit() throws {
        for word in [".quit", ".exit", ".q", "  .quit  "] {
            let s = Session(store: try tinyStore())
            let t = transcript(s, ["?o won ?a", word, "show prize"])
            #expect(t.out == wonTable, "\(word)")
            #expect(t.prompts == ["kgsh> ", "kgsh> "], "\(word)")
            #expect(s.quitRequested)
        }
        let extra = transcript(Session(store: try tinyStore()), [".quit now"])
        #expect(extra.prompts == ["kgsh> "])
    }

    @Test("an unambiguous prefix runs the command: .mo is .mode, .he is ambiguous, .hea is .headers")
    func prefixes() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".mo", ".mo csv", "?o won ?a", ".hea off", ".hea", ".he", ".h", ".s"])
        #expect(t.out == "mode is table\no,a\r\n인천광역시,최우수기관\r\nheaders is off\n")
        #expect(s.options.mode == .csv)
        #expect(t.err == "1:1: error: '.he' could be .help, .headers: type more of it\n 1 | .he\n" + caret(1, 3)
            + "1:1: error: '.h' could be .help, .headers, .history: type more of it\n 1 | .h\n" + caret(1, 2)
            + "1:1: error: '.s' could be .schema, .stats, .sources: type more of it\n 1 | .s\n" + caret(1, 2))
    }

    @Test("an unknown command suggests the nearest one, with a caret under the name")
    func unknown() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, [".lod x.kg", ".shcema", ".xyz", "  .moed csv", "."])
        #expect(t.out == "")
        #expect(t.err == "1:1: error: unknown command '.lod' — did you mean '.load'? (.help lists them)\n 1 | .lod x.kg\n" + caret(1, 4)
            + "1:1: error: unknown command '.shcema' — did you mean '.schema'? (.help lists them)\n 1 | .shcema\n" + caret(1, 7)
            + "1:1: error: unknown command '.xyz' (.help lists them)\n 1 | .xyz\n" + caret(1, 4)
            + "1:3: error: unknown command '.moed' — did you mean '.mode'? (.help lists them)\n 1 |   .moed csv\n" + caret(3, 5)
            + "1:1: error: '.' could be .help, .load, .read, .mode, .output, .once, .lang, .ids, .headers, .timer, .limit, .prefix, .schema, .stats, .sources, .history, .connect, .disconnect, .quit: type more of it\n 1 | .\n" + caret(1, 1))
    }

    // MARK: Statements over several lines

    @Test("an open { or quote continues on the ...> prompt; the statement runs whole")
    func continuation() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, ["find ?o where {", "?a awardedTo ?o,", "?a rank 1 }", "?x label 'Incheon", "Metropolitan City'", "find count(", "?a) as n where ?a awardedTo ?o"])
        #expect(t.prompts == ["kgsh> ", "...> ", "...> ", "kgsh> ", "...> ", "kgsh> ", "...> ", "kgsh> "])
        #expect(t.err == "")
        #expect(t.out == """
            ┌────────────┐
            │ o          │
            ├────────────┤
            │ 인천광역시 │
            └────────────┘
            1 row
            ┌───┐
            │ x │
            ├───┤
            └───┘
            0 rows
            ┌───┐
            │ n │
            ├───┤
            │ 1 │
            └───┘
            1 row

            """)
        #expect(s.history.first == "find ?o where {\n?a awardedTo ?o,\n?a rank 1 }")
    }

    @Test("an error on a continuation line names that line and shows it")
    func continuationError() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, ["find ?o where {", "  ?a awardedTo 인촌 }"])
        #expect(t.prompts == ["kgsh> ", "...> ", "kgsh> "])
        #expect(t.err == "2:16: error: no entity '인촌': search the labels with ?e label ?l, ?l contains \"인촌\"\n 2 |   ?a awardedTo 인촌 }\n   |                ^~~~\n")
    }

    @Test("end of input inside an open statement runs what was typed")
    func continuationEOF() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, ["find ?o where { ?a awardedTo ?o"])
        #expect(t.prompts == ["kgsh> ", "...> ", "kgsh> "])
        #expect(t.err == "1:32: error: expected '}' to close the '{' at column 15, found end of statement\n 1 | find ?o where { ?a awardedTo ?o\n" + caret(32, 1))
    }

    @Test("a line ending in \\ continues on the ...> prompt")
    func backslashContinuation() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, ["find ?o where ?a awardedTo ?o, \\", "?a rank 1"])
        #expect(t.prompts == ["kgsh> ", "...> ", "kgsh> "])
        #expect(t.err == "")
        #expect(t.out == "┌────────────┐\n│ o          │\n├────────────┤\n│ 인천광역시 │\n└────────────┘\n1 row\n")
    }

    @Test("several statements on one line separated by ; run in order; # starts a comment")
    func severalOnALine() throws {
        let s = Session(store: try tinyStore())
        let t = transcript(s, ["?o won ?a; show prize  # both", "# only a comment"])
        #expect(t.err == "")
        #expect(t.out == wonTable + prizeCard)
        #expect(t.prompts == ["kgsh> ", "kgsh> ", "kgsh> "])
    }

    // MARK: A whole session

    @Test("a session on the seed graph, as the terminal shows it")
    func tour() {
        let s = Session(store: seedStore)
        let log = terminalLog(s, [
            ".help lang",
            "find ?o, count(?a) as n where ?a awardedTo ?o group by ?o order by n desc, ?o",
            ".mode markdown",
            "find ?e, ?y where ?e type Evaluation, ?e year ?y order by ?y, ?e",
            ".mo table",
            ".lang en",
            "find ?x where 대구 operates ?x, ?x is System order by ?x",
            ".lang ko",
            "find ?p, ?b where {",
            "  ?p type Program,",
            "  ?p maxBudget ?b",
            "}",
            "why tryout maxBudget ?b",
            "show 인촌",
            ".ids on",
            "?a awardedTo 대구",
            ".ids off",
            ".headers off",
            "tryout beneficiaryCount ?n",
            ".headers on",
            "path 권영진 to 한국안광학산업진흥원",
            ".sources",
            ".history",
            ".quit",
            "show 대구",
        ])
        // The seed graph was loaded by absolute path; print it relative to the repository.
        Golden.check(log.replacingOccurrences(of: Paths.repository.path + "/", with: ""), "tour.txt")
    }
}
