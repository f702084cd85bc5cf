// libFuzzer target: the N-Triples reader, then the RDF import of what it read.
import Foundation
import KGFormats
import KGModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    var triples = 0
    let errors = NTriplesReader.read(bytes) { _ in triples += 1 }
    for e in errors { _ = e.diagnostic(file: "fuzz.nt").rendered() }
    switch RDFImport.load(path: "fuzz.nt", bytes: bytes, syntax: .nTriples, into: FactStore()) {
    case .success(let (store, _)): _ = store.factCount
    case .failure(let failure): _ = failure.rendered
    }
    return 0
}
