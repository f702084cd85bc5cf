/// Why the SPARQL endpoint gave no answer: it could not be reached, took too long, answered with
/// an HTTP error (a SPARQL error carries the server's own message), or sent something that is not
/// SPARQL results. `message` is what kgsh prints after `error: `.
public struct SPARQLError: Error, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case unreachable, timedOut, http(Int), badResults, cancelled
        /// The caller's own deadline passed (the session's `.limit time`).
        case deadline
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
