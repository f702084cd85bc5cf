/// One problem found in input, with where it is: the file (or none for typed input), 1-based line
/// and column counted in Unicode scalars, the span's length, and the source line itself.
public struct Diagnostic: Error, Equatable, Sendable {
    public let file: String?
    public let line: Int
    public let column: Int
    public let length: Int
    public let message: String
    public let sourceLine: String
    /// An error stops what it is found in; a warning is said and the work goes on.
    public let severity: Severity

    public enum Severity: String, Sendable {
        case error, warning
    }

    public init(file: String?, line: Int, column: Int, length: Int = 1, message: String, sourceLine: String, severity: Severity = .error) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.length = max(1, length)
        self.message = message
        self.sourceLine = sourceLine
    }

    /// Source lines longer than this many scalars are shown as a window around the span.
    public static let maxShownScalars = 200

    /// `file:line:column: error: message` (or `warning:`), then the source line under a gutter
    /// and a caret under the span, placed by display width so Hangul lines up. A line longer
    /// than `maxShownScalars` (a megabyte of minified data, thousands of brackets) is cut to the
    /// 160 scalars around the span's start, with `…` where it was cut. Line 0 is about the whole
    /// file: `file: warning: message` alone.
    public func rendered() -> String {
        if line == 0 { return (file.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message)" }
        let place = (file.map { "\($0):" } ?? "") + "\(line):\(column): \(severity.rawValue): \(message)"
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        let scalars = Array(sourceLine.unicodeScalars)
        let start = min(max(0, column - 1), scalars.count)
        var from = 0, to = scalars.count
        if scalars.count > Diagnostic.maxShownScalars {
            from = max(0, start - 40)
            to = min(scalars.count, from + 160)
            from = max(0, min(from, to - 160))
        }
        let lead = from > 0 ? "…" : "", trail = to < scalars.count ? "…" : ""
        let shown = lead + String(String.UnicodeScalarView(scalars[from..<to])) + trail
        let before = scalars[from..<max(from, min(start, to))]
        let indent = (from > 0 ? " " : "") + before.map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of($0)) }.joined()
        let spanned = scalars[min(start, to)..<to].prefix(length)
        let spanWidth = max(1, spanned.reduce(0) { $0 + DisplayWidth.of($1) })
        let marker = "^" + String(repeating: "~", count: spanWidth - 1)
        return "\(place)\n \(gutter) | \(shown)\n \(pad) | \(indent)\(marker)"
    }
}
