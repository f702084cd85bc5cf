/// Finding the entity a user means by a name they typed.
public enum EntityResolution: Equatable, Sendable {
    case found(TermID)
    /// Several entities carry that name.
    case ambiguous([TermID])
    /// Nothing carries it; the closest names, best first.
    case notFound(suggestions: [String])
}

extension FactStore {
    /// Korean particles users attach to names (인천시는, 행안부의); tried longest first.
    static let particles = ["에서는", "으로는", "에게서", "이라는", "에서", "으로", "에게", "라는", "까지", "부터",
                            "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만"]

    /// Resolves a name by id, then by label or alias (NFC, Latin case ignored), then with a trailing
    /// Korean particle dropped; reports ambiguity with every candidate and misses with suggestions.
    public func resolveEntity(_ name: String) -> EntityResolution {
        if let id = termNamed(name), entityTypes[id] != nil { return .found(id) }
        let hits = labels.lookup(name)
        if hits.count == 1 { return .found(hits[0]) }
        if hits.count > 1 { return .ambiguous(hits.sorted()) }
        let normalized = TextKey.normalize(name)
        for particle in FactStore.particles where normalized.hasSuffix(particle) && normalized.count > particle.count {
            let stem = String(normalized.dropLast(particle.count))
            let stemHits = labels.lookup(stem)
            if stemHits.count == 1 { return .found(stemHits[0]) }
            if stemHits.count > 1 { return .ambiguous(stemHits.sorted()) }
        }
        return .notFound(suggestions: Spelling.suggestions(for: name, among: labels.entries.map(\.text)))
    }
}
