/// Adding facts: one at a time with duplicates found at once (`add`), or in bulk with duplicates
/// merged when the indexes are rebuilt (`append`, then `reindex`).
extension FactStore {
    /// Adds a fact with an interned provenance (see `internProvenance(_:)`), or another
    /// provenance to the fact when it is already present; returns the fact's id.
    /// - Complexity: O(1) amortised (O(n) once after a bulk load, to catch the table up).
    @discardableResult
    public mutating func add(_ triple: Triple, provenanceID prov: UInt32) -> UInt32 {
        if factSlotsCover != triples.count { rehashFacts(capacity: factSlots.count) }
        let mask = factSlots.count - 1
        var index = Int(truncatingIfNeeded: Self.hash(triple)) & mask
        while true {
            let slot = factSlots[index]
            if slot == 0 { break }
            if triples[Int(slot - 1)] == triple {
                // The same provenance twice (an RDF file stating a triple twice) is kept once.
                if prov != firstProvenance[Int(slot - 1)], extraProvenance[slot - 1]?.contains(prov) != true {
                    extraProvenance[slot - 1, default: []].append(prov)
                }
                return slot - 1
            }
            index = (index + 1) & mask
        }
        let id = UInt32(triples.count)
        triples.append(triple)
        firstProvenance.append(prov)
        factSlots[index] = id + 1
        factSlotsCover = triples.count
        if triples.count * 2 > factSlots.count { rehashFacts(capacity: factSlots.count * 2) }
        return id
    }

    /// Appends a fact without looking for it first: a fact stated twice is merged (the later
    /// statement becomes another provenance of the first) by the next `reindex()`, before which
    /// the store must not be read.
    /// - Complexity: O(1) amortised.
    public mutating func append(_ triple: Triple, provenanceID prov: UInt32) {
        if uncheckedFrom == nil { uncheckedFrom = triples.count }
        triples.append(triple)
        firstProvenance.append(prov)
    }

    /// Takes back the facts appended since fact `start`, before `reindex()` has merged them, with
    /// their provenance ids, to be appended again in another form (an importer's second look at
    /// what it read: `RDFImport` turning kgsh's own RDF exports back into names and provenance).
    public mutating func takeAppended(from start: Int) -> [(Triple, UInt32)] {
        precondition(start <= triples.count && (start == triples.count || uncheckedFrom.map { $0 <= start } == true),
                     "takeAppended: facts from \(start) were not all appended since the last reindex")
        let taken = (start..<triples.count).map { (triples[$0], firstProvenance[$0]) }
        triples.removeSubrange(start...)
        firstProvenance.removeSubrange(start...)
        if let from = uncheckedFrom, from >= start { uncheckedFrom = nil }
        if factSlotsCover > start {
            factSlots = Array(repeating: 0, count: 64)
            factSlotsCover = 0
        }
        return taken
    }

    /// Makes room for `count` more facts.
    public mutating func reserveFacts(_ count: Int) {
        triples.reserveCapacity(triples.count + count)
        firstProvenance.reserveCapacity(triples.count + count)
    }

    /// The id of the fact with exactly these three positions.
    /// - Complexity: O(1) through the fact table when it is up to date, else O(log n) in SPO.
    public func factID(_ triple: Triple) -> UInt32? {
        guard factSlotsCover == triples.count, uncheckedFrom == nil else {
            return match(subject: triple.subject, predicate: triple.predicate, object: triple.object).first
        }
        let mask = factSlots.count - 1
        var index = Int(truncatingIfNeeded: Self.hash(triple)) & mask
        while true {
            let slot = factSlots[index]
            if slot == 0 { return nil }
            if triples[Int(slot - 1)] == triple { return slot - 1 }
            index = (index + 1) & mask
        }
    }

    @inline(__always) static func hash(_ t: Triple) -> UInt64 {
        var h = UInt64(t.subject) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ UInt64(t.predicate)) &* 0xC2B2_AE3D_27D4_EB4F
        h = (h ^ UInt64(t.object)) &* 0x1656_67B1_9E37_79F9
        return h ^ (h >> 29)
    }

    /// Rebuilds the fact table over every fact, at `capacity` or more.
    mutating func rehashFacts(capacity minimum: Int) {
        var capacity = max(64, minimum)
        while triples.count * 2 > capacity { capacity *= 2 }
        var grown = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        triples.withUnsafeBufferPointer { triples in
            grown.withUnsafeMutableBufferPointer { grown in
                for id in 0..<triples.count {
                    var index = Int(truncatingIfNeeded: Self.hash(triples[id])) & mask
                    while grown[index] != 0 { index = (index + 1) & mask }
                    grown[index] = UInt32(id + 1)
                }
            }
        }
        factSlots = grown
        factSlotsCover = triples.count
    }

    /// After `spo` is sorted over every fact: merges facts appended twice (or appended again after
    /// an earlier load) into their first statement, renumbers the facts after them, and renumbers
    /// `spo` to match. Stable sorting puts equal facts in id order, so the first is kept.
    mutating func mergeAppendedDuplicates() {
        guard let from = uncheckedFrom else { return }
        uncheckedFrom = nil
        var removed: [UInt32] = []
        triples.withUnsafeBufferPointer { t in
            var previous: UInt32? = nil
            for id in spo {
                if let p = previous, t[Int(p)] == t[Int(id)] {
                    // `p` stays (the lowest id of the run); `id` is a later statement of it.
                    // Each provenance once: an RDF file stating a triple twice gives it the same one.
                    for prov in [firstProvenance[Int(id)]] + (extraProvenance.removeValue(forKey: id) ?? [])
                    where prov != firstProvenance[Int(p)] && extraProvenance[p]?.contains(prov) != true {
                        extraProvenance[p, default: []].append(prov)
                    }
                    removed.append(id)
                } else {
                    previous = id
                }
            }
        }
        guard !removed.isEmpty else { return }
        precondition(removed.allSatisfy { Int($0) >= from }, "a fact checked by add was stated twice")
        var gone = [Bool](repeating: false, count: triples.count)
        for id in removed { gone[Int(id)] = true }
        var newID = [UInt32](repeating: 0, count: triples.count)
        var next: UInt32 = 0
        var keptTriples: [Triple] = [], keptProvenance: [UInt32] = []
        keptTriples.reserveCapacity(triples.count - removed.count)
        keptProvenance.reserveCapacity(triples.count - removed.count)
        for i in 0..<triples.count where !gone[i] {
            newID[i] = next
            next += 1
            keptTriples.append(triples[i])
            keptProvenance.append(firstProvenance[i])
        }
        var extras: [UInt32: [UInt32]] = [:]
        for (id, list) in extraProvenance { extras[newID[Int(id)]] = list }
        extraProvenance = extras
        spo = spo.compactMap { gone[Int($0)] ? nil : newID[Int($0)] }
        triples = keptTriples
        firstProvenance = keptProvenance
        factSlots = Array(repeating: 0, count: 64)
        factSlotsCover = 0
    }
}
