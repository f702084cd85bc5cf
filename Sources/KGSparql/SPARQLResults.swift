import Foundation

/// One RDF term of a SPARQL JSON result binding.
public enum SPARQLValue: Hashable, Sendable {
    case iri(String)
    case blank(String)
    /// `datatype` is nil for a plain string and for a language-tagged one.
    case literal(String, datatype: String?, language: String?)
}

/// The answer to a SELECT or ASK query in the SPARQL 1.1 Query Results JSON Format:
/// the variables of the head, then one row per solution (nil where a variable is unbound).
public struct SPARQLResults: Sendable {
    public let variables: [String]
    public let rows: [[SPARQLValue?]]
    /// The answer of an ASK query.
    public let boolean: Bool?

    struct Failure: Error { let reason: String }

    public init(variables: [String], rows: [[SPARQLValue?]], boolean: Bool? = nil) {
        self.variables = variables
        self.rows = rows
        self.boolean = boolean
    }

    public init(json: Data) throws {
        guard let top = try JSONSerialization.jsonObject(with: json) as? [String: Any] else { throw Failure(reason: "not a JSON object") }
        if let b = top["boolean"] as? Bool {
            self.init(variables: [], rows: [], boolean: b)
            return
        }
        guard let head = top["head"] as? [String: Any], let results = top["results"] as? [String: Any],
              let bindings = results["bindings"] as? [[String: Any]] else { throw Failure(reason: "no head or results.bindings") }
        let variables = head["vars"] as? [String] ?? []
        var rows: [[SPARQLValue?]] = []
        rows.reserveCapacity(bindings.count)
        for binding in bindings {
            rows.append(try variables.map { v in
                guard let cell = binding[v] as? [String: Any] else { return nil }
                return try SPARQLResults.value(cell)
            })
        }
        self.init(variables: variables, rows: rows)
    }

    static func value(_ cell: [String: Any]) throws -> SPARQLValue {
        guard let type = cell["type"] as? String, let value = cell["value"] as? String else { throw Failure(reason: "a binding without type or value") }
        switch type {
        case "uri": return .iri(value)
        case "bnode": return .blank(value)
        case "literal", "typed-literal":
            return .literal(value, datatype: cell["datatype"] as? String, language: (cell["xml:lang"] as? String)?.lowercased())
        default: throw Failure(reason: "a binding of unknown type '\(type)'")
        }
    }

    /// The column of variable `name`, if the head has it.
    public func column(_ name: String) -> Int? { variables.firstIndex(of: name) }
}
