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
        if a == b { return 0 }
        let ta = a.map { terms[$0] }, tb = b.map { terms[$0] }
        let ra = rank(ta), rb = rank(tb)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (ta, tb) {
        case (.literal(let x)?, .literal(let y)?):
            if let kx = x.numericKey, let ky = y.numericKey, kx != ky { return kx < ky ? -1 : 1 }
            if let kx = x.temporalKey, let ky = y.temporalKey, kx != ky { return kx < ky ? -1 : 1 }
            if case .string(let sx, let lx) = x, case .string(let sy, let ly) = y {
                if sx != sy { return sx.unicodeScalars.lexicographicallyPrecedes(sy.unicodeScalars) ? -1 : 1 }
                return (lx ?? "") < (ly ?? "") ? -1 : ((lx ?? "") == (ly ?? "") ? 0 : 1)
            }
            if case .boolean(let bx) = x, case .boolean(let by) = y, bx != by { return bx ? 1 : -1 }
            return x.kind.rawValue < y.kind.rawValue ? -1 : (x.kind == y.kind ? (a! < b! ? -1 : 1) : 1)
        case (.entity?, .entity?):
            let lx = terms.store.displayName(a!, language: language), ly = terms.store.displayName(b!, language: language)
            if lx != ly { return lx.unicodeScalars.lexicographicallyPrecedes(ly.unicodeScalars) ? -1 : 1 }
            return a! < b! ? -1 : 1
        default:
            return 0
        }
    }

    /// What `compare` reads of one value, worked out once per value rather than per comparison.
    struct Key {
        let id: TermID?
        let rank: Int
        var number: Int128? = nil
        var time: Int64? = nil
        var text: String? = nil
        var tag = ""
        var boolean: Bool? = nil
        var kind = ""
    }

    /// Entity names for sort keys, looked up only when two different entities tie on everything
    /// before them (most orders never need one).
    final class Names {
        var cache: [TermID: String] = [:]
    }

    func key(_ id: TermID?) -> Key {
        let t = id.map { terms[$0] }
        var k = Key(id: id, rank: rank(t))
        switch t {
        case .literal(let l)?:
            k.number = l.numericKey
            k.time = l.temporalKey
            if case .string(let s, let tag) = l { k.text = s; k.tag = tag ?? "" }
            if case .boolean(let b) = l { k.boolean = b }
            k.kind = l.kind.rawValue
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
            if let a = x.text, let b = y.text {
                if a != b { return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? -1 : 1 }
                return x.tag < y.tag ? -1 : (x.tag == y.tag ? 0 : 1)
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
    /// - Complexity: O(n log n), or O(n log k) to keep k rows; one key per distinct value.
    func sorted(_ table: [[TermID?]], by orderBy: [(column: Int, descending: Bool)], keeping: Int?) -> [[TermID?]] {
        var cache: [TermID: Key] = [:]
        let none = key(nil)
        let keys: [[Key]] = table.map { row in
            orderBy.map { o in
                guard let id = row[o.column] else { return none }
                if let k = cache[id] { return k }
                let k = key(id)
                cache[id] = k
                return k
            }
        }
        let names = Names()
        func before(_ i: Int, _ j: Int) -> Bool {
            for (n, o) in orderBy.enumerated() {
                let c = compare(keys[i][n], keys[j][n], names)
                if c != 0 { return o.descending ? c > 0 : c < 0 }
            }
            return i < j
        }
        var order: [Int]
        if let k = keeping, k < table.count / 4 {
            // The best k so far, in order; a row enters by binary search when it beats the last.
            order = []
            order.reserveCapacity(k + 1)
            for i in table.indices where k > 0 {
                if order.count == k, !before(i, order[k - 1]) { continue }
                var lo = 0, hi = order.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if before(order[mid], i) { lo = mid + 1 } else { hi = mid }
                }
                order.insert(i, at: lo)
                if order.count > k { order.removeLast() }
            }
        } else {
            order = Array(table.indices)
            order.sort(by: before)
        }
        return order.map { table[$0] }
    }
}
