/// Self-checks for tests: every structure agrees with the triples it was built from.
extension FactStore {
    /// Problems found, empty when the store is consistent. Tests call this after every mutation.
    public func checkInvariants() -> [String] {
        var problems: [String] = []
        if Set(triples).count != triples.count { problems.append("triple table has duplicates") }
        if factSlotsCover == triples.count, factSlots.lazy.filter({ $0 != 0 }).count != triples.count { problems.append("fact table holds \(factSlots.lazy.filter { $0 != 0 }.count) of \(triples.count) facts") }
        if firstProvenance.count != triples.count { problems.append("provenance table out of step") }
        for (i, t) in triples.enumerated() where factID(t) != UInt32(i) {
            problems.append("triple \(i) not found by its key")
        }
        var matched: [Triple] = []
        forEachTriple(subject: nil, predicate: nil, object: nil) { matched.append($0); return true }
        if matched != spo.map({ triples[Int($0)] }) { problems.append("the facts read from the key columns are not SPO's") }
        for (name, index, order) in [("SPO", spo, Order.spo), ("POS", pos, .pos), ("OSP", osp, .osp)] {
            if index.count != triples.count { problems.append("\(name) index covers \(index.count) of \(triples.count) facts"); continue }
            if Set(index).count != index.count { problems.append("\(name) index repeats a fact") }
            for i in index.indices.dropFirst() where !(key(triples[Int(index[i - 1])], order) < key(triples[Int(index[i])], order)) {
                problems.append("\(name) index out of order at \(i)")
                break
            }
            let keys = indexKeys(order)
            if keys.second.count != index.count || keys.third.count != index.count {
                problems.append("\(name) key columns cover \(keys.second.count) and \(keys.third.count) of \(index.count) positions")
                continue
            }
            for (i, id) in index.enumerated() {
                let k = key(triples[Int(id)], order)
                if (k.1, k.2) != (keys.second[i], keys.third[i]) { problems.append("\(name) key columns disagree with fact \(id) at \(i)"); break }
            }
        }
        for t in triples {
            for id in [t.subject, t.predicate, t.object] where Int(id) >= terms.count {
                problems.append("triple names unknown term \(id)")
            }
            if schema.predicates[t.predicate] == nil { problems.append("predicate \(name(t.predicate)) is not declared") }
            if entityTypes[t.subject] == nil { problems.append("subject \(name(t.subject)) is not a declared entity") }
        }
        for p in provenances {
            if Int(p.location.file) >= files.count { problems.append("provenance names unknown file") }
            if let q = p.quote, Int(q) >= quotes.count { problems.append("provenance names unknown quote") }
        }
        for (entity, type) in entityTypes where schema.types[type] == nil {
            problems.append("entity \(name(entity)) has undeclared type")
        }
        var subjects: [TermID: Set<TermID>] = [:], objects: [TermID: Set<TermID>] = [:]
        for t in triples {
            subjects[t.predicate, default: []].insert(t.subject)
            objects[t.predicate, default: []].insert(t.object)
        }
        for (p, s) in subjects where distinctCounts(predicate: p) != (s.count, objects[p]!.count) {
            problems.append("distinct counts of \(name(p)) are \(distinctCounts(predicate: p)), not (\(s.count), \(objects[p]!.count))")
        }
        problems += labels.checkInvariants(against: self)
        return problems
    }
}
