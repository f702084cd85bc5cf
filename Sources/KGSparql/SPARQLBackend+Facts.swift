import KGModel
import KGQuery

/// `show` and `why` on an endpoint: the facts they print are fetched with their provenance
/// (the export's RDF 1.1 reification) and added to the catalog, which then prints them.
extension SPARQLBackend {
    struct Added: Hashable {
        let triple: Triple
        let provenance: Provenance
    }

    /// Fetches the facts `pattern` binds as `?s ?p ?o`, with provenance, into the catalog. A fact's
    /// provenances come in the order of their place in the knowledge files, as the embedded store
    /// (which adds them as it loads the files) lists them.
    /// - Returns: the facts, as catalog triples.
    @discardableResult
    func fetchFacts(_ pattern: String, reindex: Bool = true, skippingSubjects skip: Set<TermID> = []) throws -> [Triple] {
        let answer = try select(SPARQLCompiler.prefixes + """
            SELECT ?s ?p ?o ?src ?quote ?file ?line ?col WHERE {
            \(pattern)
              FILTER(?p NOT IN (\(SPARQLCompiler.metaPredicates)))
              FILTER(!isBLANK(?s) && !isBLANK(?o))
              FILTER(?o NOT IN (\(SPARQLCompiler.metaClasses)))
              OPTIONAL {
                ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
                OPTIONAL { ?st kgsh:source ?src } OPTIONAL { ?st kgsh:quote ?quote } OPTIONAL { ?st kgsh:file ?file }
                OPTIONAL { ?st kgsh:line ?line } OPTIONAL { ?st kgsh:column ?col }
              }
            }
            ORDER BY ?file ?line ?col
            """)
        var triples: [Triple] = []
        for row in answer.rows {
            guard let s = row[0].flatMap({ entity($0) }), !skip.contains(s), case .iri(let piri)? = row[1], let o = row[2] else { continue }
            let p = store.intern(.entity(SPARQLTerms.name(ofIRI: piri)))
            let object = entity(o) ?? store.intern(SPARQLTerms.term(o))
            let triple = Triple(s, p, object)
            var source: TermID? = nil
            var quote: UInt32? = nil
            var file: UInt32 = 0
            var line: UInt32 = 0, column: UInt32 = 0
            let reified = row[3] != nil || row[4] != nil || row[5] != nil
            if let src = row[3] { source = entity(src) }
            if case .literal(let q, _, _)? = row[4] { quote = store.internQuote(q) }
            if case .literal(let f, _, _)? = row[5] { file = fileID(f) }
            if case .literal(let l, _, _)? = row[6] { line = UInt32(l) ?? 0 }
            if case .literal(let c, _, _)? = row[7] { column = UInt32(c) ?? 0 }
            // A fact the catalog holds already (a type or a label) needs no second, empty provenance.
            if !reified, store.factID(triple) != nil { triples.append(triple); continue }
            let provenance = Provenance(source: source, quote: quote, location: SourceLocation(file: file, line: line, column: column))
            if added.insert(Added(triple: triple, provenance: provenance)).inserted { store.add(triple, provenance: provenance) }
            triples.append(triple)
        }
        if reindex { store.reindex() }
        return triples
    }

    func fileID(_ path: String) -> UInt32 {
        if let id = files[path] { return id }
        let id = store.addFile(path)
        files[path] = id
        return id
    }

    func iri(_ id: TermID) -> String { SPARQLTerms.constant(store.terms[id], id: id, store: store) }

    /// The facts of `sources` that citations print (outlet, reporter, date).
    func fetchSources(_ sources: Set<TermID>) throws {
        let list = sources.subtracting(citedSources).sorted()
        guard !list.isEmpty else { return }
        try fetchFacts("  VALUES ?s { \(list.map(iri).joined(separator: " ")) }\n  ?s ?p ?o .")
        citedSources.formUnion(list)
    }

    /// The facts of `show`'s card: out of the entity, into it, and its sources' citations.
    func fetchCard(of id: TermID) throws {
        let e = iri(id)
        let facts = try fetchFacts("  { BIND(\(e) AS ?s) ?s ?p ?o . } UNION { BIND(\(e) AS ?o) ?s ?p ?o . }")
        var sources: Set<TermID> = []
        for t in facts {
            for fid in [store.factID(t)].compactMap({ $0 }) {
                for p in store.provenance(ofFact: fid) { if let s = p.source { sources.insert(s) } }
            }
        }
        try fetchSources(sources)
    }

    // MARK: why

    func why(_ q: Query, terms: TermTable) throws -> StatementResult {
        var all = q
        all.columns = q.variables.indices.map { .variable($0) }
        all.columnNames = q.variables
        all.bare = false
        all.distinct = true
        all.groupBy = []
        all.orderBy = []
        all.limit = q.orderBy.isEmpty && !q.hasAggregates ? q.limit.map { $0 + (q.offset ?? 0) } : nil
        all.offset = nil
        var compiler = SPARQLCompiler(terms: terms, language: language, rules: rules, oneLabelPerLanguage: oneLabelPerLanguage)
        let compiled = try compiler.compile(all)
        let answer = try select(compiled.text)
        var rows: [[TermID?]] = []
        for row in answer.rows {
            rows.append(compiled.columns.map { reading -> TermID? in
                guard case .value(let v) = reading, let value = answer.column(String(v.dropFirst())).flatMap({ row[$0] }) else { return nil }
                return entity(value) ?? store.intern(SPARQLTerms.term(value))
            })
        }
        // The facts each row's simple patterns matched, fetched by (subject, predicate) at once.
        var wanted: [(Int, TermID, TermID, TermID)] = []
        for (r, row) in rows.enumerated() {
            collect(q.pattern, row, constant: { self.store.intern(terms[$0]) }) { wanted.append((r, $0, $1, $2)) }
        }
        let pairs = Set(wanted.map { "(\(iri($0.1)) \(SPARQLTerms.iriRef(SPARQLTerms.predicateIRI($0.2, store: store))))" })
        if !pairs.isEmpty {
            let facts = try fetchFacts("  VALUES (?s ?p) { \(pairs.sorted().joined(separator: " ")) }\n  ?s ?p ?o .")
            var sources: Set<TermID> = []
            for t in facts { if let f = store.factID(t) { for p in store.provenance(ofFact: f) { if let s = p.source { sources.insert(s) } } } }
            try fetchSources(sources)
        }
        let named = q.variables.indices.filter { !q.variables[$0].hasPrefix("_") }
        var out: [Explanation] = []
        for (r, row) in rows.enumerated() {
            var facts: [UInt32] = []
            for (i, s, p, o) in wanted where i == r {
                if let f = factID(s, p, o), !facts.contains(f) { facts.append(f) }
            }
            out.append(Explanation.remote(bindings: named.compactMap { v in row[v].map { (q.variables[v], $0) } }, facts: facts))
        }
        return .explanations(out, terms: TermTable(store: store))
    }

    /// The stored fact for (s, p, o): as it is, or with a numeric object of another kind, or the
    /// subject's declared type for a type pattern matched through a subtype.
    func factID(_ s: TermID, _ p: TermID, _ o: TermID) -> UInt32? {
        if let f = store.factID(Triple(s, p, o)) { return f }
        if case .literal(let l) = store.terms[o], let key = l.numericKey {
            for f in store.match(subject: s, predicate: p, object: nil) {
                if case .literal(let other) = store.terms[store.triples[Int(f)].object], other.numericKey == key { return f }
            }
        }
        if p == store.builtins.type, let t = store.type(of: s) { return store.factID(Triple(s, p, t)) }
        return nil
    }

    /// The (subject, predicate, object) of each simple pattern a row matched.
    /// `constant` gives a constant of the query its catalog id.
    func collect(_ patterns: [Pattern], _ row: [TermID?], constant: (TermID) -> TermID, _ body: (TermID, TermID, TermID) -> Void) {
        func value(_ o: Operand) -> TermID? {
            switch o {
            case .variable(let v): row[v]
            case .constant(let c): constant(c)
            }
        }
        for p in patterns {
            switch p {
            case .triple(let s, let path, let o):
                guard let sv = value(s), let ov = value(o) else { continue }
                switch path {
                case .predicate(let pid): body(sv, constant(pid), ov)
                case .variable(let v): if let pid = row[v] { body(sv, pid, ov) }
                case .inverse(.predicate(let pid)): body(ov, constant(pid), sv)
                default: continue
                }
            case .optional(let inner), .group(let inner):
                collect(inner, row, constant: constant, body)
            case .union(let branches):
                for b in branches { collect(b, row, constant: constant, body) }
            default:
                continue
            }
        }
    }
}
