import KGModel

/// Prints algebra back as query text: constants by id, literals in query syntax, variables by name.
/// Reading the text back gives the same algebra, so planner tests are input/output query pairs.
public struct AlgebraPrinter {
    public let terms: TermTable
    public let variables: [String]

    public init(terms: TermTable, variables: [String]) {
        self.terms = terms
        self.variables = variables
    }

    public func operand(_ o: Operand) -> String {
        switch o {
        case .variable(let v): variable(v)
        case .constant(let id): constant(id)
        }
    }

    func variable(_ v: Int) -> String {
        let name = variables[v]
        return name.hasPrefix("_") ? "?_" : "?" + name
    }

    func constant(_ id: TermID) -> String {
        switch terms[id] {
        case .entity(let name): name
        case .literal(let l): l.kgText
        }
    }

    public func path(_ p: PathExpression) -> String {
        switch p {
        case .predicate(let id): constant(id)
        case .variable(let v): variable(v)
        case .inverse(let q): "^" + grouped(q)
        case .sequence(let steps): steps.map(grouped).joined(separator: "/")
        case .alternative(let alts): alts.map(path).joined(separator: "|")
        case .oneOrMore(let q): grouped(q) + "+"
        case .zeroOrMore(let q): grouped(q) + "*"
        }
    }

    func grouped(_ p: PathExpression) -> String {
        switch p {
        case .sequence, .alternative: "(" + path(p) + ")"
        default: path(p)
        }
    }

    public func expression(_ e: Expression) -> String {
        switch e {
        case .operand(let o): operand(o)
        case .lang(let x): "lang(\(expression(x)))"
        case .str(let x): "str(\(expression(x)))"
        case .label(let x): "label(\(expression(x)))"
        }
    }

    public func pattern(_ p: Pattern) -> String {
        switch p {
        case .triple(let s, let path, let o): "\(operand(s)) \(self.path(path)) \(operand(o))"
        case .filter(let l, let op, let r): "\(expression(l)) \(op.rawValue) \(expression(r))"
        case .typeTest(let o, let targets, let negated):
            "\(operand(o)) is \(negated ? "not " : "")" + targets.map { t in
                switch t {
                case .type(let id): constant(id)
                case .kind(let k): k.rawValue
                case .anyLiteral: "Literal"
                case .anyEntity: "Entity"
                }
            }.joined(separator: "|")
        case .not(let inner): "not { \(patterns(inner)) }"
        case .optional(let inner): "optional { \(patterns(inner)) }"
        case .group(let inner): "{ \(patterns(inner)) }"
        case .union(let branches): branches.map { "{ \(patterns($0)) }" }.joined(separator: " or ")
        case .ruleCall(let name, let args): "\(name)(\(args.map(operand).joined(separator: ", ")))"
        }
    }

    public func patterns(_ ps: [Pattern]) -> String { ps.map(pattern).joined(separator: ", ") }

    /// The whole query: `find …` when it has columns of its own, else the bare pattern.
    public func query(_ q: Query) -> String {
        var out = ""
        if !q.bare {
            let cols = zip(q.columns, q.columnNames).map { column, name -> String in
                switch column {
                case .variable(let v): return variable(v)
                case .aggregate(let f, let distinct, let arg):
                    let text = "\(f.rawValue)(\(distinct ? "distinct " : "")\(arg.map(variable) ?? "*"))"
                    return name == text ? text : "\(text) as \(name)"
                }
            }
            out = "find \(q.distinct ? "distinct " : "")\(cols.joined(separator: ", ")) where "
        }
        out += patterns(q.pattern)
        if !q.groupBy.isEmpty { out += " group by " + q.groupBy.map(variable).joined(separator: ", ") }
        if !q.orderBy.isEmpty {
            out += " order by " + q.orderBy.map { key in
                let name = q.columnNames[key.column]
                let shown: String
                if case .variable = q.columns[key.column] { shown = "?" + name } else { shown = name }
                return shown + (key.descending ? " desc" : "")
            }.joined(separator: ", ")
        }
        if let l = q.limit { out += " limit \(l)" }
        if let o = q.offset { out += " offset \(o)" }
        return out
    }
}
