/// One problem found in input, with where it is: the file (or none for typed input), 1-based line
/// and column counted in Unicode scalars, the span's length, and the source line itself.
public struct Diagnostic: Error, Equatable, Sendable {
    public let file: String?
    public let line: Int
    public let column: Int
    public let length: Int
    public let message: String
    public let sourceLine: String

    public init(file: String?, line: Int, column: Int, length: Int = 1, message: String, sourceLine: String) {
        self.file = file
        self.line = line
        self.column = column
        self.length = max(1, length)
        self.message = message
        self.sourceLine = sourceLine
    }

    /// `file:line:column: error: message`, then the source line under a gutter and a caret
    /// under the span, placed by display width so Hangul lines up.
    public func rendered() -> String {
        let place = (file.map { "\($0):" } ?? "") + "\(line):\(column): error: \(message)"
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        let scalars = Array(sourceLine.unicodeScalars)
        let before = scalars.prefix(max(0, column - 1))
        let indent = before.map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of($0)) }.joined()
        let spanned = scalars.dropFirst(max(0, column - 1)).prefix(length)
        let spanWidth = max(1, spanned.reduce(0) { $0 + DisplayWidth.of($1) })
        let marker = "^" + String(repeating: "~", count: spanWidth - 1)
        return "\(place)\n \(gutter) | \(sourceLine)\n \(pad) | \(indent)\(marker)"
    }
}
