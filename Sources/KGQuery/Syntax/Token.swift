/// A lexical token of the query language with its span in the statement (0-based scalar offsets).
public struct Token: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// `?name`; `?_` is the anonymous variable.
        case variable(String)
        /// A bare word: keyword, entity name, predicate or type name (Hangul allowed).
        case word(String)
        /// `"text"` or `'text'`, with an optional `@lang`.
        case string(String, language: String?)
        /// A number, money amount, date, date-time or year, parsed.
        case literal(KGModelLiteral)
        /// Punctuation and operators: , ; ( ) { } ^ + * | / = != < <= > >= :-
        case symbol(String)
        case end
    }

    public let kind: Kind
    public let start: Int
    public let end: Int

    public var length: Int { max(1, end - start) }

    /// The word, when this token is a bare word.
    public var word: String? {
        if case .word(let w) = kind { return w }
        return nil
    }

    public func isSymbol(_ s: String) -> Bool { kind == .symbol(s) }

    /// Whether this is the keyword `k` (ASCII keywords match case-insensitively).
    public func isKeyword(_ k: String) -> Bool {
        if case .word(let w) = kind { return w.lowercased() == k }
        return false
    }
}

import KGModel
public typealias KGModelLiteral = Literal
