import Foundation
import KGFormats
import KGModel
import KGShell
import Testing

enum Paths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let knowledge = repository.appendingPathComponent("Knowledge").path
    static let badFixtures = repository.appendingPathComponent("Tests/KGFormatsTests/Fixtures/bad").path
    static let seeds = repository.deletingLastPathComponent().appendingPathComponent("shared/seeds").path

    /// The kgsh binary built beside the test bundle.
    static let binary: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kgsh").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return repository.appendingPathComponent(".build/debug/kgsh").path
    }()
}

/// The seed graph, loaded once.
let seedStore: FactStore = {
    switch KnowledgeFiles.load([Paths.knowledge], into: FactStore()) {
    case .success(let (store, _)): return store
    case .failure(let f): fatalError("Knowledge/ does not load:\n\(f.rendered)")
    }
}()

/// A small graph for shell tests that must not change when the seed graph grows.
func tinyStore() throws -> FactStore {
    // The same text the binary runs load (`tinyKnowledgeText`), plus two entities sharing an alias.
    let text = tinyKnowledgeText + """
        center-a type Organization
        center-a alias "센터"@ko
        center-b type Organization
        center-b alias "센터"@ko
        """
    return try KGLoader.load([KGParser.parse(path: "tiny.kg", bytes: Array(text.utf8))], into: FactStore()).get().0
}

/// Runs the kgsh binary with `arguments` (and `input` on standard input) in `directory`.
func runKgsh(_ arguments: [String], input: String? = nil, in directory: String? = nil,
             environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
    let run = try Subprocess.run(Paths.binary, arguments, input: Data((input ?? "").utf8), directory: directory,
                                 environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }, timeout: 300)
    if run.timedOut { Issue.record("kgsh \(arguments) ran for over 300 s and was killed") }
    return (run.status, String(decoding: run.stdout, as: UTF8.self), String(decoding: run.stderr, as: UTF8.self))
}
