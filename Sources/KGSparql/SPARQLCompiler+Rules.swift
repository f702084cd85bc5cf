import KGModel
import KGQuery

/// Rules on an endpoint: a rule that does not call itself is inlined at each call; a linear
/// recursive one becomes a property path; any other is refused.
extension SPARQLCompiler {
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
