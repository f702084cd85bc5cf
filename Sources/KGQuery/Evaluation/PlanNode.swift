/// One step of an executed plan: what it did, how many rows the planner expected and how many came.
public final class PlanNode: @unchecked Sendable {
    public let operation: String
    public let detail: String
    public let estimate: Int?
    public internal(set) var actual: Int = 0
    public internal(set) var children: [PlanNode] = []
    public internal(set) var note: String?

    init(operation: String, detail: String, estimate: Int?, note: String? = nil) {
        self.operation = operation
        self.detail = detail
        self.estimate = estimate
        self.note = note
    }

    /// The plan as indented lines: operation, detail, estimated and actual rows.
    public func render(indent: Int = 0) -> [String] {
        let pad = String(repeating: "  ", count: indent)
        // A line of text sent to an engine (KGSparql's `explain`): printed as it is.
        if operation.isEmpty { return [pad + detail] }
        var line = "\(pad)\(operation) \(detail)"
        line += "  (est \(estimate.map(String.init) ?? "?"), actual \(actual))"
        if let note { line += "  — \(note)" }
        return [line] + children.flatMap { $0.render(indent: indent + 1) }
    }
}
