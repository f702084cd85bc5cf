import Foundation
import KGFormats
import KGModel
import KGShell
import Testing
#if canImport(Glibc)
import Glibc
#endif

enum Paths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let knowledge = repository.appendingPathComponent("Knowledge").path
}

/// The seed graph, loaded once.
let seedStore: FactStore = {
    switch KnowledgeFiles.load([Paths.knowledge], into: FactStore()) {
    case .success(let (store, _)): return store
    case .failure(let f): fatalError("Knowledge/ does not load:\n\(f.rendered)")
    }
}()

/// A real Oxigraph server (pip package `oxigraph`, installed by tools/test) on a free loopback
/// port, loaded with an N-Triples file; stopped when the value goes away. A missing `oxigraph`
/// fails the test that asks for one.
final class OxigraphServer {
    let directory: String
    let pid: Int32
    let port: Int
    var endpoint: String { "http://127.0.0.1:\(port)/query" }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Loads `ntriples` (a file) into a fresh store and serves it.
    init(loading ntriples: String) throws {
        guard let oxigraph = Subprocess.which("oxigraph") else {
            throw Failure(description: "oxigraph is not installed: python3 -m pip install oxigraph (tools/test does)")
        }
        directory = NSTemporaryDirectory() + "kgsh-oxigraph-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let load = try Subprocess.run(oxigraph, ["load", "--location", directory + "/store", "--file", ntriples], timeout: 300)
        guard load.status == 0 else { throw Failure(description: "oxigraph load failed: " + String(decoding: load.stderr, as: UTF8.self)) }
        port = try Self.freePort()
        // Started through sh so it outlives the runner's call; `timeout` ends it even if this
        // process dies before stopping it.
        let start = try Subprocess.run("/bin/sh", ["-c", "timeout 900 '\(oxigraph)' serve --location '\(directory)/store' --bind 127.0.0.1:\(port) >'\(directory)/serve.log' 2>&1 & echo $!"], timeout: 30)
        guard let pid = Int32(String(decoding: start.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "oxigraph serve did not start")
        }
        self.pid = pid
        // Ready when it answers a query.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let probe = try Subprocess.run("/usr/bin/env", ["python3", "-c", "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:\(port)/query?query=ASK%7B%7D', timeout=2)"], timeout: 10)
            if probe.status == 0 { return }
            usleep(200_000)
        }
        stop()
        throw Failure(description: "oxigraph serve did not answer on port \(port) within 30 s")
    }

    static func freePort() throws -> Int {
        let r = try Subprocess.run("/usr/bin/env", ["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"], timeout: 10)
        guard let port = Int(String(decoding: r.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "no free port")
        }
        return port
    }

    func stop() {
        // The pid is `timeout`'s, which passes SIGTERM on to the server.
        kill(pid, SIGTERM)
        _ = try? Subprocess.run("/usr/bin/env", ["pkill", "-TERM", "-P", String(pid)], timeout: 10)
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }

    /// The seed graph's `export all as nt`, served.
    static func seed() throws -> OxigraphServer {
        let file = NSTemporaryDirectory() + "kgsh-seed-\(UUID().uuidString).nt"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let session = Session(store: seedStore)
        let outcome = session.run("export all as nt to \(file)")
        guard !outcome.failed else { throw Failure(description: outcome.errors) }
        return try OxigraphServer(loading: file)
    }
}
