import KGModel
import KGQuery

/// Why a statement cannot be translated to SPARQL (a recursive rule, say): printed as the
/// statement's error.
public struct TranslationRefusal: Error, Equatable, Sendable {
    public let message: String

    public init(message: String) { self.message = message }
}

/// A query translated to SPARQL, and how to read each result column back.
public struct CompiledQuery: Sendable {
    /// How one kgsh column comes back from the answer.
    enum ColumnReading: Sendable {
        /// The variable's value as it is.
        case value(String)
        /// A sum, min or max of numbers computed as `xsd:decimal` in `value`, with the datatypes
        /// of its inputs in `datatypes` (to give back money or integers); `raw` for non-numbers.
        case numeric(value: String, datatypes: String, raw: String?, function: AggregateFunction)
        /// An average: rounded as kgsh rounds (six fraction digits).
        case average(String)
    }

    public let text: String
    let columns: [ColumnReading]
}

/// Translates resolved algebra into one SPARQL 1.1 SELECT, so the engine does the joins, filters,
/// grouping, ordering and limits; kgsh's meanings are kept where SPARQL's differ:
///
/// - a numeric constant matches its value in every numeric kind (`NUM(x)`: integers, decimals,
///   years and money compared as `xsd:decimal`);
/// - `?x type T` matches `T` and its subtypes (`rdf:type/rdfs:subClassOf*`);
/// - text tests and `label()` read an entity by its label in the session language, then any label,
///   then its name;
/// - strings are equal when their texts are, unless both carry different language tags;
/// - a variable predicate never matches the schema or provenance triples the export adds.
public struct SPARQLCompiler {
    let terms: TermTable
    let language: String
    let rules: [String: [Rule]]
    var store: FactStore { terms.store }

    var fresh = 0
    /// Label variables of the group being written, by the variable they label.
    var labelVariables: [String: String] = [:]
    /// Label look-ups waiting for the end of the group being written.
    var pendingLookups: [String] = []
    /// Variables of the group being written that only an `optional` or an `or` binds: a label
    /// look-up must not bind them (see `labelLookup`).
    var maybeUnbound: Set<String> = []

    /// Whether every entity has at most one label per language, all in Korean, English or none:
    /// then a label is one optional triple per language (cheap), else a grouped sub-select.
    let oneLabelPerLanguage: Bool

    public init(terms: TermTable, language: String, rules: [String: [Rule]] = [:], oneLabelPerLanguage: Bool = false) {
        self.terms = terms
        self.language = language
        self.rules = rules
        self.oneLabelPerLanguage = oneLabelPerLanguage
    }

    /// Whether `store`'s entities have at most one label per language, in Korean, English or none.
    public static func oneLabelPerLanguage(in store: FactStore) -> Bool {
        var seen = Set<[String]>()
        for fid in store.match(subject: nil, predicate: store.builtins.label, object: nil) {
            let t = store.triples[Int(fid)]
            guard case .literal(.string(_, let language)) = store.terms[t.object] else { continue }
            let tag = language ?? ""
            guard tag == "" || tag == "ko" || tag == "en", seen.insert([String(t.subject), tag]).inserted else { return false }
        }
        return true
    }

    static let prefixes = """
        PREFIX rdf: <\(IRIScheme.rdf)>
        PREFIX rdfs: <\(IRIScheme.rdfs)>
        PREFIX xsd: <\(IRIScheme.xsd)>
        PREFIX skos: <\(IRIScheme.skos)>
        PREFIX kgsh: <\(IRIScheme.vocabulary)>

        """

    /// The triples the export adds beside the facts (schema and reification), which a variable
    /// predicate must not match.
    static let metaPredicates = "rdfs:subClassOf, <\(IRIScheme.owl)inverseOf>, rdf:subject, rdf:predicate, rdf:object, kgsh:source, kgsh:quote, kgsh:file, kgsh:line, kgsh:column"
    static let metaClasses = "rdfs:Class, rdf:Property, rdf:Statement"

    // MARK: Names

    /// The SPARQL variable of slot `v` of `variables`.
    static func variableName(_ v: Int, _ variables: [String]) -> String {
        let name = variables[v]
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
        if name.hasPrefix("_") { return "?_h\(v)" }
        return plain ? "?" + name : "?v\(v)"
    }

    mutating func freshVariable(_ stem: String) -> String {
        fresh += 1
        return "?_\(stem)\(fresh)"
    }

    func constant(_ id: TermID) -> String {
        SPARQLTerms.constant(terms[id], id: id, store: store)
    }

    // MARK: Queries

    /// The SPARQL for `q`.
    public mutating func compile(_ q: Query) throws -> CompiledQuery {
        let variables = q.variables
        let scope = Scope(variables: variables, names: { SPARQLCompiler.variableName($0, variables) })
        var body = try group(q.pattern, scope)
        var select: [String] = []
        var readings: [CompiledQuery.ColumnReading] = []
        var aggregateColumns: [String] = []
        for (i, column) in q.columns.enumerated() {
            switch column {
            case .variable(let v):
                let name = scope.name(v)
                select.append(name)
                readings.append(.value(name))
                aggregateColumns.append(name)
            case .aggregate(let f, let distinct, let argument):
                let name = "?_c\(i)"
                let d = distinct ? "DISTINCT " : ""
                let arg = argument.map(scope.name)
                switch f {
                case .count:
                    select.append("(COUNT(\(d)\(arg ?? "*")) AS \(name))")
                    readings.append(.value(name))
                case .avg:
                    // Unbound values and non-numbers count for nothing (kgsh's meaning; an
                    // engine's AVG fails on them): the sum and the count of numbers.
                    select.append("(SUM(\(d)COALESCE(\(Self.num(arg!)), 0)) AS \(name))")
                    select.append("(SUM(COALESCE(IF(\(Self.isNumber(arg!)), 1, 0), 0)) AS \(name)_n)")
                    readings.append(.average(name))
                case .sum, .min, .max:
                    let function = f == .sum ? "SUM" : f == .min ? "MIN" : "MAX"
                    let none = f == .sum ? "0" : f == .min ? Self.highest : "-" + Self.highest
                    select.append("(\(function)(\(d)COALESCE(\(Self.num(arg!)), \(none))) AS \(name))")
                    select.append("(GROUP_CONCAT(DISTINCT COALESCE(STR(DATATYPE(\(arg!))), \"\"); separator=\" \") AS \(name)_k)")
                    var raw: String? = nil
                    if f != .sum {
                        raw = name + "_r"
                        select.append("(\(function)(\(arg!)) AS \(name)_r)")
                    }
                    readings.append(.numeric(value: name, datatypes: name + "_k", raw: raw, function: f))
                }
                aggregateColumns.append(name)
            }
        }
        let grouped = q.hasAggregates || !q.groupBy.isEmpty
        let distinct = (q.distinct || q.bare) && !grouped ? "DISTINCT " : ""
        // A pattern without variables answers yes (one empty row) or no (none).
        if select.isEmpty { select.append("(1 AS ?_yes)") }
        var text = "SELECT \(distinct)\(select.joined(separator: " ")) WHERE {\n\(body)}"
        if grouped, !q.groupBy.isEmpty {
            text += "\nGROUP BY " + q.groupBy.map(scope.name).joined(separator: " ")
        }
        if !q.orderBy.isEmpty {
            // Ordered outside the grouping, so entity columns can order by their labels.
            body = "  { \(text.replacingOccurrences(of: "\n", with: "\n    ")) }\n"
            var keys: [String] = []
            let literals = literalSlots(q)
            maybeUnbound = Set(Self.boundSlots(q.pattern).subtracting(Self.certainlyBoundSlots(q.pattern)).map(scope.name))
            for key in q.orderBy {
                let column = q.columns[key.column]
                let name = aggregateColumns[key.column]
                let direction = key.descending ? "DESC" : "ASC"
                var parts = ["\(Self.num(name))"]
                if case .variable(let slot) = column, !literals.contains(slot) {
                    body += labelLookup(name).map { "  " + $0 + "\n" }.joined()
                    parts.append("COALESCE(\(labelVariable(name)), \(labelVariable(name))a)")
                }
                parts.append(name)
                keys += parts.map { "\(direction)(\($0))" }
            }
            let outer = readings.flatMap { reading -> [String] in
                switch reading {
                case .value(let v): [v]
                case .average(let v): [v, v + "_n"]
                case .numeric(let v, let k, let r, _): [v, k] + (r.map { [$0] } ?? [])
                }
            }
            text = "SELECT \(outer.joined(separator: " ")) WHERE {\n\(body)}\nORDER BY \(keys.joined(separator: " "))"
        }
        if let offset = q.offset { text += "\nOFFSET \(offset)" }
        if let limit = q.limit { text += "\nLIMIT \(limit)" }
        return CompiledQuery(text: Self.prefixes + text, columns: readings)
    }

    // MARK: Patterns

    /// How slots of one variable space print: the query's, or a rule body's inlined at a call.
    struct Scope {
        let variables: [String]
        let names: (Int) -> String
        func name(_ v: Int) -> String { names(v) }
    }

    func operand(_ o: Operand, _ scope: Scope) -> String {
        switch o {
        case .variable(let v): scope.name(v)
        case .constant(let id): constant(id)
        }
    }

    /// The patterns as the body of a SPARQL group, two spaces in per level.
    /// Label look-ups (see `readable`) go at the end of the group whose filter needs them, after
    /// the patterns that bind the variable.
    mutating func group(_ patterns: [Pattern], _ scope: Scope, indent: String = "  ") throws -> String {
        let outerLabels = labelVariables, outerPending = pendingLookups, outerMaybe = maybeUnbound
        labelVariables = [:]
        pendingLookups = []
        maybeUnbound = Set(Self.boundSlots(patterns).subtracting(Self.certainlyBoundSlots(patterns)).map(scope.name))
        defer { labelVariables = outerLabels; pendingLookups = outerPending; maybeUnbound = outerMaybe }
        var out = ""
        for p in patterns { out += try pattern(p, scope, indent: indent) }
        for line in pendingLookups { out += indent + line + "\n" }
        return out
    }

    mutating func pattern(_ p: Pattern, _ scope: Scope, indent: String) throws -> String {
        switch p {
        case .triple(let s, let path, let o):
            return try triple(s, path, o, scope, indent: indent)
        case .filter(let l, let op, let r):
            var a = expression(l, scope), b = expression(r, scope)
            let condition: String
            switch op {
            case .contains, .startsWith, .matches:
                if case .operand = l { a = readable(a) }
                if case .operand = r { b = readable(b) }
                let function = op == .contains ? "CONTAINS" : op == .startsWith ? "STRSTARTS" : "REGEX"
                condition = "\(function)(\(a), \(b))"
            default:
                if case .operand(.constant(let c)) = r, case .literal(let lit) = terms[c] {
                    condition = comparison(a, op, lit, b, constantFirst: false)
                } else if case .operand(.constant(let c)) = l, case .literal(let lit) = terms[c] {
                    condition = comparison(b, op, lit, a, constantFirst: true)
                } else {
                    condition = comparison(a, op, b)
                }
            }
            return indent + "FILTER(\(condition))\n"
        case .typeTest(let o, let targets, let negated):
            let x = operand(o, scope)
            let tests = targets.map { target -> String in
                switch target {
                case .type(let t): "EXISTS { \(x) rdf:type/rdfs:subClassOf* \(SPARQLTerms.iriRef(SPARQLTerms.iri(store.name(t), namespace: IRIScheme.typeNamespace))) }"
                case .kind(let k): Self.kindTest(k, x)
                case .anyLiteral: "isLITERAL(\(x))"
                case .anyEntity: "(isIRI(\(x)) || isBLANK(\(x)))"
                }
            }
            let any = tests.count == 1 ? tests[0] : "(" + tests.joined(separator: " || ") + ")"
            let bound = o.isConstant ? "" : "BOUND(\(x)) && "
            return indent + "FILTER(\(bound)\(negated ? "!" : "")\(any))\n"
        case .not(let inner):
            return indent + "FILTER NOT EXISTS {\n" + (try group(inner, scope, indent: indent + "  ")) + indent + "}\n"
        case .optional(let inner):
            return indent + "OPTIONAL {\n" + (try group(inner, scope, indent: indent + "  ")) + indent + "}\n"
        case .group(let inner):
            // A group is a conjunction like its surroundings: inlined, its filters see every variable.
            var out = ""
            for p in inner { out += try pattern(p, scope, indent: indent) }
            return out
        case .union(let branches):
            // A filter in a branch may test a variable bound outside it (kgsh filters see the whole
            // row; a SPARQL branch sees only itself): such filters move out, each kept to its
            // branch by a marker the branch binds.
            var parts: [String] = []
            var hoisted: [String] = []
            for b in branches {
                let bound = Self.boundSlots(b)
                let (outside, inside) = b.reduce(into: ([Pattern](), [Pattern]())) { acc, p in
                    if case .filter = p, !Self.slots(in: p).isSubset(of: bound) { acc.0.append(p) } else { acc.1.append(p) }
                }
                var body = try group(inside, scope, indent: indent + "  ")
                if !outside.isEmpty {
                    let marker = freshVariable("branch")
                    body += indent + "  BIND(true AS \(marker))\n"
                    var conditions: [String] = []
                    for f in outside {
                        let text = try pattern(f, scope, indent: "")
                        conditions.append(String(text.dropFirst("FILTER".count).dropLast()))
                    }
                    hoisted.append("!BOUND(\(marker)) || (" + conditions.joined(separator: " && ") + ")")
                }
                parts.append("{\n" + body + indent + "}")
            }
            return indent + parts.joined(separator: " UNION ") + "\n" + hoisted.map { indent + "FILTER(\($0))\n" }.joined()
        case .ruleCall(let name, let args):
            return try ruleCall(name, args, scope, indent: indent)
        }
    }

    mutating func triple(_ s: Operand, _ path: PathExpression, _ o: Operand, _ scope: Scope, indent: String) throws -> String {
        let subject = operand(s, scope)
        switch path {
        case .predicate(let pid) where pid == store.builtins.type:
            if case .constant(let t) = o {
                let type = SPARQLTerms.iriRef(SPARQLTerms.iri(store.name(t), namespace: IRIScheme.typeNamespace))
                return indent + "\(subject) rdf:type/rdfs:subClassOf* \(type) .\n"
            }
            let object = operand(o, scope)
            return indent + "\(subject) rdf:type \(object) .\n" + indent + "FILTER(\(object) NOT IN (\(Self.metaClasses)))\n"
        case .predicate(let pid):
            let predicate = SPARQLTerms.iriRef(SPARQLTerms.predicateIRI(pid, store: store))
            if case .constant(let c) = o, case .literal(let l) = terms[c], l.numericKey != nil {
                // A numeric constant matches its value in every numeric kind (2023 = 2023년 = ₩2023).
                let v = freshVariable("n")
                return indent + Self.equivalents(l, v) + "\n" + indent + "\(subject) \(predicate) \(v) .\n"
            }
            return indent + "\(subject) \(predicate) \(operand(o, scope)) .\n"
        case .inverse(.predicate(let pid)) where pid != store.builtins.type && !s.isLiteralConstant(terms):
            // `?a ^won ?o` is the fact `?o won ?a`.
            return try triple(o, .predicate(pid), s, scope, indent: indent)
        case .variable(let pv):
            let p = scope.name(pv)
            var object = operand(o, scope)
            var numeric = ""
            if case .constant(let c) = o, case .literal(let l) = terms[c], l.numericKey != nil {
                object = freshVariable("n")
                numeric = indent + Self.equivalents(l, object) + "\n"
            }
            var out = numeric + indent + "\(subject) \(p) \(object) .\n"
            out += indent + "FILTER(\(p) NOT IN (\(Self.metaPredicates)))\n"
            if !s.isConstant { out += indent + "FILTER(!isBLANK(\(subject)))\n" }
            return out
        default:
            // A path relates each pair once (kgsh's set semantics), whatever the ways between them.
            var object = operand(o, scope)
            var numeric = ""
            if case .constant(let c) = o, case .literal(let l) = terms[c], l.numericKey != nil {
                object = freshVariable("n")
                numeric = Self.equivalents(l, object) + " "
            }
            let ends = [subject, operand(o, scope)].filter { $0.hasPrefix("?") }
            let projected = ends.isEmpty ? "(1 AS \(freshVariable("p")))" : Set(ends).sorted().joined(separator: " ")
            return indent + "{ SELECT DISTINCT \(projected) WHERE { \(numeric)\(subject) \(self.path(path, scope)) \(object) . } }\n"
        }
    }

    func path(_ p: PathExpression, _ scope: Scope) -> String {
        switch p {
        case .predicate(let id): SPARQLTerms.iriRef(SPARQLTerms.predicateIRI(id, store: store))
        case .variable(let v): scope.name(v)
        case .inverse(let q): "^" + grouped(q, scope)
        case .sequence(let steps): steps.map { grouped($0, scope) }.joined(separator: "/")
        case .alternative(let alts): alts.map { path($0, scope) }.joined(separator: "|")
        case .oneOrMore(let q): grouped(q, scope) + "+"
        case .zeroOrMore(let q): grouped(q, scope) + "*"
        }
    }

    func grouped(_ p: PathExpression, _ scope: Scope) -> String {
        switch p {
        case .sequence, .alternative, .inverse: "(" + path(p, scope) + ")"
        default: path(p, scope)
        }
    }

    /// Slots a pattern list binds (triples and rule calls, in optionals and unions too).
    static func boundSlots(_ patterns: [Pattern]) -> Set<Int> {
        var out = Set<Int>()
        for p in patterns {
            switch p {
            case .triple, .ruleCall: out.formUnion(slots(in: p))
            case .optional(let inner), .group(let inner): out.formUnion(boundSlots(inner))
            case .union(let branches): for b in branches { out.formUnion(boundSlots(b)) }
            default: break
            }
        }
        return out
    }

    /// Slots every row of a pattern list binds: those of its triples and rule calls, not of its
    /// optionals and unions.
    static func certainlyBoundSlots(_ patterns: [Pattern]) -> Set<Int> {
        var out = Set<Int>()
        for p in patterns {
            switch p {
            case .triple, .ruleCall: out.formUnion(slots(in: p))
            case .group(let inner): out.formUnion(certainlyBoundSlots(inner))
            default: break
            }
        }
        return out
    }

    /// Every slot a pattern mentions.
    static func slots(in p: Pattern) -> Set<Int> {
        func op(_ o: Operand) -> Set<Int> { if case .variable(let v) = o { [v] } else { [] } }
        func expr(_ e: Expression) -> Set<Int> {
            switch e {
            case .operand(let o): op(o)
            case .lang(let x), .str(let x), .label(let x): expr(x)
            }
        }
        func path(_ p: PathExpression) -> Set<Int> {
            switch p {
            case .predicate: []
            case .variable(let v): [v]
            case .inverse(let q), .oneOrMore(let q), .zeroOrMore(let q): path(q)
            case .sequence(let ps), .alternative(let ps): ps.reduce(into: Set<Int>()) { $0.formUnion(path($1)) }
            }
        }
        switch p {
        case .triple(let s, let pa, let o): return op(s).union(path(pa)).union(op(o))
        case .filter(let l, _, let r): return expr(l).union(expr(r))
        case .typeTest(let o, _, _): return op(o)
        case .not(let inner), .optional(let inner), .group(let inner): return inner.reduce(into: Set<Int>()) { $0.formUnion(slots(in: $1)) }
        case .union(let bs): return bs.joined().reduce(into: Set<Int>()) { $0.formUnion(slots(in: $1)) }
        case .ruleCall(_, let args): return args.reduce(into: Set<Int>()) { $0.formUnion(op($1)) }
        }
    }
}

extension Operand {
    /// Whether the operand is a literal constant (which cannot be a subject in SPARQL).
    func isLiteralConstant(_ terms: TermTable) -> Bool {
        if case .constant(let c) = self, case .literal = terms[c] { return true }
        return false
    }
}
