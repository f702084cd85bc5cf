// kgsh-bench --nt SMALLER --vs LARGER: kgsh's growth from one graph to a larger one, each query
// timed on the two graphs in turns within one process. On a shared machine whose speed changes
// by 2× within minutes, two separate runs measure the machine's moments as much as the engine;
// runs side by side see the same moments, and the median of the pairs' ratios is the growth.
import Foundation
import KGFormats
import KGModel
import KGQuery

func loadForGrowth(_ path: String) -> FactStore {
    switch KnowledgeFiles.load([path], into: FactStore()) {
    case .success(let (store, _)): return store
    case .failure(let f): fail("\(path) did not load:\n" + f.rendered)
    }
}

func measureGrowth(_ opts: Options, larger: String) -> Never {
    let stores = [loadForGrowth(opts.nt), loadForGrowth(larger)]
    let engines = stores.map(benchEngine)
    log("kgsh growth: \(opts.nt) (\(stores[0].factCount) facts) → \(larger) (\(stores[1].factCount) facts), \(opts.runs) pairs of runs per query")
    var queries: [(String, JSON)] = []
    for q in opts.queries {
        guard let text = readQuery(opts.queryDir, q) else { continue }
        do {
            var rows: [[[Cell]]] = [[], []]
            for _ in 0..<opts.warmup { for g in 0..<2 { rows[g] = try execute(engines[g], text) } }
            var times: [[Double]] = [[], []]
            for _ in 0..<opts.runs {
                for g in 0..<2 {
                    rows[g] = []
                    let a = now()
                    rows[g] = try execute(engines[g], text)
                    times[g].append(seconds(a, now()))
                }
            }
            let ratios = zip(times[1], times[0]).map { $0 / $1 }
            let growth = median(ratios)
            log(String(format: "  %@: rows %7d → %7d (×%.1f)  median %9.3f → %9.3f ms  growth ×%.2f (pairs ×%.2f–×%.2f)", q,
                       rows[0].count, rows[1].count, rows[0].isEmpty ? 0 : Double(rows[1].count) / Double(rows[0].count),
                       median(times[0]) * 1000, median(times[1]) * 1000, growth, ratios.min()!, ratios.max()!))
            queries.append((q, .object([
                ("rows", .array([.int(rows[0].count), .int(rows[1].count)])),
                ("median_s", .array([.double(median(times[0])), .double(median(times[1]))])),
                ("growth", .double(growth)),
                ("pair_ratios", .array(ratios.map { .double($0) })),
                ("times_s", .array(times.map { .array($0.map { .double($0) }) })),
            ])))
        } catch let e as BenchError {
            log("  \(q): ERROR \(e.message)")
        } catch {
            log("  \(q): ERROR \(error)")
        }
    }
    emit(.object([
        ("tool", .string("kgsh")), ("smaller", .string(opts.nt)), ("larger", .string(larger)),
        ("facts", .array(stores.map { .int($0.factCount) })), ("runs", .int(opts.runs)), ("warmup", .int(opts.warmup)),
        ("queries", .object(queries)),
    ]), to: opts.json)
    exit(0)
}
