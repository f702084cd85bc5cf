import Foundation

/// `.connect` and `.disconnect`: where statements run (Session+Endpoint.swift).
extension DotCommands {
    static let connect = DotCommand("connect", usage: ".connect [URL [TIMEOUT]]",
                                    summary: "run statements on a SPARQL 1.1 endpoint (no URL: say where they run)",
                                    details: "The graph must use kgsh's IRI scheme (load it from 'export all as nt'; docs/scaling.md). TIMEOUT is seconds per query (default 60). .disconnect goes back to the embedded graph.") { cx in
        guard let url = cx.arguments.first else {
            if let b = cx.session.backend { return Outcome(output: "connected to \(b.client.endpoint.absoluteString)\n") }
            return Outcome(output: "not connected: statements run on the embedded graph\n")
        }
        var timeout = 60.0
        if cx.arguments.count > 1 {
            guard cx.arguments.count == 2, let t = Double(cx.arguments[1].text), t > 0 else {
                return cx.bad("expected a timeout in seconds", cx.arguments[cx.arguments.count == 2 ? 1 : 2])
            }
            timeout = t
        }
        if let message = cx.session.connect(url.text, timeout: timeout) { return cx.fail(message, url) }
        let s = cx.session.store
        if cx.session.backend?.lazyNames == true {
            return Outcome(output: "connected to \(url.text): \(plural(s.schema.predicates.count, "predicate")); names are looked up as statements use them\n")
        }
        return Outcome(output: "connected to \(url.text): \(plural(s.entityTypes.count, "entity", "entities")), \(plural(s.schema.predicates.count, "predicate"))\n")
    }

    static let disconnect = DotCommand("disconnect", usage: ".disconnect", summary: "run statements on the embedded graph again") { cx in
        guard cx.arguments.isEmpty else { return cx.bad("takes no arguments", cx.arguments[0]) }
        cx.session.disconnect()
        return Outcome()
    }
}
