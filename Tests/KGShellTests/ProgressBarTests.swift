import Foundation
import KGFormats
import KGModel
import KGShell
import Testing

@Suite("Progress bar for long loads")
struct ProgressBarTests {
    final class Screen: @unchecked Sendable {
        let lock = NSLock()
        var text = ""
        var now = 0.0
        func write(_ s: String) { lock.lock(); text += s; lock.unlock() }
    }

    @Test("nothing in the first second; then the bar, at most ten times a second; erased at the end")
    func drawing() {
        let screen = Screen()
        let bar = ProgressBar(label: "loading kg.nt", write: { screen.write($0) }, clock: { screen.now })
        bar.update(done: 10 << 20, total: 100 << 20)
        screen.now = 0.9
        bar.update(done: 40 << 20, total: 100 << 20)
        #expect(screen.text == "")
        screen.now = 1.2
        bar.update(done: 52 << 20, total: 100 << 20)
        #expect(screen.text == "\rloading kg.nt  [##########··········]   52%  52 of 100 MB\u{1B}[K")
        screen.now = 1.25
        bar.update(done: 60 << 20, total: 100 << 20)
        #expect(screen.text.components(separatedBy: "\r").count == 2)
        screen.now = 1.26
        bar.update(done: 100 << 20, total: 100 << 20)
        #expect(screen.text.hasSuffix("\rloading kg.nt  [####################]  100%  100 MB read, indexing…\u{1B}[K"))
        bar.finish()
        #expect(screen.text.hasSuffix("\r\u{1B}[K"))
    }

    @Test("a load that ends within a second draws nothing and erases nothing")
    func quickLoad() {
        let screen = Screen()
        let bar = ProgressBar(label: "loading a.kg", write: { screen.write($0) }, clock: { screen.now })
        bar.update(done: 5, total: 10)
        bar.update(done: 10, total: 10)
        bar.finish()
        #expect(screen.text == "")
    }

    @Test("a load reports every byte of its files: .kg, N-Triples read in parts, Turtle")
    func loadProgress() throws {
        let dir = NSTemporaryDirectory() + "kgsh-progress-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let nt = (0..<60_000).map { "<http://x.org/e\($0)> <http://x.org/p> \"value \($0)\" .\n" }.joined()
        let ttl = "@prefix x: <http://x.org/> .\nx:a x:p x:b .\n"
        try nt.write(toFile: dir + "/big.nt", atomically: true, encoding: .utf8)
        try ttl.write(toFile: dir + "/small.ttl", atomically: true, encoding: .utf8)
        let sizes = Screen()
        let progress = LoadProgress { done, total in sizes.write("\(done)/\(total) ") }
        let paths = [Paths.knowledge, dir + "/big.nt", dir + "/small.ttl"]
        _ = try KnowledgeFiles.load(paths, into: FactStore(), progress: progress).get()
        let steps = sizes.text.split(separator: " ").map { $0.split(separator: "/").map { Int($0)! } }
        let total = steps.last![1]
        #expect(total > nt.utf8.count + ttl.utf8.count)
        #expect(progress.read == total)
        #expect(steps.count >= 4)  // the .kg files, the N-Triples in megabytes, the Turtle file
        #expect(steps.map { $0[0] } == steps.map { $0[0] }.sorted())
    }
}
