import Foundation
import KGModel

/// Tab completion: statement keywords, dot-commands and their arguments, predicates, types,
/// entity ids, labels and aliases (Hangul included), variables already in the statement, and
/// file names after `.load`, `.read`, `.output`, `.once` and `to`.
public struct Completer {
    /// One completion: what replaces the word, and what the candidate list shows beside it.
    public struct Candidate: Equatable, Sendable {
        public let text: String
        public let note: String
    }

    let session: Session

    public init(session: Session) { self.session = session }

    static let keywords = ["find", "where", "show", "why", "path", "to", "max", "rule", "explain", "not", "optional", "or",
                           "group", "by", "order", "limit", "offset", "distinct", "count", "sum", "min", "max", "avg", "as",
                           "asc", "desc", "contains", "matches", "starts", "with", "is", "type", "lang", "str", "label"]

    /// Candidates for the word that ends at the cursor; `line` is the text before the cursor and
    /// `word` its last word (as the line editor splits it).
    public func candidates(line: String, word: String) -> [Candidate] {
        let before = String(line.dropLast(word.count)).trimmingSpaces
        let words = before.split(separator: " ").map(String.init)
        // Dot-commands and their arguments.
        if before.isEmpty && word.hasPrefix(".") {
            return DotCommands.all.map { "." + $0.name }.filter { $0.hasPrefix(word) }.map { Candidate(text: $0, note: "command") }
        }
        if let command = words.first, command.hasPrefix(".") {
            switch command {
            case ".load", ".read", ".output", ".once": return files(word)
            case ".mode": return OutputMode.allCases.map(\.rawValue).filter { $0.hasPrefix(word) }.map { Candidate(text: $0, note: "mode") }
            case ".lang": return ["ko", "en"].filter { $0.hasPrefix(word) }.map { Candidate(text: $0, note: "language") }
            case ".help": return DotCommands.all.map(\.name).filter { $0.hasPrefix(word) }.map { Candidate(text: $0, note: "command") }
            case ".schema": return types(word)
            case ".ids", ".headers", ".timer": return ["on", "off"].filter { $0.hasPrefix(word) }.map { Candidate(text: $0, note: "") }
            default: return []
            }
        }
        if Completer.takesFileName(before) { return files(word) }
        if word.hasPrefix("?") {
            var seen: [String] = []
            for token in line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "?") }) where token.hasPrefix("?") {
                let v = String(token)
                if v != word, v.hasPrefix(word), !seen.contains(v) { seen.append(v) }
            }
            return seen.map { Candidate(text: $0, note: "variable") }
        }
        if let last = words.last, last == "type" || last == "is" { return types(word) }
        var out: [Candidate] = []
        let key = word.lowercased()
        for k in Completer.keywords where k.hasPrefix(key) && !word.isEmpty { out.append(Candidate(text: k, note: "keyword")) }
        let schema = session.store.schema
        for p in schema.predicates.values where p.name.lowercased().hasPrefix(key) { out.append(Candidate(text: p.name, note: "predicate")) }
        for (inverse, p) in schema.inverses where inverse.lowercased().hasPrefix(key) {
            out.append(Candidate(text: inverse, note: "predicate, inverse of \(session.store.name(p))"))
        }
        out += types(word)
        if !word.isEmpty { out += entities(word, wholeRestIsName: words.first?.lowercased() == "show") }
        var seen = Set<String>()
        func sortKey(_ c: Candidate) -> String { c.text.hasPrefix("\"") ? String(c.text.dropFirst().dropLast()) : c.text }
        return out.filter { seen.insert($0.text).inserted }.sorted { sortKey($0).unicodeScalars.lexicographicallyPrecedes(sortKey($1).unicodeScalars) }
    }

    /// Whether the word after `before` (the line up to it) is a file name: after `.load`, `.read`,
    /// `.output`, `.once`, or `to` in an export. The line editor then takes the whole path as the
    /// word (`/` does not break it), so `.read sub/a<Tab>` completes inside `sub/`.
    public static func takesFileName(_ before: String) -> Bool {
        let words = before.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let command = words.first, [".load", ".read", ".output", ".once"].contains(command) { return true }
        return words.last == "to" && words.contains("as")
    }

    /// The characters that end the word being completed in `line` (the text before the cursor):
    /// white space alone where a file name is expected, else those of statements (brackets,
    /// punctuation and the `/` of paths).
    public static func wordBreaks(line: String) -> String {
        let start = line.lastIndex(where: { $0 == " " || $0 == "\t" }).map { line.index(after: $0) } ?? line.startIndex
        return takesFileName(String(line[..<start])) ? " \t\n" : statementWordBreaks
    }

    public static let statementWordBreaks = " \t\n(){},;=<>!|^/"

    func types(_ word: String) -> [Candidate] {
        session.store.schema.types.values.filter { $0.name.lowercased().hasPrefix(word.lowercased()) }
            .map { Candidate(text: $0.name, note: "type") }
    }

    /// Ids, labels and aliases that start with `word`, each noted with its entity and type.
    /// Names with spaces are offered in quotes once the word starts with `"` (or bare after
    /// `show`, which takes the rest of the line as the name).
    func entities(_ word: String, wholeRestIsName: Bool = false) -> [Candidate] {
        let store = session.store
        let quoted = word.hasPrefix("\"")
        let prefix = quoted ? String(word.dropFirst()) : word
        return store.labels.withPrefix(prefix).prefix(200).compactMap { entry in
            let spaced = entry.text.contains(" ")
            if spaced && !quoted && !wholeRestIsName { return nil }
            let type = store.type(of: entry.entity).map { store.name($0) } ?? ""
            let text = quoted ? "\"\(entry.text)\"" : entry.text
            let id = store.name(entry.entity)
            return Candidate(text: text, note: entry.text == id ? type : "\(id), \(type)")
        }
    }

    func files(_ word: String) -> [Candidate] {
        let url = URL(fileURLWithPath: word.isEmpty ? "./" : word)
        let directory = word.hasSuffix("/") || word.isEmpty ? url.path : url.deletingLastPathComponent().path
        let prefix = word.hasSuffix("/") || word.isEmpty ? "" : url.lastPathComponent
        let base = word.contains("/") ? String(word[..<(word.lastIndex(of: "/")!)]) + "/" : ""
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }.sorted().map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
            return Candidate(text: base + name + (isDirectory.boolValue ? "/" : ""), note: isDirectory.boolValue ? "directory" : "file")
        }
    }

    /// The longest prefix every candidate shares (what the first Tab inserts).
    public static func commonPrefix(_ candidates: [Candidate]) -> String {
        guard var prefix = candidates.first.map({ Array($0.text) }) else { return "" }
        for c in candidates.dropFirst() {
            let chars = Array(c.text)
            var n = 0
            while n < prefix.count, n < chars.count, prefix[n] == chars[n] { n += 1 }
            prefix = Array(prefix.prefix(n))
        }
        return String(prefix)
    }
}
