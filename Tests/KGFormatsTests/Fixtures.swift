import Foundation
import KGFormats
import KGModel

/// Test fixtures beside this file, and helpers to load `.kg` text.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(relative)))
    }

    static func text(_ relative: String) throws -> String {
        String(decoding: try bytes(relative), as: UTF8.self)
    }

    /// Loads `.kg` texts named by path into `store`.
    static func load(_ files: [(String, String)], into store: FactStore = FactStore()) -> Result<(FactStore, LoadReport), LoadFailure> {
        KGLoader.load(files.map { KGParser.parse(path: $0.0, bytes: Array($0.1.utf8)) }, into: store)
    }

    static func badFixtureNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("bad").path)) ?? []
        return names.filter { $0.hasSuffix(".kg") }.map { String($0.dropLast(3)) }.sorted()
    }
}
