import Foundation

/// The three permutation indexes (SPO, POS, OSP): every pattern of bound and unbound
/// positions is a contiguous range of one of them. Each index has an offset table over term ids
/// (compressed sparse rows), so the facts of one subject, predicate or object are found in O(1);
/// a second or third bound position is found by binary search inside that range.
extension FactStore {
    /// Ids of the facts matching a pattern; nil positions are unbound.
    /// - Complexity: O(1) for one bound position, O(log k) inside the k facts of the first for
    ///   more; the result is a slice of an index.
    public func match(subject: TermID?, predicate: TermID?, object: TermID?) -> ArraySlice<UInt32> {
        switch (subject, predicate, object) {
        case let (s?, p?, o?):
            return range(in: spo, order: .spo, s, p, o, count: 3)
        case let (s?, p?, nil):
            return range(in: spo, order: .spo, s, p, count: 2)
        case let (s?, nil, nil):
            return range(in: spo, order: .spo, s, count: 1)
        case let (nil, p?, o?):
            return range(in: pos, order: .pos, p, o, count: 2)
        case let (nil, p?, nil):
            return range(in: pos, order: .pos, p, count: 1)
        case let (nil, nil, o?):
            return range(in: osp, order: .osp, o, count: 1)
        case let (s?, nil, o?):
            return range(in: osp, order: .osp, o, s, count: 2)
        case (nil, nil, nil):
            return spo[...]
        }
    }

    /// The number of facts matching a pattern, without materialising them.
    /// - Complexity: as `match`.
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

    /// Rebuilds the three orders and the label index: SPO first (merging facts appended twice),
    /// then POS and the label index (which reads POS) on one core while OSP sorts on another.
    mutating func rebuildIndexes() {
        let (subjects, predicates, objects, bits) = sortSPO()
        let n = triples.count
        final class Results: @unchecked Sendable {
            var pos: [UInt32] = [], osp: [UInt32] = [], labels = LabelIndex()
            var subjectCounts: [TermID: Int] = [:], objectCounts: [TermID: Int] = [:]
        }
        let results = Results()
        let termCount = terms.count
        spoOffsets = Self.offsets(subjects, termCount)
        posOffsets = Self.offsets(predicates, termCount)
        ospOffsets = Self.offsets(objects, termCount)
        let snapshot = self
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                var store = snapshot
                store.pos = Self.radixSorted(n, keys: [subjects, objects, predicates], bits: bits)
                results.objectCounts = Self.runCounts(store.pos, first: predicates, second: objects)
                results.labels = LabelIndex(store: store)
                results.pos = store.pos
            } else {
                results.osp = Self.radixSorted(n, keys: [predicates, subjects, objects], bits: bits)
                // SPO is sorted by subject then predicate: each new (s, p) is one more subject of p.
                results.subjectCounts = Self.runCounts(snapshot.spo, first: subjects, second: predicates, countingSecond: true)
            }
        }
        pos = results.pos
        osp = results.osp
        labels = results.labels
        distinctSubjects = results.subjectCounts
        distinctObjects = results.objectCounts
    }

    /// Where each term's run starts in an index sorted by `column` first: entry t is the number
    /// of facts whose `column` value is below t (one entry past the last term).
    static func offsets(_ column: [UInt32], _ termCount: Int) -> [UInt32] {
        var offsets = [UInt32](repeating: 0, count: termCount + 1)
        offsets.withUnsafeMutableBufferPointer { o in
            for t in column { o[Int(t) + 1] += 1 }
            for i in 0..<termCount { o[i + 1] += o[i] }
        }
        return offsets
    }

    /// Over `index` sorted by (first, second, …): how many distinct `second` values follow each
    /// `first` value — or, with `countingSecond`, for each `second` value how many (first, second)
    /// runs there are.
    static func runCounts(_ index: [UInt32], first: [UInt32], second: [UInt32], countingSecond: Bool = false) -> [TermID: Int] {
        var counts: [TermID: Int] = [:]
        var previous: (UInt32, UInt32)? = nil
        for id in index {
            let key = (first[Int(id)], second[Int(id)])
            if let p = previous, p == key { continue }
            previous = key
            counts[countingSecond ? key.1 : key.0, default: 0] += 1
        }
        return counts
    }

    /// How many distinct subjects and objects the facts of `predicate` have.
    /// - Complexity: O(1); counted when the indexes are rebuilt.
    public func distinctCounts(predicate: TermID) -> (subjects: Int, objects: Int) {
        (distinctSubjects[predicate] ?? 0, distinctObjects[predicate] ?? 0)
    }

    /// Sorts SPO, merging facts appended twice; the columns and key width for the other orders.
    private mutating func sortSPO() -> ([UInt32], [UInt32], [UInt32], Int) {
        let n = triples.count
        var subjects = [UInt32](repeating: 0, count: n), predicates = subjects, objects = subjects
        triples.withUnsafeBufferPointer { t in
            for i in 0..<n {
                subjects[i] = t[i].subject
                predicates[i] = t[i].predicate
                objects[i] = t[i].object
            }
        }
        let bits = max(1, UInt32.bitWidth - UInt32(max(1, terms.count - 1)).leadingZeroBitCount)
        spo = Self.radixSorted(n, keys: [objects, predicates, subjects], bits: bits)
        if uncheckedFrom != nil {
            let before = triples.count
            mergeAppendedDuplicates()
            if triples.count != before { return sortSPO() }
        }
        return (subjects, predicates, objects, bits)
    }

    /// Ids 0..<n sorted by `keys` read last to first (the last key is the most significant), by
    /// least-significant-digit radix sort over the term ids: stable passes of at most 16 bits, a
    /// pass whose digit is the same for every fact skipped.
    /// - Complexity: O(n) per pass, at most six passes.
    static func radixSorted(_ n: Int, keys: [[UInt32]], bits: Int) -> [UInt32] {
        var ids = (0..<UInt32(n)).map { $0 }
        var scratch = [UInt32](repeating: 0, count: n)
        let digits = bits <= 16 ? [(0, bits)] : [(0, (bits + 1) / 2), ((bits + 1) / 2, bits - (bits + 1) / 2)]
        for key in keys {
            for (shift, width) in digits {
                let mask = UInt32((1 << width) - 1)
                var counts = [Int](repeating: 0, count: (1 << width) + 1)
                let moved: Bool = key.withUnsafeBufferPointer { key in
                    ids.withUnsafeMutableBufferPointer { ids in
                        scratch.withUnsafeMutableBufferPointer { out in
                            counts.withUnsafeMutableBufferPointer { counts in
                                for i in 0..<n { counts[Int((key[Int(ids[i])] >> UInt32(shift)) & mask) + 1] += 1 }
                                if counts.contains(n) { return false }
                                for d in 1..<counts.count { counts[d] += counts[d - 1] }
                                for i in 0..<n {
                                    let id = ids[i]
                                    let d = Int((key[Int(id)] >> UInt32(shift)) & mask)
                                    out[counts[d]] = id
                                    counts[d] += 1
                                }
                                return true
                            }
                        }
                    }
                }
                if moved { swap(&ids, &scratch) }
            }
        }
        return ids
    }

    /// The slice of `index` whose first `count` positions (in `order`) equal `a, b, c`.
    private func range(in index: [UInt32], order: Order, _ a: TermID, _ b: TermID = 0, _ c: TermID = 0, count: Int) -> ArraySlice<UInt32> {
        let offsets = switch order {
        case .spo: spoOffsets
        case .pos: posOffsets
        case .osp: ospOffsets
        }
        guard Int(a) + 1 < offsets.count else { return index[0..<0] }
        let first = Int(offsets[Int(a)])..<Int(offsets[Int(a) + 1])
        if count == 1 || first.count == 0 { return index[first] }
        let bounds: Range<Int> = triples.withUnsafeBufferPointer { triples in
            index.withUnsafeBufferPointer { index in
                @inline(__always) func compare(_ fact: UInt32) -> Int {
                    let k = key(triples[Int(fact)], order)
                    if k.1 != b { return k.1 < b ? -1 : 1 }
                    if count == 2 { return 0 }
                    if k.2 != c { return k.2 < c ? -1 : 1 }
                    return 0
                }
                var lo = first.lowerBound, hi = first.upperBound
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if compare(index[mid]) < 0 { lo = mid + 1 } else { hi = mid }
                }
                let start = lo
                hi = first.upperBound
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if compare(index[mid]) <= 0 { lo = mid + 1 } else { hi = mid }
                }
                return start..<lo
            }
        }
        return index[bounds]
    }
}
