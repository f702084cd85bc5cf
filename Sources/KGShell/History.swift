import Foundation
import KGFormats

/// The prompt's persistent history: whole statements, no repeats in a row, the last 2,000 kept,
/// in `$XDG_STATE_HOME/kgsh/history` (else `~/.local/state/kgsh/history`), one entry a line
/// with `\` and newlines escaped; saved whole or not at all.
public struct History {
    public static let capacity = 2000
    public private(set) var entries: [String] = []
    public let path: String

    public init(path: String, entries: [String] = []) {
        self.path = path
        self.entries = Array(entries.suffix(History.capacity))
    }

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/kgsh/history" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/kgsh/history"
    }

    /// Reads the history file; a missing file is an empty history, a damaged one is reported.
    public static func load(path: String) -> (History, warning: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { return (History(path: path), nil) }
        guard let text = String(validating: data, as: UTF8.self) else {
            return (History(path: path), "kgsh: the history file \(path) is not valid UTF-8; starting a new one")
        }
        let entries = text.split(separator: "\n", omittingEmptySubsequences: true).map { decode(String($0)) }
        return (History(path: path, entries: entries), nil)
    }

    /// Adds a statement unless it repeats the last one.
    public mutating func add(_ statement: String) {
        History.add(statement, to: &entries)
    }

    /// Adds a statement (trimmed) to `entries` unless it is empty or repeats the last one, keeping
    /// the last `capacity`; returns whether it was added.
    @discardableResult
    public static func add(_ statement: String, to entries: inout [String]) -> Bool {
        let s = statement.trimmingSpaces
        guard !s.isEmpty, entries.last != s else { return false }
        entries.append(s)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        return true
    }

    public func save() throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try AtomicFile.write(entries.map(History.encode).map { $0 + "\n" }.joined(), to: path)
    }

    static func encode(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    static func decode(_ s: String) -> String {
        var out = ""
        var escape = false
        for c in s {
            if escape { out.append(c == "n" ? "\n" : c == "r" ? "\r" : c); escape = false } else if c == "\\" { escape = true } else { out.append(c) }
        }
        return out
    }
}
