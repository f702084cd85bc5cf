import Foundation

/// Hands the heap a load freed back to the system.
///
/// A load of millions of triples builds and drops temporaries (the parts' dictionaries, the
/// columns the indexes are sorted by); glibc keeps that memory in the process unless asked to
/// return it, so the shell would hold a third more than the graph needs (96 against 65 bytes per
/// triple at 1M). `malloc_trim` is glibc's, found at run time; elsewhere this does nothing.
enum FreedMemory {
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    static func returnToSystem() { _ = trim?(0) }
}
