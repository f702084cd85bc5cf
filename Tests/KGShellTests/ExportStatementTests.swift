import Foundation
import Testing

/// `export SELECTION as FORMAT [to FILE]` through the real binary.
@Suite("export statement", .serialized)
struct ExportStatementTests {
    func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "kgsh-export-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("export all as kg to a file writes a graph that loads back clean with the same counts")
    func kgRoundTrip() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runKgsh(["--kb", Paths.knowledge, "-c", "export all as kg to \(dir)/all.kg"])
        #expect(r.status == 0)
        #expect(r.stdout == "exported 470 facts as kg to \(dir)/all.kg\n")
        let check = try runKgsh(["check", dir + "/all.kg"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("75 entities, 470 facts, 2 sources"))
    }

    @Test("without 'to' the export goes to standard output")
    func toStdout() throws {
        let r = try runKgsh(["--kb", Paths.knowledge, "-c", "export { ?a awardedTo ?o, ?a year 2021 } as mermaid"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("graph LR\n"))
        #expect(r.stdout.contains("대구광역시"))
    }

    @Test("a neighbourhood and a path export as Turtle that the project's reader accepts")
    func turtle() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runKgsh(["--kb", Paths.knowledge, "-c",
                             "export around 대구광역시 depth 2 as ttl to \(dir)/daegu.ttl; export path 박진영 to 행정안전부 as nt to \(dir)/path.nt"])
        #expect(r.status == 0)
        let reload = try runKgsh(["--kb", dir + "/daegu.ttl", "--kb", dir + "/path.nt", "-c", "show 대구광역시"])
        #expect(reload.status == 0)
        // The Turtle export's own prefixes name its IRIs again: id:daegu is https://kgsh.example/id/daegu.
        #expect(reload.stdout.hasPrefix("대구광역시 — id:daegu\n  type     MetropolitanGovernment (t:MetropolitanGovernment)\n"))
    }

    @Test("errors: an unknown format, an unwritable place, and --safe", arguments: [
        (["-c", "export all as xml"], "1:15: error: unknown export format 'xml': use one of kg, nt, ttl, dot, graphml, json, mermaid, csv, png, svg"),
        (["-c", "export all as ttl to /no/such/dir/x.ttl"], "1:22: error: cannot write '/no/such/dir/x.ttl': no such directory '/no/such/dir'"),
        (["--safe", "-c", "export all as ttl to x.ttl"], "1:22: error: --safe: writing files is not allowed"),
    ])
    func errors(arguments: [String], firstLine: String) throws {
        let r = try runKgsh(["--kb", Paths.knowledge] + arguments, in: NSTemporaryDirectory())
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").first.map(String.init) == firstLine)
    }
}
