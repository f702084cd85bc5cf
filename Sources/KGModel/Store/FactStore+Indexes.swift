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
        let (order, run, _) = positions(subject: subject, predicate: predicate, object: object)
        return switch order {
        case .spo: spo[run]
        case .pos: pos[run]
        case .osp: osp[run]
        }
    }

    /// Calls `body` with each fact matching the pattern (nil positions unbound), in the order
    /// `match` gives their ids, until it returns false. The facts come from the index's own key
    /// columns, not from `triples`: one contiguous read per position.
    @inline(__always)
    public func forEachTriple(subject: TermID?, predicate: TermID?, object: TermID?, _ body: (Triple) throws -> Bool) rethrows {
        // A value or an entity with few facts pointing at it: reading its run in OSP for the
        // predicate touches a cache line or two, where a binary search in the predicate's run in
        // POS misses the cache at each step. Same facts, same order (by subject).
        if subject == nil, let p = predicate, let o = object, Int(o) + 1 < ospOffsets.count {
            let run = Int(ospOffsets[Int(o)])..<Int(ospOffsets[Int(o) + 1])
            if run.count <= 64 {
                for i in run where ospKeys.third[i] == p {
                    if try !body(Triple(ospKeys.second[i], p, o)) { return }
                }
                return
            }
        }
        let (order, run, first) = positions(subject: subject, predicate: predicate, object: object)
        guard !run.isEmpty else { return }
        let keys = indexKeys(order)
        guard let first else {
            // Nothing bound: every fact, subject by subject.
            for s in 0..<(spoOffsets.count - 1) {
                for i in Int(spoOffsets[s])..<Int(spoOffsets[s + 1]) {
                    if try !body(Triple(TermID(s), keys.second[i], keys.third[i])) { return }
                }
            }
            return
        }
        try keys.second.withUnsafeBufferPointer { second in
            try keys.third.withUnsafeBufferPointer { third in
                for i in run {
                    let t = switch order {
                    case .spo: Triple(first, second[i], third[i])
                    case .pos: Triple(third[i], first, second[i])
                    case .osp: Triple(second[i], third[i], first)
                    }
                    if try !body(t) { return }
                }
            }
        }
    }

    /// Each distinct object of `predicate`'s facts and how many of them it is the object of, in
    /// object order, until `body` returns false. Read from the predicate's run in POS, where each
    /// object's facts lie together: the end of each object's run is found by galloping and a
    /// binary search, so counting per object costs about log of its facts, not a step per fact.
    public func forEachObjectCount(predicate: TermID, _ body: (TermID, Int) throws -> Bool) rethrows {
        let run = range(.pos, predicate, count: 1)
        try posKeys.second.withUnsafeBufferPointer { objects in
            var i = run.lowerBound
            while i < run.upperBound {
                let o = objects[i]
                var step = 1
                while i + step < run.upperBound, objects[i + step] == o { step *= 2 }
                // objects[lo] is o; objects[hi] is past o's run, or hi is the run's end.
                var lo = i + step / 2, hi = min(i + step, run.upperBound)
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2
                    if objects[mid] == o { lo = mid } else { hi = mid }
                }
                if try !body(o, hi - i) { return }
                i = hi
            }
        }
    }

    /// The second and third keys of one index's positions.
    @inline(__always)
    func indexKeys(_ order: Order) -> IndexKeys {
        switch order {
        case .spo: spoKeys
        case .pos: posKeys
        case .osp: ospKeys
        }
    }

    /// Which index holds the facts matching a pattern, where in it, and the index's first key
    /// (nil when nothing is bound).
    @inline(__always)
    func positions(subject: TermID?, predicate: TermID?, object: TermID?) -> (Order, Range<Int>, TermID?) {
        switch (subject, predicate, object) {
        case let (s?, p?, o?):
            return (.spo, range(.spo, s, p, o, count: 3), s)
        case let (s?, p?, nil):
            return (.spo, range(.spo, s, p, count: 2), s)
        case let (s?, nil, nil):
            return (.spo, range(.spo, s, count: 1), s)
        case let (nil, p?, o?):
            // A value (a budget, a date) is usually the object of a few facts of one predicate:
            // its run in OSP, when that is all there is, needs no search inside p's run in POS.
            if Int(o) + 1 < ospOffsets.count {
                let run = Int(ospOffsets[Int(o)])..<Int(ospOffsets[Int(o) + 1])
                if run.count <= 8, ospKeys.third[run].allSatisfy({ $0 == p }) { return (.osp, run, o) }
            }
            return (.pos, range(.pos, p, o, count: 2), p)
        case let (nil, p?, nil):
            return (.pos, range(.pos, p, count: 1), p)
        case let (nil, nil, o?):
            return (.osp, range(.osp, o, count: 1), o)
        case let (s?, nil, o?):
            return (.osp, range(.osp, o, s, count: 2), o)
        case (nil, nil, nil):
            return (.spo, 0..<spo.count, nil)
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
    /// of the other two; each index's key columns are written in the same pass. Facts appended
    /// twice are merged after SPO. The label index is built in two halves on another thread while
    /// this one builds the indexes and the counts: the names entities' ids give, from the start,
    /// then the names facts give, once the facts are final; then one merge pass.
    mutating func rebuildIndexes() {
        final class Side: @unchecked Sendable {
            var idNames = LabelIndex.Builder()
            var factNames = (LabelIndex.Builder(), naming: [TermID]())
            var facts: [Triple] = []
            let factsFinal = DispatchSemaphore(value: 0)
        }
        let side = Side()
        let group = DispatchGroup()
        let (entities, dictionary, schema, builtins) = (entityTypes, terms, self.schema, self.builtins)
        // One thread for both halves, the second waiting for the facts: a thread each took the
        // indexes' core from them, no faster (and, before one malloc heap for all threads, held
        // 10 MB more at 1M).
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            side.idNames = LabelIndex.idNames(of: entities, terms: dictionary)
            side.factsFinal.wait()
            side.factNames = LabelIndex.factNames(side.facts, terms: dictionary, schema: schema, builtins: builtins)
            side.facts = []
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
        // The facts are final: the names they give are collected on the other thread meanwhile.
        side.facts = triples
        side.factsFinal.signal()
        spoKeys = Self.keys(of: spo, predicates, objects)
        ospOffsets = Self.offsets(objects, termCount)
        (osp, ospKeys) = Self.rotated(spo, spoKeys, offsets: spoOffsets, into: ospOffsets)
        posOffsets = Self.offsets(predicates, termCount)
        (pos, posKeys) = Self.rotated(osp, ospKeys, offsets: ospOffsets, into: posOffsets)
        // POS is sorted by predicate then object: each new object in p's run is one more of p's.
        distinctObjects = Self.runCounts(posKeys.second, offsets: posOffsets, termCount: termCount)
        // SPO is sorted by subject then predicate: each new (s, p) is one more subject of p.
        distinctSubjects = Self.runCounts(spoKeys.second, offsets: spoOffsets, countingSecond: true, termCount: termCount)
        group.wait()
        var idNames = side.idNames
        side.idNames = LabelIndex.Builder()
        let (factNames, naming) = side.factNames
        side.factNames = (LabelIndex.Builder(), [])
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

    /// The second and third keys of SPO's positions: each fact's predicate and object.
    static func keys(of order: [UInt32], _ second: [UInt32], _ third: [UInt32]) -> IndexKeys {
        var keys = IndexKeys(second: [UInt32](repeating: 0, count: order.count), third: [UInt32](repeating: 0, count: order.count))
        order.withUnsafeBufferPointer { order in
            second.withUnsafeBufferPointer { second in
                third.withUnsafeBufferPointer { third in
                    keys.second.withUnsafeMutableBufferPointer { outSecond in
                        keys.third.withUnsafeMutableBufferPointer { outThird in
                            for (i, id) in order.enumerated() {
                                outSecond[i] = second[Int(id)]
                                outThird[i] = third[Int(id)]
                            }
                        }
                    }
                }
            }
        }
        return keys
    }

    /// The index sorted by the third key of `order` (its run's first key and its second key
    /// following), with `order`'s order kept within each run: SPO gives OSP, OSP gives POS. One
    /// pass reading `order`, its keys and its runs in sequence; only the writes scatter.
    static func rotated(_ order: [UInt32], _ keys: IndexKeys, offsets: [UInt32], into targetOffsets: [UInt32]) -> ([UInt32], IndexKeys) {
        let n = order.count
        var out = [UInt32](repeating: 0, count: n)
        var outKeys = IndexKeys(second: out, third: out)
        var next = targetOffsets
        order.withUnsafeBufferPointer { order in
            keys.second.withUnsafeBufferPointer { second in
                keys.third.withUnsafeBufferPointer { third in
                    out.withUnsafeMutableBufferPointer { out in
                        outKeys.second.withUnsafeMutableBufferPointer { outSecond in
                            outKeys.third.withUnsafeMutableBufferPointer { outThird in
                                next.withUnsafeMutableBufferPointer { next in
                                    for first in 0..<(offsets.count - 1) {
                                        for i in Int(offsets[first])..<Int(offsets[first + 1]) {
                                            let k = Int(third[i])
                                            let d = Int(next[k])
                                            next[k] += 1
                                            out[d] = order[i]
                                            outSecond[d] = UInt32(first)
                                            outThird[d] = second[i]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (out, outKeys)
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

    /// Over an index whose runs (`offsets`) are sorted by `second`: how many distinct `second`
    /// values each run's first key has — or, with `countingSecond`, for each `second` value how
    /// many runs hold it.
    static func runCounts(_ second: [UInt32], offsets: [UInt32], countingSecond: Bool = false, termCount: Int) -> [TermID: Int] {
        var dense = [UInt32](repeating: 0, count: termCount)
        second.withUnsafeBufferPointer { second in
            dense.withUnsafeMutableBufferPointer { dense in
                for first in 0..<(offsets.count - 1) {
                    var previous = UInt32.max
                    for i in Int(offsets[first])..<Int(offsets[first + 1]) where second[i] != previous {
                        previous = second[i]
                        dense[countingSecond ? Int(previous) : first] += 1
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

    /// The positions of an index whose first `count` keys (in `order`) equal `a, b, c`: the
    /// first key's run from the offset table, the others by binary search in the key columns.
    private func range(_ order: Order, _ a: TermID, _ b: TermID = 0, _ c: TermID = 0, count: Int) -> Range<Int> {
        let offsets = switch order {
        case .spo: spoOffsets
        case .pos: posOffsets
        case .osp: ospOffsets
        }
        let keys = indexKeys(order)
        guard Int(a) + 1 < offsets.count else { return 0..<0 }
        let first = Int(offsets[Int(a)])..<Int(offsets[Int(a) + 1])
        if count == 1 || first.count == 0 { return first }
        return keys.second.withUnsafeBufferPointer { second in
            keys.third.withUnsafeBufferPointer { third in
                @inline(__always) func compare(_ i: Int) -> Int {
                    if second[i] != b { return second[i] < b ? -1 : 1 }
                    if count == 2 { return 0 }
                    if third[i] != c { return third[i] < c ? -1 : 1 }
                    return 0
                }
                var lo = first.lowerBound, hi = first.upperBound
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if compare(mid) < 0 { lo = mid + 1 } else { hi = mid }
                }
                let start = lo
                hi = first.upperBound
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if compare(mid) <= 0 { lo = mid + 1 } else { hi = mid }
                }
                return start..<lo
            }
        }
    }
}

/// The second and third keys of an index's positions, as two columns.
struct IndexKeys: Sendable {
    var second: [UInt32] = []
    var third: [UInt32] = []
}
