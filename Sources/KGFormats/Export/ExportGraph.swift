import KGModel

/// A subgraph as nodes and edges, shared by the DOT, GraphML, JSON, Mermaid and CSV writers.
///
/// Each entity a fact mentions is one node; each literal-valued fact gets a literal node of its own
/// (so every edge keeps its provenance). `type`, `label` and `alias` facts are not edges: they
/// describe their subject's node, which shows its type and names as the store knows them, and an
/// entity that only such facts mention is still a node. Nodes and edges keep the order of the
/// facts that first mention them.
struct ExportGraph {
    enum NodeKind {
        case entity(TermID)
        /// The object of fact `fact`.
        case literal(fact: UInt32, Literal)
    }

    struct Node {
        /// `n0`, `n1` …: safe in every format.
        let key: String
        let kind: NodeKind
    }

    struct Edge {
        /// `e0`, `e1` …
        let key: String
        let fact: UInt32
        let from: Int
        let to: Int
        let predicate: TermID
    }

    /// One provenance of a fact, in names.
    struct Citation {
        let source: String?
        let quote: String?
        let file: String?
        let line: Int
        let column: Int
    }

    let store: FactStore
    private(set) var nodes: [Node] = []
    private(set) var edges: [Edge] = []
    private var entityNodes: [TermID: Int] = [:]

    init(_ subgraph: Subgraph) {
        store = subgraph.store
        let naming = store.namingPredicates
        for fid in subgraph.facts {
            let t = store.triples[Int(fid)]
            let from = node(for: t.subject)
            if naming.contains(t.predicate) { continue }
            let to: Int
            if case .literal(let l) = store.terms[t.object] {
                nodes.append(Node(key: "n\(nodes.count)", kind: .literal(fact: fid, l)))
                to = nodes.count - 1
            } else {
                to = node(for: t.object)
            }
            edges.append(Edge(key: "e\(edges.count)", fact: fid, from: from, to: to, predicate: t.predicate))
        }
    }

    private mutating func node(for entity: TermID) -> Int {
        if let i = entityNodes[entity] { return i }
        nodes.append(Node(key: "n\(nodes.count)", kind: .entity(entity)))
        entityNodes[entity] = nodes.count - 1
        return nodes.count - 1
    }

    // MARK: Describing nodes and edges

    /// The entity's id, or the literal as `.kg` writes it.
    func name(_ node: Node) -> String {
        switch node.kind {
        case .entity(let e): store.name(e)
        case .literal(_, let l): l.kgText
        }
    }

    /// The entity's type name, or the literal's kind (`Integer`, `Money` …).
    func typeName(_ node: Node) -> String {
        switch node.kind {
        case .entity(let e): store.type(of: e).map { store.schema.types[$0]?.name ?? store.name($0) } ?? "Thing"
        case .literal(_, let l): l.kind.rawValue
        }
    }

    /// The entity's first label in `language` (exactly, no fallback); nil when it has none and
    /// for a literal.
    func label(_ node: Node, language: String) -> String? {
        guard case .entity(let e) = node.kind else { return nil }
        return store.literals(of: e, predicate: store.builtins.label).first { $0.language == language }?.text
    }

    /// What a picture shows for a node: its label in `language`, another label, or its id.
    func displayName(_ node: Node, language: String) -> String {
        switch node.kind {
        case .entity(let e): store.displayName(e, language: language)
        case .literal(_, let l): l.description
        }
    }

    /// Every label of an entity node (none for a literal).
    func labels(_ node: Node) -> [Label] {
        guard case .entity(let e) = node.kind else { return [] }
        return store.literals(of: e, predicate: store.builtins.label)
    }

    func aliases(_ node: Node) -> [Label] {
        guard case .entity(let e) = node.kind else { return [] }
        return store.literals(of: e, predicate: store.builtins.alias)
    }

    /// The label of a type in `language`, exactly.
    func typeLabel(_ node: Node, language: String) -> String? {
        guard case .entity(let e) = node.kind, let t = store.type(of: e) else { return nil }
        return store.schema.types[t]?.labels.first { $0.language == language }?.text
    }

    func isLiteral(_ node: Node) -> Bool {
        if case .literal = node.kind { return true }
        return false
    }

    func predicateName(_ edge: Edge) -> String { store.predicateName(edge.predicate) }

    func predicateLabel(_ edge: Edge, language: String) -> String? {
        store.schema.predicates[edge.predicate]?.labels.first { $0.language == language }?.text
    }

    func citations(_ edge: Edge) -> [Citation] {
        store.provenance(ofFact: edge.fact).map { p in
            let file = Int(p.location.file) < store.files.count ? store.files[Int(p.location.file)] : nil
            return Citation(source: p.source.map { store.name($0) }, quote: p.quote.map { store.quotes[Int($0)] },
                            file: file, line: Int(p.location.line), column: Int(p.location.column))
        }
    }

    /// The provenance of an edge as three flat texts, for GraphML and CSV: source ids joined with
    /// a space, quotes joined with a line break, `file:line:column` locations joined with a space.
    func flatProvenance(_ edge: Edge) -> (articles: String, quotes: String, locations: String) {
        let citations = citations(edge)
        return (citations.compactMap(\.source).joined(separator: " "),
                citations.compactMap(\.quote).joined(separator: "\n"),
                citations.compactMap { c in c.file.map { c.line > 0 ? "\($0):\(c.line):\(c.column)" : $0 } }.joined(separator: " "))
    }

    /// A literal node's value as people read it (`2023`, `13억원`); nil for an entity.
    func value(_ node: Node) -> String? {
        if case .literal(_, let l) = node.kind { return l.description }
        return nil
    }
}
