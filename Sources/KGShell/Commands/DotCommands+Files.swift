import Foundation
import KGFormats
import KGModel

/// Commands that read or write files: .load, .read, .output, .once.
extension DotCommands {
    static let load = DotCommand("load", usage: ".load FILE|DIR …", summary: "add knowledge (.kg) or RDF (.nt, .ttl) files to the graph; all or nothing",
                                 details: "A directory loads every .kg below it. RDF: IRIs become entities, rdf:type their type, rdfs:label their label. If any file has an error, nothing is added and the graph stays as it was.") { cx in
        guard !cx.arguments.isEmpty else { return cx.bad("expected a file or directory to load", nil) }
        // On an endpoint the graph is the engine's: files load into the embedded graph only.
        if let b = cx.session.backend { return cx.fail("connected to \(b.client.endpoint.absoluteString): .load reads files into the embedded graph — .disconnect first", nil) }
        var paths: [String] = []
        for arg in cx.arguments {
            if let refusal = cx.session.safeReadRefusal(arg.text) { return cx.fail(refusal, arg) }
            // A directory may hold links that lead outside: check every file it expands to.
            if cx.session.safe, case .success(let files) = KnowledgeFiles.expand(arg.text) {
                for file in files {
                    if let refusal = cx.session.safeReadRefusal(file) { return cx.fail(refusal, arg) }
                }
            }
            paths.append(arg.text)
        }
        let bar = cx.session.makeProgressBar?(ProgressBar.label(for: paths))
        let loaded = KnowledgeFiles.load(paths, into: cx.session.store, progress: bar?.progress())
        bar?.finish()
        switch loaded {
        case .failure(let f):
            return Outcome(output: "", errors: f.rendered + "\nnothing was loaded; the graph is as it was\n", failed: true)
        case .success(let (store, report)):
            cx.session.replaceStore(store)
            return Outcome(output: "loaded \(plural(report.files.count, "file")): \(plural(report.newFacts, "new fact")), \(plural(report.entities, "new entity", "new entities")) (\(plural(store.factCount, "fact")) in all)\n",
                           errors: report.warnings.map { $0.rendered() + "\n" }.joined())
        }
    }

    static let read = DotCommand("read", usage: ".read SCRIPT", summary: "run the statements of a script file",
                                 details: "Scripts may .read others, \(Session.maxReadDepth) deep at most; a cycle is an error. The first error stops the script unless --keep-going.") { cx in
        guard cx.arguments.count == 1, let arg = cx.arguments.first else { return cx.bad("expected one script file", cx.arguments.dropFirst().first) }
        if let refusal = cx.session.safeReadRefusal(arg.text) { return cx.fail(refusal, arg) }
        let key = URL(fileURLWithPath: arg.text).standardizedFileURL.resolvingSymlinksInPath().path
        if let i = cx.session.readStack.firstIndex(of: key) {
            let chain = (cx.session.readStack[i...] + [key]).map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " → ")
            return cx.fail("'.read' cycle: \(chain)", arg)
        }
        guard cx.session.readStack.count < Session.maxReadDepth else {
            return cx.fail("scripts nest deeper than \(Session.maxReadDepth) levels of .read", arg)
        }
        guard let data = FileManager.default.contents(atPath: arg.text) else {
            return cx.fail("cannot read '\(arg.text)': no such file or not readable", arg)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return cx.fail("cannot read '\(arg.text)': it is not valid UTF-8", arg)
        }
        cx.session.readStack.append(key)
        defer { cx.session.readStack.removeLast() }
        return cx.session.run(text, origin: arg.text, keepGoing: cx.session.keepGoing)
    }

    static let output = DotCommand("output", usage: ".output [FILE|stdout]", summary: "send results to a file (written whole when closed) or back to stdout") { cx in
        guard let arg = cx.arguments.first else { return Outcome(output: "output is \(cx.session.outputPath ?? "stdout")\n") }
        guard cx.arguments.count == 1 else { return cx.bad("expected one file name or stdout", cx.arguments[1]) }
        let closed = cx.session.closeOutput()
        if arg.text == "stdout" || arg.text == "-" { return closed }
        if let problem = Session.nameProblem(arg.text) { return cx.fail(problem, arg) }
        if cx.session.safe { return cx.fail("--safe: writing files is not allowed", arg) }
        if let problem = writableProblem(arg.text) { return cx.fail(problem, arg) }
        cx.session.outputPath = arg.text
        cx.session.outputBuffer = ""
        return closed
    }

    static let once = DotCommand("once", usage: ".once FILE", summary: "send the next statement's result to a file") { cx in
        guard cx.arguments.count == 1, let arg = cx.arguments.first else { return cx.bad("expected one file name", cx.arguments.dropFirst().first) }
        if let problem = Session.nameProblem(arg.text) { return cx.fail(problem, arg) }
        if cx.session.safe { return cx.fail("--safe: writing files is not allowed", arg) }
        if let problem = writableProblem(arg.text) { return cx.fail(problem, arg) }
        cx.session.oncePath = arg.text
        return Outcome()
    }

    /// Why `path` cannot be written, checked before any output goes to it.
    static func writableProblem(_ path: String) -> String? {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            let written = (path as NSString).deletingLastPathComponent
            return "cannot write '\(path)': no such directory '\(written.isEmpty ? "." : written)'"
        }
        guard FileManager.default.isWritableFile(atPath: directory) else { return "cannot write '\(path)': the directory is not writable" }
        return nil
    }
}
