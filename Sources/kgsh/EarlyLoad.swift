import Foundation
import KGFormats
import KGModel
import KGShell

/// The default knowledge, loaded on another core from the start of `main` while the arguments
/// are parsed, when nothing on the command line can ask for other knowledge or for no load at
/// all: `run()` then takes its paths and result instead of finding and loading them itself.
final class EarlyLoad: @unchecked Sendable {
    /// The load `main` started, if any (set once, before the arguments are parsed).
    nonisolated(unsafe) static var started: EarlyLoad?

    private let done = DispatchSemaphore(value: 0)
    private var loaded: Result<(FactStore, LoadReport), LoadFailure>?

    /// Words that choose the knowledge, ask for none (a subcommand, help, version), or change
    /// the store it is loaded into (`--prefix`).
    private static let deciding = ["--kb", "--endpoint", "--prefix", "check", "help", "-h", "--help", "--version"]

    /// Starts the load, or returns nil when `arguments` (without the program's name) might
    /// want another (`--generate-completion-script` among them). Even the default paths are
    /// found on the other thread.
    static func start(arguments: [String]) -> EarlyLoad? {
        for a in arguments where deciding.contains(where: { a == $0 || a.hasPrefix($0 + "=") }) || a.hasPrefix("--generate") {
            return nil
        }
        let early = EarlyLoad()
        Thread.detachNewThread { early.load() }
        return early
    }

    private func load() {
        // As `Kgsh.run` loads without --kb and --prefix.
        loaded = loadKnowledge(KnowledgeLocator.defaultPaths(), prefixes: PrefixMap())
        done.signal()
    }

    /// The load's result, once it ends.
    func result() -> Result<(FactStore, LoadReport), LoadFailure> {
        done.wait()
        defer { loaded = nil }
        return loaded!
    }
}

/// Loads `paths` into an empty store with `prefixes`, with a progress bar on a terminal: how
/// kgsh loads its knowledge, early or not.
func loadKnowledge(_ paths: [String], prefixes: PrefixMap) -> Result<(FactStore, LoadReport), LoadFailure> {
    let bar = ProgressBar.onTerminal(label: ProgressBar.label(for: paths))
    var empty = FactStore()
    empty.prefixes = prefixes
    let loaded = KnowledgeFiles.load(paths, into: empty, progress: bar?.progress())
    bar?.finish()
    return loaded
}
