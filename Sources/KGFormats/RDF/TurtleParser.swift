/// The Turtle parser behind `TurtleReader`: a pushdown automaton over tokens.
///
/// Nested `[ … ]` and `( … )` push frames on `stack` instead of recursing, so the depth of the
/// input never touches the call stack. Triples collect in `ready` until a statement ends.
struct TurtleParser {
    /// What the parser expects inside one predicate-object list.
    enum ListState {
        /// A predicate (after a subject or '[').
        case verb
        /// A predicate or the end of the statement (after a `[ … ]` subject).
        case verbOrEnd
        /// A predicate, another ';' or the end of the list (after ';').
        case verbAfterSemicolon
        /// An object (after a predicate or ',').
        case object
        /// ',', ';' or the end of the list.
        case afterObject
    }

    enum Frame {
        /// The start of a statement: a directive, a subject or the end of the input.
        case statement
        /// The predicate-object list of `subject`; ended by '.' at the top level, ']' when nested.
        case predicateObjects(subject: RDFTerm, predicate: RDFTerm?, state: ListState, nested: Bool)
        /// Inside `( … )`: the first cell and the last one so far.
        case collection(head: RDFTerm?, tail: RDFTerm?)
    }

    /// Triples a statement produced, to be delivered by the reader.
    var ready: [RDFTriple] = []
    private(set) var errors: [RDFPendingError] = []

    var s: RDFScanner
    var peeked: Token? = nil
    /// Tokens read so far, to check that every step makes progress.
    var tokensRead = 0
    /// A token is being read: an error now is in the middle of it.
    var inToken = false

    private var stack: [Frame] = [.statement]
    private var prefixes: [String: [UInt8]] = [:]
    /// Every `@prefix` / `PREFIX` read, in order, with its resolved namespace IRI.
    private(set) var declaredPrefixes: [(name: String, namespace: String)] = []
    private var resolver: RDFIRIResolver?
    private var blanks: RDFBlankNodes
    private let maxDepth: Int
    private let maxErrors: Int
    private var finished = false
    /// Deliver `ready` once this many triples are waiting, even inside a statement.
    private static let batch = 4096

    private static let rdfType = RDFTerm.iri(RDFVocabulary.rdfType)
    private static let rdfFirst = RDFTerm.iri(RDFVocabulary.rdfFirst)
    private static let rdfRest = RDFTerm.iri(RDFVocabulary.rdfRest)
    private static let rdfNil = RDFTerm.iri(RDFVocabulary.rdfNil)

    init(bytes: UnsafeBufferPointer<UInt8>, options: RDFReaderOptions) {
        s = RDFScanner(bytes: bytes)
        blanks = RDFBlankNodes(scope: options.blankNodeScope)
        maxDepth = max(1, options.maxNestingDepth)
        maxErrors = options.maxErrors
        if let base = options.baseIRI {
            resolver = RDFIRIResolver(base: base)
            if resolver == nil {
                errors.append(RDFPendingError(offset: 0, end: 0, message: "the base IRI <\(base)> given to the reader is not absolute"))
            }
        }
        ready.reserveCapacity(64)
        stack.reserveCapacity(16)
    }

    // MARK: Driving

    /// Parses until a statement with triples ends, a batch is full, or the input ends; returns
    /// false once there is nothing more to read. The triples are in `ready`.
    mutating func advance() -> Bool {
        while !finished {
            let before = (tokensRead, s.pos)
            do {
                if try step() && !ready.isEmpty { return true }
            } catch {
                report(error)
                recover(from: error)
            }
            assert(tokensRead > before.0 || s.pos > before.1 || finished, "the Turtle parser made no progress")
            if ready.count >= TurtleParser.batch { return true }
        }
        return false
    }

    private mutating func report(_ error: RDFScanner.Failure) {
        errors.append(RDFPendingError(offset: error.offset, end: error.end, message: error.message))
        if errors.count >= maxErrors { finished = true }
    }

    /// Drops the broken statement and skips to just after the '.' that ends it: the next '.'
    /// with nothing but white space or a comment after it on its line (or the '.' at fault, if it
    /// is such a one at the top level). Resuming only at a line's last '.' keeps one mistake from
    /// being reported again as errors in the tokens after it.
    private mutating func recover(from error: RDFScanner.Failure) {
        ready.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        stack.append(.statement)
        peeked = nil
        if finished || (error.endsStatement && dotEndsLine()) { return }
        // Inside a bad token (an unterminated string, a bad escape), look again just after where
        // it went wrong; after a complete token that was out of place, go on after it.
        s.pos = inToken ? error.offset + 1 : max(s.pos, error.offset)
        inToken = false
        while true {
            let before = s.pos
            do {
                let token = try nextToken()
                if token.kind == .dot && dotEndsLine() { return }
                if token.kind == .end { finished = true; return }
            } catch {
                s.pos = max(before, error.offset) + 1
            }
            assert(s.pos > before, "error recovery made no progress")
        }
    }

    /// Whether only spaces, tabs or a comment follow `s.pos` on its line.
    private func dotEndsLine() -> Bool {
        var i = s.pos
        while i < s.bytes.count {
            switch s.bytes[i] {
            case 0x20, 0x09: i += 1
            case 0x0A, 0x0D, UInt8(ascii: "#"): return true
            default: return false
            }
        }
        return true
    }

    // MARK: The automaton

    /// Reads one token and acts on it; returns true when a statement ended.
    private mutating func step() throws(RDFScanner.Failure) -> Bool {
        let token = try nextToken()
        let top = stack.count - 1
        switch stack[top] {
        case .statement:
            try statementStart(token)
            return false
        case .predicateObjects(let subject, let predicate, let state, let nested):
            return try predicateObjects(token, subject: subject, predicate: predicate, state: state, nested: nested)
        case .collection(let head, let tail):
            switch token.kind {
            case .closeParen:
                stack.removeLast()
                if let tail { ready.append(RDFTriple(tail, TurtleParser.rdfRest, TurtleParser.rdfNil)) }
                try deliver(head ?? TurtleParser.rdfNil, fromPropertyList: false)
            case .end:
                throw s.fail("unexpected end of input: ')' is missing", from: token.start)
            default:
                try object(token, what: "an object or ')' to end the collection")
            }
            return false
        }
    }

    private mutating func statementStart(_ token: Token) throws(RDFScanner.Failure) {
        switch token.kind {
        case .end:
            finished = true
        case .langTag:
            if sourceIs(token, "@prefix") { try prefixDirective(sparql: false) }
            else if sourceIs(token, "@base") { try baseDirective(sparql: false) }
            else { throw s.fail("unknown directive '\(text(token))': Turtle has @prefix and @base", from: token.start, to: token.end) }
        case .word where caseInsensitive(token, "PREFIX"):
            try prefixDirective(sparql: true)
        case .word where caseInsensitive(token, "BASE"):
            try baseDirective(sparql: true)
        case .iri, .prefixedName:
            try deliver(.iri(try iri(token)), fromPropertyList: false)
        case .blankNodeLabel:
            try deliver(blankNode(token), fromPropertyList: false)
        case .anon:
            try deliver(blanks.fresh(), fromPropertyList: false)
        case .openBracket:
            try push(.predicateObjects(subject: blanks.fresh(), predicate: nil, state: .verb, nested: true), at: token)
        case .openParen:
            try push(.collection(head: nil, tail: nil), at: token)
        case .string, .integer, .decimal, .double:
            throw s.fail("a literal cannot be a subject", from: token.start, to: token.end)
        case .word where sourceIs(token, "true") || sourceIs(token, "false"):
            throw s.fail("a literal cannot be a subject", from: token.start, to: token.end)
        case .word where sourceIs(token, "a"):
            throw s.fail("'a' (rdf:type) can only be a predicate", from: token.start, to: token.end)
        default:
            throw unexpected(token, expecting: "a subject, @prefix or @base")
        }
    }

    private mutating func predicateObjects(_ token: Token, subject: RDFTerm, predicate: RDFTerm?, state: ListState,
                                           nested: Bool) throws(RDFScanner.Failure) -> Bool {
        let closer: Token.Kind = nested ? .closeBracket : .dot
        let top = stack.count - 1
        switch state {
        case .verb, .verbOrEnd, .verbAfterSemicolon:
            if state != .verb && token.kind == closer { return try close(subject: subject, nested: nested) }
            if state == .verbAfterSemicolon && token.kind == .semicolon { return false }
            let verb: RDFTerm
            switch token.kind {
            case .iri, .prefixedName:
                verb = .iri(try iri(token))
            case .word where sourceIs(token, "a"):
                verb = TurtleParser.rdfType
            case .blankNodeLabel, .anon, .openBracket:
                throw s.fail("a blank node cannot be a predicate", from: token.start, to: token.end)
            case .string, .integer, .decimal, .double:
                throw s.fail("a literal cannot be a predicate", from: token.start, to: token.end)
            default:
                throw unexpected(token, expecting: state == .verb ? "a predicate" : "a predicate or '\(nested ? "]" : ".")'")
            }
            stack[top] = .predicateObjects(subject: subject, predicate: verb, state: .object, nested: nested)
            return false
        case .object:
            try object(token, what: "an object")
            return false
        case .afterObject:
            switch token.kind {
            case .comma:
                stack[top] = .predicateObjects(subject: subject, predicate: predicate, state: .object, nested: nested)
                return false
            case .semicolon:
                stack[top] = .predicateObjects(subject: subject, predicate: predicate, state: .verbAfterSemicolon, nested: nested)
                return false
            case closer:
                return try close(subject: subject, nested: nested)
            case .langTag, .datatypeMarker:
                throw s.fail("a literal has either a language tag or a datatype, not both", from: token.start, to: token.end)
            default:
                throw unexpected(token, expecting: nested ? "',', ';' or ']'" : "',', ';' or '.' to end the statement")
            }
        }
    }

    /// Ends a predicate-object list: the statement at '.', or a `[ … ]` at ']'.
    private mutating func close(subject: RDFTerm, nested: Bool) throws(RDFScanner.Failure) -> Bool {
        if !nested {
            stack[stack.count - 1] = .statement
            return true
        }
        stack.removeLast()
        try deliver(subject, fromPropertyList: true)
        return false
    }

    /// An object: a term, a literal, or the start of a nested `[ … ]` or `( … )`.
    private mutating func object(_ token: Token, what: String) throws(RDFScanner.Failure) {
        switch token.kind {
        case .iri, .prefixedName:
            try deliver(.iri(try iri(token)), fromPropertyList: false)
        case .blankNodeLabel:
            try deliver(blankNode(token), fromPropertyList: false)
        case .anon:
            try deliver(blanks.fresh(), fromPropertyList: false)
        case .openBracket:
            try push(.predicateObjects(subject: blanks.fresh(), predicate: nil, state: .verb, nested: true), at: token)
        case .openParen:
            try push(.collection(head: nil, tail: nil), at: token)
        case .string:
            try deliver(try literal(token), fromPropertyList: false)
        case .integer:
            try deliver(.literal(lexical: try s.string(token.value, token: token.start..<token.end),
                                 datatype: RDFVocabulary.xsdInteger, language: nil), fromPropertyList: false)
        case .decimal:
            try deliver(.literal(lexical: try s.string(token.value, token: token.start..<token.end),
                                 datatype: RDFVocabulary.xsdDecimal, language: nil), fromPropertyList: false)
        case .double:
            try deliver(.literal(lexical: try s.string(token.value, token: token.start..<token.end),
                                 datatype: RDFVocabulary.xsdDouble, language: nil), fromPropertyList: false)
        case .word where sourceIs(token, "true"):
            try deliver(.literal(lexical: "true", datatype: RDFVocabulary.xsdBoolean, language: nil), fromPropertyList: false)
        case .word where sourceIs(token, "false"):
            try deliver(.literal(lexical: "false", datatype: RDFVocabulary.xsdBoolean, language: nil), fromPropertyList: false)
        case .word where sourceIs(token, "a"):
            throw s.fail("'a' (rdf:type) can only be a predicate", from: token.start, to: token.end)
        case .end:
            throw s.fail("unexpected end of input: expected \(what)", from: token.start)
        default:
            throw unexpected(token, expecting: what)
        }
    }

    /// Hands a finished term to the frame that waits for it: a subject to the statement, an
    /// object to a predicate-object list (a triple), an item to a collection (two or three).
    private mutating func deliver(_ term: RDFTerm, fromPropertyList: Bool) throws(RDFScanner.Failure) {
        let top = stack.count - 1
        switch stack[top] {
        case .statement:
            stack[top] = .predicateObjects(subject: term, predicate: nil, state: fromPropertyList ? .verbOrEnd : .verb, nested: false)
        case .predicateObjects(let subject, let predicate, _, let nested):
            ready.append(RDFTriple(subject, predicate!, term))
            stack[top] = .predicateObjects(subject: subject, predicate: predicate, state: .afterObject, nested: nested)
        case .collection(let head, let tail):
            let cell = blanks.fresh()
            if let tail { ready.append(RDFTriple(tail, TurtleParser.rdfRest, cell)) }
            ready.append(RDFTriple(cell, TurtleParser.rdfFirst, term))
            stack[top] = .collection(head: head ?? cell, tail: cell)
        }
    }

    private mutating func push(_ frame: Frame, at token: Token) throws(RDFScanner.Failure) {
        guard stack.count <= maxDepth else {
            throw s.fail("nesting too deep: more than \(maxDepth) levels of [ ] and ( ) inside each other", from: token.start, to: token.end)
        }
        stack.append(frame)
    }

    // MARK: Directives

    /// `@prefix p: <iri> .` or `PREFIX p: <iri>`.
    private mutating func prefixDirective(sparql: Bool) throws(RDFScanner.Failure) {
        let name = try nextToken()
        guard name.kind == .prefixedName, name.end == name.prefixEnd + 1 else {
            throw unexpected(name, expecting: "a prefix name ending in ':' (such as ex:)")
        }
        let prefix = String(decoding: UnsafeBufferPointer(rebasing: s.bytes[name.start..<name.prefixEnd]), as: UTF8.self)
        let target = try nextToken()
        guard target.kind == .iri else { throw unexpected(target, expecting: "the namespace IRI <…> of '\(prefix):'") }
        let namespace = try iri(target)
        prefixes[prefix] = Array(namespace.utf8)
        declaredPrefixes.append((prefix, namespace))
        if !sparql { try directiveEnd("@prefix") }
    }

    /// `@base <iri> .` or `BASE <iri>`.
    private mutating func baseDirective(sparql: Bool) throws(RDFScanner.Failure) {
        let target = try nextToken()
        guard target.kind == .iri else { throw unexpected(target, expecting: "the base IRI <…>") }
        let base = try iri(target)
        resolver = RDFIRIResolver(base: base)
        if !sparql { try directiveEnd("@base") }
    }

    private mutating func directiveEnd(_ name: String) throws(RDFScanner.Failure) {
        let token = try nextToken()
        guard token.kind == .dot else { throw unexpected(token, expecting: "'.' to end \(name)") }
    }

    // MARK: Terms

    /// The absolute IRI of an IRIREF (resolved) or a prefixed name (expanded).
    private mutating func iri(_ token: Token) throws(RDFScanner.Failure) -> String {
        if token.kind == .prefixedName {
            let prefix = String(decoding: UnsafeBufferPointer(rebasing: s.bytes[token.start..<token.prefixEnd]), as: UTF8.self)
            guard let namespace = prefixes[prefix] else {
                throw s.fail("undefined prefix '\(prefix):': declare it first with @prefix \(prefix): <…> .",
                             from: token.start, to: token.prefixEnd + 1)
            }
            return s.withValue(token.value) { local in
                String(unsafeUninitializedCapacity: namespace.count + local.count) { buffer in
                    var i = 0
                    for b in namespace { buffer[i] = b; i += 1 }
                    for b in local { buffer[i] = b; i += 1 }
                    return i
                }
            }
        }
        let range = token.start..<token.end
        if s.withValue(token.value, RDFScanner.hasScheme) { return try s.string(token.value, token: range) }
        guard let resolver else {
            throw s.fail("relative IRI with no base IRI to resolve it against: add @base <…> or give the reader a base IRI",
                         from: token.start, to: token.end)
        }
        _ = try s.string(token.value, token: range)  // checks the UTF-8
        return s.withValue(token.value) { resolver.resolve($0) }
    }

    private func blankNode(_ token: Token) -> RDFTerm {
        guard case .source(let range) = token.value else { preconditionFailure("blank node labels are read in place") }
        return blanks.labelled(UnsafeBufferPointer(rebasing: s.bytes[range]))
    }

    /// A string token and what may follow it: `@lang` or `^^datatype`.
    private mutating func literal(_ token: Token) throws(RDFScanner.Failure) -> RDFTerm {
        let lexical = try s.string(token.value, token: token.start..<token.end)
        let next = try nextToken()
        switch next.kind {
        case .langTag:
            guard case .source(let range) = next.value else { preconditionFailure() }
            return .literal(lexical: lexical, datatype: RDFVocabulary.rdfLangString, language: s.lowercasedTag(range))
        case .datatypeMarker:
            let datatype = try nextToken()
            guard datatype.kind == .iri || datatype.kind == .prefixedName else {
                throw unexpected(datatype, expecting: "a datatype IRI after '^^'")
            }
            return .literal(lexical: lexical, datatype: try iri(datatype), language: nil)
        default:
            pushBack(next)
            return .literal(lexical: lexical, datatype: RDFVocabulary.xsdString, language: nil)
        }
    }

    // MARK: Helpers

    private func sourceIs(_ token: Token, _ word: StaticString) -> Bool {
        guard token.end - token.start == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount where s.bytes[token.start + k] != w[k] { return false }
        return true
    }

    private func caseInsensitive(_ token: Token, _ word: StaticString) -> Bool {
        guard token.end - token.start == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount where s.bytes[token.start + k] | 0x20 != w[k] | 0x20 { return false }
        return true
    }

    private func text(_ token: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: s.bytes[token.start..<min(token.end, token.start + 40)]), as: UTF8.self)
    }

    /// "expected X, found Y", at `token`.
    private func unexpected(_ token: Token, expecting what: String) -> RDFScanner.Failure {
        let found: String
        switch token.kind {
        case .end: found = "the end of the input"
        case .dot: found = "'.'"
        case .iri: found = "an IRI"
        case .prefixedName: found = "'\(text(token))'"
        case .string: found = "a string"
        case .integer, .decimal, .double: found = "the number \(text(token))"
        case .blankNodeLabel: found = "the blank node \(text(token))"
        case .anon: found = "[]"
        default: found = "'\(text(token))'"
        }
        var failure = s.fail("expected \(what), found \(found)", from: token.start, to: max(token.end, token.start + 1))
        failure.endsStatement = token.kind == .dot && stack.count == 1
        return failure
    }
}
