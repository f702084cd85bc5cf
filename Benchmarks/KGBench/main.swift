// kgsh-bench: load one N-Triples file the way `kgsh --kb FILE` does, measure load time and
// resident memory, run Q1–Q10 (Benchmarks/queries/qNN.kq) with warm-ups and timed runs, and write
// one JSON object. See Benchmarks/README.md; run through Benchmarks/run.sh.
import Foundation
import KGFormats
import KGModel
import KGQuery

#if canImport(Glibc)
import Glibc
#endif

let usage = """
    usage: kgsh-bench --nt FILE [--json OUT] [--runs N] [--warmup N] [--queries Q1,Q3,...]
                      [--query-dir DIR] [--load-only] [--vs LARGER]

      --nt FILE        the N-Triples file (loaded through KnowledgeFiles.load, as kgsh --kb does)
      --json OUT       write the report here (default: stdout)
      --runs N         timed runs per query (default 7)
      --warmup N       untimed warm-up runs per query (default 2)
      --queries LIST   which queries (default Q1..Q10)
      --query-dir DIR  where qNN.kq live (default: Benchmarks/queries beside this source)
      --load-only      stop after loading (for whole-process load timing)
      --vs LARGER      growth: load LARGER too and time each query on both graphs in turns
                       (FILE, LARGER, FILE, …), so both see the machine's same moments
    """

struct Options {
    var nt = ""
    var json: String?
    var runs = 7
    var warmup = 2
    var queries = (1...10).map { "Q\($0)" }
    var queryDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("queries").path
    var loadOnly = false
    var larger: String?

    static func parse(_ args: [String]) -> Options {
        var o = Options()
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("\(args[i - 1]) needs a value\n\(usage)") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--nt": o.nt = value()
            case "--json": o.json = value()
            case "--runs": o.runs = Int(value()) ?? -1
            case "--warmup": o.warmup = Int(value()) ?? -1
            case "--queries": o.queries = value().split(separator: ",").map { $0.uppercased() }
            case "--query-dir": o.queryDir = value()
            case "--load-only": o.loadOnly = true
            case "--vs": o.larger = value()
            case "-h", "--help": print(usage); exit(0)
            default: fail("unknown argument '\(args[i])'\n\(usage)")
            }
            i += 1
        }
        guard !o.nt.isEmpty, o.runs >= 1, o.warmup >= 0 else { fail(usage) }
        return o
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("kgsh-bench: " + message + "\n").utf8))
    exit(2)
}

func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// VmRSS and VmHWM of this process, in kB, from /proc/self/status.
func memory() -> (rss: Int, hwm: Int) {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    var rss = 0, hwm = 0
    for line in text.split(separator: "\n") {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 2, let kb = Int(fields[1]) else { continue }
        if fields[0] == "VmRSS:" { rss = kb }
        if fields[0] == "VmHWM:" { hwm = kb }
    }
    return (rss, hwm)
}

/// glibc's malloc_trim(0), looked up at run time (the Glibc module does not export it): returns
/// freed heap pages to the system, so the second reading shows what the graph itself holds.
func releaseFreeMemory() {
    guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "malloc_trim") else { return }
    typealias Trim = @convention(c) (Int) -> Int32
    _ = unsafeBitCast(symbol, to: Trim.self)(0)
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func seconds(_ from: UInt64, _ to: UInt64) -> Double { Double(to - from) / 1e9 }

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// A query engine over `store` with the session's safety limits raised: the benchmark measures
/// the engine, not the limits.
func benchEngine(_ store: FactStore) -> QueryEngine {
    let engine = QueryEngine(store: store)
    engine.limits = QueryLimits(maxRows: 100_000_000, maxIntermediateRows: 1_000_000_000, timeout: nil)
    return engine
}

/// Writes the report to `path`, or to standard output without one. AtomicFile, as kgsh's
/// exports: Foundation's atomic write renames its file over the target even when that is a
/// device (`--json /dev/null` run as root left /dev/null a regular file).
func emit(_ report: JSON, to path: String?) {
    var out = ""
    report.write(into: &out)
    out += "\n"
    guard let path else { return print(out, terminator: "") }
    do { try AtomicFile.write(out, to: path) } catch { fail("cannot write \(path): \(error)") }
}

/// The statement of a query file: its lines without `#` comment lines, joined by spaces.
func readQuery(_ dir: String, _ q: String) -> String? {
    guard let n = Int(q.dropFirst()) else { return nil }
    let path = dir + "/" + String(format: "q%02d.kq", n)
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    return text.split(separator: "\n")
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        .joined(separator: " ")
}

/// A materialised result row: terms (entities, literals) or a computed number.
enum Cell {
    case term(TermID, Term)
    case int(Int)
    case unbound
}

/// Runs one statement and materialises every row: each id becomes its term (with the strings it
/// holds); a `path` statement becomes one row holding the length of its shortest connection.
func execute(_ engine: QueryEngine, _ text: String) throws -> [[Cell]] {
    switch engine.run(text) {
    case .failure(let f):
        throw BenchError(message: f.message)
    case .success(.table(let result)):
        let terms = result.terms
        return result.rows.map { row in row.map { $0.map { Cell.term($0, terms[$0]) } ?? .unbound } }
    case .success(.paths(let paths, _, _, _)):
        return paths.isEmpty ? [] : [[.int(paths[0].count)]]
    case .success(let other):
        throw BenchError(message: "unexpected statement result \(other)")
    }
}

struct BenchError: Error { let message: String }

// MARK: - JSON

/// A JSON value, written by hand so that decimals stay floats (`12.0`, not `12`) for Python.
indirect enum JSON {
    case null, bool(Bool), int(Int), double(Double), string(String)
    case array([JSON]), object([(String, JSON)])

    func write(into out: inout String, indent: Int = 0) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            let s = d.isFinite ? "\(d)" : "null"
            out += s
        case .string(let s): JSON.quote(s, into: &out)
        case .array(let xs):
            // Rows and other arrays of scalars stay on one line.
            let flat = xs.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
            if flat {
                out += "["
                for (i, x) in xs.enumerated() { if i > 0 { out += ", " }; x.write(into: &out) }
                out += "]"
            } else {
                out += "[\n"
                for (i, x) in xs.enumerated() {
                    out += String(repeating: " ", count: indent + 1)
                    x.write(into: &out, indent: indent + 1)
                    out += i + 1 < xs.count ? ",\n" : "\n"
                }
                out += String(repeating: " ", count: indent) + "]"
            }
        case .object(let fields):
            out += "{\n"
            for (i, (k, v)) in fields.enumerated() {
                out += String(repeating: " ", count: indent + 1)
                JSON.quote(k, into: &out)
                out += ": "
                v.write(into: &out, indent: indent + 1)
                out += i + 1 < fields.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 { out += String(format: "\\u%04x", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        out += "\""
    }
}

let rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
let rdfsLabel = "http://www.w3.org/2000/01/rdf-schema#label"

/// A cell as the peers' norm() sees it: IRIs as full IRI strings (the built-in type and label as
/// rdf:type and rdfs:label), integers as ints, decimals as floats, dates ISO, strings their text.
func json(_ cell: Cell, _ builtins: FactStore.Builtins) -> JSON {
    switch cell {
    case .unbound: return .null
    case .int(let i): return .int(i)
    case .term(let id, .entity(let name)):
        if id == builtins.type { return .string(rdfType) }
        if id == builtins.label { return .string(rdfsLabel) }
        return .string(name)
    case .term(_, .literal(let l)):
        switch l {
        case .integer(let v), .money(let v): return .int(Int(v))
        case .year(let y): return .int(Int(y))
        case .decimal(let d): return .double(Double(d.description) ?? .nan)
        case .boolean(let b): return .bool(b)
        case .string(let s, _): return .string(s)
        case .date, .dateTime: return .string(l.description)
        }
    }
}

// MARK: - main

// As kgsh's main does first: one malloc heap for all threads.
FreedMemory.oneHeapForAllThreads()
let opts = Options.parse(Array(CommandLine.arguments.dropFirst()))
if let larger = opts.larger { measureGrowth(opts, larger: larger) }
var report: [(String, JSON)] = []
let before = memory()
report.append(("tool", .string("kgsh")))
report.append(("nt", .string(opts.nt)))
let ntBytes = (try? FileManager.default.attributesOfItem(atPath: opts.nt)[.size] as? Int) ?? nil
report.append(("nt_bytes", ntBytes.map { .int($0) } ?? .null))
report.append(("rss_before_load_kb", .int(before.rss)))
report.append(("hwm_before_load_kb", .int(before.hwm)))

// The load: exactly what `kgsh --kb FILE` does (Sources/kgsh/main.swift).
let t0 = now()
let loaded = KnowledgeFiles.load([opts.nt], into: FactStore())
let t1 = now()
guard case .success(let (store, loadReport)) = loaded else {
    if case .failure(let f) = loaded { fail("the file did not load:\n" + f.rendered) }
    fail("the file did not load")
}
let afterLoad = memory()
releaseFreeMemory()
let afterTrim = memory()
let triples = loadReport.statements
func perTriple(_ kb: Int) -> JSON { triples > 0 ? .double(((Double(kb - before.rss) * 1024 / Double(triples)) * 10).rounded() / 10) : .null }
report.append(("load_s", .double(seconds(t0, t1))))
report.append(("triples_read", .int(triples)))
report.append(("facts", .int(store.factCount)))
report.append(("terms", .int(store.terms.count)))
report.append(("rss_after_load_kb", .int(afterLoad.rss)))
report.append(("hwm_after_load_kb", .int(afterLoad.hwm)))
report.append(("rss_after_trim_kb", .int(afterTrim.rss)))
report.append(("bytes_per_triple", perTriple(afterLoad.rss)))
report.append(("bytes_per_triple_trimmed", perTriple(afterTrim.rss)))
log(String(format: "kgsh load %.3fs triples=%d facts=%d rss=%.0fMB (trimmed %.0fMB) peak=%.0fMB bytes/triple=%.1f",
           seconds(t0, t1), triples, store.factCount, Double(afterLoad.rss) / 1024, Double(afterTrim.rss) / 1024,
           Double(afterLoad.hwm) / 1024, triples > 0 ? Double(afterLoad.rss - before.rss) * 1024 / Double(triples) : 0))

var queries: [(String, JSON)] = []
if !opts.loadOnly {
    let engine = benchEngine(store)
    for q in opts.queries {
        guard let text = readQuery(opts.queryDir, q) else {
            queries.append((q, .object([("status", .string("n/a")), ("error", .string("no query file"))])))
            continue
        }
        do {
            var rows: [[Cell]] = []
            for _ in 0..<opts.warmup { rows = try execute(engine, text) }
            var times: [Double] = []
            for _ in 0..<opts.runs {
                // The previous run's rows are freed before the clock starts, not inside this run.
                rows = []
                let a = now()
                rows = try execute(engine, text)
                times.append(seconds(a, now()))
            }
            let (mid, least, most) = (median(times), times.min()!, times.max()!)
            log(String(format: "  %@: rows=%7d median=%10.3f ms min=%10.3f max=%10.3f", q, rows.count,
                       mid * 1000, least * 1000, most * 1000))
            queries.append((q, .object([
                ("status", .string("ok")), ("text", .string(text)), ("rows", .int(rows.count)),
                ("median_s", .double(mid)), ("min_s", .double(least)), ("max_s", .double(most)),
                ("runs", .int(times.count)), ("warmup", .int(opts.warmup)), ("times_s", .array(times.map { .double($0) })),
                ("result", .array(rows.map { .array($0.map { json($0, store.builtins) }) })),
            ])))
        } catch let e as BenchError {
            log("  \(q): ERROR \(e.message)")
            queries.append((q, .object([("status", .string("error")), ("text", .string(text)), ("error", .string(e.message))])))
        }
    }
}
let end = memory()
report.append(("queries", .object(queries)))
report.append(("rss_end_kb", .int(end.rss)))
report.append(("hwm_end_kb", .int(end.hwm)))

emit(.object(report), to: opts.json)
if let path = opts.json { log("kgsh-bench: wrote \(path); peak RSS \(end.hwm / 1024) MB") }
