import KGModel

/// A value with the place it was written: 1-based line and column (in Unicode scalars) and length.
public struct Spanned<Value: Sendable>: Sendable {
    public let value: Value
    public let line: Int
    public let column: Int
    public let length: Int
}

/// The object of a fact line as written.
public enum KGObject: Sendable {
    case entity(String)
    case literal(Literal)
}

/// One meaningful line of a `.kg` file.
public enum KGStatement: Sendable {
    case typeDecl(name: Spanned<String>, parent: Spanned<String>?, labels: [Label])
    case predicateDecl(name: Spanned<String>, domain: [Spanned<String>], range: [Spanned<String>],
                       inverse: Spanned<String>?, labels: [Label])
    case fact(KGFact)
}

/// A fact line with the provenance its position gives it.
public struct KGFact: Sendable {
    public let subject: Spanned<String>
    public let predicate: Spanned<String>
    public let object: Spanned<KGObject>
    /// The `@source` in force, with where that directive was written.
    public let source: Spanned<String>?
    /// Under `@nosource`: the fact cites no source (as facts read from RDF).
    public let unsourced: Bool
    /// The sentence of the enclosing `says` block.
    public let quote: String?
}

/// A parsed file: its statements, its lines (for error display) and the errors found.
public struct KGDocument: Sendable {
    public let path: String
    public let lines: [String]
    public let statements: [KGStatement]
    public let diagnostics: [Diagnostic]
}
