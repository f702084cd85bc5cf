// Which knowledge kgsh loads when no --kb names any: ./Knowledge of the working directory, else the
// built-in Knowledge/. kgsh starts that load on another core while it parses its arguments, so
// these runs check that the load it starts early is the one the arguments ask for.

import Foundation
import Testing

@Suite("Default knowledge")
struct DefaultKnowledgeTests {
    /// A working directory holding Knowledge/tiny.kg (and `extra` as Knowledge/extra.kg).
    func directory(extra: String? = nil) throws -> String {
        let root = try shellTemporaryDirectory("default")
        try FileManager.default.createDirectory(atPath: root + "/Knowledge", withIntermediateDirectories: true)
        try tinyKnowledgeText.write(toFile: root + "/Knowledge/tiny.kg", atomically: true, encoding: .utf8)
        if let extra { try extra.write(toFile: root + "/Knowledge/extra.kg", atomically: true, encoding: .utf8) }
        return root
    }

    @Test("without --kb: ./Knowledge when the working directory has one, the built-in Knowledge/ when not")
    func chosenByDirectory() throws {
        let root = try directory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let local = try runKgsh(["-c", "show prize"], in: root)
        #expect(local.status == 0)
        #expect(local.stderr == "")
        #expect(local.stdout.hasPrefix("최우수기관 — prize\n"))
        // The seed graph's Daegu is not in ./Knowledge.
        let missing = try runKgsh(["-c", "show 대구시"], in: root)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no entity '대구시'"))

        let empty = try shellTemporaryDirectory("no-knowledge")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let builtIn = try runKgsh(["-c", "show 인천시"], in: empty)
        #expect(builtIn.status == 0)
        #expect(builtIn.stdout.hasPrefix("인천광역시 — incheon\n"))
    }

    @Test("--kb, --prefix and a bad ./Knowledge: the arguments decide, and a failed load loads nothing")
    func argumentsDecide() throws {
        let root = try directory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "type Article\ntype Place\n@source art\nart type Article\nseoul type Place\n"
            .write(toFile: root + "/lone.kg", atomically: true, encoding: .utf8)
        // --kb: only the named file, not ./Knowledge.
        let named = try runKgsh(["--kb", "lone.kg", "-c", "show seoul; show prize"], in: root)
        #expect(named.status == 1)
        #expect(named.stdout.hasPrefix("seoul — seoul\n"))
        #expect(named.stderr.contains("no entity 'prize'"))
        // --prefix: ./Knowledge loaded into a store that shows IRIs under the prefix.
        let prefixed = try runKgsh(["--prefix", "ex=http://example.org/", "-c", "show prize"], in: root)
        #expect(prefixed.status == 0)
        #expect(prefixed.stdout.hasPrefix("최우수기관 — prize\n"))

        let bad = try directory(extra: "@source art\nincheon wonn prize\n")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        let failed = try runKgsh(["-c", "show prize"], in: bad)
        #expect(failed.status == 2)
        #expect(failed.stdout == "")
        #expect(failed.stderr.contains("Knowledge/extra.kg:2:9: error: unknown predicate 'wonn'"))
        #expect(failed.stderr.hasSuffix("kgsh: the knowledge did not load; nothing was loaded\n"))
    }
}
