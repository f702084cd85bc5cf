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
}
