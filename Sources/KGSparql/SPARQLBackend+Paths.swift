import KGModel
import KGQuery

/// `path A to B` on an endpoint: breadth-first rounds, one SPARQL query per round (per 500 nodes
/// of the round's frontier) asking for the links out of and into the frontier, as the embedded
/// search walks them (types, labels, aliases and literals are not links).
extension SPARQLBackend {
    static let frontierChunk = 500

    func paths(from a: TermID, to b: TermID, maxLength: Int, cap: Int) throws -> [[PathStep]] {
        if a == b { return [[]] }
        var parents: [TermID: [PathStep]] = [a: []]
        var depth: [TermID: Int] = [a: 0]
        var frontier = [a]
        var level = 0
        let skip = "rdf:type, rdfs:label, skos:altLabel, " + SPARQLCompiler.metaPredicates
        while !frontier.isEmpty, depth[b] == nil, level < maxLength {
            level += 1
            var next: [TermID] = []
            for start in stride(from: 0, to: frontier.count, by: Self.frontierChunk) {
                let chunk = frontier[start..<min(frontier.count, start + Self.frontierChunk)]
                let answer = try select(SPARQLCompiler.prefixes + """
                    SELECT ?x ?p ?y ?forward WHERE {
                      VALUES ?x { \(chunk.map(iri).joined(separator: " ")) }
                      { ?x ?p ?y . BIND(true AS ?forward) } UNION { ?y ?p ?x . BIND(false AS ?forward) }
                      FILTER(!isLITERAL(?y) && !isBLANK(?y))
                      FILTER(?p NOT IN (\(skip)))
                    }
                    """)
                for row in answer.rows {
                    guard let xv = row[0], case .iri(let piri)? = row[1], let yv = row[2], let x = entity(xv), let y = entity(yv),
                          case .literal(let f, _, _)? = row[3] else { continue }
                    // A link leads to an entity of the catalog (the embedded search's rule); with
                    // names looked up per statement, to any IRI.
                    guard lazyNames || store.type(of: y) != nil else { continue }
                    let p = store.intern(.entity(SPARQLTerms.name(ofIRI: piri)))
                    let step = PathStep.remote(from: x, predicate: p, to: y, forward: f == "true" || f == "1")
                    if depth[y] == nil {
                        depth[y] = level
                        parents[y] = [step]
                        next.append(y)
                    } else if depth[y] == level, !parents[y]!.contains(step) {
                        parents[y]!.append(step)
                    }
                }
            }
            frontier = next
        }
        guard depth[b] != nil else { return [] }
        // Back from b to a through the parents, as the embedded search does.
        var results: [[PathStep]] = []
        var steps: [PathStep] = []
        var stack: [(node: TermID, next: Int)] = [(b, 0)]
        while let top = stack.last, results.count < cap {
            let choices = parents[top.node] ?? []
            if top.node == a || top.next >= choices.count {
                if top.node == a { results.append(steps.reversed()) }
                stack.removeLast()
                if !steps.isEmpty { steps.removeLast() }
                continue
            }
            stack[stack.count - 1].next += 1
            let step = choices[top.next]
            steps.append(step)
            stack.append((step.from, 0))
        }
        return results
    }
}
