import Foundation
import Synchronization

/// Writes a file whole or not at all: into a temporary file beside it (`.NAME.kgsh-PID-N.tmp`),
/// flushed to disk, then renamed over it. While it is being written, the temporary file is on a
/// list that the handler `removeTemporaryFilesOnSignals()` installs reads: SIGTERM, SIGHUP or
/// SIGINT in the middle of a write leaves neither a half-written target nor a temporary file.
///
/// A target that is not a regular file — `/dev/null`, `/dev/stdout`, a named pipe — cannot be
/// replaced whole: it is written straight into (renaming over `/dev/null` would turn it into a
/// file for every program on the machine). A symbolic link is followed: the file it points to is
/// replaced, and the link stays.
public enum AtomicFile {
    public struct Failure: Error, Equatable, Sendable {
        public let message: String
    }

    /// - Throws: `Failure` with a message naming the path and the reason; the target is untouched.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { put in try data.withUnsafeBytes { try put($0) } }
    }

    /// Writes what `produce` hands its `put` piece by piece, so that a large export is never whole
    /// in memory; whole or not at all as `write(_:to:)` (a device or pipe is written into as the
    /// pieces come). An error `produce` throws leaves the target untouched and is thrown again.
    /// - Throws: `Failure` naming the path and the reason, or what `produce` threw.
    public static func write(to path: String, _ produce: (_ put: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        var target = path
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        if stat(target, &info) == 0, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFDIR {
            return try writeInPlace(to: target, named: path, produce)
        }
        try replace(target, named: path, produce)
    }

    /// The errno of a failed `write(2)`, thrown out of a producer.
    private struct WriteFailed: Error { let errno: Int32 }

    /// Writes into an existing device or pipe as it is.
    private static func writeInPlace(to target: String, named path: String, _ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let fd = open(target, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(message: "cannot write '\(path)': \(String(cString: strerror(errno)))") }
        var failure = try run(produce, into: fd)
        if close(fd) != 0, failure == 0, errno != EINTR { failure = errno }
        if failure != 0 { throw Failure(message: "cannot write '\(path)': \(String(cString: strerror(failure)))") }
    }

    /// Runs `produce` with `fd` to write into: 0, or the errno of the write that failed (which
    /// ended `produce`). An error `produce` throws itself closes `fd` and is thrown again.
    private static func run(_ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void, into fd: Int32) throws -> Int32 {
        do {
            try produce { try writeAll($0, to: fd) }
            return 0
        } catch let e as WriteFailed {
            return e.errno
        } catch {
            close(fd)
            throw error
        }
    }

    /// Writes all of `buffer`, or throws the errno of the failed write.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32) throws {
        var offset = 0
        while offset < buffer.count {
            let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 { if errno == EINTR { continue }; throw WriteFailed(errno: errno) }
            offset += n
        }
    }

    /// The file at `target` replaced by one holding what `produce` puts (messages name `path`, as
    /// the user wrote it).
    private static func replace(_ target: String, named path: String, _ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let url = URL(fileURLWithPath: target)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            // The directory as the path names it, relative or not.
            let written = (path as NSString).deletingLastPathComponent
            throw Failure(message: "cannot write '\(path)': no such directory '\(written.isEmpty ? "." : written)'")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).kgsh-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp").path
        // On the list before the file exists, off it only once it is renamed or removed.
        let slot = PendingFiles.add(temporary)
        defer { PendingFiles.remove(slot) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw Failure(message: "cannot write '\(path)': \(String(cString: strerror(errno)))") }
        var failure: Int32
        do { failure = try run(produce, into: fd) } catch {
            unlink(temporary)
            throw error
        }
        // Whole on disk before it takes the target's name (file systems that cannot sync say EINVAL).
        if failure == 0, fsync(fd) != 0, errno != EINVAL { failure = errno }
        if close(fd) != 0, failure == 0, errno != EINTR { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw Failure(message: "cannot write '\(path)': \(String(cString: strerror(failure)))")
        }
        PendingFiles.pauseForTests()
        if rename(temporary, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(message: "cannot write '\(path)': \(reason)")
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Installs handlers for SIGTERM, SIGHUP and SIGINT that remove the temporary files of writes
    /// in progress, then end the process as the signal would have. A signal the parent set to be
    /// ignored (`nohup` ignores SIGHUP) or handles otherwise is left alone; one it left blocked
    /// (some job runners do) is unblocked, so that `kill` ends kgsh. The executable calls this
    /// once, at start.
    public static func removeTemporaryFilesOnSignals() {
        PendingFiles.prepare()
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            var old = sigaction()
            sigaction(signal, nil, &old)
            guard unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_DFL, to: Int.self) else { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = removePendingAndDie
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
            sigaddset(&handled, signal)
        }
        sigprocmask(SIG_UNBLOCK, &handled, nil)
    }
}

/// The handler: only async-signal-safe calls (unlink, signal, raise) and atomic loads.
private let removePendingAndDie: @convention(c) (Int32) -> Void = { signal in
    PendingFiles.unlinkAll()
    _ = Glibc.signal(signal, SIG_DFL)
    raise(signal)
}

/// Temporary files being written now, in fixed slots a signal handler can read without locks or
/// allocation: a path is copied into a free slot, then the slot is marked ready.
enum PendingFiles {
    static let slots = 16
    static let capacity = Int(PATH_MAX)
    nonisolated(unsafe) static let storage: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: slots * capacity)
        p.initialize(repeating: 0, count: slots * capacity)
        return p
    }()
    /// Slots taken (bit i), and slots whose path is complete.
    static let taken = Atomic<UInt32>(0)
    static let ready = Atomic<UInt32>(0)
    /// Seconds to wait between writing a temporary file and renaming it, from
    /// `KGSH_TEST_PAUSE_BEFORE_RENAME`: lets a test send a signal in the middle of a write.
    static let testPause: Double = ProcessInfo.processInfo.environment["KGSH_TEST_PAUSE_BEFORE_RENAME"].flatMap(Double.init) ?? 0

    /// Touches the lazily made statics, so the signal handler never has to make them.
    static func prepare() {
        _ = storage
        _ = taken.load(ordering: .relaxed)
        _ = ready.load(ordering: .relaxed)
    }

    /// Puts `path` in a free slot; nil when every slot is taken or the path is too long (the
    /// write goes on, unprotected).
    static func add(_ path: String) -> Int? {
        let bytes = Array(path.utf8)
        guard bytes.count < capacity else { return nil }
        while true {
            let current = taken.load(ordering: .acquiring)
            guard let free = (0..<slots).first(where: { current & (1 << $0) == 0 }) else { return nil }
            guard taken.compareExchange(expected: current, desired: current | (1 << free), ordering: .acquiringAndReleasing).exchanged else { continue }
            let slot = storage + free * capacity
            for (i, b) in bytes.enumerated() { slot[i] = CChar(bitPattern: b) }
            slot[bytes.count] = 0
            ready.bitwiseOr(1 << free, ordering: .releasing)
            return free
        }
    }

    static func remove(_ slot: Int?) {
        guard let slot else { return }
        ready.bitwiseAnd(~(1 << slot), ordering: .releasing)
        taken.bitwiseAnd(~(1 << slot), ordering: .releasing)
    }

    static func unlinkAll() {
        let paths = ready.load(ordering: .acquiring)
        for i in 0..<slots where paths & (1 << i) != 0 { unlink(storage + i * capacity) }
    }

    static func pauseForTests() {
        if testPause > 0 { usleep(useconds_t(min(testPause, 60) * 1_000_000)) }
    }
}
