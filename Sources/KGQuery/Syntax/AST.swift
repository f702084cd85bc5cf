import KGModel

/// A span of a statement: 0-based scalar offsets, end exclusive.
public struct SourceSpan: Equatable, Sendable {
    public let start: Int
    public let end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(end, start + 1)
    }

    public static func covering(_ a: SourceSpan, _ b: SourceSpan) -> SourceSpan { SourceSpan(min(a.start, b.start), max(a.end, b.end)) }
}

/// The syntax of one statement, as written: names unresolved, every node spanned.
public indirect enum SyntaxStatement: Sendable {
    case query(SyntaxQuery)
    case show(SyntaxTerm)
    case why(SyntaxQuery)
    case path(from: SyntaxTerm, to: SyntaxTerm, maxLength: Int?)
    case rule(SyntaxRule)
    case explain(SyntaxQuery)
    case export(SyntaxSelection, format: SyntaxName, target: SyntaxName?)
}

/// What `export` takes: the whole graph, a neighbourhood, the facts along shortest connections,
/// or the facts a pattern matches.
public enum SyntaxSelection: Sendable {
    case all
    case around(SyntaxTerm, depth: Int)
    case path(from: SyntaxTerm, to: SyntaxTerm, maxLength: Int?)
    case pattern(SyntaxQuery)
}

/// A term in a pattern: a variable, a name (entity, or type after `type`/`is`), or a literal.
public enum SyntaxTerm: Sendable {
    case variable(String, SourceSpan)
    case name(String, quoted: Bool, SourceSpan)
    case literal(Literal, SourceSpan)

    public var span: SourceSpan {
        switch self {
        case .variable(_, let s), .name(_, _, let s), .literal(_, let s): s
        }
    }
}

/// A bare name with its span.
public struct SyntaxName: Sendable {
    public let text: String
    public let span: SourceSpan
}

/// A predicate path as written.
public indirect enum SyntaxPath: Sendable {
    case name(String, SourceSpan)
    case variable(String, SourceSpan)
    case inverse(SyntaxPath, SourceSpan)
    case sequence([SyntaxPath], SourceSpan)
    case alternative([SyntaxPath], SourceSpan)
    case oneOrMore(SyntaxPath, SourceSpan)
    case zeroOrMore(SyntaxPath, SourceSpan)

    public var span: SourceSpan {
        switch self {
        case .name(_, let s), .variable(_, let s), .inverse(_, let s), .sequence(_, let s), .alternative(_, let s),
             .oneOrMore(_, let s), .zeroOrMore(_, let s): s
        }
    }
}

/// An expression in a filter.
public indirect enum SyntaxExpression: Sendable {
    case term(SyntaxTerm)
    case call(String, [SyntaxExpression], SourceSpan)

    public var span: SourceSpan {
        switch self {
        case .term(let t): t.span
        case .call(_, _, let s): s
        }
    }
}

public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case contains = "contains", startsWith = "starts with", matches = "matches"
}

/// One element of a pattern list.
public indirect enum SyntaxElement: Sendable {
    case triple(SyntaxTerm, SyntaxPath, SyntaxTerm)
    case filter(SyntaxExpression, ComparisonOperator, SyntaxExpression, SourceSpan)
    case typeTest(SyntaxTerm, [SyntaxName], negated: Bool, SourceSpan)
    case not([SyntaxElement], SourceSpan)
    case optional([SyntaxElement], SourceSpan)
    case union([[SyntaxElement]], SourceSpan)
    case group([SyntaxElement], SourceSpan)
    case ruleCall(String, [SyntaxTerm], SourceSpan)
}

public enum AggregateFunction: String, Sendable, CaseIterable {
    case count, sum, min, max, avg
}

/// A column of `find`.
public enum SyntaxProjection: Sendable {
    case variable(String, SourceSpan)
    case aggregate(AggregateFunction, distinct: Bool, argument: String?, alias: String?, SourceSpan)
}

public struct SyntaxOrderKey: Sendable {
    public let name: String
    public let descending: Bool
    public let span: SourceSpan
}

/// `find … where …` or a bare pattern list (then `projection` is nil: every named variable).
public struct SyntaxQuery: Sendable {
    public var distinct = false
    public var projection: [SyntaxProjection]? = nil
    public var pattern: [SyntaxElement] = []
    public var groupBy: [(String, SourceSpan)] = []
    public var orderBy: [SyntaxOrderKey] = []
    public var limit: Int? = nil
    public var offset: Int? = nil
}

/// `rule name(?a, ?b) :- pattern`.
public struct SyntaxRule: Sendable {
    public let name: String
    public let nameSpan: SourceSpan
    public let parameters: [(String, SourceSpan)]
    public let body: [SyntaxElement]
}
