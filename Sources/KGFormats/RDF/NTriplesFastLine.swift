/// The common shape of an N-Triples line, read as byte ranges with no String made: IRIs without
/// escapes, ASCII blank node labels without dots, and literals without escapes. A line of any
/// other shape — escapes, comments between terms, anything wrong — is not read here
/// (`scan` returns nil) and goes to `NTriplesParser`, which reads every line of the grammar and
/// reports errors; so this path only ever accepts lines the full parser accepts, with the same
/// terms.
struct NTriplesFastLine {
    enum Kind: UInt8 { case iri, blank, plainLiteral, languageLiteral, typedLiteral }

    var subject: Range<Int> = 0..<0
    var subjectIsBlank = false
    var predicate: Range<Int> = 0..<0
    var object: Range<Int> = 0..<0
    var objectKind = Kind.iri
    /// The language tag (as written) or the datatype IRI of a literal object.
    var annotation: Range<Int> = 0..<0

    /// Reads the line starting at `start` (no leading white space skipped by the caller needed);
    /// returns the offset just past its line break, or nil when the line is not of the common
    /// shape.
    @inline(__always)
    static func scan(_ b: UnsafeBufferPointer<UInt8>, from start: Int, into line: inout NTriplesFastLine) -> Int? {
        let n = b.count
        var i = start
        @inline(__always) func skipSpaces() { while i < n, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }

        skipSpaces()
        guard i < n else { return nil }
        if b[i] == UInt8(ascii: "<") {
            guard let r = iri(b, &i) else { return nil }
            line.subject = r
            line.subjectIsBlank = false
        } else if b[i] == UInt8(ascii: "_") {
            guard let r = blank(b, &i) else { return nil }
            line.subject = r
            line.subjectIsBlank = true
        } else {
            return nil
        }
        skipSpaces()
        guard i < n, b[i] == UInt8(ascii: "<"), let p = iri(b, &i) else { return nil }
        line.predicate = p
        skipSpaces()
        guard i < n else { return nil }
        switch b[i] {
        case UInt8(ascii: "<"):
            guard let r = iri(b, &i) else { return nil }
            line.object = r
            line.objectKind = .iri
        case UInt8(ascii: "_"):
            guard let r = blank(b, &i) else { return nil }
            line.object = r
            line.objectKind = .blank
        case UInt8(ascii: "\""):
            i += 1
            let first = i
            var ascii = true
            while i < n {
                let c = b[i]
                if c == UInt8(ascii: "\"") { break }
                if c == UInt8(ascii: "\\") || c == 0x0A || c == 0x0D { return nil }
                if c >= 0x80 { ascii = false }
                i += 1
            }
            guard i < n else { return nil }
            line.object = first..<i
            if !ascii, !RDFScanner.isValidUTF8(UnsafeBufferPointer(rebasing: b[first..<i])) { return nil }
            i += 1
            if i < n, b[i] == UInt8(ascii: "@") {
                i += 1
                let tag = i
                while i < n, RDFScanner.isASCIILetter(b[i]) { i += 1 }
                guard i > tag else { return nil }
                while i < n, b[i] == UInt8(ascii: "-") {
                    i += 1
                    let sub = i
                    while i < n, RDFScanner.isASCIILetter(b[i]) || RDFScanner.isASCIIDigit(b[i]) { i += 1 }
                    guard i > sub else { return nil }
                }
                line.annotation = tag..<i
                line.objectKind = .languageLiteral
            } else if i + 1 < n, b[i] == UInt8(ascii: "^"), b[i + 1] == UInt8(ascii: "^") {
                i += 2
                guard i < n, b[i] == UInt8(ascii: "<"), let r = iri(b, &i) else { return nil }
                line.annotation = r
                line.objectKind = .typedLiteral
            } else {
                line.objectKind = .plainLiteral
            }
        default:
            return nil
        }
        skipSpaces()
        guard i < n, b[i] == UInt8(ascii: ".") else { return nil }
        i += 1
        skipSpaces()
        if i == n { return i }
        if b[i] == 0x0A { return i + 1 }
        if b[i] == 0x0D { return i + 1 < n && b[i + 1] == 0x0A ? i + 2 : i + 1 }
        return nil
    }

    /// `<…>` at `i` with no escape and no character the grammar forbids, starting with a scheme;
    /// the range inside the brackets.
    @inline(__always)
    private static func iri(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Range<Int>? {
        let n = b.count
        let first = i + 1
        var j = first
        var ascii = true
        while j < n {
            let c = b[j]
            if c == UInt8(ascii: ">") { break }
            if c >= 0x80 {
                ascii = false
            } else if c <= 0x20 || c == UInt8(ascii: "<") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "{")
                        || c == UInt8(ascii: "}") || c == UInt8(ascii: "|") || c == UInt8(ascii: "^")
                        || c == UInt8(ascii: "`") || c == UInt8(ascii: "\\") {
                return nil
            }
            j += 1
        }
        guard j < n else { return nil }
        let range = first..<j
        let value = UnsafeBufferPointer(rebasing: b[range])
        guard RDFScanner.hasScheme(value) else { return nil }
        if !ascii, !RDFScanner.isValidUTF8(value) { return nil }
        i = j + 1
        return range
    }

    /// `_:label` at `i` with an ASCII label of letters, digits, '_' and '-' (no '.'), ended by
    /// white space or '<' / '"'; the label's range.
    @inline(__always)
    private static func blank(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Range<Int>? {
        let n = b.count
        guard i + 2 < n, b[i + 1] == UInt8(ascii: ":") else { return nil }
        let first = i + 2
        var j = first
        while j < n {
            let c = b[j]
            guard RDFScanner.isASCIILetter(c) || RDFScanner.isASCIIDigit(c) || c == UInt8(ascii: "_") || (c == UInt8(ascii: "-") && j > first) else { break }
            j += 1
        }
        guard j > first, j < n, b[j] == 0x20 || b[j] == 0x09 else { return nil }
        i = j
        return first..<j
    }
}
