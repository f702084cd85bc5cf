import KGModel

/// The facts one export writes: a store and the ids of some of its facts, ascending and unique.
///
/// Build one with `all(_:)`, `around(_:depth:in:)`, `along(paths:in:)` or from the facts a
/// pattern matched (`init(store:facts:)`); `withEntityNames()` adds the type, labels and aliases of
/// every entity it mentions.
public struct Subgraph: Sendable {
    public let store: FactStore
    /// Fact ids (indexes into `store.triples`), ascending, no repeats.
    public let facts: [UInt32]

    /// The given facts of `store` (sorted, repeats dropped; ids past the store's end are ignored).
    public init(store: FactStore, facts: some Sequence<UInt32>) {
        self.store = store
        self.facts = Array(Set(facts.filter { Int($0) < store.factCount })).sorted()
    }

    /// Every fact of the store.
    /// - Complexity: O(n) in the number of facts.
    public static func all(_ store: FactStore) -> Subgraph {
        Subgraph(store: store, facts: 0..<UInt32(store.factCount))
    }

    /// The facts within `depth` hops of `entity`, read in either direction, with the type, labels
    /// and aliases of every entity reached (see `FactStore.neighbourhood(of:depth:)`).
    public static func around(_ entity: TermID, depth: Int, in store: FactStore) -> Subgraph {
        Subgraph(store: store, facts: store.neighbourhood(of: entity, depth: depth))
    }

    /// The facts along paths: each path is its steps as stored facts (subject, predicate, object),
    /// whichever way the path reads them. Steps that are not facts of the store are skipped.
    /// With `names`, each entity on a path brings its type, labels and aliases.
    public static func along(paths: [[Triple]], in store: FactStore, names: Bool = true) -> Subgraph {
        let ids = paths.joined().compactMap { store.factID($0) }
        let sub = Subgraph(store: store, facts: ids)
        return names ? sub.withEntityNames() : sub
    }

    /// This subgraph plus the type, label and alias facts of every entity its facts mention.
    public func withEntityNames() -> Subgraph {
        var out = Set(facts)
        for e in mentionedEntities { out.formUnion(store.namingFacts(of: e)) }
        return Subgraph(store: store, facts: out)
    }

    /// The entities the facts mention as subject or object, in order of first mention.
    public var mentionedEntities: [TermID] {
        var seen: Set<TermID> = []
        var out: [TermID] = []
        for fid in facts {
            let t = store.triples[Int(fid)]
            for e in [t.subject, t.object] where t.predicate != store.builtins.type || e == t.subject {
                if store.type(of: e) != nil, seen.insert(e).inserted { out.append(e) }
            }
        }
        return out
    }

}
