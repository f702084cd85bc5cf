import KGModel

/// A syntax or resolution error in a statement: the message, the span at fault and a hint.
public struct QueryError: Error, Equatable, Sendable {
    public let message: String
    public let span: SourceSpan

    public init(_ message: String, _ span: SourceSpan) {
        self.message = message
        self.span = span
    }
}

/// Recursive-descent parser from tokens to spanned syntax.
public struct Parser {
    private var tokens: [Token]
    private var position = 0
    private let text: [Unicode.Scalar]
    /// Nesting of braces and parentheses, capped so deep input is an error, not a stack overflow.
    private var depth = 0
    public static let maxDepth = 200
    /// Patterns (triples, filters, groups …) in the whole statement, capped so that planning and
    /// the evaluator's pipeline, which grow with them, stay bounded.
    private var patterns = 0
    public static let maxPatterns = 1_000

    static let patternEnd: Set<String> = ["group", "order", "limit", "offset", "where", "to", "max"]

    public static func parse(_ text: String) -> Result<SyntaxStatement, QueryError> {
        // `show` takes the rest of the statement as one name, apostrophes and all
        // (show Daegu Citizens' Roundtable), so it is read before the lexer sees it.
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" || scalars[i] == "\n" { i += 1 }
        if scalars.count >= i + 5, String(String.UnicodeScalarView(scalars[i..<(i + 4)])).lowercased() == "show",
           scalars[i + 4] == " " || scalars[i + 4] == "\t" {
            var start = i + 5
            while start < scalars.count, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
            var end = scalars.count
            while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" || scalars[end - 1] == "\n" { end -= 1 }
            if end > start, scalars[start] == "?" {
                return .failure(QueryError("'show' takes an entity name, not a variable", SourceSpan(start, end)))
            }
            if end > start {
                var name = String(String.UnicodeScalarView(scalars[start..<end]))
                let quoted = name.count >= 2 && (name.first == "\"" || name.first == "'") && name.last == name.first
                if quoted { name = String(name.dropFirst().dropLast()) }
                // `show <http://…>`: the IRI, without its brackets.
                if !quoted, scalars[start] == "<", Lexer.iriEnd(scalars, from: start) == end - 1 { name = String(name.dropFirst().dropLast()) }
                return .success(.show(.name(name, quoted: quoted, SourceSpan(start, end))))
            }
        }
        switch Lexer.tokenize(text) {
        case .failure(let f): return .failure(QueryError(f.message, SourceSpan(f.start, f.end)))
        case .success(let tokens):
            var p = Parser(tokens: tokens, text: Array(text.unicodeScalars))
            do {
                let statement = try p.statement()
                guard case .end = p.current.kind else {
                    throw QueryError("unexpected \(p.describe(p.current)) after the end of the statement\(p.afterEndHint)", SourceSpan(p.current.start, p.current.end))
                }
                return .success(statement)
            } catch let e as QueryError {
                return .failure(e)
            } catch {
                return .failure(QueryError("\(error)", SourceSpan(0, 1)))
            }
        }
    }

    private init(tokens: [Token], text: [Unicode.Scalar]) {
        self.tokens = tokens
        self.text = text
    }

    // MARK: Tokens

    private var current: Token { tokens[position] }
    private func peek(_ n: Int = 1) -> Token { tokens[min(position + n, tokens.count - 1)] }
    private mutating func advance() -> Token {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    private func span(_ t: Token) -> SourceSpan { SourceSpan(t.start, t.end) }

    private func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: "end of statement"
        case .word(let w): "'\(w)'"
        case .variable(let v): "'?\(v)'"
        case .string(let s, _): "\"\(s)\""
        case .literal(let l): "'\(l.kgText)'"
        case .symbol(let s): "'\(s)'"
        }
    }

    /// What to do about a token after a complete statement: a closing bracket closes nothing;
    /// anything else may start a statement of its own.
    var afterEndHint: String {
        if current.isSymbol("}") || current.isSymbol(")") { return ": nothing open to close" }
        return ": put ';' before another statement"
    }

    private mutating func expectSymbol(_ s: String, _ what: String) throws -> Token {
        guard current.isSymbol(s) else { throw QueryError("expected '\(s)' \(what), found \(describe(current))", span(current)) }
        return advance()
    }

    private mutating func expectKeyword(_ k: String, _ what: String) throws -> Token {
        guard current.isKeyword(k) else { throw QueryError("expected '\(k)' \(what), found \(describe(current))", span(current)) }
        return advance()
    }

    private mutating func enter(_ t: Token) throws {
        depth += 1
        if depth > Parser.maxDepth { throw QueryError("nesting deeper than \(Parser.maxDepth) levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule", span(t)) }
    }

    // MARK: Statements

    private mutating func statement() throws -> SyntaxStatement {
        let first = current
        if first.isKeyword("show") {
            _ = advance()
            return .show(try restAsName(after: first, what: "'show' needs an entity: an id, label or alias, as in 'show 인천시'"))
        }
        if first.isKeyword("why") {
            _ = advance()
            guard !isEnd(current) else { throw QueryError("'why' needs a pattern, as in 'why 대구광역시 won ?a'", span(first)) }
            return .why(try query())
        }
        if first.isKeyword("explain") {
            _ = advance()
            guard !isEnd(current) else { throw QueryError("'explain' needs a query, as in 'explain ?o won ?a'", span(first)) }
            return .explain(try query())
        }
        if first.isKeyword("path"), isTermStart(peek()) {
            _ = advance()
            let from = try term(role: "the start of the path")
            _ = try expectKeyword("to", "between the two ends of 'path A to B'")
            let to = try term(role: "the end of the path")
            var maxLength: Int? = nil
            if current.isKeyword("max") {
                _ = advance()
                maxLength = try integer("after 'max'")
            }
            return .path(from: from, to: to, maxLength: maxLength)
        }
        if first.isKeyword("export") {
            _ = advance()
            return try export(after: first)
        }
        if first.isKeyword("rule") {
            _ = advance()
            return .rule(try rule())
        }
        do {
            return .query(try query())
        } catch let e as QueryError {
            // `shwo 인천시` is more likely a misspelt statement than a broken pattern.
            if let w = first.word, w.unicodeScalars.allSatisfy({ $0.isASCII }), !Parser.statementKeywords.contains(w.lowercased()),
               let keyword = Spelling.suggestions(for: w, among: Parser.statementKeywords, limit: 1).first {
                throw QueryError("unknown statement '\(w)' — did you mean '\(keyword)'?", span(first))
            }
            throw e
        }
    }

    static let statementKeywords = ["find", "show", "why", "path", "rule", "explain"]

    /// Whether `t` can start a term (a variable, name or literal).
    private func isTermStart(_ t: Token) -> Bool {
        switch t.kind {
        case .variable, .word, .string, .literal: true
        case .symbol, .end: false
        }
    }

    private func isEnd(_ t: Token) -> Bool {
        if case .end = t.kind { return true }
        return false
    }

    /// The rest of the statement taken as one name (`show Incheon Metropolitan City`).
    private mutating func restAsName(after keyword: Token, what: String) throws -> SyntaxTerm {
        guard !isEnd(current) else { throw QueryError(what, span(keyword)) }
        if case .variable = current.kind { throw QueryError("'show' takes an entity name, not a variable", span(current)) }
        let start = current.start
        var end = current.end
        if case .string(let s, _) = current.kind, isEnd(peek()) {
            _ = advance()
            return .name(s, quoted: true, SourceSpan(start, end))
        }
        while !isEnd(current) { end = advance().end }
        let raw = String(String.UnicodeScalarView(text[start..<end]))
        return .name(raw, quoted: false, SourceSpan(start, end))
    }

    private mutating func integer(_ what: String) throws -> Int {
        guard case .literal(.integer(let v)) = current.kind, v >= 0, v <= Int64(Int32.max) else {
            throw QueryError("expected a whole number \(what), found \(describe(current))", span(current))
        }
        _ = advance()
        return Int(v)
    }

    // MARK: Queries

    private mutating func query() throws -> SyntaxQuery {
        var q = SyntaxQuery()
        if current.isKeyword("find") {
            let findToken = advance()
            if current.isKeyword("distinct") { _ = advance(); q.distinct = true }
            var items: [SyntaxProjection] = []
            repeat {
                if !items.isEmpty { _ = advance() }
                items.append(try projectionItem())
            } while current.isSymbol(",")
            q.projection = items
            guard current.isKeyword("where") else {
                throw QueryError("expected 'where' and a pattern after the columns of 'find', found \(describe(current))",
                                 isEnd(current) ? span(findToken) : span(current))
            }
            _ = advance()
        }
        q.pattern = try elements()
        if current.isKeyword("group") {
            _ = advance()
            _ = try expectKeyword("by", "after 'group'")
            repeat {
                if !q.groupBy.isEmpty { _ = advance() }
                guard case .variable(let v) = current.kind else { throw QueryError("expected a variable after 'group by', found \(describe(current))", span(current)) }
                q.groupBy.append((v, span(advance())))
            } while current.isSymbol(",")
        }
        if current.isKeyword("order") {
            _ = advance()
            _ = try expectKeyword("by", "after 'order'")
            repeat {
                if !q.orderBy.isEmpty { _ = advance() }
                let t = advance()
                let name: String
                switch t.kind {
                case .variable(let v): name = "?" + v
                case .word(let w): name = w
                default: throw QueryError("expected a variable or column name after 'order by', found \(describe(t))", span(t))
                }
                var descending = false
                if current.isKeyword("desc") { _ = advance(); descending = true } else if current.isKeyword("asc") { _ = advance() }
                q.orderBy.append(SyntaxOrderKey(name: name, descending: descending, span: span(t)))
            } while current.isSymbol(",")
        }
        if current.isKeyword("limit") { _ = advance(); q.limit = try integer("after 'limit'") }
        if current.isKeyword("offset") { _ = advance(); q.offset = try integer("after 'offset'") }
        return q
    }

    private mutating func projectionItem() throws -> SyntaxProjection {
        let t = current
        if case .variable(let v) = t.kind {
            _ = advance()
            return .variable(v, span(t))
        }
        if let w = t.word, let f = AggregateFunction(rawValue: w.lowercased()), peek().isSymbol("(") {
            _ = advance(); _ = advance()
            var distinct = false
            if current.isKeyword("distinct") { _ = advance(); distinct = true }
            var argument: String? = nil
            if current.isSymbol("*") {
                guard f == .count else { throw QueryError("only count takes *", span(current)) }
                _ = advance()
            } else if case .variable(let v) = current.kind {
                argument = v
                _ = advance()
            } else {
                throw QueryError("expected a variable or * inside \(f.rawValue)( ), found \(describe(current))", span(current))
            }
            let close = try expectSymbol(")", "to close \(f.rawValue)(")
            var alias: String? = nil
            if current.isKeyword("as") {
                _ = advance()
                guard let a = current.word ?? { if case .variable(let v) = current.kind { return v } else { return nil } }() else {
                    throw QueryError("expected a column name after 'as', found \(describe(current))", span(current))
                }
                alias = a
                _ = advance()
            }
            return .aggregate(f, distinct: distinct, argument: argument, alias: alias, SourceSpan(t.start, close.end))
        }
        throw QueryError("expected a variable or an aggregate such as count(?x) after 'find', found \(describe(t))", span(t))
    }

    // MARK: Patterns

    /// Pattern elements separated by commas, up to a keyword, '}' or the end.
    private mutating func elements() throws -> [SyntaxElement] {
        var out: [SyntaxElement] = []
        while true {
            if isEnd(current) || current.isSymbol("}") { break }
            if let w = current.word, Parser.patternEnd.contains(w.lowercased()), !out.isEmpty { break }
            let before = position
            patterns += 1
            if patterns > Parser.maxPatterns {
                throw QueryError("more than \(Parser.maxPatterns) patterns in one statement: split it, or name a part with a rule", span(current))
            }
            out.append(try element())
            precondition(position > before, "the pattern parser must make progress")
            if current.isSymbol(",") { _ = advance(); continue }
            if isEnd(current) || current.isSymbol("}") { break }
            if let w = current.word, Parser.patternEnd.contains(w.lowercased()) { break }
            throw QueryError("expected ',' between patterns, found \(describe(current))", span(current))
        }
        if out.isEmpty {
            throw QueryError("expected a pattern such as '?org won ?award', found \(describe(current))", span(current))
        }
        return out
    }

    private mutating func braced(_ what: String) throws -> ([SyntaxElement], SourceSpan) {
        let open = try expectSymbol("{", what)
        try enter(open)
        defer { depth -= 1 }
        let inner = try elements()
        let close = try expectSymbol("}", "to close the '{' at column \(open.start + 1)")
        return (inner, SourceSpan(open.start, close.end))
    }

    private mutating func element() throws -> SyntaxElement {
        let t = current
        if t.isKeyword("not"), peek().isSymbol("{") {
            _ = advance()
            let (inner, s) = try braced("after 'not'")
            return .not(inner, SourceSpan(t.start, s.end))
        }
        if t.isKeyword("optional"), peek().isSymbol("{") {
            _ = advance()
            let (inner, s) = try braced("after 'optional'")
            return .optional(inner, SourceSpan(t.start, s.end))
        }
        if t.isSymbol("{") {
            var branches: [[SyntaxElement]] = []
            let (first, s) = try braced("")
            branches.append(first)
            var end = s.end
            while current.isKeyword("or") {
                _ = advance()
                let (next, ns) = try braced("after 'or'")
                branches.append(next)
                end = ns.end
            }
            return branches.count == 1 ? .group(first, s) : .union(branches, SourceSpan(t.start, end))
        }
        if let w = t.word, peek().isSymbol("("), peek().start == t.end, !["lang", "str", "label"].contains(w.lowercased()) {
            // A rule call: name(?a, b, …)
            _ = advance(); _ = advance()
            var args: [SyntaxTerm] = []
            while !current.isSymbol(")") {
                if !args.isEmpty { _ = try expectSymbol(",", "between the arguments of \(w)(…)") }
                args.append(try term(role: "an argument of \(w)(…)"))
            }
            let close = advance()
            return .ruleCall(w, args, SourceSpan(t.start, close.end))
        }
        let left = try expression()
        if let op = comparison() {
            let right = try expression()
            return .filter(left, op, right, SourceSpan.covering(left.span, right.span))
        }
        if current.isKeyword("is") {
            guard case .term(let subject) = left else { throw QueryError("'is' tests a variable or name", span(current)) }
            _ = advance()
            var negated = false
            if current.isKeyword("not") { _ = advance(); negated = true }
            var names: [SyntaxName] = []
            var end = current.end
            repeat {
                if !names.isEmpty { _ = advance() }
                guard let n = current.word else { throw QueryError("expected a type name after 'is', such as Agency or Money", span(current)) }
                names.append(SyntaxName(text: n, span: span(current)))
                end = advance().end
            } while current.isSymbol("|")
            return .typeTest(subject, names, negated: negated, SourceSpan(subject.span.start, end))
        }
        guard case .term(let subject) = left else {
            throw QueryError("expected a comparison after \(left.span.start == t.start ? describe(t) : "the expression"), found \(describe(current))", span(current))
        }
        if isEnd(current) || current.isSymbol(",") || current.isSymbol("}") {
            throw QueryError("a pattern is SUBJECT PREDICATE OBJECT; expected a predicate after \(describe(t))", span(current))
        }
        let path = try self.path()
        if isEnd(current) || current.isSymbol(",") || current.isSymbol("}") {
            throw QueryError("a pattern is SUBJECT PREDICATE OBJECT; expected an object after the predicate", span(current))
        }
        let object = try term(role: "the object of the pattern")
        return .triple(subject, path, object)
    }

    private mutating func comparison() -> ComparisonOperator? {
        for op in ["=", "!=", "<", "<=", ">", ">="] where current.isSymbol(op) {
            _ = advance()
            return ComparisonOperator(rawValue: op)
        }
        if current.isKeyword("contains") { _ = advance(); return .contains }
        if current.isKeyword("matches") { _ = advance(); return .matches }
        if current.isKeyword("starts"), peek().isKeyword("with") { _ = advance(); _ = advance(); return .startsWith }
        return nil
    }

    private mutating func expression() throws -> SyntaxExpression {
        let t = current
        if let w = t.word, peek().isSymbol("("), ["lang", "str", "label"].contains(w.lowercased()) {
            _ = advance(); _ = advance()
            try enter(t)
            defer { depth -= 1 }
            var args: [SyntaxExpression] = []
            while !current.isSymbol(")") {
                if !args.isEmpty { _ = try expectSymbol(",", "between arguments") }
                if isEnd(current) { throw QueryError("expected ')' to close \(w)(", span(current)) }
                args.append(try expression())
            }
            let close = advance()
            return .call(w.lowercased(), args, SourceSpan(t.start, close.end))
        }
        return .term(try term(role: "a pattern"))
    }

    private mutating func term(role: String) throws -> SyntaxTerm {
        let t = current
        switch t.kind {
        case .variable(let v):
            _ = advance()
            return .variable(v, span(t))
        case .literal(let l):
            _ = advance()
            return .literal(l, span(t))
        case .string(let s, let language):
            _ = advance()
            if language != nil { return .literal(.string(s, language: language), span(t)) }
            return .name(s, quoted: true, span(t))
        case .word(let w):
            if w == "true" || w == "false" { _ = advance(); return .literal(.boolean(w == "true"), span(t)) }
            _ = advance()
            return .name(w, quoted: false, span(t))
        case .symbol, .end:
            throw QueryError("expected \(role): a ?variable, a name or a literal, found \(describe(t))", span(t))
        }
    }

    // MARK: Paths

    private mutating func path() throws -> SyntaxPath {
        var alternatives = [try sequence()]
        while current.isSymbol("|") {
            _ = advance()
            alternatives.append(try sequence())
        }
        if alternatives.count == 1 { return alternatives[0] }
        return .alternative(alternatives, SourceSpan.covering(alternatives[0].span, alternatives.last!.span))
    }

    private mutating func sequence() throws -> SyntaxPath {
        var steps = [try unary()]
        while current.isSymbol("/") {
            _ = advance()
            steps.append(try unary())
        }
        if steps.count == 1 { return steps[0] }
        return .sequence(steps, SourceSpan.covering(steps[0].span, steps.last!.span))
    }

    private mutating func unary() throws -> SyntaxPath {
        let t = current
        if t.isSymbol("^") {
            _ = advance()
            try enter(t)
            defer { depth -= 1 }
            let inner = try unary()
            return .inverse(inner, SourceSpan(t.start, inner.span.end))
        }
        var primary: SyntaxPath
        switch t.kind {
        case .word(let w):
            _ = advance()
            primary = .name(w, span(t))
        case .variable(let v):
            _ = advance()
            primary = .variable(v, span(t))
        case .symbol("("):
            _ = advance()
            try enter(t)
            let inner = try path()
            depth -= 1
            let close = try expectSymbol(")", "to close the '(' of the path")
            primary = wrap(inner, SourceSpan(t.start, close.end))
        default:
            throw QueryError("expected a predicate, found \(describe(t))", span(t))
        }
        if current.isSymbol("+") {
            let op = advance()
            primary = .oneOrMore(primary, SourceSpan(t.start, op.end))
        } else if current.isSymbol("*") {
            let op = advance()
            primary = .zeroOrMore(primary, SourceSpan(t.start, op.end))
        }
        return primary
    }

    private func wrap(_ p: SyntaxPath, _ s: SourceSpan) -> SyntaxPath {
        switch p {
        case .sequence(let a, _): .sequence(a, s)
        case .alternative(let a, _): .alternative(a, s)
        default: p
        }
    }

    // MARK: Export

    /// `export all|around X [depth N]|path A to B [max N]|{ pattern } as FORMAT [to FILE]`
    private mutating func export(after keyword: Token) throws -> SyntaxStatement {
        let selection: SyntaxSelection
        if current.isKeyword("all") {
            _ = advance()
            selection = .all
        } else if current.isKeyword("around") {
            _ = advance()
            let center = try term(role: "the entity to export around")
            var depth = 1
            if current.isKeyword("depth") { _ = advance(); depth = try integer("after 'depth'") }
            selection = .around(center, depth: depth)
        } else if current.isKeyword("path") {
            _ = advance()
            let from = try term(role: "the start of the path")
            _ = try expectKeyword("to", "between the two ends of 'path A to B'")
            let to = try term(role: "the end of the path")
            var maxLength: Int? = nil
            if current.isKeyword("max") { _ = advance(); maxLength = try integer("after 'max'") }
            selection = .path(from: from, to: to, maxLength: maxLength)
        } else if current.isSymbol("{") {
            let open = advance()
            try enter(open)
            var q = SyntaxQuery()
            q.pattern = try elements()
            depth -= 1
            _ = try expectSymbol("}", "to close the pattern of 'export { … }'")
            selection = .pattern(q)
        } else {
            throw QueryError("expected what to export: all, around ENTITY depth N, path A to B, or { pattern }, found \(describe(current))",
                             isEnd(current) ? span(keyword) : span(current))
        }
        _ = try expectKeyword("as", "and a format after the selection, as in 'export all as ttl'")
        guard let format = current.word else {
            throw QueryError("expected a format after 'as': kg, nt, ttl, dot, graphml, json, mermaid, csv, png or svg", span(current))
        }
        let formatName = SyntaxName(text: format, span: span(advance()))
        guard current.isKeyword("to") else {
            if !isEnd(current) { throw QueryError("expected 'to FILE' or the end of the statement, found \(describe(current))", span(current)) }
            return .export(selection, format: formatName, target: nil)
        }
        let toToken = advance()
        // The file name is the rest of the statement as written (paths hold '/' and '.').
        guard !isEnd(current) else { throw QueryError("expected a file name after 'to'", span(toToken)) }
        let start = current.start
        var end = start
        while !isEnd(current) { end = advance().end }
        var name = String(String.UnicodeScalarView(text[start..<end]))
        if name.count >= 2, name.first == "\"" || name.first == "'", name.last == name.first { name = String(name.dropFirst().dropLast()) }
        return .export(selection, format: formatName, target: SyntaxName(text: name, span: SourceSpan(start, end)))
    }

    // MARK: Rules

    private mutating func rule() throws -> SyntaxRule {
        let nameToken = current
        guard let name = nameToken.word else { throw QueryError("expected the rule's name, as in 'rule colleague(?a, ?b) :- …'", span(nameToken)) }
        _ = advance()
        _ = try expectSymbol("(", "after the rule's name")
        var parameters: [(String, SourceSpan)] = []
        while !current.isSymbol(")") {
            if !parameters.isEmpty { _ = try expectSymbol(",", "between the rule's parameters") }
            guard case .variable(let v) = current.kind else {
                throw QueryError("expected a ?variable as a parameter of \(name)(…), found \(describe(current))", span(current))
            }
            parameters.append((v, span(advance())))
        }
        _ = advance()
        guard !parameters.isEmpty else { throw QueryError("a rule needs at least one parameter", span(nameToken)) }
        _ = try expectSymbol(":-", "between the rule's head and body")
        let body = try elements()
        return SyntaxRule(name: name, nameSpan: span(nameToken), parameters: parameters, body: body)
    }
}
