import Foundation

/// Renders DOT text to a picture by running Graphviz `dot` (`-Tpng` or `-Tsvg`).
///
/// The DOT text goes through a temporary file and the picture comes back through another;
/// `dot` runs under `Subprocess`. Fails with a clear `ExportError` when `dot` is not installed or rejects the
/// input, or takes longer than the time it is given.
public enum GraphvizRenderer {
    /// The `dot` program: `explicit` if given, else the first `dot` on `PATH`; nil if none.
    public static func locate(_ explicit: String? = nil) -> String? {
        if let explicit { return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil }
        return Subprocess.which("dot")
    }

    /// The picture of `dot` in `format` (`png` or `svg`), made by `dot -T<format>`; stopped
    /// with an error after `timeout` seconds.
    public static func render(_ dot: String, format: String, graphviz: String? = nil, timeout: Double? = nil) throws(ExportError) -> Data {
        guard let program = locate(graphviz) else {
            throw ExportError("cannot render \(format.uppercased()): Graphviz 'dot' is not installed (\(graphviz.map { "no program at '\($0)'" } ?? "not found on PATH")); install the graphviz package, or export as dot")
        }
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("kgsh-render-\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw ExportError("cannot render \(format.uppercased()): cannot make a temporary directory: \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(at: dir) }
        let input = dir.appendingPathComponent("graph.dot"), output = dir.appendingPathComponent("graph.\(format)")
        guard fm.createFile(atPath: input.path, contents: Data(dot.utf8)) else {
            throw ExportError("cannot render \(format.uppercased()): cannot write a temporary file in \(dir.path)")
        }
        let run: Subprocess.Result
        do {
            run = try Subprocess.run(program, ["-T\(format)", input.path, "-o", output.path], timeout: timeout)
        } catch {
            throw ExportError("cannot render \(format.uppercased()): \(error.description)")
        }
        if run.timedOut {
            throw ExportError("cannot render \(format.uppercased()): Graphviz took longer than \(Int(timeout ?? 0)) seconds to lay the graph out and was stopped; export a smaller selection, or as dot")
        }
        let message = String(decoding: run.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard run.status == 0, let data = fm.contents(atPath: output.path) else {
            throw ExportError("cannot render \(format.uppercased()): '\(program)' failed (exit \(run.status))\(message.isEmpty ? "" : ": " + message)")
        }
        return data
    }
}
