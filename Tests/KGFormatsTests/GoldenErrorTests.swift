import KGFormats
import KGModel
import Testing

/// Each `Fixtures/bad/NAME.kg` sits beside `NAME.error.txt`, the exact diagnostics it must produce.
@Suite("Golden bad files")
struct GoldenErrorTests {
    @Test("each bad file reports exactly its expected errors", arguments: Fixtures.badFixtureNames())
    func badFile(name: String) throws {
        let document = KGParser.parse(path: name + ".kg", bytes: try Fixtures.bytes("bad/\(name).kg"))
        let expected = try Fixtures.text("bad/\(name).error.txt")
        switch KGLoader.load([document], into: FactStore()) {
        case .success:
            Issue.record("\(name).kg loaded without errors")
        case .failure(let failure):
            #expect(failure.rendered + "\n" == expected)
        }
    }

    @Test("there is a golden file for every kind of error the format names")
    func coverage() {
        let names = Set(Fixtures.badFixtureNames())
        for kind in ["bad_syntax", "bad_unknown_type", "bad_unknown_predicate", "bad_domain", "bad_range",
                     "bad_dangling_ref", "bad_duplicate_id", "bad_literal", "bad_no_source", "bad_utf8"] {
            #expect(names.contains(kind), "missing fixture \(kind)")
        }
    }

    @Test("a file with several errors reports all of them, in line order")
    func allErrorsOfAFile() throws {
        let document = KGParser.parse(path: "m.kg", bytes: try Fixtures.bytes("bad/bad_many_kinds.kg"))
        guard case .failure(let failure) = KGLoader.load([document], into: FactStore()) else {
            Issue.record("loaded"); return
        }
        #expect(failure.diagnostics.map(\.line) == [16, 17, 18, 19, 20])
    }
}
