import Foundation

/// Interns terms to dense integer ids, once each, in compact storage.
///
/// Entity names and string literals live as UTF-8 bytes in one arena; other literals in a side
/// table. Each term costs a kind byte, an 8-byte reference and its share of an open-addressing
/// table of hashes and ids (8 bytes a slot) — about 25–40 bytes plus its text, where a `[Term: TermID]`
/// dictionary of Swift strings costs several times that. Loaders intern straight from the bytes
/// they read (`internEntity(_:)`, `internString(_:language:)`), with no String made on the way;
/// `self[id]` rebuilds the `Term` when asked.
///
/// Terms are equal when their bytes are (RDF compares literals by code points, not by Unicode
/// canonical equivalence).
public struct TermDictionary: Sendable {
    /// Kind byte: `entity`, `plainString`, `otherLiteral`, or `languageBase + n` for a string in
    /// language `languages[n]`.
    private static let entity: UInt8 = 0, plainString: UInt8 = 1, otherLiteral: UInt8 = 2, languageBase: UInt8 = 3
    private static let lengthBits: UInt64 = 24
    private static let maxInlineLength = (1 << 24) - 1

    private var kinds: [UInt8] = []
    /// Text kinds: arena offset << 24 | byte length. Other literals: index into `others`.
    private var refs: [UInt64] = []
    private var arena: [UInt8] = []
    private var others: [Literal] = []
    private var languages: [String] = []
    /// Open addressing: 0 is empty, else the term's 32-bit hash << 32 | (id + 1), so a probe
    /// compares hashes without leaving the table. A power-of-two capacity, at most half full.
    private var slots: [UInt64] = Array(repeating: 0, count: 64)

    public init() {}

    public var count: Int { kinds.count }

    /// Bytes held by the dictionary's own storage (for the memory figures in `.stats`).
    public var storageBytes: Int {
        kinds.capacity + refs.capacity * 8 + arena.capacity + slots.capacity * 8
            + others.capacity * MemoryLayout<Literal>.stride
    }

    // MARK: Interning

    /// The id of `term`, giving it the next id if it has none yet.
    /// - Complexity: O(1) amortised.
    public mutating func intern(_ term: Term) -> TermID {
        switch term {
        case .entity(let name):
            var name = name
            return name.withUTF8 { internText(kind: Self.entity, $0) }
        case .literal(.string(let s, let language)) where s.utf8.count <= Self.maxInlineLength:
            // Past the 252 languages a kind byte holds, a string is kept as another literal.
            guard let kind = stringKind(language) else { return internOther(.string(s, language: language)) }
            var s = s
            return s.withUTF8 { internText(kind: kind, $0) }
        case .literal(let literal):
            return internOther(literal)
        }
    }

    /// The id of the entity named by these UTF-8 bytes, interning it if new.
    public mutating func internEntity(_ bytes: UnsafeBufferPointer<UInt8>) -> TermID {
        internText(kind: Self.entity, bytes)
    }

    /// The id of the string literal with these UTF-8 bytes (and language), interning it if new.
    public mutating func internString(_ bytes: UnsafeBufferPointer<UInt8>, language: String?) -> TermID {
        guard bytes.count <= Self.maxInlineLength, let kind = stringKind(language) else {
            return internOther(.string(String(decoding: bytes, as: UTF8.self), language: language))
        }
        return internText(kind: kind, bytes)
    }

    /// The id here of term `id` of `other`, interned if new — copied by its bytes, with no
    /// String made (used to merge dictionaries built apart).
    public mutating func intern(_ id: TermID, from other: TermDictionary) -> TermID {
        let i = Int(id)
        let kind = other.kinds[i]
        if kind == Self.otherLiteral { return internOther(other.others[Int(other.refs[i])]) }
        let (start, length) = Self.split(other.refs[i])
        guard let mapped = textKind(of: i, in: other) else { return intern(other[id]) }
        return other.arena.withUnsafeBufferPointer { internText(kind: mapped, UnsafeBufferPointer(rebasing: $0[start..<start + length])) }
    }

    /// The kind here of text term `i` of `other` (its language made here if new); nil when a
    /// string's language is past the ones a kind byte holds.
    private mutating func textKind(of i: Int, in other: TermDictionary) -> UInt8? {
        let kind = other.kinds[i]
        return kind >= Self.languageBase ? stringKind(other.languages[Int(kind - Self.languageBase)]) : kind
    }

    /// Interns every term of `other` that `map` marks absent (`.max`, as `find(_:in:)` left it)
    /// and `keep` accepts, in `other`'s id order, and writes each one's new id into `map`. The
    /// table grows once for all of them, and since none is here yet (a dictionary holds each term
    /// once) each takes the first empty slot of its probe, with no text compared.
    /// - Complexity: O(terms interned + their bytes).
    public mutating func internAbsent(from other: TermDictionary, map: inout [TermID], keep: (TermID) -> Bool) {
        precondition(map.count == other.count, "internAbsent: one map entry per term of other")
        var absent = 0, bytes = 0
        for i in 0..<other.count where map[i] == .max && keep(TermID(i)) {
            absent += 1
            if other.kinds[i] != Self.otherLiteral { bytes += Self.split(other.refs[i]).1 }
        }
        guard absent > 0 else { return }
        kinds.reserveCapacity(count + absent)
        refs.reserveCapacity(count + absent)
        arena.reserveCapacity(arena.count + bytes)
        grow(toHold: count + absent)
        other.arena.withUnsafeBufferPointer { otherArena in
            for i in 0..<other.count where map[i] == .max && keep(TermID(i)) {
                guard other.kinds[i] != Self.otherLiteral, let kind = textKind(of: i, in: other) else {
                    map[i] = intern(TermID(i), from: other)
                    continue
                }
                let (start, length) = Self.split(other.refs[i])
                let text = UnsafeBufferPointer(rebasing: otherArena[start..<start + length])
                let h = Self.hash(kind: kind, text)
                let mask = slots.count - 1
                var index = Int(h) & mask
                while slots[index] != 0 { index = (index + 1) & mask }
                map[i] = appendText(kind: kind, text, hash: h, at: index)
            }
        }
    }

    /// The id here of term `id` of `other`, if it is here: `intern(_:from:)` without the
    /// interning, so that many threads can look up at once.
    public func find(_ id: TermID, in other: TermDictionary) -> TermID? {
        let i = Int(id)
        let kind = other.kinds[i]
        if kind == Self.otherLiteral {
            let literal = other.others[Int(other.refs[i])]
            return findOther(literal, hash: Self.hash(literal))
        }
        var mapped = kind
        if kind >= Self.languageBase {
            guard let k = existingStringKind(other.languages[Int(kind - Self.languageBase)]) else { return nil }
            mapped = k
        }
        let (start, length) = Self.split(other.refs[i])
        return other.arena.withUnsafeBufferPointer { findText(kind: mapped, UnsafeBufferPointer(rebasing: $0[start..<start + length])) }
    }

    /// The id of `term` if it has been interned.
    public func id(of term: Term) -> TermID? {
        switch term {
        case .entity(let name):
            var name = name
            return name.withUTF8 { findText(kind: Self.entity, $0) }
        case .literal(.string(let s, let language)) where s.utf8.count <= Self.maxInlineLength:
            guard let kind = existingStringKind(language) else {
                let literal = Literal.string(s, language: language)
                return findOther(literal, hash: Self.hash(literal))
            }
            var s = s
            return s.withUTF8 { findText(kind: kind, $0) }
        case .literal(let literal):
            return findOther(literal, hash: Self.hash(literal))
        }
    }

    /// The id of the entity named `name`, if interned.
    public func entity(_ name: String) -> TermID? {
        var name = name
        return name.withUTF8 { findText(kind: Self.entity, $0) }
    }

    /// The id of the entity named by these bytes, if interned.
    public func entity(bytes: UnsafeBufferPointer<UInt8>) -> TermID? { findText(kind: Self.entity, bytes) }

    // MARK: Reading

    public subscript(id: TermID) -> Term {
        let i = Int(id)
        switch kinds[i] {
        case Self.entity: return .entity(text(i))
        case Self.plainString: return .literal(.string(text(i), language: nil))
        case Self.otherLiteral: return .literal(others[Int(refs[i])])
        case let k: return .literal(.string(text(i), language: languages[Int(k - Self.languageBase)]))
        }
    }

    /// True when `id` names an entity, type or predicate (not a literal).
    public func isEntity(_ id: TermID) -> Bool { kinds[Int(id)] == Self.entity }

    /// The language tags of the string literals interned so far.
    public var languageTags: [String] { languages }

    /// True when `id` is a string literal (with or without a language).
    public func isString(_ id: TermID) -> Bool {
        let k = kinds[Int(id)]
        return k == Self.plainString || k >= Self.languageBase
    }

    /// The name of an entity, or nil for a literal.
    public func entityName(_ id: TermID) -> String? {
        kinds[Int(id)] == Self.entity ? text(Int(id)) : nil
    }

    /// Calls `body` with the UTF-8 bytes of an entity name or string literal (nil for other literals).
    public func withText<R>(_ id: TermID, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        let i = Int(id)
        guard kinds[i] != Self.otherLiteral else { return try body(nil) }
        let (start, length) = Self.split(refs[i])
        return try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<start + length])) }
    }

    // MARK: Storage

    private func text(_ i: Int) -> String {
        let (start, length) = Self.split(refs[i])
        return arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<start + length]), as: UTF8.self) }
    }

    @inline(__always) private static func split(_ ref: UInt64) -> (Int, Int) {
        (Int(ref >> lengthBits), Int(ref & ((1 << lengthBits) - 1)))
    }

    /// The kind byte of a string in `language`, giving the language one if there is room.
    private mutating func stringKind(_ language: String?) -> UInt8? {
        if let kind = existingStringKind(language) { return kind }
        guard let language, languages.count < Int(UInt8.max - Self.languageBase) else { return nil }
        languages.append(language)
        return Self.languageBase + UInt8(languages.count - 1)
    }

    private func existingStringKind(_ language: String?) -> UInt8? {
        guard let language else { return Self.plainString }
        return languages.firstIndex(of: language).map { Self.languageBase + UInt8($0) }
    }

    /// FNV-1a over the bytes, then a final mix; the kind is folded in first.
    @inline(__always) static func hash(kind: UInt8, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(kind)
        var i = 0
        let n = bytes.count
        // Eight bytes at a time, then the tail.
        while i + 8 <= n {
            let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
            h = (h ^ word) &* 0x0000_0100_0000_01b3
            h ^= h >> 29
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3
            i += 1
        }
        h ^= h >> 32
        h = h &* 0xd6e8_feb8_6659_fd93
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h)
    }

    static func hash(_ literal: Literal) -> UInt32 {
        var hasher = Hasher()
        hasher.combine(otherLiteral)
        hasher.combine(literal)
        return UInt32(truncatingIfNeeded: hasher.finalize())
    }

    private func findText(kind: UInt8, _ bytes: UnsafeBufferPointer<UInt8>) -> TermID? {
        probe(kind: kind, bytes, hash: Self.hash(kind: kind, bytes)).found
    }

    /// The text term's id if present, else the empty slot where it would go.
    @inline(__always) private func probe(kind: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> (found: TermID?, slot: Int) {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = Int(h) & mask
            while true {
                let slot = slots[index]
                if slot == 0 { return (nil, index) }
                let id = Int(slot & 0xFFFF_FFFF) - 1
                if UInt32(slot >> 32) == h, kinds[id] == kind, sameText(id, bytes) { return (TermID(id), index) }
                index = (index + 1) & mask
            }
        }
    }

    @inline(__always) private func sameText(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let (start, length) = Self.split(refs[id])
        guard length == bytes.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, bytes.baseAddress!, length) == 0 }
    }

    private mutating func internText(kind: UInt8, _ bytes: UnsafeBufferPointer<UInt8>) -> TermID {
        let h = Self.hash(kind: kind, bytes)
        let (found, index) = probe(kind: kind, bytes, hash: h)
        if let found { return found }
        let id = appendText(kind: kind, bytes, hash: h, at: index)
        growIfNeeded()
        return id
    }

    /// A new text term: its bytes at the arena's end, its id in the empty slot `index`.
    private mutating func appendText(kind: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt32, at index: Int) -> TermID {
        let id = TermID(kinds.count)
        kinds.append(kind)
        refs.append(UInt64(arena.count) << Self.lengthBits | UInt64(bytes.count))
        arena.append(contentsOf: bytes)
        slots[index] = UInt64(h) << 32 | UInt64(id + 1)
        return id
    }

    private func findOther(_ literal: Literal, hash h: UInt32) -> TermID? {
        let mask = slots.count - 1
        var index = Int(h) & mask
        while true {
            let slot = slots[index]
            if slot == 0 { return nil }
            let id = Int(slot & 0xFFFF_FFFF) - 1
            if UInt32(slot >> 32) == h, kinds[id] == Self.otherLiteral, others[Int(refs[id])] == literal { return TermID(id) }
            index = (index + 1) & mask
        }
    }

    private mutating func internOther(_ literal: Literal) -> TermID {
        let h = Self.hash(literal)
        if let id = findOther(literal, hash: h) { return id }
        let mask = slots.count - 1
        var index = Int(h) & mask
        while slots[index] != 0 { index = (index + 1) & mask }
        let id = TermID(kinds.count)
        kinds.append(Self.otherLiteral)
        refs.append(UInt64(others.count))
        others.append(literal)
        slots[index] = UInt64(h) << 32 | UInt64(id + 1)
        growIfNeeded()
        return id
    }

    private mutating func growIfNeeded() {
        guard kinds.count * 2 > slots.count else { return }
        grow(toHold: kinds.count)
    }

    /// Rehashes into a table large enough to hold `terms` terms at most half full.
    private mutating func grow(toHold terms: Int) {
        var capacity = slots.count
        while terms * 2 > capacity { capacity *= 2 }
        guard capacity != slots.count else { return }
        var grown = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        slots.withUnsafeBufferPointer { slots in
            grown.withUnsafeMutableBufferPointer { grown in
                for slot in slots where slot != 0 {
                    var index = Int(slot >> 32) & mask
                    while grown[index] != 0 { index = (index + 1) & mask }
                    grown[index] = slot
                }
            }
        }
        slots = grown
    }
}
