import Foundation
import KGModel

/// A group planned once and run per row: the order of its steps and their plan nodes.
final class GroupPlan {
    enum Step {
        /// A triple pattern or rule call that extends the row.
        case extend(Pattern, PlanNode)
        /// A triple pattern whose object slot may only take these values: one look-up each.
        case extendIn(Pattern, Int, [TermID], PlanNode)
        /// A triple pattern whose object slot a numeric filter bounds: the predicate's values in
        /// range, from its value index, one look-up each.
        case extendRange(Pattern, Int, NumericRange, PlanNode)
        case filter(Pattern, PlanNode)
        case group(GroupPlan, PlanNode)
        case union([GroupPlan], PlanNode)
        case optional(GroupPlan, PlanNode)
        case not(GroupPlan, PlanNode)
        /// Drops a row whose values in these slots an earlier row had (`distinct` queries only).
        case dedupe([Int], Seen, PlanNode)
    }

    /// The keys a `dedupe` step has let through, for one run of the plan.
    final class Seen {
        var keys: RowKeySet
        init(width: Int) { keys = RowKeySet(width: width) }
    }

    var steps: [Step] = []
    /// The slots each step mentions, parallel to `steps`.
    var mentions: [Set<Int>] = []

    /// For a query whose answers are a set over `keep`: before each step after which slots that
    /// no later step reads and `keep` does not hold are bound, a step that lets through only the
    /// first row of each combination of the slots still wanted. The rows after it are the same
    /// set, from fewer rows (`find distinct ?r where ?aw grade ?g, ?aw recipient ?w, ?art
    /// mentions ?w, ?art writtenBy ?r` joins `mentions` once per recipient, not once per award).
    func eliminateDuplicatesEarly(keeping keep: Set<Int>, node: PlanNode, printer: AlgebraPrinter) {
        var later = [Set<Int>](repeating: keep, count: steps.count + 1)
        for i in stride(from: steps.count - 1, through: 0, by: -1) { later[i] = later[i + 1].union(mentions[i]) }
        var out: [Step] = [], outMentions: [Set<Int>] = []
        var bound = Set<Int>(), lastDead = Set<Int>()
        for i in steps.indices {
            let dead = bound.subtracting(later[i])
            if !dead.isEmpty, !dead.isSubset(of: lastDead), steps[i].extendsRow {
                let key = bound.intersection(later[i]).sorted()
                let n = PlanNode(operation: "distinct", detail: key.isEmpty ? "()" : key.map { printer.variable($0) }.joined(separator: ", "), estimate: nil)
                node.children.insert(n, at: node.children.firstIndex { $0 === stepNode(steps[i]) } ?? node.children.count)
                out.append(.dedupe(key, Seen(width: key.count), n))
                outMentions.append([])
                lastDead = dead
            }
            out.append(steps[i])
            outMentions.append(mentions[i])
            bound.formUnion(mentions[i])
        }
        steps = out
        mentions = outMentions
    }

    func stepNode(_ step: Step) -> PlanNode {
        switch step {
        case .extend(_, let n), .extendIn(_, _, _, let n), .extendRange(_, _, _, let n), .filter(_, let n), .group(_, let n), .union(_, let n), .optional(_, let n), .not(_, let n), .dedupe(_, _, let n): n
        }
    }
}

extension GroupPlan.Step {
    var extendsRow: Bool {
        switch self {
        case .extend, .extendIn, .extendRange: true
        default: false
        }
    }
}

extension Evaluator {
    /// Orders a group's patterns: connected, cheapest simple patterns first; each filter right after
    /// the step that binds its last variable; groups and unions after the simple patterns;
    /// `optional`, `not` and filters over optional variables last.
    func plan(_ patterns: [Pattern], bound: Set<Int>, node: PlanNode, printer: AlgebraPrinter) -> GroupPlan {
        let group = GroupPlan()
        var bound = bound
        var positives: [Pattern] = []
        var filters: [Pattern] = []
        var optionals: [[Pattern]] = []
        var negations: [[Pattern]] = []
        for p in patterns {
            switch p {
            case .triple, .ruleCall, .union, .group: positives.append(p)
            case .filter, .typeTest: filters.append(p)
            case .optional(let inner): optionals.append(inner)
            case .not(let inner): negations.append(inner)
            }
        }
        func placeReadyFilters() {
            var remaining: [Pattern] = []
            for f in filters {
                if Set(variables(in: f)).isSubset(of: bound) {
                    let n = PlanNode(operation: "filter", detail: printer.pattern(f), estimate: nil)
                    node.children.append(n)
                    group.steps.append(.filter(f, n))
                    group.mentions.append(Set(variables(in: f)))
                } else {
                    remaining.append(f)
                }
            }
            filters = remaining
        }
        // This group's own `?v = "text"` filters restrict its own patterns (not nested groups').
        let (outer, outerRanges) = (restrictions, ranges)
        restrictions = stringEqualities(filters)
        ranges = numericRanges(filters)
        defer { (restrictions, ranges) = (outer, outerRanges) }
        placeReadyFilters()
        while !positives.isEmpty {
            let (index, estimate, connected) = choose(positives, bound: bound)
            let p = positives.remove(at: index)
            let product = !connected && !bound.isEmpty
            let n = PlanNode(operation: operation(p, bound: bound), detail: printer.pattern(p), estimate: estimate,
                             note: product ? "cartesian product: shares no variable with the steps before it" : nil)
            node.children.append(n)
            group.mentions.append(Set(variables(in: p)))
            switch p {
            case .group(let inner):
                group.steps.append(.group(plan(inner, bound: bound, node: n, printer: printer), n))
            case .union(let branches):
                let plans = branches.map { b -> GroupPlan in
                    let branchNode = PlanNode(operation: "branch", detail: "{ \(printer.patterns(b)) }", estimate: nil)
                    n.children.append(branchNode)
                    return plan(b, bound: bound, node: branchNode, printer: printer)
                }
                group.steps.append(.union(plans, n))
            case .triple(_, .predicate, .variable(let v)) where !bound.contains(v) && restrictions[v] != nil:
                group.steps.append(.extendIn(p, v, restrictions[v]!, n))
            case .triple(_, .predicate(let pid), .variable(let v)) where !bound.contains(v) && ranges[v] != nil && pid != source.typePredicate:
                n.note = "only the values in range, from \(printer.variable(v))'s value index"
                group.steps.append(.extendRange(p, v, ranges[v]!, n))
            default:
                group.steps.append(.extend(p, n))
            }
            bound.formUnion(certainlyBound(p))
            placeReadyFilters()
        }
        for inner in optionals {
            let n = PlanNode(operation: "optional", detail: "{ \(printer.patterns(inner)) }", estimate: nil)
            node.children.append(n)
            group.steps.append(.optional(plan(inner, bound: bound, node: PlanNode(operation: "", detail: "", estimate: nil), printer: printer), n))
            group.mentions.append(Set(variables(in: .optional(inner))))
        }
        for inner in negations {
            let n = PlanNode(operation: "not", detail: "{ \(printer.patterns(inner)) }", estimate: nil)
            node.children.append(n)
            group.steps.append(.not(plan(inner, bound: bound, node: PlanNode(operation: "", detail: "", estimate: nil), printer: printer), n))
            group.mentions.append(Set(variables(in: .not(inner))))
        }
        // Filters over variables only optional parts bind: an unbound value fails the test.
        for f in filters {
            let n = PlanNode(operation: "filter", detail: printer.pattern(f), estimate: nil)
            node.children.append(n)
            group.steps.append(.filter(f, n))
            group.mentions.append(Set(variables(in: f)))
        }
        return group
    }

    /// A filter comparing a slot with a constant, as `?v op c` (`c < ?v` reads `?v > c`); nil for
    /// any other filter.
    static func slotAgainstConstant(_ f: Pattern) -> (Int, ComparisonOperator, TermID)? {
        guard case .filter(let l, let op, let r) = f else { return nil }
        switch (l, r) {
        case (.operand(.variable(let v)), .operand(.constant(let c))): return (v, op, c)
        case (.operand(.constant(let c)), .operand(.variable(let v))):
            let mirrored: [ComparisonOperator: ComparisonOperator] = [.less: .greater, .lessOrEqual: .greaterOrEqual, .greater: .less, .greaterOrEqual: .lessOrEqual]
            return (v, mirrored[op] ?? op, c)
        default: return nil
        }
    }

    /// For each filter `?v = "text"` (either way round) of a group: every stored string the text
    /// equals as `=` compares strings — the same characters (in NFC or NFD), with no language or,
    /// when the text has none, with any. The filter still runs after the look-up.
    func stringEqualities(_ filters: [Pattern]) -> [Int: [TermID]] {
        var out: [Int: [TermID]] = [:]
        for f in filters {
            guard let (v, op, c) = Self.slotAgainstConstant(f), op == .equal,
                  case .literal(.string(let text, let language)) = terms[c] else { continue }
            let dictionary = terms.store.terms
            // Distinct by bytes: Swift's String equality would take NFC and NFD for one.
            var forms: [String] = []
            for form in [text, text.precomposedStringWithCanonicalMapping, text.decomposedStringWithCanonicalMapping]
            where !forms.contains(where: { Array($0.utf8) == Array(form.utf8) }) { forms.append(form) }
            let languages: [String?] = language.map { [nil, $0] } ?? [nil] + dictionary.languageTags.map { $0 }
            var ids: [TermID] = []
            for form in forms {
                for lang in languages {
                    if let id = dictionary.id(of: .literal(.string(form, language: lang))), !ids.contains(id) { ids.append(id) }
                }
            }
            out[v] = ids.sorted()
        }
        return out
    }

    /// For each numeric filter `?v < 100`, `1000 <= ?v` … of a group: the range it leaves `?v`.
    /// Only numbers pass such a filter, so reading the predicate's numbers in range finds exactly
    /// the rows the filter keeps; the filter still runs after the look-up.
    func numericRanges(_ filters: [Pattern]) -> [Int: NumericRange] {
        var out: [Int: NumericRange] = [:]
        for f in filters {
            guard let (v, op, c) = Self.slotAgainstConstant(f), [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op),
                  case .literal(let literal) = terms[c], let key = literal.numericKey else { continue }
            out[v, default: NumericRange()].add(op, key)
        }
        return out
    }

    /// Runs steps `index…` of `group` on `row`, passing each complete row to `emit`.
    /// - Returns: false once `emit` has asked to stop.
    func run(_ group: GroupPlan, from index: Int, _ row: Row, _ emit: (Row) throws -> Bool) throws -> Bool {
        guard index < group.steps.count else { return try emit(row) }
        func next(_ r: Row) throws -> Bool { try run(group, from: index + 1, r, emit) }
        switch group.steps[index] {
        case .extend(let p, let node):
            return try extend(row, by: p) { r in
                node.actual += 1
                return try next(r)
            }
        case .extendIn(let p, let v, let candidates, let node):
            for c in candidates {
                var bound = row
                bound[v] = c
                let going = try extend(bound, by: p) { r in
                    node.actual += 1
                    return try next(r)
                }
                if !going { return false }
            }
            return true
        case .extendRange(let p, let v, let range, let node):
            guard case .triple(_, .predicate(let pid), _) = p else { return true }
            let values = numericOrders.values(of: pid, source: source, terms: terms)
            if let ordered = orderedRead, ordered.slot == v {
                orderedRead = nil
                return try readInOrder(values, range.slice(of: values), ordered, row, p, node, next)
            }
            for value in values[range.slice(of: values)] {
                var bound = row
                bound[v] = value.object
                let going = try extend(bound, by: p) { r in
                    node.actual += 1
                    return try next(r)
                }
                if !going { return false }
            }
            return true
        case .filter(let f, let node):
            guard try test(f, row) else { return true }
            node.actual += 1
            return try next(row)
        case .group(let inner, let node):
            return try run(inner, from: 0, row) { r in
                node.actual += 1
                return try next(r)
            }
        case .union(let branches, let node):
            for b in branches {
                let going = try run(b, from: 0, row) { r in
                    node.actual += 1
                    return try next(r)
                }
                if !going { return false }
            }
            return true
        case .optional(let inner, let node):
            var matched = false
            let going = try run(inner, from: 0, row) { r in
                matched = true
                node.actual += 1
                return try next(r)
            }
            if !going { return false }
            if matched { return true }
            node.actual += 1
            return try next(row)
        case .dedupe(let key, let seen, let node):
            guard seen.keys.insert(row, slots: key) else { return true }
            node.actual += 1
            return try next(row)
        case .not(let inner, let node):
            var found = false
            _ = try run(inner, from: 0, row) { _ in
                found = true
                return false
            }
            try budget.tick()
            if found { return true }
            node.actual += 1
            return try next(row)
        }
    }
}
