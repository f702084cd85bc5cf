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
            // A value (a budget, a date) is usually the object of a few facts of one predicate:
            // its run in OSP, when that is all there is, needs no search inside p's run in POS.
            if Int(o) + 1 < ospOffsets.count {
                let run = Int(ospOffsets[Int(o)])..<Int(ospOffsets[Int(o) + 1])
                if run.count <= 8, osp[run].allSatisfy({ triples[Int($0)].predicate == p }) { return osp[run] }
            }
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

    /// Rebuilds the three orders, their offset tables, the per-predicate counts and the label
    /// index. SPO: each fact scattered into its subject's run (one counting pass), each run sorted
    /// by (predicate, object); then OSP is SPO scattered stably by object, and POS is OSP scattered
    /// stably by predicate — one pass each, since a stable scatter by the first key keeps the order
    /// of the other two. Facts appended twice are merged after SPO. The label index is built in
    /// two halves: the names entities' ids give, on another core from the start, and the names
    /// facts give (which reads POS), here once POS is built.
    mutating func rebuildIndexes() {
        // The names entities' ids give need no index: they are collected and sorted on another
        // core while this one builds the indexes, the names facts give, and the counts.
        final class Side: @unchecked Sendable {
            var idNames = LabelIndex.Builder()
        }
        let side = Side()
        let group = DispatchGroup()
        let (entities, dictionary) = (entityTypes, terms)
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            side.idNames = LabelIndex.idNames(of: entities, terms: dictionary)
        }
        var (subjects, predicates, objects) = columns()
        let termCount = terms.count
        spoOffsets = Self.offsets(subjects, termCount)
        spo = Self.subjectOrder(triples, offsets: spoOffsets)
        if uncheckedFrom != nil {
            let before = triples.count
            mergeAppendedDuplicates()
            if triples.count != before {
                (subjects, predicates, objects) = columns()
                spoOffsets = Self.offsets(subjects, termCount)
                spo = Self.subjectOrder(triples, offsets: spoOffsets)
            }
        }
        ospOffsets = Self.offsets(objects, termCount)
        osp = Self.scattered(spo, by: objects, offsets: ospOffsets)
        posOffsets = Self.offsets(predicates, termCount)
        pos = Self.scattered(osp, by: predicates, offsets: posOffsets)
        let (factNames, naming) = LabelIndex.factNames(self)
        distinctObjects = Self.runCounts(pos, first: predicates, second: objects, termCount: termCount)
        // SPO is sorted by subject then predicate: each new (s, p) is one more subject of p.
        distinctSubjects = Self.runCounts(spo, first: subjects, second: predicates, countingSecond: true, termCount: termCount)
        group.wait()
        var idNames = side.idNames
        side.idNames = LabelIndex.Builder()
        labels = LabelIndex(merging: &idNames, factNames, naming: naming)
    }

    /// The facts' subjects, predicates and objects as three columns.
    private func columns() -> ([UInt32], [UInt32], [UInt32]) {
        let n = triples.count
        var subjects = [UInt32](repeating: 0, count: n), predicates = subjects, objects = subjects
        triples.withUnsafeBufferPointer { t in
            for i in 0..<n {
                subjects[i] = t[i].subject
                predicates[i] = t[i].predicate
                objects[i] = t[i].object
            }
        }
        return (subjects, predicates, objects)
    }

    /// Fact ids in SPO order: scattered into their subjects' runs in id order, each run then
    /// sorted by (predicate, object, id) — equal facts stay in id order.
    static func subjectOrder(_ triples: [Triple], offsets: [UInt32]) -> [UInt32] {
        var order = [UInt32](repeating: 0, count: triples.count)
        var next = offsets
        triples.withUnsafeBufferPointer { t in
            order.withUnsafeMutableBufferPointer { out in
                next.withUnsafeMutableBufferPointer { next in
                    for i in 0..<t.count {
                        let s = Int(t[i].subject)
                        out[Int(next[s])] = UInt32(i)
                        next[s] += 1
                    }
                }
                @inline(__always) func less(_ a: UInt32, _ b: UInt32) -> Bool {
                    let x = t[Int(a)], y = t[Int(b)]
                    if x.predicate != y.predicate { return x.predicate < y.predicate }
                    if x.object != y.object { return x.object < y.object }
                    return a < b
                }
                for s in 0..<(offsets.count - 1) {
                    let lo = Int(offsets[s]), hi = Int(offsets[s + 1])
                    guard hi - lo > 1 else { continue }
                    if hi - lo <= 24 {
                        for i in (lo + 1)..<hi {
                            let x = out[i]
                            var j = i
                            while j > lo, less(x, out[j - 1]) { out[j] = out[j - 1]; j -= 1 }
                            out[j] = x
                        }
                    } else {
                        var run = UnsafeMutableBufferPointer(rebasing: out[lo..<hi])
                        run.sort(by: less)
                    }
                }
            }
        }
        return order
    }

    /// `order` scattered stably by `key`: sorted by the key first, `order`'s order kept within.
    static func scattered(_ order: [UInt32], by key: [UInt32], offsets: [UInt32]) -> [UInt32] {
        var out = [UInt32](repeating: 0, count: order.count)
        var next = offsets
        order.withUnsafeBufferPointer { order in
            key.withUnsafeBufferPointer { key in
                out.withUnsafeMutableBufferPointer { out in
                    next.withUnsafeMutableBufferPointer { next in
                        for id in order {
                            let k = Int(key[Int(id)])
                            out[Int(next[k])] = id
                            next[k] += 1
                        }
                    }
                }
            }
        }
        return out
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
    static func runCounts(_ index: [UInt32], first: [UInt32], second: [UInt32], countingSecond: Bool = false, termCount: Int) -> [TermID: Int] {
        var dense = [UInt32](repeating: 0, count: termCount)
        index.withUnsafeBufferPointer { index in
            first.withUnsafeBufferPointer { first in
                second.withUnsafeBufferPointer { second in
                    dense.withUnsafeMutableBufferPointer { dense in
                        var previous: (UInt32, UInt32) = (UInt32.max, UInt32.max)
                        for id in index {
                            let key = (first[Int(id)], second[Int(id)])
                            if previous == key { continue }
                            previous = key
                            dense[Int(countingSecond ? key.1 : key.0)] += 1
                        }
                    }
                }
            }
        }
        var counts: [TermID: Int] = [:]
        for (t, c) in dense.enumerated() where c > 0 { counts[TermID(t)] = Int(c) }
        return counts
    }

    /// How many distinct subjects and objects the facts of `predicate` have.
    /// - Complexity: O(1); counted when the indexes are rebuilt.
    public func distinctCounts(predicate: TermID) -> (subjects: Int, objects: Int) {
        (distinctSubjects[predicate] ?? 0, distinctObjects[predicate] ?? 0)
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
