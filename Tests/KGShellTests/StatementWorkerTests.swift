import Foundation
import KGQuery
import KGShell
import Testing

/// The prompt's statements on a worker thread (`StatementWorker`): Ctrl-C's `Interrupted`, what
/// a line keeps of the statements around a stopped one, and the next statement after it.
/// (How fast Interrupted comes is measured, not tested: Benchmarks/ctrlc.py.)
@Suite("Statements on a worker thread")
struct StatementWorkerTests {
    /// Finds rows until cancelled: a product of three patterns on the seed graph.
    static let endless = "?a ?p ?b, ?c ?q ?d, ?e ?r ?f"

    /// Cancels `cancellation` after `seconds`, as Ctrl-C does.
    func cancel(_ cancellation: Cancellation, after seconds: Double) {
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: seconds)
            cancellation.cancel()
        }
    }

    /// A session on the seed graph whose memory limit lets `endless` run until it is cancelled.
    func endlessSession() -> (Session, Cancellation) {
        let cancellation = Cancellation()
        let session = Session(store: seedStore, cancellation: cancellation)
        _ = session.run(".limit memory 100000000")
        return (session, cancellation)
    }

    @Test("Ctrl-C: Interrupted, and the next statement answers as usual")
    func interruptedThenNext() {
        let (session, cancellation) = endlessSession()
        let worker = StatementWorker(session: session, cancellation: cancellation)
        cancel(cancellation, after: 0.3)
        let stopped = worker.run(Self.endless)
        #expect(stopped.output == "" && stopped.errors == "Interrupted\n")
        #expect(stopped.failed && stopped.interrupted)
        let next = worker.run("show 대구시")
        #expect(next.output.hasPrefix("대구광역시 — daegu\n"))
        #expect(next.errors == "" && !next.failed)
        worker.finish()
    }

    @Test("a line stopped by Ctrl-C prints what ran before it, and runs nothing after it")
    func lineStops() {
        let (session, cancellation) = endlessSession()
        let worker = StatementWorker(session: session, cancellation: cancellation)
        cancel(cancellation, after: 0.3)
        let stopped = worker.run("find ?n where 대구시 mayor ?m, ?m label ?n, lang(?n) = \"ko\"; \(Self.endless); .mode csv")
        #expect(stopped.errors == "Interrupted\n")
        #expect(stopped.interrupted && stopped.failed)
        #expect(stopped.output == "┌────────┐\n│ n      │\n├────────┤\n│ 권영진 │\n└────────┘\n1 row\n")
        worker.finish()
        #expect(session.options.mode == .table, ".mode csv after the stopped statement did not run")
    }

    @Test("without a worker the session stops the line at Ctrl-C too, even when it keeps going after errors")
    func sessionStopsLine() {
        let (session, cancellation) = endlessSession()
        cancel(cancellation, after: 0.3)
        let stopped = session.run("show 없는것; \(Self.endless); .mode csv", keepGoing: true)
        #expect(stopped.errors.hasSuffix("Interrupted\n"))
        #expect(stopped.errors.contains("no entity '없는것'"), "the error before it is kept")
        #expect(session.options.mode == .table)
    }

    @Test("abandoning: only a cancelled statement that only reads, once; its answer is then dropped")
    func abandoning() {
        let c = Cancellation()
        c.allowAbandoning()
        #expect(!c.abandon(), "not cancelled")
        c.cancel()
        #expect(c.abandon())
        #expect(!c.abandon(), "once")
        #expect(!c.finishStatement(), "the session drops the answer")
        #expect(c.finishStatement(), "the next statement starts unclaimed")
        c.reset()
        c.cancel()
        #expect(!c.abandon(), "a statement that may write (.load, export, rule) is never abandoned")
        #expect(c.finishStatement())
    }

    @Test("statements that finish come back whole, with their errors")
    func plain() {
        let worker = StatementWorker(session: Session(store: seedStore), cancellation: Cancellation())
        let outcome = worker.run("show 없는것")
        #expect(outcome.failed && !outcome.interrupted)
        #expect(outcome.errors.hasPrefix("1:6: error: no entity '없는것'"))
    }
}
