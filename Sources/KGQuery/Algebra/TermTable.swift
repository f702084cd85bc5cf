import KGModel

/// The store's terms plus the literals a query mentions that the store lacks (a bound like 10억원).
/// Local ids start at the store's term count, so a local literal never equals a stored term.
public final class TermTable: @unchecked Sendable {
    public let store: FactStore
    private var local: [Term] = []
    private var localIDs: [Term: TermID] = [:]

    public init(store: FactStore) { self.store = store }

    /// The id of `term`, giving a literal the store lacks a query-local id.
    public func intern(_ term: Term) -> TermID {
        if let id = store.terms.id(of: term) { return id }
        if let id = localIDs[term] { return id }
        let id = TermID(store.terms.count + local.count)
        local.append(term)
        localIDs[term] = id
        return id
    }

    public subscript(id: TermID) -> Term {
        Int(id) < store.terms.count ? store.terms[id] : local[Int(id) - store.terms.count]
    }

    public func isStored(_ id: TermID) -> Bool { Int(id) < store.terms.count }
}
