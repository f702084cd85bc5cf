import Foundation
import KGFormats
import KGModel
import KGQuery
import KGShell
import KGSparql
import Testing

/// What a user sees when the endpoint is not there, is slow, or rejects a query: the exact
/// messages, and kgsh's exit code.
@Suite("Endpoint errors", .serialized)
struct EndpointErrorTests {
    @Test("a refused connection: .connect fails under the URL, --endpoint exits 2")
    func refused() throws {
        let port = try OxigraphServer.freePort()
        let url = "http://127.0.0.1:\(port)/query"
        let session = Session(store: FactStore())
        let outcome = session.run(".connect \(url)")
        #expect(outcome.failed)
        #expect(outcome.errors.hasPrefix("1:10: error: cannot reach the SPARQL endpoint \(url): connection refused (is the server running?)\n"))
        #expect(session.backend == nil)
    }

    @Test("not a URL")
    func notURL() {
        let session = Session(store: FactStore())
        let outcome = session.run(".connect localhost:7878")
        #expect(outcome.errors.hasPrefix("1:10: error: 'localhost:7878' is not an http or https URL of a SPARQL endpoint\n"))
    }

    @Test("a server that never answers: the timeout's message")
    func timeout() throws {
        // A listener that accepts every connection and says nothing, for 30 s.
        let port = try OxigraphServer.freePort()
        let listener = "import socket,time\ns=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1',\(port))); s.listen()\nheld=[]\nwhile True: held.append(s.accept())"
        let start = try Subprocess.run("/bin/sh", ["-c", "timeout 30 python3 -c \"$0\" >/dev/null 2>&1 & echo $!", listener], timeout: 10)
        let pid = Int32(String(decoding: start.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        defer { if pid > 0 { kill(pid, SIGTERM) } }
        // Listening once a connection is accepted.
        let probe = try Subprocess.run("/usr/bin/env", ["python3", "-c", "import socket,time\nfor _ in range(100):\n  try: socket.create_connection(('127.0.0.1',\(port)), 1); break\n  except OSError: time.sleep(0.1)"], timeout: 20)
        #expect(probe.status == 0)
        let url = "http://127.0.0.1:\(port)/query"
        switch SPARQLBackend.connect(url, timeout: 1) {
        case .success: Issue.record("connected to a server that never answers")
        case .failure(let e):
            #expect(e.kind == .timedOut)
            #expect(e.message == "the SPARQL endpoint \(url) did not answer within 1 s")
        }
    }

    @Test("Ctrl-C and .limit time stop a statement the engine is slow to answer, as on the embedded graph")
    func interrupted() throws {
        let server = try OxigraphServer.seed()
        let session = Session(store: FactStore(), cancellation: Cancellation())
        #expect(session.connect(server.endpoint) == nil)
        // Three unrelated patterns: about 10^11 rows to count, far more than a second's work.
        let slow = "find count(*) as n where ?a ?p ?b, ?c ?q ?d, ?e ?r ?f"
        #expect(session.run(".limit time 0.5").errors == "")
        #expect(session.run(slow).errors == "error: the query ran longer than 0.5 s: make it more selective, or raise .limit time N\n")
        let cancellation = session.engine.cancellation
        _ = session.run(".limit time 60")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { cancellation.cancel() }
        let started = Date()
        #expect(session.run(slow).errors == "Interrupted\n")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("a query the engine rejects: HTTP 400 with the engine's own message; a statement error prints after 'error:'")
    func rejected() throws {
        let server = try OxigraphServer.seed()
        let client = try #require(SPARQLClient(endpoint: server.endpoint))
        #expect(throws: SPARQLError.self) { try client.select("SELEC ?x WHERE { ?x ?p ?o }") }
        do {
            _ = try client.select("SELEC ?x WHERE { ?x ?p ?o }")
        } catch {
            #expect(error.kind == .http(400))
            // Oxigraph's own words (its version is pinned in tools/test).
            #expect(error.message == "the SPARQL endpoint \(server.endpoint) answered HTTP 400 (Bad Request): error at 1:10: expected CONSTRUCT")
        }
        // In the shell: statements after connecting, and the end of the session's errors.
        let session = Session(store: FactStore())
        #expect(session.connect(server.endpoint) == nil)
        #expect(session.run("find ?x where ?x nosuch ?y").errors.hasPrefix("1:18: error: unknown predicate 'nosuch'"))
        let export = session.run("export all as nt")
        #expect(export.errors.contains("error: export reads the embedded store: on a SPARQL endpoint, export with the engine's own tools"))
        #expect(session.run(".connect").output == "connected to \(server.endpoint)\n")
        #expect(session.run(".load Knowledge").errors.hasPrefix("1:1: error: connected to \(server.endpoint): .load reads files into the embedded graph — .disconnect first\n"))
        session.disconnect()
        #expect(session.run(".connect").output == "not connected: statements run on the embedded graph\n")
    }

    @Test("kgsh --endpoint: answers, and exit code 2 when the endpoint cannot be reached")
    func binary() throws {
        let binary = Paths.repository.appendingPathComponent(".build/debug/kgsh").path
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kgsh").path
        let kgsh = FileManager.default.isExecutableFile(atPath: beside) ? beside : binary
        let port = try OxigraphServer.freePort()
        let refused = try Subprocess.run(kgsh, ["--endpoint", "http://127.0.0.1:\(port)/query", "-c", "show 인천시"], timeout: 60)
        #expect(refused.status == 2)
        #expect(String(decoding: refused.stderr, as: UTF8.self) == "kgsh: cannot reach the SPARQL endpoint http://127.0.0.1:\(port)/query: connection refused (is the server running?)\n")
        // `.invalid` never resolves (RFC 2606).
        let unknown = try Subprocess.run(kgsh, ["--endpoint", "http://no-such-host.invalid/query", "-c", "show 인천시"], timeout: 60)
        #expect(unknown.status == 2)
        #expect(String(decoding: unknown.stderr, as: UTF8.self) == "kgsh: cannot reach the SPARQL endpoint http://no-such-host.invalid/query: unknown host 'no-such-host.invalid'\n")
        let server = try OxigraphServer.seed()
        let run = try Subprocess.run(kgsh, ["--endpoint", server.endpoint, "--format", "csv", "-c", "find ?o, count(?a) as n where ?a awardedTo ?o group by ?o order by n desc, ?o"], timeout: 60)
        #expect(run.status == 0)
        // CSV is RFC 4180: lines end in CR LF.
        #expect(String(decoding: run.stdout, as: UTF8.self) == "o,n\r\n인천광역시,2\r\n대구광역시,1\r\n대구노원안경제조 소공인특화지원센터,1\r\n")
    }
}
