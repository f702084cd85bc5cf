import KGModel

/// Filters and type tests: comparisons across the numeric kinds and dates, text tests, lang().
extension Evaluator {
    /// The value of an expression for a row, as a term id (computed strings are interned locally).
    func evaluate(_ e: Expression, _ row: Row) -> TermID? {
        switch e {
        case .operand(let o):
            return value(o, row)
        case .lang(let x):
            guard let id = evaluate(x, row), case .literal(.string(_, let lang)) = terms[id] else { return nil }
            return terms.intern(.literal(.string(lang ?? "", language: nil)))
        case .str(let x):
            guard let id = evaluate(x, row) else { return nil }
            return terms.intern(.literal(.string(text(id), language: nil)))
        case .label(let x):
            guard let id = evaluate(x, row) else { return nil }
            return terms.intern(.literal(.string(terms.store.displayName(id, language: language), language: nil)))
        }
    }

    /// Text of a value: a string's text, an entity's id, a literal as written.
    func text(_ id: TermID) -> String {
        switch terms[id] {
        case .entity(let name): name
        case .literal(.string(let s, _)): s
        case .literal(let l): l.description
        }
    }

    /// Text a text test reads: strings as they are, entities by their label.
    func readable(_ id: TermID) -> String {
        switch terms[id] {
        case .entity: terms.store.displayName(id, language: language)
        case .literal(.string(let s, _)): s
        case .literal(let l): l.description
        }
    }

    func test(_ p: Pattern, _ row: Row) throws -> Bool {
        switch p {
        case .filter(let l, let op, let r):
            guard let a = evaluate(l, row), let b = evaluate(r, row) else { return false }
            return try compare(a, op, b)
        case .typeTest(let o, let targets, let negated):
            guard let id = value(o, row) else { return false }
            let hit = targets.contains { target in
                switch (target, terms[id]) {
                case (.anyEntity, .entity): return true
                case (.anyLiteral, .literal): return true
                case (.kind(let k), .literal(let l)): return l.kind == k
                case (.type(let t), .entity):
                    guard let actual = source.typeOf(id) else { return false }
                    return source.isSubtype(actual, of: t)
                default: return false
                }
            }
            return hit != negated
        default:
            return true
        }
    }

    func compare(_ a: TermID, _ op: ComparisonOperator, _ b: TermID) throws -> Bool {
        let ta = terms[a], tb = terms[b]
        switch op {
        case .contains: return readable(a).contains(readable(b))
        case .startsWith: return readable(a).hasPrefix(readable(b))
        case .matches:
            let pattern = readable(b)
            if regexCache[pattern] == nil {
                // A pattern that comes from the data (?text matches ?pattern) is checked here.
                if let problem = RegexGuard.problem(pattern) { throw EvaluationError.badPattern("unsafe regular expression '\(pattern)': \(problem)") }
                do { regexCache[pattern] = try Regex(pattern) } catch { throw EvaluationError.badPattern("bad regular expression '\(pattern)': \(error)") }
            }
            return readable(a).contains(regexCache[pattern]!)
        default: break
        }
        guard let ordering = order(ta, tb) else {
            // Values of kinds that do not compare: only '!=' holds.
            return op == .notEqual
        }
        switch op {
        case .equal: return ordering == 0
        case .notEqual: return ordering != 0
        case .less: return ordering < 0
        case .lessOrEqual: return ordering <= 0
        case .greater: return ordering > 0
        case .greaterOrEqual: return ordering >= 0
        default: return false
        }
    }

    /// -1, 0 or 1 for values that compare (numbers, dates, strings, booleans, the same entity), nil otherwise.
    func order(_ a: Term, _ b: Term) -> Int? {
        switch (a, b) {
        case (.entity(let x), .entity(let y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        case (.literal(let x), .literal(let y)):
            if let kx = x.numericKey, let ky = y.numericKey { return kx == ky ? 0 : (kx < ky ? -1 : 1) }
            if let kx = x.temporalKey, let ky = y.temporalKey { return kx == ky ? 0 : (kx < ky ? -1 : 1) }
            if case .string(let sx, let lx) = x, case .string(let sy, let ly) = y {
                if sx != sy { return sx.unicodeScalars.lexicographicallyPrecedes(sy.unicodeScalars) ? -1 : 1 }
                if lx == nil || ly == nil || lx == ly { return 0 }
                return nil
            }
            if case .boolean(let bx) = x, case .boolean(let by) = y { return bx == by ? 0 : (bx ? 1 : -1) }
            return nil
        default:
            return nil
        }
    }
}
