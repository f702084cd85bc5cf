/// The part of the graph around an entity, for `export around` and anything else that cuts a
/// neighbourhood out of the graph.
extension FactStore {
    /// `type`, `label` and `alias`: the predicates that describe an entity rather than link it.
    public var namingPredicates: Set<TermID> { [builtins.type, builtins.label, builtins.alias] }

    /// The entity's `type`, `label` and `alias` facts.
    public func namingFacts(of entity: TermID) -> [UInt32] {
        namingPredicates.flatMap { match(subject: entity, predicate: $0, object: nil) }
    }

    /// The facts within `depth` hops of `entity`, read in either direction, plus the type, labels
    /// and aliases of every entity reached (the centre included). `type`, `label` and `alias` facts
    /// are not hops. Depth 0 is the entity's own naming facts.
    /// - Complexity: O(f log n) for the f facts visited.
    public func neighbourhood(of entity: TermID, depth: Int) -> Set<UInt32> {
        let naming = namingPredicates
        var seen: Set<TermID> = [entity]
        var frontier = [entity]
        var facts: Set<UInt32> = []
        for _ in 0..<max(0, depth) {
            var next: [TermID] = []
            for node in frontier {
                for fid in match(subject: node, predicate: nil, object: nil) + match(subject: nil, predicate: nil, object: node) {
                    let t = triples[Int(fid)]
                    if naming.contains(t.predicate) { continue }
                    facts.insert(fid)
                    let other = t.subject == node ? t.object : t.subject
                    if type(of: other) != nil, seen.insert(other).inserted { next.append(other) }
                }
            }
            frontier = next
        }
        for e in seen { facts.formUnion(namingFacts(of: e)) }
        return facts
    }
}
