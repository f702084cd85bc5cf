import CReadline
import Foundation
import KGQuery
import KGShell
import Synchronization

/// A flag a signal handler may set and read.
final class SignalFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set(_ on: Bool) { value.store(on, ordering: .sequentiallyConsistent) }
    var isSet: Bool { value.load(ordering: .sequentiallyConsistent) }
}

/// Whether readline is waiting at the prompt (Ctrl-C then clears the line instead of cancelling).
let atPrompt = SignalFlag()
/// Whether Ctrl-C cleared the line being read (an unfinished statement is then dropped).
let promptInterrupted = SignalFlag()
/// What Ctrl-C cancels while a statement runs.
nonisolated(unsafe) var interruptTarget: Cancellation?
/// Completion state shared with readline's C callbacks.
nonisolated(unsafe) var completer: Completer?
nonisolated(unsafe) var lastCandidates: [Completer.Candidate] = []
/// The line as the last ambiguous completion left it: a Tab on that same line lists the candidates.
nonisolated(unsafe) var lineAfterCompletion: String?

/// Lines from a terminal through GNU readline: editing, history recall, ~/.inputrc, Tab
/// completion with the candidates' types, and Ctrl-C. The only file that touches readline.
struct ReadlineReader: LineReader {
    /// - Parameter history: earlier statements, oldest first, for Up to recall.
    init(session: Session, history: [String], cancellation: Cancellation) {
        // Readline reads Hangul as UTF-8 only under a UTF-8 locale; fall back to C.UTF-8 when the
        // environment names none (LANG unset, or C/POSIX).
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        kgsh_rl_setup(complete, display, wordBreaks)
        interruptTarget = cancellation
        completer = Completer(session: session)
        signal(SIGINT, interrupt)
        // A parent may have left SIGINT blocked (some job runners do); Ctrl-C must reach us.
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGINT)
        sigprocmask(SIG_UNBLOCK, &mask, nil)
        for entry in history { add_history(entry) }
    }

    mutating func readLine(prompt: String) -> String? {
        promptInterrupted.set(false)
        atPrompt.set(true)
        defer { atPrompt.set(false) }
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    mutating func remember(_ statement: String) {
        add_history(statement)
    }

    mutating func wasInterrupted() -> Bool { promptInterrupted.isSet }
}

/// Ctrl-C: at the prompt, clear the line (and drop an unfinished statement); while a statement
/// runs, cancel it.
private let interrupt: @convention(c) (Int32) -> Void = { _ in
    if atPrompt.isSet {
        promptInterrupted.set(true)
        _ = write(STDOUT_FILENO, "\n", 1)
        // At `...> ` the unfinished statement is dropped: back to the main prompt.
        rl_set_prompt(Repl.prompt)
        rl_replace_line("", 0)
        rl_on_new_line()
        rl_redisplay()
    } else {
        interruptTarget?.cancel()
    }
}

/// The word breaks for the line being completed (`Completer.wordBreaks`): a file name's `/` does
/// not end its word. Readline keeps the pointer, so each string is made once.
nonisolated(unsafe) private let fileNameBreaks = strdup(" \t\n")
private let wordBreaks: @convention(c) () -> UnsafeMutablePointer<CChar>? = {
    guard let buffer = kgsh_rl_line_buffer() else { return nil }
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(kgsh_rl_point()))
    let line = String(decoding: bytes, as: UTF8.self)
    return Completer.wordBreaks(line: line) == Completer.statementWordBreaks ? nil : fileNameBreaks
}

/// Readline's completion entry: candidates from the `Completer`, first the common prefix.
private let complete: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, end in
    kgsh_rl_completion_over()
    guard let completer, let text, let buffer = kgsh_rl_line_buffer() else { return nil }
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(end))
    let line = String(decoding: bytes, as: UTF8.self)
    let word = String(cString: text)
    let candidates = completer.candidates(line: line, word: word)
    lastCandidates = candidates
    guard !candidates.isEmpty else { return nil }
    if candidates.count > 1, line == lineAfterCompletion {
        // The second Tab: readline itself would list only on a third; list now.
        lineAfterCompletion = nil
        showCandidates(candidates.map(\.text))
        return nil
    }
    lineAfterCompletion = candidates.count > 1 ? String(line.dropLast(word.count)) + Completer.commonPrefix(candidates) : nil
    let matches = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: candidates.count + 2)
    let prefix = candidates.count == 1 ? candidates[0].text : Completer.commonPrefix(candidates)
    matches[0] = strdup(prefix)
    for (i, c) in candidates.enumerated() { matches[i + 1] = strdup(c.text) }
    matches[candidates.count + 1] = nil
    if candidates.count == 1 { matches[1] = nil }
    kgsh_rl_append_character(candidates.count == 1 && candidates[0].text.hasSuffix("/") ? 0 : 32)
    return matches
}

/// The second Tab's list: each candidate with what it is (its id and type, or keyword, predicate …).
private let display: @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, Int32, Int32) -> Void = { matches, count, _ in
    guard let matches else { return }
    var texts: [String] = []
    for i in 1...Int(max(1, count)) where i <= Int(count) {
        if let m = matches[i] { texts.append(String(cString: m)) }
    }
    lineAfterCompletion = nil
    showCandidates(texts)
}

/// Prints candidates under the prompt, each with its note, and redraws the line being edited.
private func showCandidates(_ texts: [String]) {
    let lines = texts.map { text in
        let note = lastCandidates.first { $0.text == text }?.note ?? ""
        return note.isEmpty ? text : "\(text)  (\(note))"
    }
    FileHandle.standardOutput.write(Data(("\n" + lines.joined(separator: "\n") + "\n").utf8))
    rl_forced_update_display()
}

/// Lines from standard input when it is not a terminal.
struct StandardInputReader: LineReader {
    mutating func readLine(prompt: String) -> String? { Swift.readLine(strippingNewline: true) }
}
