import Foundation
import KGFormats
import KGModel
import KGQuery
import KGSparql

/// What running some input produced: text for standard output and for standard error, and
/// whether a statement failed.
public struct Outcome: Equatable, Sendable {
    public var output: String = ""
    public var errors: String = ""
    public var failed = false
    /// Ctrl-C stopped a statement: the statements after it on the line do not run.
    public var interrupted = false

    mutating func append(_ other: Outcome) {
        output += other.output
        errors += other.errors
        failed = failed || other.failed
        interrupted = interrupted || other.interrupted
    }

    /// What a statement Ctrl-C stopped prints.
    public static let interruptedByUser = Outcome(output: "", errors: "Interrupted\n", failed: true, interrupted: true)
}

/// A kgsh session: the graph, the settings, and the statements run against them.
public final class Session {
    public private(set) var store: FactStore
    public let engine: QueryEngine
    public var options = RenderOptions()
    /// Which label language entities print in (`ko` or `en`); the other is the fallback.
    public var language: String {
        get { options.language }
        set { options.language = newValue; engine.language = newValue }
    }
    /// Print each statement's run time.
    public var timer = false
    /// `--safe`: no file is written; `.load` and `.read` reach only below the working directory.
    public var safe = false
    /// Makes the progress bar a long `.load` shows (on a terminal); nil shows none.
    public var makeProgressBar: ((String) -> ProgressBar?)? = nil
    /// `--keep-going`: a failing statement does not stop a script.
    public var keepGoing = false
    /// Statements entered at the prompt, oldest first (the line reader persists them).
    public var history: [String] = []
    /// Set by `.quit`.
    public internal(set) var quitRequested = false

    /// The SPARQL endpoint statements run on, when connected (Session+Endpoint.swift).
    public internal(set) var backend: SPARQLBackend?
    /// The embedded graph while connected, for `.disconnect`.
    var embedded: FactStore?

    static let maxReadDepth = 16
    var readStack: [String] = []
    var outputPath: String?
    var outputBuffer = ""
    var oncePath: String?

    public init(store: FactStore, language: String = "ko", cancellation: Cancellation = Cancellation()) {
        self.store = store
        self.engine = QueryEngine(store: store, language: language, cancellation: cancellation)
        self.options.language = language
    }

    func replaceStore(_ store: FactStore) {
        self.store = store
        engine.replaceStore(store)
    }

    /// Prints and completes by `store` without touching the embedded engine's graph.
    func useCatalog(_ store: FactStore) { self.store = store }

    /// Runs every statement of `text`, stopping at the first failure unless `keepGoing`, and
    /// after Ctrl-C. `each` sees each statement's outcome as it comes.
    public func run(_ text: String, origin: String? = nil, keepGoing: Bool = false, each: (Outcome) -> Void = { _ in }) -> Outcome {
        var outcome = Outcome()
        // A script saved with a byte order mark: the mark is not part of its first statement.
        let text = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        for (index, statement) in StatementSplitter.split(text).enumerated() {
            // Ctrl-C between two statements of a line: the rest of it does not run.
            if index > 0, engine.cancellation.isCancelled {
                each(.interruptedByUser)
                outcome.append(.interruptedByUser)
                break
            }
            let result = routed(execute(statement, origin: origin))
            each(result)
            outcome.append(result)
            if (result.failed && !keepGoing) || result.interrupted || quitRequested { break }
        }
        return outcome
    }

    /// Output goes to `.once` or `.output` files when set; errors always come back.
    func routed(_ outcome: Outcome) -> Outcome {
        if outcome.failed && outcome.output.isEmpty { oncePath = nil }
        guard !outcome.output.isEmpty else { return outcome }
        if let path = oncePath {
            oncePath = nil
            do {
                try AtomicFile.write(outcome.output, to: path)
                return Outcome(output: "", errors: outcome.errors, failed: outcome.failed)
            } catch let e as AtomicFile.Failure {
                return Outcome(output: "", errors: outcome.errors + "error: \(e.message)\n", failed: true)
            } catch {
                return Outcome(output: "", errors: "error: \(error)\n", failed: true)
            }
        }
        if outputPath != nil {
            outputBuffer += outcome.output
            return Outcome(output: "", errors: outcome.errors, failed: outcome.failed)
        }
        return outcome
    }

    /// Writes and closes the `.output` file, if one is open.
    @discardableResult
    public func closeOutput() -> Outcome {
        guard let path = outputPath else { return Outcome() }
        outputPath = nil
        defer { outputBuffer = "" }
        do {
            try AtomicFile.write(outputBuffer, to: path)
            return Outcome()
        } catch let e as AtomicFile.Failure {
            return Outcome(output: "", errors: "error: \(e.message)\n", failed: true)
        } catch {
            return Outcome(output: "", errors: "error: \(error)\n", failed: true)
        }
    }

    /// Why `path` cannot name a file at all: a NUL character, where the system would cut the name
    /// short (so `.read "/etc/passwd\0/../x"` would pass a check of the whole name and read
    /// /etc/passwd).
    static func nameProblem(_ path: String) -> String? {
        path.unicodeScalars.contains("\0") ? "a file name cannot contain a NUL character (U+0000)" : nil
    }

    /// Why `--safe` refuses to read `path`, or nil when it may: only files below the working
    /// directory, after resolving `..` and symbolic links.
    func safeReadRefusal(_ path: String) -> String? {
        if let problem = Session.nameProblem(path) { return problem }
        guard safe else { return nil }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.resolvingSymlinksInPath().path
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if target == cwd || target.hasPrefix(cwd.hasSuffix("/") ? cwd : cwd + "/") { return nil }
        return "--safe: '\(path)' is outside the working directory"
    }

    func execute(_ statement: StatementSplitter.Statement, origin: String?) -> Outcome {
        let text = statement.text
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        let offset = text.unicodeScalars.count - trimmed.unicodeScalars.count
        func fail(_ message: String, start: Int, length: Int) -> Outcome {
            let (line, column, lineText) = statement.position(of: start)
            let d = Diagnostic(file: origin, line: line, column: column, length: length, message: message, sourceLine: lineText)
            return Outcome(output: "", errors: d.rendered() + "\n", failed: true)
        }
        if trimmed.hasPrefix(".") {
            let word = trimmed.prefix { $0 != " " && $0 != "\t" }
            let name = String(word.dropFirst())
            switch DotCommands.find(name) {
            case .failure(let f):
                return fail(f.message, start: offset, length: word.unicodeScalars.count)
            case .success(let command):
                let rest = String(trimmed.dropFirst(word.count))
                if let open = DotCommand.unclosedQuote(rest, offset: offset + word.unicodeScalars.count) {
                    return fail("unterminated quote: add the closing one", start: open, length: max(1, text.unicodeScalars.count - open))
                }
                let args = DotCommand.arguments(rest, offset: offset + word.unicodeScalars.count)
                let context = CommandContext(session: self, name: command.name, arguments: args, commandStart: offset) { message, arg in
                    fail(message, start: arg?.start ?? offset, length: arg?.length ?? word.unicodeScalars.count)
                }
                return command.run(context)
            }
        }
        let started = DispatchTime.now()
        var outcome: Outcome
        let ran: Result<StatementResult, StatementFailure>
        switch runStatement(text) {
        case .done(let result): ran = result
        case .endpointFailed(let message):
            return Outcome(output: "", errors: (origin.map { "\($0):\(statement.line): " } ?? "") + "error: \(message)\n", failed: true)
        }
        switch ran {
        case .success(.export(let facts, let format, let formatSpan, let target, let targetSpan)):
            outcome = export(facts: facts, format: format, formatSpan: formatSpan, target: target, targetSpan: targetSpan) { message, span in
                fail(message, start: span.start, length: span.end - span.start)
            }
        case .success(let result):
            outcome = Outcome(output: StatementRenderer(store: store, options: options).render(result))
        case .failure(let failure):
            if case .evaluation(.cancelled) = failure {
                outcome = .interruptedByUser
            } else if case .evaluation = failure {
                outcome = Outcome(output: "", errors: (origin.map { "\($0):\(statement.line): " } ?? "") + "error: \(failure.message)\n", failed: true)
            } else {
                let span = failure.span ?? SourceSpan(offset, offset + max(1, trimmed.unicodeScalars.count))
                outcome = fail(failure.message, start: span.start, length: span.end - span.start)
            }
        }
        // Ctrl-C abandoned this statement while it ran (StatementWorker): the user saw
        // Interrupted, so its answer is dropped, not printed or written to an .output file.
        if !engine.cancellation.finishStatement() {
            outcome = .interruptedByUser
        }
        if timer {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000
            outcome.output += "time: \(String(format: "%.3f", ms)) ms\n"
        }
        return outcome
    }

    /// Writes the selected facts in `format`: to the current output, or whole to `target`.
    func export(facts: [UInt32], format name: String, formatSpan: SourceSpan, target: String?, targetSpan: SourceSpan?,
                fail: (String, SourceSpan) -> Outcome) -> Outcome {
        guard let format = ExportFormat(name: name) else {
            return fail("unknown export format '\(name)': use one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))", formatSpan)
        }
        var exportOptions = ExportOptions()
        exportOptions.language = language
        // A part of the graph carries its entities' types and names, so every format can label them.
        let subgraph = facts.count == store.factCount ? Subgraph(store: store, facts: facts) : Subgraph(store: store, facts: facts).withEntityNames()
        guard let target, let targetSpan else {
            if format == .png {
                return fail("'\(name)' is binary: add 'to FILE'", formatSpan)
            }
            do {
                let outputs = try Exporter.render(subgraph, as: format, options: exportOptions)
                if outputs.count == 1 { return Outcome(output: outputs[0].text.hasSuffix("\n") ? outputs[0].text : outputs[0].text + "\n") }
                // Mermaid parts say which part they are in a %% comment of their own.
                if format == .mermaid { return Outcome(output: outputs.map(\.text).joined(separator: "\n")) }
                return Outcome(output: outputs.map { "# \($0.fileName)\n" + $0.text }.joined())
            } catch {
                return fail(error.message, formatSpan)
            }
        }
        if let problem = Session.nameProblem(target) { return fail(problem, targetSpan) }
        if safe { return fail("--safe: writing files is not allowed", targetSpan) }
        do {
            let written = try Exporter.write(subgraph, as: format, to: target, options: exportOptions)
            return Outcome(output: "exported \(plural(facts.count, "fact")) as \(format.rawValue) to \(written.joined(separator: ", "))\n")
        } catch {
            return fail(error.message, targetSpan)
        }
    }

    static let statementsHelp = """
        Statements (docs/query-language.md has them all, with examples):
          ?org won ?award, ?award year 2023          a pattern: prints every variable
          find ?x, count(?a) as n where … group by ?x order by n desc limit 5
          show ENTITY                                the entity's card (id, label or alias, Korean or English)
          why PATTERN                                the facts behind each answer, with article and sentence
          path A to B [max N]                        shortest connections between two entities
          rule name(?a, ?b) :- PATTERN               a derived predicate (recursion allowed)
          explain QUERY                              the plan, with estimated and actual rows
          export SELECTION as FORMAT [to FILE]       all | around X depth N | path A to B | { pattern };
                                                     kg nt ttl dot graphml json mermaid csv png svg

        """
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// Without one pair of surrounding double or single quotes.
    var unquoted: String {
        if count >= 2, let f = first, let l = last, f == l, f == "\"" || f == "'" { return String(dropFirst().dropLast()) }
        return String(self)
    }
}
