import Foundation

/// Writes a file whole or not at all: into a temporary file beside it, then renamed over it.
public enum AtomicFile {
    public struct Failure: Error, Equatable, Sendable {
        public let message: String
    }

    /// - Throws: `Failure` with a message naming the path and the reason; the target is untouched.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(message: "cannot write '\(path)': no such directory '\(directory.path)'")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).kgsh-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw Failure(message: "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw Failure(message: "cannot write '\(path)': \(reason)")
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
