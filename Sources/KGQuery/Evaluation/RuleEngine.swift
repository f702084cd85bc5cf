import KGModel

/// Stratification of rules (negation only on lower strata) and their semi-naive evaluation.
enum RuleEngine {
    /// Rule names a body calls, each with whether the call stands inside `not`.
    static func calls(_ patterns: [Pattern], negated: Bool = false) -> [(String, Bool)] {
        patterns.flatMap { p -> [(String, Bool)] in
            switch p {
            case .ruleCall(let name, _): [(name, negated)]
            case .not(let inner): calls(inner, negated: true)
            case .optional(let inner), .group(let inner): calls(inner, negated: negated)
            case .union(let branches): branches.flatMap { calls($0, negated: negated) }
            default: []
            }
        }
    }

    /// The rules' strata, lowest first; an error names a cycle through negation.
    /// - Complexity: O(rules + calls): Tarjan's strongly connected components, walked with an
    ///   explicit stack (a chain of 100,000 rules is no deeper for it than one).
    static func strata(_ rules: [String: [Rule]]) throws -> [[String]] {
        var callees: [String: [(String, Bool)]] = [:]
        for (name, bodies) in rules { callees[name] = bodies.flatMap { calls($0.body) } }
        var index = 0
        var indices: [String: Int] = [:], low: [String: Int] = [:]
        var stack: [String] = [], onStack = Set<String>()
        var components: [[String]] = []
        // Each frame: a rule and how many of its calls have been followed.
        var frames: [(String, Int)] = []
        func open(_ v: String) {
            indices[v] = index; low[v] = index; index += 1
            stack.append(v); onStack.insert(v)
            frames.append((v, 0))
        }
        for root in rules.keys.sorted() where indices[root] == nil {
            open(root)
            while let (v, next) = frames.last {
                let out = callees[v] ?? []
                if next < out.count {
                    frames[frames.count - 1].1 += 1
                    let w = out[next].0
                    guard rules[w] != nil else { continue }
                    if indices[w] == nil { open(w) } else if onStack.contains(w) { low[v] = min(low[v]!, indices[w]!) }
                    continue
                }
                frames.removeLast()
                if let (parent, _) = frames.last { low[parent] = min(low[parent]!, low[v]!) }
                if low[v] == indices[v] {
                    var component: [String] = []
                    while let w = stack.popLast() {
                        onStack.remove(w)
                        component.append(w)
                        if w == v { break }
                    }
                    components.append(component.sorted())
                }
            }
        }
        for component in components {
            let members = Set(component)
            for name in component {
                for (callee, negated) in callees[name] ?? [] where negated && members.contains(callee) {
                    throw EvaluationError.notStratifiable(notStratifiable(name, callee))
                }
            }
        }
        return components // Tarjan emits components callees-first: a valid evaluation order.
    }

    /// The message for rule `name` calling `callee` under `not` inside one cycle.
    static func notStratifiable(_ name: String, _ callee: String) -> String {
        let through = callee == name ? "itself" : "'\(callee)', which depends on '\(name)'"
        return "rules cannot be stratified: '\(name)' depends on the negation of \(through) — negation may only use rules defined without it"
    }

    /// Evaluates every rule `needed` names (and what they call), stratum by stratum, semi-naively.
    static func materialize(_ rules: [String: [Rule]], needed: Set<String>, evaluator: Evaluator, terms: TermTable) throws {
        var wanted = Set<String>()
        var queue = Array(needed)
        while let n = queue.popLast() {
            guard rules[n] != nil, wanted.insert(n).inserted else { continue }
            queue += (rules[n] ?? []).flatMap { calls($0.body).map(\.0) }
        }
        for stratum in try strata(rules) where !Set(stratum).isDisjoint(with: wanted) {
            let members = Set(stratum)
            var full: [String: Set<[TermID]>] = [:]
            for name in stratum { full[name] = []; evaluator.relations[name] = [] }
            var delta: [String: [[TermID]]] = [:]
            // Round 0: every rule with the stratum's relations empty.
            for name in stratum {
                for rule in rules[name]! {
                    let derived = try run(rule, body: rule.body, evaluator: evaluator, terms: terms)
                    for t in derived where full[name]!.insert(t).inserted { delta[name, default: []].append(t) }
                }
            }
            while !delta.values.allSatisfy(\.isEmpty) {
                for name in stratum {
                    evaluator.relations[name] = Array(full[name]!)
                    evaluator.relations[name + "\u{0}delta"] = delta[name] ?? []
                }
                var next: [String: [[TermID]]] = [:]
                for name in stratum {
                    for rule in rules[name]! {
                        let occurrences = countCalls(rule.body, members)
                        for j in 0..<occurrences {
                            var k = 0
                            let body = rewrite(rule.body, members, target: j, counter: &k)
                            for t in try run(rule, body: body, evaluator: evaluator, terms: terms) where full[name]!.insert(t).inserted {
                                next[name, default: []].append(t)
                            }
                        }
                    }
                }
                delta = next
            }
            for name in stratum {
                evaluator.relations[name] = Array(full[name]!).sorted { $0.lexicographicallyPrecedes($1) }
                evaluator.relations[name + "\u{0}delta"] = nil
            }
        }
    }

    static func run(_ rule: Rule, body: [Pattern], evaluator: Evaluator, terms: TermTable) throws -> [[TermID]] {
        let printer = AlgebraPrinter(terms: terms, variables: rule.variables)
        let rows = try evaluator.evaluate(body, input: [Row(repeating: unbound, count: rule.variables.count)], bound: [],
                                          plan: PlanNode(operation: "", detail: "", estimate: nil), printer: printer)
        return rows.compactMap { row in
            let tuple = rule.parameters.map { row[$0] }
            return tuple.contains(unbound) ? nil : tuple
        }
    }

    static func countCalls(_ patterns: [Pattern], _ members: Set<String>) -> Int {
        calls(patterns).filter { !$0.1 && members.contains($0.0) }.count
    }

    /// The body with its `target`-th call to a same-stratum rule reading that rule's delta.
    static func rewrite(_ patterns: [Pattern], _ members: Set<String>, target: Int, counter: inout Int) -> [Pattern] {
        patterns.map { p in
            switch p {
            case .ruleCall(let name, let args) where members.contains(name):
                defer { counter += 1 }
                return counter == target ? .ruleCall(name + "\u{0}delta", args) : p
            case .optional(let inner): return .optional(rewrite(inner, members, target: target, counter: &counter))
            case .group(let inner): return .group(rewrite(inner, members, target: target, counter: &counter))
            case .union(let branches): return .union(branches.map { rewrite($0, members, target: target, counter: &counter) })
            default: return p
            }
        }
    }
}
