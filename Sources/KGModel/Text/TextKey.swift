import Foundation

/// The form names are compared in: NFC, Latin letters lower-cased, white space collapsed.
public enum TextKey {
    /// - Complexity: O(length of `text`).
    public static func normalize(_ text: String) -> String {
        // ASCII, Hangul and CJK text (names, predicate labels) is keyed byte by byte: the scalar
        // loop below asks Unicode's tables about every character and makes a String for each.
        var text = text
        let simple = text.withUTF8 { bytes -> String? in
            var key: [UInt8] = []
            key.reserveCapacity(bytes.count)
            return appendSimpleKey(bytes, to: &key) ? String(decoding: key, as: UTF8.self) : nil
        }
        return simple ?? normalizeScalars(text)
    }

    /// `normalize` scalar by scalar, for any text (the reference the byte-level key agrees with).
    public static func normalizeScalars(_ text: String) -> String {
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

    /// Appends the key of `bytes` when they are ASCII, Hangul syllables or CJK ideographs (text
    /// that NFC leaves as it is and that has no case beyond ASCII's): ASCII letters lower-cased,
    /// white space collapsed and trimmed. False, with nothing appended, for any other text.
    public static func appendSimpleKey(_ bytes: UnsafeBufferPointer<UInt8>, to key: inout [UInt8]) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            // Three-byte sequences only: U+4E00–U+9FFF and U+AC00–U+D7A3.
            guard b >= 0xE4, b <= 0xED, i + 2 < n else { return false }
            let v = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
            guard bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80,
                  (0x4E00...0x9FFF).contains(v) || (0xAC00...0xD7A3).contains(v) else { return false }
            i += 3
        }
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

    /// Canonical composition (Unicode NFC); text of scalars NFC never changes returns unchanged
    /// without a call into Foundation.
    public static func nfc(_ text: String) -> String {
        var text = text
        return text.withUTF8(isNFCStable) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether every scalar of valid UTF-8 `bytes` is `isNFCStable`, decoded byte by byte.
    static func isNFCStable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var v: UInt32, n: Int
            if b < 0xE0 { v = UInt32(b & 0x1F); n = 2 } else if b < 0xF0 { v = UInt32(b & 0x0F); n = 3 } else { v = UInt32(b & 0x07); n = 4 }
            guard i + n <= bytes.count else { return false }
            for k in 1..<n { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
            guard isNFCStable(v) else { return false }
            i += n
        }
        return true
    }

    /// A scalar NFC leaves as it is whatever stands beside it in the common case of Korean text:
    /// no canonical decomposition, combining class 0, and not the second half of a composition
    /// (ASCII, Latin-1 punctuation, Hangul syllables, CJK ideographs, general punctuation, box
    /// drawing and geometric shapes, CJK brackets, fullwidth forms). A combining mark or a
    /// conjoining jamo after one of them is not in the set, so such text goes through NFC.
    static func isNFCStable(_ v: UInt32) -> Bool {
        switch v {
        case 0..<0x80, 0xA0...0xBF, 0x2010...0x2027, 0x2030...0x205E, 0x2500...0x25FF,
             0x3001...0x3003, 0x3008...0x3011, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF5E: return true
        default: return false
        }
    }

    /// Canonical decomposition: Hangul syllables become their conjoining jamo.
    public static func decomposed(_ text: String) -> [Unicode.Scalar] {
        Array(text.decomposedStringWithCanonicalMapping.unicodeScalars)
    }
}
