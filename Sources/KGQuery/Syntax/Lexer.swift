import KGModel

/// Turns statement text into tokens; errors carry the offending span.
struct Lexer {
    struct Failure: Error {
        let message: String
        let start: Int
        let end: Int
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 {
            let v = c.value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || c == "_" || c == "-" || c == "." || c == ":"
        }
        // Letters of any script (Hangul, Hanja, Latin with accents), marks and the middle dot 서비스·지원.
        let p = c.properties
        return p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .decimalNumber || c == "·" || c == "仁"
    }

    /// Where the `>` closing an IRI that starts with the `<` at `i` stands: a scheme (a letter,
    /// then letters, digits, `+`, `-` or `.`), a `:`, then characters other than spaces and
    /// `<>"{}|^`\` — as N-Triples' IRIREF. Nil when what follows is not one.
    static func iriEnd(_ s: [Unicode.Scalar], from i: Int) -> Int? {
        func isLetter(_ c: Unicode.Scalar) -> Bool { (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) }
        var j = i + 1
        guard j < s.count, isLetter(s[j]) else { return nil }
        while j < s.count, isLetter(s[j]) || (s[j].value >= 48 && s[j].value <= 57) || "+-.".unicodeScalars.contains(s[j]) { j += 1 }
        guard j < s.count, s[j] == ":" else { return nil }
        j += 1
        while j < s.count, s[j] != ">" {
            let c = s[j]
            if c.value <= 0x20 || "<\"{}|^`\\".unicodeScalars.contains(c) || c.properties.generalCategory == .spaceSeparator { return nil }
            j += 1
        }
        return j < s.count && j > i + 1 ? j : nil
    }

    static func tokenize(_ text: String) -> Result<[Token], Failure> {
        let s = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
        while i < s.count {
            let c = s[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            if c == "#" { break }
            let start = i
            // Strings.
            if c == "\"" || c == "'" {
                var value = String.UnicodeScalarView()
                i += 1
                var closed = false
                while i < s.count {
                    if s[i] == c { closed = true; i += 1; break }
                    if s[i] == "\\", i + 1 < s.count {
                        switch s[i + 1] {
                        case "n": value.append("\n")
                        case "t": value.append("\t")
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "'": value.append("'")
                        default:
                            // A regular expression's \d needs \\d: say so with the letter at hand.
                            let e = s[i + 1]
                            let visible = !e.properties.isWhitespace && e.properties.generalCategory != .control && e.properties.generalCategory != .format
                            let literal = visible ? " — for a backslash and then \(e), write \\\\\(e)" : ""
                            return .failure(Failure(message: "unknown escape '\\\(e)' in a string: use \\n \\t \\\\ \\\" or \\'\(literal)", start: i, end: i + 2))
                        }
                        i += 2
                        continue
                    }
                    value.append(s[i]); i += 1
                }
                guard closed else { return .failure(Failure(message: "unterminated string: add the closing \(c)", start: start, end: s.count)) }
                var language: String? = nil
                if i < s.count, s[i] == "@" {
                    var j = i + 1
                    while j < s.count, s[j].value < 0x80, (s[j].properties.isAlphabetic || isDigit(s[j]) || s[j] == "-") { j += 1 }
                    guard j > i + 1 else { return .failure(Failure(message: "expected a language tag after '@', as in \"text\"@ko", start: i, end: i + 1)) }
                    language = String(String.UnicodeScalarView(s[(i + 1)..<j])).lowercased()
                    i = j
                }
                tokens.append(Token(kind: .string(String(value), language: language), start: start, end: i))
                continue
            }
            // Variables.
            if c == "?" {
                var j = i + 1
                while j < s.count, isWordScalar(s[j]), s[j] != ".", s[j] != ":", s[j] != "-" { j += 1 }
                guard j > i + 1 else { return .failure(Failure(message: "expected a variable name after '?', as in ?org", start: i, end: i + 1)) }
                tokens.append(Token(kind: .variable(String(String.UnicodeScalarView(s[(i + 1)..<j]))), start: start, end: j))
                i = j
                continue
            }
            // Numbers, money, dates (and a negative number after an operator or at the start).
            let negative = c == "-" && i + 1 < s.count && isDigit(s[i + 1]) && (tokens.last.map { if case .symbol = $0.kind { return true } else { return false } } ?? true)
            if isDigit(c) || c == "₩" || negative {
                var j = i + 1
                while j < s.count, isWordScalar(s[j]) || s[j] == "," || s[j] == "+" && j > 0 && isDigit(s[j - 1]) && s[i..<j].contains("T") {
                    // A comma continues a number only when three digits follow (1,300,000); otherwise it separates patterns.
                    if s[j] == "," {
                        guard j + 4 <= s.count, s[(j + 1)..<(j + 4)].allSatisfy(isDigit),
                              j + 4 >= s.count || !isDigit(s[j + 4]) else { break }
                    }
                    j += 1
                }
                // `1억 2천만원`: a space after a 조/억/만 group continues the amount.
                if j < s.count - 1, s[j] == " ", let last = s[j - 1] as Unicode.Scalar?, "조억만".unicodeScalars.contains(last), isDigit(s[j + 1]) {
                    var k = j + 1
                    while k < s.count, isWordScalar(s[k]) { k += 1 }
                    if s[k - 1] == "원" { j = k }
                }
                var text = String(String.UnicodeScalarView(s[i..<j]))
                if text.hasSuffix("."), !text.dropLast().contains(".") { text.removeLast(); j -= 1 }
                switch LiteralSyntax.parse(Substring(text)) {
                case .success(let l): tokens.append(Token(kind: .literal(l), start: start, end: j))
                case .failure(let f): return .failure(Failure(message: f.message, start: start, end: j))
                }
                i = j
                continue
            }
            // `<scheme:…>`: an IRI written as in SPARQL and N-Triples names what it names, as a
            // word does (a predicate too, where a word is a predicate); `<` before anything else,
            // or not closed on the same run of non-space characters, is less-than.
            if c == "<", let end = Self.iriEnd(s, from: i) {
                tokens.append(Token(kind: .word(String(String.UnicodeScalarView(s[(i + 1)..<end]))), start: start, end: end + 1))
                i = end + 1
                continue
            }
            // Multi-character symbols.
            let two = i + 1 < s.count ? String(String.UnicodeScalarView([c, s[i + 1]])) : ""
            if ["!=", "<=", ">=", ":-"].contains(two) {
                tokens.append(Token(kind: .symbol(two), start: start, end: i + 2))
                i += 2
                continue
            }
            if ",;(){}^+*|/=<>".unicodeScalars.contains(c) {
                tokens.append(Token(kind: .symbol(String(c)), start: start, end: i + 1))
                i += 1
                continue
            }
            if isWordScalar(c) {
                var j = i + 1
                while j < s.count, isWordScalar(s[j]) { j += 1 }
                // A trailing '.' or ':' belongs to the sentence, not the word.
                while j > i + 1, s[j - 1] == "." || s[j - 1] == ":" { j -= 1 }
                if j < s.count, s[j] == ":", j + 1 < s.count, s[j + 1] == "-" { }
                tokens.append(Token(kind: .word(String(String.UnicodeScalarView(s[i..<j]))), start: start, end: j))
                i = j
                continue
            }
            // Control characters (a NUL byte, an escape) and spaces other than ' ' would not show
            // between quotes: name them by code point.
            let hex = String(c.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            let shown: String
            let hint: String
            switch c.properties.generalCategory {
            case .control, .format:
                shown = code
                hint = "remove this invisible character"
            case .spaceSeparator, .lineSeparator, .paragraphSeparator:
                shown = code
                hint = "replace it with a plain space"
            default:
                shown = "'\(c)'"
                hint = "“‘’”".unicodeScalars.contains(c)
                    ? "write quotes as plain \" or '"
                    : "put a name or text that contains it in quotes"
            }
            return .failure(Failure(message: "unexpected character \(shown): \(hint)", start: i, end: i + 1))
        }
        tokens.append(Token(kind: .end, start: s.count, end: s.count))
        return .success(tokens)
    }
}
