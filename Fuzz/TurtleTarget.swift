// libFuzzer target: the Turtle reader (with a base IRI), then the RDF import of what it read.
import Foundation
import KGFormats
import KGModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    var triples = 0
    let errors = TurtleReader.read(bytes, options: RDFReaderOptions(baseIRI: "http://example.org/fuzz.ttl")) { _ in triples += 1 }
    for e in errors { _ = e.diagnostic(file: "fuzz.ttl").rendered() }
    switch RDFImport.load(path: "fuzz.ttl", bytes: bytes, syntax: .turtle, into: FactStore()) {
    case .success(let (store, _)): _ = store.factCount
    case .failure(let failure): _ = failure.rendered
    }
    return 0
}
