import Foundation
/// Entities by their names: ids, labels and aliases, normalised by `TextKey`, for exact and
/// prefix look-up.
public struct LabelIndex: Sendable {
    /// One name of one entity.
    public struct Entry: Sendable, Equatable {
        public let key: [UInt8]
        public let text: String
        public let entity: TermID
    }

    /// Entries sorted by key bytes, then entity.
    public private(set) var entries: [Entry] = []
    /// Predicates besides label and alias whose objects name their subject (foaf:name …).
    public private(set) var namingPredicates: [TermID] = []
    private var exact: [String: [TermID]] = [:]

    public init() {}

    init(store: FactStore) {
        var all: [Entry] = []
        for (entity, _) in store.entityTypes {
            let id = store.name(entity)
            all.append(Entry(key: Array(TextKey.normalize(id).utf8), text: id, entity: entity))
            // An IRI is found by its last segment too (…/country/Germany → Germany).
            if let local = LabelIndex.localName(id) {
                all.append(Entry(key: Array(TextKey.normalize(local).utf8), text: local, entity: entity))
            }
        }
        // Imported RDF names things with rdfs:label (stored as label), but also with foaf:name,
        // schema:name, skos:prefLabel or a vocabulary's own `name`: those are names too.
        let naming = store.schema.predicates.values.filter { p in
            p.name.contains("://") && ["name", "prefLabel", "altLabel"].contains(LabelIndex.localName(p.name) ?? "")
        }.map(\.id)
        namingPredicates = naming.sorted()
        for predicate in [store.builtins.label, store.builtins.alias] + naming {
            for fid in store.match(subject: nil, predicate: predicate, object: nil) {
                let t = store.triples[Int(fid)]
                if case .literal(.string(let s, _)) = store.terms[t.object] {
                    all.append(Entry(key: Array(TextKey.normalize(s).utf8), text: s, entity: t.subject))
                }
            }
        }
        all.sort { $0.key != $1.key ? $0.key.lexicographicallyPrecedes($1.key) : ($0.entity, $0.text) < ($1.entity, $1.text) }
        var unique: [Entry] = []
        for e in all where unique.last.map({ $0.key != e.key || $0.entity != e.entity }) ?? true { unique.append(e) }
        entries = unique
        for e in unique { exact[String(decoding: e.key, as: UTF8.self), default: []].append(e.entity) }
    }

    /// The last segment of an IRI (`…/countries/GR/` → `GR`, `…#name` → `name`); nil for other ids.
    static func localName(_ id: String) -> String? {
        guard id.contains("://") else { return nil }
        var trimmed = Substring(id)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let cut = trimmed.lastIndex(where: { $0 == "#" || $0 == "/" }), trimmed.index(after: cut) < trimmed.endIndex else { return nil }
        let local = String(trimmed[trimmed.index(after: cut)...])
        return local.removingPercentEncoding ?? local
    }

    /// Entities with a name equal to `name` after normalisation.
    /// - Complexity: O(length of `name`).
    public func lookup(_ name: String) -> [TermID] { exact[TextKey.normalize(name)] ?? [] }

    /// Entries whose normalised name starts with `prefix`, in key order.
    /// - Complexity: O(log n + k) for k results.
    public func withPrefix(_ prefix: String) -> ArraySlice<Entry> {
        let p = Array(TextKey.normalize(prefix).utf8)
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].key.lexicographicallyPrecedes(p) { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < entries.count, entries[end].key.starts(with: p) { end += 1 }
        return entries[lo..<end]
    }

    func checkInvariants(against store: FactStore) -> [String] {
        var problems: [String] = []
        for i in entries.indices.dropFirst() where entries[i].key.lexicographicallyPrecedes(entries[i - 1].key) {
            problems.append("label index out of order at \(i)")
            break
        }
        for e in entries where store.entityTypes[e.entity] == nil {
            problems.append("label index names non-entity \(store.name(e.entity))")
        }
        return problems
    }
}
