import Foundation
import Testing

/// The built kgsh binary, as a user runs it: arguments, standard streams, exit codes.
@Suite("kgsh binary", .serialized)
struct EndToEndTests {
    @Test("kgsh check Knowledge/ is clean and summarises entities, facts and sources")
    func checkSeed() throws {
        let r = try runKgsh(["check", Paths.knowledge])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout.hasPrefix("3 files checked: no errors\n"))
        #expect(r.stdout.contains("entities by type\n"))
        #expect(r.stdout.contains("facts by source\n"))
        #expect(r.stdout.contains("art-incheon-2023"))
        #expect(r.stdout.contains("art-daegu-2021"))
    }

    @Test("kgsh check prints each bad fixture's errors at the right spot and exits 2",
          arguments: ["bad_syntax", "bad_unknown_type", "bad_unknown_predicate", "bad_domain", "bad_range",
                      "bad_dangling_ref", "bad_duplicate_id", "bad_literal", "bad_no_source", "bad_utf8", "bad_many_kinds"])
    func checkBad(name: String) throws {
        let r = try runKgsh(["check", name + ".kg"], in: Paths.badFixtures)
        let expected = try String(contentsOfFile: Paths.badFixtures + "/\(name).error.txt", encoding: .utf8)
        let count = expected.components(separatedBy: ": error: ").count - 1
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == expected + "\(count) error\(count == 1 ? "" : "s") in 1 file\n")
    }

    @Test("kgsh -c 'show 인천시' prints Incheon's card from the embedded Knowledge/")
    func showIncheon() throws {
        let r = try runKgsh(["-c", "show 인천시"], in: NSTemporaryDirectory())
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout.hasPrefix("인천광역시 — incheon\n  type     광역지방자치단체 (MetropolitanGovernment)\n"))
        #expect(r.stdout.contains("  aliases  인천시 · 인천 · Incheon\n"))
        #expect(r.stdout.contains("award-incheon-2023"))
        #expect(r.stdout.contains("[1] [인천 소식] 인천시, 지자체 혁신평가 최우수 선정 등 · 프레시안 · 박진영 (art-incheon-2023)"))
    }

    @Test("a statement error exits 1 with the caret on stderr")
    func statementError() throws {
        let r = try runKgsh(["-c", "show 인천시; show 인촌"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("인천광역시 — incheon\n"))
        #expect(r.stderr == "1:16: error: no entity '인촌' — did you mean 인천광역시?\n 1 | show 인천시; show 인촌\n   |                   ^~~~\n")
    }

    @Test(".quit ends the whole run: the -f scripts and -c statements after it do not run")
    func quitEndsRun() throws {
        let dir = NSTemporaryDirectory() + "kgsh-quit-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "show 대구\n.quit\nshow mois\n".write(toFile: dir + "/a.kq", atomically: true, encoding: .utf8)
        try "show mois\n".write(toFile: dir + "/b.kq", atomically: true, encoding: .utf8)
        let r = try runKgsh(["-f", "a.kq", "-f", "b.kq", "-c", "show mois"], in: dir)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout.hasPrefix("대구광역시 — daegu\n"))
        #expect(!r.stdout.contains("행정안전부"))
        let c = try runKgsh(["-c", ".quit", "-c", "show mois"], in: dir)
        #expect(c.status == 0)
        #expect(c.stdout == "")
    }

    @Test("standard input that is not a terminal runs as a script, with no prompt")
    func stdinScript() throws {
        let r = try runKgsh([], input: "show 대구\nshow mois\n")
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("대구광역시 — daegu\n"))
        #expect(r.stdout.contains("행정안전부 — mois\n"))
        #expect(!r.stdout.contains("kgsh>"))
        let bad = try runKgsh([], input: "show 대구\nshow 없는것\nshow mois\n")
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("<stdin>:2:6: error: no entity '없는것'"))
        #expect(!bad.stdout.contains("행정안전부 — mois"))
    }

    @Test("-f runs a script file and names it in errors")
    func scriptFile() throws {
        let path = NSTemporaryDirectory() + "kgsh-e2e-\(UUID().uuidString).kq"
        try "# who is who\nshow 권영진\nshow nobody\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try runKgsh(["-f", path])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("권영진 — "))
        #expect(r.stderr.hasPrefix("\(path):3:6: error: no entity 'nobody'"))
    }

    @Test("--lang en prints English labels")
    func english() throws {
        let r = try runKgsh(["--lang", "en", "-c", "show 행안부"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Ministry of the Interior and Safety — mois\n"))
    }

    @Test("usage errors and knowledge that does not load exit 2", arguments: [
        (["--lang", "fr", "-c", "show x"], "Error: --lang takes ko or en, not 'fr'"),
        (["--no-such-flag"], "Error: Unknown option '--no-such-flag'"),
        (["--kb", "/no/such/dir", "-c", "show x"], "/no/such/dir: error: no such file or directory"),
    ])
    func usage(arguments: [String], firstLine: String) throws {
        let r = try runKgsh(arguments)
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").first.map(String.init) == firstLine)
    }

    @Test("a bad --kb file is reported with file:line:column and nothing runs")
    func badKnowledge() throws {
        let r = try runKgsh(["--kb", "bad_unknown_type.kg", "-c", "show daegu"], in: Paths.badFixtures)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("bad_unknown_type.kg:15:12: error: unknown type 'Agencyy' — did you mean 'Agency'?\n"))
        #expect(r.stderr.hasSuffix("kgsh: the knowledge did not load; nothing was loaded\n"))
    }

    @Test("--version and --help exit 0")
    func versionAndHelp() throws {
        let v = try runKgsh(["--version"])
        #expect(v.status == 0)
        #expect(v.stdout == "kgsh 0.2.0\n")
        let h = try runKgsh(["--help"])
        #expect(h.status == 0)
        #expect(h.stdout.contains("USAGE: kgsh"))
        #expect(h.stdout.contains("check"))
    }
}
