import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A SPARQL 1.1 protocol client: each query is one HTTP POST of `query=…` (form-encoded) to the
/// endpoint, answered as SPARQL results in TSV (preferred: fastest to read) or JSON.
///
/// Calls block the caller until the answer, the timeout, or `isCancelled` (polled every 50 ms,
/// so Ctrl-C at the prompt stops a long query).
public final class SPARQLClient: Sendable {
    public let endpoint: URL
    /// Seconds to wait for the whole answer.
    public let timeout: Double
    let session: URLSession

    /// Nil when `endpoint` is not an http or https URL.
    public init?(endpoint: String, timeout: Double = 60) {
        guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil else { return nil }
        self.endpoint = url
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        self.session = URLSession(configuration: configuration)
    }

    /// The results of a SELECT (or ASK) query.
    /// - Parameter deadline: when to give up (`.deadline`), if sooner than the timeout.
    public func select(_ query: String, deadline: Date? = nil, isCancelled: () -> Bool = { false }) throws(SPARQLError) -> SPARQLResults {
        let (data, type) = try post(query, deadline: deadline, isCancelled: isCancelled)
        do {
            if type.hasPrefix("text/tab-separated-values") { return try SPARQLResults(tsv: data) }
            return try SPARQLResults(json: data)
        } catch {
            let start = String(decoding: data.prefix(200), as: UTF8.self)
            throw SPARQLError(.badResults, "the SPARQL endpoint \(endpoint.absoluteString) answered with something that is not SPARQL results (\(error.message)): \(start)")
        }
    }

    /// Characters a form value may keep as they are (`application/x-www-form-urlencoded`).
    static let formSafe: CharacterSet = {
        var s = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        s.insert(charactersIn: "-._*")
        return s
    }()

    final class Exchange: @unchecked Sendable {
        let lock = NSLock()
        var data: Data?
        var response: URLResponse?
        var error: Error?
        var done = false
    }

    /// The answer's body and media type.
    func post(_ query: String, deadline callerDeadline: Date?, isCancelled: () -> Bool) throws(SPARQLError) -> (Data, String) {
        var request = URLRequest(url: endpoint, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded; charset=utf-8", forHTTPHeaderField: "Content-Type")
        // TSV reads fastest; JSON is the format every engine speaks.
        request.setValue("text/tab-separated-values, application/sparql-results+json;q=0.9", forHTTPHeaderField: "Accept")
        request.httpBody = Data(("query=" + (query.addingPercentEncoding(withAllowedCharacters: Self.formSafe) ?? "")).utf8)
        let exchange = Exchange()
        let signal = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            exchange.lock.lock()
            exchange.data = data
            exchange.response = response
            exchange.error = error
            exchange.done = true
            exchange.lock.unlock()
            signal.signal()
        }
        let deadline = Date().addingTimeInterval(timeout + 1)
        task.resume()
        var cancelled = false
        while signal.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if isCancelled() { cancelled = true; task.cancel(); break }
            if Date() > deadline { task.cancel(); throw SPARQLError(.timedOut, timedOutMessage) }
            if let callerDeadline, Date() > callerDeadline { task.cancel(); throw SPARQLError(.deadline, "the caller's deadline passed") }
        }
        if cancelled { throw SPARQLError(.cancelled, "Interrupted") }
        exchange.lock.lock()
        defer { exchange.lock.unlock() }
        if let error = exchange.error { throw describe(error) }
        guard let http = exchange.response as? HTTPURLResponse else {
            throw SPARQLError(.badResults, "the SPARQL endpoint \(endpoint.absoluteString) sent no HTTP response")
        }
        let body = exchange.data ?? Data()
        guard (200..<300).contains(http.statusCode) else {
            let text = String(decoding: body.prefix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let reason = HTTPURLResponse.localizedString(forStatusCode: http.statusCode)
            throw SPARQLError(.http(http.statusCode), "the SPARQL endpoint \(endpoint.absoluteString) answered HTTP \(http.statusCode) (\(reason))" + (text.isEmpty ? "" : ": \(text)"))
        }
        return (body, (http.value(forHTTPHeaderField: "Content-Type") ?? "").lowercased())
    }

    var timedOutMessage: String {
        "the SPARQL endpoint \(endpoint.absoluteString) did not answer within \(timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)) s"
    }

    func describe(_ error: Error) -> SPARQLError {
        let code = (error as? URLError)?.code
        switch code {
        case .timedOut?:
            return SPARQLError(.timedOut, timedOutMessage)
        case .cannotConnectToHost?:
            return SPARQLError(.unreachable, "cannot reach the SPARQL endpoint \(endpoint.absoluteString): connection refused (is the server running?)")
        case .cannotFindHost?, .dnsLookupFailed?:
            return SPARQLError(.unreachable, "cannot reach the SPARQL endpoint \(endpoint.absoluteString): unknown host '\(endpoint.host ?? "")'")
        default:
            return SPARQLError(.unreachable, "cannot reach the SPARQL endpoint \(endpoint.absoluteString): \(error.localizedDescription)")
        }
    }
}

extension Error {
    var message: String { (self as? SPARQLResults.Failure)?.reason ?? "\(self)" }
}
