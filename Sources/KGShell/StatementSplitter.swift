/// Splits input into statements at `;` and line ends outside quotes and brackets. A statement
/// continues on the next line while a quote, `(` or `{` is open or the line ends in `\`.
/// `#` outside quotes (at the start or after white space) starts a comment.
public enum StatementSplitter {
    /// A piece of a statement that lies on one input line.
    public struct Segment: Equatable, Sendable {
        /// Offset of the segment in the statement's text (Unicode scalars).
        public let offset: Int
        public let line: Int
        /// 1-based column of the segment's first character in its line.
        public let column: Int
        public let lineText: String
    }

    public struct Statement: Equatable, Sendable {
        public let text: String
        public let segments: [Segment]

        /// 1-based line of the input the statement starts on.
        public var line: Int { segments[0].line }
        /// 1-based column (in Unicode scalars) of the statement's first character in that line.
        public var column: Int { segments[0].column }
        /// The statement's first input line, for error display.
        public var lineText: String { segments[0].lineText }

        public init(text: String, line: Int, column: Int = 1, lineText: String? = nil) {
            self.text = text
            self.segments = [Segment(offset: 0, line: line, column: column, lineText: lineText ?? text)]
        }

        init(text: String, segments: [Segment]) {
            self.text = text
            self.segments = segments
        }

        /// Line, column and line text of the statement's scalar `offset`.
        public func position(of offset: Int) -> (line: Int, column: Int, lineText: String) {
            let segment = segments.last { $0.offset <= offset } ?? segments[0]
            return (segment.line, segment.column + offset - segment.offset, segment.lineText)
        }
    }

    /// Whether `text` leaves a statement open (quote, bracket or trailing `\`): the prompt then
    /// reads another line.
    public static func needsContinuation(_ text: String) -> Bool {
        var state = ScanState()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            state.continued = state.quote == nil && line.hasSuffix("\\")
            for c in line.unicodeScalars { state.feed(c) { _ in } }
            state.endLine()
        }
        return state.quote != nil || state.depth > 0 || state.continued
    }

    struct ScanState {
        var quote: Unicode.Scalar? = nil
        var depth = 0
        var inComment = false
        var continued = false
        var last: Unicode.Scalar? = nil
        /// A backslash inside a quote escapes the next character (`"a\"b"`).
        var escaped = false

        /// Feeds one scalar; `emit` receives it unless it is part of a comment; returns whether it
        /// ended a statement (a `;` at depth 0).
        @discardableResult
        mutating func feed(_ c: Unicode.Scalar, _ emit: (Unicode.Scalar) -> Void) -> Bool {
            defer { last = c }
            if inComment { return false }
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
                emit(c)
                return false
            }
            switch c {
            case "\"", "'": quote = c
            case "(", "{": depth += 1
            case ")", "}": depth = max(0, depth - 1)
            case "#" where last == nil || last == " " || last == "\t":
                inComment = true
                return false
            case ";" where depth == 0:
                return true
            default: break
            }
            emit(c)
            return false
        }

        mutating func endLine() {
            inComment = false
            last = nil
        }
    }

    public static func split(_ input: String) -> [Statement] {
        var out: [Statement] = []
        var state = ScanState()
        var text = String.UnicodeScalarView()
        var segments: [Segment] = []
        func flush() {
            let s = String(text)
            if !s.trimmingSpaces.isEmpty, !segments.isEmpty { out.append(Statement(text: s, segments: segments)) }
            text = String.UnicodeScalarView()
            segments = []
        }
        var lineNumber = 0
        for rawLine in input.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            let full = line
            // A trailing backslash outside quotes continues the statement.
            var continued = false
            if state.quote == nil, line.hasSuffix("\\") { line.removeLast(); continued = true }
            var column = 0
            if !text.isEmpty { text.append("\n") }
            segments.append(Segment(offset: text.count, line: lineNumber, column: 1, lineText: full))
            for c in line.unicodeScalars {
                column += 1
                let ends = state.feed(c) { text.append($0) }
                if ends {
                    flush()
                    segments.append(Segment(offset: 0, line: lineNumber, column: column + 1, lineText: full))
                }
            }
            state.endLine()
            if !(continued || state.quote != nil || state.depth > 0) {
                flush()
            }
        }
        flush()
        return out
    }
}
