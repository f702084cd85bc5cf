import KGModel

/// kgsh reads back what it writes: an RDF export (`RDFExport`) loaded into kgsh gives the graph
/// it was made from — names, schema and provenance — not the encoding's own triples.
extension RDFImport.Importer {
    /// A second look at a file once it is read, when a type or predicate it declared is under
    /// kgsh's IRI scheme (`https://kgsh.example/`: the file is likely one of kgsh's exports):
    /// - IRIs of the scheme become the `.kg` names they stand for (`…/id/daegu` → `daegu`,
    ///   `…/p/won` → `won`, `…/type/Award` → `Award`), so an export loaded beside the graph it
    ///   came from meets that graph's own entities — unless the name has another role there
    ///   (an entity named as a type, say), when the IRI stays.
    /// - Each reified statement (an `rdf:Statement` blank node with `rdf:subject`,
    ///   `rdf:predicate`, `rdf:object` and kgsh's `source`, `quote`, `file`, `line`, `column`)
    ///   whose fact the file states becomes a provenance of that fact: its source and sentence,
    ///   located in this file (where it was written before is the exporter's machine's).
    /// - The `rdfs:Class` and `rdf:Property` declarations of the scheme's types and predicates
    ///   become their labels, supertype and inverse name.
    /// Whatever does not have these shapes stays the facts it was read as: nothing is lost.
    /// - Returns: whether the file was looked at again.
    mutating func recoverExport() -> Bool {
        guard sawExportVocabulary else { return false }
        let b = store.builtins
        let taken = store.takeAppended(from: firstFact)
        var names = SchemeNames(before: schemaBefore, builtins: b, terms: store.terms.count)
        for e in state.indices where state[e] == Self.existing { names.entitiesBefore.insert(TermID(e)) }
        func renamed(_ id: TermID) -> TermID { names.renamed(id, in: &store) }
        func term(_ iri: String) -> TermID? { store.terms.entity(iri) }

        // Schema: the scheme's classes and properties, their labels, supertypes and inverses.
        let rdfsClass = term(IRIScheme.rdfs + "Class"), rdfProperty = term(IRIScheme.rdf + "Property")
        let subClassOf = term(IRIScheme.rdfs + "subClassOf"), inverseOf = term(IRIScheme.owl + "inverseOf")
        var classes: Set<TermID> = [], properties: Set<TermID> = []
        for (t, _) in taken where t.predicate == b.type && (t.object == rdfsClass || t.object == rdfProperty) {
            let isClass = t.object == rdfsClass
            if names.stands(for: isClass ? .type : .predicate, t.subject, in: &store) {
                if isClass { classes.insert(t.subject) } else { properties.insert(t.subject) }
            }
        }
        var consumed = [Bool](repeating: false, count: taken.count)
        var typeLabels: [TermID: [Label]] = [:], predicateLabels: [TermID: [Label]] = [:]
        var parents: [TermID: TermID] = [:], inverses: [TermID: String] = [:]
        for (i, (t, _)) in taken.enumerated() where classes.contains(t.subject) || properties.contains(t.subject) {
            let isClass = classes.contains(t.subject)
            if t.predicate == b.type, t.object == (isClass ? rdfsClass : rdfProperty) {
                consumed[i] = true
            } else if t.predicate == b.label, case .literal(.string(let text, let language)) = store.terms[t.object] {
                if isClass { typeLabels[renamed(t.subject), default: []].append(Label(text, language: language)) } else {
                    predicateLabels[renamed(t.subject), default: []].append(Label(text, language: language))
                }
                consumed[i] = true
            } else if isClass, t.predicate == subClassOf, classes.contains(t.object) || schemaBefore.types[renamed(t.object)] != nil,
                      names.stands(for: .type, t.object, in: &store) {
                parents[renamed(t.subject)] = renamed(t.object)
                consumed[i] = true
            } else if !isClass, t.predicate == inverseOf, let iri = store.terms.entityName(t.object), iri.hasPrefix(IRIScheme.predicateNamespace),
                      case let name = IRIScheme.name(ofIRI: iri), name != iri {
                inverses[renamed(t.subject)] = name
                consumed[i] = true
            }
        }

        // Provenance: each reified statement whose fact the file states.
        var recovered = [[UInt32]](repeating: [], count: taken.count)
        var statements = ReifiedStatements(store: store)
        if statements.find(in: taken) {
            var factIndex: [Triple: Int] = [:]
            factIndex.reserveCapacity(taken.count - statements.nodes.count * 4)
            // A fact the file states twice is one fact: its later statements go once it has the
            // provenances its statement nodes give (they would add the file's plain one).
            var repeats: [(Int, Int)] = []
            for (i, (t, _)) in taken.enumerated() where !consumed[i] && statements.node(t.subject) == nil {
                let fact = Triple(renamed(t.subject), renamed(t.predicate), renamed(t.object))
                if let first = factIndex[fact] { repeats.append((i, first)) } else { factIndex[fact] = i }
            }
            let file = store.provenances[Int(provenance)].location.file
            for k in statements.nodes.indices {
                let st = statements.nodes[k]
                guard let s = st.subject, let p = st.predicate, let o = st.object, st.sound, st.typed else { continue }
                let fact = Triple(renamed(s), statements.builtinPredicates[p] ?? renamed(p), renamed(o))
                guard let i = factIndex[fact] else { continue }
                let quote = st.quote.map { q -> UInt32 in
                    guard case .literal(.string(let text, _)) = store.terms[q] else { preconditionFailure("checked by find") }
                    return store.internQuote(text)
                }
                let location = SourceLocation(file: file, line: 0, column: 0)
                recovered[i].append(store.internProvenance(Provenance(source: st.source.map(renamed), quote: quote, location: location)))
                statements.nodes[k].used = true
            }
            for (i, (t, _)) in taken.enumerated() where statements.node(t.subject).map({ statements.nodes[$0].used }) == true {
                consumed[i] = true
            }
            for (i, first) in repeats where !recovered[first].isEmpty { consumed[i] = true }
        }

        // The facts again, as kgsh names them, each with its provenances; the schema as before
        // this load, then declared again from what the facts use and the file declared.
        store.schema = schemaBefore
        for e in newEntities { state[Int(e)] = Self.unknown }
        newEntities.removeAll()
        declaredTypes.removeAll()
        for (i, (t, original)) in taken.enumerated() where !consumed[i] {
            // Several statements of a fact, one per provenance (in the file's order, each once):
            // `reindex` merges them.
            var provenances = [original]
            if !recovered[i].isEmpty {
                provenances = []
                for p in recovered[i] where !provenances.contains(p) { provenances.append(p) }
            }
            let s = entity(renamed(t.subject))
            if t.predicate == b.type {
                for p in provenances { addType(s, renamed(t.object), provenance: p) }
                continue
            }
            let predicate = t.predicate == b.label || t.predicate == b.alias ? t.predicate : declarePredicate(renamed(t.predicate))
            let o = store.terms.isEntity(t.object) ? entity(renamed(t.object)) : t.object
            for p in provenances { store.append(Triple(s, predicate, o), provenanceID: p) }
        }
        for x in classes.map(renamed).sorted() where schemaBefore.types[x] == nil {
            store.schema.declare(TypeInfo(id: x, name: store.name(x), parent: b.thing, labels: typeLabels[x] ?? []))
        }
        for (x, parent) in parents.sorted(by: { $0.key < $1.key }) where schemaBefore.types[x] == nil {
            // A supertype that is not a type, or one below `x` (a cycle), is left out.
            guard let info = store.schema.types[x], store.schema.types[parent] != nil, !store.schema.isSubtype(parent, of: x) else { continue }
            store.schema.declare(TypeInfo(id: x, name: info.name, parent: parent, labels: info.labels))
        }
        for x in properties.map(renamed).sorted() where schemaBefore.predicates[x] == nil {
            var inverse = inverses[x]
            if let name = inverse, store.schema.inverses[name].map({ $0 != x }) ?? false
                || store.terms.entity(name).map({ store.schema.predicates[$0] != nil || store.schema.types[$0] != nil }) ?? false {
                inverse = nil
            }
            store.schema.declare(PredicateInfo(id: x, name: store.name(x), domain: [b.thing], range: [.type(b.thing), .anyLiteral],
                                               inverseName: inverse, labels: predicateLabels[x] ?? []))
        }
        return true
    }
}

/// The `.kg` names IRIs of kgsh's scheme stand for, each decided once per term.
struct SchemeNames {
    enum Role { case entity, type, predicate }
    let before: Schema
    let builtins: FactStore.Builtins
    var entitiesBefore: Set<TermID> = []
    /// Per term id of the file, the id of the name it stands for (`.max`: not decided yet).
    private var names: [TermID]
    private var roles: [TermID: Role] = [:]

    init(before: Schema, builtins: FactStore.Builtins, terms: Int) {
        self.before = before
        self.builtins = builtins
        names = [TermID](repeating: .max, count: terms)
    }

    /// The id of the name `id` stands for (interned if new), or `id` itself when it is not an IRI
    /// of the scheme or its name has another role in the graph or this file.
    mutating func renamed(_ id: TermID, in store: inout FactStore) -> TermID {
        // Names made here are not the file's: they stand for themselves.
        guard Int(id) < names.count else { return id }
        if names[Int(id)] != .max { return names[Int(id)] }
        var out = id
        let scheme = store.terms.isEntity(id) && store.terms.withText(id) { $0?.starts(with: Self.base) ?? false }
        if scheme, let iri = store.terms.entityName(id) {
            let name = IRIScheme.name(ofIRI: iri)
            let role: Role = iri.hasPrefix(IRIScheme.entityNamespace) ? .entity : iri.hasPrefix(IRIScheme.typeNamespace) ? .type : .predicate
            if name != iri {
                let existing = store.terms.entity(name)
                if existing.map({ free($0, for: role) }) ?? true {
                    out = existing ?? store.intern(.entity(name))
                    roles[out] = role
                }
            }
        }
        names[Int(id)] = out
        return out
    }

    static let base = Array(IRIScheme.base.utf8)

    /// Whether `id` is an IRI of the scheme's namespace for `role` that becomes a `.kg` name.
    mutating func stands(for role: Role, _ id: TermID, in store: inout FactStore) -> Bool {
        let namespace = switch role {
        case .entity: IRIScheme.entityNamespace
        case .type: IRIScheme.typeNamespace
        case .predicate: IRIScheme.predicateNamespace
        }
        guard store.terms.entityName(id)?.hasPrefix(namespace) == true else { return false }
        return renamed(id, in: &store) != id
    }

    /// Whether the existing name `id` may take `role`: not a builtin of another role, not a type,
    /// predicate or entity of the graph in another role, not given another role by this file.
    private func free(_ id: TermID, for role: Role) -> Bool {
        if let given = roles[id] { return given == role }
        if [builtins.type, builtins.label, builtins.alias].contains(id) { return false }
        if id == builtins.thing { return role == .type }
        switch role {
        case .entity: return before.types[id] == nil && before.predicates[id] == nil
        case .type: return before.predicates[id] == nil && !entitiesBefore.contains(id)
        case .predicate: return before.types[id] == nil && !entitiesBefore.contains(id)
        }
    }
}

/// The reified statements of a file: `rdf:Statement` blank nodes and what they restate.
struct ReifiedStatements {
    struct Node {
        var subject: TermID?, predicate: TermID?, object: TermID?, source: TermID?, quote: TermID?
        var typed = false
        /// False when the node has anything else: another property, a value twice, a value of the
        /// wrong kind, or a fact pointing at it.
        var sound = true
        /// Set once its fact has taken it as a provenance.
        var used = false
    }

    /// The statement nodes, in the order the file types them.
    var nodes: [Node] = []
    /// Per term id, 1 + its node's index in `nodes`; 0 for a term that is not a statement node.
    private var slots: [UInt32]
    /// `rdf:type`, `rdfs:label` and `skos:altLabel` as values of `rdf:predicate`: the builtins.
    var builtinPredicates: [TermID: TermID] = [:]
    private let statementType: TermID?
    private let fields: [TermID: Int]
    private let terms: TermDictionary
    private let type: TermID

    init(store: FactStore) {
        terms = store.terms
        slots = [UInt32](repeating: 0, count: store.terms.count)
        type = store.builtins.type
        statementType = terms.entity(IRIScheme.rdf + "Statement")
        var fields: [TermID: Int] = [:]
        let properties = [IRIScheme.rdf + "subject", IRIScheme.rdf + "predicate", IRIScheme.rdf + "object"]
            + ["source", "quote", "file", "line", "column"].map { IRIScheme.vocabulary + $0 }
        for (k, iri) in properties.enumerated() { if let id = terms.entity(iri) { fields[id] = k } }
        self.fields = fields
        for (iri, builtin) in [(IRIScheme.rdfType, store.builtins.type), (IRIScheme.rdfsLabel, store.builtins.label), (IRIScheme.skosAltLabel, store.builtins.alias)] {
            if let id = terms.entity(iri) { builtinPredicates[id] = builtin }
        }
    }

    /// The index in `nodes` of the statement node `id`, nil for another term.
    @inline(__always) func node(_ id: TermID) -> Int? {
        Int(id) < slots.count && slots[Int(id)] != 0 ? Int(slots[Int(id)] - 1) : nil
    }

    /// Collects the statement nodes of `facts`; false when there are none.
    mutating func find(in facts: [(Triple, UInt32)]) -> Bool {
        guard let statementType else { return false }
        for (t, _) in facts where t.predicate == type && t.object == statementType && node(t.subject) == nil
            && terms.isEntity(t.subject) && terms.withText(t.subject, { $0.map { $0.count > 2 && $0[0] == 0x5F && $0[1] == 0x3A } ?? false }) {
            nodes.append(Node(typed: true))
            slots[Int(t.subject)] = UInt32(nodes.count)
        }
        guard !nodes.isEmpty else { return false }
        for (t, _) in facts {
            if let k = node(t.object) { nodes[k].sound = false }
            guard let k = node(t.subject) else { continue }
            var node = nodes[k]
            defer { nodes[k] = node }
            if t.predicate == type {
                if t.object != statementType { node.sound = false }
                continue
            }
            guard let field = fields[t.predicate] else { node.sound = false; continue }
            let isEntity = terms.isEntity(t.object)
            // Each value once, of its kind: an entity, a sentence, any object.
            let slot: WritableKeyPath<Node, TermID?>
            let valid: Bool
            switch field {
            case 0: (slot, valid) = (\.subject, isEntity)
            case 1: (slot, valid) = (\.predicate, isEntity)
            case 2: (slot, valid) = (\.object, true)
            case 3: (slot, valid) = (\.source, isEntity)
            case 4: (slot, valid) = (\.quote, terms.isString(t.object))
            default:
                // file, line, column: where it was written before, not kept.
                if isEntity { node.sound = false }
                continue
            }
            if !valid || (node[keyPath: slot] != nil && node[keyPath: slot] != t.object) { node.sound = false }
            node[keyPath: slot] = t.object
        }
        return true
    }
}
