import Foundation
import KGShell
import Testing

/// The examples of docs/query-language.md, run against the seed graph.
///
/// Every fenced block whose info string is exactly `kgsh` is a transcript: a line starting with
/// `kgsh> ` is a statement, and the lines after it (up to the next `kgsh> ` line or the end of the
/// block) are exactly what the shell prints for it, standard output followed by standard error.
/// A block's statements run in order in one session, so a rule defined early in a block is
/// usable later in it.
enum DocExamples {
    /// One statement of a transcript and the text it must print.
    struct Example: Sendable {
        let statement: String
        let expected: String
        /// 1-based line of the `kgsh> ` line in the document.
        let line: Int
    }

    /// One `kgsh` block: its examples in order.
    struct Block: Sendable, CustomTestStringConvertible {
        /// 1-based line of the opening fence.
        let line: Int
        let examples: [Example]

        var testDescription: String {
            "docs/query-language.md:\(line) (\(examples.count) statement\(examples.count == 1 ? "" : "s"))"
        }
    }

    static let document = Paths.repository.appendingPathComponent("docs/query-language.md").path

    /// The document's text, or nil when it cannot be read (the tests below then fail by name).
    static let text: String? = try? String(contentsOfFile: document, encoding: .utf8)

    static let prompt = "kgsh> "

    /// Every `kgsh` block of the document, in order.
    static let blocks: [Block] = text.map(parse) ?? []

    /// Info strings of fences that look like transcripts but would be skipped (`kgsh `, `KGSH`, `kgsh-…`).
    static let nearMisses: [String] = {
        guard let text else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, raw in
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw[...]
            guard line.hasPrefix("```") else { return nil }
            let info = line.dropFirst(3)
            return info != "kgsh" && info.lowercased().hasPrefix("kgsh") ? "line \(i + 1): ```\(info)" : nil
        }
    }()

    static func parse(_ text: String) -> [Block] {
        var blocks: [Block] = []
        var inBlock = false
        var blockLine = 0
        var examples: [Example] = []
        var statement: (text: String, line: Int)? = nil
        var output: [String] = []

        func finishStatement() {
            if let s = statement {
                examples.append(Example(statement: s.text, expected: output.map { $0 + "\n" }.joined(), line: s.line))
            }
            statement = nil
            output = []
        }

        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if !inBlock {
                if line == "```kgsh" {
                    inBlock = true
                    blockLine = index + 1
                    examples = []
                }
                continue
            }
            if line.hasPrefix("```") {
                finishStatement()
                blocks.append(Block(line: blockLine, examples: examples))
                inBlock = false
                continue
            }
            if line.hasPrefix(prompt) {
                finishStatement()
                statement = (String(line.dropFirst(prompt.count)), index + 1)
            } else if statement != nil {
                output.append(line)
            }
        }
        return blocks
    }

    /// What the shell prints for `statement`: standard output, then standard error. Facts' file
    /// names print relative to the repository, as they do when kgsh runs there on `Knowledge/`.
    static func printed(_ outcome: Outcome) -> String {
        (outcome.output + outcome.errors).replacingOccurrences(of: Paths.repository.path + "/", with: "")
    }
}

@Suite("Doc examples: docs/query-language.md")
struct DocExamplesTests {
    @Test("the document exists, its transcripts hold at least 25 statements, and no fence is a near miss")
    func coverage() throws {
        let text = try #require(DocExamples.text, "cannot read \(DocExamples.document)")
        #expect(!text.isEmpty)
        let statements = DocExamples.blocks.reduce(0) { $0 + $1.examples.count }
        #expect(statements >= 25, "docs/query-language.md has \(statements) kgsh statements; at least 25 are expected")
        for block in DocExamples.blocks {
            #expect(!block.examples.isEmpty, "the kgsh block at docs/query-language.md:\(block.line) has no 'kgsh> ' line")
        }
        #expect(DocExamples.nearMisses.isEmpty, "fences that are not exactly ```kgsh, so their examples are not run: \(DocExamples.nearMisses)")
    }

    @Test("every statement of §1 'At a glance' runs on the seed graph and answers something")
    func atAGlance() throws {
        let text = try #require(DocExamples.text)
        let section = try #require(text.range(of: "## 1. At a glance\n\n```text\n"), "no ```text block under §1")
        let block = text[section.upperBound...].prefix { _ in true }
        let end = try #require(block.range(of: "\n```"))
        // Each line is a statement, then two or more spaces and a comment.
        let statements = block[..<end.lowerBound].split(separator: "\n").map { line in
            String(line.range(of: "  ").map { line[..<$0.lowerBound] } ?? line[...]).trimmingCharacters(in: .whitespaces)
        }
        #expect(statements.count >= 12)
        let session = Session(store: seedStore)
        for statement in statements {
            let outcome = session.run(statement)
            #expect(!outcome.failed && outcome.errors.isEmpty, "\(statement): \(outcome.errors)")
            #expect(!outcome.output.isEmpty && !("\n" + outcome.output).contains("\n0 rows\n"), "\(statement) answers nothing")
        }
    }

    @Test("each kgsh block prints exactly what the document shows", arguments: DocExamples.blocks)
    func block(_ block: DocExamples.Block) {
        let session = Session(store: seedStore)
        for example in block.examples {
            let actual = DocExamples.printed(session.run(example.statement))
            #expect(actual == example.expected, """
                docs/query-language.md:\(example.line): kgsh> \(example.statement)
                ── expected ──
                \(example.expected)── actual ──
                \(actual)── end ──
                """)
        }
    }
}
