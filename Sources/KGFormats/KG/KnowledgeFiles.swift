import Foundation
import KGModel

/// Finding and reading `.kg` files named on the command line or by `.load`.
public enum KnowledgeFiles {
    /// The `.kg` files a path names: the file itself, or every `*.kg` below a directory in path order.
    public static func expand(_ path: String) -> Result<[String], LoadFailure> {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return .failure(LoadFailure(diagnostics: [], unreadable: ["\(path): error: no such file or directory"]))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { return .success([path]) }
        var found: [String] = []
        guard kgFiles(in: path.hasSuffix("/") ? String(path.dropLast()) : path, into: &found) else {
            return .failure(LoadFailure(diagnostics: [], unreadable: ["\(path): error: cannot list the directory"]))
        }
        return .success(found.sorted())
    }

    /// Adds every `*.kg` below `directory` (as `directory/…`) to `found`, descending into
    /// subdirectories but not into links to directories, as FileManager's enumerator does.
    /// Read with opendir and readdir: the enumerator cost ~1 ms of a 16 ms start.
    static func kgFiles(in directory: String, into found: inout [String]) -> Bool {
        guard let dir = opendir(directory) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name == "." || name == ".." { continue }
            let path = directory + "/" + name
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isDirectory = lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if isDirectory {
                _ = kgFiles(in: path, into: &found)
            } else if name.hasSuffix(".kg") {
                found.append(path)
            }
        }
        return true
    }

    /// Parses every file the paths name and loads them together into a copy of `store`.
    /// With `progress`, reports the bytes read as it goes (N-Triples every megabyte, other files
    /// as each is read).
    public static func load(_ paths: [String], into store: FactStore, progress: LoadProgress? = nil) -> Result<(FactStore, LoadReport), LoadFailure> {
        var documents: [KGDocument] = []
        var rdf: [(String, Data, RDFImport.Syntax)] = []
        var unreadable: [String] = []
        for path in paths {
            switch expand(path) {
            case .failure(let f): unreadable += f.unreadable
            case .success(let files):
                if files.isEmpty { unreadable.append("\(path): error: no .kg files in this directory") }
                for file in files {
                    if let syntax = RDFImport.Syntax(path: file) {
                        // Mapped, not copied: a file of millions of triples is read where it lies.
                        guard let data = try? Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped) else {
                            unreadable.append("\(file): error: cannot read the file")
                            continue
                        }
                        rdf.append((file, data, syntax))
                    } else {
                        guard let data = FileManager.default.contents(atPath: file) else {
                            unreadable.append("\(file): error: cannot read the file")
                            continue
                        }
                        documents.append(KGParser.parse(path: file, bytes: [UInt8](data)))
                    }
                }
            }
        }
        if !unreadable.isEmpty { return .failure(LoadFailure(diagnostics: [], unreadable: unreadable)) }
        let knowledgeBytes = progress == nil ? 0 : documents.reduce(0) { $0 + $1.byteCount }
        progress?.begin(total: knowledgeBytes + rdf.reduce(0) { $0 + $1.1.count })
        // Knowledge files first (they may declare the schema), then RDF files, each all or nothing
        // together: a failure anywhere returns the failure and the caller keeps its graph.
        var current = store
        var report = LoadReport()
        if !documents.isEmpty {
            progress?.add(knowledgeBytes)
            switch KGLoader.load(documents, into: current) {
            case .failure(let f): return .failure(f)
            case .success(let (next, r)): current = next; report = r
            }
        }
        for (file, data, syntax) in rdf {
            let loaded = data.withUnsafeBytes { raw in
                RDFImport.load(path: file, buffer: raw.bindMemory(to: UInt8.self), syntax: syntax, into: current, progress: progress)
            }
            switch loaded {
            case .failure(let f): return .failure(f)
            case .success(let (next, r)):
                current = next
                report.files += r.files
                report.statements += r.statements
                report.newFacts += r.newFacts
                report.entities += r.entities
                report.warnings += r.warnings
            }
        }
        // A large load leaves freed temporaries behind; give them back.
        if !rdf.isEmpty { FreedMemory.returnToSystem() }
        return .success((current, report))
    }
}

extension KGDocument {
    /// The size of the file as read (each line and its line break), for progress.
    var byteCount: Int { lines.reduce(0) { $0 + $1.utf8.count + 1 } }
}
