/// "Did you mean" ranking: edit distance over Unicode scalars after canonical decomposition,
/// so Hangul is compared jamo by jamo (인촌 is one jamo away from 인천).
public enum Spelling {
    /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
    /// (optimal string alignment), so `rnak` is one edit from `rank`.
    /// - Complexity: O(a.count × b.count).
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// The candidates closest to `word`, best first, within a distance that grows with its length.
    public static func suggestions(for word: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let target = TextKey.decomposed(TextKey.normalize(word))
        let allowed = min(max(1, min(4, target.count / 3)), target.count - 1)
        var scored: [(Int, String)] = []
        var seen = Set<String>()
        for c in candidates where seen.insert(c).inserted {
            let d = distance(target, TextKey.decomposed(TextKey.normalize(c)))
            if d <= allowed { scored.append((d, c)) }
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(limit).map(\.1)
    }
}
