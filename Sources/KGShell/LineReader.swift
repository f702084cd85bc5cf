/// Where the shell's lines come from: a terminal through readline, standard input, or a script.
public protocol LineReader {
    /// The next line without its newline, or nil at end of input.
    mutating func readLine(prompt: String) -> String?
    /// Remembers a statement for recall (terminal readers only).
    mutating func remember(_ statement: String)
    /// Whether Ctrl-C was pressed while the last line was read: the line then starts afresh, and
    /// an unfinished statement before it is dropped.
    mutating func wasInterrupted() -> Bool
}

extension LineReader {
    public mutating func remember(_ statement: String) {}
    public mutating func wasInterrupted() -> Bool { false }
}

/// Lines from a fixed list, for tests.
public struct ScriptedReader: LineReader {
    private var lines: [String]
    private let interrupts: Set<Int>
    private var read = 0
    public private(set) var prompts: [String] = []

    /// - Parameter interruptedBefore: indexes of lines typed after a Ctrl-C at the prompt.
    public init(_ lines: [String], interruptedBefore: Set<Int> = []) {
        self.lines = lines
        self.interrupts = interruptedBefore
    }

    public mutating func readLine(prompt: String) -> String? {
        prompts.append(prompt)
        read += 1
        return lines.isEmpty ? nil : lines.removeFirst()
    }

    public mutating func wasInterrupted() -> Bool { interrupts.contains(read - 1) }
}

/// The interactive loop: prompt, read (continuing on `...> ` while a statement is open), run,
/// print — until end of input or `.quit`. Each whole statement goes to the history, and
/// `historyChanged` gets the history before the statement runs (kgsh saves it then, so that a
/// SIGTERM or SIGHUP, which ends kgsh at once, loses none of it). `run` runs a line's
/// statements (kgsh's prompt: a `StatementWorker`); by default the session does, on this thread.
public struct Repl {
    public static let prompt = "kgsh> "
    public static let continuation = "...> "

    public static func run(session: Session, reader: inout some LineReader,
                           write: (String) -> Void, writeError: (String) -> Void,
                           historyChanged: ([String]) -> Void = { _ in },
                           run: ((String) -> Outcome)? = nil) {
        while !session.quitRequested {
            guard var statement = reader.readLine(prompt: prompt) else { break }
            while StatementSplitter.needsContinuation(statement) {
                guard let more = reader.readLine(prompt: continuation) else { break }
                // Ctrl-C at the continuation prompt drops the unfinished statement.
                statement = reader.wasInterrupted() ? more : statement + "\n" + more
            }
            guard !statement.trimmingSpaces.isEmpty else { continue }
            if History.add(statement, to: &session.history) {
                reader.remember(statement)
                historyChanged(session.history)
            }
            let outcome = run?(statement) ?? session.run(statement, keepGoing: true)
            if !outcome.output.isEmpty { write(outcome.output) }
            if !outcome.errors.isEmpty { writeError(outcome.errors) }
        }
        let closed = session.closeOutput()
        if !closed.errors.isEmpty { writeError(closed.errors) }
    }
}
