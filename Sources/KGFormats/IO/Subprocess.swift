import Foundation

/// Runs a program and waits for it with `posix_spawn` and a blocking `waitpid`.
///
/// Foundation's `Process` on Linux learns of a child's exit through its run loop, and under some
/// parents (no terminal, a new session, many children at once) it can miss the exit and wait for
/// ever beside a zombie. This runner owns the whole life cycle instead: the output channels it makes are
/// close-on-exec (so a child started on another thread cannot hold them open), the child starts
/// with an empty signal mask and default SIGINT/SIGPIPE/SIGHUP/SIGTERM handling whatever the
/// parent inherited, standard input comes from an unlinked temporary file (no SIGPIPE, no full
/// pipe), and the output pipes are drained with `poll` while the child runs.
public enum Subprocess {
    public struct Result: Sendable {
        /// The exit status, or 128 + the signal number when a signal ended the child.
        public let status: Int32
        public let stdout: Data
        public let stderr: Data
        /// True when the child was killed because it outlived its timeout.
        public let timedOut: Bool
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Runs `executable` (a path) with `arguments`.
    /// - Parameters:
    ///   - input: standard input; nil reads `/dev/null`.
    ///   - captureOutput: false sends standard output and error to `/dev/null` (for programs
    ///     that leave a daemon behind holding them, like `tmux new-session`).
    ///   - timeout: seconds after which the child gets SIGKILL and `timedOut` is true.
    public static func run(_ executable: String, _ arguments: [String], input: Data? = nil,
                           directory: String? = nil, environment: [String: String]? = nil,
                           captureOutput: Bool = true, timeout: Double? = nil) throws(Failure) -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        var noSignals = sigset_t(), defaults = sigset_t()
        sigemptyset(&noSignals)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGPIPE, SIGHUP, SIGTERM, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var opened: [Int32] = []
        defer { for fd in opened { close(fd) } }

        // Standard input.
        let inputFD: Int32
        if let input {
            var template = Array((NSTemporaryDirectory() + "/kgsh-stdin-XXXXXX").utf8CString)
            inputFD = mkstemp(&template)
            guard inputFD >= 0 else { throw Failure(description: "cannot make a temporary file for standard input: \(errnoText())") }
            _ = fcntl(inputFD, F_SETFD, FD_CLOEXEC)
            opened.append(inputFD)
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            let written = input.withUnsafeBytes { buffer in writeAll(inputFD, buffer) }
            guard written, lseek(inputFD, 0, SEEK_SET) == 0 else { throw Failure(description: "cannot write standard input: \(errnoText())") }
        } else {
            inputFD = open("/dev/null", O_RDONLY | O_CLOEXEC)
            guard inputFD >= 0 else { throw Failure(description: "cannot open /dev/null: \(errnoText())") }
            opened.append(inputFD)
        }
        posix_spawn_file_actions_adddup2(&actions, inputFD, 0)

        // Standard output and error.
        var readEnds: [Int32] = []
        if captureOutput {
            for target: Int32 in [1, 2] {
                // A socket pair rather than pipe(2): it is born close-on-exec in one call.
                var fds: [Int32] = [0, 0]
                guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else {
                    throw Failure(description: "cannot make a socket pair: \(errnoText())")
                }
                shutdown(fds[0], Int32(SHUT_WR))
                opened.append(fds[1])
                readEnds.append(fds[0])
                posix_spawn_file_actions_adddup2(&actions, fds[1], target)
            }
        } else {
            let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
            guard null >= 0 else { throw Failure(description: "cannot open /dev/null: \(errnoText())") }
            opened.append(null)
            posix_spawn_file_actions_adddup2(&actions, null, 1)
            posix_spawn_file_actions_adddup2(&actions, null, 2)
        }
        defer { for fd in readEnds { close(fd) } }
        if let directory {
            guard let addChdir = addChdir else { throw Failure(description: "cannot run '\(executable)' in '\(directory)': posix_spawn cannot change directory here") }
            _ = addChdir(&actions, directory)
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let environmentStrings = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let envp = environmentStrings.map { strdup($0) } + [nil]
        defer { for pointer in envp { free(pointer) } }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw Failure(description: "cannot run '\(executable)': \(String(cString: strerror(spawned)))")
        }
        // The parent's copies of the child's ends: closed now, so end of file arrives when the
        // child (and whatever it started) closes its own.
        for fd in opened { close(fd) }
        opened = []

        let deadline = timeout.map { Date().addingTimeInterval($0) }
        var timedOut = false
        var outputs = [Data(), Data()]
        var open = readEnds.indices.map { _ in true }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while open.contains(true) {
            var pollFDs = readEnds.indices.filter { open[$0] }.map { pollfd(fd: readEnds[$0], events: Int16(POLLIN), revents: 0) }
            let wait = deadline.map { max(0, Int32($0.timeIntervalSinceNow * 1000)) } ?? -1
            let ready = poll(&pollFDs, nfds_t(pollFDs.count), wait)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 { timedOut = true; kill(pid, SIGKILL); break }
            for polled in pollFDs where polled.revents != 0 {
                guard let index = readEnds.firstIndex(of: polled.fd) else { continue }
                let count = read(polled.fd, &buffer, buffer.count)
                if count > 0 { outputs[index].append(contentsOf: buffer[0..<count]) } else if count == 0 || errno != EINTR { open[index] = false }
            }
        }
        // Output closed (or never captured): wait for the exit itself, within the deadline.
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, timedOut || deadline == nil ? 0 : WNOHANG)
            if waited == pid { break }
            if waited < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot wait for '\(executable)': \(errnoText())")
            }
            if let deadline, Date() >= deadline { timedOut = true; kill(pid, SIGKILL); continue }
            usleep(5_000)
        }
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exit, stdout: outputs.first ?? Data(), stderr: outputs.count > 1 ? outputs[1] : Data(), timedOut: timedOut)
    }

    /// The first executable file called `program` on `PATH`.
    public static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = String(dir) + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), declared only under _GNU_SOURCE.
    private static let addChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }()

    private static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let count = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 { if errno == EINTR { continue }; return false }
            offset += count
        }
        return true
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
