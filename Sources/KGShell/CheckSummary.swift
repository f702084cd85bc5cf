import KGFormats
import KGModel

/// What `kgsh check` prints for a clean load: files, entities per type, facts, and sources.
public enum CheckSummary {
    public static func render(_ store: FactStore, report: LoadReport, language: String = "en") -> String {
        var out: [String] = []
        let sources = store.factCountsBySource()
        out.append("\(report.files.count) file\(report.files.count == 1 ? "" : "s") checked: no errors")
        out.append("\(plural(store.entityTypes.count, "entity", "entities")), \(plural(store.factCount, "fact")), \(plural(sources.keys.compactMap { $0 }.count, "source")), "
                   + "\(store.schema.types.count) types, \(store.schema.predicates.count) predicates")
        var perType: [TermID: Int] = [:]
        for (_, t) in store.entityTypes { perType[t, default: 0] += 1 }
        out.append("")
        out.append("entities by type")
        let typeRows = perType.map { (store.name($0.key), $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let width = typeRows.map { $0.0.count }.max() ?? 0
        for (name, n) in typeRows {
            out.append("  " + name + String(repeating: " ", count: width - name.count) + "  " + String(repeating: " ", count: max(0, 4 - String(n).count)) + String(n))
        }
        out.append("")
        out.append("facts by source")
        for (source, n) in sources.sorted(by: { ($0.key.map { store.name($0) } ?? "") < ($1.key.map { store.name($0) } ?? "") }) {
            let name = source.map { "\(store.name($0))  \(store.displayName($0, language: "ko"))" } ?? "(no source)"
            out.append("  " + String(repeating: " ", count: max(0, 4 - String(n).count)) + "\(n)  \(name)")
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// `1 fact`, `2 facts`.
func plural(_ n: Int, _ one: String, _ many: String? = nil) -> String {
    "\(n) " + (n == 1 ? one : many ?? one + "s")
}
