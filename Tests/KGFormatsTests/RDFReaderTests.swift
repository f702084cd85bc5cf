import Foundation
import KGFormats
import KGModel
import Testing

/// The N-Triples and Turtle readers: error positions and messages, the nesting limit, blank node
/// scoping, and a real dataset (MONDIAL's Europe extract).
@Suite("RDF readers")
struct RDFReaderTests {
    enum Syntax: Sendable { case nTriples, turtle }

    /// A bad input and the first error it must report, exactly.
    struct BadInput: Sendable, CustomTestStringConvertible {
        let name: String
        let syntax: Syntax
        let input: String
        let error: String
        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "N-Triples: a relative IRI", syntax: .nTriples,
                 input: "<http://e.org/s> <p> <http://e.org/o> .\n",
                 error: "line 1 column 18: relative IRI: N-Triples needs absolute IRIs such as <http://example.org/x>"),
        BadInput(name: "N-Triples: a bad escape after Hangul counts columns in scalars", syntax: .nTriples,
                 input: "# 한국어\n<http://e.org/s> <http://e.org/p> \"인천광역시\\q\" .\n",
                 error: "line 2 column 41: bad escape \\q: use \\t \\b \\n \\r \\f \\\" \\' \\\\ \\uXXXX or \\UXXXXXXXX"),
        BadInput(name: "N-Triples: a number without quotes", syntax: .nTriples,
                 input: "<http://e.org/s> <http://e.org/p> 42 .\n",
                 error: "line 1 column 35: N-Triples has no number shorthand: write \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>"),
        BadInput(name: "N-Triples: a missing '.'", syntax: .nTriples,
                 input: "<http://e.org/s> <http://e.org/p> <http://e.org/o>\n",
                 error: "line 1 column 51: expected '.' to end the triple, found the end of the line"),
        BadInput(name: "N-Triples: an unterminated string", syntax: .nTriples,
                 input: "<http://e.org/s> <http://e.org/p> \"abc .\n",
                 error: "line 1 column 35: unterminated string: the line ends before the closing quote (write \\n for a line break)"),
        BadInput(name: "Turtle: an undefined prefix", syntax: .turtle,
                 input: "@prefix ex: <http://e.org/> .\n\nex:s ex:p exx:o .\n",
                 error: "line 3 column 11: undefined prefix 'exx:': declare it first with @prefix exx: <…> ."),
        BadInput(name: "Turtle: a missing '.' at the end of the input", syntax: .turtle,
                 input: "@prefix : <http://e.org/> .\n:s :p :o ;\n   :q \"x\"",
                 error: "line 3 column 10: expected ',', ';' or '.' to end the statement, found the end of the input"),
        BadInput(name: "Turtle: a column after Greek text", syntax: .turtle,
                 input: "@prefix : <http://e.org/> .\n:gr :name \"Ελληνική Δημοκρατία\" :oops .\n",
                 error: "line 2 column 33: expected ',', ';' or '.' to end the statement, found ':oops'"),
        BadInput(name: "Turtle: an unterminated long string points at its start", syntax: .turtle,
                 input: "@prefix : <http://e.org/> .\n:s :p \"\"\"one\ntwo\nthree .\n",
                 error: "line 2 column 7: unterminated string: the closing triple quote is missing"),
        BadInput(name: "Turtle: a literal as subject", syntax: .turtle,
                 input: "@prefix : <http://e.org/> .\n  'AL' :p :o .\n",
                 error: "line 2 column 3: a literal cannot be a subject"),
        BadInput(name: "Turtle: a relative IRI with no base", syntax: .turtle,
                 input: "<countries/AL/> a <http://e.org/Country> .\n",
                 error: "line 1 column 1: relative IRI with no base IRI to resolve it against: add @base <…> or give the reader a base IRI"),
        BadInput(name: "Turtle: invalid UTF-8 in a string", syntax: .turtle,
                 input: "@prefix : <http://e.org/> .\n:s :p \"ab\u{FFFF}\" .\n",
                 error: "line 2 column 10: invalid UTF-8: the file must be UTF-8 text"),
        BadInput(name: "Turtle: a blank node label ending in '.'", syntax: .turtle,
                 input: "@prefix : <http://e.org/> .\n_:b1. :p :o .\n",
                 error: "line 2 column 5: expected a predicate, found '.'"),
        BadInput(name: "Turtle: ']' missing", syntax: .turtle,
                 input: "@prefix : <http://e.org/> .\n:s :p [ :q 1 .\n",
                 error: "line 2 column 14: expected ',', ';' or ']', found '.'"),
    ]

    /// The bytes of `input`; U+FFFF stands for the invalid byte 0xFF.
    static func bytes(_ input: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in input.unicodeScalars {
            if scalar == "\u{FFFF}" { out.append(0xFF) } else { out += Array(String(scalar).utf8) }
        }
        return out
    }

    static func read(_ syntax: Syntax, _ input: [UInt8], options: RDFReaderOptions = RDFReaderOptions())
        -> (triples: [RDFTriple], errors: [RDFSyntaxError]) {
        var triples: [RDFTriple] = []
        let errors = switch syntax {
        case .nTriples: NTriplesReader.read(input, options: options) { triples.append($0) }
        case .turtle: TurtleReader.read(input, options: options) { triples.append($0) }
        }
        return (triples, errors)
    }

    @Test("bad input reports its line, column and message", arguments: badInputs)
    func badInput(_ bad: BadInput) {
        let (_, errors) = RDFReaderTests.read(bad.syntax, RDFReaderTests.bytes(bad.input))
        #expect(errors.first?.description == bad.error)
    }

    @Test("an error becomes a KGModel Diagnostic with the source line and a caret under the span")
    func diagnostic() throws {
        let input = "@prefix ex: <http://e.org/> .\nex:강남구 ex:name \"강남\"@ko ex:x .\n"
        let (_, errors) = RDFReaderTests.read(.turtle, Array(input.utf8))
        let error = try #require(errors.first)
        #expect(error.line == 2 && error.column == 24 && error.length == 4)
        #expect(error.offset == Array("@prefix ex: <http://e.org/> .\nex:강남구 ex:name \"강남\"@ko ".utf8).count)
        let diagnostic = error.diagnostic(file: "gangnam.ttl")
        #expect(diagnostic == Diagnostic(file: "gangnam.ttl", line: 2, column: 24, length: 4,
                                         message: "expected ',', ';' or '.' to end the statement, found 'ex:x'",
                                         sourceLine: "ex:강남구 ex:name \"강남\"@ko ex:x ."))
        #expect(diagnostic.rendered() == """
            gangnam.ttl:2:24: error: expected ',', ';' or '.' to end the statement, found 'ex:x'
             2 | ex:강남구 ex:name "강남"@ko ex:x .
               |                             ^~~~
            """)
    }

    @Test("every bad line or statement is reported, and the good ones are still read")
    func everyError() {
        let nt = """
            <http://e.org/a> <http://e.org/p> <http://e.org/1> .
            <http://e.org/b> <http://e.org/p> 2 .
            <http://e.org/c> <http://e.org/p> <http://e.org/3> .
            <http://e.org/d> <http://e.org/p> "4
            <http://e.org/e> <http://e.org/p> <http://e.org/5> .

            """
        let (ntTriples, ntErrors) = RDFReaderTests.read(.nTriples, Array(nt.utf8))
        #expect(ntErrors.map(\.line) == [2, 4])
        #expect(ntTriples.count == 3)
        let ttl = """
            @prefix : <http://e.org/> .
            :a :p 1 .
            :b :p "2 .
            :c :p 3 ; :q [ :r 4 ] .
            :d :p :q :r .
            :e :p 5 .

            """
        let (ttlTriples, ttlErrors) = RDFReaderTests.read(.turtle, Array(ttl.utf8))
        #expect(ttlErrors.map(\.line) == [3, 5])
        #expect(ttlTriples.count == 5, "a, c (three triples) and e")
        let (_, firstOnly) = RDFReaderTests.read(.turtle, Array(ttl.utf8), options: RDFReaderOptions(maxErrors: 1))
        #expect(firstOnly.count == 1)
    }

    // MARK: Nesting

    static func nested(_ depth: Int, open: String, close: String) -> [UInt8] {
        Array(("@prefix : <http://e.org/> .\n:s :p " + String(repeating: open, count: depth) + "1"
               + String(repeating: close, count: depth) + " .\n").utf8)
    }

    @Test("1,000 levels of [ ] or ( ) are read; one more is an error at the '[' or '(' too many")
    func nestingLimit() throws {
        let brackets = RDFReaderTests.read(.turtle, RDFReaderTests.nested(1_000, open: "[ :p ", close: " ]"))
        #expect(brackets.errors.isEmpty)
        #expect(brackets.triples.count == 1_001)
        let lists = RDFReaderTests.read(.turtle, RDFReaderTests.nested(1_000, open: "( ", close: " )"))
        #expect(lists.errors.isEmpty)
        #expect(lists.triples.count == 1 + 2 * 1_000, "the head, then rdf:first and rdf:rest for each one-item list")

        let tooDeep = RDFReaderTests.read(.turtle, RDFReaderTests.nested(1_001, open: "[ :p ", close: " ]"))
        let error = try #require(tooDeep.errors.first)
        #expect(tooDeep.errors.count == 1)
        #expect(error.description == "line 2 column \(7 + 1_000 * 5): nesting too deep: more than 1000 levels of [ ] and ( ) inside each other")
        #expect(tooDeep.triples.isEmpty)
    }

    @Test("very deep input is an error, never a stack overflow")
    func veryDeep() {
        let depth = 200_000
        let brackets = RDFReaderTests.read(.turtle, RDFReaderTests.nested(depth, open: "[:p ", close: "]"))
        #expect(brackets.errors.count == 1)
        let lists = RDFReaderTests.read(.turtle, RDFReaderTests.nested(depth, open: "(", close: ")"))
        #expect(lists.errors.count == 1)
        let shallow = RDFReaderTests.read(.turtle, RDFReaderTests.nested(10, open: "(", close: ")"),
                                          options: RDFReaderOptions(maxNestingDepth: 5))
        #expect(shallow.errors.map(\.message) == ["nesting too deep: more than 5 levels of [ ] and ( ) inside each other"])
    }

    @Test("damaged input never traps or hangs: each of 3,000 mutations of a document is read to its end")
    func mutations() {
        let document = Array(#"""
            @prefix : <http://e.org/> . @base <http://e.org/base/> .
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            # a comment with Ελληνική
            <s> a :T ; :n 1, -2.5e3, .5, true ; :l "x\n"@en, '''y\u00E9
            z'''^^xsd:string ; :b [ :c ( 1 [ :d _:x ] ( ) ) ] .
            [ :e :f\.g , :h%41 ] .
            _:x :p <http://e.org/ü> .
            <http://e.org/s> <http://e.org/p> "n-triples line" .

            """#.utf8)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let alphabet = Array(#"<>"'[](),;.:_@^#\ aZ09-+%eE"#.utf8) + [0x0A, 0x0D, 0xC3, 0xA9, 0xFF, 0xE2]
        for _ in 0..<3_000 {
            var input = document
            for _ in 0..<(1 + random(4)) {
                let at = random(input.count)
                switch random(3) {
                case 0: input[at] = alphabet[random(alphabet.count)]
                case 1: input.remove(at: at)
                default: input.insert(alphabet[random(alphabet.count)], at: at)
                }
            }
            _ = TurtleReader.read(input, options: RDFReaderOptions(baseIRI: "http://e.org/")) { _ in }
            _ = NTriplesReader.read(input) { _ in }
        }
        let (triples, errors) = RDFReaderTests.read(.turtle, document)
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        #expect(triples.count == 20)
    }

    // MARK: Terms

    @Test("Turtle shorthand: numbers, booleans, 'a', language tags, datatypes and collections")
    func shorthand() {
        let ttl = """
            PREFIX : <http://e.org/>
            prefix xsd: <http://www.w3.org/2001/XMLSchema#>
            :s a :T ; :n 1, -2.50, 3E2, true ; :l "x"@EN-gb, 'y'^^xsd:date, \"\"\"z\"\"\" ; :c ( 1 ) .
            """
        let (triples, errors) = RDFReaderTests.read(.turtle, Array(ttl.utf8))
        #expect(errors.isEmpty)
        let s = RDFTerm.iri("http://e.org/s")
        func lit(_ v: String, _ type: String) -> RDFTerm { .literal(lexical: v, datatype: RDFVocabulary.xsd + type, language: nil) }
        let objects = triples.filter { $0.subject == s }.map(\.object)
        #expect(objects.count == 9)
        #expect(objects.prefix(8) == [
            .iri("http://e.org/T"), lit("1", "integer"), lit("-2.50", "decimal"), lit("3E2", "double"), lit("true", "boolean"),
            .langString("x", language: "en-gb"), lit("y", "date"), .string("z"),
        ])
        guard case .blank(let head)? = objects.last else { Issue.record("the collection is not a blank node"); return }
        #expect(Set(triples.filter { $0.subject == .blank(head) }) == [
            RDFTriple(.blank(head), .iri(RDFVocabulary.rdfFirst), lit("1", "integer")),
            RDFTriple(.blank(head), .iri(RDFVocabulary.rdfRest), .iri(RDFVocabulary.rdfNil)),
        ])
    }

    @Test("relative IRIs resolve against the reader's base, then against @base and BASE")
    func relativeIRIs() {
        let ttl = """
            <a> <p> <../b> .
            @base <http://x.org/one/two/> .
            <c> <p> <#frag> .
            BASE <../three/>
            <d?q> <p> <//host/e> .
            """
        let (triples, errors) = RDFReaderTests.read(.turtle, Array(ttl.utf8), options: RDFReaderOptions(baseIRI: "http://e.org/dir/doc.ttl"))
        #expect(errors.isEmpty)
        #expect(triples.map(\.description) == [
            "<http://e.org/dir/a> <http://e.org/dir/p> <http://e.org/b> .",
            "<http://x.org/one/two/c> <http://x.org/one/two/p> <http://x.org/one/two/#frag> .",
            "<http://x.org/one/three/d?q> <http://x.org/one/three/p> <http://host/e> .",
        ])
    }

    @Test("blank node labels belong to their document: the same label in two documents is two nodes")
    func blankNodeScopes() {
        let ttl = Array("_:x <http://e.org/p> [] , _:x .\n".utf8)
        let first = RDFReaderTests.read(.turtle, ttl).triples
        let second = RDFReaderTests.read(.turtle, ttl).triples
        #expect(first.count == 2 && second.count == 2)
        #expect(first[0].subject == first[1].object, "one label, one node within a document")
        #expect(first[0].subject != first[0].object, "[] is a node of its own")
        let labels = { (ts: [RDFTriple]) in Set(ts.flatMap { [$0.subject, $0.object] }) }
        #expect(labels(first).isDisjoint(with: labels(second)))
        let nt = Array("_:x <http://e.org/p> _:y .\n".utf8)
        let a = RDFReaderTests.read(.nTriples, nt).triples, b = RDFReaderTests.read(.nTriples, nt).triples
        #expect(labels(a).isDisjoint(with: labels(b)))
        let fixed = RDFReaderTests.read(.turtle, ttl, options: RDFReaderOptions(blankNodeScope: 7)).triples
        #expect(fixed.map(\.description) == ["_:b7_x <http://e.org/p> _:b7g1 .", "_:b7_x <http://e.org/p> _:b7_x ."])
    }

    @Test("a UTF-8 byte order mark is skipped and not counted in columns")
    func byteOrderMark() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let ttl = RDFReaderTests.read(.turtle, bom + Array("@prefix : <http://e.org/> .\n:s :p :o .\n".utf8))
        #expect(ttl.errors.isEmpty && ttl.triples.count == 1)
        let nt = RDFReaderTests.read(.nTriples, bom + Array("<http://e.org/s> <p> <http://e.org/o> .\n".utf8))
        #expect(nt.errors.map(\.description) == ["line 1 column 18: relative IRI: N-Triples needs absolute IRIs such as <http://example.org/x>"])
        #expect(nt.errors.first?.sourceLine == "<http://e.org/s> <p> <http://e.org/o> .")
    }

    @Test("a throwing callback stops the reader and its error comes out")
    func throwingCallback() {
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            _ = try NTriplesReader.read(Array("<http://e.org/a> <http://e.org/p> <http://e.org/b> .\n".utf8)) { (_: RDFTriple) throws(Enough) in
                seen += 1
                throw Enough()
            }
        }
        #expect(seen == 1)
    }

    // MARK: Graph isomorphism (the conformance runner's check)

    @Test("isomorphism: relabelled blank nodes match; two triangles are not a hexagon")
    func isomorphism() {
        let p = RDFTerm.iri("http://e.org/p")
        func ring(_ labels: [String]) -> [RDFTriple] {
            labels.indices.map { RDFTriple(.blank(labels[$0]), p, .blank(labels[($0 + 1) % labels.count])) }
        }
        let hexagon = ring(["a", "b", "c", "d", "e", "f"])
        let triangles = ring(["a", "b", "c"]) + ring(["d", "e", "f"])
        #expect(RDFIsomorphism.isomorphic(hexagon, ring(["u", "v", "w", "x", "y", "z"])))
        #expect(!RDFIsomorphism.isomorphic(hexagon, triangles))
        let g = [RDFTriple(.blank("x"), p, .string("1")), RDFTriple(.blank("y"), p, .string("2")), RDFTriple(.blank("x"), p, .blank("y"))]
        let h = [RDFTriple(.blank("m"), p, .string("2")), RDFTriple(.blank("n"), p, .string("1")), RDFTriple(.blank("n"), p, .blank("m"))]
        let swapped = [RDFTriple(.blank("m"), p, .string("2")), RDFTriple(.blank("n"), p, .string("1")), RDFTriple(.blank("m"), p, .blank("n"))]
        #expect(RDFIsomorphism.isomorphic(g, h))
        #expect(!RDFIsomorphism.isomorphic(g, swapped))
        #expect(RDFIsomorphism.isomorphic(g + g, h), "a graph is a set: duplicates count once")
    }

    // MARK: MONDIAL

    /// Reads one file of `<repo>/../shared/datasets/mondial` as Turtle: its distinct triples,
    /// how many statements it read, and its errors.
    static func mondial(_ name: String) throws -> (triples: Set<RDFTriple>, read: Int, errors: [RDFSyntaxError]) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/datasets/mondial/\(name)")
        let bytes = [UInt8](try Data(contentsOf: url))
        var distinct = Set<RDFTriple>()
        var read = 0
        let errors = TurtleReader.read(bytes, options: RDFReaderOptions(baseIRI: "http://www.semwebtech.org/mondial/10/")) {
            distinct.insert($0)
            read += 1
        }
        return (distinct, read, errors)
    }

    @Test("MONDIAL's Europe extract: 64,566 distinct triples")
    func mondialEurope() throws {
        let (distinct, read, errors) = try RDFReaderTests.mondial("mondial-europe.n3")
        #expect(errors.isEmpty, "\(errors.prefix(3).map(\.description))")
        #expect(distinct.count == 64_566)
        #expect(read == 64_583, "rapper -c counts the repeated statements too")
        #expect(distinct.contains(RDFTriple(.iri("http://www.semwebtech.org/mondial/10/countries/GR/"),
                                            .iri("http://www.semwebtech.org/mondial/10/meta#localname"),
                                            .string("Ελληνική Δημοκρατία"))))
        #expect(distinct.contains(RDFTriple(.iri("http://www.semwebtech.org/mondial/10/countries/SRB/"),
                                            .iri("http://www.semwebtech.org/mondial/10/meta#localname"),
                                            .string("Република Србија"))))
    }

    @Test("MONDIAL's schema and sameAs files: 758 and 4,482 distinct triples, 69,806 with Europe")
    func mondialAll() throws {
        let europe = try RDFReaderTests.mondial("mondial-europe.n3")
        let meta = try RDFReaderTests.mondial("mondial-meta.n3")
        let sameAs = try RDFReaderTests.mondial("mondial-sameas.n3")
        #expect(meta.errors.isEmpty && sameAs.errors.isEmpty)
        #expect(meta.triples.count == 758)
        #expect(sameAs.triples.count == 4_482)
        #expect(europe.triples.union(meta.triples).union(sameAs.triples).count == 69_806)
    }
}
