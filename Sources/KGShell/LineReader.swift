/// Where the shell's lines come from: a terminal through readline, standard input, or a script.
public protocol LineReader {
    /// The next line without its newline, or nil at end of input.
    mutating func readLine(prompt: String) -> String?
    /// Remembers a statement for recall (terminal readers only).
    mutating func remember(_ statement: String)
}

extension LineReader {
    public mutating func remember(_ statement: String) {}
}

/// Lines from a fixed list, for tests.
public struct ScriptedReader: LineReader {
    private var lines: [String]
    public private(set) var prompts: [String] = []

    public init(_ lines: [String]) { self.lines = lines }

    public mutating func readLine(prompt: String) -> String? {
        prompts.append(prompt)
        return lines.isEmpty ? nil : lines.removeFirst()
    }
}

/// The interactive loop: prompt, read, run, print — until end of input or `.quit`.
public struct Repl {
    public static func run(session: Session, reader: inout some LineReader,
                           write: (String) -> Void, writeError: (String) -> Void) {
        while !session.quitRequested, let line = reader.readLine(prompt: "kgsh> ") {
            guard !line.trimmingSpaces.isEmpty else { continue }
            reader.remember(line)
            let outcome = session.run(line)
            if !outcome.output.isEmpty { write(outcome.output) }
            if !outcome.errors.isEmpty { writeError(outcome.errors) }
        }
    }
}
