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

    /// Reads the history file; a missing file is an empty history. Lines that are not valid UTF-8
    /// (a damaged file) are skipped and reported; the others are kept.
    public static func load(path: String) -> (History, warning: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { return (History(path: path), nil) }
        var entries: [String] = []
        var damaged: [Int] = []
        for (i, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            if let text = String(validating: line, as: UTF8.self) { entries.append(decode(text)) } else { damaged.append(i + 1) }
        }
        guard let first = damaged.first else { return (History(path: path, entries: entries), nil) }
        let lines = damaged.count == 1 ? "line \(first) is" : "\(damaged.count) lines (the first is line \(first)) are"
        return (History(path: path, entries: entries), "kgsh: the history file \(path) is damaged: \(lines) not valid UTF-8; skipped")
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
