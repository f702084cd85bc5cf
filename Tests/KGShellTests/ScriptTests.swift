import Foundation
import Testing

/// Golden files: expected output kept beside the tests in `Tests/KGShellTests/Golden/`.
///
/// To accept new output after an intended change, run the tests with `KGSH_UPDATE_GOLDEN=1`:
/// each comparison then rewrites its golden file (and still fails, so the run is never green by
/// accident); review the diff with git before committing.
enum Golden {
    static let directory = Paths.repository.appendingPathComponent("Tests/KGShellTests/Golden").path

    static func path(_ name: String) -> String { directory + "/" + name }

    /// The golden file's text, or nil when it is missing.
    static func text(_ name: String) -> String? {
        FileManager.default.contents(atPath: path(name)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Compares `actual` with the golden file `name`, reporting the first differing line.
    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if ProcessInfo.processInfo.environment["KGSH_UPDATE_GOLDEN"] == "1" {
            try? actual.write(toFile: path(name), atomically: true, encoding: .utf8)
            Issue.record("rewrote golden file \(name)", sourceLocation: sourceLocation)
            return
        }
        guard let expected = text(name) else {
            Issue.record("missing golden file Tests/KGShellTests/Golden/\(name)", sourceLocation: sourceLocation)
            return
        }
        if actual == expected { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let i = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        let got = i < a.count ? String(a[i]) : "(end of output)"
        let want = i < e.count ? String(e[i]) : "(end of file)"
        Issue.record("output differs from Golden/\(name) at line \(i + 1):\n  expected: \(want)\n  actual:   \(got)", sourceLocation: sourceLocation)
    }
}

/// The example scripts in `Scripts/`, run as a user runs them: `kgsh -f Scripts/X.kq` from the
/// repository root, on the seed graph in `Knowledge/`.
@Suite("Example scripts", .serialized)
struct ScriptTests {
    static let scriptsDirectory = Paths.repository.appendingPathComponent("Scripts").path

    static let scripts: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scriptsDirectory)) ?? []
        return names.filter { $0.hasSuffix(".kq") }.map { String($0.dropLast(3)) }.sorted()
    }()

    @Test("the scripts the README and the team promise are there")
    func present() {
        for name in ["awards-by-year", "whos-who", "incheon-article", "daegu-article", "evaluations"] {
            #expect(ScriptTests.scripts.contains(name), "Scripts/\(name).kq")
        }
    }

    @Test("every Scripts/*.kq has a golden Tests/KGShellTests/Golden/*.out, and every .out a script")
    func everyScriptHasAGoldenFile() throws {
        #expect(!ScriptTests.scripts.isEmpty)
        for name in ScriptTests.scripts {
            #expect(FileManager.default.fileExists(atPath: Golden.path(name + ".out")), "Golden/\(name).out is missing")
        }
        let outs = try FileManager.default.contentsOfDirectory(atPath: Golden.directory).filter { $0.hasSuffix(".out") }
        for out in outs {
            #expect(ScriptTests.scripts.contains(String(out.dropLast(4))), "Golden/\(out) has no Scripts/ script")
        }
    }

    @Test("each script starts with a header comment naming it and saying how to run it", arguments: scripts)
    func header(name: String) throws {
        let text = try String(contentsOfFile: ScriptTests.scriptsDirectory + "/\(name).kq", encoding: .utf8)
        #expect(text.hasPrefix("# \(name).kq — "))
        #expect(text.contains("kgsh -f Scripts/\(name).kq"))
    }

    @Test("kgsh -f Scripts/X.kq prints exactly Golden/X.out, exits 0, and says nothing on stderr", arguments: scripts)
    func golden(name: String) throws {
        let r = try runKgsh(["-f", "Scripts/\(name).kq"], in: Paths.repository.path)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        Golden.check(r.stdout, name + ".out")
    }

    @Test("each script runs cleanly in every output format and in English", arguments: scripts)
    func formats(name: String) throws {
        for args in [["--format", "csv"], ["--format", "tsv"], ["--format", "json"], ["--format", "jsonl"], ["--format", "markdown"], ["--lang", "en"]] {
            let r = try runKgsh(["-f", "Scripts/\(name).kq"] + args, in: Paths.repository.path)
            #expect(r.status == 0, "\(args)")
            #expect(r.stderr == "", "\(args)")
            #expect(!r.stdout.isEmpty, "\(args)")
        }
    }

    @Test("a script piped to standard input prints the same as -f")
    func piped() throws {
        let text = try String(contentsOfFile: ScriptTests.scriptsDirectory + "/awards-by-year.kq", encoding: .utf8)
        let r = try runKgsh([], input: text, in: Paths.repository.path)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        Golden.check(r.stdout, "awards-by-year.out")
    }
}
