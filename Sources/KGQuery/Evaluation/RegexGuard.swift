/// Refuses regular expressions that can take time exponential in the text — `(a+)+`, `(.*)*`,
/// `(\w+\s?)*`, `(a|a)*`, `(a|aa)*` — on a backtracking matcher (Swift's `Regex` is one):
/// `^(.*)*x$` against a 40-character label runs for hours, and no row-by-row time limit or Ctrl-C
/// reaches inside one match.
///
/// The test is exact for the regular part of the language: a backtracking matcher takes
/// exponential time on some text exactly when the pattern's automaton is exponentially ambiguous —
/// when some state can return to itself along two different paths reading the same text, so that
/// n rounds give 2ⁿ ways to try. The pattern is read into its position automaton (one state per
/// character or class, `RegexSyntax`), keeping apart moves that two quantifiers both allow (the
/// inner and outer `+` of `(a+)+`); then the pairs of states that can read the same text are walked
/// (`RegexAmbiguity`). Patterns that are only polynomially ambiguous — `.*.*x`, `(a|ab)*c` — take
/// time polynomial in the text and are allowed.
///
/// What it assumes: a counted repetition `{n,m}` is treated as unbounded (`(a|a){30}` is 2³⁰ tries
/// too); lookarounds are checked on their own; a backreference is any character; `\p{…}` classes
/// it does not know are any character. Each of these can only make it refuse more.
enum RegexGuard {
    static let nested = "a repetition inside a repetition, such as (a+)* or (.*)+, can take exponential time: rewrite it with one repetition"
    static let overlapping = "a repetition that can match the same text in more than one way, such as (a|a)* or (a|aa)*, can take exponential time: make its alternatives differ from their first character"
    static let tooComplex = "too complex to check that it cannot take exponential time: simplify it"

    /// Why `pattern` is refused, or nil.
    static func problem(_ pattern: String) -> String? {
        var syntax = RegexSyntax(pattern)
        let tree = syntax.parse()
        if syntax.tooDeep { return tooComplex }
        return RegexAmbiguity.problem(tree)
    }
}

/// A set of Unicode scalars, exact for ASCII and for the characters a pattern names, and by
/// category for the classes (`\w`, `\d`, `\s`, `.`) beyond ASCII.
struct RegexCharSet: Sendable {
    /// ASCII scalars 0–63 and 64–127.
    var low: UInt64 = 0, high: UInt64 = 0
    /// Every non-ASCII scalar of these categories.
    var categories: UInt8 = 0
    /// Non-ASCII scalars named one by one or by a range, and the categories they fall in.
    var ranges: [ClosedRange<UInt32>] = []
    var rangeCategories: UInt8 = 0

    static let digit: UInt8 = 1, word: UInt8 = 2, space: UInt8 = 4, other: UInt8 = 8, allCategories: UInt8 = 15

    static var any: RegexCharSet { RegexCharSet(low: .max, high: .max, categories: allCategories) }

    /// The category of a non-ASCII scalar, as the classes see it.
    static func category(_ s: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(s) else { return other }
        let p = scalar.properties
        if p.numericType == .decimal { return digit }
        if p.isWhitespace { return space }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation: return word
        default: return p.isAlphabetic ? word : other
        }
    }

    mutating func insert(_ s: UInt32) {
        if s < 64 { low |= 1 << s } else if s < 128 { high |= 1 << (s - 64) } else {
            ranges.append(s...s)
            rangeCategories |= RegexCharSet.category(s)
        }
    }

    /// - Parameter categoriesOf: how to find the categories of the range's non-ASCII part
    ///   (`RegexSyntax` remembers them: `[가-힣]` written 5,000 times is looked at once).
    mutating func insert(_ r: ClosedRange<UInt32>, categoriesOf: (ClosedRange<UInt32>) -> UInt8 = RegexCharSet.categories(of:)) {
        if r.lowerBound < 128 { for s in r.lowerBound...min(r.upperBound, 127) { insert(s) } }
        guard r.upperBound >= 128 else { return }
        let beyond = max(128, r.lowerBound)...r.upperBound
        ranges.append(beyond)
        rangeCategories |= categoriesOf(beyond)
    }

    mutating func formUnion(_ other: RegexCharSet) {
        low |= other.low; high |= other.high; categories |= other.categories
        ranges += other.ranges; rangeCategories |= other.rangeCategories
    }

    /// The complement; beyond ASCII it keeps whole categories (never smaller than the truth).
    var inverted: RegexCharSet {
        RegexCharSet(low: ~low, high: ~high, categories: RegexCharSet.allCategories & ~categories)
    }

    /// Adds the other case of each ASCII letter.
    mutating func addCases() {
        let upper: UInt64 = 0x07FF_FFFE, lower: UInt64 = 0x07FF_FFFE << 32
        high |= (high & upper) << 32 | (high & lower) >> 32
    }

    /// The categories of the scalars in a range (all of them for a very large one).
    /// - Complexity: O(the range's size) up to 196,608 scalars.
    static func categories(of r: ClosedRange<UInt32>) -> UInt8 {
        guard r.count <= 0x30000 else { return allCategories }
        var found: UInt8 = 0
        for s in r { found |= category(s); if found == allCategories { break } }
        return found
    }

    /// Whether some scalar is in both sets.
    func overlaps(_ other: RegexCharSet) -> Bool {
        if low & other.low != 0 || high & other.high != 0 || categories & other.categories != 0 { return true }
        if other.categories & rangeCategories != 0 || categories & other.rangeCategories != 0 { return true }
        for a in ranges {
            for b in other.ranges where a.overlaps(b) { return true }
        }
        return false
    }
}

/// A regular expression as the ambiguity test needs it: characters, sequence, choice, repetition.
indirect enum RegexNode {
    case empty
    case set(RegexCharSet)
    case sequence([RegexNode])
    case choice([RegexNode])
    /// `max` nil: unbounded.
    case repetition(RegexNode, min: Int, max: Int?)
    /// A lookahead or lookbehind: matches nothing itself; its pattern runs on its own.
    case lookaround(RegexNode)
}

/// Reads Swift `Regex` syntax (PCRE-like) into a `RegexNode`, leniently: what it does not know
/// becomes "any character", and it never fails (the pattern was compiled before it is checked).
struct RegexSyntax {
    private let s: [Unicode.Scalar]
    private var i = 0
    private var caseless = false
    private var extended = false
    /// Groups nested deeper than `maxDepth` make the pattern too complex to check (and reading it
    /// stops there: nothing here recurses deeper).
    private var depth = 0
    private(set) var tooDeep = false
    /// The categories of the ranges met so far.
    private var rangeCategories: [ClosedRange<UInt32>: UInt8] = [:]
    static let maxDepth = 200

    init(_ pattern: String) {
        s = Array(pattern.unicodeScalars)
        // Options anywhere ((?i), (?x), (?ix: …)) are taken for the whole pattern.
        var k = 0
        while k + 2 < s.count {
            if s[k] == "\\" { k += 2; continue }
            if s[k] == "(", s[k + 1] == "?" {
                var j = k + 2
                while j < s.count, s[j].properties.isAlphabetic || s[j] == "-" {
                    if s[j] == "i" { caseless = true }
                    if s[j] == "x" { extended = true }
                    j += 1
                }
            }
            k += 1
        }
    }

    mutating func parse() -> RegexNode {
        var parts = [choice()]
        // A stray ')' ends nothing: read on.
        while i < s.count {
            i += 1
            parts.append(choice())
        }
        return parts.count == 1 ? parts[0] : .sequence(parts)
    }

    private mutating func choice() -> RegexNode {
        var branches = [sequence()]
        while i < s.count, s[i] == "|" {
            i += 1
            branches.append(sequence())
        }
        return branches.count == 1 ? branches[0] : .choice(branches)
    }

    private mutating func sequence() -> RegexNode {
        var items: [RegexNode] = []
        while i < s.count, s[i] != "|", s[i] != ")" {
            let start = i
            guard var atom = atom() else { continue }
            atom = quantified(atom)
            items.append(atom)
            if i == start { i += 1 }  // progress, whatever happened
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func quantified(_ atom: RegexNode) -> RegexNode {
        var node = atom
        var stacked = 0
        while i < s.count {
            let bounds: (Int, Int?)
            switch s[i] {
            case "*": bounds = (0, nil); i += 1
            case "+": bounds = (1, nil); i += 1
            case "?": bounds = (0, 1); i += 1
            case "{":
                guard let b = counted() else { return node }
                bounds = b
            default: return node
            }
            if i < s.count, s[i] == "?" || s[i] == "+" { i += 1 }  // lazy or possessive
            // a** is as nested as a*** (and nothing recurses on a long run of them).
            stacked += 1
            if stacked <= 3 { node = .repetition(node, min: bounds.0, max: bounds.1) }
        }
        return node
    }

    /// `{n}`, `{n,}`, `{n,m}`, `{,m}` at `i`; nil (and `i` unchanged) when it is a literal brace.
    private mutating func counted() -> (Int, Int?)? {
        var j = i + 1
        var text = ""
        while j < s.count, s[j] != "}", text.unicodeScalars.count < 20 { text.unicodeScalars.append(s[j]); j += 1 }
        guard j < s.count, s[j] == "}" else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)) else { return nil }
        i = j + 1
        let low = Int(parts[0].prefix(9)) ?? 0
        if parts.count == 1 { return (low, low) }
        return (low, parts[1].isEmpty ? nil : Int(parts[1].prefix(9)) ?? Int.max)
    }

    /// One atom at `i`, or nil for something that matches nothing (a comment, an option).
    private mutating func atom() -> RegexNode? {
        let c = s[i]
        if extended {
            if c.properties.isWhitespace { i += 1; return nil }
            if c == "#" { while i < s.count, s[i] != "\n" { i += 1 }; return nil }
        }
        switch c {
        case "(":
            return group()
        case "[":
            return .set(bracket())
        case ".":
            i += 1
            var dot = RegexCharSet.any
            dot.low &= ~(1 << 10 | 1 << 13)  // not \n, \r
            return .set(dot)
        case "^", "$":
            i += 1
            return .empty
        case "\\":
            return escape()
        default:
            i += 1
            return .set(literal(c.value))
        }
    }

    private func literal(_ v: UInt32) -> RegexCharSet {
        var set = RegexCharSet()
        set.insert(v)
        if caseless { set.addCases() }
        return set
    }

    private mutating func group() -> RegexNode? {
        i += 1  // (
        var lookaround = false
        if i < s.count, s[i] == "?" {
            i += 1
            guard i < s.count else { return nil }
            switch s[i] {
            case "#":
                while i < s.count, s[i] != ")" { i += 1 }
                i += 1
                return nil
            case ":", ">", "|":
                i += 1
            case "=", "!":
                i += 1
                lookaround = true
            case "<" where i + 1 < s.count && (s[i + 1] == "=" || s[i + 1] == "!"):
                i += 2
                lookaround = true
            case "<", "'", "P":
                // A named group: (?<name>…), (?'name'…), (?P<name>…); (?P=name) is a backreference.
                if s[i] == "P", i + 1 < s.count, s[i + 1] == "=" {
                    while i < s.count, s[i] != ")" { i += 1 }
                    i += 1
                    return .set(.any)
                }
                let close: Unicode.Scalar = s[i] == "'" ? "'" : ">"
                i += 1
                while i < s.count, s[i] != close { i += 1 }
                i += 1
            default:
                // Options: (?i) alone matches nothing; (?i:…) is a group.
                while i < s.count, s[i] != ")", s[i] != ":" { i += 1 }
                guard i < s.count else { return nil }
                if s[i] == ")" { i += 1; return nil }
                i += 1
            }
        }
        guard depth < RegexSyntax.maxDepth else {
            tooDeep = true
            i = s.count
            return nil
        }
        depth += 1
        defer { depth -= 1 }
        let inner = choice()
        if i < s.count, s[i] == ")" { i += 1 }
        return lookaround ? .lookaround(inner) : inner
    }

    private mutating func escape() -> RegexNode {
        i += 1
        guard i < s.count else { return .set(literal(UInt32(("\\" as Unicode.Scalar).value))) }
        let c = s[i]
        i += 1
        switch c {
        case "b", "B", "A", "z", "Z", "G", "K", "y", "Y":
            return .empty
        case "Q":
            var items: [RegexNode] = []
            while i < s.count, !(s[i] == "\\" && i + 1 < s.count && s[i + 1] == "E") { items.append(.set(literal(s[i].value))); i += 1 }
            i = min(s.count, i + 2)
            return .sequence(items)
        case "E":
            return .empty
        case "1"..."9", "k", "g":
            // A backreference: text matched before, taken as any character.
            if c == "k" || c == "g", i < s.count, "{<'".unicodeScalars.contains(s[i]) {
                while i < s.count, !"}>'".unicodeScalars.contains(s[i]) { i += 1 }
                i += 1
            }
            while i < s.count, (("0" as Unicode.Scalar)..."9").contains(s[i]) { i += 1 }
            return .set(.any)
        case "X":
            return .set(.any)  // a grapheme cluster: one or more scalars, taken as one
        default:
            return .set(escapedSet(c))
        }
    }

    /// The set of `\c` (the backslash and `c` read), with its braces or hex digits.
    private mutating func escapedSet(_ c: Unicode.Scalar) -> RegexCharSet {
        var set = RegexCharSet()
        switch c {
        case "d", "D":
            set.insert(48...57); set.categories = RegexCharSet.digit
            return c == "d" ? set : set.inverted
        case "w", "W":
            set.insert(48...57); set.insert(65...90); set.insert(97...122); set.insert(95)
            set.categories = RegexCharSet.digit | RegexCharSet.word
            return c == "w" ? set : set.inverted
        case "s", "S", "h", "H", "v", "V", "R":
            for v: UInt32 in [9, 10, 11, 12, 13, 32] { set.insert(v) }
            set.categories = RegexCharSet.space
            return c == "S" || c == "H" || c == "V" ? set.inverted : set
        case "N":
            set = .any
            set.low &= ~(1 << 10 | 1 << 13)
            return set
        case "p", "P":
            var name = ""
            if i < s.count, s[i] == "{" {
                i += 1
                while i < s.count, s[i] != "}" { name.unicodeScalars.append(s[i]); i += 1 }
                i += 1
            } else if i < s.count {
                name.unicodeScalars.append(s[i]); i += 1
            }
            let property = Self.property(name)
            return c == "p" ? property : property.inverted
        case "x", "u", "U", "o", "0":
            var digits = ""
            if i < s.count, s[i] == "{" {
                i += 1
                while i < s.count, s[i] != "}" { digits.unicodeScalars.append(s[i]); i += 1 }
                i += 1
            } else {
                let count = c == "x" ? 2 : c == "u" ? 4 : c == "U" ? 8 : 3
                while i < s.count, digits.unicodeScalars.count < count, s[i].properties.isASCIIHexDigit { digits.unicodeScalars.append(s[i]); i += 1 }
            }
            guard let v = UInt32(digits.trimmingCharacters(in: " "), radix: c == "o" || c == "0" ? 8 : 16), v <= 0x10FFFF else { return .any }
            return literal(v)
        case "n": return literal(10)
        case "t": return literal(9)
        case "r": return literal(13)
        case "f": return literal(12)
        case "e": return literal(27)
        case "a": return literal(7)
        case "c":
            if i < s.count { i += 1 }
            return .any
        default:
            return literal(c.value)
        }
    }

    /// `\p{name}`: letters, digits, spaces and punctuation by name; any other name is any character.
    static func property(_ raw: String) -> RegexCharSet {
        let name = raw.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: " ", with: "")
            .replacingOccurrences(of: "script=", with: "").replacingOccurrences(of: "sc=", with: "").replacingOccurrences(of: "gc=", with: "")
        var set = RegexCharSet()
        switch name {
        case "l", "letter", "alpha", "alphabetic", "lu", "ll", "lt", "lm", "uppercase", "lowercase", "upper", "lower",
             "uppercaseletter", "lowercaseletter", "latin", "latn":
            set.insert(65...90); set.insert(97...122); set.categories = RegexCharSet.word
        case "lo", "otherletter", "hangul", "hang", "han", "hani", "hiragana", "hira", "katakana", "kana", "greek", "cyrillic", "arabic", "hebrew", "thai":
            set.categories = RegexCharSet.word
        case "nd", "digit", "decimalnumber":
            set.insert(48...57); set.categories = RegexCharSet.digit
        case "n", "number":
            set.insert(48...57); set.categories = RegexCharSet.digit | RegexCharSet.word | RegexCharSet.other
        case "z", "zs", "separator", "spaceseparator", "whitespace", "space":
            set.insert(32); set.categories = RegexCharSet.space
            if name == "whitespace" || name == "space" { for v: UInt32 in [9, 10, 11, 12, 13] { set.insert(v) } }
        case "p", "punct", "punctuation", "s", "symbol":
            for r: ClosedRange<UInt32> in [33...47, 58...64, 91...96, 123...126] { set.insert(r) }
            set.categories = RegexCharSet.other | RegexCharSet.word
        default:
            return .any
        }
        return set
    }

    /// A bracket expression `[…]` at `i`: its set (set operations read as unions: never smaller).
    private mutating func bracket() -> RegexCharSet {
        i += 1  // [
        var negated = false
        if i < s.count, s[i] == "^" { negated = true; i += 1 }
        var set = RegexCharSet()
        var first = true
        while i < s.count, s[i] != "]" || first {
            first = false
            if s[i] == "[" {
                if i + 1 < s.count, s[i + 1] == ":" {
                    // [:alpha:] and the like.
                    var name = ""
                    var j = i + 2
                    if j < s.count, s[j] == "^" { j += 1 }
                    while j < s.count, s[j] != ":" { name.unicodeScalars.append(s[j]); j += 1 }
                    i = min(s.count, j + 2)
                    set.formUnion(Self.posix(name))
                } else {
                    set.formUnion(bracket())
                }
                continue
            }
            if s[i] == "&", i + 1 < s.count, s[i + 1] == "&" { i += 2; continue }
            if s[i] == "-", i + 1 < s.count, s[i + 1] == "-" { i += 2; continue }
            // One member: a character, an escape, or a range of them.
            var low: UInt32
            if s[i] == "\\" {
                i += 1
                guard i < s.count else { break }
                let c = s[i]
                i += 1
                let escaped = escapedSet(c)
                guard escaped.ranges.count + escaped.low.nonzeroBitCount + escaped.high.nonzeroBitCount == 1, escaped.categories == 0,
                      let only = Self.single(escaped) else {
                    set.formUnion(escaped)
                    continue
                }
                low = only
            } else {
                low = s[i].value
                i += 1
            }
            if i + 1 < s.count, s[i] == "-", s[i + 1] != "]" {
                i += 1
                var high = s[i].value
                i += 1
                if high == UInt32(("\\" as Unicode.Scalar).value), i < s.count {
                    let c = s[i]
                    i += 1
                    high = Self.single(escapedSet(c)) ?? 0x10FFFF
                }
                set.insert(min(low, high)...max(low, high)) { r in
                    if let known = rangeCategories[r] { return known }
                    let found = RegexCharSet.categories(of: r)
                    rangeCategories[r] = found
                    return found
                }
            } else {
                set.insert(low)
            }
        }
        if i < s.count { i += 1 }  // ]
        if caseless { set.addCases() }
        return negated ? set.inverted : set
    }

    private static func single(_ set: RegexCharSet) -> UInt32? {
        if let r = set.ranges.first, r.count == 1 { return r.lowerBound }
        if set.low != 0 { return UInt32(set.low.trailingZeroBitCount) }
        if set.high != 0 { return UInt32(64 + set.high.trailingZeroBitCount) }
        return nil
    }

    private static func posix(_ name: String) -> RegexCharSet {
        switch name {
        case "alpha", "upper", "lower": return property("alpha")
        case "digit": return property("digit")
        case "space", "blank": return property("space")
        case "punct": return property("punct")
        case "alnum", "word":
            var set = property("alpha"); set.formUnion(property("digit")); set.insert(95); return set
        case "xdigit":
            var set = RegexCharSet(); set.insert(48...57); set.insert(65...70); set.insert(97...102); return set
        default: return .any
        }
    }
}

/// The exponential-ambiguity test over a `RegexNode`.
enum RegexAmbiguity {
    /// Moves between pairs of states looked at, at most; a pattern that needs more is refused as
    /// too complex (about a tenth of a second).
    static let budget = 2_000_000

    static func problem(_ tree: RegexNode) -> String? {
        var automaton = Automaton()
        var lookarounds: [RegexNode] = []
        _ = automaton.add(tree, loops: 0, lookarounds: &lookarounds)
        if automaton.overBudget { return RegexGuard.tooComplex }
        if let problem = automaton.exponential() { return problem }
        for inner in lookarounds {
            if let problem = problem(inner) { return problem }
        }
        return nil
    }

    /// The position automaton: a state per character set, moves between them counted (1, or 2 for
    /// "two different ways", as `(a+)+` has from a to a).
    struct Automaton {
        var sets: [RegexCharSet] = []
        /// How many repetitions enclose each state.
        var loops: [Int] = []
        var follow: [[Int: Int]] = []
        /// Entries of first, last and follow sets written so far; past the budget the pattern is
        /// too complex (`a*a*a*…` of 100,000 stars would need 5·10⁹).
        var work = 0
        var overBudget: Bool { work > RegexAmbiguity.budget }

        /// First and last states with their counts, and the ways to match nothing (each at most 2).
        struct Part {
            var first: [Int: Int] = [:]
            var last: [Int: Int] = [:]
            var empty = 0
        }

        private static func plus(_ a: Int, _ b: Int) -> Int { min(2, a + b) }

        private mutating func merged(_ a: [Int: Int], _ b: [Int: Int], times: Int = 1) -> [Int: Int] {
            guard times > 0, !overBudget else { return a }
            work += a.count + b.count
            var out = a
            for (k, v) in b { out[k] = Self.plus(out[k] ?? 0, min(2, v * times)) }
            return out
        }

        private mutating func link(_ from: [Int: Int], _ to: [Int: Int]) {
            work += from.count * to.count
            guard !overBudget else { return }
            for (p, a) in from {
                for (q, b) in to { follow[p][q] = Self.plus(follow[p][q] ?? 0, min(2, a * b)) }
            }
        }

        mutating func add(_ node: RegexNode, loops depth: Int, lookarounds: inout [RegexNode]) -> Part {
            switch node {
            case .empty:
                return Part(empty: 1)
            case .lookaround(let inner):
                lookarounds.append(inner)
                return Part(empty: 1)
            case .set(let set):
                let state = sets.count
                sets.append(set)
                loops.append(depth)
                follow.append([:])
                return Part(first: [state: 1], last: [state: 1], empty: 0)
            case .sequence(let items):
                var part = Part(empty: 1)
                for item in items {
                    let next = add(item, loops: depth, lookarounds: &lookarounds)
                    link(part.last, next.first)
                    part = Part(first: merged(part.first, next.first, times: part.empty),
                                last: merged(next.last, part.last, times: next.empty),
                                empty: min(2, part.empty * next.empty))
                }
                return part
            case .choice(let branches):
                var part = Part()
                for branch in branches {
                    let next = add(branch, loops: depth, lookarounds: &lookarounds)
                    part = Part(first: merged(part.first, next.first), last: merged(part.last, next.last),
                                empty: Self.plus(part.empty, next.empty))
                }
                return part
            case .repetition(let inner, let min, let max):
                if max == 0 { return Part(empty: 1) }
                if max == 1 {
                    var part = add(inner, loops: depth, lookarounds: &lookarounds)
                    if min == 0 { part.empty = Self.plus(part.empty, 1) }
                    return part
                }
                // Twice or more: read as unbounded, a loop from its last states to its first.
                var part = add(inner, loops: depth + 1, lookarounds: &lookarounds)
                link(part.last, part.first)
                if min == 0 { part.empty = 1 }
                return part
            }
        }

        /// Whether some state returns to itself along two different paths that read the same text.
        ///
        /// Over pairs of states (p, q) that can read the same text — a move (p, q) → (p', q') when
        /// p' follows p, q' follows q and their sets share a character — the automaton is
        /// exponentially ambiguous exactly when a strongly connected component of pairs holds a
        /// pair (s, s) and either a pair of two different states or a move (s, s) → (t, t) that two
        /// different moves of the automaton make.
        func exponential() -> String? {
            let n = sets.count
            guard n > 0 else { return nil }
            var walked = work
            var overlapCache: [Int: Bool] = [:]
            func overlap(_ a: Int, _ b: Int) -> Bool {
                if a == b { return true }
                let key = Swift.min(a, b) * n + Swift.max(a, b)
                if let known = overlapCache[key] { return known }
                let o = sets[a].overlaps(sets[b])
                overlapCache[key] = o
                return o
            }
            // Pairs numbered as they are found; Tarjan's components with an explicit stack.
            var number: [Int: Int] = [:]  // p * n + q → node
            var pairs: [(Int, Int)] = []
            var edges: [[(Int, Bool)]] = []  // node → (node, a move two different moves make)
            func node(_ p: Int, _ q: Int) -> Int {
                let key = p * n + q
                if let k = number[key] { return k }
                number[key] = pairs.count
                pairs.append((p, q))
                edges.append([])
                return pairs.count - 1
            }
            /// The pair's moves; nil once the walk has looked at `budget` moves.
            func successors(_ k: Int) -> [(Int, Bool)]? {
                let (p, q) = pairs[k]
                var out: [(Int, Bool)] = []
                for (p2, a) in follow[p] {
                    for (q2, b) in follow[q] {
                        walked += 1
                        if walked > RegexAmbiguity.budget { return nil }
                        guard overlap(p2, q2) else { continue }
                        out.append((node(p2, q2), p == q && p2 == q2 && a >= 2 && b >= 2))
                    }
                }
                return out
            }
            var index: [Int] = [], low: [Int] = [], onStack: [Bool] = []
            var stack: [Int] = []
            var counter = 0
            for s in 0..<n {
                let root = node(s, s)
                while index.count < pairs.count { index.append(-1); low.append(0); onStack.append(false) }
                guard index[root] < 0 else { continue }
                var frames: [(Int, Int)] = []
                /// False when the walk is over budget.
                func open(_ v: Int) -> Bool {
                    index[v] = counter; low[v] = counter; counter += 1
                    stack.append(v); onStack[v] = true
                    guard let moves = successors(v) else { return false }
                    edges[v] = moves
                    while index.count < pairs.count { index.append(-1); low.append(0); onStack.append(false) }
                    frames.append((v, 0))
                    return true
                }
                guard open(root) else { return RegexGuard.tooComplex }
                while let (v, next) = frames.last {
                    if next < edges[v].count {
                        frames[frames.count - 1].1 += 1
                        let w = edges[v][next].0
                        if index[w] < 0 { guard open(w) else { return RegexGuard.tooComplex } } else if onStack[w] { low[v] = Swift.min(low[v], index[w]) }
                        continue
                    }
                    frames.removeLast()
                    if let (parent, _) = frames.last { low[parent] = Swift.min(low[parent], low[v]) }
                    guard low[v] == index[v] else { continue }
                    var component: [Int] = []
                    while let w = stack.popLast() {
                        onStack[w] = false
                        component.append(w)
                        if w == v { break }
                    }
                    let members = Set(component)
                    let diagonal = component.filter { pairs[$0].0 == pairs[$0].1 }
                    guard !diagonal.isEmpty else { continue }
                    let split = component.contains { pairs[$0].0 != pairs[$0].1 }
                    let doubled = component.contains { k in edges[k].contains { $0.1 && members.contains($0.0) } }
                    guard split || doubled else { continue }
                    // Nested when a state of the cycle is inside two repetitions.
                    let states = Set(component.flatMap { [pairs[$0].0, pairs[$0].1] })
                    return states.contains { loops[$0] >= 2 } ? RegexGuard.nested : RegexGuard.overlapping
                }
            }
            return nil
        }
    }
}
