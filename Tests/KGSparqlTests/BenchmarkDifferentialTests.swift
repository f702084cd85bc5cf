import Foundation
import KGFormats
import KGModel
import KGShell
import KGSparql
import Testing

/// The benchmark queries (Benchmarks/queries/q01–q10.kq) on the generated 100k graph: the
/// embedded store loaded from the N-Triples file and Oxigraph's server loaded from the same file
/// print the same answers (in the same order where the query orders them).
@Suite("Benchmark queries on the 100k graph: embedded and Oxigraph agree", .serialized)
struct BenchmarkDifferentialTests {
    /// ../data/kg_100000.nt when the benchmark made it, else generated the same way (seed 42).
    static func graph() throws -> String {
        let shared = Paths.repository.deletingLastPathComponent()
        let existing = shared.appendingPathComponent("data/kg_100000.nt").path
        if FileManager.default.fileExists(atPath: existing) { return existing }
        let generated = NSTemporaryDirectory() + "kgsh-kg_100000.nt"
        if FileManager.default.fileExists(atPath: generated) { return generated }
        let run = try Subprocess.run("/usr/bin/env", ["python3", shared.appendingPathComponent("shared/bench/gen_kg.py").path,
                                                      "--triples", "100000", "--seed", "42", "--out", generated], timeout: 600)
        guard run.status == 0 else { throw OxigraphServer.Failure(description: "gen_kg.py failed: " + String(decoding: run.stderr, as: UTF8.self)) }
        return generated
    }

    @Test("Q1–Q10")
    func queries() throws {
        let file = try Self.graph()
        let store: FactStore
        switch KnowledgeFiles.load([file], into: FactStore()) {
        case .success(let (s, _)): store = s
        case .failure(let f): Issue.record("\(file) does not load: \(f.rendered)"); return
        }
        let server = try OxigraphServer(loading: file)
        // Names read at connect time, and names looked up per statement (as past a million).
        for eagerNames in [SPARQLBackend.eagerNames, 0] {
            try compare(store: store, server: server, eagerNames: eagerNames)
        }
    }

    func compare(store: FactStore, server: OxigraphServer, eagerNames: Int) throws {
        let embedded = Session(store: store)
        let remote = Session(store: FactStore())
        if let message = remote.connect(server.endpoint, eagerNames: eagerNames) { Issue.record("\(message)"); return }
        for mode in [embedded, remote] { _ = mode.run(".mode csv") }
        let folder = Paths.repository.appendingPathComponent("Benchmarks/queries")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".kq") }.sorted()
        #expect(names.count == 10)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
            let a = embedded.run(text), b = remote.run(text)
            #expect(!a.failed && !b.failed, "\(name): \(a.errors)\(b.errors)")
            let ordered = text.contains("order by")
            func rows(_ o: Outcome) -> [String] {
                let lines = o.output.split(whereSeparator: \.isNewline).map(String.init)
                return ordered ? lines : lines.sorted()
            }
            #expect(rows(a) == rows(b), "\(name) (names read \(eagerNames == 0 ? "per statement" : "at connect")): \(rows(a).count) rows embedded, \(rows(b).count) on Oxigraph\n\(remote.lastSPARQL.joined(separator: "\n"))")
        }
    }
}
