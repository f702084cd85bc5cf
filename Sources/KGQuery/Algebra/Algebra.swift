import KGModel

/// A pattern position after resolution: a variable slot or a constant term id.
public enum Operand: Hashable, Sendable {
    case variable(Int)
    case constant(TermID)

    public var isConstant: Bool {
        if case .constant = self { return true }
        return false
    }
}

/// A resolved predicate path.
public indirect enum PathExpression: Hashable, Sendable {
    case predicate(TermID)
    /// A variable predicate `?p` (only as a whole path).
    case variable(Int)
    case inverse(PathExpression)
    case sequence([PathExpression])
    case alternative([PathExpression])
    case oneOrMore(PathExpression)
    case zeroOrMore(PathExpression)
}

extension PathExpression {
    /// Whether the path matches a walk of no steps (`p*`, or a sequence of such).
    public var admitsEmptyWalk: Bool {
        switch self {
        case .predicate, .variable: false
        case .zeroOrMore: true
        case .inverse(let p), .oneOrMore(let p): p.admitsEmptyWalk
        case .sequence(let steps): steps.allSatisfy(\.admitsEmptyWalk)
        case .alternative(let alts): alts.contains(where: \.admitsEmptyWalk)
        }
    }
}

/// A resolved filter expression.
public indirect enum Expression: Hashable, Sendable {
    case operand(Operand)
    case lang(Expression)
    case str(Expression)
    case label(Expression)
}

/// What `is` tests: an entity type (subtypes included), a literal kind, or any literal / entity.
public enum TypeTarget: Hashable, Sendable {
    case type(TermID)
    case kind(LiteralKind)
    case anyLiteral
    case anyEntity
}

/// One element of a resolved pattern.
public indirect enum Pattern: Hashable, Sendable {
    case triple(Operand, PathExpression, Operand)
    case filter(Expression, ComparisonOperator, Expression)
    case typeTest(Operand, [TypeTarget], negated: Bool)
    case not([Pattern])
    case optional([Pattern])
    case union([[Pattern]])
    case group([Pattern])
    case ruleCall(String, [Operand])
}

/// A column of the result.
public enum Column: Hashable, Sendable {
    case variable(Int)
    case aggregate(AggregateFunction, distinct: Bool, argument: Int?)
}

/// A resolved query: variable slots, pattern, and solution modifiers.
public struct Query: Sendable {
    /// Names of the variable slots; hidden slots (`?_`, path steps) start with `_`.
    public var variables: [String]
    public var pattern: [Pattern]
    public var columns: [Column]
    /// The header of each column.
    public var columnNames: [String]
    /// Whether the query was a bare pattern (every named variable shown).
    public var bare: Bool
    public var distinct: Bool
    public var groupBy: [Int]
    /// Column index and direction.
    public var orderBy: [(column: Int, descending: Bool)]
    public var limit: Int?
    public var offset: Int?

    public var hasAggregates: Bool {
        columns.contains { if case .aggregate = $0 { true } else { false } }
    }
}

/// A resolved rule: `name(params) :- body`, with the body's variable slots.
public struct Rule: Sendable {
    public let name: String
    /// Where the rule's name stands in its statement, for errors about the rule as a whole.
    public let nameSpan: SourceSpan
    public let arity: Int
    /// Slots of the parameters within `variables`.
    public let parameters: [Int]
    public let variables: [String]
    public let body: [Pattern]
}

/// A statement ready to run.
public enum ResolvedStatement: Sendable {
    case query(Query)
    case show(TermID)
    case why(Query)
    case path(from: TermID, to: TermID, maxLength: Int)
    case rule(Rule)
    case explain(Query)
    case export(Selection, format: String, formatSpan: SourceSpan, target: String?, targetSpan: SourceSpan?)
}

/// A resolved export selection.
public enum Selection: Sendable {
    case all
    case around(TermID, depth: Int)
    case path(from: TermID, to: TermID, maxLength: Int)
    case pattern(Query)
}
