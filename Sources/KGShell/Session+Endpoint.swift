import KGModel
import KGQuery
import KGSparql

/// The backend seam: statements run on the embedded engine unless the session is connected to a
/// SPARQL endpoint (`--endpoint URL`, `.connect URL`), where they compile to SPARQL and the engine
/// answers. Answers print the same way either way.
extension Session {
    /// What running one statement gave: a result or statement failure, or the endpoint's error.
    enum Ran {
        case done(Result<StatementResult, StatementFailure>)
        case endpointFailed(String)
    }

    func runStatement(_ text: String) -> Ran {
        guard let backend else { return .done(engine.run(text)) }
        backend.language = language
        backend.limits = engine.limits
        defer { useCatalog(backend.store) }
        switch backend.run(text) {
        case .success(let result): return .done(.success(result))
        case .failure(.statement(let failure)): return .done(.failure(failure))
        case .failure(.endpoint(let error)): return .endpointFailed(error.message)
        }
    }

    /// Connects to a SPARQL endpoint and reads its catalog; the embedded graph is kept for `.disconnect`.
    /// - Returns: nil when connected, else the error to print.
    /// - Parameter eagerNames: up to how many naming triples connecting reads them all (else
    ///   names are looked up per statement).
    public func connect(_ endpoint: String, timeout: Double = 60, eagerNames: Int = SPARQLBackend.eagerNames) -> String? {
        switch SPARQLBackend.connect(endpoint, timeout: timeout, language: language, cancellation: engine.cancellation, eagerNames: eagerNames) {
        case .failure(let e):
            return e.message
        case .success(let b):
            if backend == nil { embedded = store }
            backend = b
            useCatalog(b.store)
            return nil
        }
    }

    /// Back to the embedded graph.
    public func disconnect() {
        guard backend != nil else { return }
        backend = nil
        if let embedded { useCatalog(embedded) }
        embedded = nil
    }

    /// The SPARQL the last statement sent (empty on the embedded engine).
    public var lastSPARQL: [String] { backend?.sent ?? [] }
}
