/// Interns terms to dense integer ids, once each.
public struct TermDictionary: Sendable {
    private var terms: [Term] = []
    private var ids: [Term: TermID] = [:]

    public init() {}

    public var count: Int { terms.count }

    /// The id of `term`, giving it the next id if it has none yet.
    /// - Complexity: O(1) amortised.
    public mutating func intern(_ term: Term) -> TermID {
        if let id = ids[term] { return id }
        let id = TermID(terms.count)
        terms.append(term)
        ids[term] = id
        return id
    }

    /// The id of `term` if it has been interned.
    public func id(of term: Term) -> TermID? { ids[term] }

    public subscript(id: TermID) -> Term { terms[Int(id)] }

    /// The id of the entity named `name`, if interned.
    public func entity(_ name: String) -> TermID? { ids[.entity(name)] }
}
