import KGModel

/// A problem in N-Triples or Turtle input: where it is and what is wrong.
///
/// The position is stored as a byte offset and shown 1-based as a line and a column counted in
/// Unicode scalars ("line 3 column 9"), the same way `Diagnostic` counts them. Syntax errors,
/// invalid UTF-8 and the nesting limit are all reported as this one type.
public struct RDFSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Byte offset of the start of the problem in the input.
    public let offset: Int
    /// 1-based line (lines end at LF; a CR before it is not part of the line).
    public let line: Int
    /// 1-based column in Unicode scalars.
    public let column: Int
    /// Length of the span in Unicode scalars, at least 1 and not past the end of the line.
    public let length: Int
    public let message: String
    /// The text of the line the problem is on (invalid UTF-8 shown as U+FFFD).
    public let sourceLine: String

    public init(offset: Int, line: Int, column: Int, length: Int, message: String, sourceLine: String) {
        self.offset = offset
        self.line = line
        self.column = column
        self.length = max(1, length)
        self.message = message
        self.sourceLine = sourceLine
    }

    /// "line L column C: message".
    public var description: String { "line \(line) column \(column): \(message)" }

    /// The same problem as a `Diagnostic` of `file` (nil for typed input).
    public func diagnostic(file: String?) -> Diagnostic {
        Diagnostic(file: file, line: line, column: column, length: length, message: message, sourceLine: sourceLine)
    }
}

/// An error found while reading, before its line and column are known: positions are worked out
/// for all errors of a document in one pass at the end, so reporting stays O(n) in the input.
struct RDFPendingError {
    let offset: Int
    let end: Int
    let message: String
}

enum RDFPositions {
    /// Resolves byte offsets to lines, columns and source lines in one pass over `bytes`.
    static func resolve(_ pending: [RDFPendingError], in bytes: UnsafeBufferPointer<UInt8>) -> [RDFSyntaxError] {
        guard !pending.isEmpty else { return [] }
        let order = pending.indices.sorted { pending[$0].offset < pending[$1].offset }
        var result = [RDFSyntaxError?](repeating: nil, count: pending.count)
        var line = 1
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        var lineStart = bom ? 3 : 0  // a byte order mark is not part of the first line
        var i = lineStart
        for index in order {
            let error = pending[index]
            let offset = min(max(0, error.offset), bytes.count)
            while i < offset {
                if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
                i += 1
            }
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var textEnd = lineEnd
            if textEnd > lineStart, bytes[textEnd - 1] == 0x0D { textEnd -= 1 }
            let column = scalarCount(bytes, lineStart, offset) + 1
            let spanEnd = min(max(error.end, offset + 1), textEnd)
            let length = spanEnd > offset ? scalarCount(bytes, offset, spanEnd) : 1
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<textEnd]), as: UTF8.self)
            result[index] = RDFSyntaxError(offset: offset, line: line, column: column, length: length,
                                           message: error.message, sourceLine: text)
        }
        return result.map { $0! }
    }

    /// Scalars in `bytes[from..<to]`: bytes that are not UTF-8 continuation bytes.
    private static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to {
            if bytes[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }
}
