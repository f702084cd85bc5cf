import Foundation

/// How far a load has read, in bytes of its files, for a progress bar. Readers on several cores
/// add to it at once; `onChange` gets (bytes read, bytes in all) after each addition.
public final class LoadProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    public private(set) var total = 0
    private let onChange: @Sendable (Int, Int) -> Void

    public init(onChange: @escaping @Sendable (_ done: Int, _ total: Int) -> Void) {
        self.onChange = onChange
    }

    /// Sets the bytes the load will read in all.
    func begin(total: Int) {
        lock.lock()
        self.total = total
        lock.unlock()
    }

    /// Records `bytes` more read.
    func add(_ bytes: Int) {
        guard bytes > 0 else { return }
        lock.lock()
        done += bytes
        let (d, t) = (done, total)
        lock.unlock()
        onChange(d, t)
    }

    /// Bytes read so far.
    public var read: Int {
        lock.lock()
        defer { lock.unlock() }
        return done
    }
}
