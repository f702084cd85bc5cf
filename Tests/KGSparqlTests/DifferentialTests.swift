import Foundation
import KGModel
import KGShell
import KGSparql
import Testing

/// Every example of docs/query-language.md and every seed question, run on the embedded graph and
/// on Oxigraph's server loaded with the seed graph's `export all as nt`: the printed answers must
/// be the same. Rows of a statement without `order by` compare as a set (engines may list them in
/// any order); `show` cards compare line by line as a set (the card lists facts in id order, and
/// ids are given in load order); `explain` prints the SPARQL sent instead of a plan, and `export`
/// is refused on an endpoint, so those two are checked apart.
@Suite("The same answers from the embedded store and a SPARQL engine", .serialized)
struct DifferentialTests {
    /// The statements of the document's `kgsh` blocks, one list per block.
    static func docBlocks() throws -> [(line: Int, statements: [String])] {
        let text = try String(contentsOfFile: Paths.repository.appendingPathComponent("docs/query-language.md").path, encoding: .utf8)
        var blocks: [(Int, [String])] = []
        var current: [String]? = nil
        var start = 0
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current == nil {
                if line == "```kgsh" { current = []; start = i + 1 }
            } else if line.hasPrefix("```") {
                blocks.append((start, current!))
                current = nil
            } else if line.hasPrefix("kgsh> ") {
                current!.append(String(line.dropFirst(6)))
            }
        }
        return blocks
    }

    /// The statements of Tests/KGQueryTests/SeedQuestionsTests.swift, and the rules it defines.
    static func seedQuestions() throws -> (statements: [String], rules: [String]) {
        let text = try String(contentsOfFile: Paths.repository.appendingPathComponent("Tests/KGQueryTests/SeedQuestionsTests.swift").path, encoding: .utf8)
        func strings(after marker: String) -> [String] {
            let regex = try! Regex(marker + #""((?:[^"\\]|\\.)*)""#)
            return text.matches(of: regex).compactMap { m in
                (m.output[1].substring).map { String($0).replacingOccurrences(of: "\\\"", with: "\"") }
            }
        }
        let rules = strings(after: "").filter { $0.hasPrefix("rule ") }
        return (strings(after: "statement: "), rules)
    }

    /// What a statement printed, normalised where engines may legitimately differ.
    static func normalised(_ statement: String, _ outcome: Outcome) -> String {
        let text = outcome.output + outcome.errors
        let lower = statement.lowercased()
        if lower.contains("order by") { return text }
        // Connections of the same length, and the rows of an unordered `why`, come in the order
        // the graph gives them: compared as sets (a `why` row is its numbered block, number off).
        if lower.hasPrefix("path") {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return (lines.prefix(1) + lines.dropFirst().sorted()).joined(separator: "\n")
        }
        if lower.hasPrefix("why") {
            var blocks: [String] = [], current = ""
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let digits = line.prefix { $0.isASCII && $0.isNumber }
                if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") {
                    if !current.isEmpty { blocks.append(current) }
                    current = String(line.dropFirst(digits.count + 2)) + "\n"
                } else {
                    current += line + "\n"
                }
            }
            return (blocks + [current]).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.sorted().joined(separator: "\n---\n")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            // A card's labels and aliases print in the order the graph gave them.
            for heading in ["  labels   ", "  aliases  "] where line.hasPrefix(heading) {
                return heading + line.dropFirst(heading.count).components(separatedBy: " · ").sorted().joined(separator: " · ")
            }
            return String(line)
        }.sorted().joined(separator: "\n")
    }

    /// - Parameter eagerNames: 0 looks names up per statement, as on a graph too large to read them all.
    func compare(_ statements: [String], setup: [String] = [], server: OxigraphServer, where place: String, eagerNames: Int = SPARQLBackend.eagerNames) {
        let embedded = Session(store: seedStore)
        let remote = Session(store: FactStore())
        if let message = remote.connect(server.endpoint, eagerNames: eagerNames) { Issue.record("\(place): \(message)"); return }
        for s in setup { _ = embedded.run(s); _ = remote.run(s) }
        for statement in statements {
            let lower = statement.lowercased()
            if lower.hasPrefix("export") || lower.hasPrefix(".") && !lower.hasPrefix(".lang") && !lower.hasPrefix(".mode") && !lower.hasPrefix(".ids") && !lower.hasPrefix(".headers") {
                _ = embedded.run(statement); _ = remote.run(statement)
                continue
            }
            let a = embedded.run(statement), b = remote.run(statement)
            if lower.hasPrefix("explain") {
                #expect(b.output.contains("sparql \(server.endpoint)"), "\(place): explain on the endpoint shows no SPARQL: \(b.output)\(b.errors)")
                continue
            }
            // The intermediate-row budget (.limit memory) is the embedded evaluator's own; an
            // engine plans with its own memory.
            if a.errors.contains("intermediate row") { continue }
            var left = Self.normalised(statement, a)
            var right = Self.normalised(statement, b)
            // Names looked up per statement cannot suggest a spelling: that needs every name. The
            // endpoint's hint is then how to search the labels.
            if eagerNames == 0 {
                left = left.replacingOccurrences(of: #"(no entity '[^']*') — did you mean [^\n]*\?"#, with: "$1", options: .regularExpression)
                left = left.replacingOccurrences(of: #"(no entity '[^']*'): search the labels with [^\n]*"#, with: "$1", options: .regularExpression)
                right = right.replacingOccurrences(of: #"(no entity '[^']*'): search the labels with [^\n]*"#, with: "$1", options: .regularExpression)
            }
            #expect(left == right, "\(place): \(statement)\n--- embedded\n\(a.output)\(a.errors)--- oxigraph\n\(b.output)\(b.errors)--- sent\n\(remote.lastSPARQL.joined(separator: "\n"))")
        }
    }

    @Test("docs/query-language.md and the seed questions on Oxigraph")
    func docsAndSeedQuestions() throws {
        let server = try OxigraphServer.seed()
        for block in try Self.docBlocks() {
            compare(block.statements, server: server, where: "docs/query-language.md:\(block.line)")
        }
        // Beyond the document: why over naming facts (their provenance comes from the reification
        // too), a card with many facts, text tests on entities, a path with max.
        compare([
            "why ?x label \"인천광역시\"@ko", "why ?x type Award, ?x year 2023", "show 인천 스타트업 파크 트라이아웃",
            "find ?x where ?x type Organization, ?x contains \"인천\" order by ?x", "path 박진영 to 대구광역시 max 3",
            "find ?a, sum(?m) as total where ?a maxBudget|extraFunding ?m group by ?a",
        ], server: server, where: "extra statements")
        let seed = try Self.seedQuestions()
        #expect(seed.statements.count > 20)
        compare(seed.statements, setup: seed.rules, server: server, where: "SeedQuestionsTests")
    }

    /// The statements of the query scripts in Scripts/, as `kgsh -f` splits them.
    static func scripts() throws -> [(name: String, statements: [String])] {
        let folder = Paths.repository.appendingPathComponent("Scripts")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".kq") }.sorted().map { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            return (name, StatementSplitter.split(text).map(\.text))
        }
    }

    @Test("the query scripts of Scripts/ on Oxigraph: optional columns ordered by label, cards, why")
    func scriptsOnBothBackends() throws {
        let server = try OxigraphServer.seed()
        let scripts = try Self.scripts()
        #expect(scripts.count == 5)
        for script in scripts {
            #expect(script.statements.count > 3, "\(script.name)")
            compare(script.statements, server: server, where: "Scripts/\(script.name)")
        }
    }

    @Test("with names looked up per statement: the same answers")
    func lazyNames() throws {
        let server = try OxigraphServer.seed()
        for block in try Self.docBlocks() {
            compare(block.statements, server: server, where: "lazy names, docs/query-language.md:\(block.line)", eagerNames: 0)
        }
        let seed = try Self.seedQuestions()
        compare(seed.statements, setup: seed.rules, server: server, where: "lazy names, SeedQuestionsTests", eagerNames: 0)
    }
}
