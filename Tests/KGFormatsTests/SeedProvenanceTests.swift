import Foundation
import KGFormats
import KGModel
import Testing

/// The seed graph's provenance holds up against the articles themselves (../shared/seeds/).
@Suite("Seed provenance")
struct SeedProvenanceTests {
    static let seeds = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/seeds")

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func load() throws -> FactStore {
        try KnowledgeFiles.load([Fixtures.repository.appendingPathComponent("Knowledge").path], into: FactStore()).get().0
    }

    /// Each article's text, by its seed file name.
    func articles() throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.seeds.path) where name.hasSuffix(".txt") {
            out[name] = Self.collapse(try String(contentsOf: Self.seeds.appendingPathComponent(name), encoding: .utf8))
        }
        return out
    }

    @Test("Knowledge/ loads and its store is consistent")
    func loads() throws {
        let store = try load()
        #expect(store.checkInvariants() == [])
        #expect(store.factCount > 300)
    }

    @Test("every quoted sentence is found verbatim in the article its fact cites")
    func quotesAreVerbatim() throws {
        let store = try load()
        let texts = try articles()
        #expect(texts.count == 2)
        let seedFile = store.terms.entity("seedFile")!
        var checked = 0
        for fact in 0..<UInt32(store.factCount) {
            for p in store.provenance(ofFact: fact) {
                guard let q = p.quote, let source = p.source else { continue }
                let file = store.literals(of: source, predicate: seedFile).first?.text
                let text = file.flatMap { texts[$0] }
                #expect(text != nil, "source \(store.name(source)) names no seed file")
                let quote = Self.collapse(store.quotes[Int(q)])
                #expect(text?.contains(quote) == true, "not in \(file ?? "?"): \(quote)")
                checked += 1
            }
        }
        #expect(checked > 200)
    }

    @Test("every fact cites one of the two articles, and every entity has a Korean and an English label")
    func everyFactCitesAnArticle() throws {
        let store = try load()
        let articles = Set(["art-incheon-2023", "art-daegu-2021"].compactMap { store.terms.entity($0) })
        #expect(articles.count == 2)
        for fact in 0..<UInt32(store.factCount) {
            for p in store.provenance(ofFact: fact) {
                #expect(p.source.map(articles.contains) == true)
            }
        }
        for (entity, _) in store.entityTypes {
            let languages = Set(store.literals(of: entity, predicate: store.builtins.label).compactMap(\.language))
            #expect(languages.isSuperset(of: ["ko", "en"]), "\(store.name(entity)) lacks a ko or en label")
        }
    }

    @Test("the article's open '27일' stays open: no full date is given to Incheon's announcements")
    func openDateStaysOpen() throws {
        let store = try load()
        let announcedOn = store.terms.entity("announcedOn")!
        let award = store.terms.entity("award-incheon-2023")!
        #expect(store.match(subject: award, predicate: announcedOn, object: nil).isEmpty)
        let day = store.terms.entity("announcedDayOfMonth")!
        #expect(store.match(subject: award, predicate: day, object: nil).map { store.terms[store.triples[Int($0)].object] } == [.literal(.integer(27))])
    }
}
