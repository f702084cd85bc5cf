import KGModel

/// The card `show ENTITY` prints: type, labels, aliases, facts out and in, each with the numbers
/// of the sources that state it, and those sources listed last.
struct EntityCard {
    let store: FactStore
    let entity: TermID
    let language: String

    func render() -> String {
        var sources: [TermID] = []
        func cite(_ fact: UInt32) -> String {
            var numbers: [Int] = []
            for p in store.provenance(ofFact: fact) {
                guard let s = p.source else { continue }
                if !sources.contains(s) { sources.append(s) }
                let n = sources.firstIndex(of: s)! + 1
                if !numbers.contains(n) { numbers.append(n) }
            }
            return numbers.isEmpty ? "" : "[" + numbers.map(String.init).joined(separator: ",") + "]"
        }

        let b = store.builtins
        var out: [String] = []
        let title = store.displayName(entity, language: language)
        out.append("\(title) — \(store.shownName(entity))")
        if let t = store.type(of: entity) {
            let typeLabel = store.schema.label(of: t, language: language) ?? store.shownName(t)
            out.append("  type     \(typeLabel) (\(store.shownName(t)))")
        }
        let labels = store.literals(of: entity, predicate: b.label)
        if !labels.isEmpty {
            out.append("  labels   " + labels.map { ($0.language.map { "\($0) " } ?? "") + $0.text }.joined(separator: " · "))
        }
        let aliases = store.literals(of: entity, predicate: b.alias)
        if !aliases.isEmpty { out.append("  aliases  " + aliases.map(\.text).joined(separator: " · ")) }

        let skip = store.namingPredicates
        var rows: [(String, String, String)] = []
        for fid in store.match(subject: entity, predicate: nil, object: nil) {
            let t = store.triples[Int(fid)]
            guard !skip.contains(t.predicate) else { continue }
            rows.append((store.predicateName(t.predicate), value(t.object), cite(fid)))
        }
        if !rows.isEmpty {
            out.append("")
            out.append("facts")
            out += table(rows)
        }
        var incoming: [(String, String, String)] = []
        for fid in store.match(subject: nil, predicate: nil, object: entity) {
            let t = store.triples[Int(fid)]
            guard !skip.contains(t.predicate) else { continue }
            let name = store.schema.predicates[t.predicate]?.inverseName ?? "^" + store.predicateName(t.predicate)
            incoming.append((name, value(t.subject), cite(fid)))
        }
        if !incoming.isEmpty {
            out.append("")
            out.append("referenced by")
            out += table(incoming)
        }
        if !sources.isEmpty {
            out.append("")
            out.append("sources")
            for (i, s) in sources.enumerated() { out.append("  [\(i + 1)] " + citation(s)) }
        }
        return out.joined(separator: "\n")
    }

    /// An entity by its label and id, a literal as written for people.
    func value(_ id: TermID) -> String {
        if store.type(of: id) != nil { return "\(store.displayName(id, language: language)) (\(store.shownName(id)))" }
        return store.displayName(id, language: language)
    }

    /// Rows of three columns, the first padded to the widest by display width.
    func table(_ rows: [(String, String, String)]) -> [String] {
        let width = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        return rows.map { row in
            let pad = String(repeating: " ", count: width - DisplayWidth.of(row.0))
            return "  \(row.0)\(pad)  \(row.1)" + (row.2.isEmpty ? "" : "  \(row.2)")
        }
    }

    /// A source as people cite it: its title, outlet, reporter and date where the graph has them.
    func citation(_ source: TermID) -> String {
        func object(_ predicate: String) -> TermID? {
            guard let p = store.terms.entity(predicate) else { return nil }
            return store.match(subject: source, predicate: p, object: nil).first.map { store.triples[Int($0)].object }
        }
        var parts = [store.displayName(source, language: language)]
        if let outlet = object("publishedBy") { parts.append(store.displayName(outlet, language: language)) }
        if let reporter = object("writtenBy") { parts.append(store.displayName(reporter, language: language)) }
        if let date = object("publishedAt") { parts.append(store.displayName(date, language: language)) }
        return parts.joined(separator: " · ") + " (\(store.shownName(source)))"
    }
}
