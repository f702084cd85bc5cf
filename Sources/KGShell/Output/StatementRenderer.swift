import KGModel
import KGQuery

/// Text for what a statement produced: tables, entity cards, explanations with their sources,
/// connections, plans.
struct StatementRenderer {
    let store: FactStore
    let options: RenderOptions

    var language: String { options.language }

    func render(_ result: StatementResult) -> String {
        switch result {
        case .table(let r):
            return DataRenderer.render(r, options)
        case .entity(let id):
            return EntityCard(store: store, entity: id, language: language).render() + "\n"
        case .explanations(let explanations, let terms):
            return why(explanations, terms: terms)
        case .paths(let paths, let from, let to, let maxLength):
            if paths.isEmpty {
                return "no connection between \(label(from)) and \(label(to)) within \(maxLength) steps\n"
            }
            let n = paths[0].count
            var out = ["\(paths.count) shortest connection\(paths.count == 1 ? "" : "s") of \(n) step\(n == 1 ? "" : "s"):"]
            for p in paths { out.append("  " + chain(p, from: from)) }
            return out.joined(separator: "\n") + "\n"
        case .ruleDefined(let name, let arity, let replaced):
            return "rule \(name)/\(arity) \(replaced ? "replaced" : "defined")\n"
        case .export:
            return ""  // Session.export writes exports; they never reach the renderer.
        case .plan(let query, let root, let rows):
            var out = ["plan for: \(query)"]
            out += root.children.flatMap { $0.render(indent: 1) }
            out.append("\(rows) row\(rows == 1 ? "" : "s")")
            return out.joined(separator: "\n") + "\n"
        }
    }

    func label(_ id: TermID) -> String { store.displayName(id, language: language) }

    /// `박진영 ←writtenBy— [인천 소식] … —about→ 인천광역시`
    func chain(_ steps: [PathStep], from: TermID) -> String {
        var out = label(from)
        for s in steps {
            let name = store.shownName(s.predicate)
            out += s.forward ? " —\(name)→ " : " ←\(name)— "
            out += label(s.to)
        }
        return out
    }

    /// Each answer, then each fact behind it with its article, outlet, date and quoted sentence.
    func why(_ explanations: [Explanation], terms: TermTable) -> String {
        if explanations.isEmpty { return "no matching facts\n" }
        var out: [String] = []
        for (i, e) in explanations.enumerated() {
            if !e.bindings.isEmpty {
                out.append("\(i + 1). " + e.bindings.map { "?\($0.0) = \(value($0.1, terms: terms))" }.joined(separator: ", "))
            } else {
                out.append("\(i + 1).")
            }
            for f in e.facts {
                let t = store.triples[Int(f)]
                out.append("   \(label(t.subject)) \(store.shownName(t.predicate)) \(value(t.object, terms: terms))")
                for p in store.provenance(ofFact: f) {
                    var source = p.source.map { EntityCard(store: store, entity: $0, language: language).citation($0) } ?? "(no source)"
                    // Facts read from RDF carry their file but no line (0): the file alone.
                    source += " — \(store.files[Int(p.location.file)])" + (p.location.line > 0 ? ":\(p.location.line)" : "")
                    out.append("     ↳ \(source)")
                    if let q = p.quote { out.append("       “\(store.quotes[Int(q)])”") }
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    func value(_ id: TermID, terms: TermTable) -> String {
        switch terms[id] {
        case .entity: label(id)
        case .literal(let l): l.description
        }
    }
}
