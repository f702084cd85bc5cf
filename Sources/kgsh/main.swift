import ArgumentParser
import Foundation
import KGFormats
import KGModel
import KGQuery
import KGShell

/// The kgsh command line: flags, subcommands, and exit codes (0 ok, 1 statement error, 2 usage
/// or unreadable input).
struct Kgsh: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kgsh",
        abstract: "A knowledge shell: ask a fact graph questions, in Korean or English.",
        discussion: """
            With no -c or -f, kgsh reads statements from the terminal (a readline prompt) or, when \
            standard input is not a terminal, runs it as a script. Shell completion scripts: \
            kgsh --generate-completion-script bash|zsh|fish.
            """,
        version: "kgsh 0.2.0",
        subcommands: [Check.self]
    )

    @Option(name: .long, help: ArgumentHelp("Knowledge to load: a .kg, .nt or .ttl file or a directory of .kg files (repeatable). Default: ./Knowledge or the built-in Knowledge/.", valueName: "PATH"))
    var kb: [String] = []

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements (separated by ;) and exit (repeatable, in order, after any -f).", valueName: "STATEMENTS"))
    var command: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp("Run a script file and exit (repeatable, in order).", valueName: "SCRIPT"))
    var file: [String] = []

    @Option(name: .long, help: ArgumentHelp("How results print: table, csv, tsv, json, jsonl or markdown.", valueName: "FORMAT"))
    var format: String = "table"

    @Option(name: .long, help: ArgumentHelp("Label language to print: ko or en.", valueName: "LANG"))
    var lang: String = "ko"

    @Option(name: .customLong("init"), help: ArgumentHelp("Run this file's statements first (interactive only). Default: $XDG_CONFIG_HOME/kgsh/kgshrc.", valueName: "FILE"))
    var initFile: String?

    @Option(name: .long, help: ArgumentHelp("Run statements on this SPARQL 1.1 endpoint instead of the embedded graph (docs/scaling.md).", valueName: "URL"))
    var endpoint: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for each answer of the endpoint (default 60).", valueName: "SECONDS"))
    var endpointTimeout: Double = 60

    @Option(name: .long, help: ArgumentHelp("Show and read IRIs under IRI as NAME:local (repeatable; as .prefix NAME IRI).", valueName: "NAME=IRI"))
    var prefix: [String] = []

    @Flag(name: .long, help: "Go on after a failing statement.")
    var keepGoing = false

    @Flag(name: .long, help: "Write no files; .load and .read reach only below the working directory.")
    var safe = false

    @Flag(name: .long, help: "No colour, even on a terminal (NO_COLOR does the same).")
    var noColor = false

    /// The prefix map of the `--prefix` flags.
    func prefixMap() throws -> PrefixMap {
        var map = PrefixMap()
        for p in prefix {
            guard let eq = p.firstIndex(of: "=") else { throw ValidationError("--prefix takes NAME=IRI, as in --prefix mon=http://www.semwebtech.org/mondial/10/meta#, not '\(p)'") }
            var name = String(p[..<eq]), iri = String(p[p.index(after: eq)...])
            if name.hasSuffix(":") { name.removeLast() }
            if iri.hasPrefix("<"), iri.hasSuffix(">"), iri.count >= 2 { iri = String(iri.dropFirst().dropLast()) }
            guard PrefixMap.isValidName(name) else { throw ValidationError("--prefix: '\(name)' is not a prefix name (a letter, then letters, digits, _, - or .)") }
            guard map.set(name, iri) else { throw ValidationError("--prefix: '\(iri)' is not an absolute IRI") }
        }
        return map
    }

    func validate() throws {
        _ = try prefixMap()
        guard ["ko", "en"].contains(lang) else { throw ValidationError("--lang takes ko or en, not '\(lang)'") }
        guard OutputMode(rawValue: format) != nil else {
            throw ValidationError("--format takes \(OutputMode.allCases.map(\.rawValue).joined(separator: ", ")), not '\(format)'")
        }
    }

    func run() throws {
        let interactive = command.isEmpty && file.isEmpty && isatty(STDIN_FILENO) == 1
        let colour = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false && isatty(STDERR_FILENO) == 1
        let err = ErrorWriter(colour: colour)
        // With an endpoint and no --kb, the embedded graph starts empty: the endpoint holds the facts.
        let store: FactStore
        let loaded: Result<(FactStore, LoadReport), LoadFailure>
        if let early = EarlyLoad.started, kb.isEmpty, endpoint == nil, prefix.isEmpty {
            loaded = early.result()
        } else {
            loaded = loadKnowledge(kb.isEmpty ? (endpoint == nil ? KnowledgeLocator.defaultPaths() : []) : kb, prefixes: try prefixMap())
        }
        switch loaded {
        case .failure(let failure):
            err.write(failure.rendered + "\n")
            err.write("kgsh: the knowledge did not load; nothing was loaded\n")
            throw ExitCode(2)
        case .success(let (loaded, report)):
            for warning in report.warnings { err.write(warning.rendered() + "\n") }
            store = loaded
        }
        let cancellation = Cancellation()
        let session = Session(store: store, language: lang, cancellation: cancellation)
        session.options.mode = OutputMode(rawValue: format)!
        session.safe = safe
        session.keepGoing = keepGoing
        session.options.interactive = interactive
        session.makeProgressBar = { ProgressBar.onTerminal(label: $0) }
        if let endpoint, let message = session.connect(endpoint, timeout: endpointTimeout) {
            err.write("kgsh: \(message)\n")
            throw ExitCode(2)
        }
        var failed = false
        func emit(_ outcome: Outcome) {
            if !outcome.output.isEmpty { FileHandle.standardOutput.write(Data(outcome.output.utf8)) }
            if !outcome.errors.isEmpty { err.write(outcome.errors) }
            failed = failed || outcome.failed
        }
        if !interactive {
            if !command.isEmpty || !file.isEmpty {
                for script in file {
                    guard let data = FileManager.default.contents(atPath: script), let text = String(validating: data, as: UTF8.self) else {
                        err.write("kgsh: cannot read script '\(script)': no such file, or not UTF-8 text\n")
                        throw ExitCode(2)
                    }
                    emit(session.run(text, origin: script, keepGoing: keepGoing))
                    if (failed && !keepGoing) || session.quitRequested { break }
                }
                for statements in command {
                    // .quit ends the run: later -f and -c do not run.
                    if (failed && !keepGoing) || session.quitRequested { break }
                    emit(session.run(statements, keepGoing: keepGoing))
                }
            } else {
                let input = FileHandle.standardInput.readDataToEndOfFile()
                guard let text = String(validating: input, as: UTF8.self) else {
                    err.write("kgsh: standard input is not valid UTF-8\n")
                    throw ExitCode(2)
                }
                emit(session.run(text, origin: "<stdin>", keepGoing: keepGoing))
            }
            emit(session.closeOutput())
            if failed { throw ExitCode(1) }
            return
        }
        // Interactive: history, rc file, then the prompt.
        let (history, warning) = History.load(path: History.defaultPath())
        if let warning { err.write(warning + "\n") }
        session.history = history.entries
        if let rc = initFile ?? Kgsh.defaultRCFile() {
            if let data = FileManager.default.contents(atPath: rc) {
                if let text = String(validating: data, as: UTF8.self) {
                    emit(session.run(text, origin: rc, keepGoing: true))
                } else {
                    err.write("kgsh: \(rc) is not valid UTF-8; skipped\n")
                }
            } else if initFile != nil {
                err.write("kgsh: cannot read --init file '\(rc)'\n")
                throw ExitCode(2)
            }
        }
        var reader = ReadlineReader(session: session, history: session.history, cancellation: cancellation)
        // Saved whole after each new statement, before it runs (SIGTERM and SIGHUP end kgsh at
        // once, and the history is already on disk), and at the end. --safe writes no files, the
        // history included.
        var historyFailed = false
        func saveHistory(_ entries: [String]) {
            guard !safe else { return }
            do { try History(path: history.path, entries: entries).save() } catch {
                if !historyFailed { err.write("kgsh: could not save the history: \(error)\n") }
                historyFailed = true
            }
        }
        // Statements run on a worker thread: Ctrl-C prints Interrupted once the statement
        // stops, while the rows it held are still being freed.
        let worker = StatementWorker(session: session, cancellation: cancellation)
        Repl.run(session: session, reader: &reader,
                 write: { FileHandle.standardOutput.write(Data($0.utf8)) },
                 writeError: { err.write($0) },
                 historyChanged: saveHistory,
                 run: worker.run)
        worker.finish()
        saveHistory(session.history)
    }

    static func defaultRCFile() -> String? {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.config")
        let path = base + "/kgsh/kgshrc"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

/// Standard error, with `error:` in bold red on a terminal unless colour is off.
struct ErrorWriter {
    let colour: Bool

    func write(_ text: String) {
        let shown = colour ? text.replacingOccurrences(of: "error:", with: "\u{1B}[1;31merror:\u{1B}[0m") : text
        FileHandle.standardError.write(Data(shown.utf8))
    }
}

/// `kgsh check [PATH…]`: validate knowledge files and summarise them.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check knowledge files and print a summary; exit 0 when clean, 2 when not."
    )

    @Argument(help: ArgumentHelp("Files or directories to check. Default: ./Knowledge or the built-in Knowledge/.", valueName: "PATH"))
    var paths: [String] = []

    func run() throws {
        let targets = paths.isEmpty ? KnowledgeLocator.defaultPaths() : paths
        switch KnowledgeFiles.load(targets, into: FactStore()) {
        case .success(let (store, report)):
            for warning in report.warnings { printError(warning.rendered()) }
            print(CheckSummary.render(store, report: report), terminator: "")
        case .failure(let failure):
            printError(failure.rendered)
            let n = failure.diagnostics.count + failure.unreadable.count
            let files = Set(failure.diagnostics.compactMap(\.file)).count + failure.unreadable.count
            printError("\(n) error\(n == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")")
            throw ExitCode(2)
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

// SIGTERM, SIGHUP (and Ctrl-C outside the prompt) in the middle of an export or an .output file
// must not leave its temporary file behind.
AtomicFile.removeTemporaryFilesOnSignals()

// Before any thread starts: one malloc heap for all of them (FreedMemory).
FreedMemory.oneHeapForAllThreads()

// The default knowledge starts loading on the other core while the arguments are parsed.
EarlyLoad.started = EarlyLoad.start(arguments: Array(CommandLine.arguments.dropFirst()))

// Usage errors exit 2, as documented (ArgumentParser's default is 64).
do {
    var command = try Kgsh.parseAsRoot()
    try command.run()
} catch {
    let code = Kgsh.exitCode(for: error)
    if code == .success || error is ExitCode {
        Kgsh.exit(withError: error)
    }
    printError(Kgsh.fullMessage(for: error))
    exit(2)
}
