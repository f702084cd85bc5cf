import Foundation

/// A string as a dictionary key hashed and compared by its UTF-8 bytes. Swift's `String`
/// hashes and compares canonically equivalent text as equal, which means an NFC check of every
/// non-ASCII string at every hash: a tenth of a warm load of the seed graph (its Korean quotes).
/// Text that is already NFC (every `.kg` line is normalised as it is read) loses nothing by this.
struct UTF8Key: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        var x = a.text, y = b.text
        return x.withUTF8 { x in y.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }
}
