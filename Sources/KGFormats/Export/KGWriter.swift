import KGModel

/// Writes a subgraph as `.kg` text that `KGParser` and `KGLoader` load back to the same facts with
/// the same sources and quotes.
///
/// The text holds the schema lines its facts need (types with their supertypes and labels,
/// predicates with domain, range, inverse name and labels; built-ins are never written), then
/// the facts grouped by `@source`, those a sentence states indented under its `says` line. A fact
/// stated by several sources or quotes is written once under each. Every entity the facts name
/// (subjects, objects and sources) is declared: when its `type` fact is not in the subgraph it is
/// added, with its own provenance.
///
/// Names read from RDF are written as `.kg` writes them: an IRI between `<` and `>`, a blank node
/// as `_:label`; such entities need no `type` fact. Facts without a source (RDF imports have
/// none) are written under `@nosource`. What `.kg` cannot express is reported as an
/// `ExportError` rather than written as a file that would not load: a name that is neither an id
/// nor an absolute IRI nor a blank node, and an id entity without a `type` fact. Where a fact was
/// written (file, line, column) is not carried over: the reloaded facts are where the export put
/// them.
public enum KGWriter {
    static let reserved: Set<String> = KGParser.reserved

    /// The `.kg` text of `subgraph`.
    /// - Throws: `ExportError` when the graph holds something `.kg` cannot express (see above).
    public static func write(_ subgraph: Subgraph, options: ExportOptions = ExportOptions()) throws(ExportError) -> String {
        let store = subgraph.store
        let b = store.builtins
        let (facts, undeclared) = closure(of: subgraph)

        // Schema lines the facts need.
        var types: Set<TermID> = []
        var predicates: Set<TermID> = []
        let builtinPredicates = store.namingPredicates
        for fid in facts {
            let t = store.triples[Int(fid)]
            if t.predicate == b.type { types.insert(t.object) }
            else if !builtinPredicates.contains(t.predicate) { predicates.insert(t.predicate) }
        }
        if options.schema == .all {
            types.formUnion(store.schema.types.keys.filter { isName(store.name($0)) })
            predicates.formUnion(store.schema.predicates.keys.filter { !builtinPredicates.contains($0) && isName(store.name($0)) })
        }
        for p in predicates {
            guard let info = store.schema.predicates[p] else { continue }
            types.formUnion(info.domain)
            for case .type(let t) in info.range { types.insert(t) }
        }
        var pending = Array(types)
        while let t = pending.popLast() {
            if let parent = store.schema.types[t]?.parent, types.insert(parent).inserted { pending.append(parent) }
        }
        types.remove(b.thing)

        try check(facts: facts, types: types, predicates: predicates, in: store)
        if !undeclared.isEmpty {
            throw ExportError("cannot export as .kg: \(count(undeclared.count, "entity has", "entities have")) no 'type' fact to declare \(undeclared.count == 1 ? "it" : "them") (\(examples(undeclared.sorted()))); export as nt or ttl instead")
        }

        var out = "# kgsh export: \(facts.count) facts"
        out += types.isEmpty && predicates.isEmpty ? ".\n" : "; the schema they use comes first.\n"
        for t in types.sorted() {
            guard let info = store.schema.types[t] else { continue }
            out += "type \(written(info.name))"
            if let parent = info.parent, parent != b.thing { out += " < \(written(store.name(parent)))" }
            out += labels(info.labels) + "\n"
        }
        for p in predicates.sorted() {
            guard let info = store.schema.predicates[p] else { continue }
            let range = info.range.map { member -> String in
                switch member {
                case .type(let t): written(store.name(t))
                case .literal(let kind): kind.rawValue
                case .anyLiteral: "Literal"
                }
            }
            out += "predicate \(written(info.name)) : \(info.domain.map { written(store.name($0)) }.joined(separator: "|")) -> \(range.joined(separator: "|"))"
            if let inverse = info.inverseName { out += " inverse \(inverse)" }
            out += labels(info.labels) + "\n"
        }

        // Facts, grouped by source, then by quote (unquoted first), each group in fact order.
        // Facts without a source (read from RDF) go under @nosource.
        struct Group { var source: TermID?; var quote: UInt32?; var facts: [UInt32] }
        var groups: [Group] = []
        var groupIndex: [String: Int] = [:]
        for fid in facts {
            for p in store.provenance(ofFact: fid) {
                let key = "\(p.source.map(String.init) ?? "-") \(p.quote.map(String.init) ?? "-")"
                if let i = groupIndex[key] {
                    if groups[i].facts.last != fid { groups[i].facts.append(fid) }
                    continue
                }
                groupIndex[key] = groups.count
                groups.append(Group(source: p.source, quote: p.quote, facts: [fid]))
            }
        }
        var sourceOrder: [TermID?: Int] = [:]
        for g in groups where sourceOrder[g.source] == nil { sourceOrder[g.source] = sourceOrder.count }
        let ordered = groups.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            if a.source != b.source { return sourceOrder[a.source]! < sourceOrder[b.source]! }
            if (a.quote == nil) != (b.quote == nil) { return a.quote == nil }
            return x.offset < y.offset
        }.map(\.element)
        var currentSource: TermID?? = .none
        for g in ordered {
            if currentSource != .some(g.source) {
                out += g.source.map { "\n@source \(written(store.name($0)))\n" } ?? "\n@nosource\n"
                currentSource = .some(g.source)
            }
            var indent = ""
            if let q = g.quote {
                out += "says \(Literal.quoted(store.quotes[Int(q)]))\n"
                indent = "  "
            }
            for fid in g.facts { out += indent + line(fid, in: store) + "\n" }
        }
        return out
    }

    /// The subgraph's facts plus the `type` fact of every entity they name (subjects, objects,
    /// sources), and of the sources of those, until nothing is missing; ascending. Also the
    /// entities that have no `type` fact to add.
    static func closure(of subgraph: Subgraph) -> (facts: [UInt32], undeclared: [String]) {
        let store = subgraph.store
        let b = store.builtins
        var facts = Set(subgraph.facts)
        var pending = subgraph.facts
        var declared: Set<TermID> = []
        var undeclared: [String] = []
        while let fid = pending.popLast() {
            let t = store.triples[Int(fid)]
            var named = [t.subject]
            if t.predicate != b.type, case .entity = store.terms[t.object] { named.append(t.object) }
            named += store.provenance(ofFact: fid).compactMap(\.source)
            for e in named where declared.insert(e).inserted {
                guard let type = store.type(of: e), let decl = store.match(subject: e, predicate: b.type, object: type).first else {
                    // An IRI or blank node is declared by being named.
                    if KGLexer.isIdentifier(store.name(e)) { undeclared.append(store.name(e)) }
                    continue
                }
                if facts.insert(decl).inserted { pending.append(decl) }
            }
        }
        return (facts.sorted(), undeclared)
    }

    static func check(facts: [UInt32], types: Set<TermID>, predicates: Set<TermID>, in store: FactStore) throws(ExportError) {
        var bad: Set<String> = []
        for fid in facts {
            let t = store.triples[Int(fid)]
            for id in [t.subject, t.predicate] { bad.formUnion([store.name(id)].filter { !isName($0) }) }
            if case .entity(let name) = store.terms[t.object], !isName(name) { bad.insert(name) }
            for p in store.provenance(ofFact: fid) {
                if let s = p.source, !isName(store.name(s)) { bad.insert(store.name(s)) }
            }
        }
        for id in types.union(predicates) where !isName(store.name(id)) { bad.insert(store.name(id)) }
        for p in predicates { if let inv = store.schema.predicates[p]?.inverseName, !isName(inv) { bad.insert(inv) } }
        if !bad.isEmpty {
            throw ExportError("cannot export as .kg: \(count(bad.count, "name is not a .kg id", "names are not .kg ids")) (\(examples(bad.sorted()))); .kg ids are an ASCII letter, then letters, digits, - or _, or an absolute IRI, or a blank node _:label. Export as nt or ttl instead")
        }
    }

    /// Whether `.kg` can write `name`: an identifier that is not a reserved word, an absolute
    /// IRI, or a blank node.
    static func isName(_ name: String) -> Bool {
        guard KGLexer.written(name) != nil else { return false }
        return !reserved.contains(name) || name == "type"
    }

    /// `name` as `.kg` writes it (`<…>` around an IRI); call after `check`.
    static func written(_ name: String) -> String { KGLexer.written(name) ?? name }

    /// One fact line, without indentation.
    static func line(_ fid: UInt32, in store: FactStore) -> String {
        let t = store.triples[Int(fid)]
        let object: String = switch store.terms[t.object] {
        case .entity(let name): written(name)
        case .literal(let l): literal(l)
        }
        return "\(written(store.name(t.subject))) \(written(store.name(t.predicate))) \(object)"
    }

    /// A literal as `.kg` reads it back to the same value: `Literal.kgText`, except negative money
    /// (`₩-5000`, which `-5,000원` is not) and whole decimals (`5.0`, which `5` is not where the
    /// range is `Literal`).
    static func literal(_ l: Literal) -> String {
        switch l {
        case .money(let v) where v < 0: "₩\(v)"
        case .decimal(let d) where d.scale == 0: "\(d.mantissa).0"
        default: l.kgText
        }
    }

    static func labels(_ labels: [Label]) -> String {
        labels.map { " " + Literal.quoted($0.text) + ($0.language.map { "@" + $0 } ?? "") }.joined()
    }

    static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    static func examples(_ names: [String]) -> String {
        let shown = names.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        return names.count > 3 ? shown + ", …" : shown
    }
}
