/// How literals are written back: in `.kg` syntax (`kgText`) and for people (`description`).
extension Literal: CustomStringConvertible {
    /// The literal as `.kg` and the query language read it back.
    public var kgText: String {
        switch self {
        case .string(let s, let lang): Literal.quoted(s) + (lang.map { "@" + $0 } ?? "")
        case .year(let y): "\(y)년"
        default: description
        }
    }

    /// The literal for display: strings bare, money in 억/만 units, dates ISO.
    public var description: String {
        switch self {
        case .integer(let v): String(v)
        case .decimal(let d): d.description
        case .string(let s, _): s
        case .date(let d): d.description
        case .dateTime(let t): t.description
        case .year(let y): String(y)
        case .money(let v): Literal.koreanWon(v)
        case .boolean(let b): b ? "true" : "false"
        }
    }

    /// `13억원`, `2000만원`, `1억 2000만원`, `5,000원`; exact, and read back by `LiteralSyntax`.
    public static func koreanWon(_ value: Int64) -> String {
        if value == 0 { return "0원" }
        var parts: [String] = []
        var rest = value.magnitude
        for (unit, name) in [(UInt64(1_000_000_000_000), "조"), (100_000_000, "억"), (10_000, "만")] {
            if rest >= unit {
                parts.append(groupedDigits(rest / unit) + name)
                rest %= unit
            }
        }
        if rest > 0 { parts.append(groupedDigits(rest)) }
        return (value < 0 ? "-" : "") + parts.joined(separator: " ") + "원"
    }

    static func groupedDigits(_ v: UInt64) -> String {
        let digits = Array(String(v))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// A string in double quotes with `"`, `\` and control characters escaped.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if c.value < 0x20 { out += "\\u" + hex4(c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}

private func hex4(_ v: UInt32) -> String {
    let hex = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}

extension DecimalNumber: CustomStringConvertible {
    public var description: String {
        if scale == 0 { return String(mantissa) }
        let digits = String(mantissa.magnitude)
        let padded = String(repeating: "0", count: max(0, Int(scale) + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -Int(scale))
        return (mantissa < 0 ? "-" : "") + padded[..<cut] + "." + padded[cut...]
    }
}

extension CalendarDate: CustomStringConvertible {
    public var description: String {
        func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(Int(year), 4))-\(pad(Int(month), 2))-\(pad(Int(day), 2))"
    }
}

extension DateTime: CustomStringConvertible {
    public var description: String {
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
        var s = "\(date)T\(pad(Int(hour))):\(pad(Int(minute)))"
        if hasSeconds { s += ":\(pad(Int(second)))" }
        if let o = offsetMinutes {
            if o == 0 { s += "Z" } else { s += (o < 0 ? "-" : "+") + pad(abs(Int(o)) / 60) + ":" + pad(abs(Int(o)) % 60) }
        }
        return s
    }
}
