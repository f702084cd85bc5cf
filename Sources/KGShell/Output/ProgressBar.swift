import Foundation
import KGFormats

/// A one-line progress bar on standard error for a long load: drawn only on a terminal, only once
/// the load has taken a second, redrawn at most ten times a second, and erased when done.
///
///     loading kg_5m.nt  [##########··········]   52%  306 of 588 MB
public final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let write: @Sendable (String) -> Void
    private let clock: @Sendable () -> Double
    private let start: Double
    private let lock = NSLock()
    private var lastDrawn = -1.0
    private var drawn = false

    /// - Parameters:
    ///   - write: where the bar goes (standard error when it is a terminal).
    ///   - clock: seconds, for tests; the monotonic clock by default.
    public init(label: String, write: @escaping @Sendable (String) -> Void,
                clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.label = label
        self.write = write
        self.clock = clock
        start = clock()
    }

    /// A bar on standard error when it is a terminal, else nil.
    public static func onTerminal(label: @autoclosure () -> String) -> ProgressBar? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        return ProgressBar(label: label()) { FileHandle.standardError.write(Data($0.utf8)) }
    }

    /// Shows `done` of `total` bytes.
    public func update(done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = clock()
        guard now - start >= 1, now - lastDrawn >= 0.1 || done >= total, total > 0 else { return }
        lastDrawn = now
        drawn = true
        write("\r" + ProgressBar.line(label: label, done: done, total: total) + "\u{1B}[K")
    }

    /// Erases the bar if it was drawn.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { write("\r\u{1B}[K") }
        drawn = false
    }

    /// The bar's text for `done` of `total` bytes.
    static func line(label: String, done: Int, total: Int) -> String {
        let fraction = min(1, Double(done) / Double(max(1, total)))
        let filled = Int((fraction * 20).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: 20 - filled)
        let percent = Int((fraction * 100).rounded(.down))
        let pad = String(repeating: " ", count: percent < 10 ? 2 : percent < 100 ? 1 : 0)
        // Once every byte is read the graph is still being merged and indexed: say so.
        let tail = done >= total ? "\(total >> 20) MB read, indexing…" : "\(done >> 20) of \(total >> 20) MB"
        return "\(label)  [\(bar)]  \(pad)\(percent)%  \(tail)"
    }

    /// "loading a.nt, b.ttl" for the files a load names (the first three).
    public static func label(for paths: [String]) -> String {
        let names = paths.map { URL(fileURLWithPath: $0).lastPathComponent }
        return "loading " + names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
    }

    /// A `LoadProgress` that draws this bar.
    public func progress() -> LoadProgress {
        LoadProgress { [self] done, total in update(done: done, total: total) }
    }
}
