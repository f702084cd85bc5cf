import KGModel

/// Reads `.kg` text into statements, reporting every syntax error of the file.
public enum KGParser {
    static let reserved: Set<String> = ["type", "predicate", "says", "inverse", "true", "false"]

    /// Parses a whole file. Lines are NFC-normalised first; invalid UTF-8 is reported per line.
    public static func parse(path: String, bytes: [UInt8]) -> KGDocument {
        var lines: [String] = []
        var diagnostics: [Diagnostic] = []
        var statements: [KGStatement] = []
        var source: SourceState = .none
        var quote: String? = nil

        // A UTF-8 byte order mark (Windows editors write one) is not part of the first line.
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        var lineStart = bom ? 3 : 0
        var lineNumber = 0
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if lineStart == bytes.count && lineEnd == bytes.count && lineNumber > 0 { break }
            lineNumber += 1
            var raw = bytes[lineStart..<lineEnd]
            if raw.last == 0x0D { raw = raw.dropLast() }
            lineStart = lineEnd + 1

            guard let decoded = String(validating: raw, as: UTF8.self) else {
                let (column, byte, shown) = firstInvalidUTF8(raw)
                lines.append(shown)
                diagnostics.append(Diagnostic(file: path, line: lineNumber, column: column,
                                              message: "invalid UTF-8: byte 0x\(String(byte, radix: 16, uppercase: true)) is not part of a valid sequence",
                                              sourceLine: shown))
                continue
            }
            let text = TextKey.nfc(decoded)
            lines.append(text)
            var context = LineContext(path: path, line: lineNumber, text: text)
            parseLine(&context, source: &source, quote: &quote, into: &statements)
            diagnostics += context.diagnostics
        }
        return KGDocument(path: path, lines: lines, statements: statements, diagnostics: diagnostics)
    }

    struct LineContext {
        let path: String
        let line: Int
        let text: String
        var diagnostics: [Diagnostic] = []

        mutating func error(_ message: String, column: Int, length: Int) {
            diagnostics.append(Diagnostic(file: path, line: line, column: column, length: length, message: message, sourceLine: text))
        }

        mutating func error(_ message: String, at t: KGLexer.Token) { error(message, column: t.column, length: t.length) }

        func spanned(_ t: KGLexer.Token, _ value: String) -> Spanned<String> {
            Spanned(value: value, line: line, column: t.column, length: t.length)
        }
    }

    /// The `@source` in force: none yet, an entity, or `@nosource`.
    enum SourceState {
        case none
        case entity(Spanned<String>)
        case unsourced
    }

    static func parseLine(_ cx: inout LineContext, source: inout SourceState, quote: inout String?,
                          into statements: inout [KGStatement]) {
        let tokens: [KGLexer.Token]
        switch KGLexer.tokens(of: cx.text) {
        case .failure(let f):
            cx.error(f.message, column: f.column, length: f.length)
            return
        case .success(let t): tokens = t
        }
        guard let first = tokens.first else { return }
        let indented = first.column > 1
        if !indented { quote = nil }

        switch first.word {
        case "type":
            parseTypeDecl(&cx, tokens, into: &statements)
        case "predicate":
            parsePredicateDecl(&cx, tokens, into: &statements)
        case "@source":
            guard tokens.count == 2, let word = tokens[1].word, let id = KGLexer.reference(word) else {
                let at = tokens.count > 1 ? tokens[1] : first
                cx.error("@source takes one article id, as in '@source art-pressian-incheon'", at: at)
                return
            }
            source = .entity(cx.spanned(tokens[1], id))
        case "@nosource":
            guard tokens.count == 1 else { cx.error("@nosource takes nothing after it", at: tokens[1]); return }
            source = .unsourced
        case "says":
            if indented { cx.error("'says' starts a quote block and must stand in column 1", at: first); return }
            guard tokens.count >= 2, case .string(let sentence, _) = tokens[1].kind,
                  tokens.count == 2 || (tokens.count == 3 && tokens[2].word == ":") else {
                cx.error("'says' takes one quoted sentence, as in: says \"…\"", at: tokens.count > 1 ? tokens[1] : first)
                return
            }
            quote = sentence
        case let word? where word.hasPrefix("@"):
            cx.error("unknown directive '\(word)': the directives are @source and @nosource", at: first)
        default:
            if let fact = parseFact(&cx, tokens, source: source, quote: indented ? quote : nil) {
                statements.append(.fact(fact))
            }
        }
    }

    /// A word that names an entity, type or predicate: an id that is not reserved (`type` is
    /// allowed where `allowType`), an IRI `<…>` or a blank node `_:label`.
    static func nameOf(_ t: KGLexer.Token, allowType: Bool = false) -> String? {
        guard let w = t.word, let name = KGLexer.reference(w) else { return nil }
        if KGLexer.isIdentifier(w), reserved.contains(w), !(allowType && w == "type") { return nil }
        return name
    }

    static func parseFact(_ cx: inout LineContext, _ tokens: [KGLexer.Token], source state: SourceState, quote: String?) -> KGFact? {
        guard tokens.count == 3 else {
            if tokens.count > 3 {
                cx.error("a fact is SUBJECT PREDICATE OBJECT; this line has \(tokens.count - 3) more (quote text with spaces in \"…\")", at: tokens[3])
            } else {
                cx.error("a fact is SUBJECT PREDICATE OBJECT; this line stops after \(tokens.count == 1 ? "the subject" : "the predicate")",
                         column: tokens.last!.column + tokens.last!.length, length: 1)
            }
            return nil
        }
        guard let s = nameOf(tokens[0], allowType: true) else {
            cx.error("expected an entity id (ASCII letter, then letters, digits, - or _)", at: tokens[0])
            return nil
        }
        guard let p = tokens[1].word.flatMap(KGLexer.reference) else {
            cx.error("expected a predicate name", at: tokens[1])
            return nil
        }
        let o = tokens[2]
        let object: KGObject
        switch o.kind {
        case .string(let text, let language):
            object = .literal(.string(text, language: language))
        case .word(let w):
            if LiteralSyntax.looksLikeLiteral(Substring(w)) {
                switch LiteralSyntax.parse(Substring(w)) {
                case .success(let l): object = .literal(l)
                case .failure(let f): cx.error(f.message, at: o); return nil
                }
            } else if let entity = nameOf(o) {
                object = .entity(entity)
            } else {
                cx.error("expected an entity id or a literal (\"text\", 17, 13억원, 2022-02-10, true)", at: o)
                return nil
            }
        }
        let source: Spanned<String>? = if case .entity(let s) = state { s } else { nil }
        return KGFact(subject: cx.spanned(tokens[0], s), predicate: cx.spanned(tokens[1], p),
                      object: Spanned(value: object, line: cx.line, column: o.column, length: o.length),
                      source: source, unsourced: { if case .unsourced = state { true } else { false } }(), quote: quote)
    }

    /// `type NAME [< SUPER] LABEL…`
    static func parseTypeDecl(_ cx: inout LineContext, _ tokens: [KGLexer.Token], into statements: inout [KGStatement]) {
        guard tokens.count >= 2, let name = nameOf(tokens[1]) else {
            cx.error("expected a type name after 'type'", at: tokens.count > 1 ? tokens[1] : tokens[0])
            return
        }
        var i = 2
        var parent: Spanned<String>? = nil
        if i < tokens.count, tokens[i].word == "<" {
            guard i + 1 < tokens.count, let p = tokens[i + 1].word.flatMap(KGLexer.reference) else {
                cx.error("expected a supertype name after '<'", at: tokens[min(i + 1, tokens.count - 1)])
                return
            }
            parent = cx.spanned(tokens[i + 1], p)
            i += 2
        }
        guard let labels = parseLabels(&cx, tokens[i...]) else { return }
        statements.append(.typeDecl(name: cx.spanned(tokens[1], name), parent: parent, labels: labels))
    }

    /// `predicate NAME : DOMAIN -> RANGE [inverse INV] LABEL…`
    static func parsePredicateDecl(_ cx: inout LineContext, _ tokens: [KGLexer.Token], into statements: inout [KGStatement]) {
        let shape = "expected 'predicate NAME : DOMAIN -> RANGE [inverse NAME] \"label\"@ko …'"
        guard tokens.count >= 2, let word = tokens[1].word, let name = KGLexer.reference(word) else {
            cx.error(shape, at: tokens.count > 1 ? tokens[1] : tokens[0])
            return
        }
        guard !reserved.contains(word) else { cx.error("'\(name)' is a reserved word", at: tokens[1]); return }
        guard tokens.count >= 3, tokens[2].word == ":" else {
            cx.error(shape + "; missing ':'", at: tokens.count > 2 ? tokens[2] : tokens[1])
            return
        }
        guard tokens.count >= 6, tokens[4].word == "->" else {
            cx.error(shape + "; missing '->'", at: tokens.count > 4 ? tokens[4] : tokens[tokens.count - 1])
            return
        }
        guard let domain = splitUnion(&cx, tokens[3]), let range = splitUnion(&cx, tokens[5]) else { return }
        var i = 6
        var inverse: Spanned<String>? = nil
        if i < tokens.count, tokens[i].word == "inverse" {
            guard i + 1 < tokens.count, let inv = tokens[i + 1].word, KGLexer.isIdentifier(inv), !reserved.contains(inv) else {
                cx.error("expected the inverse's name after 'inverse'", at: tokens[min(i + 1, tokens.count - 1)])
                return
            }
            inverse = cx.spanned(tokens[i + 1], inv)
            i += 2
        }
        guard let labels = parseLabels(&cx, tokens[i...]) else { return }
        statements.append(.predicateDecl(name: cx.spanned(tokens[1], name), domain: domain, range: range, inverse: inverse, labels: labels))
    }

    static func splitUnion(_ cx: inout LineContext, _ t: KGLexer.Token) -> [Spanned<String>]? {
        guard let w = t.word else { cx.error("expected a type name or A|B", at: t); return nil }
        var out: [Spanned<String>] = []
        var column = t.column
        for part in w.split(separator: "|", omittingEmptySubsequences: false) {
            let written = String(part)
            guard let name = KGLexer.reference(written) else {
                cx.error("expected a type name or A|B", column: column, length: max(1, written.unicodeScalars.count))
                return nil
            }
            out.append(Spanned(value: name, line: cx.line, column: column, length: written.unicodeScalars.count))
            column += written.unicodeScalars.count + 1
        }
        return out
    }

    static func parseLabels(_ cx: inout LineContext, _ tokens: ArraySlice<KGLexer.Token>) -> [Label]? {
        var labels: [Label] = []
        for t in tokens {
            guard case .string(let text, let language) = t.kind else {
                cx.error("expected a label such as \"기관\"@ko", at: t)
                return nil
            }
            labels.append(Label(text, language: language))
        }
        return labels
    }

    /// The scalar column of the first bad byte, the byte, and the line decoded with U+FFFD.
    static func firstInvalidUTF8(_ raw: ArraySlice<UInt8>) -> (Int, UInt8, String) {
        var i = raw.startIndex
        var scalars = 0
        while i < raw.endIndex {
            let lead = raw[i]
            let n = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            guard n > 0, i + n <= raw.endIndex, String(validating: raw[i..<(i + n)], as: UTF8.self) != nil else {
                return (scalars + 1, lead, String(decoding: raw, as: UTF8.self))
            }
            i += n
            scalars += 1
        }
        return (scalars + 1, 0, String(decoding: raw, as: UTF8.self))
    }
}
