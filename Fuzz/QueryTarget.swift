// libFuzzer target: a statement parsed, resolved against the seed graph and run under tight
// limits (rows, intermediate rows, 50 ms), as the shell runs it, error display included.
import Foundation
import KGFormats
import KGModel
import KGQuery

nonisolated(unsafe) var seed = FactStore()

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> Int32 {
    if let dir = ProcessInfo.processInfo.environment["KGSH_FUZZ_KNOWLEDGE"], case .success(let (store, _)) = KnowledgeFiles.load([dir], into: FactStore()) {
        seed = store
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: count), as: UTF8.self) else { return 0 }
    _ = Parser.parse(text)
    let engine = QueryEngine(store: seed)
    engine.limits = QueryLimits(maxRows: 2_000, maxIntermediateRows: 20_000, timeout: 0.05)
    // Statements separated as the shell separates them; rules defined early are used later.
    for statement in text.split(separator: "\n", omittingEmptySubsequences: true) {
        switch engine.run(String(statement)) {
        case .success: break
        case .failure(let failure):
            if let span = failure.span {
                _ = Diagnostic(file: nil, line: 1, column: span.start + 1, length: span.end - span.start, message: failure.message, sourceLine: String(statement)).rendered()
            }
        }
    }
    return 0
}
