import Foundation

/// Runs the writer an `ExportFormat` names, and writes its outputs to files whole or not at all.
///
/// ```swift
/// let sub = Subgraph.around(daegu, depth: 2, in: store)
/// let outputs = try Exporter.render(sub, as: .ttl)          // [ExportOutput] in memory
/// try Exporter.write(sub, as: .csv, to: "out/")              // out/nodes.csv, out/edges.csv
/// ```
public enum Exporter {
    /// The outputs of `subgraph` in `format`: one for every format but CSV, which gives
    /// `nodes.csv` then `edges.csv`, and Mermaid over `options.mermaidMaxEdges` edges, which
    /// gives `export-1.mmd`, `export-2.mmd` … (see `MermaidWriter.parts`). A single output is
    /// named `export.<extension>`.
    /// - Throws: `ExportError` when `.kg` cannot express the graph or Graphviz cannot render it.
    public static func render(_ subgraph: Subgraph, as format: ExportFormat, options: ExportOptions = ExportOptions()) throws(ExportError) -> [ExportOutput] {
        let name = "export." + format.fileExtension
        switch format {
        case .kg: return [ExportOutput(fileName: name, text: try KGWriter.write(subgraph, options: options))]
        case .nt: return [ExportOutput(fileName: name, text: NTriplesWriter.write(subgraph, options: options))]
        case .ttl: return [ExportOutput(fileName: name, text: TurtleWriter.write(subgraph, options: options))]
        case .dot: return [ExportOutput(fileName: name, text: DOTWriter.write(subgraph, options: options))]
        case .graphml: return [ExportOutput(fileName: name, text: GraphMLWriter.write(subgraph, options: options))]
        case .json: return [ExportOutput(fileName: name, text: JSONWriter.write(subgraph, options: options))]
        case .mermaid:
            let parts = MermaidWriter.parts(subgraph, options: options)
            if parts.count == 1 { return [ExportOutput(fileName: name, text: parts[0])] }
            return parts.enumerated().map { ExportOutput(fileName: "export-\($0.offset + 1).mmd", text: $0.element) }
        case .csv:
            let (nodes, edges) = CSVWriter.write(subgraph, options: options)
            return [ExportOutput(fileName: CSVWriter.nodesFileName, text: nodes), ExportOutput(fileName: CSVWriter.edgesFileName, text: edges)]
        case .png, .svg:
            let dot = DOTWriter.write(subgraph, options: options)
            return [ExportOutput(fileName: name, data: try GraphvizRenderer.render(dot, format: format.rawValue, graphviz: options.graphviz,
                                                                                 timeout: options.graphvizTimeout))]
        }
    }

    /// The files an export to `path` writes, for `count` outputs. For every format but CSV,
    /// `path` itself; several Mermaid parts go beside it, numbered from 1 before the extension
    /// (`g.mmd` → `g-1.mmd`, `g-2.mmd` …). For CSV, `path` is a directory (one that exists, or
    /// any path ending in `/`) that gets `nodes.csv` and `edges.csv`, or else a prefix:
    /// `out/graph` and `out/graph.csv` both give `out/graph-nodes.csv` and `out/graph-edges.csv`.
    public static func destinations(for format: ExportFormat, path: String, count: Int = 1) -> [String] {
        if format == .mermaid, count > 1 {
            let url = URL(fileURLWithPath: path)
            let ext = url.pathExtension
            let stem = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
            return (1...count).map { "\(stem)-\($0)" + (ext.isEmpty ? "" : "." + ext) }
        }
        guard format.producesSeveralFiles else { return [path] }
        var isDirectory: ObjCBool = false
        if path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            let dir = path.hasSuffix("/") ? path : path + "/"
            return [dir + CSVWriter.nodesFileName, dir + CSVWriter.edgesFileName]
        }
        let prefix = path.lowercased().hasSuffix(".csv") ? String(path.dropLast(4)) : path
        return [prefix + "-" + CSVWriter.nodesFileName, prefix + "-" + CSVWriter.edgesFileName]
    }

    /// Renders `subgraph` and writes it to `path` (see `destinations(for:path:)`); returns the
    /// paths written.
    ///
    /// All or nothing: nothing is written until every output is rendered (N-Triples and Turtle,
    /// one file each, go to the temporary file as they are made: `stream`); each file is written
    /// whole through `AtomicFile` (temporary file, then rename); and if a later file of a CSV pair
    /// or of Mermaid parts fails, the earlier ones are put back as they were (or removed if new).
    /// - Throws: `ExportError` naming the path and the reason; no file is changed then.
    @discardableResult
    public static func write(_ subgraph: Subgraph, as format: ExportFormat, to path: String, options: ExportOptions = ExportOptions()) throws(ExportError) -> [String] {
        if format == .nt || format == .ttl { return [try stream(subgraph, as: format, options: options, to: path)] }
        let outputs = try render(subgraph, as: format, options: options)
        let targets = destinations(for: format, path: path, count: outputs.count)
        let previous = targets.map { FileManager.default.contents(atPath: $0) }
        for (i, (output, target)) in zip(outputs, targets).enumerated() {
            do {
                try AtomicFile.write(output.data, to: target)
            } catch {
                for j in 0..<i {
                    if let old = previous[j] { try? AtomicFile.write(old, to: targets[j]) } else { unlink(targets[j]) }
                }
                throw ExportError((error as? AtomicFile.Failure)?.message ?? "cannot write '\(target)': \(error)")
            }
        }
        return targets
    }

    /// N-Triples or Turtle written as it is made, a piece at a time (`NTriplesWriter`,
    /// `TurtleWriter`), through `AtomicFile`: the same file as `render` gives, whole or not at all,
    /// without the text of millions of facts in memory at once.
    static func stream(_ subgraph: Subgraph, as format: ExportFormat, options: ExportOptions, to path: String) throws(ExportError) -> String {
        do {
            try AtomicFile.write(to: path) { put in
                var failure: Error?
                func write(_ piece: String) {
                    guard failure == nil else { return }
                    var piece = piece
                    do { try piece.withUTF8 { try put(UnsafeRawBufferPointer($0)) } } catch { failure = error }
                }
                if format == .ttl { TurtleWriter.write(subgraph, options: options, write) } else { NTriplesWriter.write(subgraph, options: options, write) }
                if let failure { throw failure }
            }
        } catch {
            throw ExportError((error as? AtomicFile.Failure)?.message ?? "cannot write '\(path)': \(error)")
        }
        return path
    }
}
