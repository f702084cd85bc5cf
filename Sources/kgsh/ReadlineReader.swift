import CReadline
import Foundation
import KGShell

/// Lines from a terminal through GNU readline: editing, history recall, ~/.inputrc.
/// The only file that touches readline's globals.
struct ReadlineReader: LineReader {
    init() {
        // Readline reads Hangul as UTF-8 only under a UTF-8 locale; fall back to C.UTF-8 when the
        // environment names none (LANG unset, or C/POSIX).
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
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
