import KGModel

/// Results another engine computed (KGSparql's SPARQL backend), built from outside this module.
extension QueryResult {
    public static func remote(columns: [String], rows: [[TermID?]], terms: TermTable) -> QueryResult {
        QueryResult(columns: columns, rows: rows, terms: terms)
    }
}

extension Explanation {
    public static func remote(bindings: [(String, TermID)], facts: [UInt32]) -> Explanation {
        Explanation(bindings: bindings, facts: facts)
    }
}

extension PathStep {
    public static func remote(from: TermID, predicate: TermID, to: TermID, forward: Bool) -> PathStep {
        PathStep(from: from, predicate: predicate, to: to, forward: forward)
    }
}

extension PlanNode {
    /// A plan whose one step is a query sent to an engine: `operation` and `detail` name it, and
    /// its children are the query's lines, printed as they were sent.
    public static func remote(operation: String, detail: String, lines: [String], rows: Int) -> PlanNode {
        let root = PlanNode(operation: "query", detail: "", estimate: nil)
        let node = PlanNode(operation: operation, detail: detail, estimate: nil)
        node.actual = rows
        node.children = lines.map { PlanNode(operation: "", detail: $0, estimate: nil) }
        root.children = [node]
        root.actual = rows
        return root
    }
}
