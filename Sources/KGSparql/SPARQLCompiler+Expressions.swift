import KGModel
import KGQuery

/// Filters with kgsh's meanings: expressions, labels for text tests and ordering, numbers across
/// kinds, dates on one line, strings by text.
extension SPARQLCompiler {
    /// An expression's SPARQL; label look-ups it needs wait in `pendingLookups`.
    mutating func expression(_ e: Expression, _ scope: Scope) -> String {
        switch e {
        case .operand(let o): return operand(o, scope)
        case .lang(let x): return "LANG(\(expression(x, scope)))"
        case .str(let x):
            let v = expression(x, scope)
            return "IF(isLITERAL(\(v)), STR(\(v)), \(Self.localName(v)))"
        case .label(let x):
            return readable(expression(x, scope))
        }
    }

    /// How a text test reads a value: a literal's text, an entity's label in the session language,
    /// else any label, else its name.
    mutating func readable(_ v: String) -> String {
        guard v.hasPrefix("?") else {
            return v.hasPrefix("<") ? Self.localName(v) : "STR(\(v))"
        }
        if labelVariables[v] == nil { pendingLookups += labelLookup(v) }
        let l = labelVariable(v)
        return "IF(isLITERAL(\(v)), STR(\(v)), COALESCE(\(l), \(l)a, \(Self.localName(v))))"
    }

    /// The variable holding the label of `v` in the session language (`…a`: in any language).
    mutating func labelVariable(_ v: String) -> String {
        if let l = labelVariables[v] { return l }
        let l = "?_l\(labelVariables.count)_" + v.dropFirst().replacingOccurrences(of: "_", with: "")
        labelVariables[v] = l
        return l
    }

    /// Two optional look-ups binding `v`'s label in the session language and in any language
    /// (one each, whatever the number of labels).
    ///
    /// When only an `optional` or an `or` binds `v`, the look-up goes through a key that is `v`
    /// where bound and `kgsh:unbound` (which has no label) where not: `OPTIONAL { ?v rdfs:label ?l }`
    /// on a row without `?v` would bind `?v` to every labelled node and multiply the row.
    mutating func labelLookup(_ v: String) -> [String] {
        let l = labelVariable(v)
        var lines: [String] = []
        var key = v
        if maybeUnbound.contains(v) {
            key = l + "k"
            lines.append("BIND(COALESCE(\(v), kgsh:unbound) AS \(key))")
        }
        if oneLabelPerLanguage {
            let other = language == "ko" ? "en" : "ko"
            return lines + [
                "OPTIONAL { \(key) rdfs:label \(l) FILTER(LANG(\(l)) = \(SPARQLTerms.quoted(language))) }",
                "OPTIONAL { \(key) rdfs:label \(l)o FILTER(LANG(\(l)o) = \(SPARQLTerms.quoted(other))) }",
                "OPTIONAL { \(key) rdfs:label \(l)u FILTER(LANG(\(l)u) = \"\") }",
                "BIND(COALESCE(\(l)o, \(l)u) AS \(l)a)",
            ]
        }
        return lines + [
            "OPTIONAL { SELECT \(key) (SAMPLE(?_t) AS \(l)) WHERE { \(key) rdfs:label ?_t FILTER(LANG(?_t) = \(SPARQLTerms.quoted(language))) } GROUP BY \(key) }",
            "OPTIONAL { SELECT \(key) (SAMPLE(?_t) AS \(l)a) WHERE { \(key) rdfs:label ?_t } GROUP BY \(key) }",
        ]
    }

    /// An IRI's kgsh name: the scheme's namespaces taken off.
    static func localName(_ v: String) -> String {
        "REPLACE(STR(\(v)), \"^\(IRIScheme.base.replacingOccurrences(of: ".", with: "\\\\."))(id|p|type)/\", \"\")"
    }

    /// Whether `x` is a number of any kgsh kind (an error when it is no literal).
    static func isNumber(_ x: String) -> String {
        "DATATYPE(\(x)) IN (xsd:integer, xsd:decimal, xsd:gYear, <\(IRIScheme.money)>, xsd:int, xsd:long, xsd:double, xsd:float)"
    }

    /// `x` as an `xsd:decimal` when it is a number of any kgsh kind; an error otherwise.
    static func num(_ x: String) -> String {
        "IF(\(isNumber(x)), xsd:decimal(STR(\(x))), 1/0)"
    }

    /// `VALUES v { … }` with a number in each numeric kind it can be stored as (what the embedded
    /// evaluator's `equivalents` looks up): integer, money, decimal and year for a whole number,
    /// the decimal otherwise — so the engine looks each up in its index.
    static func equivalents(_ l: Literal, _ v: String) -> String {
        guard let key = l.numericKey else { return "" }
        let unit: Int128 = 1_000_000_000_000_000_000
        var variants: [Literal] = []
        if key % unit == 0, let whole = Int64(exactly: key / unit) {
            variants = [.integer(whole), .money(whole), .decimal(DecimalNumber(mantissa: whole, scale: 0))]
            if let y = Int32(exactly: whole), y >= 1, y <= 9999 { variants.append(.year(y)) }
        } else {
            variants = [l]
        }
        var seen = Set<String>()
        let texts = variants.map(SPARQLTerms.literal).filter { seen.insert($0).inserted }
        return "VALUES \(v) { \(texts.joined(separator: " ")) }"
    }

    /// Stands for "no number" in MIN and MAX (which fail on unbound values): larger than any kgsh number.
    static let highest = "10000000000000000000.0"

    static func number(_ l: Literal) -> String {
        switch l {
        case .integer(let v), .money(let v): String(v)
        case .year(let y): String(y)
        case .decimal(let d): d.description
        default: "0"
        }
    }

    static func kindTest(_ k: LiteralKind, _ x: String) -> String {
        switch k {
        case .string: "(isLITERAL(\(x)) && DATATYPE(\(x)) IN (xsd:string, rdf:langString))"
        case .integer: "(isLITERAL(\(x)) && DATATYPE(\(x)) = xsd:integer)"
        case .decimal: "(isLITERAL(\(x)) && DATATYPE(\(x)) IN (xsd:decimal, xsd:double, xsd:float))"
        case .money: "(isLITERAL(\(x)) && DATATYPE(\(x)) = <\(IRIScheme.money)>)"
        case .date: "(isLITERAL(\(x)) && DATATYPE(\(x)) = xsd:date)"
        case .dateTime: "(isLITERAL(\(x)) && DATATYPE(\(x)) = xsd:dateTime)"
        case .year: "(isLITERAL(\(x)) && DATATYPE(\(x)) = xsd:gYear)"
        case .boolean: "(isLITERAL(\(x)) && DATATYPE(\(x)) = xsd:boolean)"
        }
    }

    /// A comparison with kgsh's meaning: numbers across kinds, strings by text (tags only part
    /// of it when both sides carry one), dates natively; values that do not compare are only unequal.
    func comparison(_ a: String, _ op: ComparisonOperator, _ b: String) -> String {
        let symbol: String
        switch op {
        case .equal: symbol = "="
        case .notEqual: symbol = "="
        case .less: symbol = "<"
        case .lessOrEqual: symbol = "<="
        case .greater: symbol = ">"
        case .greaterOrEqual: symbol = ">="
        default: symbol = "="
        }
        let numbers = "\(Self.num(a)) \(symbol) \(Self.num(b))"
        let times = "\(Self.time(a)) \(symbol) \(Self.time(b))"
        let texts = "(\(Self.text(a)) \(symbol) \(Self.text(b)) && (LANG(\(a)) = \"\" || LANG(\(b)) = \"\" || LANG(\(a)) = LANG(\(b))))"
        let native = symbol == "=" ? "sameTerm(\(a), \(b))" : "(\(a) \(symbol) \(b))"
        let holds = "COALESCE(\(numbers), \(times), \(texts), \(native), \(a) \(symbol) \(b), false)"
        return op == .notEqual ? "!\(holds)" : holds
    }

    /// A comparison of `x` with a literal constant, written for the constant's kind (what
    /// `comparison` works out per row, worked out once).
    func comparison(_ x: String, _ op: ComparisonOperator, _ constant: Literal, _ c: String, constantFirst: Bool) -> String {
        let symbol = op == .notEqual ? "=" : op.rawValue
        func ordered(_ v: String, _ k: String) -> String { constantFirst ? "\(k) \(symbol) \(v)" : "\(v) \(symbol) \(k)" }
        let test: String
        switch constant {
        case .integer, .decimal, .money, .year:
            test = ordered(Self.num(x), Self.number(constant))
        case .date(let d):
            test = ordered(Self.time(x), SPARQLTerms.quoted(d.description + "T00:00:00") + "^^xsd:dateTime")
        case .dateTime:
            test = ordered(Self.time(x), c)
        case .string(let text, let language):
            test = ordered(Self.text(x), SPARQLTerms.quoted(text)) + (language.map { " && (LANG(\(x)) = \"\" || LANG(\(x)) = \(SPARQLTerms.quoted($0)))" } ?? "")
        case .boolean:
            test = "DATATYPE(\(x)) = xsd:boolean && " + ordered(x, c)
        }
        let holds = "COALESCE(\(test), false)"
        return op == .notEqual ? "!\(holds)" : holds
    }

    /// Slots of `q` whose every value is a literal: objects of a predicate whose values are all
    /// literals, and variables a top-level filter compares with a literal (an entity fails it).
    /// `order by` needs no label for them.
    func literalSlots(_ q: Query) -> Set<Int> {
        var out = Set<Int>()
        for p in q.pattern {
            switch p {
            case .triple(_, .predicate(let pid), .variable(let v)):
                if let range = store.schema.predicates[pid]?.range, !range.isEmpty, range.allSatisfy({ if case .type = $0 { false } else { true } }) { out.insert(v) }
            case .filter(.operand(.variable(let v)), let op, .operand(.constant(let c))), .filter(.operand(.constant(let c)), let op, .operand(.variable(let v))):
                if op != .notEqual, op != .contains, op != .startsWith, op != .matches, case .literal = terms[c] { out.insert(v) }
            case .typeTest(.variable(let v), let targets, false):
                if targets.allSatisfy({ if case .kind = $0 { true } else if case .anyLiteral = $0 { true } else { false } }) { out.insert(v) }
            default:
                break
            }
        }
        return out
    }

    /// A date or date-time as an `xsd:dateTime` (a date at its midnight), an error for other values:
    /// kgsh orders dates and times on one line.
    static func time(_ x: String) -> String {
        "IF(DATATYPE(\(x)) = xsd:date, xsd:dateTime(CONCAT(STR(\(x)), \"T00:00:00\")), IF(DATATYPE(\(x)) = xsd:dateTime, \(x), 1/0))"
    }

    /// A string's text, an error for any other value (so the text comparison does not apply).
    static func text(_ x: String) -> String {
        "IF(DATATYPE(\(x)) IN (xsd:string, rdf:langString), STR(\(x)), 1/0)"
    }
}
