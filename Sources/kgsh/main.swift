import ArgumentParser
import Foundation
import KGFormats
import KGModel
import KGShell

/// The kgsh command line: flags, subcommands, and exit codes (0 ok, 1 statement error, 2 usage
/// or unreadable knowledge).
struct Kgsh: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kgsh",
        abstract: "A knowledge shell: ask a fact graph questions, in Korean or English.",
        version: "kgsh 0.1.0",
        subcommands: [Check.self]
    )

    @Option(name: .long, help: ArgumentHelp("Knowledge to load: a .kg file or a directory (repeatable). Default: ./Knowledge or the built-in Knowledge/.", valueName: "PATH"))
    var kb: [String] = []

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements (separated by ;) and exit.", valueName: "STATEMENTS"))
    var command: String?

    @Option(name: .customShort("f"), help: ArgumentHelp("Run a script file (repeatable) and exit.", valueName: "SCRIPT"))
    var file: [String] = []

    @Option(name: .long, help: "Label language to print: ko or en.")
    var lang: String = "ko"

    @Flag(name: .long, help: "Go on after a failing statement.")
    var keepGoing = false

    func validate() throws {
        guard ["ko", "en"].contains(lang) else { throw ValidationError("--lang takes ko or en, not '\(lang)'") }
    }

    func run() throws {
        let paths = kb.isEmpty ? KnowledgeLocator.defaultPaths() : kb
        let store: FactStore
        switch KnowledgeFiles.load(paths, into: FactStore()) {
        case .failure(let failure):
            printError(failure.rendered)
            printError("kgsh: the knowledge did not load; nothing was loaded")
            throw ExitCode(2)
        case .success(let (loaded, _)):
            store = loaded
        }
        let session = Session(store: store, language: lang)
        var failed = false
        func emit(_ outcome: Outcome) {
            if !outcome.output.isEmpty { FileHandle.standardOutput.write(Data(outcome.output.utf8)) }
            if !outcome.errors.isEmpty { FileHandle.standardError.write(Data(outcome.errors.utf8)) }
            failed = failed || outcome.failed
        }
        if command != nil || !file.isEmpty {
            for script in file {
                guard let data = FileManager.default.contents(atPath: script) else {
                    printError("kgsh: cannot read script '\(script)'")
                    throw ExitCode(2)
                }
                emit(session.run(String(decoding: data, as: UTF8.self), origin: script, keepGoing: keepGoing))
                if failed && !keepGoing { throw ExitCode(1) }
            }
            if let command { emit(session.run(command, keepGoing: keepGoing)) }
            if failed { throw ExitCode(1) }
            return
        }
        if isatty(STDIN_FILENO) == 1 {
            var reader = ReadlineReader()
            Repl.run(session: session, reader: &reader,
                     write: { FileHandle.standardOutput.write(Data($0.utf8)) },
                     writeError: { FileHandle.standardError.write(Data($0.utf8)) })
            return
        }
        let input = FileHandle.standardInput.readDataToEndOfFile()
        emit(session.run(String(decoding: input, as: UTF8.self), origin: "<stdin>", keepGoing: keepGoing))
        if failed { throw ExitCode(1) }
    }
}

/// `kgsh check [PATH…]`: validate knowledge files and summarise them.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check knowledge files and print a summary; exit 0 when clean, 2 when not."
    )

    @Argument(help: ArgumentHelp("Files or directories to check. Default: ./Knowledge or the built-in Knowledge/.", valueName: "PATH"))
    var paths: [String] = []

    func run() throws {
        let targets = paths.isEmpty ? KnowledgeLocator.defaultPaths() : paths
        switch KnowledgeFiles.load(targets, into: FactStore()) {
        case .success(let (store, report)):
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
