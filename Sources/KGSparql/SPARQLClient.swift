import CCurl
import Foundation

/// A SPARQL 1.1 protocol client: each query is one HTTP POST of `query=…` (form-encoded) to the
/// endpoint, answered as SPARQL results in TSV (preferred: fastest to read) or JSON.
///
/// Calls block the caller until the answer, the timeout, or `isCancelled` (polled every 50 ms,
/// so Ctrl-C at the prompt stops a long query). HTTP goes through libcurl, opened on the first
/// query (`CCurl`), on a thread of its own that an abandoned exchange leaves to finish alone.
public final class SPARQLClient: Sendable {
    public let endpoint: URL
    /// Seconds to wait for the whole answer.
    public let timeout: Double

    /// Nil when `endpoint` is not an http or https URL.
    public init?(endpoint: String, timeout: Double = 60) {
        guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil else { return nil }
        self.endpoint = url
        self.timeout = timeout
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

    /// One request in flight: the worker thread fills it; the caller waits, or abandons it.
    final class Exchange: @unchecked Sendable {
        let lock = NSLock()
        let finished = DispatchSemaphore(value: 0)
        var abandoned = false
        var error: Int32 = 0
        var status = 0
        var body = Data()
        var contentType = ""
        var message = ""

        var isAbandoned: Bool { lock.withLock { abandoned } }
    }

    /// The answer's body and media type.
    func post(_ query: String, deadline callerDeadline: Date?, isCancelled: () -> Bool) throws(SPARQLError) -> (Data, String) {
        let body = Array(("query=" + (query.addingPercentEncoding(withAllowedCharacters: Self.formSafe) ?? "")).utf8)
        let exchange = Exchange()
        let url = endpoint.absoluteString, timeoutMs = Int(timeout * 1000)
        Thread.detachNewThread { Self.perform(url: url, body: body, timeoutMs: timeoutMs, into: exchange) }
        let deadline = Date().addingTimeInterval(timeout + 1)
        func abandon() { exchange.lock.withLock { exchange.abandoned = true } }
        while exchange.finished.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if isCancelled() { abandon(); throw SPARQLError(.cancelled, "Interrupted") }
            if Date() > deadline { abandon(); throw SPARQLError(.timedOut, timedOutMessage) }
            if let callerDeadline, Date() > callerDeadline { abandon(); throw SPARQLError(.deadline, "the caller's deadline passed") }
        }
        switch Int(exchange.error) {
        case Int(KGSH_HTTP_OK): break
        case Int(KGSH_HTTP_TIMED_OUT): throw SPARQLError(.timedOut, timedOutMessage)
        case Int(KGSH_HTTP_REFUSED):
            throw SPARQLError(.unreachable, "cannot reach the SPARQL endpoint \(url): connection refused (is the server running?)")
        case Int(KGSH_HTTP_UNKNOWN_HOST):
            throw SPARQLError(.unreachable, "cannot reach the SPARQL endpoint \(url): unknown host '\(endpoint.host ?? "")'")
        case Int(KGSH_HTTP_CANCELLED): throw SPARQLError(.cancelled, "Interrupted")
        default: throw SPARQLError(.unreachable, "cannot reach the SPARQL endpoint \(url): \(exchange.message)")
        }
        guard exchange.status > 0 else { throw SPARQLError(.badResults, "the SPARQL endpoint \(url) sent no HTTP response") }
        guard (200..<300).contains(exchange.status) else {
            let text = String(decoding: exchange.body.prefix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw SPARQLError(.http(exchange.status), "the SPARQL endpoint \(url) answered HTTP \(exchange.status) (\(HTTPStatus.reason(exchange.status)))" + (text.isEmpty ? "" : ": \(text)"))
        }
        return (exchange.body, exchange.contentType.lowercased())
    }

    /// Runs on the worker thread: one POST, its outcome stored in `exchange`.
    static func perform(url: String, body: [UInt8], timeoutMs: Int, into exchange: Exchange) {
        // TSV reads fastest; JSON is the format every engine speaks.
        let headers = ["Content-Type: application/x-www-form-urlencoded; charset=utf-8",
                       "Accept: text/tab-separated-values, application/sparql-results+json;q=0.9", "Expect:"]
        var response = kgsh_http_response()
        let context = Unmanaged.passUnretained(exchange).toOpaque()
        let cancelled: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
            guard let context else { return 0 }
            return Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue().isAbandoned ? 1 : 0
        }
        withExtendedLifetime(exchange) {
            let cHeaders = headers.map { strdup($0) }
            defer { cHeaders.forEach { free($0) } }
            var pointers = cHeaders.map { UnsafePointer<CChar>($0) }
            body.withUnsafeBytes { bytes in
                pointers.withUnsafeMutableBufferPointer { list in
                    kgsh_http_post(url, bytes.baseAddress, bytes.count, list.baseAddress, list.count, timeoutMs, cancelled, context, &response)
                }
            }
        }
        exchange.lock.withLock {
            exchange.error = response.error
            exchange.status = response.status
            if let b = response.body { exchange.body = Data(bytes: b, count: response.bodyLength) }
            if let t = response.contentType { exchange.contentType = String(cString: t) }
            exchange.message = withUnsafeBytes(of: response.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        kgsh_http_free(&response)
        exchange.finished.signal()
    }

    var timedOutMessage: String {
        "the SPARQL endpoint \(endpoint.absoluteString) did not answer within \(timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)) s"
    }
}

extension Error {
    var message: String { (self as? SPARQLResults.Failure)?.reason ?? "\(self)" }
}

/// Reason phrases of HTTP statuses (RFC 9110), as errors name them.
enum HTTPStatus {
    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 300..<400: "Redirection"
        case 400..<500: "Client Error"
        case 500..<600: "Server Error"
        default: "Unknown Status"
        }
    }
}
