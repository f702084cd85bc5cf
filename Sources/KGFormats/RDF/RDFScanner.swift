/// Byte-level scanning shared by the N-Triples and Turtle readers: IRIs, strings, blank node
/// labels, language tags and the character classes of the two grammars.
///
/// Each `scan…` starts at `pos` and leaves `pos` just after what it read. The decoded value is
/// either a range of the input (when nothing needed decoding) or the bytes in `scratch`, which
/// the next scan overwrites. Nothing here allocates per character; `scratch` keeps its capacity.
struct RDFScanner {
    /// A scan that failed: the bytes at fault and why.
    struct Failure: Error {
        let offset: Int
        let end: Int
        let message: String
        /// The parser's stack was at the statement level when a '.' caused this error, so the
        /// statement ends here and recovery need not skip ahead.
        var endsStatement = false
    }

    /// Where a scanned value is.
    enum Value {
        case source(Range<Int>)
        case scratch
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    var scratch: [UInt8] = []

    /// A scanner at the start of `bytes`, past a UTF-8 byte order mark if there is one.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        scratch.reserveCapacity(256)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
    }

    var atEnd: Bool { pos >= bytes.count }

    /// The byte `k` ahead of `pos`, or nil past the end.
    @inline(__always)
    func peek(_ k: Int = 0) -> UInt8? {
        let i = pos + k
        return i < bytes.count ? bytes[i] : nil
    }

    func fail(_ message: String, from offset: Int, to end: Int? = nil) -> Failure {
        Failure(offset: offset, end: end ?? offset + 1, message: message)
    }

    // MARK: Values

    func withValue<R>(_ value: Value, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch value {
        case .source(let range): return body(UnsafeBufferPointer(rebasing: bytes[range]))
        case .scratch: return scratch.withUnsafeBufferPointer(body)
        }
    }

    /// The value as a String, checking that its bytes are UTF-8; `token` is where it was read,
    /// for the error.
    func string(_ value: Value, token: Range<Int>) throws(Failure) -> String {
        let s: String? = withValue(value) { buffer in
            RDFScanner.isValidUTF8(buffer) ? String(decoding: buffer, as: UTF8.self) : nil
        }
        guard let s else { throw invalidUTF8(in: token) }
        return s
    }

    /// Whether `buffer` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
    static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = buffer.count
        var i = 0
        while i < n {
            let b0 = buffer[i]
            if b0 < 0x80 { i += 1; continue }
            func cont(_ k: Int) -> Bool { i + k < n && buffer[i + k] & 0xC0 == 0x80 }
            switch b0 {
            case 0xC2...0xDF:
                guard cont(1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard cont(1), cont(2) else { return false }
                let b1 = buffer[i + 1]
                if b0 == 0xE0 && b1 < 0xA0 { return false }  // overlong
                if b0 == 0xED && b1 > 0x9F { return false }  // surrogate
                i += 3
            case 0xF0...0xF4:
                guard cont(1), cont(2), cont(3) else { return false }
                let b1 = buffer[i + 1]
                if b0 == 0xF0 && b1 < 0x90 { return false }  // overlong
                if b0 == 0xF4 && b1 > 0x8F { return false }  // past U+10FFFF
                i += 4
            default:
                return false
            }
        }
        return true
    }

    /// The error for the first invalid UTF-8 sequence in `range`.
    func invalidUTF8(in range: Range<Int>) -> Failure {
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] < 0x80 { i += 1; continue }
            guard let (_, length) = decodeScalar(at: i) else { break }
            i += length
        }
        return fail("invalid UTF-8: the file must be UTF-8 text", from: min(i, range.upperBound))
    }

    // MARK: UTF-8

    /// The scalar at byte `i` and its length in bytes, or nil if the bytes there are not UTF-8.
    @inline(__always)
    func decodeScalar(at i: Int) -> (UInt32, Int)? {
        let n = bytes.count
        let b0 = bytes[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard i + k < n else { return nil }
            let b = bytes[i + k]
            return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
        }
        if b0 >= 0xC2 && b0 <= 0xDF {
            guard let c1 = cont(1) else { return nil }
            return ((UInt32(b0 & 0x1F) << 6) | c1, 2)
        }
        if b0 >= 0xE0 && b0 <= 0xEF {
            guard let c1 = cont(1), let c2 = cont(2) else { return nil }
            let v = (UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2
            guard v >= 0x800, !(0xD800...0xDFFF).contains(v) else { return nil }
            return (v, 3)
        }
        if b0 >= 0xF0 && b0 <= 0xF4 {
            guard let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) else { return nil }
            let v = (UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
            guard v >= 0x10000, v <= 0x10FFFF else { return nil }
            return (v, 4)
        }
        return nil
    }

    /// Appends `v`'s UTF-8 bytes to `scratch`.
    mutating func appendScalar(_ v: UInt32) {
        if v < 0x80 {
            scratch.append(UInt8(v))
        } else if v < 0x800 {
            scratch.append(UInt8(0xC0 | (v >> 6)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            scratch.append(UInt8(0xE0 | (v >> 12)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            scratch.append(UInt8(0xF0 | (v >> 18)))
            scratch.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// How to show the character at `i` in a message: `'x'`, `U+0009`, "the end of the input".
    func describe(at i: Int) -> String {
        guard i < bytes.count else { return "the end of the input" }
        guard let (v, _) = decodeScalar(at: i) else { return "an invalid UTF-8 byte" }
        switch v {
        case 0x0A, 0x0D: return "the end of the line"
        case 0x20: return "a space"
        case 0x09: return "a tab"
        case 0..<0x20, 0x7F: return "U+" + hex4(v)
        default: return "'" + String(Character(Unicode.Scalar(v)!)) + "'"
        }
    }

    func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    // MARK: Escapes

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }

    /// Reads `\uXXXX` or `\UXXXXXXXX` at `pos` (which is at the backslash) and returns the scalar.
    mutating func scanUCHAR() throws(Failure) -> UInt32 {
        let start = pos
        let digits = peek(1) == UInt8(ascii: "u") ? 4 : 8
        var v: UInt32 = 0
        for k in 0..<digits {
            guard let b = peek(2 + k), let h = RDFScanner.hexValue(b) else {
                throw fail("bad escape: \\\(digits == 4 ? "u" : "U") needs \(digits) hex digits",
                           from: start, to: min(bytes.count, start + 2 + digits))
            }
            v = v << 4 | h
        }
        pos += 2 + digits
        guard v <= 0x10FFFF, !(0xD800...0xDFFF).contains(v) else {
            throw fail("bad escape: U+\(hex4(v)) is not a Unicode scalar value (surrogates and values above U+10FFFF are not allowed)",
                       from: start, to: pos)
        }
        return v
    }

    // MARK: IRIs

    @inline(__always)
    static func isForbiddenInIRI(_ v: UInt32) -> Bool {
        switch v {
        case 0...0x20, 0x3C, 0x3E, 0x22, 0x7B, 0x7D, 0x7C, 0x5E, 0x60, 0x5C: return true  // < > " { } | ^ ` \
        default: return false
        }
    }

    /// Reads `<…>` at `pos`, decoding `\u` escapes; the value is the IRI as written (unresolved).
    mutating func scanIRIRef() throws(Failure) -> Value {
        let start = pos
        pos += 1
        var runStart = pos
        var usedScratch = false
        let n = bytes.count
        while true {
            guard pos < n else { throw fail("unterminated IRI: '>' is missing", from: start, to: pos) }
            let b = bytes[pos]
            if b == UInt8(ascii: ">") { break }
            if b >= 0x80 { pos += 1; continue }  // checked as UTF-8 when the value becomes a String
            if b == UInt8(ascii: "\\") {
                guard let e = peek(1), e == UInt8(ascii: "u") || e == UInt8(ascii: "U") else {
                    throw fail("bad escape in an IRI: only \\uXXXX and \\UXXXXXXXX are allowed", from: pos, to: min(n, pos + 2))
                }
                if !usedScratch { scratch.removeAll(keepingCapacity: true); usedScratch = true }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<pos]))
                let escape = pos
                let v = try scanUCHAR()
                if RDFScanner.isForbiddenInIRI(v) {
                    throw fail("bad IRI: the escape \\u\(hex4(v)) stands for a character IRIs cannot contain", from: escape, to: pos)
                }
                appendScalar(v)
                runStart = pos
                continue
            }
            if RDFScanner.isForbiddenInIRI(UInt32(b)) {
                if b == 0x0A || b == 0x0D { throw fail("unterminated IRI: the line ends before '>'", from: start, to: pos) }
                throw fail("bad IRI: \(describe(at: pos)) is not allowed in an IRI", from: pos)
            }
            pos += 1
        }
        let end = pos
        pos += 1
        if !usedScratch { return .source((start + 1)..<end) }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
        return .scratch
    }

    /// Whether `iri` starts with a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`).
    static func hasScheme(_ iri: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most IRIs start "http:" or "https:": four bytes compared at once.
        if iri.count >= 6, let base = iri.baseAddress,
           UnsafeRawPointer(base).loadUnaligned(as: UInt32.self) == UInt32(littleEndian: 0x7074_7468),
           base[4] == UInt8(ascii: ":") || (base[4] == UInt8(ascii: "s") && base[5] == UInt8(ascii: ":")) {
            return true
        }
        guard let first = iri.first, isASCIILetter(first) else { return false }
        for b in iri.dropFirst() {
            if b == UInt8(ascii: ":") { return true }
            guard isASCIILetter(b) || isASCIIDigit(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") else { return false }
        }
        return false
    }

    // MARK: Strings

    /// Reads a string at `pos`: `"…"`, and in Turtle also `'…'`, `"""…"""` and `'''…'''`.
    /// The value has its escapes decoded.
    mutating func scanString(allowLong: Bool, allowSingleQuote: Bool) throws(Failure) -> Value {
        let start = pos
        let q = bytes[pos]
        if q == UInt8(ascii: "'") && !allowSingleQuote {
            throw fail("N-Triples strings use double quotes \"…\"", from: start)
        }
        let long = peek(1) == q && peek(2) == q
        if long && !allowLong {
            throw fail("N-Triples has no long strings: write one line with \\n escapes", from: start, to: start + 3)
        }
        pos += long ? 3 : 1
        var runStart = pos
        var usedScratch = false
        let n = bytes.count
        while true {
            guard pos < n else {
                throw fail("unterminated string: the closing \(long ? "triple quote" : "quote") is missing", from: start, to: pos)
            }
            let b = bytes[pos]
            if b == q {
                if !long { break }
                if peek(1) == q && peek(2) == q { break }
                pos += 1
                continue
            }
            if b == UInt8(ascii: "\\") {
                if !usedScratch { scratch.removeAll(keepingCapacity: true); usedScratch = true }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<pos]))
                guard let e = peek(1) else { throw fail("unterminated string: the closing quote is missing", from: start, to: pos) }
                switch e {
                case UInt8(ascii: "t"): scratch.append(0x09); pos += 2
                case UInt8(ascii: "b"): scratch.append(0x08); pos += 2
                case UInt8(ascii: "n"): scratch.append(0x0A); pos += 2
                case UInt8(ascii: "r"): scratch.append(0x0D); pos += 2
                case UInt8(ascii: "f"): scratch.append(0x0C); pos += 2
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): scratch.append(e); pos += 2
                case UInt8(ascii: "u"), UInt8(ascii: "U"): appendScalar(try scanUCHAR())
                default:
                    throw fail("bad escape \\\(describeEscape(at: pos + 1)): use \\t \\b \\n \\r \\f \\\" \\' \\\\ \\uXXXX or \\UXXXXXXXX",
                               from: pos, to: pos + 2)
                }
                runStart = pos
                continue
            }
            if !long && (b == 0x0A || b == 0x0D) {
                throw fail("unterminated string: the line ends before the closing quote (write \\n for a line break)", from: start, to: pos)
            }
            pos += 1
        }
        let end = pos
        pos += long ? 3 : 1
        if !usedScratch { return .source((start + (long ? 3 : 1))..<end) }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
        return .scratch
    }

    private func describeEscape(at i: Int) -> String {
        guard i < bytes.count, let (v, _) = decodeScalar(at: i), v > 0x20, v != 0x7F else { return "" }
        return String(Character(Unicode.Scalar(v)!))
    }

    // MARK: Language tags

    /// Reads `@tag` at `pos` (`[a-zA-Z]+ ('-' [a-zA-Z0-9]+)*`); the value is the tag as written,
    /// without the '@'.
    mutating func scanLangTag() throws(Failure) -> Range<Int> {
        let start = pos
        pos += 1
        let first = pos
        while let b = peek(), RDFScanner.isASCIILetter(b) { pos += 1 }
        guard pos > first else {
            throw fail("bad language tag: '@' must be followed by letters, as in @en or @de-CH", from: start, to: pos + 1)
        }
        while peek() == UInt8(ascii: "-") {
            let dash = pos
            pos += 1
            let sub = pos
            while let b = peek(), RDFScanner.isASCIILetter(b) || RDFScanner.isASCIIDigit(b) { pos += 1 }
            guard pos > sub else {
                throw fail("bad language tag: '-' must be followed by letters or digits", from: dash, to: pos + 1)
            }
        }
        return first..<pos
    }

    /// The tag in `range`, lowercased.
    func lowercasedTag(_ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            var i = 0
            for b in UnsafeBufferPointer(rebasing: bytes[range]) {
                buffer[i] = (b >= 0x41 && b <= 0x5A) ? b + 0x20 : b
                i += 1
            }
            return i
        }
    }

    // MARK: Blank node labels

    /// Reads `_:label` at `pos`; returns the label's range (a label never ends with '.').
    mutating func scanBlankNodeLabel() throws(Failure) -> Range<Int> {
        let start = pos
        pos += 2
        let first = pos
        guard pos < bytes.count, let (v, length) = decodeScalar(at: pos), RDFScanner.isPNCharsU(v) || (v >= 0x30 && v <= 0x39) else {
            throw fail("bad blank node label: '_:' must be followed by a letter, digit or '_'", from: start, to: pos + 1)
        }
        pos += length
        var lastGood = pos
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: ".") { pos += 1; continue }
            guard let (v, length) = decodeScalar(at: pos), RDFScanner.isPNChars(v) else { break }
            pos += length
            lastGood = pos
        }
        pos = lastGood
        return first..<lastGood
    }

    // MARK: Character classes

    @inline(__always) static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `PN_CHARS_BASE` of the Turtle grammar.
    @inline(__always)
    static func isPNCharsBase(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        switch v {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
             0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    /// `PN_CHARS_U`: `PN_CHARS_BASE` or '_'.
    @inline(__always)
    static func isPNCharsU(_ v: UInt32) -> Bool { v == 0x5F || isPNCharsBase(v) }

    /// `PN_CHARS`: `PN_CHARS_U`, '-', digits, U+00B7, U+0300–U+036F, U+203F–U+2040.
    @inline(__always)
    static func isPNChars(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x2D || (v >= 0x30 && v <= 0x39) || v == 0x5F || ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) }
        return v == 0xB7 || (0x300...0x36F).contains(v) || (0x203F...0x2040).contains(v) || isPNCharsBase(v)
    }
}
