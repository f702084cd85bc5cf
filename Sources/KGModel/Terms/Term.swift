/// An interned term's id. Ids are dense, start at 0 and never change once given.
public typealias TermID = UInt32

/// A node or edge label of the graph: a named entity (also types and predicates) or a literal.
public enum Term: Hashable, Sendable {
    /// An entity, type or predicate, by its ASCII id (or IRI for imported RDF).
    case entity(String)
    case literal(Literal)

    public var entityName: String? {
        if case .entity(let name) = self { return name }
        return nil
    }

    public var literal: Literal? {
        if case .literal(let l) = self { return l }
        return nil
    }
}
