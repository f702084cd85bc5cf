import Foundation
import KGFormats
import Testing

/// The W3C N-Triples and Turtle test suites in `../shared/w3c-rdf-tests`, RDF 1.1 and the RDF 1.2
/// additions, run from their manifests, which are read with kgsh's own Turtle reader. Each W3C
/// test is one named case; a test not run is cancelled with its reason, so the run names it.
@Suite("W3C RDF conformance")
struct RDFConformanceTests {
    /// What RDF 1.2 adds that kgsh does not read.
    static let rdf12Syntax = "RDF 1.2 syntax (triple terms <<( … )>>, reifiers, annotations, VERSION, base direction --ltr/--rtl): kgsh reads RDF 1.1 and rejects such a document with an error at its line and column (asserted by 'RDF 1.2 syntax is an error, never misread')"

    /// Tests not run, by `testDescription` ("turtle/NAME", "ntriples12/NAME" …), with the reason:
    /// none of RDF 1.1; of RDF 1.2, the positive syntax and eval tests (new syntax), the
    /// canonical-form tests that use it, and three negative tests RDF 1.1's grammar accepts.
    static let skipped: [String: String] = {
        var out: [String: String] = [:]
        for c in RDFConformance.cases where c.isRDF12 {
            switch c.kind {
            case .nTriplesPositiveSyntax, .turtlePositiveSyntax, .turtleEval: out[c.testDescription] = rdf12Syntax
            default: break
            }
        }
        for name in ["dirlangtagged_string", "triple-term-01", "triple-term-02", "triple-term-03", "triple-term-04"] {
            out["ntriples12/" + name] = rdf12Syntax
        }
        out["ntriples12/ntriples-langdir-bad-3"] = "an RDF 1.2 rule: \"Hello\"^^rdf:langString (no tag) is well-formed RDF 1.1 N-Triples syntax, which kgsh reads"
        out["ntriples12/ntriples-langdir-bad-4"] = "an RDF 1.2 rule: a language tag longer than BCP 47 allows (@cantbethislong) is well-formed RDF 1.1 N-Triples syntax, which kgsh reads"
        out["ntriples12/ntriples-langdir-bad-5"] = "an RDF 1.2 rule: \"Hello\"^^rdf:dirLangString is well-formed RDF 1.1 N-Triples syntax, which kgsh reads"
        return out
    }()

    @Test("W3C RDF test", arguments: RDFConformance.cases)
    func w3c(_ test: RDFConformanceCase) throws {
        if let reason = RDFConformanceTests.skipped[test.testDescription] {
            print("skipped \(test.testDescription): \(reason)")
            try Test.cancel("skipped \(test.testDescription): \(reason)")
        }
        let input = try RDFConformance.bytes(test.action)
        switch test.kind {
        case .nTriplesPositiveC14N:
            // The input reads to the same graph as its canonical form.
            var actual: [RDFTriple] = [], expected: [RDFTriple] = []
            let errors = NTriplesReader.read(input) { actual.append($0) }
            try #require(errors.isEmpty, "\(errors.map(\.description))")
            let resultErrors = NTriplesReader.read(try RDFConformance.bytes(try #require(test.result))) { expected.append($0) }
            try #require(resultErrors.isEmpty, "canonical form: \(resultErrors.map(\.description))")
            #expect(RDFIsomorphism.isomorphic(actual, expected), "got \(actual.map(\.description)), expected \(expected.map(\.description))")
        case .nTriplesPositiveSyntax:
            let errors = NTriplesReader.read(input) { _ in }
            #expect(errors.isEmpty, "\(errors.map(\.description))")
        case .nTriplesNegativeSyntax:
            let errors = NTriplesReader.read(input) { _ in }
            #expect(!errors.isEmpty, "accepted a bad N-Triples file")
        case .turtlePositiveSyntax:
            let errors = TurtleReader.read(input, options: RDFReaderOptions(baseIRI: test.baseIRI)) { _ in }
            #expect(errors.isEmpty, "\(errors.map(\.description))")
        case .turtleNegativeSyntax, .turtleNegativeEval:
            let errors = TurtleReader.read(input, options: RDFReaderOptions(baseIRI: test.baseIRI)) { _ in }
            #expect(!errors.isEmpty, "accepted a bad Turtle file")
        case .turtleEval:
            var actual: [RDFTriple] = []
            let errors = TurtleReader.read(input, options: RDFReaderOptions(baseIRI: test.baseIRI)) { actual.append($0) }
            try #require(errors.isEmpty, "\(errors.map(\.description))")
            var expected: [RDFTriple] = []
            let resultErrors = NTriplesReader.read(try RDFConformance.bytes(try #require(test.result))) { expected.append($0) }
            try #require(resultErrors.isEmpty, "expected result: \(resultErrors.map(\.description))")
            #expect(RDFIsomorphism.isomorphic(actual, expected),
                    "got:\n\(actual.map(\.description).sorted().joined(separator: "\n"))\nexpected:\n\(expected.map(\.description).sorted().joined(separator: "\n"))")
        }
    }

    @Test("the manifests list all 556 tests: 383 of RDF 1.1 (115 positive syntax, 123 negative syntax, 145 eval) and 173 of RDF 1.2")
    func counts() {
        let cases = RDFConformance.cases
        #expect(cases.count == 556)
        let rdf11 = cases.filter { !$0.isRDF12 }
        #expect(rdf11.count == 383)
        #expect(rdf11.filter { $0.kind == .nTriplesPositiveSyntax || $0.kind == .turtlePositiveSyntax }.count == 115)
        #expect(rdf11.filter { $0.kind == .nTriplesNegativeSyntax || $0.kind == .turtleNegativeSyntax }.count == 123)
        #expect(rdf11.filter { $0.kind == .turtleEval }.count == 145)
        var bySuite: [String: Int] = [:]
        for c in cases where c.isRDF12 { bySuite[c.suite, default: 0] += 1 }
        #expect(bySuite == ["ntriples-rdf12-syntax": 29, "ntriples-rdf12-c14n": 41, "turtle-rdf12-syntax": 74, "turtle-rdf12-eval": 29])
        #expect(Set(cases.map(\.testDescription)).count == cases.count, "test names are unique")
        #expect(RDFConformance.manifestErrors.isEmpty, "\(RDFConformance.manifestErrors)")
        // No RDF 1.1 test is skipped; every skip names a test of the manifests.
        #expect(rdf11.allSatisfy { RDFConformanceTests.skipped[$0.testDescription] == nil })
        #expect(Set(RDFConformanceTests.skipped.keys).isSubset(of: Set(cases.map(\.testDescription))))
        #expect(RDFConformanceTests.skipped.count == 48 + 29 + 5 + 3)
    }

    @Test("RDF 1.2 syntax is an error, never misread: every skipped RDF 1.2 document that uses it", arguments: RDFConformance.cases.filter {
        RDFConformanceTests.skipped[$0.testDescription] == RDFConformanceTests.rdf12Syntax
    })
    func rdf12Rejected(_ test: RDFConformanceCase) throws {
        let input = try RDFConformance.bytes(test.action)
        var read = 0
        let errors = test.suite.hasPrefix("turtle")
            ? TurtleReader.read(input, options: RDFReaderOptions(baseIRI: test.baseIRI)) { _ in read += 1 }
            : NTriplesReader.read(input) { _ in read += 1 }
        #expect(!errors.isEmpty, "\(test.testDescription): read as RDF 1.1 (\(read) triples)")
        #expect(errors.allSatisfy { $0.line >= 1 && $0.column >= 1 })
    }

    @Test("the manifests, read with kgsh's Turtle reader, name the same tests as tests.tsv")
    func sameAsIndex() throws {
        let tsv = String(decoding: try RDFConformance.bytes(RDFConformance.root.appendingPathComponent("tests.tsv").path), as: UTF8.self)
        var fromIndex: Set<String> = []
        for line in tsv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 6 else { continue }
            let base = f[0].hasPrefix("turtle") ? f[5] : "-"
            fromIndex.insert([f[0], f[1], f[2], f[3], f[4], base].joined(separator: "|"))
        }
        let fromManifests = Set(RDFConformance.cases.map { c in
            let relative = { (path: String) in String(path.dropFirst(RDFConformance.root.path.count + 1)) }
            return [c.suite, c.kind.rawValue, c.name, relative(c.action), c.result.map(relative) ?? "-",
                    c.suite.hasPrefix("turtle") ? c.baseIRI : "-"].joined(separator: "|")
        })
        #expect(fromIndex.count == 556)
        #expect(fromManifests.subtracting(fromIndex).sorted() == [])
        #expect(fromIndex.subtracting(fromManifests).sorted() == [])
    }
}

/// One W3C test: its kind, input, expected result and base IRI.
struct RDFConformanceCase: Sendable, Hashable, CustomTestStringConvertible {
    enum Kind: String, Sendable {
        case nTriplesPositiveSyntax = "TestNTriplesPositiveSyntax"
        case nTriplesNegativeSyntax = "TestNTriplesNegativeSyntax"
        case turtlePositiveSyntax = "TestTurtlePositiveSyntax"
        case turtleNegativeSyntax = "TestTurtleNegativeSyntax"
        case turtleEval = "TestTurtleEval"
        case turtleNegativeEval = "TestTurtleNegativeEval"
        case nTriplesPositiveC14N = "TestNTriplesPositiveC14N"
    }

    let suite: String
    let kind: Kind
    /// The fragment of the test's IRI in the manifest (`<#name>`). It is the `mf:name` too, except
    /// for `turtle-syntax-bad-LITERAL2_with_langtag_and_datatype`, whose `mf:name` repeats
    /// "turtle-syntax-bad-num-05" upstream; tests.tsv uses the IRI's fragment as well.
    let name: String
    /// The test's `mf:name`.
    let label: String
    /// Absolute file paths.
    let action: String
    let result: String?
    /// The retrieval IRI the input is parsed against: the manifest's `mf:assumedTestBase`
    /// joined with the input's path relative to the manifest.
    let baseIRI: String

    var isRDF12: Bool { suite.contains("rdf12") }

    /// Unique over both suites: some N-Triples and Turtle tests have the same name.
    var testDescription: String { "\(suite.hasPrefix("turtle") ? "turtle" : "ntriples")\(isRDF12 ? "12" : "")/\(name)" }
}

/// Reads the test manifests with `TurtleReader`.
enum RDFConformance {
    /// `<repo>/../shared/w3c-rdf-tests`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/w3c-rdf-tests").standardizedFileURL

    /// The manifests (RDF 1.1, then RDF 1.2's additions): suite name, path below `root`, and the base for N-Triples inputs
    /// (whose manifest has no `mf:assumedTestBase`; N-Triples never uses it).
    static let manifests: [(suite: String, path: String, defaultBase: String)] = [
        ("ntriples-rdf11", "ntriples/manifest.ttl", "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-n-triples/"),
        ("turtle-rdf11", "turtle/manifest.ttl", "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/"),
        ("ntriples-rdf12-syntax", "ntriples/rdf12/syntax/manifest.ttl", "https://w3c.github.io/rdf-tests/rdf/rdf12/rdf-n-triples/syntax/"),
        ("ntriples-rdf12-c14n", "ntriples/rdf12/c14n/manifest.ttl", "https://w3c.github.io/rdf-tests/rdf/rdf12/rdf-n-triples/c14n/"),
        ("turtle-rdf12-syntax", "turtle/rdf12/syntax/manifest.ttl", "https://w3c.github.io/rdf-tests/rdf/rdf12/rdf-turtle/syntax/"),
        ("turtle-rdf12-eval", "turtle/rdf12/eval/manifest.ttl", "https://w3c.github.io/rdf-tests/rdf/rdf12/rdf-turtle/eval/"),
    ]

    static let loaded: (cases: [RDFConformanceCase], errors: [String]) = load()
    static var cases: [RDFConformanceCase] { loaded.cases }
    static var manifestErrors: [String] { loaded.errors }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private static let mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
    private static let rdft = "http://www.w3.org/ns/rdftest#"

    private static func load() -> ([RDFConformanceCase], [String]) {
        var cases: [RDFConformanceCase] = []
        var errors: [String] = []
        for manifest in manifests {
            let url = root.appendingPathComponent(manifest.path)
            guard let input = try? bytes(url.path) else {
                errors.append("\(url.path): cannot read")
                continue
            }
            var triples: [RDFTriple] = []
            let syntax = TurtleReader.read(input, options: RDFReaderOptions(baseIRI: url.absoluteString)) { triples.append($0) }
            errors += syntax.map { "\(manifest.path): \($0)" }
            var bySubject: [RDFTerm: [RDFTriple]] = [:]
            for t in triples { bySubject[t.subject, default: []].append(t) }
            func values(_ s: RDFTerm, _ p: String) -> [RDFTerm] { (bySubject[s] ?? []).filter { $0.predicate == .iri(p) }.map(\.object) }
            func value(_ s: RDFTerm, _ p: String) -> RDFTerm? { values(s, p).first }
            guard let node = triples.first(where: { $0.predicate == .iri(RDFVocabulary.rdfType) && $0.object == .iri(mf + "Manifest") })?.subject,
                  var list = value(node, mf + "entries") else {
                errors.append("\(manifest.path): no mf:Manifest with mf:entries")
                continue
            }
            let assumedBase: String
            if case .iri(let b)? = value(node, mf + "assumedTestBase") { assumedBase = b } else { assumedBase = manifest.defaultBase }
            let directory = url.deletingLastPathComponent().absoluteString
            func path(_ term: RDFTerm?) -> String? {
                guard case .iri(let iri)? = term, let u = URL(string: iri), u.isFileURL else { return nil }
                return u.standardizedFileURL.path
            }
            while list != .iri(RDFVocabulary.rdfNil) {
                guard let entry = value(list, RDFVocabulary.rdfFirst), let rest = value(list, RDFVocabulary.rdfRest) else {
                    errors.append("\(manifest.path): broken mf:entries list")
                    break
                }
                list = rest
                guard case .iri(let type)? = value(entry, RDFVocabulary.rdfType), type.hasPrefix(rdft),
                      let kind = RDFConformanceCase.Kind(rawValue: String(type.dropFirst(rdft.count))),
                      case .iri(let entryIRI) = entry, let hash = entryIRI.lastIndex(of: "#"),
                      case .literal(let label, _, _)? = value(entry, mf + "name"),
                      case .iri(let actionIRI)? = value(entry, mf + "action"),
                      let action = path(.iri(actionIRI)) else {
                    errors.append("\(manifest.path): cannot read the entry \(entry)")
                    continue
                }
                let relative = actionIRI.hasPrefix(directory) ? String(actionIRI.dropFirst(directory.count)) : (action as NSString).lastPathComponent
                let name = String(entryIRI[entryIRI.index(after: hash)...])
                cases.append(RDFConformanceCase(suite: manifest.suite, kind: kind, name: name, label: label, action: action,
                                                result: path(value(entry, mf + "result")), baseIRI: assumedBase + relative))
            }
        }
        return (cases, errors)
    }
}
