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

    /// Tokens of `line` up to a comment; a lexical error stops at the first one. Works on the
    /// line's UTF-8 bytes; columns and lengths count Unicode scalars.
    static func tokens(of line: String) -> Result<[Token], Failure> {
        var line = line
        return line.withUTF8 { tokens(in: Bytes(b: $0)) }
    }

    /// A line's UTF-8 bytes with scalar counting.
    struct Bytes {
        let b: UnsafeBufferPointer<UInt8>
        var count: Int { b.count }
        subscript(_ i: Int) -> UInt8 { b[i] }
        /// Scalars that start in `range`.
        func scalars(_ range: Range<Int>) -> Int {
            var n = 0
            for i in range where b[i] & 0xC0 != 0x80 { n += 1 }
            return n
        }
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self) }
        /// The scalar starting at byte `i` and the byte after it.
        func scalar(at i: Int) -> (Unicode.Scalar, Int) {
            var end = i + 1
            while end < b.count, b[end] & 0xC0 == 0x80 { end += 1 }
            return (text(i..<end).unicodeScalars.first ?? "\u{FFFD}", end)
        }
    }

    static func tokens(in s: Bytes) -> Result<[Token], Failure> {
        var tokens: [Token] = []
        var i = 0          // byte index
        var column = 1     // scalar column of byte i
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        while i < s.count {
            if isSpace(s[i]) { i += 1; column += 1; continue }
            if s[i] == UInt8(ascii: "#") { break }
            let start = i, startColumn = column
            if s[i] == UInt8(ascii: "\"") {
                switch readString(s, from: i, column: column) {
                case .failure(let f): return .failure(f)
                case .success(let (value, end)):
                    column += s.scalars(i..<end)
                    i = end
                    var language: String? = nil
                    if i < s.count, s[i] == UInt8(ascii: "@") {
                        var j = i + 1
                        while j < s.count, !isSpace(s[j]) { j += 1 }
                        let tag = s.text((i + 1)..<j)
                        guard isLanguageTag(tag) else {
                            return .failure(Failure(message: "bad language tag '@\(tag)': expected letters like @ko or @en-GB",
                                                    column: column, length: s.scalars(i..<j)))
                        }
                        language = tag.lowercased()
                        column += s.scalars(i..<j)
                        i = j
                    }
                    if i < s.count, !isSpace(s[i]) {
                        return .failure(Failure(message: "expected white space after the string", column: column, length: 1))
                    }
                    tokens.append(Token(kind: .string(value, language: language), column: startColumn, length: column - startColumn))
                }
                continue
            }
            while i < s.count, !isSpace(s[i]) {
                if s[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            tokens.append(Token(kind: .word(s.text(start..<i)), column: startColumn, length: column - startColumn))
        }
        return .success(mergeSpacedMoney(tokens))
    }

    /// `1억 2천만원` is one money literal written with a space after a 조/억/만 group.
    static func mergeSpacedMoney(_ tokens: [Token]) -> [Token] {
        // Most lines have no word ending in 원 after the first: nothing to merge.
        guard tokens.dropFirst().contains(where: { $0.word.map(endsInWon) == true }) else { return tokens }
        var out: [Token] = []
        for t in tokens {
            if let last = out.last, let a = last.word, let b = t.word,
               let lastScalar = a.unicodeScalars.last, "조억만".unicodeScalars.contains(lastScalar),
               a.unicodeScalars.first.map(LiteralSyntax.isDigit) == true,
               endsInWon(b), b.unicodeScalars.first.map(LiteralSyntax.isDigit) == true,
               t.column == last.column + last.length + 1 {
                out[out.count - 1] = Token(kind: .word(a + " " + b), column: last.column, length: last.length + 1 + t.length)
            } else {
                out.append(t)
            }
        }
        return out
    }

    /// Whether `w` ends in 원 (UTF-8 EC 9B 90), without comparing Characters.
    static func endsInWon(_ w: String) -> Bool {
        let u = w.utf8
        guard u.count >= 3 else { return false }
        var i = u.index(u.endIndex, offsetBy: -3)
        for b: UInt8 in [0xEC, 0x9B, 0x90] {
            guard u[i] == b else { return false }
            i = u.index(after: i)
        }
        return true
    }

    /// The string whose opening quote is byte `start` (at scalar `column`), and the byte after
    /// its closing quote.
    static func readString(_ s: Bytes, from start: Int, column: Int) -> Result<(String, Int), Failure> {
        var value: [UInt8] = []
        var i = start + 1
        var plain = i   // bytes from here to i are copied as they are
        func failure(_ message: String, at byte: Int, length: Int) -> Failure {
            Failure(message: message, column: column + s.scalars(start..<byte), length: length)
        }
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "\"") {
                if value.isEmpty { return .success((s.text(plain..<i), i + 1)) }
                value.append(contentsOf: UnsafeBufferPointer(rebasing: s.b[plain..<i]))
                return .success((String(decoding: value, as: UTF8.self), i + 1))
            }
            guard c == UInt8(ascii: "\\") else { i += 1; continue }
            value.append(contentsOf: UnsafeBufferPointer(rebasing: s.b[plain..<i]))
            guard i + 1 < s.count else { break }
            let (e, _) = s.scalar(at: i + 1)
            switch e {
            case "\"", "\\": value.append(UInt8(e.value)); i += 2
            case "n": value.append(0x0A); i += 2
            case "t": value.append(0x09); i += 2
            case "r": value.append(0x0D); i += 2
            case "u", "U":
                let n = e == "u" ? 4 : 8
                let digits = i + 2 + n <= s.count && (i + 2..<i + 2 + n).allSatisfy { isHexDigit(s[$0]) }
                guard digits, let v = UInt32(s.text((i + 2)..<(i + 2 + n)), radix: 16), let scalar = Unicode.Scalar(v) else {
                    return .failure(failure("bad escape: \\\(e) takes \(n) hex digits of a Unicode scalar",
                                            at: i, length: min(2 + n, s.scalars(i..<s.count))))
                }
                value.append(contentsOf: String(scalar).utf8); i += 2 + n
            default:
                return .failure(failure("unknown escape '\\\(e)': use \\\" \\\\ \\n \\t \\r \\uXXXX", at: i, length: 2))
            }
            plain = i
        }
        return .failure(Failure(message: "unterminated string: add the closing \"", column: column, length: s.scalars(start..<s.count)))
    }

    static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= 97 && b | 0x20 <= 102) }

    /// `ko`, `en-GB`, `zh-Hant-TW`: ASCII letters (1–8), then `-` parts of letters and digits
    /// (1–8 each).
    static func isLanguageTag(_ tag: String) -> Bool {
        var part = 0, length = 0
        for b in tag.utf8 {
            if b == UInt8(ascii: "-") {
                guard length > 0 else { return false }
                part += 1; length = 0
                continue
            }
            length += 1
            guard length <= 8, isLetter(b) || (part > 0 && isDigit(b)) else { return false }
        }
        return length > 0
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
        guard let f = w.utf8.first, isLetter(f) else { return false }
        var w = w
        return w.withUTF8 { $0.allSatisfy { isLetter($0) || isDigit($0) || $0 == 45 || $0 == 95 } }
    }
}
