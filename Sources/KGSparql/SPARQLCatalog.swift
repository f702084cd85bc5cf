import Foundation
import KGModel

/// What kgsh keeps locally of a graph that lives in a SPARQL engine: the schema (types with their
/// parents and labels, predicates with their labels and inverse names) and each entity's type,
/// labels and aliases — enough to resolve names, complete them and print answers by label.
/// Facts stay in the engine; `show`, `why` and `path` add the few they print.
///
/// Built when kgsh connects (`.connect` again to refresh): the schema here, the names by
/// `SPARQLBackend.loadNames`.
enum SPARQLCatalog {
    static func load(_ client: SPARQLClient, isCancelled: () -> Bool) throws(SPARQLError) -> FactStore {
        var store = FactStore()
        let b = store.builtins
        let p = SPARQLCompiler.prefixes

        // Types: declared classes, with parents and labels.
        let classes = try client.select(p + """
            SELECT ?c ?parent ?label WHERE {
              ?c rdf:type rdfs:Class .
              OPTIONAL { ?c rdfs:subClassOf ?parent }
              OPTIONAL { ?c rdfs:label ?label }
            }
            """, isCancelled: isCancelled)
        var typeParents: [TermID: TermID] = [:]
        var typeLabels: [TermID: [Label]] = [:]
        var typeOrder: [TermID] = []
        for row in classes.rows {
            guard case .iri(let iri)? = row[0] else { continue }
            let id = store.intern(.entity(SPARQLTerms.name(ofIRI: iri)))
            if typeLabels[id] == nil { typeLabels[id] = []; typeOrder.append(id) }
            if case .iri(let parent)? = row[1] { typeParents[id] = store.intern(.entity(SPARQLTerms.name(ofIRI: parent))) }
            if let label = row[2].flatMap(Self.label), !typeLabels[id]!.contains(label) { typeLabels[id]!.append(label) }
        }
        for id in typeOrder where id != b.thing {
            store.schema.declare(TypeInfo(id: id, name: store.name(id), parent: typeParents[id] ?? b.thing, labels: typeLabels[id] ?? []))
        }

        // Predicates: declared properties with labels and inverse names, then any other in use.
        let properties = try client.select(p + """
            SELECT ?p ?label ?inverse WHERE {
              ?p rdf:type rdf:Property .
              OPTIONAL { ?p rdfs:label ?label }
              OPTIONAL { ?p <\(IRIScheme.owl)inverseOf> ?inverse }
            }
            """, isCancelled: isCancelled)
        var predicateLabels: [TermID: [Label]] = [:]
        var inverses: [TermID: String] = [:]
        var predicateOrder: [TermID] = []
        for row in properties.rows {
            guard case .iri(let iri)? = row[0] else { continue }
            let id = store.intern(.entity(SPARQLTerms.name(ofIRI: iri)))
            if predicateLabels[id] == nil { predicateLabels[id] = []; predicateOrder.append(id) }
            if let label = row[1].flatMap(Self.label), !predicateLabels[id]!.contains(label) { predicateLabels[id]!.append(label) }
            if case .iri(let inverse)? = row[2] { inverses[id] = SPARQLTerms.name(ofIRI: inverse) }
        }
        let used = try client.select(p + """
            SELECT DISTINCT ?p WHERE { ?s ?p ?o FILTER(?p NOT IN (\(SPARQLCompiler.metaPredicates))) }
            """, isCancelled: isCancelled)
        for row in used.rows {
            guard case .iri(let iri)? = row[0] else { continue }
            let id = store.intern(.entity(SPARQLTerms.name(ofIRI: iri)))
            if predicateLabels[id] == nil && !predicateOrder.contains(id) { predicateOrder.append(id) }
        }
        // What kgsh's own predicates hold (entities, or literals of which kinds), read off their
        // values: the resolver reads `?a rankScope 광역지방자치단체` as a string when the range is
        // literal. Other predicates take anything, as the RDF import declares them.
        let own = predicateOrder.filter { store.name($0) != SPARQLTerms.iri(store.name($0), namespace: IRIScheme.predicateNamespace) }
        var ranges: [TermID: [RangeMember]] = [:]
        if !own.isEmpty {
            let kinds = try client.select(p + """
                SELECT ?p ?k WHERE {
                  { SELECT DISTINCT ?p ?k WHERE {
                    VALUES ?p { \(own.map { SPARQLTerms.iriRef(SPARQLTerms.predicateIRI($0, store: store)) }.joined(separator: " ")) }
                    ?s ?p ?o . BIND(IF(isLITERAL(?o), STR(DATATYPE(?o)), "") AS ?k)
                  } }
                }
                """, isCancelled: isCancelled)
            for row in kinds.rows {
                guard case .iri(let iri)? = row[0], case .literal(let k, _, _)? = row[1], let id = store.terms.entity(SPARQLTerms.name(ofIRI: iri)) else { continue }
                let member: RangeMember = k.isEmpty ? .type(b.thing) : Self.kind(k).map { .literal($0) } ?? .anyLiteral
                if ranges[id, default: []].contains(member) == false { ranges[id, default: []].append(member) }
            }
        }
        for id in predicateOrder where store.schema.predicates[id] == nil {
            let name = store.name(id)
            let labels = predicateLabels[id] ?? Self.localLabel(name)
            store.schema.declare(PredicateInfo(id: id, name: name, domain: [b.thing], range: ranges[id] ?? [.type(b.thing), .anyLiteral],
                                               inverseName: inverses[id], labels: labels))
        }

        store.reindex()
        return store
    }

    /// The literal kind of a datatype IRI, as the exports write them.
    static func kind(_ datatype: String) -> LiteralKind? {
        switch datatype {
        case IRIScheme.xsd + "string", IRIScheme.rdf + "langString": .string
        case IRIScheme.xsd + "integer": .integer
        case IRIScheme.xsd + "decimal": .decimal
        case IRIScheme.money: .money
        case IRIScheme.xsd + "date": .date
        case IRIScheme.xsd + "dateTime": .dateTime
        case IRIScheme.xsd + "gYear": .year
        case IRIScheme.xsd + "boolean": .boolean
        default: nil
        }
    }

    static func label(_ value: SPARQLValue) -> Label? {
        guard case .literal(let text, _, let language) = value else { return nil }
        return Label(text, language: language)
    }

    /// An imported IRI's local name as its label, as the RDF import gives it.
    static func localLabel(_ name: String) -> [Label] {
        guard name.contains("://") else { return [] }
        var local = Substring(name)
        while local.hasSuffix("/") { local = local.dropLast() }
        if let cut = local.lastIndex(where: { $0 == "/" || $0 == "#" }) { local = local[local.index(after: cut)...] }
        return local.isEmpty ? [] : [Label(local.removingPercentEncoding ?? String(local), language: nil)]
    }
}
