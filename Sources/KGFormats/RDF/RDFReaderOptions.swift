import Foundation

/// How the N-Triples and Turtle readers read one document.
public struct RDFReaderOptions: Sendable {
    /// The IRI relative IRIs are resolved against until the document sets its own with
    /// `@base`/`BASE` (Turtle only; N-Triples has only absolute IRIs). Usually the document's
    /// retrieval IRI. Without one, a relative IRI is an error.
    public var baseIRI: String?
    /// How deep `[ … ]` and `( … )` may nest inside each other; deeper input is an error.
    public var maxNestingDepth: Int
    /// The reader stops after this many errors (1: stop at the first).
    public var maxErrors: Int
    /// The number that makes this document's blank node labels its own: `_:x` becomes
    /// `b<scope>_x`, and the nodes `[]` and `( … )` create become `b<scope>g<n>`. Nil (the default)
    /// takes a number no other read in this process has used. Pass the same number to read
    /// several inputs as one document, or a fixed one for reproducible labels.
    public var blankNodeScope: UInt64?

    public init(baseIRI: String? = nil, maxNestingDepth: Int = 1_000, maxErrors: Int = 100, blankNodeScope: UInt64? = nil) {
        self.baseIRI = baseIRI
        self.maxNestingDepth = maxNestingDepth
        self.maxErrors = max(1, maxErrors)
        self.blankNodeScope = blankNodeScope
    }
}

/// Hands out blank node scopes that no other read in this process has used.
enum RDFBlankNodeScopes {
    private final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var next: UInt64 = 1
    }

    private static let counter = Counter()

    static func fresh() -> UInt64 {
        counter.lock.lock()
        defer { counter.lock.unlock() }
        let n = counter.next
        counter.next += 1
        return n
    }
}

/// Makes the document-scoped blank node labels of one read.
struct RDFBlankNodes {
    private let userPrefix: [UInt8]
    private let generatedPrefix: String
    private var generated = 0

    init(scope: UInt64?) {
        let scope = scope ?? RDFBlankNodeScopes.fresh()
        userPrefix = Array("b\(scope)_".utf8)
        generatedPrefix = "b\(scope)g"
    }

    /// The node written `_:label`, with `label`'s UTF-8 bytes given.
    func labelled(_ label: UnsafeBufferPointer<UInt8>) -> RDFTerm {
        let s = String(unsafeUninitializedCapacity: userPrefix.count + label.count) { buffer in
            var i = 0
            for b in userPrefix { buffer[i] = b; i += 1 }
            for b in label { buffer[i] = b; i += 1 }
            return i
        }
        return .blank(s)
    }

    /// A node of its own: `[]`, `[ … ]` or a collection cell.
    mutating func fresh() -> RDFTerm {
        generated += 1
        return .blank(generatedPrefix + String(generated))
    }
}

/// Runs a reader over an array's bytes, passing its typed error through
/// (`withUnsafeBufferPointer` alone would widen it to `any Error`).
func withBuffer<E: Error>(_ bytes: [UInt8], _ read: (UnsafeBufferPointer<UInt8>) throws(E) -> [RDFSyntaxError]) throws(E) -> [RDFSyntaxError] {
    let result: Result<[RDFSyntaxError], E> = bytes.withUnsafeBufferPointer { buffer in
        do throws(E) {
            return .success(try read(buffer))
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}
