import KGModel

/// What the evaluator reads facts through. The embedded store is one implementation; tests can
/// hand in a tiny or a failing one.
public protocol FactSource {
    /// Calls `body` with each fact matching the pattern (nil positions unbound) until it returns false.
    func forEachFact(subject: TermID?, predicate: TermID?, object: TermID?, _ body: (Triple) throws -> Bool) throws
    /// How many facts match the pattern, for planning.
    func estimate(subject: TermID?, predicate: TermID?, object: TermID?) -> Int
    /// How many distinct subjects and objects the facts of `predicate` have, for planning.
    func distinctCounts(predicate: TermID) -> (subjects: Int, objects: Int)
    /// The entity's declared type.
    func typeOf(_ entity: TermID) -> TermID?
    /// Whether `type` is `ancestor` or below it.
    func isSubtype(_ type: TermID, of ancestor: TermID) -> Bool
    /// Every declared type at or below `type`.
    func subtypes(of type: TermID) -> [TermID]
    /// The `type` predicate's id.
    var typePredicate: TermID { get }
}

extension FactStore: FactSource {
    public func forEachFact(subject: TermID?, predicate: TermID?, object: TermID?, _ body: (Triple) throws -> Bool) throws {
        try forEachTriple(subject: subject, predicate: predicate, object: object, body)
    }

    public func estimate(subject: TermID?, predicate: TermID?, object: TermID?) -> Int {
        count(subject: subject, predicate: predicate, object: object)
    }

    public func typeOf(_ entity: TermID) -> TermID? { type(of: entity) }

    public func isSubtype(_ type: TermID, of ancestor: TermID) -> Bool { schema.isSubtype(type, of: ancestor) }

    public func subtypes(of type: TermID) -> [TermID] {
        schema.types.keys.filter { schema.isSubtype($0, of: type) }.sorted()
    }

    public var typePredicate: TermID { builtins.type }
}
