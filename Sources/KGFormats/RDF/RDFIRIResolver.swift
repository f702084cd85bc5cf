/// Resolves relative IRI references against a base IRI by RFC 3986 §5.2 (strict: a reference
/// with a scheme is used as it stands), including the removal of `.` and `..` segments.
///
/// Works on UTF-8 bytes; the base is split into its components once, and the buffers are reused
/// from one resolution to the next (a class, so a parser can hold one and lend out its input).
final class RDFIRIResolver {
    /// The parts of one IRI reference, as ranges of its bytes (delimiters excluded).
    struct Parts {
        var scheme: Range<Int>?
        var authority: Range<Int>?
        var path: Range<Int>
        var query: Range<Int>?
        var fragment: Range<Int>?

        static func of(_ b: UnsafeBufferPointer<UInt8>) -> Parts {
            let n = b.count
            var i = 0
            var scheme: Range<Int>? = nil
            if n > 0, RDFScanner.isASCIILetter(b[0]) {
                var j = 1
                while j < n, RDFScanner.isASCIILetter(b[j]) || RDFScanner.isASCIIDigit(b[j])
                        || b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: ".") {
                    j += 1
                }
                if j < n, b[j] == UInt8(ascii: ":") {
                    scheme = 0..<j
                    i = j + 1
                }
            }
            var authority: Range<Int>? = nil
            if i + 1 < n, b[i] == UInt8(ascii: "/"), b[i + 1] == UInt8(ascii: "/") {
                i += 2
                let start = i
                while i < n, b[i] != UInt8(ascii: "/"), b[i] != UInt8(ascii: "?"), b[i] != UInt8(ascii: "#") { i += 1 }
                authority = start..<i
            }
            let pathStart = i
            while i < n, b[i] != UInt8(ascii: "?"), b[i] != UInt8(ascii: "#") { i += 1 }
            let path = pathStart..<i
            var query: Range<Int>? = nil
            if i < n, b[i] == UInt8(ascii: "?") {
                i += 1
                let start = i
                while i < n, b[i] != UInt8(ascii: "#") { i += 1 }
                query = start..<i
            }
            var fragment: Range<Int>? = nil
            if i < n, b[i] == UInt8(ascii: "#") { fragment = (i + 1)..<n }
            return Parts(scheme: scheme, authority: authority, path: path, query: query, fragment: fragment)
        }
    }

    /// The base IRI as written.
    let base: String
    private let baseBytes: [UInt8]
    private let baseParts: Parts
    private var output: [UInt8] = []
    private var merged: [UInt8] = []

    /// A resolver for `base`, or nil when `base` is not an absolute IRI.
    init?(base: String) {
        let bytes = Array(base.utf8)
        let parts = bytes.withUnsafeBufferPointer { Parts.of($0) }
        guard parts.scheme != nil else { return nil }
        self.base = base
        self.baseBytes = bytes
        self.baseParts = parts
        output.reserveCapacity(256)
    }

    /// `reference` resolved against the base (RFC 3986 §5.2.2).
    func resolve(_ reference: UnsafeBufferPointer<UInt8>) -> String {
        let r = Parts.of(reference)
        if r.scheme != nil { return String(decoding: reference, as: UTF8.self) }
        output.removeAll(keepingCapacity: true)
        let baseBytes = self.baseBytes, bp = baseParts
        baseBytes.withUnsafeBufferPointer { b in
            output.append(contentsOf: UnsafeBufferPointer(rebasing: b[bp.scheme!]))
            output.append(UInt8(ascii: ":"))
            if let authority = r.authority {
                appendAuthority(UnsafeBufferPointer(rebasing: reference[authority]))
                removeDotSegments(UnsafeBufferPointer(rebasing: reference[r.path]))
                appendQuery(r.query.map { UnsafeBufferPointer(rebasing: reference[$0]) })
            } else {
                if let authority = bp.authority { appendAuthority(UnsafeBufferPointer(rebasing: b[authority])) }
                if r.path.isEmpty {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: b[bp.path]))
                    if let q = r.query {
                        appendQuery(UnsafeBufferPointer(rebasing: reference[q]))
                    } else {
                        appendQuery(bp.query.map { UnsafeBufferPointer(rebasing: b[$0]) })
                    }
                } else {
                    if reference[r.path.lowerBound] == UInt8(ascii: "/") {
                        removeDotSegments(UnsafeBufferPointer(rebasing: reference[r.path]))
                    } else {
                        // merge(Base.path, R.path), §5.2.3
                        merged.removeAll(keepingCapacity: true)
                        if bp.authority != nil && bp.path.isEmpty {
                            merged.append(UInt8(ascii: "/"))
                        } else if let slash = b[bp.path].lastIndex(of: UInt8(ascii: "/")) {
                            merged.append(contentsOf: UnsafeBufferPointer(rebasing: b[bp.path.lowerBound...slash]))
                        }
                        merged.append(contentsOf: UnsafeBufferPointer(rebasing: reference[r.path]))
                        merged.withUnsafeBufferPointer { removeDotSegments($0) }
                    }
                    appendQuery(r.query.map { UnsafeBufferPointer(rebasing: reference[$0]) })
                }
            }
            if let f = r.fragment {
                output.append(UInt8(ascii: "#"))
                output.append(contentsOf: UnsafeBufferPointer(rebasing: reference[f]))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func appendAuthority(_ a: UnsafeBufferPointer<UInt8>) {
        output.append(UInt8(ascii: "/"))
        output.append(UInt8(ascii: "/"))
        output.append(contentsOf: a)
    }

    private func appendQuery(_ q: UnsafeBufferPointer<UInt8>?) {
        guard let q else { return }
        output.append(UInt8(ascii: "?"))
        output.append(contentsOf: q)
    }

    /// Appends `path` to `output` with its dot segments removed (RFC 3986 §5.2.4).
    private func removeDotSegments(_ path: UnsafeBufferPointer<UInt8>) {
        let floor = output.count
        let n = path.count
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        func at(_ i: Int) -> UInt8? { i < n ? path[i] : nil }
        func removeLastSegment() {
            var k = output.count
            while k > floor, output[k - 1] != slash { k -= 1 }
            // k is just after the last '/', or the floor: drop the '/' too.
            output.removeSubrange(max(floor, k - 1)..<output.count)
        }
        var i = 0
        while i < n {
            let rest = n - i
            if at(i) == dot, at(i + 1) == dot, at(i + 2) == slash {            // A: "../"
                i += 3
            } else if at(i) == dot, at(i + 1) == slash {                      // A: "./"
                i += 2
            } else if at(i) == slash, at(i + 1) == dot, at(i + 2) == slash {  // B: "/./" → "/"
                i += 2
            } else if rest == 2, at(i) == slash, at(i + 1) == dot {           // B: "/." at the end → "/"
                output.append(slash)
                i = n
            } else if at(i) == slash, at(i + 1) == dot, at(i + 2) == dot, at(i + 3) == slash {  // C: "/../" → "/"
                i += 3
                removeLastSegment()
            } else if rest == 3, at(i) == slash, at(i + 1) == dot, at(i + 2) == dot {  // C: "/.." at the end
                removeLastSegment()
                output.append(slash)
                i = n
            } else if (rest == 1 && at(i) == dot) || (rest == 2 && at(i) == dot && at(i + 1) == dot) {  // D
                i = n
            } else {                                                          // E: move one segment
                let start = i
                if path[i] == slash { i += 1 }
                while i < n, path[i] != slash { i += 1 }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: path[start..<i]))
            }
        }
    }
}
