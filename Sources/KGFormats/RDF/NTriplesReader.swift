/// Reads RDF 1.1 N-Triples from UTF-8 bytes, one triple at a time.
///
/// Each triple goes to `onTriple` as soon as its line is read, so a file of millions of lines is
/// never held as terms. A line with an error delivers nothing; reading goes on at the next line,
/// so every bad line is reported (up to `options.maxErrors`).
///
/// ```swift
/// let errors = NTriplesReader.read(bytes) { triple in store.add(triple) }
/// ```
public enum NTriplesReader {
    /// Reads `bytes` and returns the syntax errors, in input order (empty when it is valid).
    /// If `onTriple` throws, reading stops and the error is rethrown.
    /// - Complexity: O(n) in the length of the input.
    public static func read<E: Error>(
        _ bytes: UnsafeBufferPointer<UInt8>,
        options: RDFReaderOptions = RDFReaderOptions(),
        onTriple: (RDFTriple) throws(E) -> Void
    ) throws(E) -> [RDFSyntaxError] {
        var parser = NTriplesParser(bytes: bytes, options: options)
        while let triple = parser.next() { try onTriple(triple) }
        return RDFPositions.resolve(parser.errors, in: bytes)
    }

    /// Reads `bytes`; see `read(_:options:onTriple:)` for a buffer.
    public static func read<E: Error>(
        _ bytes: [UInt8],
        options: RDFReaderOptions = RDFReaderOptions(),
        onTriple: (RDFTriple) throws(E) -> Void
    ) throws(E) -> [RDFSyntaxError] {
        try withBuffer(bytes) { (buffer) throws(E) in try read(buffer, options: options, onTriple: onTriple) }
    }
}

/// The line-at-a-time N-Triples parser behind `NTriplesReader`.
struct NTriplesParser {
    private var s: RDFScanner
    private var blanks: RDFBlankNodes
    private let maxErrors: Int
    private(set) var errors: [RDFPendingError] = []
    /// The last subject and predicate read without escapes, to reuse their Strings when the next
    /// line repeats them (as N-Triples files sorted by subject do).
    private var lastSubject: (Range<Int>, RDFTerm)? = nil
    private var lastPredicate: (Range<Int>, RDFTerm)? = nil

    init(bytes: UnsafeBufferPointer<UInt8>, options: RDFReaderOptions) {
        s = RDFScanner(bytes: bytes)
        blanks = RDFBlankNodes(scope: options.blankNodeScope)
        maxErrors = options.maxErrors
    }

    /// The next triple, or nil at the end of the input (or after `maxErrors` errors).
    mutating func next() -> RDFTriple? {
        while errors.count < maxErrors {
            let before = s.pos
            skipSpaces()
            guard let b = s.peek() else { return nil }
            if b == 0x0A || b == 0x0D { s.pos += 1; continue }
            if b == UInt8(ascii: "#") { skipToLineEnd(); continue }
            do {
                return try triple()
            } catch {
                errors.append(RDFPendingError(offset: error.offset, end: error.end, message: error.message))
                skipToLineEnd()
            }
            assert(s.pos > before, "the N-Triples parser made no progress")
        }
        return nil
    }

    private mutating func skipSpaces() {
        while let b = s.peek(), b == 0x20 || b == 0x09 { s.pos += 1 }
    }

    private mutating func skipToLineEnd() {
        while let b = s.peek(), b != 0x0A, b != 0x0D { s.pos += 1 }
    }

    private mutating func triple() throws(RDFScanner.Failure) -> RDFTriple {
        let subject: RDFTerm
        switch s.peek() {
        case UInt8(ascii: "<"):
            let (term, range) = try iri(reusing: lastSubject)
            subject = term
            if let range { lastSubject = (range, term) }
        case UInt8(ascii: "_") where s.peek(1) == UInt8(ascii: ":"): subject = try blankNode()
        default: throw expected("a subject: an IRI <…> or a blank node _:…")
        }
        skipSpaces()
        guard s.peek() == UInt8(ascii: "<") else { throw expected("a predicate: an IRI <…>") }
        let (predicate, range) = try iri(reusing: lastPredicate)
        if let range { lastPredicate = (range, predicate) }
        skipSpaces()
        let object: RDFTerm
        switch s.peek() {
        case UInt8(ascii: "<"):
            object = try iri(reusing: nil).0
        case UInt8(ascii: "_") where s.peek(1) == UInt8(ascii: ":"): object = try blankNode()
        case UInt8(ascii: "\""), UInt8(ascii: "'"): object = try literal()
        case let b? where RDFScanner.isASCIIDigit(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "."):
            throw s.fail("N-Triples has no number shorthand: write \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>", from: s.pos)
        default: throw expected("an object: an IRI <…>, a blank node _:… or a literal \"…\"")
        }
        skipSpaces()
        guard s.peek() == UInt8(ascii: ".") else {
            if let b = s.peek(), b == UInt8(ascii: ",") || b == UInt8(ascii: ";") {
                throw s.fail("N-Triples has no object or predicate lists: write each triple on its own line, ending with '.'", from: s.pos)
            }
            throw expected("'.' to end the triple")
        }
        s.pos += 1
        skipSpaces()
        if s.peek() == UInt8(ascii: "#") { skipToLineEnd() }
        if let b = s.peek(), b != 0x0A, b != 0x0D { throw expected("the end of the line after '.'") }
        return RDFTriple(subject, predicate, object)
    }

    private func expected(_ what: String) -> RDFScanner.Failure {
        if s.peek() == UInt8(ascii: "@") {
            return s.fail("N-Triples has no directives (@prefix, @base): every IRI is written in full", from: s.pos)
        }
        return s.fail("expected \(what), found \(s.describe(at: s.pos))", from: s.pos)
    }

    /// An absolute IRI, and where its bytes are when it has no escapes; reuses `cache`'s term
    /// when those bytes are the same as the cached ones.
    private mutating func iri(reusing cache: (Range<Int>, RDFTerm)?) throws(RDFScanner.Failure) -> (RDFTerm, Range<Int>?) {
        let start = s.pos
        let value = try s.scanIRIRef()
        if case .source(let range) = value, let (lastRange, term) = cache, same(range, lastRange) { return (term, nil) }
        guard s.withValue(value, RDFScanner.hasScheme) else {
            throw s.fail("relative IRI: N-Triples needs absolute IRIs such as <http://example.org/x>", from: start, to: s.pos)
        }
        let term = RDFTerm.iri(try s.string(value, token: start..<s.pos))
        if case .source(let range) = value { return (term, range) }
        return (term, nil)
    }

    private func same(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        var i = a.lowerBound, j = b.lowerBound
        while i < a.upperBound {
            if s.bytes[i] != s.bytes[j] { return false }
            i += 1; j += 1
        }
        return true
    }

    private mutating func blankNode() throws(RDFScanner.Failure) -> RDFTerm {
        let range = try s.scanBlankNodeLabel()
        return blanks.labelled(UnsafeBufferPointer(rebasing: s.bytes[range]))
    }

    private mutating func literal() throws(RDFScanner.Failure) -> RDFTerm {
        let start = s.pos
        let value = try s.scanString(allowLong: false, allowSingleQuote: false)
        let lexical = try s.string(value, token: start..<s.pos)
        // White space may surround terms, so also stand between a string and its tag or '^^'
        // (RDF 1.2's c14n tests extra_whitespace-03 and -04 say so in as many words).
        skipSpaces()
        if s.peek() == UInt8(ascii: "@") {
            let tag = try s.scanLangTag()
            return .literal(lexical: lexical, datatype: RDFVocabulary.rdfLangString, language: s.lowercasedTag(tag))
        }
        if s.peek() == UInt8(ascii: "^"), s.peek(1) == UInt8(ascii: "^") {
            s.pos += 2
            skipSpaces()
            guard s.peek() == UInt8(ascii: "<") else { throw expected("a datatype IRI <…> after '^^'") }
            guard case .iri(let datatype) = try iri(reusing: nil).0 else { preconditionFailure() }
            return .literal(lexical: lexical, datatype: datatype, language: nil)
        }
        return .literal(lexical: lexical, datatype: RDFVocabulary.xsdString, language: nil)
    }
}
