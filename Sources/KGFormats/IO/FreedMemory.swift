import Foundation

/// Hands the heap a load freed back to the system.
///
/// A load of millions of triples builds and drops temporaries (the parts' dictionaries, the
/// columns the indexes are sorted by); glibc keeps that memory in the process unless asked to
/// return it, so the shell would hold a third more than the graph needs (96 against 65 bytes per
/// triple at 1M). `malloc_trim` is glibc's, found at run time; elsewhere this does nothing.
public enum FreedMemory {
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    static func returnToSystem() { _ = trim?(0) }

    /// glibc's `mallopt`, found at run time like `malloc_trim`.
    private static let mallopt: (@convention(c) (Int32, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }()

    /// One heap for every thread (glibc's `M_ARENA_MAX` = 1). glibc gives a thread that
    /// allocates while another does a heap of its own; the threads a large load runs on (its
    /// parts, the label index) then leave freed memory resident in heaps that `malloc_trim`
    /// returns only in part: 107 against 89 bytes per triple at 1M, and no faster. Call it first
    /// in `main`, before any thread starts.
    public static func oneHeapForAllThreads() {
        let arenaMax: Int32 = -8  // M_ARENA_MAX in glibc's malloc.h
        _ = mallopt?(arenaMax, 1)
    }
}
