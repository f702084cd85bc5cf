import Foundation

/// Where kgsh finds its knowledge when no `--kb` is given.
public enum KnowledgeLocator {
    /// `./Knowledge` when the working directory has one, else the `Knowledge/` of the source tree
    /// this binary was built from.
    public static func defaultPaths() -> [String] {
        var info = stat()
        if stat("Knowledge", &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return ["Knowledge"] }
        return [builtIn]
    }

    /// The source tree's `Knowledge/`, fixed at build time: three directories up from this
    /// file (`Sources/KGShell/`). Cut as bytes: URL's path methods cost a start ~0.1 ms.
    public static let builtIn: String = {
        var bytes = Array(#filePath.utf8)
        for _ in 0..<3 { bytes.removeSubrange((bytes.lastIndex(of: UInt8(ascii: "/")) ?? 0)...) }
        return String(decoding: bytes, as: UTF8.self) + "/Knowledge"
    }()
}
