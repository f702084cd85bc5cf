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

    @Test("an nt or ttl export loaded on its own answers as the seed graph does: the same card, each answer with its article and sentence", arguments: ["nt", "ttl"])
    func rdfExportLoadsBack(format: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = "\(dir)/all.\(format)"
        #expect(try runKgsh(["--kb", Paths.knowledge, "-c", "export all as \(format) to \(file)"]).status == 0)
        let stats = try runKgsh(["--kb", file, "-c", ".stats"])
        #expect(stats.stdout.hasPrefix("75 entities, 470 facts, 2 sources, "))
        // The card is the seed's: names, type labels, inverse names and sources.
        let card = try runKgsh(["--kb", file, "-c", "show 인천시"]), seedCard = try runKgsh(["--kb", Paths.knowledge, "-c", "show 인천시"])
        #expect(card.status == 0 && card.stdout == seedCard.stdout)
        let why = try runKgsh(["--kb", file, "-c", "why 인천시 won ?a"])
        #expect(why.status == 0)
        #expect(why.stdout.components(separatedBy: "\n").prefix(4).joined(separator: "\n") == """
            1. ?a = 인천광역시 2023년 지방자치단체 혁신평가 최우수기관 선정
               인천광역시 won 인천광역시 2023년 지방자치단체 혁신평가 최우수기관 선정
                 ↳ [인천 소식] 인천시, 지자체 혁신평가 최우수 선정 등 · 프레시안 · 박진영 (art-incheon-2023) — \(file)
                   “인천광역시는 행정안전부가 주관하는 '2023년 지방자치단체 혁신평가' 결과, 17개 광역지방자치단체 중 최우수기관(광역 1위)으로 선정됐다고 27일 밝혔다.”
            """)
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
        // kgsh's own IRIs are its names again (https://kgsh.example/id/daegu is daegu), with the
        // type's label from the export's schema.
        #expect(reload.stdout.hasPrefix("대구광역시 — daegu\n  type     광역지방자치단체 (MetropolitanGovernment)\n"))
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
