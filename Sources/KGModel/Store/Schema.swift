/// A name in one language: a label of an entity, type or predicate.
public struct Label: Hashable, Sendable {
    public let text: String
    public let language: String?

    public init(_ text: String, language: String?) {
        self.text = text
        self.language = language
    }
}

/// A declared type: its place in the hierarchy and its names.
public struct TypeInfo: Sendable {
    public let id: TermID
    public let name: String
    public let parent: TermID?
    public let labels: [Label]

    public init(id: TermID, name: String, parent: TermID?, labels: [Label]) {
        self.id = id
        self.name = name
        self.parent = parent
        self.labels = labels
    }
}

/// One alternative of a predicate's range.
public enum RangeMember: Hashable, Sendable {
    case type(TermID)
    case literal(LiteralKind)
    case anyLiteral
}

/// A declared predicate: what it links, its inverse name and its names.
public struct PredicateInfo: Sendable {
    public let id: TermID
    public let name: String
    /// Types the subject must belong to (any of them); `[Thing]` accepts every entity.
    public let domain: [TermID]
    public let range: [RangeMember]
    /// The name that reads this predicate backwards (`awardedTo` for `won`).
    public let inverseName: String?
    public let labels: [Label]

    public init(id: TermID, name: String, domain: [TermID], range: [RangeMember], inverseName: String?, labels: [Label]) {
        self.id = id
        self.name = name
        self.domain = domain
        self.range = range
        self.inverseName = inverseName
        self.labels = labels
    }
}

/// The types and predicates a graph's facts are checked against.
public struct Schema: Sendable {
    public private(set) var types: [TermID: TypeInfo] = [:]
    public private(set) var predicates: [TermID: PredicateInfo] = [:]
    /// Predicates by their inverse name.
    public private(set) var inverses: [String: TermID] = [:]
    /// Predicates by the key (`TextKey.normalize`) of each of their labels, each id once per key.
    private var predicatesByLabel: [String: [TermID]] = [:]
    /// Types by their lowercased name and by the key (`TextKey.normalize`) of each label, each id
    /// once per key.
    private var typesByKey: [String: [TermID]] = [:]

    public init() {}

    public mutating func declare(_ type: TypeInfo) {
        Self.rekey(type.id, from: types[type.id].map(Self.typeKeys) ?? [], to: Self.typeKeys(of: type), in: &typesByKey)
        types[type.id] = type
    }

    private static func typeKeys(of type: TypeInfo) -> Set<String> {
        Set([type.name.lowercased()] + type.labels.map { TextKey.normalize($0.text) })
    }

    /// The types whose lowercased name, or one of whose labels' keys, is `key` (`TextKey.normalize`
    /// of a name), in id order.
    /// - Complexity: O(1) for the look-up; names are keyed once, when declared.
    public func types(keyed key: String) -> [TermID] { (typesByKey[key] ?? []).sorted() }

    public mutating func declare(_ predicate: PredicateInfo) {
        Self.rekey(predicate.id, from: predicates[predicate.id].map(Self.labelKeys) ?? [], to: Self.labelKeys(of: predicate),
                   in: &predicatesByLabel)
        predicates[predicate.id] = predicate
        if let inv = predicate.inverseName { inverses[inv] = predicate.id }
    }

    private static func labelKeys(of predicate: PredicateInfo) -> Set<String> {
        Set(predicate.labels.map { TextKey.normalize($0.text) })
    }

    /// Moves `id` in a by-key index from the keys it had to the ones it has now.
    private static func rekey(_ id: TermID, from old: Set<String>, to new: Set<String>, in index: inout [String: [TermID]]) {
        for key in old {
            index[key]?.removeAll { $0 == id }
            if index[key]?.isEmpty == true { index[key] = nil }
        }
        for key in new { index[key, default: []].append(id) }
    }

    /// The predicates one of whose labels has the key `key` (`TextKey.normalize` of a name).
    /// - Complexity: O(1) for the look-up; labels are keyed once, when declared.
    public func predicates(labelled key: String) -> [TermID] { predicatesByLabel[key] ?? [] }

    /// Whether `type` is `ancestor` or lies below it.
    /// - Complexity: O(depth of the hierarchy).
    public func isSubtype(_ type: TermID, of ancestor: TermID) -> Bool {
        var current: TermID? = type
        var steps = 0
        while let t = current, steps <= types.count {
            if t == ancestor { return true }
            current = types[t]?.parent
            steps += 1
        }
        return false
    }

    /// The label of a type or predicate in `language`, falling back to any label, then nil.
    public func label(of id: TermID, language: String) -> String? {
        let labels = types[id]?.labels ?? predicates[id]?.labels ?? []
        return (labels.first { $0.language == language } ?? labels.first)?.text
    }
}
