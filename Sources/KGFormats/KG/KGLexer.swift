import KGModel

/// Splits one `.kg` line into words and strings, tracking scalar columns.
struct KGLexer {
    enum Kind: Equatable {
        case word(String)
        case string(String, language: String?)
    }

    struct Token {
        let kind: Kind
        let column: Int
        let length: Int

        var word: String? {
            if case .word(let w) = kind { return w }
            return nil
        }
    }

    struct Failure: Error {
        let message: String
        let column: Int
        let length: Int
    }

    /// Tokens of `line` up to a comment; a lexical error stops at the first one.
    static func tokens(of line: String) -> Result<[Token], Failure> {
        let s = Array(line.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
        while i < s.count {
            if isSpace(s[i]) { i += 1; continue }
            if s[i] == "#" { break }
            let start = i
            if s[i] == "\"" {
                switch readString(s, from: i) {
                case .failure(let f): return .failure(f)
                case .success(let (value, end)):
                    i = end
                    var language: String? = nil
                    if i < s.count, s[i] == "@" {
                        var j = i + 1
                        while j < s.count, !isSpace(s[j]) { j += 1 }
                        let tag = String(String.UnicodeScalarView(s[(i + 1)..<j]))
                        guard isLanguageTag(tag) else {
                            return .failure(Failure(message: "bad language tag '@\(tag)': expected letters like @ko or @en-GB",
                                                    column: i + 1, length: j - i))
                        }
                        language = tag.lowercased()
                        i = j
                    }
                    if i < s.count, !isSpace(s[i]) {
                        return .failure(Failure(message: "expected white space after the string", column: i + 1, length: 1))
                    }
                    tokens.append(Token(kind: .string(value, language: language), column: start + 1, length: i - start))
                }
                continue
            }
            while i < s.count, !isSpace(s[i]) { i += 1 }
            tokens.append(Token(kind: .word(String(String.UnicodeScalarView(s[start..<i]))), column: start + 1, length: i - start))
        }
        return .success(mergeSpacedMoney(tokens))
    }

    /// `1억 2천만원` is one money literal written with a space after a 조/억/만 group.
    static func mergeSpacedMoney(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        for t in tokens {
            if let last = out.last, let a = last.word, let b = t.word,
               let lastScalar = a.unicodeScalars.last, "조억만".unicodeScalars.contains(lastScalar),
               a.unicodeScalars.first.map(LiteralSyntax.isDigit) == true,
               b.hasSuffix("원"), b.unicodeScalars.first.map(LiteralSyntax.isDigit) == true,
               t.column == last.column + last.length + 1 {
                out[out.count - 1] = Token(kind: .word(a + " " + b), column: last.column, length: last.length + 1 + t.length)
            } else {
                out.append(t)
            }
        }
        return out
    }

    static func readString(_ s: [Unicode.Scalar], from start: Int) -> Result<(String, Int), Failure> {
        var value = String.UnicodeScalarView()
        var i = start + 1
        while i < s.count {
            let c = s[i]
            if c == "\"" { return .success((String(value), i + 1)) }
            if c == "\\" {
                guard i + 1 < s.count else { break }
                let e = s[i + 1]
                switch e {
                case "\"": value.append("\""); i += 2
                case "\\": value.append("\\"); i += 2
                case "n": value.append("\n"); i += 2
                case "t": value.append("\t"); i += 2
                case "r": value.append("\r"); i += 2
                case "u", "U":
                    let n = e == "u" ? 4 : 8
                    let hex = i + 2 + n <= s.count ? String(String.UnicodeScalarView(s[(i + 2)..<(i + 2 + n)])) : ""
                    guard hex.count == n, let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else {
                        return .failure(Failure(message: "bad escape: \\\(e) takes \(n) hex digits of a Unicode scalar",
                                                column: i + 1, length: min(2 + n, s.count - i)))
                    }
                    value.append(scalar); i += 2 + n
                default:
                    return .failure(Failure(message: "unknown escape '\\\(e)': use \\\" \\\\ \\n \\t \\r \\uXXXX",
                                            column: i + 1, length: 2))
                }
                continue
            }
            value.append(c)
            i += 1
        }
        return .failure(Failure(message: "unterminated string: add the closing \"", column: start + 1, length: s.count - start))
    }

    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// The name a `.kg` reference stands for: an id as written; an absolute IRI written `<…>`,
    /// without its brackets; a blank node `_:label` as written. Nil for any other word.
    static func reference(_ w: String) -> String? {
        if isIdentifier(w) { return w }
        if w.hasPrefix("_:") { return isBlankNode(w) ? w : nil }
        guard w.utf8.count > 2, w.utf8.first == UInt8(ascii: "<"), w.utf8.last == UInt8(ascii: ">") else { return nil }
        let iri = String(w.dropFirst().dropLast())
        return isAbsoluteIRI(iri) ? iri : nil
    }

    /// An IRI `.kg` can write between `<` and `>`: a scheme (a letter, then letters, digits, `+`,
    /// `-` or `.`), a colon, and no space, control character or `<>"{}|^` backquote or backslash.
    static func isAbsoluteIRI(_ iri: String) -> Bool {
        let u = Array(iri.utf8)
        guard let colon = u.firstIndex(of: UInt8(ascii: ":")), colon > 0, isLetter(u[0]) else { return false }
        guard u[1..<colon].allSatisfy({ isLetter($0) || isDigit($0) || $0 == 43 || $0 == 45 || $0 == 46 }) else { return false }
        return !u.contains { $0 <= 0x20 || $0 == 0x7F || "<>\"{}|^`\\".utf8.contains($0) }
    }

    /// A blank node as RDF imports name it: `_:` and a label of letters, digits, `_`, `-` and
    /// `.` (not last).
    static func isBlankNode(_ w: String) -> Bool {
        let label = w.unicodeScalars.dropFirst(2)
        guard let last = label.last, last != "." else { return false }
        return label.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType == .decimal || "_-.·".unicodeScalars.contains($0) }
    }

    /// How `.kg` writes `name`: an id or blank node as it is, an IRI between `<` and `>`; nil for
    /// a name `.kg` cannot write.
    static func written(_ name: String) -> String? {
        if isIdentifier(name) || (name.hasPrefix("_:") && isBlankNode(name)) { return name }
        return isAbsoluteIRI(name) ? "<" + name + ">" : nil
    }

    static func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// An id or name: an ASCII letter, then letters, digits, `-` or `_`.
    static func isIdentifier(_ w: String) -> Bool {
        guard let f = w.utf8.first, (f >= 65 && f <= 90) || (f >= 97 && f <= 122) else { return false }
        return w.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 }
    }
}
