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
        var shown = Shown()
        var rows: [(String, String, String)] = []
        for fid in store.match(subject: entity, predicate: nil, object: nil) {
            let t = store.triples[Int(fid)]
            guard !skip.contains(t.predicate), shown.admit(t.predicate) else { continue }
            rows.append((store.predicateName(t.predicate), value(t.object), cite(fid)))
        }
        rows += shown.more.map { p, n in
            (store.predicateName(p), "… \(n) more: find ?o where \(reference(entity)) \(reference(predicate: p)) ?o", "")
        }
        if !rows.isEmpty {
            out.append("")
            out.append("facts")
            out += table(rows)
        }
        shown = Shown()
        var incoming: [(String, String, String)] = []
        func inverseName(_ p: TermID) -> String { store.schema.predicates[p]?.inverseName ?? "^" + store.predicateName(p) }
        for fid in store.match(subject: nil, predicate: nil, object: entity) {
            let t = store.triples[Int(fid)]
            guard !skip.contains(t.predicate), shown.admit(t.predicate) else { continue }
            incoming.append((inverseName(t.predicate), value(t.subject), cite(fid)))
        }
        incoming += shown.more.map { p, n in
            (inverseName(p), "… \(n) more: find ?s where ?s \(reference(predicate: p)) \(reference(entity))", "")
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

    /// How many facts of each predicate a card lists in one direction; past that, one row says how
    /// many more there are and the query that lists them all (a hub of a large graph is the
    /// object of tens of thousands of facts).
    static let factsPerPredicate = 20

    /// The facts of one direction a card lists: the first `factsPerPredicate` of each predicate,
    /// and how many of each it leaves out, in the order the predicates first came.
    struct Shown {
        private var counts: [TermID: Int] = [:]
        private var order: [TermID] = []

        /// Whether a fact of `predicate` is listed (false once its predicate has its share).
        mutating func admit(_ predicate: TermID) -> Bool {
            let n = counts[predicate, default: 0]
            if n == 0 { order.append(predicate) }
            counts[predicate] = n + 1
            return n < EntityCard.factsPerPredicate
        }

        /// The predicates with facts left out, and how many.
        var more: [(TermID, Int)] {
            order.compactMap { p in counts[p].flatMap { $0 > EntityCard.factsPerPredicate ? (p, $0 - EntityCard.factsPerPredicate) : nil } }
        }
    }

    /// An entity as a query names it: its id, or `<IRI>` when that is what the id is.
    func reference(_ id: TermID) -> String {
        let name = store.shownName(id)
        return name.contains("://") ? "<\(name)>" : name
    }

    /// A predicate as a query names it: the name the card shows when it names only this predicate.
    func reference(predicate p: TermID) -> String {
        let shown = store.predicateName(p)
        if store.termNamed(shown) == p { return shown }
        if store.schema.predicates(labelled: TextKey.normalize(shown)) == [p] { return shown }
        return reference(p)
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
