/// Splits input into statements at `;` and line ends that stand outside quotes; `#` outside
/// quotes starts a comment.
public enum StatementSplitter {
    public struct Statement: Equatable, Sendable {
        public let text: String
        /// 1-based line of the input the statement starts on.
        public let line: Int
    }

    public static func split(_ input: String) -> [Statement] {
        var out: [Statement] = []
        var current = ""
        var quote: Character? = nil
        var line = 1, startLine = 1
        var inComment = false
        func flush() {
            if !current.trimmingSpaces.isEmpty { out.append(Statement(text: current, line: startLine)) }
            current = ""
        }
        for c in input {
            if c == "\n" || c == "\r\n" {
                inComment = false
                quote = nil
                flush()
                line += 1
                startLine = line
                continue
            }
            if inComment { continue }
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" && (current.last.map { $0 == " " || $0 == "\t" } ?? true) {
                inComment = true
                continue
            } else if c == ";" {
                flush()
                startLine = line
                continue
            }
            current.append(c)
        }
        flush()
        return out
    }
}
