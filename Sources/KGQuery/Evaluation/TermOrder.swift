import KGModel

/// One total order over result values, used by `order by`, `min` and `max`:
/// unbound, numbers (one numeric order), dates and times, strings, booleans, entities (by label).
struct TermOrder {
    let terms: TermTable
    let language: String

    func rank(_ t: Term?) -> Int {
        switch t {
        case nil: 0
        case .literal(let l)?:
            if l.numericKey != nil { 1 } else if l.temporalKey != nil { 2 } else if case .string = l { 3 } else { 4 }
        case .entity?: 5
        }
    }

    func less(_ a: TermID?, _ b: TermID?) -> Bool { compare(a, b) < 0 }

    func compare(_ a: TermID?, _ b: TermID?) -> Int {
        let names = Names()
        return compare(key(a, names), key(b, names), names)
    }

    /// What `compare` reads of one value, worked out once per value rather than per comparison.
    /// Plain values only (strings sit in `Names.texts`), so copying a key costs no reference
    /// counting while sorting.
    struct Key {
        let id: TermID?
        let rank: Int
        var number: Int128? = nil
        var time: Int64? = nil
        /// Index into `Names.texts` of a string's text and tag; -1 for other values.
        var text = -1
        var boolean: Bool? = nil
        /// The literal kind's place in the order of kind names (`LiteralKind.rawValue`).
        var kind = -1
    }

    /// Kind names in the order `compare` puts kinds in.
    static let kindOrder: [LiteralKind: Int] = Dictionary(uniqueKeysWithValues: LiteralKind.allCases.sorted { $0.rawValue < $1.rawValue }.enumerated().map { ($1, $0) })

    /// Entity names for sort keys, looked up only when two different entities tie on everything
    /// before them (most orders never need one).
    final class Names {
        var cache: [TermID: String] = [:]
        /// Text and language tag of the string values being ordered.
        var texts: [(String, String)] = []
    }

    func key(_ id: TermID?, _ names: Names) -> Key {
        // An entity's key is its rank alone (its label is looked up only on a tie): no need to
        // decode its name.
        if let id, terms.isStored(id), terms.store.terms.isEntity(id) { return Key(id: id, rank: 5) }
        let t = id.map { terms[$0] }
        var k = Key(id: id, rank: rank(t))
        switch t {
        case .literal(let l)?:
            k.number = l.numericKey
            k.time = l.temporalKey
            if case .string(let s, let tag) = l {
                k.text = names.texts.count
                names.texts.append((s, tag ?? ""))
            }
            if case .boolean(let b) = l { k.boolean = b }
            k.kind = Self.kindOrder[l.kind]!
        case .entity?, nil:
            break
        }
        return k
    }

    /// `compare` over keys: the same order, without decoding a term; labels looked up once each.
    func compare(_ x: Key, _ y: Key, _ names: Names) -> Int {
        if x.id == y.id { return 0 }
        if x.rank != y.rank { return x.rank < y.rank ? -1 : 1 }
        switch x.rank {
        case 1...4:
            if let a = x.number, let b = y.number, a != b { return a < b ? -1 : 1 }
            if let a = x.time, let b = y.time, a != b { return a < b ? -1 : 1 }
            if x.text >= 0, y.text >= 0 {
                let (a, at) = names.texts[x.text], (b, bt) = names.texts[y.text]
                if a != b { return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? -1 : 1 }
                return at < bt ? -1 : (at == bt ? 0 : 1)
            }
            if let a = x.boolean, let b = y.boolean, a != b { return a ? 1 : -1 }
            return x.kind < y.kind ? -1 : (x.kind == y.kind ? (x.id! < y.id! ? -1 : 1) : 1)
        case 5:
            func name(_ id: TermID) -> String {
                if let n = names.cache[id] { return n }
                let n = terms.store.displayName(id, language: language)
                names.cache[id] = n
                return n
            }
            let a = name(x.id!), b = name(y.id!)
            if a != b { return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? -1 : 1 }
            return x.id! < y.id! ? -1 : 1
        default:
            return 0
        }
    }

    /// `table` ordered by `orderBy` (column, descending), ties kept in table order; with
    /// `keeping`, only that many first rows, chosen without sorting the rest.
    /// - Complexity: O(n log n), or O(n log k) to keep k rows; one key per distinct value of the
    ///   first column, and of a later column only for the rows that tie before it.
    /// `tick` is called once per row and comparison (`Budget.tick`): it throws to stop the sort
    /// (Ctrl-C, a time limit).
    func sorted(_ table: [[TermID?]], by orderBy: [(column: Int, descending: Bool)], keeping: Int?,
                tick step: () throws -> Void = {}) throws -> [[TermID?]] {
        guard let first = orderBy.first else { return keeping.map { Array(table.prefix($0)) } ?? table }
        var cache: [TermID: Key] = [:]
        let names = Names()
        let none = key(nil, names)
        func cachedKey(_ id: TermID?) -> Key {
            guard let id else { return none }
            // Entities and numbers make their keys without a look-up; a string's key holds its
            // text, kept once per value.
            if terms.isStored(id), !terms.store.terms.isString(id) { return key(id, names) }
            if let k = cache[id] { return k }
            let k = key(id, names)
            cache[id] = k
            return k
        }
        // The first column's keys up front; the others' on the first tie that needs them.
        let keys = try table.map { try step(); return cachedKey($0[first.column]) }
        var later: [[Key?]] = Array(repeating: [], count: orderBy.count)
        func laterKey(_ row: Int, _ n: Int) -> Key {
            if later[n].isEmpty { later[n] = Array(repeating: nil, count: table.count) }
            if let k = later[n][row] { return k }
            let k = cachedKey(table[row][orderBy[n].column])
            later[n][row] = k
            return k
        }
        func before(_ i: Int, _ j: Int) throws -> Bool {
            try step()
            let c = compare(keys[i], keys[j], names)
            if c != 0 { return first.descending ? c > 0 : c < 0 }
            for n in orderBy.indices.dropFirst() {
                let c = compare(laterKey(i, n), laterKey(j, n), names)
                if c != 0 { return orderBy[n].descending ? c > 0 : c < 0 }
            }
            return i < j
        }
        var order: [Int]
        if let k = keeping, k < table.count / 4 {
            // The best k so far, in order; a row enters by binary search when it beats the last.
            order = []
            order.reserveCapacity(k + 1)
            for i in table.indices where k > 0 {
                if order.count == k, try !before(i, order[k - 1]) { continue }
                var lo = 0, hi = order.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if try before(order[mid], i) { lo = mid + 1 } else { hi = mid }
                }
                order.insert(i, at: lo)
                if order.count > k { order.removeLast() }
            }
        } else {
            order = Array(table.indices)
            try order.sort(by: before)
        }
        return order.map { table[$0] }
    }
}
