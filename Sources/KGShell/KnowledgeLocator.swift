import Foundation

/// Where kgsh finds its knowledge when no `--kb` is given.
public enum KnowledgeLocator {
    /// `./Knowledge` when the working directory has one, else the `Knowledge/` of the source tree
    /// this binary was built from.
    public static func defaultPaths() -> [String] {
        let cwd = FileManager.default.currentDirectoryPath + "/Knowledge"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: cwd, isDirectory: &isDirectory), isDirectory.boolValue { return ["Knowledge"] }
        return [builtIn]
    }

    /// The source tree's `Knowledge/`, fixed at build time.
    public static let builtIn: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Knowledge").path
}
