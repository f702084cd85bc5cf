import KGModel
import KGQuery

/// The names of the catalog: every entity's type, labels and aliases read when connecting (a
/// graph with up to `SPARQLBackend.eagerNames` of them), or — past that — only the names a
/// statement mentions, looked up before it is resolved, and the names of the entities its answer
/// holds, fetched before it prints.
extension SPARQLBackend {
    static let namingPattern = """
          VALUES ?p { rdf:type rdfs:label skos:altLabel }
          ?s ?p ?o .
        """

    /// How many type, label and alias triples the graph holds.
    func countNames() throws -> Int {
        let answer = try select(SPARQLCompiler.prefixes + "SELECT (COUNT(*) AS ?n) WHERE {\n\(Self.namingPattern)\n}")
        guard case .literal(let n, _, _)?? = answer.rows.first?.first else { return 0 }
        return Int(n) ?? 0
    }

    /// Whether the graph reifies its facts (kgsh's exports do): then names come with provenance.
    func isReified() throws -> Bool {
        try select(SPARQLCompiler.prefixes + "ASK { ?s rdf:type rdf:Statement }").boolean == true
    }

    /// Reads every entity's type, labels and aliases into the catalog — with their provenance
    /// when the graph has any, else with one that names the endpoint.
    func loadNames() throws {
        reified = try isReified()
        try fetchNames(Self.namingPattern)
        oneLabelPerLanguage = SPARQLCompiler.oneLabelPerLanguage(in: store)
    }

    /// Adds the naming triples `pattern` binds as `?s ?p ?o` and declares each subject with its
    /// first type (Thing when it has none).
    func fetchNames(_ pattern: String) throws {
        let b = store.builtins
        // Types and predicates name themselves in the schema, not as entities.
        let schemaNodes = Set(store.schema.types.keys).union(store.schema.predicates.keys)
        var triples: [Triple] = []
        if reified {
            triples = try fetchFacts(pattern, reindex: false, skippingSubjects: schemaNodes)
        } else {
            let answer = try select(SPARQLCompiler.prefixes + "SELECT ?s ?p ?o WHERE {\n\(pattern)\n  FILTER(!isBLANK(?s) && ?o NOT IN (\(SPARQLCompiler.metaClasses)))\n}")
            let file = fileID(client.endpoint.absoluteString)
            let pid = store.internProvenance(Provenance(source: nil, quote: nil, location: SourceLocation(file: file, line: 0, column: 0)))
            for row in answer.rows {
                guard let s = row[0].flatMap({ entity($0) }), case .iri(let piri)? = row[1], let o = row[2] else { continue }
                guard !schemaNodes.contains(s) else { continue }
                let p = store.intern(.entity(SPARQLTerms.name(ofIRI: piri)))
                let t = Triple(s, p, entity(o) ?? store.intern(SPARQLTerms.term(o)))
                store.add(t, provenanceID: pid)
                triples.append(t)
            }
        }
        var declared = Set<TermID>()
        for t in triples where t.predicate == b.type && store.type(of: t.subject) == nil && declared.insert(t.subject).inserted {
            if store.schema.types[t.object] == nil {
                store.schema.declare(TypeInfo(id: t.object, name: store.name(t.object), parent: b.thing, labels: SPARQLCatalog.localLabel(store.name(t.object))))
            }
            store.declare(entity: t.subject, type: t.object, at: nil)
        }
        for t in triples where store.type(of: t.subject) == nil && declared.insert(t.subject).inserted {
            store.declare(entity: t.subject, type: b.thing, at: nil)
        }
        store.reindex()
    }

    // MARK: Names looked up per statement

    /// Looks up the entities the statement's names may mean: by id (an IRI, or a `.kg` id under
    /// the entity namespace) and by label or alias as written (and in lower, upper and capitalised
    /// case), untagged or in Korean or English, also without its last one to three characters (a
    /// particle: 인천시는). A label in mixed case (iPhone) or another language is not found, and an
    /// unknown name gets no "did you mean": that needs every name.
    func lookUpNames(in statement: SyntaxStatement) throws {
        var labels = Set<String>()
        var iris = Set<String>()
        for name in NameCollector.names(statement) where lookedUp.insert(name).inserted {
            var text = name.trimmingCharacters(in: .whitespaces)
            if text.count >= 2, let f = text.first, f == "\"" || f == "'", text.last == f { text = String(text.dropFirst().dropLast()) }
            guard !text.isEmpty else { continue }
            if text.contains("://") { iris.insert(SPARQLTerms.iriRef(text)); continue }
            if IRIScheme.isIdentifier(text) { iris.insert(SPARQLTerms.iriRef(IRIScheme.entityNamespace + text)) }
            // Names match without regard to Latin case: as written, lower case, upper case, capitalised.
            let cases = Set([text, text.lowercased(), text.uppercased(), text.capitalized])
            for written in cases {
                for cut in 0...3 where written.count - cut >= 1 {
                    let stem = String(written.dropLast(cut))
                    for form in [SPARQLTerms.quoted(stem), SPARQLTerms.quoted(stem) + "@ko", SPARQLTerms.quoted(stem) + "@en"] { labels.insert(form) }
                }
            }
        }
        guard !labels.isEmpty || !iris.isEmpty else { return }
        // The entities first (a sub-select, so the engine looks each label up in its index), then their names.
        var branches: [String] = []
        let values = labels.sorted().joined(separator: " ")
        if !labels.isEmpty {
            branches.append("{ VALUES ?l { \(values) } ?s rdfs:label ?l . }")
            branches.append("{ VALUES ?l { \(values) } ?s skos:altLabel ?l . }")
        }
        if !iris.isEmpty { branches.append("{ VALUES ?s { \(iris.sorted().joined(separator: " ")) } }") }
        try fetchNames("  { SELECT DISTINCT ?s WHERE { " + branches.joined(separator: " UNION ") + " } }\n" + Self.namingPattern)
    }

    /// Fetches the names of the entities a result holds that the catalog does not know yet.
    func fetchNames(for result: StatementResult) throws {
        var ids = Set<TermID>()
        func add(_ id: TermID?) {
            guard let id, Int(id) < store.terms.count, case .entity(let name) = store.terms[id], !name.hasPrefix("_:"),
                  !namesFetched.contains(id), store.schema.types[id] == nil, store.schema.predicates[id] == nil else { return }
            ids.insert(id)
        }
        switch result {
        case .table(let r):
            for row in r.rows { for id in row { add(id) } }
        case .entity(let id):
            add(id)
            for fid in store.match(subject: id, predicate: nil, object: nil) { add(store.triples[Int(fid)].object) }
            for fid in store.match(subject: nil, predicate: nil, object: id) { add(store.triples[Int(fid)].subject) }
            for fid in store.match(subject: id, predicate: nil, object: nil) + store.match(subject: nil, predicate: nil, object: id) {
                for p in store.provenance(ofFact: fid) { add(p.source) }
            }
        case .explanations(let explanations, _):
            for e in explanations {
                for (_, id) in e.bindings { add(id) }
                for f in e.facts {
                    let t = store.triples[Int(f)]
                    add(t.subject)
                    add(t.object)
                    for p in store.provenance(ofFact: f) { add(p.source) }
                }
            }
        case .paths(let paths, let from, let to, _):
            add(from)
            add(to)
            for path in paths { for step in path { add(step.from); add(step.to) } }
        default:
            break
        }
        // The sources' citations name outlets and reporters too.
        let more = ids
        for id in more {
            for fid in store.match(subject: id, predicate: nil, object: nil) { add(store.triples[Int(fid)].object) }
        }
        try fetchNames(of: ids)
    }

    /// Fetches the names of `ids` (entities of the catalog), 500 to a query.
    func fetchNames(of ids: Set<TermID>) throws {
        let ids = ids.subtracting(namesFetched)
        guard !ids.isEmpty else { return }
        namesFetched.formUnion(ids)
        let list = ids.sorted().map(iri)
        for start in stride(from: 0, to: list.count, by: 500) {
            try fetchNames("  VALUES ?s { \(list[start..<min(list.count, start + 500)].joined(separator: " ")) }\n" + Self.namingPattern)
        }
    }
}

/// The names a statement mentions where an entity may stand.
enum NameCollector {
    static func names(_ s: SyntaxStatement) -> [String] {
        switch s {
        case .query(let q), .why(let q), .explain(let q): return query(q)
        case .show(let t): return term(t)
        case .path(let from, let to, _): return term(from) + term(to)
        case .rule(let r): return elements(r.body)
        case .export(let selection, _, _):
            switch selection {
            case .all: return []
            case .around(let t, _): return term(t)
            case .path(let from, let to, _): return term(from) + term(to)
            case .pattern(let q): return query(q)
            }
        }
    }

    static func query(_ q: SyntaxQuery) -> [String] { elements(q.pattern) }

    static func term(_ t: SyntaxTerm) -> [String] {
        if case .name(let n, _, _) = t { return [n] }
        return []
    }

    static func elements(_ es: [SyntaxElement]) -> [String] {
        es.flatMap { e -> [String] in
            switch e {
            case .triple(let s, _, let o): return term(s) + term(o)
            case .filter(let l, _, let r, _): return expression(l) + expression(r)
            case .typeTest(let t, _, _, _): return term(t)
            case .not(let inner, _), .optional(let inner, _), .group(let inner, _): return elements(inner)
            case .union(let branches, _): return branches.flatMap(elements)
            case .ruleCall(_, let args, _): return args.flatMap(term)
            }
        }
    }

    static func expression(_ e: SyntaxExpression) -> [String] {
        switch e {
        case .term(let t): return term(t)
        case .call(_, let args, _): return args.flatMap(expression)
        }
    }
}
