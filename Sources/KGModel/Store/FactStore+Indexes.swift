/// The three permutation indexes (SPO, POS, OSP): every pattern of bound and unbound
/// positions is a contiguous range of one of them, found by binary search.
extension FactStore {
    /// Ids of the facts matching a pattern; nil positions are unbound.
    /// - Complexity: O(log n) to find the range; the result is a slice of an index.
    public func match(subject: TermID?, predicate: TermID?, object: TermID?) -> ArraySlice<UInt32> {
        switch (subject, predicate, object) {
        case let (s?, p?, o?):
            return range(in: spo, order: .spo, key: [s, p, o])
        case let (s?, p?, nil):
            return range(in: spo, order: .spo, key: [s, p])
        case let (s?, nil, nil):
            return range(in: spo, order: .spo, key: [s])
        case let (nil, p?, o?):
            return range(in: pos, order: .pos, key: [p, o])
        case let (nil, p?, nil):
            return range(in: pos, order: .pos, key: [p])
        case let (nil, nil, o?):
            return range(in: osp, order: .osp, key: [o])
        case let (s?, nil, o?):
            return range(in: osp, order: .osp, key: [o, s])
        case (nil, nil, nil):
            return spo[...]
        }
    }

    /// The number of facts matching a pattern, without materialising them.
    /// - Complexity: O(log n).
    public func count(subject: TermID?, predicate: TermID?, object: TermID?) -> Int {
        match(subject: subject, predicate: predicate, object: object).count
    }

    enum Order { case spo, pos, osp }

    @inline(__always)
    func key(_ t: Triple, _ order: Order) -> (TermID, TermID, TermID) {
        switch order {
        case .spo: (t.subject, t.predicate, t.object)
        case .pos: (t.predicate, t.object, t.subject)
        case .osp: (t.object, t.subject, t.predicate)
        }
    }

    mutating func rebuildPermutations() {
        let ids = (0..<UInt32(triples.count)).map { $0 }
        let t = triples
        spo = ids.sorted { key(t[Int($0)], .spo) < key(t[Int($1)], .spo) }
        pos = ids.sorted { key(t[Int($0)], .pos) < key(t[Int($1)], .pos) }
        osp = ids.sorted { key(t[Int($0)], .osp) < key(t[Int($1)], .osp) }
    }

    /// The slice of `index` whose first `key.count` positions equal `key`.
    private func range(in index: [UInt32], order: Order, key bound: [TermID]) -> ArraySlice<UInt32> {
        func compare(_ fact: UInt32) -> Int {
            let k = key(triples[Int(fact)], order)
            let parts = [k.0, k.1, k.2]
            for i in 0..<bound.count where parts[i] != bound[i] {
                return parts[i] < bound[i] ? -1 : 1
            }
            return 0
        }
        var lo = 0, hi = index.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compare(index[mid]) < 0 { lo = mid + 1 } else { hi = mid }
        }
        let start = lo
        hi = index.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compare(index[mid]) <= 0 { lo = mid + 1 } else { hi = mid }
        }
        return index[start..<lo]
    }
}
