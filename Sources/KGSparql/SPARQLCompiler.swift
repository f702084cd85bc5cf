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

    private var fresh = 0
    private var labelVariables: [String: String] = [:]
    private var pendingLookups: [String] = []

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
        let outerLabels = labelVariables, outerPending = pendingLookups
        labelVariables = [:]
        pendingLookups = []
        defer { labelVariables = outerLabels; pendingLookups = outerPending }
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

    // MARK: Rules

    /// A call of a rule that does not call itself (directly or through others) inlines its
    /// bodies as a union; a recursive rule of a linear shape becomes a property path (below);
    /// any other recursive rule has no SPARQL form and is refused.
    mutating func ruleCall(_ name: String, _ args: [Operand], _ scope: Scope, indent: String) throws -> String {
        try inline(name, args.map { operand($0, scope) }, indent: indent)
    }

    mutating func inline(_ name: String, _ args: [String], indent: String) throws -> String {
        guard let definitions = rules[name], !definitions.isEmpty else { throw TranslationRefusal(message: "rule '\(name)' is not defined") }
        if calls(name, reaches: name) { return try recursive(name, definitions, args, indent: indent) }
        var branches: [String] = []
        for rule in definitions { branches.append("{\n" + (try body(of: rule, args, indent: indent + "  ")) + indent + "}") }
        return indent + branches.joined(separator: " UNION ") + "\n"
    }

    /// A rule's body with its parameters given as `args` (SPARQL terms), its other variables fresh.
    mutating func body(of rule: Rule, _ args: [String], indent: String) throws -> String {
        let stem = freshVariable("r").dropFirst()
        var bound: [Int: String] = [:]
        for (param, arg) in zip(rule.parameters, args) where bound[param] == nil { bound[param] = arg }
        // A parameter repeated is tied by a filter after the body.
        var ties: [String] = []
        for (param, arg) in zip(rule.parameters, args) where bound[param] != arg {
            ties.append("FILTER(sameTerm(\(bound[param]!), \(arg)))")
        }
        let names: [String] = rule.variables.indices.map { bound[$0] ?? "?\(stem)_\($0)" }
        let inner = Scope(variables: rule.variables, names: { names[$0] })
        return try group(rule.body, inner, indent: indent) + ties.map { indent + $0 + "\n" }.joined()
    }

    /// A recursive rule of a linear shape as a property path, which SPARQL evaluates to a fixpoint:
    ///
    /// - `r(?x, ?y) :- BASE` (no call of `r`), `r(?x, ?y) :- r(?x, ?m), ?m q ?y` (steps after),
    ///   `r(?x, ?y) :- ?x l ?m, r(?m, ?y)` (steps before): `?x l* ?a, BASE(?a, ?b), ?b q* ?y`;
    ///   with `r(?x, ?y) :- r(?x, ?m), r(?m, ?y)` and every BASE one predicate path: `(l*/BASE/q*)+`;
    /// - `r(?x) :- BASE`, `r(?x) :- ?x l ?m, r(?m)`: `?x l* ?a, BASE(?a)`.
    mutating func recursive(_ name: String, _ definitions: [Rule], _ args: [String], indent: String) throws -> String {
        let refusal = TranslationRefusal(message: "rule '\(name)' is recursive in a way SPARQL cannot express (only a chain of one-step patterns before or after the rule, or the rule twice in a row): on an endpoint, write it as a property path (p+ or p*)")
        let arity = definitions[0].arity
        guard arity == 1 || arity == 2 else { throw refusal }
        let emptyScope = Scope(variables: [], names: { "?_\($0)" })
        var before: [String] = [], after: [String] = [], bases: [Rule] = []
        var transitive = false
        for rule in definitions {
            let calls = RuleCalls.of(rule.body)
            if !calls.contains(where: { $0.0 == name || self.calls($0.0, reaches: name) }) { bases.append(rule); continue }
            let p = rule.parameters
            func isCall(_ pattern: Pattern, _ args: [Int]) -> Bool {
                guard case .ruleCall(let n, let a) = pattern, n == name else { return false }
                return a == args.map { Operand.variable($0) }
            }
            func step(_ pattern: Pattern, from: Int, to: Int) -> String? {
                guard case .triple(.variable(from), let path, .variable(to)) = pattern, Self.slots(in: pattern).count == 2 else { return nil }
                return self.path(path, emptyScope)
            }
            guard rule.body.count == 2 else { throw refusal }
            let (a, b) = (rule.body[0], rule.body[1])
            let m = Self.slots(in: a).union(Self.slots(in: b)).subtracting(p)
            guard m.count == 1, let mid = m.first, p.count == Set(p).count else { throw refusal }
            if arity == 2 {
                if isCall(a, [p[0], mid]), let q = step(b, from: mid, to: p[1]) { after.append(q) }
                else if isCall(b, [p[0], mid]), let q = step(a, from: mid, to: p[1]) { after.append(q) }
                else if let l = step(a, from: p[0], to: mid), isCall(b, [mid, p[1]]) { before.append(l) }
                else if let l = step(b, from: p[0], to: mid), isCall(a, [mid, p[1]]) { before.append(l) }
                else if isCall(a, [p[0], mid]) && isCall(b, [mid, p[1]]) || isCall(b, [p[0], mid]) && isCall(a, [mid, p[1]]) { transitive = true }
                else { throw refusal }
            } else {
                if let l = step(a, from: p[0], to: mid), isCall(b, [mid]) { before.append(l) }
                else if let l = step(b, from: p[0], to: mid), isCall(a, [mid]) { before.append(l) }
                else { throw refusal }
            }
        }
        guard !bases.isEmpty else { return indent + "FILTER(false)\n" }
        func star(_ steps: [String]) -> String? { steps.isEmpty ? nil : "(" + steps.joined(separator: "|") + ")*" }
        let ends = args.filter { $0.hasPrefix("?") }
        let projected = ends.isEmpty ? "(1 AS \(freshVariable("p")))" : Set(ends).sorted().joined(separator: " ")
        if transitive {
            var basePaths: [String] = []
            for rule in bases {
                guard rule.body.count == 1, case .triple(.variable(rule.parameters[0]), let path, .variable(rule.parameters[1])) = rule.body[0] else { throw refusal }
                basePaths.append(self.path(path, emptyScope))
            }
            let core = [star(before), "(" + basePaths.joined(separator: "|") + ")", star(after)].compactMap { $0 }.joined(separator: "/")
            return indent + "{ SELECT DISTINCT \(projected) WHERE { \(args[0]) (\(core))+ \(args[1]) . } }\n"
        }
        let start = before.isEmpty ? args[0] : freshVariable("a")
        let end = arity == 2 ? (after.isEmpty ? args[1] : freshVariable("b")) : ""
        var out = ""
        if let l = star(before) { out += indent + "  \(args[0]) \(l) \(start) .\n" }
        var branches: [String] = []
        for rule in bases {
            branches.append("{\n" + (try body(of: rule, arity == 2 ? [start, end] : [start], indent: indent + "    ")) + indent + "  }")
        }
        out += indent + "  " + branches.joined(separator: " UNION ") + "\n"
        if arity == 2, let q = star(after) { out += indent + "  \(end) \(q) \(args[1]) .\n" }
        return indent + "{ SELECT DISTINCT \(projected) WHERE {\n" + out + indent + "} }\n"
    }

    func calls(_ from: String, reaches target: String, seen: Set<String> = []) -> Bool {
        var seen = seen
        for rule in rules[from] ?? [] {
            for (callee, _) in RuleCalls.of(rule.body) {
                if callee == target { return true }
                if seen.insert(callee).inserted, calls(callee, reaches: target, seen: seen) { return true }
            }
        }
        return false
    }

    // MARK: Expressions

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
    mutating func labelLookup(_ v: String) -> [String] {
        let l = labelVariable(v)
        if oneLabelPerLanguage {
            let other = language == "ko" ? "en" : "ko"
            return [
                "OPTIONAL { \(v) rdfs:label \(l) FILTER(LANG(\(l)) = \(SPARQLTerms.quoted(language))) }",
                "OPTIONAL { \(v) rdfs:label \(l)o FILTER(LANG(\(l)o) = \(SPARQLTerms.quoted(other))) }",
                "OPTIONAL { \(v) rdfs:label \(l)u FILTER(LANG(\(l)u) = \"\") }",
                "BIND(COALESCE(\(l)o, \(l)u) AS \(l)a)",
            ]
        }
        return [
            "OPTIONAL { SELECT \(v) (SAMPLE(?_t) AS \(l)) WHERE { \(v) rdfs:label ?_t FILTER(LANG(?_t) = \(SPARQLTerms.quoted(language))) } GROUP BY \(v) }",
            "OPTIONAL { SELECT \(v) (SAMPLE(?_t) AS \(l)a) WHERE { \(v) rdfs:label ?_t } GROUP BY \(v) }",
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
        case .decimal(let d): d.scale == 0 ? d.description : d.description
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

/// The rule calls in patterns, nested ones included.
enum RuleCalls {
    static func of(_ patterns: [Pattern]) -> [(String, [Operand])] {
        patterns.flatMap { p -> [(String, [Operand])] in
            switch p {
            case .ruleCall(let name, let args): [(name, args)]
            case .not(let inner), .optional(let inner), .group(let inner): of(inner)
            case .union(let branches): branches.flatMap(of)
            default: []
            }
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
