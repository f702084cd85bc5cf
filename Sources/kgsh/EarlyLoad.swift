import Foundation
import KGFormats
import KGModel
import KGShell

/// The default knowledge, loaded on another core from the first line of `main` while the
/// arguments are parsed, when nothing on the command line can ask for other knowledge or for no
/// load at all. `run()` takes the result only if the default paths it computes are the ones
/// loaded here; otherwise it loads as it would have.
final class EarlyLoad: @unchecked Sendable {
    /// The load `main` started, if any (set once, before the arguments are parsed).
    nonisolated(unsafe) static var started: EarlyLoad?

    let paths: [String]
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<(FactStore, LoadReport), LoadFailure>?
    private let bar: ProgressBar?

    /// Words that choose the knowledge, ask for none (a subcommand, help, version), or change
    /// the store it is loaded into (`--prefix`).
    private static let deciding = ["--kb", "--endpoint", "--prefix", "check", "help", "-h", "--help", "--version",
                                   "--generate-completion-script"]

    /// Starts the load, or returns nil when `arguments` (without the program's name) might
    /// want another.
    static func start(arguments: [String]) -> EarlyLoad? {
        for a in arguments where deciding.contains(where: { a == $0 || a.hasPrefix($0 + "=") }) || a.hasPrefix("--generate") {
            return nil
        }
        let early = EarlyLoad(paths: KnowledgeLocator.defaultPaths())
        Thread.detachNewThread { early.load() }
        return early
    }

    private init(paths: [String]) {
        self.paths = paths
        bar = ProgressBar.onTerminal(label: ProgressBar.label(for: paths))
    }

    private func load() {
        // As `Kgsh.run` loads without `--prefix`: into an empty store with an empty prefix map.
        var empty = FactStore()
        empty.prefixes = PrefixMap()
        result = KnowledgeFiles.load(paths, into: empty, progress: bar?.progress())
        bar?.finish()
        done.signal()
    }

    /// The load's result once it ends, if it loaded `paths`.
    func result(for paths: [String]) -> Result<(FactStore, LoadReport), LoadFailure>? {
        guard paths == self.paths else { return nil }
        done.wait()
        defer { result = nil }
        return result
    }
}
