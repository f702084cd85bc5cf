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
            var high: UInt8 = 0
            i = Self.skipOrdinary(b, from: i, literal: true, high: &high)
            while i < n {
                let c = b[i]
                high |= c
                if Self.stops(c, Self.literalStops) {
                    if c == UInt8(ascii: "\"") { break }
                    return nil
                }
                i += 1
            }
            guard i < n else { return nil }
            line.object = first..<i
            if high >= 0x80, !RDFScanner.isValidUTF8(UnsafeBufferPointer(rebasing: b[first..<i])) { return nil }
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
        var high: UInt8 = 0
        j = Self.skipOrdinary(b, from: j, literal: false, high: &high)
        while j < n {
            let c = b[j]
            high |= c
            if Self.stops(c, Self.iriStops) {
                if c == UInt8(ascii: ">") { break }
                return nil
            }
            j += 1
        }
        guard j < n else { return nil }
        let range = first..<j
        let value = UnsafeBufferPointer(rebasing: b[range])
        guard RDFScanner.hasScheme(value) else { return nil }
        if high >= 0x80, !RDFScanner.isValidUTF8(value) { return nil }
        i = j + 1
        return range
    }

    /// The ASCII bytes that end an IRI or a literal, or make the line one for the full parser, as a
    /// bit per byte value: bytes 0–63 in the first word, 64–127 in the second. One shift and mask
    /// per byte where a chain of comparisons took ten (the scan was a quarter of a 1M load).
    typealias StopSet = (low: UInt64, high: UInt64)

    /// The set of `bytes` (the tests check the constants below against it).
    static func stopSet(_ bytes: [UInt8]) -> StopSet {
        var set: StopSet = (0, 0)
        for b in bytes where b < 0x80 {
            if b < 64 { set.low |= 1 << UInt64(b) } else { set.high |= 1 << UInt64(b - 64) }
        }
        return set
    }

    /// In an IRI: controls and space (0x00–0x20), `<` `"` `{` `}` `|` `^` `` ` `` `\` — and its end, `>`.
    static let iriStops: StopSet = (0x5000_0005_ffff_ffff, 0x3800_0001_5000_0000)
    /// In a literal: a line break or `\` (an escape) — and its end, `"`.
    static let literalStops: StopSet = (0x0000_0004_0000_2400, 0x0000_0000_1000_0000)

    /// The first offset from `start` whose 16-byte block holds a byte of the stop set (IRI or
    /// literal), or where fewer than 16 bytes are left: the blocks before it hold none and are
    /// passed 16 bytes at a time (a few vector compares each). `high` collects their bits, to tell
    /// whether any byte was beyond ASCII. The byte-by-byte loop goes on from there.
    @inline(__always)
    static func skipOrdinary(_ b: UnsafeBufferPointer<UInt8>, from start: Int, literal: Bool, high: inout UInt8) -> Int {
        guard let base = b.baseAddress else { return start }
        typealias V = SIMD16<UInt8>
        var j = start
        var bits = V(repeating: 0)
        while j + 16 <= b.count {
            let v = UnsafeRawPointer(base + j).loadUnaligned(as: V.self)
            let stop: SIMDMask<V.MaskStorage>
            if literal {
                stop = (v .== V(repeating: 0x22)) .| (v .== V(repeating: 0x5C)) .| (v .== V(repeating: 0x0A)) .| (v .== V(repeating: 0x0D))
            } else {
                // Controls and space, then < > " \ ^ ` { | }: 0x7B–0x7D are one range.
                stop = (v .<= V(repeating: 0x20)) .| (v .== V(repeating: 0x3C)) .| (v .== V(repeating: 0x3E))
                    .| (v .== V(repeating: 0x22)) .| (v .== V(repeating: 0x5C)) .| (v .== V(repeating: 0x5E))
                    .| (v .== V(repeating: 0x60)) .| ((v &- V(repeating: 0x7B)) .< V(repeating: 3))
            }
            // Lanes as two words: `any` and `max` reduce lane by lane, unvectorised.
            let lanes = unsafeBitCast(stop, to: SIMD2<UInt64>.self)
            if lanes[0] | lanes[1] != 0 { break }
            bits |= v
            j += 16
        }
        let words = unsafeBitCast(bits, to: SIMD2<UInt64>.self)
        if (words[0] | words[1]) & 0x8080_8080_8080_8080 != 0 { high |= 0x80 }
        return j
    }

    /// Whether `c` is in `set`; bytes from 0x80 (UTF-8 beyond ASCII) never are.
    @inline(__always)
    static func stops(_ c: UInt8, _ set: StopSet) -> Bool {
        let word = c < 64 ? set.low : (c < 128 ? set.high : 0)
        return (word >> UInt64(c & 63)) & 1 != 0
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
