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

    /// The index from its two halves, each sorted (`FactStore.rebuildIndexes` makes them on two
    /// threads): the names entities' ids give, and the names facts give.
    /// `ids` is emptied: its arenas become the index's.
    init(merging ids: inout Builder, _ facts: Builder, naming: [TermID]) {
        namingPredicates = naming
        (keys, texts, records) = Builder.merged(&ids, facts)
    }

    /// The names entities' ids give: a `.kg` id as it is, an IRI by its last segment; sorted.
    /// Needs only the entities and the terms, not the indexes.
    static func idNames(of entityTypes: [TermID: TermID], terms: TermDictionary) -> Builder {
        var builder = Builder()
        // In id order, so that the names are read from the terms' arena front to back.
        var isEntity = [Bool](repeating: false, count: terms.count)
        for entity in entityTypes.keys where Int(entity) < isEntity.count { isEntity[Int(entity)] = true }
        for i in isEntity.indices where isEntity[i] {
            let entity = TermID(i)
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
        builder.sort()
        return builder
    }

    /// The names facts give — labels, aliases, and the objects of naming predicates — sorted,
    /// and those predicates. Reads the facts as listed, not an index, so it can run while the
    /// indexes are built.
    static func factNames(_ triples: [Triple], terms: TermDictionary, schema: Schema, builtins: FactStore.Builtins) -> (Builder, naming: [TermID]) {
        var builder = Builder()
        // Imported RDF names things with rdfs:label (stored as label), but also with foaf:name,
        // schema:name, skos:prefLabel or a vocabulary's own `name`: those are names too.
        let naming = schema.predicates.values.filter { p in
            p.name.contains("://") && ["name", "prefLabel", "altLabel"].contains(LabelIndex.localName(p.name) ?? "")
        }.map(\.id).sorted()
        let label = builtins.label, alias = builtins.alias
        for t in triples where t.predicate == label || t.predicate == alias || (!naming.isEmpty && naming.contains(t.predicate)) {
            guard terms.isString(t.object) else { continue }
            terms.withText(t.object) { bytes in
                if let bytes { builder.add(bytes: bytes, entity: t.subject) }
            }
        }
        builder.sort()
        return (builder, naming)
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
    struct Builder {
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

        /// Orders the records by key, then entity, then text (the index's order): by the key's
        /// first eight bytes as one big-endian number first, with a radix sort (a pass per byte
        /// that is not the same in every key), so most records are placed without touching an
        /// arena; records whose eight bytes tie are then ordered by the whole key, entity and text.
        /// - Complexity: O(n) for the radix passes, plus the comparison sorts of the ties.
        mutating func sort() {
            let all = records
            let n = all.count
            guard n > 1 else { return }
            var order = [UInt32](unsafeUninitializedCapacity: n) { b, c in
                for i in 0..<n { b[i] = UInt32(i) }
                c = n
            }
            keys.withUnsafeBufferPointer { k in
                texts.withUnsafeBufferPointer { t in
                    var prefixes = [UInt64](unsafeUninitializedCapacity: n) { b, c in
                        for i in 0..<n {
                            let r = all[i]
                            let length = Int(r.keyLength), start = Int(r.keyStart)
                            var v: UInt64 = 0
                            for j in 0..<8 { v = v << 8 | UInt64(j < length ? k[start + j] : 0) }
                            b[i] = v
                        }
                        c = n
                    }
                    Self.radixSort(&prefixes, carrying: &order)
                    var i = 0
                    while i < n {
                        var j = i + 1
                        while j < n, prefixes[j] == prefixes[i] { j += 1 }
                        if j - i > 1 { order[i..<j].sort { Self.less(all[Int($0)], all[Int($1)], k, t) } }
                        i = j
                    }
                }
            }
            records = order.map { all[Int($0)] }
        }

        /// Sorts `values` ascending, least significant byte first (stable), moving `carried`
        /// alongside; a byte position that is the same in every value is skipped.
        static func radixSort(_ values: inout [UInt64], carrying carried: inout [UInt32]) {
            let n = values.count
            var counts = [Int](repeating: 0, count: 8 * 256)
            for v in values {
                for byte in 0..<8 { counts[byte << 8 | Int(truncatingIfNeeded: v >> (8 * byte)) & 0xFF] += 1 }
            }
            var otherValues = [UInt64](repeating: 0, count: n), otherCarried = [UInt32](repeating: 0, count: n)
            var next = [Int](repeating: 0, count: 256)
            for byte in 0..<8 {
                let shift = UInt64(8 * byte)
                if counts[byte << 8 | Int(truncatingIfNeeded: values[0] >> shift) & 0xFF] == n { continue }
                var sum = 0
                for b in 0..<256 { next[b] = sum; sum += counts[byte << 8 | b] }
                values.withUnsafeBufferPointer { from in
                    carried.withUnsafeBufferPointer { fromCarried in
                        otherValues.withUnsafeMutableBufferPointer { to in
                            otherCarried.withUnsafeMutableBufferPointer { toCarried in
                                next.withUnsafeMutableBufferPointer { next in
                                    for i in 0..<n {
                                        let b = Int(truncatingIfNeeded: from[i] >> shift) & 0xFF
                                        let at = next[b]
                                        to[at] = from[i]
                                        toCarried[at] = fromCarried[i]
                                        next[b] = at + 1
                                    }
                                }
                            }
                        }
                    }
                }
                swap(&values, &otherValues)
                swap(&carried, &otherCarried)
            }
        }

        /// Key, then entity, then text.
        static func less(_ a: Record, _ b: Record, _ k: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>) -> Bool {
            let c = LabelIndex.compareBytes(UnsafeBufferPointer(rebasing: k[Int(a.keyStart)..<Int(a.keyStart + a.keyLength)]),
                                            UnsafeBufferPointer(rebasing: k[Int(b.keyStart)..<Int(b.keyStart + b.keyLength)]))
            if c != 0 { return c < 0 }
            if a.entity != b.entity { return a.entity < b.entity }
            return LabelIndex.compareBytes(UnsafeBufferPointer(rebasing: t[Int(a.textStart)..<Int(a.textStart + a.textLength)]),
                                           UnsafeBufferPointer(rebasing: t[Int(b.textStart)..<Int(b.textStart + b.textLength)])) < 0
        }

        /// The arenas and records of two sorted builders as one index: the records merged in
        /// order (`a`'s first on ties), an entity's second record of the same key dropped.
        /// `a` is left empty: its arenas, with `b`'s appended, are the result's.
        static func merged(_ a: inout Builder, _ b: Builder) -> ([UInt8], [UInt8], [Record]) {
            let keyShift = UInt32(a.keys.count), textShift = UInt32(a.texts.count)
            var keys = a.keys, texts = a.texts
            let first = a.records
            a = Builder()
            keys.append(contentsOf: b.keys)
            texts.append(contentsOf: b.texts)
            let second = b.records.map {
                Record(keyStart: $0.keyStart + keyShift, keyLength: $0.keyLength,
                       textStart: $0.textStart + textShift, textLength: $0.textLength, entity: $0.entity)
            }
            var records: [Record] = []
            records.reserveCapacity(first.count + second.count)
            keys.withUnsafeBufferPointer { k in
                texts.withUnsafeBufferPointer { t in
                    func sameName(_ x: Record, _ y: Record) -> Bool {
                        x.entity == y.entity && LabelIndex.compareBytes(
                            UnsafeBufferPointer(rebasing: k[Int(x.keyStart)..<Int(x.keyStart + x.keyLength)]),
                            UnsafeBufferPointer(rebasing: k[Int(y.keyStart)..<Int(y.keyStart + y.keyLength)])) == 0
                    }
                    func take(_ r: Record) {
                        if let last = records.last, sameName(last, r) { return }
                        records.append(r)
                    }
                    var i = 0, j = 0
                    while i < first.count || j < second.count {
                        if j == second.count || (i < first.count && !less(second[j], first[i], k, t)) {
                            take(first[i]); i += 1
                        } else {
                            take(second[j]); j += 1
                        }
                    }
                }
            }
            return (keys, texts, records)
        }
    }
}
