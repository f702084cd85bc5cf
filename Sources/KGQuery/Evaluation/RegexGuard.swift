/// Refuses regular expressions that repeat a repetition — `(a+)+`, `(.*)*`, `(\w+\s?)*` — the
/// shape that makes a backtracking matcher (Swift's `Regex` is one) take time exponential in the
/// text: `^(.*)*x$` against a 40-character label runs for hours, and no row-by-row time limit or
/// Ctrl-C reaches inside one match. The test is the usual "star height" one: a group that holds an
/// unbounded quantifier (`*`, `+`, `{n,}`) may not itself carry one. Alternations of overlapping
/// branches (`(a|a)*`) are not caught.
enum RegexGuard {
    static let message = "a repetition inside a repetition, such as (a+)* or (.*)+, can take exponential time: rewrite it with one repetition"

    /// Why `pattern` is refused, or nil.
    static func problem(_ pattern: String) -> String? {
        let s = Array(pattern.unicodeScalars)
        // Per open group: whether something inside it repeats without bound.
        var groups: [Bool] = [false]
        var i = 0
        /// After an atom ending at `i`: the quantifier there, if any, and whether it is unbounded.
        func quantifier() -> Bool? {
            guard i < s.count else { return nil }
            var unbounded: Bool
            switch s[i] {
            case "*", "+": unbounded = true; i += 1
            case "?": unbounded = false; i += 1
            case "{":
                var j = i + 1
                var text = ""
                while j < s.count, s[j] != "}" { text.unicodeScalars.append(s[j]); j += 1 }
                let parts = text.split(separator: ",", omittingEmptySubsequences: false)
                guard j < s.count, (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isNumber) }), !(parts.first?.isEmpty ?? true) else { return nil }
                unbounded = parts.count == 2 && parts[1].isEmpty
                i = j + 1
            default: return nil
            }
            if i < s.count, s[i] == "?" || s[i] == "+" { i += 1 }  // lazy or possessive
            return unbounded
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                i += 2
                // \p{…}, \u{…}, \x{…}, \N{…}, \k<…> and the like: skip the braces.
                if i < s.count, s[i] == "{" { while i < s.count, s[i] != "}" { i += 1 }; i += 1 }
                if quantifier() == true { groups[groups.count - 1] = true }
            case "[":
                var depth = 0
                i += 1
                if i < s.count, s[i] == "^" { i += 1 }
                if i < s.count, s[i] == "]" { i += 1 }
                while i < s.count {
                    if s[i] == "\\" { i += 2; continue }
                    if s[i] == "[" { depth += 1 } else if s[i] == "]" { if depth == 0 { break }; depth -= 1 }
                    i += 1
                }
                i += 1
                if quantifier() == true { groups[groups.count - 1] = true }
            case "(":
                groups.append(false)
                i += 1
            case ")":
                i += 1
                let inner = groups.count > 1 ? groups.removeLast() : false
                let repeated = quantifier()
                if inner && repeated == true { return message }
                if inner || repeated == true { groups[groups.count - 1] = true }
            default:
                i += 1
                if quantifier() == true { groups[groups.count - 1] = true }
            }
        }
        return nil
    }
}
