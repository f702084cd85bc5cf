// libFuzzer target: the .kg parser and loader, into an empty graph and into the seed graph's schema.
import Foundation
import KGFormats
import KGModel

/// The seed graph (Knowledge/, found through KGSH_FUZZ_KNOWLEDGE), loaded once.
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
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let document = KGParser.parse(path: "fuzz.kg", bytes: bytes)
    for store in [FactStore(), seed] {
        switch KGLoader.load([document], into: store) {
        case .success(let (loaded, _)): _ = loaded.factCount
        case .failure(let failure): _ = failure.rendered
        }
    }
    return 0
}
