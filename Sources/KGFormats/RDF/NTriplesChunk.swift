import Foundation
import KGModel

/// One part of an N-Triples file (whole lines), read on its own core: its terms interned into a
/// dictionary of its own and each line's triple kept as three of that dictionary's ids, in file
/// order. Lines of the common shape are read as byte ranges (`NTriplesFastLine`); any other line
/// goes through `NTriplesParser`, which also reports errors. What a triple means for the graph
/// (entities, types, predicates) is decided when the parts are merged, in file order.
struct NTriplesChunk: Sendable {
    var terms = TermDictionary()
    /// Subject, predicate and object ids (of `terms`) per triple.
    var facts: [TermID] = []
    var statements = 0
    var errors: [RDFPendingError] = []
    /// Literals kept as text, for the load's warnings.
    var notes = RDFLiteralNotes()
    /// Set when `terms` starts as a copy of the graph's (the first part): rdf:type, rdfs:label
    /// and skos:altLabel as predicates are then the graph's own `type`, `label` and `alias`, and
    /// the part's ids are the graph's (`FactStore.adoptTerms`).
    var builtins: FactStore.Builtins?

    /// Reads the lines of `b[range]` (offsets stay the whole file's, for errors).
    mutating func read(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, options: RDFReaderOptions, progress: LoadProgress? = nil) {
        facts.reserveCapacity(range.count / 40)
        var line = NTriplesFastLine()
        let blankPrefix = Array("_:b\(options.blankNodeScope!)_".utf8)
        var scratch: [UInt8] = []
        var languages: [[UInt8]: String] = [:]
        // Recently read predicate IRIs, direct-mapped by length and last bytes: (offset, length, id).
        var predicateCache = [(Int, Int, TermID)](repeating: (0, -1, 0), count: 64)
        var lastSubject = 0..<0, lastSubjectID: TermID = 0, haveSubject = false
        let n = range.upperBound
        let whole = UnsafeBufferPointer(rebasing: b[..<n])
        var i = range.lowerBound
        var reported = i
        defer { progress?.add(i - reported) }

        func blank(_ label: Range<Int>) -> TermID {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: blankPrefix)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[label]))
            return scratch.withUnsafeBufferPointer { terms.internEntity($0) }
        }

        while i < n, errors.count < options.maxErrors {
            if i - reported >= 1 << 20 { progress?.add(i - reported); reported = i }
            // Blank lines and comment lines.
            var j = i
            while j < n, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
            if j == n { break }
            if b[j] == 0x0A || b[j] == 0x0D { i = j + 1; continue }
            if b[j] == UInt8(ascii: "#") {
                while j < n, b[j] != 0x0A, b[j] != 0x0D { j += 1 }
                i = j
                continue
            }
            guard let next = NTriplesFastLine.scan(whole, from: i, into: &line) else {
                var end = i
                while end < n, b[end] != 0x0A { end += 1 }
                if end < n { end += 1 }
                readSlowly(b, i..<end, options: options)
                i = end
                continue
            }
            statements += 1
            let s: TermID
            if haveSubject, !line.subjectIsBlank, Self.same(b, line.subject, lastSubject) {
                s = lastSubjectID
            } else {
                s = line.subjectIsBlank ? blank(line.subject) : terms.internEntity(UnsafeBufferPointer(rebasing: b[line.subject]))
                lastSubject = line.subjectIsBlank ? 0..<0 : line.subject
                lastSubjectID = s
                haveSubject = !line.subjectIsBlank
            }
            let p: TermID
            let r = line.predicate
            let slot = (r.count &* 31 &+ Int(b[r.upperBound - 1]) &* 7 &+ Int(b[r.upperBound - 2])) & 63
            let cached = predicateCache[slot]
            if cached.1 == r.count, memcmp(b.baseAddress! + cached.0, b.baseAddress! + r.lowerBound, r.count) == 0 {
                p = cached.2
            } else {
                p = predicate(UnsafeBufferPointer(rebasing: b[r]))
                predicateCache[slot] = (r.lowerBound, r.count, p)
            }
            let o: TermID
            switch line.objectKind {
            case .iri: o = terms.internEntity(UnsafeBufferPointer(rebasing: b[line.object]))
            case .blank: o = blank(line.object)
            case .plainLiteral: o = terms.internString(UnsafeBufferPointer(rebasing: b[line.object]), language: nil)
            case .languageLiteral:
                let tag = Array(UnsafeBufferPointer(rebasing: b[line.annotation]))
                let language: String
                if let known = languages[tag] {
                    language = known
                } else {
                    language = String(decoding: tag.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
                    languages[tag] = language
                }
                o = terms.internString(UnsafeBufferPointer(rebasing: b[line.object]), language: language)
            case .typedLiteral:
                o = typedLiteral(UnsafeBufferPointer(rebasing: b[line.object]), datatype: UnsafeBufferPointer(rebasing: b[line.annotation]),
                                 offset: line.object.lowerBound - 1)
            }
            facts.append(s)
            facts.append(p)
            facts.append(o)
            i = next
        }
    }

    /// One line through the full parser: its triple, or its error at its place in the file.
    private mutating func readSlowly(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, options: RDFReaderOptions) {
        var parser = NTriplesParser(bytes: UnsafeBufferPointer(rebasing: b[range]), options: options)
        while let t = parser.next() {
            statements += 1
            guard case .iri(let p) = t.predicate, let subject = t.subject.entityName else { continue }
            let object: TermID
            if case .literal(let lexical, let datatype, let language) = t.object {
                // The line's first '"' opens its literal: an IRI or blank node holds none.
                let quote = b[range].firstIndex(of: UInt8(ascii: "\""))
                object = terms.intern(.literal(RDFImport.literal(lexical, datatype: datatype, language: language, notes: &notes, offset: quote)))
            } else if let name = t.object.entityName {
                object = terms.intern(.entity(name))
            } else {
                continue
            }
            facts.append(terms.intern(.entity(subject)))
            var name = p
            facts.append(name.withUTF8 { predicate($0) })
            facts.append(object)
        }
        for e in parser.errors {
            errors.append(RDFPendingError(offset: e.offset + range.lowerBound, end: e.end + range.lowerBound, message: e.message))
        }
    }

    /// A predicate's id: with `builtins`, the graph's `type`, `label` or `alias` for the three
    /// RDF predicates kgsh reads as such.
    private mutating func predicate(_ iri: UnsafeBufferPointer<UInt8>) -> TermID {
        if let builtins {
            if Self.equal(iri, RDFImport.Importer.rdfTypeBytes) { return builtins.type }
            if Self.equal(iri, RDFImport.Importer.rdfsLabelBytes) { return builtins.label }
            if Self.equal(iri, RDFImport.Importer.skosAltLabelBytes) { return builtins.alias }
        }
        return terms.internEntity(iri)
    }

    /// Whether `bytes` begin with `prefix` (`equal`: are `prefix`), compared with `memcmp`: the
    /// generic `starts(with:)` and `elementsEqual` went element by element through iterators.
    @inline(__always) private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, with prefix: [UInt8]) -> Bool {
        bytes.count >= prefix.count && (prefix.isEmpty || prefix.withUnsafeBufferPointer { memcmp(bytes.baseAddress!, $0.baseAddress!, prefix.count) == 0 })
    }

    @inline(__always) private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
        bytes.count == other.count && starts(bytes, with: other)
    }

    @inline(__always) private static func same(_ b: UnsafeBufferPointer<UInt8>, _ x: Range<Int>, _ y: Range<Int>) -> Bool {
        x.count == y.count && memcmp(b.baseAddress! + x.lowerBound, b.baseAddress! + y.lowerBound, x.count) == 0
    }

    private static let xsdBytes = Array(RDFVocabulary.xsd.utf8)

    /// A typed literal: xsd:string, integer, date and decimal read from the bytes; any other
    /// through `RDFImport.literal`.
    private mutating func typedLiteral(_ lexical: UnsafeBufferPointer<UInt8>, datatype: UnsafeBufferPointer<UInt8>, offset: Int) -> TermID {
        if datatype.count > Self.xsdBytes.count, Self.starts(datatype, with: Self.xsdBytes) {
            let local = UnsafeBufferPointer(rebasing: datatype[(datatype.startIndex + Self.xsdBytes.count)...])
            // Compared as bytes: a generic comparison with a String's UTF-8 view cost ~200
            // instructions a literal.
            @inline(__always) func named(_ name: StaticString) -> Bool {
                local.count == name.utf8CodeUnitCount && memcmp(local.baseAddress!, name.utf8Start, local.count) == 0
            }
            if named("string") { return terms.internString(lexical, language: nil) }
            if named("integer"), let v = LexicalNumbers.integer(lexical) { return terms.intern(.literal(.integer(v))) }
            if named("date"), let d = LexicalNumbers.date(lexical) { return terms.intern(.literal(.date(d))) }
            if named("decimal"), let d = LexicalNumbers.decimal(lexical) { return terms.intern(.literal(.decimal(d))) }
        }
        let l = RDFImport.literal(String(decoding: lexical, as: UTF8.self), datatype: String(decoding: datatype, as: UTF8.self), language: nil,
                                  notes: &notes, offset: offset)
        return terms.intern(.literal(l))
    }
}

/// XSD lexical forms read straight from bytes; nil sends the text to the full conversion.
enum LexicalNumbers {
    /// An optionally signed run of ASCII digits that fits 64 bits.
    static func integer(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0, negative = false
        if let first = s.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { negative = first == UInt8(ascii: "-"); i = 1 }
        guard i < s.count, s.count - i <= 18 else { return nil }
        var v: Int64 = 0
        while i < s.count {
            let d = s[i] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int64(d)
            i += 1
        }
        return negative ? -v : v
    }

    /// `[+-]digits[.digits]` with at most 18 digits in all.
    static func decimal(_ s: UnsafeBufferPointer<UInt8>) -> DecimalNumber? {
        var i = 0, negative = false
        if let first = s.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { negative = first == UInt8(ascii: "-"); i = 1 }
        var mantissa: Int64 = 0, digits = 0, scale = 0, point = false, before = 0
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "."), !point {
                point = true
                before = digits
            } else {
                let d = c &- 0x30
                guard d < 10, digits < 18 else { return nil }
                mantissa = mantissa * 10 + Int64(d)
                digits += 1
                if point { scale += 1 }
            }
            i += 1
        }
        guard digits > 0, !point || (before > 0 && scale > 0) else { return nil }
        return DecimalNumber(mantissa: negative ? -mantissa : mantissa, scale: UInt8(scale))
    }

    /// `YYYY-MM-DD` exactly, a day that exists.
    static func date(_ s: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard s.count == 10, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let d = s[i] &- 0x30
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }
        guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }
}
