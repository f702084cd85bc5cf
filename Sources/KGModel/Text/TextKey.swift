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
