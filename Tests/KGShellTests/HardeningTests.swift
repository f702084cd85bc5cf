import Foundation
import KGFormats
import KGModel
import KGQuery
import KGShell
import Testing

/// Issue #7 beyond the catalogue: limits that hold at 10,000 and 100,000 levels, nothing lost on
/// signals or damaged files, and --safe under attack. See docs/reliability.md.

// MARK: - Limits

@Suite("Limits that hold")
struct LimitTests {
    @Test("query nesting: braces, not, optional, path parentheses, ^ and function calls, 10,000 and 100,000 deep, are an error at level 201",
          arguments: [10_000, 100_000])
    func queryNesting(depth: Int) {
        let r = { (s: String, n: Int) in String(repeating: s, count: n) }
        let cases: [(String, Int)] = [
            (r("{", depth) + "?a won ?b" + r("}", depth), 201),
            // (The caret marks the 201st '{', after its keyword.)
            ("?a won ?b, " + r("not { ", depth) + "?a won ?b" + r(" }", depth), 12 + 6 * 200 + 4),
            ("?a won ?b, " + r("optional { ", depth) + "?a won ?b" + r(" }", depth), 12 + 11 * 200 + 9),
            ("?a " + r("(", depth) + "won" + r(")", depth) + " ?b", 4 + 200),
            ("?a " + r("^", depth) + "won ?b", 4 + 200),
            ("?a label ?l, " + r("lang(", depth) + "?l" + r(")", depth) + " = \"ko\"", 14 + 5 * 200),
            ("export { " + r("{", depth) + "?a won ?b" + r("}", depth) + " } as ttl", 10 + 199),
        ]
        for (statement, column) in cases {
            guard case .failure(let e) = Parser.parse(statement) else {
                Issue.record("\(statement.prefix(30))… parsed")
                continue
            }
            #expect(e.message == "nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule", "\(statement.prefix(30))")
            #expect(e.span.start + 1 == column, "\(statement.prefix(30))")
        }
    }

    @Test("a statement may hold 1,000 patterns; the 1,001st is an error where it starts")
    func patternCount() {
        let pattern = "?a won ?b"
        if case .failure(let e) = Parser.parse(Array(repeating: pattern, count: 1_000).joined(separator: ", ")) {
            Issue.record("1,000 patterns: \(e.message)")
        }
        guard case .failure(let e) = Parser.parse(Array(repeating: pattern, count: 1_001).joined(separator: ", ")) else {
            Issue.record("1,001 patterns parsed")
            return
        }
        #expect(e.message == "more than 1000 patterns in one statement: split it, or name a part with a rule")
        #expect(e.span.start == 1_000 * (pattern.count + 2))
        // Nested ones count too.
        let nested = "{ " + Array(repeating: pattern, count: 999).joined(separator: ", ") + " }, ?x won ?y"
        guard case .failure(let n) = Parser.parse(nested) else {
            Issue.record("1,001 nested patterns parsed")
            return
        }
        #expect(n.span.start == 2 + 999 * (pattern.count + 2) + 2)
    }

    @Test("Turtle: collections and blank-node property lists 10,000 and 100,000 deep are one error, never a stack overflow",
          arguments: [10_000, 100_000])
    func turtleNesting(depth: Int) {
        for (open, close) in [("(", ")"), ("[ <http://e/p> ", " ]")] {
            let text = "<http://e/s> <http://e/p> " + String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth) + " .\n"
            var triples = 0
            let errors = TurtleReader.read(Array(text.utf8)) { _ in triples += 1 }
            #expect(errors.count == 1, "\(open) × \(depth)")
            #expect(errors.first?.message == "nesting too deep: more than 1000 levels of [ ] and ( ) inside each other")
            #expect(errors.first?.column == 27 + 1000 * open.count)
            #expect(triples == 0)
        }
    }

    @Test(".kg: a '<' chain 10,000 and 100,000 types deep is reported, type by type, below level 100", arguments: [10_000, 100_000])
    func typeDepth(depth: Int) {
        let text = "type T0\n" + (1..<depth).map { "type T\($0) < T\($0 - 1)\n" }.joined()
        guard case .failure(let f) = KGLoader.load([KGParser.parse(path: "deep.kg", bytes: Array(text.utf8))], into: FactStore()) else {
            Issue.record("the chain loaded")
            return
        }
        #expect(f.diagnostics.count == depth - KGLoader.maxTypeDepth)
        #expect(f.diagnostics.first?.message == "type 'T100' is more than 100 levels below Thing: flatten the '<' chain")
        #expect(f.diagnostics.first?.line == 101)
        // 100 levels load.
        let ok = "type T0\n" + (1..<100).map { "type T\($0) < T\($0 - 1)\n" }.joined()
        if case .failure(let f) = KGLoader.load([KGParser.parse(path: "ok.kg", bytes: Array(ok.utf8))], into: FactStore()) {
            Issue.record("100 levels: \(f.rendered.prefix(200))")
        }
    }

    @Test(".limit rows, memory and time are the session's, each holds, and .limit shows them")
    func settable() throws {
        let session = Session(store: try tinyStore())
        #expect(session.run(".limit").output == "rows 1000000\nmemory 10000000\ntime off\n")
        _ = session.run(".limit rows 2; .limit memory 50; .limit time 2.5")
        #expect(session.run(".limit").output == "rows 2\nmemory 50\ntime 2.5\n")
        // 5 entities: more than 2 rows.
        let rows = session.run("?x type Thing")
        #expect(rows.errors == "error: the result has more than 2 rows: add 'limit N', or raise the limit with .limit rows N\n")
        #expect(session.run("find ?x where ?x type Thing limit 2").errors == "")
        // 15 facts squared is more than 50 intermediate rows.
        #expect(session.run("?a ?p ?b, ?c ?q ?d").errors
                == "error: the query needs more than 50 intermediate rows: make the pattern more selective, or raise .limit memory N\n")
        _ = session.run(".limit rows 1000; .limit memory 1000; .limit time off")
        #expect(session.run("?a ?p ?b, ?c ?q ?d").output.hasSuffix("rows\n"), "the same query runs once the limits allow it")
        #expect(session.run(".limit").output == "rows 1000\nmemory 1000\ntime off\n")
    }

    @Test("a runaway query stops at .limit time, and at a cancellation from another thread, and the session goes on")
    func timeAndCancellation() throws {
        let session = Session(store: seedStore)
        _ = session.run(".limit time 0.2")
        let started = Date()
        let slow = session.run("?a ?p ?b, ?c ?q ?d, ?e ?r ?f")
        #expect(slow.errors == "error: the query ran longer than 0.2 s: make it more selective, or raise .limit time N\n")
        #expect(Date().timeIntervalSince(started) < 5)

        let cancellation = Cancellation()
        let other = Session(store: seedStore, cancellation: cancellation)
        let canceller = Thread { usleep(150_000); cancellation.cancel() }
        canceller.start()
        let interrupted = other.run("?a ?p ?b, ?c ?q ?d, ?e ?r ?f")
        #expect(interrupted.errors == "Interrupted\n")
        #expect(other.run("show 대구시").output.hasPrefix("대구광역시 — daegu\n"))
    }

    @Test("a connection thousands of steps long is found without recursion or quadratic copying")
    func longPath() throws {
        let n = 50_000
        let text = (0..<n).map { "<http://e/n\($0)> <http://e/next> <http://e/n\($0 + 1)> .\n" }.joined()
        let (store, _) = try RDFImport.load(path: "chain.nt", bytes: Array(text.utf8), syntax: .nTriples, into: FactStore()).get()
        let engine = QueryEngine(store: store)
        guard case .success(.paths(let paths, _, _, _)) = engine.run("path n0 to n\(n) max \(Int32.max)") else {
            Issue.record("no path")
            return
        }
        #expect(paths.count == 1)
        #expect(paths.first?.count == n)
    }
}

// MARK: - Nothing lost

@Suite("Nothing lost", .serialized)
struct NothingLostTests {
    /// Runs kgsh in the background under sh, waits for its temporary file to appear, sends
    /// `signal`, and returns kgsh's exit status and the directory's files afterwards.
    func interrupt(_ arguments: String, signal: String, temporary: String, in dir: String,
                   prefix: String = "", pause: Int = 20, launcher: String = "\"$0\"") throws -> (status: String, files: [String]) {
        let script = """
            \(prefix) KGSH_TEST_PAUSE_BEFORE_RENAME=\(pause) \(launcher) \(arguments) >/dev/null 2>&1 &
            pid=$!
            i=0
            while [ $i -lt 400 ]; do
              for f in \(temporary); do [ -e "$f" ] && break 2; done
              sleep 0.025; i=$((i + 1))
            done
            kill -\(signal) $pid
            wait $pid
            echo $?
            """
        let run = try Subprocess.run("/bin/sh", ["-c", script, Paths.binary], directory: dir, timeout: 60)
        let status = String(decoding: run.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return (status, try FileManager.default.contentsOfDirectory(atPath: dir).sorted())
    }

    @Test("SIGTERM and SIGHUP in the middle of an export leave the old file and no temporary file", arguments: [("TERM", "143"), ("HUP", "129")])
    func export(signal: String, status: String) throws {
        let dir = try shellTemporaryDirectory("signal-export")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tinyKnowledgeText.write(toFile: dir + "/tiny.kg", atomically: true, encoding: .utf8)
        try "old\n".write(toFile: dir + "/out.ttl", atomically: true, encoding: .utf8)
        let r = try interrupt("--kb tiny.kg -c 'export all as ttl to out.ttl'", signal: signal, temporary: ".out.ttl.kgsh-*.tmp", in: dir)
        #expect(r.status == status)
        #expect(r.files == ["out.ttl", "tiny.kg"])
        #expect(try String(contentsOfFile: dir + "/out.ttl", encoding: .utf8) == "old\n")
    }

    @Test("SIGTERM and SIGHUP while an .output file is written leave no file and no temporary file", arguments: [("TERM", "143"), ("HUP", "129")])
    func output(signal: String, status: String) throws {
        let dir = try shellTemporaryDirectory("signal-output")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tinyKnowledgeText.write(toFile: dir + "/tiny.kg", atomically: true, encoding: .utf8)
        try ".output o.txt\nshow prize\n".write(toFile: dir + "/s.kq", atomically: true, encoding: .utf8)
        let r = try interrupt("--kb tiny.kg -f s.kq", signal: signal, temporary: ".o.txt.kgsh-*.tmp", in: dir)
        #expect(r.status == status)
        #expect(r.files == ["s.kq", "tiny.kg"])
    }

    @Test("a SIGHUP ignored by the parent (nohup) stays ignored: the export finishes")
    func nohup() throws {
        let dir = try shellTemporaryDirectory("signal-nohup")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tinyKnowledgeText.write(toFile: dir + "/tiny.kg", atomically: true, encoding: .utf8)
        let r = try interrupt("--kb tiny.kg -c 'export all as ttl to out.ttl'", signal: "HUP", temporary: ".out.ttl.kgsh-*.tmp", in: dir,
                              prefix: "trap '' HUP;", pause: 1)
        #expect(r.status == "0")
        #expect(r.files == ["out.ttl", "tiny.kg"])
    }

    @Test("a SIGTERM the parent left blocked is unblocked: kill still ends kgsh and removes the temporary file")
    func blocked() throws {
        let dir = try shellTemporaryDirectory("signal-blocked")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tinyKnowledgeText.write(toFile: dir + "/tiny.kg", atomically: true, encoding: .utf8)
        // sh cannot block a signal for its children; python3 can, before it execs kgsh.
        let block = "python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM]); os.execv(sys.argv[1], sys.argv[1:])' \"$0\""
        let r = try interrupt("--kb tiny.kg -c 'export all as ttl to out.ttl'", signal: "TERM", temporary: ".out.ttl.kgsh-*.tmp", in: dir, launcher: block)
        #expect(r.status == "143")
        #expect(r.files == ["tiny.kg"])
    }

    @Test("without a signal the same runs write their files whole (the pause is only a pause)")
    func unsignalled() throws {
        let dir = try shellTemporaryDirectory("signal-none")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tinyKnowledgeText.write(toFile: dir + "/tiny.kg", atomically: true, encoding: .utf8)
        let r = try runKgsh(["--kb", "tiny.kg", "-c", ".output o.txt; show prize; .output stdout; export all as nt to out.nt"], in: dir,
                            environment: ["KGSH_TEST_PAUSE_BEFORE_RENAME": "0.05"])
        #expect(r.status == 0)
        #expect(r.stdout == "exported 13 facts as nt to out.nt\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["o.txt", "out.nt", "tiny.kg"])
        #expect(try String(contentsOfFile: dir + "/o.txt", encoding: .utf8).hasPrefix("최우수기관 — prize\n"))
    }

    @Test("a write that fails leaves the target as it was and no temporary file")
    func failedWrite() throws {
        let dir = try shellTemporaryDirectory("atomic-fail")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/target", withIntermediateDirectories: true)
        let onDirectory = #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write("x", to: dir + "/target") }
        #expect(onDirectory?.message == "cannot write '\(dir)/target': Is a directory")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["target"])
        let missing = #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write("x", to: "no/such/x.txt") }
        #expect(missing?.message == "cannot write 'no/such/x.txt': no such directory 'no/such'")
    }

    /// What a reader of the named pipe `path` receives while `write` runs.
    func readPipe(_ path: String, while write: () throws -> Void) throws -> String {
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box(), done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            if let h = FileHandle(forReadingAtPath: path) { box.data = h.readDataToEndOfFile(); try? h.close() }
            done.signal()
        }
        try write()
        #expect(done.wait(timeout: .now() + 10) == .success)
        return String(decoding: box.data, as: UTF8.self)
    }

    @Test(".output to a named pipe writes into it and leaves it a pipe (as /dev/null stays a device)")
    func outputToPipe() throws {
        let dir = try shellTemporaryDirectory("atomic-pipe")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tinyKnowledgeText.write(toFile: dir + "/tiny.kg", atomically: true, encoding: .utf8)
        #expect(mkfifo(dir + "/pipe", 0o600) == 0)
        var status: Int32 = -1
        let received = try readPipe(dir + "/pipe") {
            status = try runKgsh(["--kb", "tiny.kg", "-c", ".output pipe; show prize; .output stdout"], in: dir).status
        }
        #expect(status == 0)
        #expect(received.hasPrefix("최우수기관 — prize\n"))
        var info = stat()
        #expect(lstat(dir + "/pipe", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["pipe", "tiny.kg"])
        let direct = try readPipe(dir + "/pipe") { try AtomicFile.write("whole\n", to: dir + "/pipe") }
        #expect(direct == "whole\n")
    }

    @Test("a write through a symbolic link replaces the file it points to and keeps the link")
    func writeThroughLink() throws {
        let dir = try shellTemporaryDirectory("atomic-link")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "old\n".write(toFile: dir + "/real.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.txt", withDestinationPath: "real.txt")
        try AtomicFile.write("new\n", to: dir + "/link.txt")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.txt") == "real.txt")
        #expect(try String(contentsOfFile: dir + "/real.txt", encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["link.txt", "real.txt"])
    }
}

/// kgsh at a real terminal (tmux) with damaged start-up files.
@Suite("Damaged history and rc files", .serialized)
struct DamagedStartupTests {
    let session = "kgsh-harden-\(getpid())"

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        guard let tmux = Subprocess.which("tmux") else { throw Subprocess.Failure(description: "tmux is not installed: apt-get install tmux") }
        let run = try Subprocess.run(tmux, args, captureOutput: args.first == "capture-pane", timeout: 30)
        return String(decoding: run.stdout, as: UTF8.self)
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", session, "-S", "-100"]) }

    func waitFor(_ text: String) throws {
        for _ in 0..<200 {
            if try screen().contains(text) { return }
            usleep(50_000)
        }
        Issue.record("the screen never showed \(text.debugDescription):\n\(try screen())")
    }

    func start(_ dir: String, _ flags: String = "") throws {
        try tmux(["new-session", "-d", "-s", session, "-x", "200", "-y", "50",
                  "cd \(dir) && env XDG_STATE_HOME=\(dir)/state XDG_CONFIG_HOME=\(dir)/config LANG=C.UTF-8 \(Paths.binary) --kb tiny.kg \(flags); echo KGSH-EXITED=$?; sleep 60"])
    }

    @Test("a damaged history is reported and its good lines kept; an rc file's failing statement is reported and the rest runs")
    func damagedFiles() throws {
        let dir = try shellTemporaryDirectory("damaged")
        defer { _ = try? tmux(["kill-session", "-t", session]); try? FileManager.default.removeItem(atPath: dir) }
        try tinyKnowledgeText.write(toFile: dir + "/tiny.kg", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/state/kgsh", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/config/kgsh", withIntermediateDirectories: true)
        let history = dir + "/state/kgsh/history"
        _ = FileManager.default.createFile(atPath: history, contents: Data(Array("show incheon\n".utf8) + [0xFF, 0xFE, 0x0A] + Array("show prize\n".utf8)))
        try ".mode csv\nshow nosuch\n?a rank ?r\n".write(toFile: dir + "/config/kgsh/kgshrc", atomically: true, encoding: .utf8)
        try start(dir)
        try waitFor("kgsh>")
        let shown = try screen()
        #expect(shown.contains("kgsh: the history file \(history) is damaged: line 2 is not valid UTF-8; skipped"))
        #expect(shown.contains("\(dir)/config/kgsh/kgshrc:2:6: error: no entity 'nosuch'"))
        #expect(shown.contains("최우수기관,1"), "the rc file's statements after the failing one ran")
        try tmux(["send-keys", "-t", session, "Up"])
        try waitFor("kgsh> show prize")
        try tmux(["send-keys", "-t", session, "Enter"])
        try waitFor("최우수기관 — prize")
        try tmux(["send-keys", "-t", session, "C-d"])
        try waitFor("KGSH-EXITED=0")
        #expect(try String(contentsOfFile: history, encoding: .utf8) == "show incheon\nshow prize\n", "saved whole, without the damaged line")
    }

    @Test("an rc file that is not UTF-8 is skipped with a warning; --safe writes no history")
    func binaryRCAndSafe() throws {
        let dir = try shellTemporaryDirectory("damaged-rc")
        defer { _ = try? tmux(["kill-session", "-t", session]); try? FileManager.default.removeItem(atPath: dir) }
        try tinyKnowledgeText.write(toFile: dir + "/tiny.kg", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/config/kgsh", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir + "/config/kgsh/kgshrc", contents: Data([0x2E, 0x6D, 0x6F, 0x64, 0x65, 0x20, 0xE9, 0x0A]))
        try start(dir, "--safe")
        try waitFor("kgsh>")
        #expect(try screen().contains("kgsh: \(dir)/config/kgsh/kgshrc is not valid UTF-8; skipped"))
        try tmux(["send-keys", "-t", session, "show prize", "Enter"])
        try waitFor("최우수기관 — prize")
        try tmux(["send-keys", "-t", session, "C-d"])
        try waitFor("KGSH-EXITED=0")
        #expect(!FileManager.default.fileExists(atPath: dir + "/state/kgsh/history"), "--safe writes no files, the history included")
    }
}

// MARK: - Safe mode under attack

@Suite("--safe under attack", .serialized)
struct SafeModeAttackTests {
    /// A working directory `work` (tiny.kg, inside.kg, sub/) beside `outside.kg`, `outside.ttl` and `outside.kq`.
    func sandbox() throws -> String {
        let root = try shellTemporaryDirectory("safe-attack")
        try FileManager.default.createDirectory(atPath: root + "/work/sub", withIntermediateDirectories: true)
        try tinyKnowledgeText.write(toFile: root + "/work/tiny.kg", atomically: true, encoding: .utf8)
        try "@source art\nother type Organization\n".write(toFile: root + "/outside.kg", atomically: true, encoding: .utf8)
        try "<http://e/s> <http://e/p> <http://e/o> .\n".write(toFile: root + "/outside.ttl", atomically: true, encoding: .utf8)
        try "show incheon\n".write(toFile: root + "/outside.kq", atomically: true, encoding: .utf8)
        return root
    }

    func safe(_ root: String, _ script: String) throws -> (status: Int32, stdout: String, stderr: String) {
        try script.write(toFile: root + "/work/s.kq", atomically: true, encoding: .utf8)
        return try runKgsh(["--kb", "tiny.kg", "--safe", "-f", "s.kq"], in: root + "/work")
    }

    func caret(_ column: Int, _ length: Int) -> String { String(repeating: " ", count: column - 1) + "^" + String(repeating: "~", count: length - 1) }

    @Test("a NUL byte cannot cut a checked path short: .read and .load of '/etc/hostname\\0/../…' are refused")
    func nulByte() throws {
        let root = try sandbox()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for command in [".read", ".load"] {
            let statement = "\(command) \"/etc/hostname\u{0}/../..\(root)/work/tiny.kg\""
            let r = try safe(root, statement + "\n")
            #expect(r.status == 1)
            #expect(r.stdout == "")
            // The caret spans the quoted name; the NUL in it is zero columns wide.
            #expect(r.stderr == "s.kq:1:7: error: a file name cannot contain a NUL character (U+0000)\n 1 | \(statement)\n   | \(caret(7, statement.unicodeScalars.count - 9))\n")
        }
    }

    @Test("a script inside the working directory cannot reach outside through the scripts it reads")
    func nestedRead() throws {
        let root = try sandbox()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try ".load ../../outside.kg\n".write(toFile: root + "/work/sub/inner.kq", atomically: true, encoding: .utf8)
        let r = try safe(root, ".read sub/inner.kq\n.stats\n")
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr == "sub/inner.kq:1:7: error: --safe: '../../outside.kg' is outside the working directory\n 1 | .load ../../outside.kg\n   | \(caret(7, 16))\n")
    }

    @Test("an RDF file outside is refused by path and through a symlink inside")
    func rdfOutside() throws {
        let root = try sandbox()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/work/data.ttl", withDestinationPath: root + "/outside.ttl")
        for (statement, column, length) in [(".load ../outside.ttl", 7, 14), (".load data.ttl", 7, 8), (".load \(root)/outside.ttl", 7, root.count + 12)] {
            let r = try safe(root, statement + "\n")
            #expect(r.status == 1)
            let name = String(statement.dropFirst(6))
            #expect(r.stderr == "s.kq:1:\(column): error: --safe: '\(name)' is outside the working directory\n 1 | \(statement)\n   | \(caret(column, length))\n")
        }
    }

    @Test("exports are refused wherever they point: a relative, absolute or parent path, and CSV's pair of files")
    func exports() throws {
        let root = try sandbox()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for target in ["x.ttl", "/tmp/kgsh-safe-\(getpid()).ttl", "../x.nt", "pair"] {
            let statement = "export all as \(target == "pair" ? "csv" : "ttl") to \(target)"
            let r = try safe(root, statement + "\n")
            #expect(r.status == 1)
            #expect(r.stderr == "s.kq:1:22: error: --safe: writing files is not allowed\n 1 | \(statement)\n   | \(caret(22, target.count))\n")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/work").sorted() == ["s.kq", "sub", "tiny.kg"])
        #expect(!FileManager.default.fileExists(atPath: "/tmp/kgsh-safe-\(getpid()).ttl"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["outside.kg", "outside.kq", "outside.ttl", "work"])
    }

    @Test("reading is not over-refused: a symlink inside that points inside, and a path that leaves and comes back, are read")
    func insideLinks() throws {
        let root = try sandbox()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "show prize\n".write(toFile: root + "/work/sub/inner.kq", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/work/alias.kq", withDestinationPath: "sub/inner.kq")
        let r = try safe(root, ".read alias.kq\n.read ../work/sub/inner.kq\n")
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout.components(separatedBy: "최우수기관 — prize\n").count == 3)
    }

    @Test("standard input and devices are outside: .read /dev/stdin is refused")
    func devices() throws {
        let root = try sandbox()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try safe(root, ".read /dev/stdin\n")
        #expect(r.status == 1)
        #expect(r.stderr == "s.kq:1:7: error: --safe: '/dev/stdin' is outside the working directory\n 1 | .read /dev/stdin\n   | \(caret(7, 10))\n")
    }
}

// MARK: - Rules at scale

/// Each rule definition is checked for a cycle through negation by looking only at the rules that
/// reach it (`RuleGraph`), so long programs define in linear time; the messages are the ones the
/// whole-program check gives.
@Suite("Rules at scale")
struct RuleScaleTests {
    static func message(_ name: String, _ callee: String) -> String {
        let through = callee == name ? "itself" : "'\(callee)', which depends on '\(name)'"
        return "rules cannot be stratified: '\(name)' depends on the negation of \(through) — negation may only use rules defined without it"
    }

    @Test("20,000 chained rule definitions take seconds, not minutes, and a query reads through all of them")
    func chain() {
        let engine = QueryEngine(store: seedStore)
        let n = 20_000
        let started = Date()
        #expect(engine.run("rule r0(?x) :- ?x awardedTo ?_, not { ?x type Ministry }").isSuccess)
        var failures = 0
        for i in 1...n where !engine.run("rule r\(i)(?x) :- r\(i - 1)(?x)").isSuccess { failures += 1 }
        let defined = Date().timeIntervalSince(started)
        #expect(failures == 0)
        // About 3 s in a debug build on a shared two-core machine (it was quadratic: 2,000 took 13 s).
        #expect(defined < 60, "20,000 definitions took \(defined) s")
        guard case .success(.table(let t)) = engine.run("find ?x where r\(n)(?x) order by ?x limit 1") else {
            Issue.record("the query through 20,000 rules failed")
            return
        }
        #expect(t.rows.count == 1)
        // Closing the chain through negation names the cycle, from the first name in sorted order.
        guard case .failure(let f) = engine.run("rule r0(?x) :- ?x type Agency, not { r\(n)(?x) }") else {
            Issue.record("the cycle through 20,001 rules was accepted")
            return
        }
        #expect(f.message == Self.message("r0", "r\(n)"))
        #expect(engine.rules["r0"]?.count == 1, "a refused definition adds nothing")
    }

    @Test("the cycle's message names its first rule in order, wherever the negation stands in it", arguments: [
        // q negates s; s calls p; then p is made to call q.
        (["rule s(?x) :- ?x type Agency", "rule q(?x) :- ?x type Agency, not { s(?x) }",
          "rule p(?x) :- ?x type Agency", "rule s(?x) :- p(?x)", "rule p(?x) :- q(?x)"],
         ["5:" + message("q", "s")]),
        // A rule replaced by one of another arity no longer calls what the old one called.
        (["rule c(?x) :- ?x type Agency", "rule a(?x) :- ?x type Agency, not { c(?x) }",
          "rule a(?x, ?y) :- ?x type Agency, ?y type Agency", "rule c(?x) :- a(?x, ?x)"], []),
        // ... but one extended with another body still does.
        (["rule c(?x) :- ?x type Agency", "rule a(?x) :- ?x type Agency, not { c(?x) }",
          "rule a(?x) :- ?x type Ministry", "rule c(?x) :- a(?x)"], ["4:" + message("a", "c")]),
        // A negation outside the cycle is fine.
        (["rule b(?x) :- ?x type Agency", "rule a(?x) :- ?x type Agency, not { b(?x) }", "rule a(?x) :- a(?x)",
          "rule d(?x) :- a(?x), not { b(?x) }"], []),
    ])
    func messages(statements: [String], expected: [String]) {
        let engine = QueryEngine(store: seedStore)
        var failures: [String] = []
        for (i, s) in statements.enumerated() {
            if case .failure(let f) = engine.run(s) { failures.append("\(i + 1):\(f.message)") }
        }
        #expect(failures == expected)
    }

    @Test("random programs: each definition is refused exactly when the whole program has a cycle through negation, with its message")
    func randomPrograms() {
        var generator = SplitMix(seed: 7)
        let names = ["a", "b", "c", "d", "e", "f"]
        var (accepted, refused) = (0, 0)
        for program in 0..<150 {
            let engine = QueryEngine(store: seedStore)
            // The reference: every body's calls, in order, per rule.
            var calls: [String: [(String, Bool)]] = [:]
            for step in 0..<14 {
                let head = names.randomElement(using: &generator)!
                var body: [(String, Bool)] = []
                for _ in 0..<Int.random(in: 0...3, using: &generator) {
                    let defined = Array(calls.keys.sorted()) + [head]
                    body.append((defined.randomElement(using: &generator)!, Bool.random(using: &generator)))
                }
                let text = "rule \(head)(?x) :- ?x type Agency" + body.map { $0.1 ? ", not { \($0.0)(?x) }" : ", \($0.0)(?x)" }.joined()
                var next = calls
                next[head, default: []] += body
                let expected = Self.reference(next)
                switch engine.run(text) {
                case .success:
                    #expect(expected == nil, "program \(program) step \(step): \(text) was accepted")
                    calls = next
                    accepted += 1
                case .failure(let f):
                    #expect(f.message == expected, "program \(program) step \(step): \(text)")
                    refused += 1
                }
            }
        }
        #expect(accepted > 1_000 && refused > 200, "accepted \(accepted), refused \(refused)")
    }

    /// The first rule, in name order inside its strongly connected component, that calls a rule of
    /// its component under `not`: a reachability closure, independent of `RuleGraph`.
    static func reference(_ calls: [String: [(String, Bool)]]) -> String? {
        func reaches(_ from: String, _ to: String) -> Bool {
            var seen: Set<String> = [], queue = [from]
            while let v = queue.popLast() {
                for (w, _) in calls[v] ?? [] where seen.insert(w).inserted { queue.append(w) }
            }
            return seen.contains(to)
        }
        for name in calls.keys.sorted() {
            let component = Set(calls.keys.filter { $0 == name || (reaches(name, $0) && reaches($0, name)) })
            guard component.sorted().first == name else { continue }
            for member in component.sorted() {
                for (callee, negated) in calls[member] ?? [] where negated && component.contains(callee) {
                    return message(member, callee)
                }
            }
        }
        return nil
    }
}

/// A small deterministic generator (SplitMix64), so that a failing random program can be rerun.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { true } else { false } }
}

// MARK: - Regular expressions

/// `RegexGuard`: patterns that can take exponential time on Swift's backtracking `Regex` are
/// refused where they are written, with one of two messages; patterns whose time is polynomial
/// are allowed — each case measured or argued in docs/reliability.md §2.
@Suite("Regular expressions that cannot blow up")
struct RegexGuardTests {
    static let nested = "unsafe regular expression: a repetition inside a repetition, such as (a+)* or (.*)+, can take exponential time: rewrite it with one repetition"
    static let overlapping = "unsafe regular expression: a repetition that can match the same text in more than one way, such as (a|a)* or (a|aa)*, can take exponential time: make its alternatives differ from their first character"
    static let tooComplex = "unsafe regular expression: too complex to check that it cannot take exponential time: simplify it"

    /// The message `?l matches "PATTERN"` gives, or "accepted".
    static func verdict(_ pattern: String) -> String {
        let quoted = pattern.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        // An empty graph: the pattern is checked where it is written and never run.
        switch QueryEngine(store: FactStore()).run("?x label ?l, ?l matches \"\(quoted)\"") {
        case .success: return "accepted"
        case .failure(let f): return f.message
        }
    }

    @Test("patterns that take at most polynomial time are accepted", arguments: [
        "^인천", "(\\d+,)*\\d+", "^(\\d{1,3}\\.){3}\\d{1,3}$", ".*.*x", "(a|ab)*c", "(a|b)*c", "(ab|ac)*d",
        "(\\w+)\\s(\\w+)", "^[가-힣]+(시|도|군|구)$", "(?i)^incheon", "\\p{Hangul}+(\\s\\p{Hangul}+)*", "(\\d+\\D)*",
        "[^,]+(,[^,]+)*", "(foo|bar)+baz", "a{2,5}", "x*y*z*", "^(?=.*\\d).+$", "(?<year>\\d{4})-(?<month>\\d{2})",
        "(가|나)*다", "[[:alpha:]]+([[:space:]][[:alpha:]]+)*", "(\\s*,\\s*\\w+)*", "\\X+", "(인|인천)*x",
    ])
    func accepted(_ pattern: String) {
        #expect(Self.verdict(pattern) == "accepted", "\(pattern)")
    }

    @Test("patterns that can take exponential time are refused, each with its message", arguments: [
        ("(a+)+", nested), ("(.*)*", nested), ("^(.*)*x$", nested), ("(\\w+\\s?)*", nested), ("(a*a)*", nested),
        ("(x+x+)+y", nested), ("([a-z]+)*@", nested), ("((ab)*)*", nested), ("(?=(a+)+b)", nested),
        ("^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$", nested),
        ("(a|a)*b", overlapping), ("(a|aa)*b", overlapping), ("(?:a|a)*", overlapping), ("(a?b?)*c", overlapping),
        ("(\\d|\\d\\d)+$", overlapping), ("(\\w|_)+$", overlapping), ("(.|\\s)*x", overlapping), ("(a|a){20}", overlapping),
        ("(?i)(a|A)*b", overlapping), ("(인|인인)*x", overlapping), (String(repeating: "(a|b)*", count: 300), tooComplex),
    ])
    func refused(_ pattern: String, _ message: String) {
        #expect(Self.verdict(pattern) == message, "\(pattern)")
    }

    /// The message `?l matches ?p` gives when ?p is a string of the graph: checked before it is compiled.
    static func verdictFromData(_ pattern: String) throws -> String {
        let quoted = pattern.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let text = tinyKnowledgeText + "\nrisky type Thing\nrisky alias \"\(quoted)\"\n"
        let (store, _) = try KGLoader.load([KGParser.parse(path: "tiny.kg", bytes: Array(text.utf8))], into: FactStore()).get()
        switch QueryEngine(store: store).run("?x label ?l, risky alias ?p, ?l matches ?p") {
        case .success: return "accepted"
        case .failure(let f): return f.message
        }
    }

    @Test("a pattern from the data is checked when first used, before it is compiled, with the pattern in the message")
    func fromData() throws {
        #expect(try Self.verdictFromData("(a|aa)*b") == "unsafe regular expression '(a|aa)*b': " + Self.overlapping.dropFirst("unsafe regular expression: ".count))
        let deep = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
        #expect(try Self.verdictFromData(deep).hasSuffix("': too complex to check that it cannot take exponential time: simplify it"))
    }

    @Test("the check takes little time, even on long, deeply nested or highly ambiguous patterns")
    func cost() throws {
        let started = Date()
        #expect(try Self.verdictFromData(String(repeating: "(a|b)*", count: 300)) .hasSuffix(": too complex to check that it cannot take exponential time: simplify it"))
        #expect(try Self.verdictFromData(String(repeating: "[가-힣]", count: 5_000)) == "accepted")
        #expect(try Self.verdictFromData(String(repeating: "a*", count: 100_000)).hasSuffix(": too complex to check that it cannot take exponential time: simplify it"))
        #expect(try Self.verdictFromData(String(repeating: "인천 ", count: 5_000)) == "accepted")
        #expect(Date().timeIntervalSince(started) < 30)
    }
}

// MARK: - Fuzzing regressions

/// Every input with which a fuzz target (Fuzz/, tools/fuzz) crashed, run the way the target runs it.
@Suite("Fuzzing regressions")
struct FuzzRegressionTests {
    @Test("statements that crashed the query target parse, resolve and run to an answer or an error", arguments: [
        // Lexer: a comma followed by two digits at the end of the input read past its end.
        "taea operates ?b,1500,0000,0\n",
        "?x rank 1,00",
        "1,",
        "1,0",
        "1,00",
        // Reported as a timeout (75 s) at the end of a 30-minute run of the query target on a
        // saturated machine; alone it takes 4 ms.
        "st" + String(repeating: "\u{0}", count: 79) + "r youtr youw t\nw t\nutr youw t",
    ])
    func query(_ input: String) {
        _ = Parser.parse(input)
        let engine = QueryEngine(store: seedStore)
        engine.limits = QueryLimits(maxRows: 2_000, maxIntermediateRows: 20_000, timeout: 0.05)
        for statement in input.split(separator: "\n") { _ = engine.run(String(statement)) }
        #expect(Session(store: seedStore).run(input).failed)
    }

    /// Reported as a timeout (84 s) by a 30-minute run of the ttl target starved on a saturated
    /// machine; alone it takes 8 ms. Kept so that it stays fast: read, rendered and refused.
    @Test("a Turtle input once reported as a timeout is read and refused at once")
    func turtleTimeout() throws {
        let bytes = try #require(Data(base64Encoded: "IyBUaGlzIGlzIGEyIGRlY2ltYWwuXzpiMzgxIFRoaXMgaXMg/wIAAGEyIGRlY2ltYWwuX31iMzAxOGcyKy4KPHM+IDxwOGcyKy4KPHM+IDxwPg=="))
        let started = Date()
        let errors = TurtleReader.read(Array(bytes), options: RDFReaderOptions(baseIRI: "http://example.org/fuzz.ttl")) { _ in }
        #expect(errors.map { $0.diagnostic(file: "fuzz.ttl").message } == ["invalid UTF-8: the file must be UTF-8 text", "unterminated IRI: the line ends before '>'", "unexpected end of input: expected an object"])
        guard case .failure = RDFImport.load(path: "fuzz.ttl", bytes: Array(bytes), syntax: .turtle, into: FactStore()) else {
            Issue.record("the input loaded")
            return
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
