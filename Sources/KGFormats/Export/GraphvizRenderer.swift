import Foundation

/// Renders DOT text to a picture by running Graphviz `dot` (`-Tpng` or `-Tsvg`).
///
/// The DOT text goes through a temporary file and the picture comes back through another, so no
/// pipe can fill up. Fails with a clear `ExportError` when `dot` is not installed or rejects the
/// input, or takes longer than the time it is given.
public enum GraphvizRenderer {
    /// The `dot` program: `explicit` if given, else the first `dot` on `PATH`; nil if none.
    public static func locate(_ explicit: String? = nil) -> String? {
        if let explicit { return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = String(dir) + "/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
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
        let errors = dir.appendingPathComponent("stderr.txt")
        guard fm.createFile(atPath: input.path, contents: Data(dot.utf8)), fm.createFile(atPath: errors.path, contents: nil) else {
            throw ExportError("cannot render \(format.uppercased()): cannot write a temporary file in \(dir.path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-T\(format)", input.path, "-o", output.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        do {
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
        } catch {
            throw ExportError("cannot render \(format.uppercased()): cannot run '\(program)': \(error.localizedDescription)")
        }
        if let timeout {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw ExportError("cannot render \(format.uppercased()): Graphviz took longer than \(Int(timeout)) seconds to lay the graph out and was stopped; export a smaller selection, or as dot")
            }
        }
        process.waitUntilExit()
        let message = (try? String(contentsOf: errors, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard process.terminationReason == .exit, process.terminationStatus == 0, let data = fm.contents(atPath: output.path) else {
            throw ExportError("cannot render \(format.uppercased()): '\(program)' failed (exit \(process.terminationStatus))\(message.isEmpty ? "" : ": " + message)")
        }
        return data
    }
}
