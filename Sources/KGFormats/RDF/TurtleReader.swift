/// Reads RDF 1.1 Turtle from UTF-8 bytes, delivering triples statement by statement.
///
/// The triples of each statement go to `onTriple` once the statement's closing '.' is read (a
/// statement that makes more than a few thousand triples delivers them in batches as it goes),
/// so a large file is never held as terms. A statement with an error delivers none of the
/// triples it has not delivered yet; reading resumes after the next '.', so every bad statement is
/// reported (up to `options.maxErrors`).
///
/// Relative IRIs are resolved against `options.baseIRI` and then `@base`/`BASE` (RFC 3986).
/// `[ … ]` and `( … )` are parsed with an explicit stack, never by recursion: nesting deeper than
/// `options.maxNestingDepth` is an error, not a stack overflow.
///
/// ```swift
/// let options = RDFReaderOptions(baseIRI: "http://example.org/doc.ttl")
/// let errors = TurtleReader.read(bytes, options: options) { triple in graph.insert(triple) }
/// ```
public enum TurtleReader {
    /// Reads `bytes` and returns the syntax errors, in input order (empty when it is valid).
    /// If `onTriple` throws, reading stops and the error is rethrown.
    /// - Complexity: O(n) in the length of the input.
    public static func read<E: Error>(
        _ bytes: UnsafeBufferPointer<UInt8>,
        options: RDFReaderOptions = RDFReaderOptions(),
        onTriple: (RDFTriple) throws(E) -> Void
    ) throws(E) -> [RDFSyntaxError] {
        var parser = TurtleParser(bytes: bytes, options: options)
        var more = true
        while more {
            more = parser.advance()
            for triple in parser.ready { try onTriple(triple) }
            parser.ready.removeAll(keepingCapacity: true)
        }
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
