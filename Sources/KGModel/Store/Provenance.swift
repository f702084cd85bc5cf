/// Where a fact was written: a file of the store's file table, 1-based line and column.
public struct SourceLocation: Hashable, Sendable {
    public let file: UInt32
    public let line: UInt32
    public let column: UInt32

    public init(file: UInt32, line: UInt32, column: UInt32) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// Why a fact is believed: the source that states it (an article entity), the sentence
/// quoted from it where one sentence says it, and where the fact was written down.
public struct Provenance: Hashable, Sendable {
    /// The source entity (e.g. an article), nil for facts imported without one.
    public let source: TermID?
    /// Index into the store's quote table.
    public let quote: UInt32?
    public let location: SourceLocation

    public init(source: TermID?, quote: UInt32?, location: SourceLocation) {
        self.source = source
        self.quote = quote
        self.location = location
    }
}

/// A fact's three positions as interned ids.
public struct Triple: Hashable, Sendable {
    public let subject: TermID
    public let predicate: TermID
    public let object: TermID

    public init(_ subject: TermID, _ predicate: TermID, _ object: TermID) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
    }
}
