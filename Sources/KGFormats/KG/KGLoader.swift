import KGModel

/// What a successful load added.
public struct LoadReport: Sendable, Equatable {
    public var files: [String] = []
    public var types = 0
    public var predicates = 0
    public var entities = 0
    /// Fact lines read (including ones that restate a fact already present).
    public var statements = 0
    /// Facts new to the graph.
    public var newFacts = 0
    /// What loaded but deserves a word: RDF literals kept as text.
    public var warnings: [Diagnostic] = []
}

/// Why a load added nothing: every diagnostic of every file, or a file that could not be read.
public struct LoadFailure: Error, Sendable, Equatable {
    public let diagnostics: [Diagnostic]
    /// Files that could not be read at all, with the reason.
    public let unreadable: [String]

    public var rendered: String {
        (unreadable + diagnostics.map { $0.rendered() }).joined(separator: "\n")
    }
}

/// Checks parsed `.kg` documents against a store's schema and entities, and adds them to a copy
/// of the store — all of them, or (on any error) none.
public struct KGLoader {
    private var store: FactStore
    private var diagnostics: [Diagnostic] = []
    private var documents: [KGDocument]
    private var report = LoadReport()
    /// Where each batch entity, type and predicate was declared, for "first declared at".
    private var declaredAt: [String: String] = [:]
    /// The store's file id of each document.
    private var fileIDs: [UInt32] = []

    /// Loads `documents` into a copy of `store`.
    public static func load(_ documents: [KGDocument], into store: FactStore) -> Result<(FactStore, LoadReport), LoadFailure> {
        var loader = KGLoader(store: store, documents: documents)
        loader.run()
        if !loader.diagnostics.isEmpty { return .failure(LoadFailure(diagnostics: loader.diagnostics, unreadable: [])) }
        loader.store.reindex()
        return .success((loader.store, loader.report))
    }

    private init(store: FactStore, documents: [KGDocument]) {
        self.store = store
        self.documents = documents
        self.report.files = documents.map(\.path)
    }

    private mutating func run() {
        for d in documents { diagnostics += d.diagnostics }
        fileIDs = documents.map { store.addFile($0.path) }
        declareTypes()
        declarePredicates()
        declareEntities()
        for (doc, file) in zip(documents, fileIDs) {
            for case .fact(let f) in doc.statements { addFact(f, in: doc, file: file) }
        }
        diagnostics.sort { ($0.file ?? "", $0.line, $0.column) < ($1.file ?? "", $1.line, $1.column) }
        // One mistake found from several facts (an undeclared @source) is reported once.
        var seen = Set<String>()
        diagnostics = diagnostics.filter { seen.insert("\($0.file ?? ""):\($0.line):\($0.column):\($0.message)").inserted }
    }

    // MARK: Errors

    private mutating func error<T>(_ message: String, at s: Spanned<T>, in doc: KGDocument) {
        let line = s.line - 1 < doc.lines.count ? doc.lines[s.line - 1] : ""
        diagnostics.append(Diagnostic(file: doc.path, line: s.line, column: s.column, length: s.length, message: message, sourceLine: line))
    }

    private func place<T>(_ s: Spanned<T>, in doc: KGDocument) -> String { "\(doc.path):\(s.line):\(s.column)" }

    private func suggest(_ word: String, among names: some Sequence<String>) -> String {
        guard let best = Spelling.suggestions(for: word, among: names, limit: 1).first else { return "" }
        return " — did you mean '\(best)'?"
    }

    private var typeNames: [String] { store.schema.types.values.map(\.name) }
    private var predicateNames: [String] { store.schema.predicates.values.map(\.name) + Array(store.schema.inverses.keys) }

    private func typeID(_ name: String) -> TermID? {
        guard let id = store.terms.entity(name), store.schema.types[id] != nil else { return nil }
        return id
    }

    // MARK: Schema

    private mutating func declareTypes() {
        var pending: [(TermID, Spanned<String>?, [Label], Spanned<String>, KGDocument)] = []
        var pendingNames = Set<String>()
        for doc in documents {
            for case .typeDecl(let name, let parent, let labels) in doc.statements {
                if typeID(name.value) != nil || pendingNames.contains(name.value) {
                    error("duplicate type '\(name.value)'\(declaredAt[name.value].map { ": first declared at \($0)" } ?? ": it is already declared")", at: name, in: doc)
                    continue
                }
                if let id = store.terms.entity(name.value), store.schema.predicates[id] != nil || store.entityTypes[id] != nil {
                    error("'\(name.value)' is already a predicate or entity id", at: name, in: doc)
                    continue
                }
                declaredAt[name.value] = place(name, in: doc)
                pendingNames.insert(name.value)
                pending.append((store.intern(.entity(name.value)), parent, labels, name, doc))
                report.types += 1
            }
        }
        let names = pendingNames
        for (id, parent, labels, name, doc) in pending {
            var parentID = store.builtins.thing
            if let parent {
                if typeID(parent.value) == nil && !names.contains(parent.value) {
                    error("unknown type '\(parent.value)'\(suggest(parent.value, among: typeNames + names))", at: parent, in: doc)
                    continue
                }
                parentID = store.intern(.entity(parent.value))
            }
            store.schema.declare(TypeInfo(id: id, name: name.value, parent: parentID, labels: labels))
        }
        // Each new type's '<' chain must reach Thing, within maxTypeDepth steps: every subtype
        // test walks the chain, so a chain of 10,000 types would make each one slow. Depths are
        // found once per type, walking up (iteratively) to the first type whose depth is known.
        let thing = store.builtins.thing
        let visiting = -1, unreachable = -2
        var depth: [TermID: Int] = [thing: 0]
        for (id, _, _, _, _) in pending where store.schema.types[id] != nil && depth[id] == nil {
            var path: [TermID] = []
            var current: TermID? = id
            var base = unreachable
            while let c = current {
                if let d = depth[c] { base = d == visiting ? unreachable : d; break }
                depth[c] = visiting
                path.append(c)
                current = store.schema.types[c]?.parent
            }
            for (i, t) in path.enumerated() { depth[t] = base == unreachable ? unreachable : base + (path.count - i) }
        }
        for (id, _, _, name, doc) in pending where store.schema.types[id] != nil {
            let d = depth[id] ?? unreachable
            if d == unreachable {
                error("type '\(name.value)' is its own supertype: its '<' chain never reaches Thing", at: name, in: doc)
            } else if d > KGLoader.maxTypeDepth {
                error("type '\(name.value)' is more than \(KGLoader.maxTypeDepth) levels below Thing: flatten the '<' chain", at: name, in: doc)
            }
        }
    }

    /// How many `<` steps a type may be below Thing.
    public static let maxTypeDepth = 100

    private mutating func declarePredicates() {
        for doc in documents {
            for case .predicateDecl(let name, let domain, let range, let inverse, let labels) in doc.statements {
                let taken = { (n: String, store: FactStore) -> Bool in
                    if let id = store.terms.entity(n), store.schema.predicates[id] != nil || store.schema.types[id] != nil { return true }
                    return store.schema.inverses[n] != nil
                }
                if taken(name.value, store) {
                    error("duplicate predicate '\(name.value)'\(declaredAt[name.value].map { ": first declared at \($0)" } ?? ": the name is already in use")", at: name, in: doc)
                    continue
                }
                if let inverse, taken(inverse.value, store) || inverse.value == name.value {
                    error("inverse name '\(inverse.value)' is already in use", at: inverse, in: doc)
                    continue
                }
                var domainIDs: [TermID] = []
                var ok = true
                for d in domain {
                    if let id = typeID(d.value) { domainIDs.append(id) } else {
                        error("unknown type '\(d.value)'\(suggest(d.value, among: typeNames))", at: d, in: doc); ok = false
                    }
                }
                var rangeMembers: [RangeMember] = []
                for r in range {
                    if r.value == "Literal" { rangeMembers.append(.anyLiteral) }
                    else if let kind = LiteralKind(rawValue: r.value) { rangeMembers.append(.literal(kind)) }
                    else if let id = typeID(r.value) { rangeMembers.append(.type(id)) }
                    else {
                        error("unknown type '\(r.value)'\(suggest(r.value, among: typeNames + LiteralKind.allCases.map(\.rawValue) + ["Literal"]))", at: r, in: doc)
                        ok = false
                    }
                }
                guard ok else { continue }
                declaredAt[name.value] = place(name, in: doc)
                store.schema.declare(PredicateInfo(id: store.intern(.entity(name.value)), name: name.value, domain: domainIDs,
                                                   range: rangeMembers, inverseName: inverse?.value, labels: labels))
                report.predicates += 1
            }
        }
    }

    // MARK: Entities

    private mutating func declareEntities() {
        for (doc, file) in zip(documents, fileIDs) {
            for case .fact(let f) in doc.statements where f.predicate.value == "type" {
                guard case .entity(let typeName) = f.object.value else {
                    error("'type' takes a type name, not a literal", at: f.object, in: doc)
                    continue
                }
                guard let type = typeID(typeName) else {
                    error("unknown type '\(typeName)'\(suggest(typeName, among: typeNames))", at: f.object, in: doc)
                    continue
                }
                let name = f.subject.value
                let isRDFName = !KGLexer.isIdentifier(name)
                if let existing = store.terms.entity(name) {
                    // An IRI or blank node may be typed again (as in RDF); its first type stands.
                    if isRDFName { if store.entityTypes[existing] != nil { continue } } else if store.entityTypes[existing] != nil {
                        let first = store.declarations[existing].map { "\(store.files[Int($0.file)]):\($0.line):\($0.column)" } ?? "an earlier load"
                        error("duplicate id '\(name)': already declared at \(first)", at: f.subject, in: doc)
                        continue
                    }
                    if !isRDFName, store.schema.types[existing] != nil || store.schema.predicates[existing] != nil {
                        error("id '\(name)' is already the name of a type or predicate", at: f.subject, in: doc)
                        continue
                    }
                }
                let id = store.intern(.entity(name))
                let location = SourceLocation(file: file, line: UInt32(f.subject.line), column: UInt32(f.subject.column))
                store.declare(entity: id, type: type, at: location)
                report.entities += 1
            }
        }
        declareRDFNames()
    }

    /// IRIs and blank nodes need no `type` fact: as in RDF, naming one makes it an entity, a
    /// Thing unless a `type` fact said otherwise.
    private mutating func declareRDFNames() {
        for (doc, file) in zip(documents, fileIDs) {
            for case .fact(let f) in doc.statements {
                var named = [f.subject]
                if f.predicate.value != "type", case .entity(let o) = f.object.value {
                    named.append(Spanned(value: o, line: f.object.line, column: f.object.column, length: f.object.length))
                }
                if let source = f.source { named.append(source) }
                for n in named where !KGLexer.isIdentifier(n.value) {
                    let id = store.intern(.entity(n.value))
                    guard store.entityTypes[id] == nil else { continue }
                    store.declare(entity: id, type: store.builtins.thing,
                                  at: SourceLocation(file: file, line: UInt32(n.line), column: UInt32(n.column)))
                    report.entities += 1
                }
            }
        }
    }

    // MARK: Facts

    private mutating func addFact(_ f: KGFact, in doc: KGDocument, file: UInt32) {
        report.statements += 1
        var sourceID: TermID? = nil
        if let source = f.source {
            guard let id = entity(source, in: doc) else { return }
            sourceID = id
        } else if !f.unsourced {
            error("fact has no source: put '@source ARTICLE-ID' above it", at: f.subject, in: doc)
            return
        }

        let s = store.builtins
        let subject: TermID, predicate: TermID, object: TermID
        if f.predicate.value == "type" {
            // Declared in declareEntities; still a fact with provenance.
            guard let sid = store.terms.entity(f.subject.value), case .entity(let t) = f.object.value, let tid = typeID(t),
                  store.entityTypes[sid] == tid || !KGLexer.isIdentifier(f.subject.value) else { return }
            subject = sid; predicate = s.type; object = tid
        } else {
            guard let resolved = resolvePredicate(f.predicate, in: doc) else { return }
            let info = resolved.info
            predicate = info.id
            guard let written = entity(f.subject, in: doc) else { return }
            if resolved.inverted {
                guard case .entity(let name) = f.object.value else {
                    error("'\(f.predicate.value)' reads '\(info.name)' backwards, so its object must be an entity", at: f.object, in: doc)
                    return
                }
                guard let target = entity(Spanned(value: name, line: f.object.line, column: f.object.column, length: f.object.length), in: doc) else { return }
                subject = target; object = written
                guard checkDomain(info, subject: subject, span: f.object, in: doc),
                      checkRange(info, entity: object, span: f.subject, in: doc) else { return }
            } else {
                subject = written
                guard checkDomain(info, subject: subject, span: f.subject, in: doc) else { return }
                switch f.object.value {
                case .entity(let name):
                    guard let target = entity(Spanned(value: name, line: f.object.line, column: f.object.column, length: f.object.length), in: doc),
                          checkRange(info, entity: target, span: f.object, in: doc) else { return }
                    object = target
                case .literal(let literal):
                    guard let value = coerce(literal, to: info, span: f.object, in: doc) else { return }
                    object = store.intern(.literal(value))
                }
            }
        }
        guard diagnostics.isEmpty else { return }
        let quote = f.quote.map { store.internQuote($0) }
        let before = store.factCount
        store.add(Triple(subject, predicate, object),
                  provenance: Provenance(source: sourceID, quote: quote,
                                         location: SourceLocation(file: file, line: UInt32(f.subject.line), column: UInt32(f.subject.column))))
        if store.factCount > before { report.newFacts += 1 }
    }

    private mutating func entity(_ name: Spanned<String>, in doc: KGDocument) -> TermID? {
        if let id = store.terms.entity(name.value), store.entityTypes[id] != nil { return id }
        let candidates = store.entityTypes.keys.map { store.name($0) }
        error("dangling reference: no entity '\(name.value)' is declared (declare it with '\(name.value) type TYPE')\(suggest(name.value, among: candidates))", at: name, in: doc)
        return nil
    }

    private mutating func resolvePredicate(_ p: Spanned<String>, in doc: KGDocument) -> (info: PredicateInfo, inverted: Bool)? {
        if let id = store.terms.entity(p.value), let info = store.schema.predicates[id] { return (info, false) }
        if let id = store.schema.inverses[p.value], let info = store.schema.predicates[id] { return (info, true) }
        error("unknown predicate '\(p.value)'\(suggest(p.value, among: predicateNames))", at: p, in: doc)
        return nil
    }

    private func typeName(_ id: TermID) -> String { store.schema.types[id]?.name ?? store.name(id) }

    private mutating func checkDomain(_ info: PredicateInfo, subject: TermID, span: Spanned<some Sendable>, in doc: KGDocument) -> Bool {
        guard let t = store.entityTypes[subject] else { return false }
        if info.domain.contains(where: { store.schema.isSubtype(t, of: $0) }) { return true }
        let wanted = info.domain.map(typeName).joined(separator: " or ")
        error("domain mismatch: '\(info.name)' needs a subject of type \(wanted), but '\(store.name(subject))' is \(article(typeName(t)))", at: span, in: doc)
        return false
    }

    private mutating func checkRange(_ info: PredicateInfo, entity: TermID, span: Spanned<some Sendable>, in doc: KGDocument) -> Bool {
        guard let t = store.entityTypes[entity] else { return false }
        if info.range.contains(where: { if case .type(let r) = $0 { store.schema.isSubtype(t, of: r) } else { false } }) { return true }
        error("range mismatch: '\(info.name)' takes \(rangeText(info)), but '\(store.name(entity))' is \(article(typeName(t)))", at: span, in: doc)
        return false
    }

    /// The literal as the range wants it: integers become years, money or decimals where the range says so.
    private mutating func coerce(_ literal: Literal, to info: PredicateInfo, span: Spanned<KGObject>, in doc: KGDocument) -> Literal? {
        var kinds: [LiteralKind] = []
        for member in info.range {
            switch member {
            case .anyLiteral: return literal
            case .literal(let k): kinds.append(k)
            case .type: break
            }
        }
        if kinds.contains(literal.kind) { return literal }
        if case .integer(let v) = literal {
            if kinds.contains(.year), (1...9999).contains(v) { return .year(Int32(v)) }
            if kinds.contains(.money) { return .money(v) }
            if kinds.contains(.decimal) { return .decimal(DecimalNumber(mantissa: v, scale: 0)) }
        }
        error("range mismatch: '\(info.name)' takes \(rangeText(info)), not \(article(literal.kind.rawValue)) literal", at: span, in: doc)
        return nil
    }

    private func rangeText(_ info: PredicateInfo) -> String {
        info.range.map { member -> String in
            switch member {
            case .type(let t): typeName(t)
            case .literal(let k): k.rawValue
            case .anyLiteral: "Literal"
            }
        }.joined(separator: " or ")
    }

    private func article(_ word: String) -> String {
        guard let f = word.lowercased().first else { return word }
        return ("aeio".contains(f) ? "an " : "a ") + word
    }
}
