import Dispatch
import Foundation
import KGQuery
import Synchronization

/// Runs the prompt's statements on a thread of their own, so that Ctrl-C answers at once.
///
/// A query stopped after finding millions of rows still has to free them, which takes a good
/// part of a second, and between two checks for Ctrl-C it may be copying a large array. The
/// worker reports `Interrupted` as soon as the statement has seen the cancellation
/// (`Cancellation.wasSeen`) or, for a statement that only reads, at once (`abandon()`: its
/// answer is dropped should it come), and goes back to the prompt. The statement's thread stops
/// and frees its rows meanwhile; the next statement starts once it has.
public final class StatementWorker: @unchecked Sendable {
    // @unchecked: the session is used by one statement at a time — `run` waits for the one
    // before — and, while a stopped statement unwinds, by nothing else than that statement.
    private let session: Session
    private let cancellation: Cancellation
    /// Signalled when the last statement has finished, freeing included.
    private var previous: DispatchSemaphore?

    /// The thread's stack: the parsers' depth limits are set for the main thread's 8 MB.
    static let stackSize = 16 << 20

    public init(session: Session, cancellation: Cancellation) {
        self.session = session
        self.cancellation = cancellation
    }

    /// The outcome of `text`, or `Interrupted` once Ctrl-C has stopped it.
    public func run(_ text: String) -> Outcome {
        finish()
        // A Ctrl-C that reached a statement Ctrl-C could not stop (.load) does not carry over.
        cancellation.reset()
        let done = DispatchSemaphore(value: 0)
        // The outcomes of the line's statements so far: those before an interrupted one print.
        let finished = Mutex(Outcome())
        let thread = Thread { [self] in
            // Ctrl-C, SIGTERM and SIGHUP go to the main thread, whose handlers expect them.
            var signals = sigset_t()
            sigemptyset(&signals)
            for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
            pthread_sigmask(SIG_BLOCK, &signals, nil)
            _ = session.run(text, keepGoing: true) { outcome in finished.withLock { $0.append(outcome) } }
            done.signal()
        }
        thread.stackSize = Self.stackSize
        thread.start()
        while done.wait(timeout: .now() + .milliseconds(2)) == .timedOut {
            // Stopped, or only reading and cancelled (then abandoned: it stops at its next
            // check, or its answer is dropped).
            if cancellation.wasSeen || cancellation.abandon() {
                previous = done
                var outcome = finished.withLock { $0 }
                // The worker may have got there first.
                if !outcome.interrupted { outcome.append(.interruptedByUser) }
                return outcome
            }
        }
        return finished.withLock { $0 }
    }

    /// Waits until the last statement has finished, freeing included.
    public func finish() {
        previous?.wait()
        previous = nil
    }
}
