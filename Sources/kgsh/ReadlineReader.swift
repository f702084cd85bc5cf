import CReadline
import Foundation
import KGShell

/// Lines from a terminal through GNU readline: editing, history recall, ~/.inputrc.
/// The only file that touches readline's globals.
struct ReadlineReader: LineReader {
    init() {
        setlocale(LC_ALL, "")
    }

    mutating func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    mutating func remember(_ statement: String) {
        add_history(statement)
    }
}

/// Lines from standard input when it is not a terminal.
struct StandardInputReader: LineReader {
    mutating func readLine(prompt: String) -> String? { Swift.readLine(strippingNewline: true) }
}
