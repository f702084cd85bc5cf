/// Short names for IRI namespaces (`mondial:` for `http://www.semwebtech.org/mondial/10/meta#`),
/// as Turtle and SPARQL have them: an entity, type or predicate read from RDF keeps its IRI as
/// its id, and kgsh shows it as `mondial:Country` and reads `mondial:Country` back to the IRI.
///
/// The map travels with the graph (`FactStore.prefixes`). Users set it with `.prefix` and
/// `--prefix NAME=IRI`; a Turtle file's own `@prefix` lines are adopted where their name and
/// namespace are still free.
public struct PrefixMap: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let namespace: String

        public init(name: String, namespace: String) {
            self.name = name
            self.namespace = namespace
        }
    }

    /// The prefixes, in the order they were set.
    public private(set) var entries: [Entry] = []

    public init() {}

    /// Binds `name` (a letter, then letters, digits, `_`, `-` or `.`; or empty, written `:`)
    /// to `namespace`, replacing what it named before.
    /// - Returns: false, changing nothing, when `name` or `namespace` is not valid.
    @discardableResult
    public mutating func set(_ name: String, _ namespace: String) -> Bool {
        guard Self.isValidName(name), Self.isValidNamespace(namespace) else { return false }
        if let i = entries.firstIndex(where: { $0.name == name }) {
            entries[i] = Entry(name: name, namespace: namespace)
        } else {
            entries.append(Entry(name: name, namespace: namespace))
        }
        return true
    }

    /// Binds `name` to `namespace` only if neither is bound yet (a file's `@prefix`).
    public mutating func adopt(_ name: String, _ namespace: String) {
        guard !entries.contains(where: { $0.name == name || $0.namespace == namespace }) else { return }
        set(name, namespace)
    }

    /// Unbinds `name`; false when it was not bound.
    @discardableResult
    public mutating func remove(_ name: String) -> Bool {
        guard let i = entries.firstIndex(where: { $0.name == name }) else { return false }
        entries.remove(at: i)
        return true
    }

    public func namespace(of name: String) -> String? { entries.first { $0.name == name }?.namespace }

    /// `iri` as `name:local` under the longest namespace that starts it and leaves a local part
    /// with no white space; nil when none does.
    /// - Complexity: O(p) in the number of prefixes.
    public func compact(_ iri: String) -> String? {
        var best: Entry? = nil
        for e in entries where iri.count > e.namespace.count && iri.hasPrefix(e.namespace) {
            if best.map({ e.namespace.count > $0.namespace.count }) ?? true { best = e }
        }
        guard let best else { return nil }
        let local = iri.dropFirst(best.namespace.count)
        guard !local.contains(where: { $0.isWhitespace }) else { return nil }
        return best.name + ":" + local
    }

    /// The IRI `text` stands for when it is `name:local` with `name` bound; nil otherwise.
    public func expand(_ text: String) -> String? {
        guard !entries.isEmpty, let colon = text.firstIndex(of: ":") else { return nil }
        guard let namespace = namespace(of: String(text[..<colon])) else { return nil }
        let local = text[text.index(after: colon)...]
        // `http://…` is an IRI, not `http:` + `//…`.
        if local.hasPrefix("//") { return nil }
        return namespace + local
    }

    /// A prefix name: empty, or an ASCII letter then letters, digits, `_`, `-` or `.` (not last).
    public static func isValidName(_ name: String) -> Bool {
        if name.isEmpty { return true }
        guard let f = name.unicodeScalars.first, f.isASCII, f.properties.isAlphabetic, name.last != "." else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)) }
    }

    /// An absolute IRI (a scheme and a colon) with no white space, `<`, `>` or `"`.
    public static func isValidNamespace(_ iri: String) -> Bool {
        guard let colon = iri.firstIndex(of: ":"), colon != iri.startIndex,
              iri[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
              iri.first!.isLetter else { return false }
        return !iri.contains { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }
    }
}
