import KGModel

/// The rules a session has defined, by name, for resolving rule calls.
public struct RuleSignatures: Sendable {
    public var arities: [String: Int] = [:]
    public init() {}
}

/// Turns spanned syntax into algebra: names to ids (ids, labels, aliases, inverse names, rule names),
/// variables to slots; reports the first error with its span and a hint.
public struct Resolver {
    let terms: TermTable
    let rules: RuleSignatures
    let language: String
    private var variables: [String] = []
    private var slots: [String: Int] = [:]

    var store: FactStore { terms.store }

    public init(terms: TermTable, rules: RuleSignatures, language: String = "ko") {
        self.terms = terms
        self.rules = rules
        self.language = language
    }

    public static func resolve(_ statement: SyntaxStatement, terms: TermTable, rules: RuleSignatures, language: String = "ko") -> Result<ResolvedStatement, QueryError> {
        var r = Resolver(terms: terms, rules: rules, language: language)
        do {
            return .success(try r.statement(statement))
        } catch let e as QueryError {
            return .failure(e)
        } catch {
            return .failure(QueryError("\(error)", SourceSpan(0, 1)))
        }
    }

    mutating func statement(_ s: SyntaxStatement) throws -> ResolvedStatement {
        switch s {
        case .query(let q): return .query(try query(q))
        case .why(let q): return .why(try query(q))
        case .explain(let q): return .explain(try query(q))
        case .export(let selection, let format, let target):
            let resolved: Selection
            switch selection {
            case .all: resolved = .all
            case .around(let center, let depth): resolved = .around(try entity(center), depth: depth)
            case .path(let from, let to, let maxLength): resolved = .path(from: try entity(from), to: try entity(to), maxLength: maxLength ?? 6)
            case .pattern(let q): resolved = .pattern(try query(q))
            }
            return .export(resolved, format: format.text, formatSpan: format.span, target: target?.text, targetSpan: target?.span)
        case .show(let t): return .show(try entity(t))
        case .path(let from, let to, let maxLength):
            return .path(from: try entity(from), to: try entity(to), maxLength: maxLength ?? 6)
        case .rule(let r): return .rule(try rule(r))
        }
    }

    // MARK: Variables

    mutating func slot(_ name: String) -> Int {
        if name == "_" {
            variables.append("_\(variables.count)")
            return variables.count - 1
        }
        if let s = slots[name] { return s }
        variables.append(name)
        slots[name] = variables.count - 1
        return variables.count - 1
    }

    /// A column, group key or aggregate naming a variable the pattern lacks, with the ones it has.
    func notInPattern(_ name: String, _ span: SourceSpan) -> QueryError {
        let named = variables.filter { slots[$0] != nil }.map { "?" + $0 }
        let hint = named.isEmpty ? " (it names no variable)" : " (its variables: \(named.joined(separator: ", ")))"
        return QueryError("?\(name) does not appear in the pattern\(hint)", span)
    }

    mutating func hidden() -> Int {
        variables.append("_\(variables.count)")
        return variables.count - 1
    }

    // MARK: Names

    /// The entity a name means, or an error that lists candidates or suggests a spelling.
    func entity(_ t: SyntaxTerm) throws -> TermID {
        switch t {
        case .variable(_, let span): throw QueryError("expected an entity name here, not a variable", span)
        case .literal(let l, let span): throw QueryError("expected an entity name here, not the literal \(l.kgText)", span)
        case .name(let name, _, let span):
            let trimmed = name.trimmingCharacters(in: " \t")
            let unquoted = trimmed.count >= 2 && (trimmed.first == "\"" || trimmed.first == "'") && trimmed.last == trimmed.first
                ? String(trimmed.dropFirst().dropLast()) : trimmed
            switch store.resolveEntity(unquoted) {
            case .found(let id): return id
            case .ambiguous(let ids):
                let list = ids.map { "\(store.displayName($0, language: language)) (\(store.shownName($0)), \(store.type(of: $0).map { store.shownName($0) } ?? "?"))" }
                throw QueryError("'\(unquoted)' names \(ids.count) entities: \(list.joined(separator: "; ")) — use an id", span)
            case .notFound(let suggestions):
                var seen: [String] = []
                for s in suggestions {
                    for id in store.labels.lookup(s) {
                        let label = store.displayName(id, language: language)
                        if !seen.contains(label) { seen.append(label) }
                    }
                }
                // With nothing close (or, on an endpoint too large to read every name, nothing to
                // compare with), say how to look for the name inside longer labels.
                let hint = seen.isEmpty
                    ? ": search the labels with ?e label ?l, ?l contains \(Resolver.quoted(unquoted))"
                    : " — did you mean \(seen.prefix(3).joined(separator: ", "))?"
                throw QueryError("no entity '\(unquoted)'\(hint)", span)
            }
        }
    }

    /// `text` as a query string, escaped so the statement a hint suggests reads back as written.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    func typeID(_ name: String, _ span: SourceSpan) throws -> TermID {
        if let id = store.termNamed(name), store.schema.types[id] != nil { return id }
        let keyed = store.schema.types(keyed: TextKey.normalize(name))
        if keyed.count == 1 { return keyed[0] }
        if keyed.count > 1 {
            let names = keyed.compactMap { store.schema.types[$0]?.name }.sorted()
            throw QueryError("'\(name)' names \(keyed.count) types: \(names.joined(separator: ", ")) — use a name", span)
        }
        let names = store.schema.types.values.map(\.name)
        let hint = Spelling.suggestions(for: name, among: names, limit: 1).first.map { " — did you mean '\($0)'?" } ?? ""
        throw QueryError("unknown type '\(name)'\(hint)", span)
    }

    enum PredicateMeaning {
        case path(PathExpression)
        case rule(String)
    }

    func predicate(_ name: String, _ span: SourceSpan) throws -> PredicateMeaning {
        if let id = store.termNamed(name), store.schema.predicates[id] != nil { return .path(.predicate(id)) }
        if let id = store.schema.inverses[name] { return .path(.inverse(.predicate(id))) }
        if let arity = rules.arities[name] {
            guard arity == 2 else { throw QueryError("rule '\(name)' takes \(arity) argument\(arity == 1 ? "" : "s"): call it as \(name)(…)", span) }
            return .rule(name)
        }
        // A predicate's Korean or English label works too, when only one predicate carries it.
        let key = TextKey.normalize(name)
        let labelled = store.schema.predicates(labelled: key).compactMap { store.schema.predicates[$0] }
        if labelled.count == 1 { return .path(.predicate(labelled[0].id)) }
        if labelled.count > 1 {
            throw QueryError("'\(name)' is the label of \(labelled.count) predicates: \(labelled.map(\.name).sorted().joined(separator: ", ")) — use a name", span)
        }
        let candidates = store.schema.predicates.values.map(\.name) + Array(store.schema.inverses.keys) + Array(rules.arities.keys)
        let hint = Spelling.suggestions(for: name, among: candidates, limit: 1).first.map { " — did you mean '\($0)'?" } ?? ""
        throw QueryError("unknown predicate '\(name)'\(hint)", span)
    }

    // MARK: Queries

    mutating func query(_ q: SyntaxQuery) throws -> Query {
        let pattern = try elements(q.pattern)
        for element in q.pattern {
            switch element {
            case .filter(let l, _, let r, _):
                for e in [l, r] {
                    for (name, span) in Resolver.variables(in: e) where name != "_" {
                        if let s = slots[name], isBound(s, in: pattern) { continue }
                        throw QueryError("?\(name) does not appear in the pattern: a filter can only test variables a pattern binds", span)
                    }
                }
            case .typeTest(.variable(let name, let span), _, _, _) where name != "_":
                // Like a filter, a type test binds nothing: alone it would quietly match no row.
                if let s = slots[name], isBound(s, in: pattern) { continue }
                throw QueryError("?\(name) does not appear in the pattern: a type test can only test variables a pattern binds", span)
            default:
                continue
            }
        }
        var columns: [Column] = []
        var names: [String] = []
        var groupBy: [Int] = []
        for (g, span) in q.groupBy {
            guard let s = slots[g] else { throw notInPattern(g, span) }
            groupBy.append(s)
        }
        if let projection = q.projection {
            for item in projection {
                switch item {
                case .variable(let v, let span):
                    guard let s = slots[v] else { throw notInPattern(v, span) }
                    columns.append(.variable(s))
                    names.append(v)
                case .aggregate(let f, let distinct, let argument, let alias, let span):
                    var slot: Int? = nil
                    if let a = argument {
                        guard let s = slots[a] else { throw notInPattern(a, span) }
                        slot = s
                    }
                    columns.append(.aggregate(f, distinct: distinct, argument: slot))
                    names.append(alias ?? "\(f.rawValue)(\(distinct ? "distinct " : "")\(argument.map { "?" + $0 } ?? "*"))")
                }
            }
            let aggregated = columns.contains { if case .aggregate = $0 { true } else { false } }
            if aggregated || !groupBy.isEmpty {
                for (item, column) in zip(projection, columns) {
                    if case .variable(let s) = column, !groupBy.contains(s), case .variable(let v, let span) = item {
                        throw QueryError("?\(v) is neither grouped nor aggregated: add 'group by ?\(v)' or wrap it in an aggregate", span)
                    }
                }
            }
        } else {
            // A bare pattern shows every named variable it binds, or with `group by` the groups.
            for (i, v) in variables.enumerated() where !v.hasPrefix("_") && isBound(i, in: pattern) && (groupBy.isEmpty || groupBy.contains(i)) {
                columns.append(.variable(i))
                names.append(v)
            }
        }
        var orderBy: [(column: Int, descending: Bool)] = []
        for key in q.orderBy {
            let bare = key.name.hasPrefix("?") ? String(key.name.dropFirst()) : key.name
            if let i = names.firstIndex(of: bare) ?? names.firstIndex(of: key.name) {
                orderBy.append((i, key.descending))
            } else {
                throw QueryError("cannot order by '\(key.name)': it is not a column of the result (columns: \(zip(columns, names).map { column, name in if case .variable = column { "?" + name } else { name } }.joined(separator: ", ")))", key.span)
            }
        }
        return Query(variables: variables, pattern: pattern, columns: columns, columnNames: names, bare: q.projection == nil,
                     distinct: q.distinct, groupBy: groupBy, orderBy: orderBy, limit: q.limit, offset: q.offset)
    }

    /// Whether slot `s` is bound by a positive part of the pattern (not only inside `not`).
    func isBound(_ s: Int, in pattern: [Pattern]) -> Bool {
        pattern.contains { p in
            switch p {
            case .triple(let a, let path, let b):
                if a == .variable(s) || b == .variable(s) { return true }
                if case .variable(let v) = path { return v == s }
                return false
            case .optional(let inner), .group(let inner): return isBound(s, in: inner)
            case .union(let branches): return branches.contains { isBound(s, in: $0) }
            case .ruleCall(_, let args): return args.contains(.variable(s))
            case .not, .filter, .typeTest: return false
            }
        }
    }

    mutating func elements(_ elements: [SyntaxElement]) throws -> [Pattern] {
        var out: [Pattern] = []
        for e in elements { out += try element(e) }
        return out
    }

    mutating func element(_ e: SyntaxElement) throws -> [Pattern] {
        switch e {
        case .triple(let s, let p, let o):
            return try triple(s, p, o)
        case .filter(let l, let op, let r, let span):
            if op == .matches, case .term(.name(let pattern, _, _)) = r {
                do { _ = try Regex(pattern) } catch { throw QueryError("bad regular expression: \(error)", r.span) }
                if let problem = RegexGuard.problem(pattern) { throw QueryError("unsafe regular expression: \(problem)", r.span) }
            }
            _ = span
            return [.filter(try expression(l), op, try expression(r))]
        case .typeTest(let t, let names, let negated, _):
            var targets: [TypeTarget] = []
            for n in names {
                switch n.text {
                case "Literal": targets.append(.anyLiteral)
                case "Entity", "Thing": targets.append(.anyEntity)
                default:
                    if let k = LiteralKind(rawValue: n.text) { targets.append(.kind(k)) } else { targets.append(.type(try typeID(n.text, n.span))) }
                }
            }
            return [.typeTest(try operand(t, role: .subject), targets, negated: negated)]
        case .not(let inner, _): return [.not(try elements(inner))]
        case .optional(let inner, _): return [.optional(try elements(inner))]
        case .group(let inner, _): return [.group(try elements(inner))]
        case .union(let branches, _): return [.union(try branches.map { try elements($0) })]
        case .ruleCall(let name, let args, let span):
            guard let arity = rules.arities[name] else {
                let defined = rules.arities.keys.sorted()
                let hint = Spelling.suggestions(for: name, among: defined, limit: 1).first.map { " — did you mean '\($0)'?" }
                    ?? (defined.isEmpty ? ": define it first, as in 'rule \(name)(?x) :- ?x won ?a'"
                                        : " (rules: \(defined.joined(separator: ", ")))")
                throw QueryError("unknown rule '\(name)'\(hint)", span)
            }
            guard arity == args.count else { throw QueryError("rule '\(name)' takes \(arity) argument\(arity == 1 ? "" : "s"), not \(args.count)", span) }
            return [.ruleCall(name, try args.map { try operand($0, role: .subject) })]
        }
    }

    enum Role { case subject, object(literalRange: Bool), filter }

    mutating func operand(_ t: SyntaxTerm, role: Role) throws -> Operand {
        switch t {
        case .variable(let v, _): return .variable(slot(v))
        case .literal(let l, _): return .constant(terms.intern(.literal(l)))
        case .name(let n, let quoted, _):
            switch role {
            case .filter:
                if quoted { return .constant(terms.intern(.literal(.string(n, language: nil)))) }
                return .constant(try entity(t))
            case .object(let literalRange) where literalRange:
                return .constant(terms.intern(.literal(.string(n, language: nil))))
            default:
                return .constant(try entity(t))
            }
        }
    }

    /// Whether a predicate's range holds literals only (label, title, eligibility …).
    func literalRange(_ p: TermID) -> Bool {
        guard let info = store.schema.predicates[p] else { return false }
        return !info.range.isEmpty && info.range.allSatisfy { if case .type = $0 { false } else { true } }
    }

    /// Whether a predicate's range takes some literal besides entities.
    func admitsLiterals(_ p: TermID) -> Bool {
        store.schema.predicates[p]?.range.contains { if case .type = $0 { false } else { true } } ?? false
    }

    mutating func triple(_ s: SyntaxTerm, _ p: SyntaxPath, _ o: SyntaxTerm) throws -> [Pattern] {
        // `?x type Agency`: the object is a type name.
        if case .name(let n, _) = p, n == "type" {
            let subject = try operand(s, role: .subject)
            switch o {
            case .name(let typeName, _, let tspan): return [.triple(subject, .predicate(store.builtins.type), .constant(try typeID(typeName, tspan)))]
            case .variable(let v, _): return [.triple(subject, .predicate(store.builtins.type), .variable(slot(v)))]
            case .literal(_, let lspan): throw QueryError("'type' takes a type name such as Agency, not a literal", lspan)
            }
        }
        if case .name(let n, let span) = p, case .rule(let name) = try predicate(n, span) {
            return [.ruleCall(name, [try operand(s, role: .subject), try operand(o, role: .subject)])]
        }
        let subject = try operand(s, role: .subject)
        let path = try self.path(p)
        var isLiteralRange = false
        if case .predicate(let id) = path { isLiteralRange = literalRange(id) }
        // A quoted string without a language tag matches the text in any language.
        if case .name(let text, _, _) = o, isLiteralRange {
            let h = hidden()
            return [.triple(subject, path, .variable(h)),
                    .filter(.str(.operand(.variable(h))), .equal, .operand(.constant(terms.intern(.literal(.string(text, language: nil))))))]
        }
        // A quoted text after a predicate that also takes literals (as every imported RDF
        // predicate does) is a string when the predicate has it as a value (`?c carCode "GR"`,
        // though "GR" also names Greece by its IRI) or when it names no entity (`?aw grade "최우수"`).
        if case .name(let text, true, _) = o, case .predicate(let id) = path, admitsLiterals(id),
           store.terms.id(of: .literal(.string(text, language: nil))).map({ store.count(subject: nil, predicate: id, object: $0) > 0 }) == true
            || { if case .notFound = store.resolveEntity(text) { true } else { false } }() {
            let h = hidden()
            return [.triple(subject, path, .variable(h)),
                    .filter(.operand(.variable(h)), .equal, .operand(.constant(terms.intern(.literal(.string(text, language: nil))))))]
        }
        let object = try operand(o, role: .object(literalRange: isLiteralRange))
        return [.triple(subject, path, object)]
    }

    mutating func path(_ p: SyntaxPath) throws -> PathExpression {
        switch p {
        case .name(let n, let span):
            if n == "type" { return .predicate(store.builtins.type) }
            switch try predicate(n, span) {
            case .path(let e): return e
            case .rule(let name):
                let arguments = (0..<(rules.arities[name] ?? 2)).map { "?" + String(UnicodeScalar(UInt8(97 + $0 % 26))) }
                throw QueryError("rule '\(name)' cannot be part of a path: call it on its own, as \(name)(\(arguments.joined(separator: ", ")))", span)
            }
        case .variable(let v, _): return .variable(slot(v))
        case .inverse(let inner, _): return .inverse(try nested(inner))
        case .sequence(let steps, _): return .sequence(try steps.map { try nested($0) })
        case .alternative(let alts, _): return .alternative(try alts.map { try nested($0) })
        case .oneOrMore(let inner, _): return .oneOrMore(try nested(inner))
        case .zeroOrMore(let inner, _): return .zeroOrMore(try nested(inner))
        }
    }

    mutating func nested(_ p: SyntaxPath) throws -> PathExpression {
        if case .variable(_, let span) = p { throw QueryError("a variable predicate cannot be part of a longer path", span) }
        return try path(p)
    }

    mutating func expression(_ e: SyntaxExpression) throws -> Expression {
        switch e {
        case .term(let t): return .operand(try operand(t, role: .filter))
        case .call(let f, let args, let span):
            guard args.count == 1 else { throw QueryError("\(f)() takes one argument", span) }
            let inner = try expression(args[0])
            switch f {
            case "lang": return .lang(inner)
            case "str": return .str(inner)
            default: return .label(inner)
            }
        }
    }

    /// The variables an expression reads, with their spans.
    static func variables(in e: SyntaxExpression) -> [(String, SourceSpan)] {
        switch e {
        case .term(.variable(let v, let span)): [(v, span)]
        case .term: []
        case .call(_, let args, _): args.flatMap(variables(in:))
        }
    }

    // MARK: Rules

    mutating func rule(_ r: SyntaxRule) throws -> Rule {
        if store.terms.entity(r.name).map({ store.schema.predicates[$0] != nil }) == true || store.schema.inverses[r.name] != nil {
            throw QueryError("'\(r.name)' is already a predicate; give the rule another name", r.nameSpan)
        }
        var rules = self.rules
        rules.arities[r.name] = r.parameters.count
        var inner = Resolver(terms: terms, rules: rules, language: language)
        let params = r.parameters.map { inner.slot($0.0) }
        let body = try inner.elements(r.body)
        for (parameter, slot) in zip(r.parameters, params) where !inner.isBound(slot, in: body) {
            let (name, span) = parameter
            throw QueryError("?\(name) in the head of \(r.name) must appear in a positive pattern of its body", span)
        }
        return Rule(name: r.name, nameSpan: r.nameSpan, arity: params.count, parameters: params, variables: inner.variables, body: body)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
