/// Which rules call which, kept as rules are defined, so that a new definition is checked for a
/// cycle through negation by looking only at the rules that can reach it.
///
/// The rules defined so far are stratifiable, so a cycle through negation that a new definition
/// makes must pass through the rule it defines: only that rule's strongly connected component can
/// hold one. The component is the rules that reach it (walked backwards over `callers`) which it
/// also reaches (walked forwards, inside that set). A chain of rules defined bottom-up, each
/// calling the one before, checks each definition in O(its own calls); defining 2,000 of them was
/// quadratic when every definition re-ran the check over all rules.
struct RuleGraph {
    /// Per rule, the rules its bodies call, each with whether the call stands inside `not`, in
    /// the order of its bodies (as `RuleEngine.calls` lists them).
    private(set) var callees: [String: [(String, Bool)]] = [:]
    /// Per rule, the rules with a body that calls it.
    private(set) var callers: [String: Set<String>] = [:]

    /// Throws `notStratifiable` when adding `rule` (replacing the bodies of its name when
    /// `replacing`) would make a cycle through negation; the message is the one
    /// `RuleEngine.strata` gives for the same rules. Changes nothing.
    /// - Complexity: O(calls among the rules that reach `rule`), not O(all rules).
    func check(adding rule: Rule, replacing: Bool) throws {
        let name = rule.name
        let added = RuleEngine.calls(rule.body)
        let mine = (replacing ? [] : callees[name] ?? []) + added
        func calls(of rule: String) -> [(String, Bool)] { rule == name ? mine : callees[rule] ?? [] }
        // Rules that reach `name`: callers, their callers … (`name` itself included).
        var reaching: Set<String> = [name]
        var queue = [name]
        while let v = queue.popLast() {
            for caller in callers[v] ?? [] where reaching.insert(caller).inserted { queue.append(caller) }
        }
        // Of those, the ones `name` reaches: its component.
        var component: Set<String> = [name]
        queue = [name]
        while let v = queue.popLast() {
            for (callee, _) in calls(of: v) where reaching.contains(callee) && component.insert(callee).inserted {
                queue.append(callee)
            }
        }
        for member in component.sorted() {
            for (callee, negated) in calls(of: member) where negated && component.contains(callee) {
                throw EvaluationError.notStratifiable(RuleEngine.notStratifiable(member, callee))
            }
        }
    }

    /// Records `rule`'s calls (after `check` passed).
    /// - Complexity: O(its calls), and O(the replaced bodies' calls) when `replacing`.
    mutating func add(_ rule: Rule, replacing: Bool) {
        if replacing {
            for (callee, _) in callees[rule.name] ?? [] { callers[callee]?.remove(rule.name) }
            callees[rule.name] = []
        }
        for (callee, negated) in RuleEngine.calls(rule.body) {
            callees[rule.name, default: []].append((callee, negated))
            callers[callee, default: []].insert(rule.name)
        }
    }
}
