import CThreads
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
        // On the other core from its first instruction: Linux puts a new thread on its parent's
        // core, where it waited 1.3–2.7 ms for main's time slice to end.
        let context = Unmanaged.passRetained(early).toOpaque()
        let error = kgsh_start_thread_elsewhere({ context in
            Unmanaged<EarlyLoad>.fromOpaque(context!).takeRetainedValue().load()
            return nil
        }, context)
        guard error == 0 else {
            Unmanaged<EarlyLoad>.fromOpaque(context).release()
            return nil
        }
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
