/// Splits input into statements at `;` and line ends that stand outside quotes; `#` outside
/// quotes (at the start or after white space) starts a comment.
public enum StatementSplitter {
    public struct Statement: Equatable, Sendable {
        public let text: String
        /// 1-based line of the input the statement is on.
        public let line: Int
        /// 1-based column (in Unicode scalars) of the statement's first character in that line.
        public let column: Int
        /// The whole input line, for error display.
        public let lineText: String

        public init(text: String, line: Int, column: Int = 1, lineText: String? = nil) {
            self.text = text
            self.line = line
            self.column = column
            self.lineText = lineText ?? text
        }
    }

    public static func split(_ input: String) -> [Statement] {
        var out: [Statement] = []
        var lineNumber = 0
        for rawLine in input.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            var current = String.UnicodeScalarView()
            var start = 1, column = 0
            var quote: Unicode.Scalar? = nil
            func flush() {
                let text = String(current)
                if !text.trimmingSpaces.isEmpty { out.append(Statement(text: text, line: lineNumber, column: start, lineText: line)) }
                current = String.UnicodeScalarView()
            }
            for c in line.unicodeScalars {
                column += 1
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == "#" && (current.last.map { $0 == " " || $0 == "\t" } ?? true) {
                    break
                } else if c == ";" {
                    flush()
                    start = column + 1
                    continue
                }
                current.append(c)
            }
            flush()
        }
        return out
    }
}
