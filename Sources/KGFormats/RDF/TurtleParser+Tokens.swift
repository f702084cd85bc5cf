/// The Turtle tokenizer: white space and comments are skipped, each call reads one terminal.
extension TurtleParser {
    struct Token {
        enum Kind: Equatable {
            case iri                 // value: the IRI as written, escapes decoded, not resolved
            case prefixedName        // prefix: bytes[start..<prefixEnd]; value: the local name, decoded
            case blankNodeLabel      // value: the label
            case string              // value: the lexical form, escapes decoded
            case langTag             // value: the tag as written (also `@prefix`, `@base`)
            case datatypeMarker      // ^^
            case integer, decimal, double  // value: the lexical form
            case word                // a bare name: `a`, `true`, `false`, `PREFIX`, `BASE`, or a mistake
            case dot, semicolon, comma
            case openBracket, closeBracket, anon
            case openParen, closeParen
            case end
        }

        var kind: Kind
        var start: Int
        var end: Int
        var value: RDFScanner.Value = .source(0..<0)
        var prefixEnd = 0
    }

    /// The next token; the value of the previous one (if in `scratch`) is overwritten.
    mutating func nextToken() throws(RDFScanner.Failure) -> Token {
        if let token = peeked {
            peeked = nil
            tokensRead += 1
            return token
        }
        inToken = true
        let token = try lex()
        inToken = false
        return token
    }

    private mutating func lex() throws(RDFScanner.Failure) -> Token {
        try skipTrivia()
        tokensRead += 1
        let start = s.pos
        guard let b = s.peek() else { return Token(kind: .end, start: start, end: start) }
        func single(_ kind: Token.Kind) -> Token {
            s.pos += 1
            return Token(kind: kind, start: start, end: start + 1)
        }
        switch b {
        case UInt8(ascii: "<"):
            let value = try s.scanIRIRef()
            return Token(kind: .iri, start: start, end: s.pos, value: value)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let value = try s.scanString(allowLong: true, allowSingleQuote: true)
            return Token(kind: .string, start: start, end: s.pos, value: value)
        case UInt8(ascii: "_"):
            guard s.peek(1) == UInt8(ascii: ":") else {
                throw s.fail("unexpected '_': a blank node label is written _:name", from: start)
            }
            let range = try s.scanBlankNodeLabel()
            return Token(kind: .blankNodeLabel, start: start, end: s.pos, value: .source(range))
        case UInt8(ascii: ":"):
            return try prefixedName(start: start, prefixEnd: start)
        case UInt8(ascii: "@"):
            let range = try s.scanLangTag()
            return Token(kind: .langTag, start: start, end: s.pos, value: .source(range))
        case UInt8(ascii: "^"):
            guard s.peek(1) == UInt8(ascii: "^") else {
                throw s.fail("unexpected '^': a datatype is written \"…\"^^<iri>", from: start)
            }
            s.pos += 2
            return Token(kind: .datatypeMarker, start: start, end: s.pos)
        case UInt8(ascii: "."):
            if let d = s.peek(1), RDFScanner.isASCIIDigit(d) { return try number() }
            return single(.dot)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), 0x30...0x39:
            return try number()
        case UInt8(ascii: ";"): return single(.semicolon)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "("): return single(.openParen)
        case UInt8(ascii: ")"): return single(.closeParen)
        case UInt8(ascii: "]"): return single(.closeBracket)
        case UInt8(ascii: "["):
            s.pos += 1
            let after = s.pos
            try skipTrivia()
            if s.peek() == UInt8(ascii: "]") {
                s.pos += 1
                return Token(kind: .anon, start: start, end: s.pos)
            }
            s.pos = after
            return Token(kind: .openBracket, start: start, end: after)
        default:
            guard let (v, length) = s.decodeScalar(at: start) else { throw s.invalidUTF8(in: start..<(start + 1)) }
            guard RDFScanner.isPNCharsBase(v) else {
                throw s.fail("unexpected \(s.describe(at: start))", from: start, to: start + length)
            }
            return try name(start: start)
        }
    }

    /// Pushes `token` back; the next `nextToken()` returns it.
    mutating func pushBack(_ token: Token) {
        precondition(peeked == nil, "only one token of lookahead")
        peeked = token
        tokensRead -= 1
    }

    /// Skips white space and `#` comments.
    mutating func skipTrivia() throws(RDFScanner.Failure) {
        let n = s.bytes.count
        while s.pos < n {
            let b = s.bytes[s.pos]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                s.pos += 1
            } else if b == UInt8(ascii: "#") {
                while s.pos < n {
                    let c = s.bytes[s.pos]
                    if c == 0x0A || c == 0x0D { break }
                    if c < 0x80 { s.pos += 1; continue }
                    guard let (_, length) = s.decodeScalar(at: s.pos) else { throw s.invalidUTF8(in: s.pos..<(s.pos + 1)) }
                    s.pos += length
                }
            } else {
                return
            }
        }
    }

    /// A word or a prefixed name starting with a `PN_CHARS_BASE` at `start`.
    private mutating func name(start: Int) throws(RDFScanner.Failure) -> Token {
        let n = s.bytes.count
        var lastGood = start
        while s.pos < n {
            if s.bytes[s.pos] == UInt8(ascii: ".") { s.pos += 1; continue }
            guard let (v, length) = s.decodeScalar(at: s.pos), RDFScanner.isPNChars(v) else { break }
            s.pos += length
            lastGood = s.pos
        }
        if s.peek() == UInt8(ascii: ":") {
            guard lastGood == s.pos else {
                throw s.fail("bad prefix: a prefix cannot end with '.'", from: start, to: s.pos + 1)
            }
            return try prefixedName(start: start, prefixEnd: s.pos)
        }
        s.pos = lastGood
        return Token(kind: .word, start: start, end: lastGood, value: .source(start..<lastGood))
    }

    /// The local part of a prefixed name; `s.pos` is at the ':' that ends the prefix. Its value
    /// is read in place unless it has `\` escapes (percent escapes stay as written).
    private mutating func prefixedName(start: Int, prefixEnd: Int) throws(RDFScanner.Failure) -> Token {
        s.pos = prefixEnd + 1
        let n = s.bytes.count
        let localStart = s.pos
        var runStart = s.pos
        var usedScratch = false
        var lastGoodPos = s.pos
        var first = true
        while s.pos < n {
            let b = s.bytes[s.pos]
            if b == UInt8(ascii: "\\") {
                guard let e = s.peek(1), TurtleParser.isLocalEscape(e) else {
                    let what = s.peek(1) == UInt8(ascii: "u") || s.peek(1) == UInt8(ascii: "U")
                        ? "\\u escapes are not allowed in prefixed names: write the character or use <…>"
                        : "bad escape in a prefixed name: only \\ before one of _~.-!$&'()*+,;=/?#@% is allowed"
                    throw s.fail(what, from: s.pos, to: min(n, s.pos + 2))
                }
                if !usedScratch { s.scratch.removeAll(keepingCapacity: true); usedScratch = true }
                s.scratch.append(contentsOf: UnsafeBufferPointer(rebasing: s.bytes[runStart..<s.pos]))
                s.scratch.append(e)
                s.pos += 2
                runStart = s.pos
            } else if b == UInt8(ascii: "%") {
                guard let h1 = s.peek(1), let h2 = s.peek(2), RDFScanner.hexValue(h1) != nil, RDFScanner.hexValue(h2) != nil else {
                    throw s.fail("bad percent escape in a prefixed name: '%' must be followed by two hex digits",
                                 from: s.pos, to: min(n, s.pos + 3))
                }
                s.pos += 3
            } else if b == UInt8(ascii: ":") {
                s.pos += 1
            } else if b == UInt8(ascii: ".") && !first {
                s.pos += 1
                continue  // a name cannot end with '.'
            } else if b < 0x80 {
                let ok = first ? (RDFScanner.isPNCharsU(UInt32(b)) || RDFScanner.isASCIIDigit(b)) : RDFScanner.isPNChars(UInt32(b))
                guard ok else { break }
                s.pos += 1
            } else {
                guard let (v, length) = s.decodeScalar(at: s.pos) else { break }
                guard first ? RDFScanner.isPNCharsU(v) : RDFScanner.isPNChars(v) else { break }
                s.pos += length
            }
            first = false
            lastGoodPos = s.pos
        }
        s.pos = lastGoodPos
        guard usedScratch else {
            return Token(kind: .prefixedName, start: start, end: s.pos, value: .source(localStart..<lastGoodPos), prefixEnd: prefixEnd)
        }
        s.scratch.append(contentsOf: UnsafeBufferPointer(rebasing: s.bytes[runStart..<lastGoodPos]))
        return Token(kind: .prefixedName, start: start, end: s.pos, value: .scratch, prefixEnd: prefixEnd)
    }

    static func isLocalEscape(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "!"), UInt8(ascii: "$"),
             UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"),
             UInt8(ascii: "@"), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }

    /// INTEGER, DECIMAL or DOUBLE at `s.pos`.
    private mutating func number() throws(RDFScanner.Failure) -> Token {
        let start = s.pos
        if let b = s.peek(), b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { s.pos += 1 }
        let intStart = s.pos
        skipDigits()
        let intDigits = s.pos - intStart
        var kind = Token.Kind.integer
        var sawDigits = intDigits > 0
        if s.peek() == UInt8(ascii: "."), let d = s.peek(1), RDFScanner.isASCIIDigit(d) {
            s.pos += 1
            skipDigits()
            kind = .decimal
            sawDigits = true
        } else if s.peek() == UInt8(ascii: "."), intDigits > 0, exponentLength(at: s.pos + 1) > 0 {
            s.pos += 1
        }
        guard sawDigits else {
            throw s.fail("bad number: expected digits after \(s.describe(at: start))", from: start, to: s.pos + 1)
        }
        let e = exponentLength(at: s.pos)
        if e > 0 {
            s.pos += e
            kind = .double
        }
        return Token(kind: kind, start: start, end: s.pos, value: .source(start..<s.pos))
    }

    private mutating func skipDigits() {
        while let b = s.peek(), RDFScanner.isASCIIDigit(b) { s.pos += 1 }
    }

    /// The length of an EXPONENT (`[eE] [+-]? [0-9]+`) at `i`, or 0.
    private func exponentLength(at i: Int) -> Int {
        let bytes = s.bytes
        guard i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") else { return 0 }
        var j = i + 1
        if j < bytes.count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
        let digits = j
        while j < bytes.count, RDFScanner.isASCIIDigit(bytes[j]) { j += 1 }
        return j > digits ? j - i : 0
    }
}
