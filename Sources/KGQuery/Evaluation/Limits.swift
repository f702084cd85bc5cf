import Foundation
import Synchronization

/// Bounds on one statement's work; each has a clear message when reached.
public struct QueryLimits: Sendable, Equatable {
    /// Rows a result may have.
    public var maxRows: Int
    /// Rows any intermediate step may hold (a memory bound).
    public var maxIntermediateRows: Int
    /// Seconds a statement may run; nil for no limit.
    public var timeout: Double?

    public init(maxRows: Int = 1_000_000, maxIntermediateRows: Int = 10_000_000, timeout: Double? = nil) {
        self.maxRows = maxRows
        self.maxIntermediateRows = maxIntermediateRows
        self.timeout = timeout
    }
}

/// A flag another thread (the shell's Ctrl-C handler) sets to stop the running statement.
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)
    private let seen = Atomic<Bool>(false)
    /// 0: the running statement must finish or see the cancellation; 1: it only reads, and the
    /// shell may abandon it; 2: the shell has abandoned it (its result is dropped).
    private let claim = Atomic<UInt8>(0)

    public init() {}

    public func cancel() { flag.store(true, ordering: .relaxed) }

    public func reset() {
        flag.store(false, ordering: .relaxed)
        seen.store(false, ordering: .releasing)
        claim.store(0, ordering: .sequentiallyConsistent)
    }

    /// The engine: the statement starting only reads the graph (a query, show, why, path), so
    /// Ctrl-C may abandon it at once — nothing it does is kept once it is cancelled.
    public func allowAbandoning() { claim.store(1, ordering: .sequentiallyConsistent) }

    /// The shell, after Ctrl-C: takes a cancelled statement that only reads as stopped, though it
    /// may still be running. True at most once per statement.
    public func abandon() -> Bool {
        isCancelled && claim.compareExchange(expected: 1, desired: 2, ordering: .sequentiallyConsistent).exchanged
    }

    /// The session, as a statement ends: false when the shell abandoned it, and its result must
    /// be dropped (the user saw `Interrupted`). Either way the next statement starts unclaimed.
    public func finishStatement() -> Bool {
        claim.exchange(0, ordering: .sequentiallyConsistent) != 2
    }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    /// Whether the running statement saw the cancellation and stopped working: what is left is
    /// unwinding and freeing its rows, which may take a good part of a second after millions of
    /// them. The shell prints `Interrupted` at this point rather than after the freeing.
    public var wasSeen: Bool { seen.load(ordering: .acquiring) }

    func markSeen() { seen.store(true, ordering: .releasing) }
}

/// Why a statement stopped before its answer.
public enum EvaluationError: Error, Equatable, Sendable {
    case cancelled
    case tooManyRows(Int)
    case tooManyIntermediateRows(Int)
    case timedOut(Double)
    case notStratifiable(String)
    /// A regular expression that came from the data and cannot be used.
    case badPattern(String)

    public var message: String {
        switch self {
        case .cancelled: "Interrupted"
        case .tooManyRows(let n): "the result has more than \(n) row\(n == 1 ? "" : "s"): add 'limit N', or raise the limit with .limit rows N"
        case .tooManyIntermediateRows(let n): "the query needs more than \(n) intermediate row\(n == 1 ? "" : "s"): make the pattern more selective, or raise .limit memory N"
        case .timedOut(let s): "the query ran longer than \(Limits.format(s)) s: make it more selective, or raise .limit time N"
        case .notStratifiable(let m): m
        case .badPattern(let m): m
        }
    }
}

enum Limits {
    static func format(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(s) }
}

/// Checks cancellation, time and row budgets every few thousand rows.
struct Budget {
    let limits: QueryLimits
    let cancellation: Cancellation?
    let deadline: Date?
    private var ticks = 0

    init(limits: QueryLimits, cancellation: Cancellation?) {
        self.limits = limits
        self.cancellation = cancellation
        self.deadline = limits.timeout.map { Date().addingTimeInterval($0) }
    }

    /// Call once per row produced; checks the flags every 2,048 calls.
    @inline(__always)
    mutating func tick() throws {
        ticks &+= 1
        if ticks & 2047 == 0 { try check() }
    }

    func check() throws {
        if let cancellation, cancellation.isCancelled {
            cancellation.markSeen()
            throw EvaluationError.cancelled
        }
        if let deadline, Date() > deadline { throw EvaluationError.timedOut(limits.timeout ?? 0) }
    }

    func checkSize(_ n: Int) throws {
        if n > limits.maxIntermediateRows { throw EvaluationError.tooManyIntermediateRows(limits.maxIntermediateRows) }
    }
}
