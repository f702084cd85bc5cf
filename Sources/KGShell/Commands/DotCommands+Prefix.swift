import KGModel

extension DotCommands {
    static let prefix = DotCommand("prefix", usage: ".prefix [NAME [IRI|-]]",
                                   summary: "short names for IRIs: ids read from RDF show and are typed as NAME:local",
                                   details: "Without arguments, lists the prefixes; with NAME, shows it; with NAME IRI, binds it (.prefix mon http://www.semwebtech.org/mondial/10/meta# — the IRI may be written <…>, the name with its ':'); with NAME -, unbinds it. Loading a Turtle file adopts its @prefix lines whose name and namespace are still free. An id whose local part holds characters a query word cannot (such as '/') is typed in quotes: \"c:GR/\".") { cx in
        let prefixes = cx.session.store.prefixes
        func line(_ e: PrefixMap.Entry) -> String { "\(e.name): <\(e.namespace)>\n" }
        guard let nameArg = cx.arguments.first else {
            if prefixes.entries.isEmpty { return Outcome(output: "no prefixes: ids read from RDF show as whole IRIs\n") }
            return Outcome(output: prefixes.entries.map(line).joined())
        }
        let name = nameArg.text.hasSuffix(":") ? String(nameArg.text.dropLast()) : nameArg.text
        guard PrefixMap.isValidName(name) else {
            return cx.bad("a prefix name is a letter, then letters, digits, _, - or . (or empty, written ':')", nameArg)
        }
        guard cx.arguments.count > 1 else {
            guard let namespace = prefixes.namespace(of: name) else { return cx.bad("no prefix '\(name):'", nameArg) }
            return Outcome(output: line(PrefixMap.Entry(name: name, namespace: namespace)))
        }
        guard cx.arguments.count == 2 else { return cx.bad("expected NAME and one IRI", cx.arguments[2]) }
        let iriArg = cx.arguments[1]
        var map = prefixes
        if iriArg.text == "-" {
            guard map.remove(name) else { return cx.bad("no prefix '\(name):'", nameArg) }
        } else {
            var iri = iriArg.text
            if iri.hasPrefix("<"), iri.hasSuffix(">"), iri.count >= 2 { iri = String(iri.dropFirst().dropLast()) }
            guard map.set(name, iri) else { return cx.bad("expected an absolute IRI such as http://example.org/ns#", iriArg) }
        }
        cx.session.setPrefixes(map)
        return Outcome()
    }
}

extension Session {
    /// Replaces the graph's prefix map: names show and resolve by it from the next statement.
    func setPrefixes(_ map: PrefixMap) {
        var next = store
        next.prefixes = map
        if backend == nil { replaceStore(next) } else { useCatalog(next) }
    }
}
