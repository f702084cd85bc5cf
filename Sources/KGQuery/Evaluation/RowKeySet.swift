import KGModel

/// A set of keys of one fixed width (a few term ids each), for `distinct`: the keys lie end to
/// end in one array and an open-addressed table of their positions finds them, so a row that is
/// checked costs no allocation, where a `Set<[TermID]>` allocated an array per row and hashed it
/// through `Hasher`.
struct RowKeySet {
    let width: Int
    /// The keys in order of insertion, `width` ids each.
    private var keys: [TermID] = []
    /// Per slot, 0 when empty, else 1 + the key's index.
    private var table: [Int32]
    private(set) var count = 0

    init(width: Int) {
        self.width = width
        table = [Int32](repeating: 0, count: 16)
    }

    /// Inserts the key whose `j`-th id is `id(j)`; false when it was already there.
    @inline(__always)
    mutating func insert(_ id: (Int) -> TermID) -> Bool {
        let mask = table.count - 1
        var slot = Self.hash(width, id) & mask
        while true {
            let entry = Int(table[slot])
            if entry == 0 { break }
            let base = (entry - 1) * width
            var same = true
            for j in 0..<width where keys[base + j] != id(j) { same = false; break }
            if same { return false }
            slot = (slot + 1) & mask
        }
        guard count < Int(Int32.max) - 1 else { preconditionFailure("more distinct keys than a table holds") }
        for j in 0..<width { keys.append(id(j)) }
        count += 1
        table[slot] = Int32(count)
        if count * 2 > table.count { grow() }
        return true
    }

    /// Inserts the values of `row` in `slots`.
    @inline(__always)
    mutating func insert(_ row: Row, slots: [Int]) -> Bool {
        insert { row[slots[$0]] }
    }

    /// Mixes the ids (sequential small integers) so that neighbouring keys spread over the table.
    @inline(__always)
    private static func hash(_ width: Int, _ id: (Int) -> TermID) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for j in 0..<width { h = (h ^ UInt64(id(j))) &* 0xBF58_476D_1CE4_E5B9; h ^= h >> 29 }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: table.count * 2)
        let mask = bigger.count - 1
        for e in 0..<count {
            var slot = Self.hash(width) { keys[e * width + $0] } & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(e + 1)
        }
        table = bigger
    }
}
