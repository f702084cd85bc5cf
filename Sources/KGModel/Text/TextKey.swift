import Foundation

/// The form names are compared in: NFC, Latin letters lower-cased, white space collapsed.
public enum TextKey {
    /// - Complexity: O(length of `text`).
    public static func normalize(_ text: String) -> String {
        let nfc = nfc(text)
        var out = ""
        var pendingSpace = false
        for c in nfc.unicodeScalars {
            if c.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
            if c.value < 0x80 || c.properties.changesWhenLowercased {
                out += String(c).lowercased()
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Appends the key of ASCII `bytes` (lower-cased, white space collapsed and trimmed) to `key`,
    /// as `normalize` would make it; false, with nothing appended, when a byte is not ASCII.
    public static func appendASCIIKey(_ bytes: UnsafeBufferPointer<UInt8>, to key: inout [UInt8]) -> Bool {
        for b in bytes where b >= 0x80 { return false }
        let start = key.count
        var pendingSpace = false
        for b in bytes {
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                pendingSpace = key.count > start
                continue
            }
            if pendingSpace { key.append(0x20); pendingSpace = false }
            key.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return true
    }

    /// Canonical composition (Unicode NFC); ASCII and already-composed text returns unchanged.
    public static func nfc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Canonical decomposition: Hangul syllables become their conjoining jamo.
    public static func decomposed(_ text: String) -> [Unicode.Scalar] {
        Array(text.decomposedStringWithCanonicalMapping.unicodeScalars)
    }
}
