import Foundation

/// Entities by their names: ids, labels and aliases, normalised by `TextKey`, for exact and
/// prefix look-up.
///
/// Names live as bytes in two arenas (the normalised key and the text as written) with one
/// 20-byte record per name, sorted by key: exact look-up and prefix look-up are binary searches.
/// An imported IRI is named by its last segment (…/gov/KR-28 → KR-28); its whole IRI still
/// resolves through the term dictionary.
public struct LabelIndex: Sendable {
    /// One name of one entity.
    public struct Entry: Sendable, Equatable {
        public let key: [UInt8]
        public let text: String
        public let entity: TermID
    }

    struct Record {
        var keyStart: UInt32
        var keyLength: UInt32
        var textStart: UInt32
        var textLength: UInt32
        var entity: TermID
    }

    private var keys: [UInt8] = []
    private var texts: [UInt8] = []
    private var records: [Record] = []
    /// Predicates besides label and alias whose objects name their subject (foaf:name …).
    public private(set) var namingPredicates: [TermID] = []

    public init() {}

    init(store: FactStore) {
        var builder = Builder()
        let terms = store.terms
        for (entity, _) in store.entityTypes {
            terms.withText(entity) { bytes in
                guard let bytes else { return }
                if let local = LabelIndex.localNameRange(bytes) {
                    let segment = UnsafeBufferPointer(rebasing: bytes[local])
                    if segment.contains(UInt8(ascii: "%")) {
                        let text = String(decoding: segment, as: UTF8.self)
                        builder.add(text: text.removingPercentEncoding ?? text, entity: entity)
                    } else {
                        builder.add(bytes: segment, entity: entity)
                    }
                } else if !LabelIndex.isIRI(bytes) {
                    builder.add(bytes: bytes, entity: entity)
                }
            }
        }
        // Imported RDF names things with rdfs:label (stored as label), but also with foaf:name,
        // schema:name, skos:prefLabel or a vocabulary's own `name`: those are names too.
        let naming = store.schema.predicates.values.filter { p in
            p.name.contains("://") && ["name", "prefLabel", "altLabel"].contains(LabelIndex.localName(p.name) ?? "")
        }.map(\.id)
        namingPredicates = naming.sorted()
        for predicate in [store.builtins.label, store.builtins.alias] + naming {
            for fid in store.match(subject: nil, predicate: predicate, object: nil) {
                let t = store.triples[Int(fid)]
                guard store.terms.isString(t.object) else { continue }
                terms.withText(t.object) { bytes in
                    if let bytes { builder.add(bytes: bytes, entity: t.subject) }
                }
            }
        }
        (keys, texts, records) = builder.finish()
    }

    /// The entries, in key order.
    public var entries: Entries { Entries(index: self) }

    /// Entities with a name equal to `name` after normalisation, by id.
    /// - Complexity: O(length of `name` + log n).
    public func lookup(_ name: String) -> [TermID] {
        var key = Array(TextKey.normalize(name).utf8)
        let range = key.withUnsafeMutableBufferPointer { key in
            lowerBound(UnsafeBufferPointer(key), prefix: false)..<upperBound(UnsafeBufferPointer(key), prefix: false)
        }
        return records[range].map(\.entity)
    }

    /// Entries whose normalised name starts with `prefix`, in key order.
    /// - Complexity: O(log n + k) for k results.
    public func withPrefix(_ prefix: String) -> Slice<Entries> {
        var key = Array(TextKey.normalize(prefix).utf8)
        let range = key.withUnsafeMutableBufferPointer { key in
            lowerBound(UnsafeBufferPointer(key), prefix: true)..<upperBound(UnsafeBufferPointer(key), prefix: true)
        }
        return entries[range]
    }

    /// The first record whose key is not below `key`.
    private func lowerBound(_ key: UnsafeBufferPointer<UInt8>, prefix: Bool) -> Int {
        var lo = 0, hi = records.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compare(records[mid], key, prefix: prefix) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The first record whose key (or, for a prefix, its start) is above `key`.
    private func upperBound(_ key: UnsafeBufferPointer<UInt8>, prefix: Bool) -> Int {
        var lo = 0, hi = records.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compare(records[mid], key, prefix: prefix) <= 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The record's key against `key`; with `prefix`, a key that starts with `key` compares equal.
    private func compare(_ r: Record, _ key: UnsafeBufferPointer<UInt8>, prefix: Bool) -> Int {
        keys.withUnsafeBufferPointer { keys in
            let a = UnsafeBufferPointer(rebasing: keys[Int(r.keyStart)..<Int(r.keyStart + r.keyLength)])
            let n = prefix ? min(a.count, key.count) : a.count
            let c = LabelIndex.compareBytes(UnsafeBufferPointer(rebasing: a[0..<n]), key)
            if prefix && c == 0 && a.count >= key.count { return 0 }
            return c
        }
    }

    static func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    fileprivate func entry(_ i: Int) -> Entry {
        let r = records[i]
        return Entry(key: Array(keys[Int(r.keyStart)..<Int(r.keyStart + r.keyLength)]),
                     text: String(decoding: texts[Int(r.textStart)..<Int(r.textStart + r.textLength)], as: UTF8.self),
                     entity: r.entity)
    }

    /// The last segment of an IRI (`…/countries/GR/` → `GR`, `…#name` → `name`); nil for other ids.
    static func localName(_ id: String) -> String? {
        var id = id
        return id.withUTF8 { bytes in
            localNameRange(bytes).map { range in
                let local = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                return local.removingPercentEncoding ?? local
            }
        }
    }

    static func isIRI(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        for i in 0..<(bytes.count - 2) where bytes[i] == UInt8(ascii: ":") && bytes[i + 1] == UInt8(ascii: "/") && bytes[i + 2] == UInt8(ascii: "/") {
            return true
        }
        return false
    }

    /// Where the last segment of an IRI's bytes is; nil for other ids or an empty segment.
    static func localNameRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard isIRI(bytes) else { return nil }
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        var cut = end - 1
        while cut >= 0, bytes[cut] != UInt8(ascii: "/"), bytes[cut] != UInt8(ascii: "#") { cut -= 1 }
        guard cut >= 0, cut + 1 < end else { return nil }
        return (cut + 1)..<end
    }

    func checkInvariants(against store: FactStore) -> [String] {
        var problems: [String] = []
        let all = entries
        for i in all.indices.dropFirst() where all[i].key.lexicographicallyPrecedes(all[i - 1].key) {
            problems.append("label index out of order at \(i)")
            break
        }
        for r in records where store.entityTypes[r.entity] == nil {
            problems.append("label index names non-entity \(store.name(r.entity))")
        }
        return problems
    }

    /// The entries as a collection, made on demand from the arenas.
    public struct Entries: RandomAccessCollection, Sendable {
        let index: LabelIndex
        public var startIndex: Int { 0 }
        public var endIndex: Int { index.records.count }
        public subscript(position: Int) -> Entry { index.entry(position) }
    }

    /// Collects names, then sorts and de-duplicates them.
    private struct Builder {
        var keys: [UInt8] = []
        var texts: [UInt8] = []
        var records: [Record] = []
        var scratch: [UInt8] = []

        mutating func add(text: String, entity: TermID) {
            var text = text
            text.withUTF8 { add(bytes: $0, entity: entity) }
        }

        mutating func add(bytes: UnsafeBufferPointer<UInt8>, entity: TermID) {
            let keyStart = UInt32(keys.count), textStart = UInt32(texts.count)
            texts.append(contentsOf: bytes)
            if !TextKey.appendSimpleKey(bytes, to: &keys) {
                keys.append(contentsOf: TextKey.normalize(String(decoding: bytes, as: UTF8.self)).utf8)
            }
            records.append(Record(keyStart: keyStart, keyLength: UInt32(keys.count) - keyStart,
                                  textStart: textStart, textLength: UInt32(bytes.count), entity: entity))
        }

        mutating func finish() -> ([UInt8], [UInt8], [Record]) {
            let (keys, texts) = (self.keys, self.texts)
            keys.withUnsafeBufferPointer { k in
                texts.withUnsafeBufferPointer { t in
                    func key(_ r: Record) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: k[Int(r.keyStart)..<Int(r.keyStart + r.keyLength)]) }
                    func text(_ r: Record) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: t[Int(r.textStart)..<Int(r.textStart + r.textLength)]) }
                    // Sorted by the key's first eight bytes as one big-endian number first, so most
                    // comparisons touch no arena; ties fall back to the whole key, entity and text.
                    func prefix(_ r: Record) -> UInt64 {
                        var v: UInt64 = 0
                        let bytes = key(r)
                        for i in 0..<8 { v = v << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
                        return v
                    }
                    var order = records.indices.map { (prefix(records[$0]), UInt32($0)) }
                    let all = records
                    order.sort { x, y in
                        if x.0 != y.0 { return x.0 < y.0 }
                        let a = all[Int(x.1)], b = all[Int(y.1)]
                        let c = LabelIndex.compareBytes(key(a), key(b))
                        if c != 0 { return c < 0 }
                        if a.entity != b.entity { return a.entity < b.entity }
                        return LabelIndex.compareBytes(text(a), text(b)) < 0
                    }
                    records = order.map { all[Int($0.1)] }
                    var unique: [Record] = []
                    unique.reserveCapacity(records.count)
                    for r in records {
                        if let last = unique.last, last.entity == r.entity, LabelIndex.compareBytes(key(last), key(r)) == 0 { continue }
                        unique.append(r)
                    }
                    records = unique
                }
            }
            return (keys, texts, records)
        }
    }
}
