import KGModel

/// Commands that describe the graph and the session: .schema, .stats, .sources, .history.
extension DotCommands {
    static let schema = DotCommand("schema", usage: ".schema [TYPE]", summary: "types and predicates; with a type: what it is and what links to it") { cx in
        let store = cx.session.store
        let lang = cx.session.language
        let s = store.schema
        func labels(_ ls: [Label]) -> String {
            let ko = ls.first { $0.language == "ko" }?.text, en = ls.first { $0.language == "en" }?.text
            return [ko, en].compactMap { $0 }.joined(separator: " · ")
        }
        func typeName(_ id: TermID) -> String { s.types[id]?.name ?? store.name(id) }
        func describe(_ p: PredicateInfo) -> String {
            let range = p.range.map { m -> String in
                switch m {
                case .type(let t): typeName(t)
                case .literal(let k): k.rawValue
                case .anyLiteral: "Literal"
                }
            }.joined(separator: "|")
            var line = "\(p.name) : \(p.domain.map(typeName).joined(separator: "|")) -> \(range)"
            if let inv = p.inverseName { line += "  inverse \(inv)" }
            return line + "  " + labels(p.labels)
        }
        if let arg = cx.arguments.first {
            guard let t = s.types.values.first(where: { $0.name.lowercased() == arg.text.lowercased() || $0.labels.contains { $0.text == arg.text } }) else {
                let hint = Spelling.suggestions(for: arg.text, among: s.types.values.map(\.name), limit: 1).first.map { " — did you mean '\($0)'?" } ?? ""
                return cx.fail("unknown type '\(arg.text)'\(hint)", arg)
            }
            var chain: [String] = []
            var current: TermID? = t.id
            while let c = current, let info = s.types[c] { chain.append(info.name); current = info.parent }
            var out = ["type \(chain.joined(separator: " < "))  \(labels(t.labels))"]
            let count = store.entityTypes.values.filter { s.isSubtype($0, of: t.id) }.count
            out.append("\(plural(count, "entity", "entities")) of this type or below it")
            let outgoing = s.predicates.values.filter { p in p.domain.contains { s.isSubtype(t.id, of: $0) } && p.name != "type" }.sorted { $0.name < $1.name }
            let incoming = s.predicates.values.filter { p in p.range.contains { if case .type(let r) = $0 { s.isSubtype(t.id, of: r) && r != store.builtins.thing } else { false } } }.sorted { $0.name < $1.name }
            out.append("predicates from it:")
            out += outgoing.map { "  " + describe($0) }
            if !incoming.isEmpty {
                out.append("predicates to it:")
                out += incoming.map { "  " + describe($0) }
            }
            _ = lang
            return Outcome(output: out.joined(separator: "\n") + "\n")
        }
        var out = ["types:"]
        func walk(_ parent: TermID, _ depth: Int) {
            for child in s.types.values.filter({ $0.parent == parent }).sorted(by: { $0.name < $1.name }) {
                out.append(String(repeating: "  ", count: depth + 1) + child.name + "  " + labels(child.labels))
                walk(child.id, depth + 1)
            }
        }
        out.append("  Thing  " + labels(s.types[store.builtins.thing]?.labels ?? []))
        walk(store.builtins.thing, 1)
        out.append("predicates:")
        out += s.predicates.values.sorted { $0.name < $1.name }.map { "  " + describe($0) }
        return Outcome(output: out.joined(separator: "\n") + "\n")
    }

    static let stats = DotCommand("stats", usage: ".stats", summary: "how big the graph is: entities, facts, sources, facts per predicate") { cx in
        let store = cx.session.store
        var out = ["\(plural(store.entityTypes.count, "entity", "entities")), \(plural(store.factCount, "fact")), "
                   + "\(plural(store.factCountsBySource().keys.compactMap { $0 }.count, "source")), \(plural(store.terms.count, "term")), "
                   + "\(plural(store.files.count, "file")) loaded"]
        var perPredicate: [(String, Int)] = []
        for (id, info) in store.schema.predicates {
            let n = store.count(subject: nil, predicate: id, object: nil)
            if n > 0 { perPredicate.append((store.shownName(id), n)) }
        }
        perPredicate.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let width = perPredicate.map { $0.0.count }.max() ?? 0
        out.append("facts per predicate:")
        out += perPredicate.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + String($0.1) }
        return Outcome(output: out.joined(separator: "\n") + "\n")
    }

    static let sources = DotCommand("sources", usage: ".sources", summary: "the articles the facts cite, with how many facts each states") { cx in
        let store = cx.session.store
        let counts = store.factCountsBySource()
        let card = EntityCard(store: store, entity: store.builtins.thing, language: cx.session.language)
        var out: [String] = []
        for (source, n) in counts.sorted(by: { ($0.key.map { store.name($0) } ?? "") < ($1.key.map { store.name($0) } ?? "") }) {
            out.append(source.map { "\(card.citation($0)): \(plural(n, "fact"))" } ?? "(no source): \(plural(n, "fact"))")
        }
        return Outcome(output: out.isEmpty ? "no sources\n" : out.joined(separator: "\n") + "\n")
    }

    static let history = DotCommand("history", usage: ".history", summary: "the statements entered so far (kept in $XDG_STATE_HOME/kgsh/history)") { cx in
        let h = cx.session.history
        let width = String(h.count).count
        // A statement's later lines line up under its first, past the number.
        let indent = "\n" + String(repeating: " ", count: width + 2)
        return Outcome(output: h.enumerated().map { n, statement in
            String(repeating: " ", count: width - String(n + 1).count) + "\(n + 1)  "
                + statement.replacingOccurrences(of: "\n", with: indent) + "\n"
        }.joined())
    }
}
