/// Reads and writes the bare (unquoted) literal forms shared by `.kg` files and queries:
/// numbers, Korean money, dates, date-times, years (`2023년`) and booleans.
public enum LiteralSyntax {
    /// Why a token shaped like a literal is not one.
    public struct Failure: Error, Equatable, Sendable {
        public let message: String

        public init(message: String) { self.message = message }
    }

    /// Whether `text` is shaped like a bare literal (starts with a digit, a minus and a digit, or ₩;
    /// or is `true`/`false`) — an identifier never is.
    public static func looksLikeLiteral(_ text: Substring) -> Bool {
        if text == "true" || text == "false" { return true }
        var it = text.unicodeScalars.makeIterator()
        guard let first = it.next() else { return false }
        if first == "₩" || isDigit(first) { return true }
        if first == "-", let second = it.next() { return isDigit(second) }
        return false
    }

    /// Parses a bare literal. Call only where `looksLikeLiteral` holds.
    public static func parse(_ text: Substring) -> Result<Literal, Failure> {
        if text == "true" { return .success(.boolean(true)) }
        if text == "false" { return .success(.boolean(false)) }
        let scalars = Array(text.unicodeScalars)
        if scalars.count >= 10, scalars[4] == "-", scalars[7] == "-", scalars[0..<4].allSatisfy(isDigit) {
            return parseTemporal(scalars, text: text)
        }
        if scalars.first == "₩" || scalars.last == "원" || scalars.contains(where: { koreanUnit($0) != nil }) {
            return parseMoney(scalars, text: text)
        }
        if scalars.last == "년" {
            guard case .success(.integer(let y)) = parseNumber(scalars.dropLast(), text: text), (1...9999).contains(y) else {
                return .failure(Failure(message: "malformed year '\(text)': expected 1년 to 9999년"))
            }
            return .success(.year(Int32(y)))
        }
        return parseNumber(scalars[...], text: text)
    }

    // MARK: Numbers

    static func parseNumber(_ s: ArraySlice<Unicode.Scalar>, text: Substring) -> Result<Literal, Failure> {
        var i = s.startIndex
        var negative = false
        if i < s.endIndex, s[i] == "-" { negative = true; i += 1 }
        var mantissa: Int64 = 0
        var digits = 0, groupDigits = 0, sawComma = false, scale = 0, inFraction = false
        let malformed = Failure(message: "malformed number '\(text)'")
        while i < s.endIndex {
            let c = s[i]
            if isDigit(c) {
                let (m1, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(Int64(c.value - 48))
                if o1 || o2 { return .failure(Failure(message: "number '\(text)' does not fit in 64 bits")) }
                mantissa = m2
                digits += 1; groupDigits += 1
                if inFraction { scale += 1 }
            } else if c == ",", !inFraction {
                if digits == 0 || (sawComma ? groupDigits != 3 : groupDigits > 3) { return .failure(malformed) }
                sawComma = true; groupDigits = 0
            } else if c == ".", !inFraction {
                if digits == 0 || (sawComma && groupDigits != 3) { return .failure(malformed) }
                inFraction = true
            } else {
                return .failure(malformed)
            }
            i += 1
        }
        if digits == 0 || (sawComma && !inFraction && groupDigits != 3) || (inFraction && scale == 0) {
            return .failure(malformed)
        }
        if negative { mantissa = -mantissa }
        if inFraction {
            guard scale <= Int(DecimalNumber.maxScale) else {
                return .failure(Failure(message: "decimal '\(text)' has more than \(DecimalNumber.maxScale) fraction digits"))
            }
            return .success(.decimal(DecimalNumber(mantissa: mantissa, scale: UInt8(scale))))
        }
        return .success(.integer(mantissa))
    }

    // MARK: Money

    static func koreanUnit(_ c: Unicode.Scalar) -> Int64? {
        switch c {
        case "조": 1_000_000_000_000
        case "억": 100_000_000
        case "만": 10_000
        default: nil
        }
    }

    static func smallUnit(_ c: Unicode.Scalar) -> Int64? {
        switch c {
        case "천": 1000
        case "백": 100
        case "십": 10
        default: nil
        }
    }

    /// `13억원`, `2천만원`, `1억 2천만원`, `1,300,000,000원`, `₩5000`.
    static func parseMoney(_ s: [Unicode.Scalar], text: Substring) -> Result<Literal, Failure> {
        let malformed = Failure(message: "malformed money amount '\(text)': write it like 13억원, 2천만원 or 1,300,000,000원")
        let overflow = Failure(message: "money amount '\(text)' does not fit in 64 bits")
        var body = s[...]
        if body.first == "-", body.count > 1 {
            guard case .success(.money(let v)) = parseMoney(Array(body.dropFirst()), text: text) else { return .failure(malformed) }
            return .success(.money(-v))
        }
        if body.first == "₩" {
            body = body.dropFirst()
            if body.last == "원" { return .failure(malformed) }
            guard case .success(.integer(let v)) = parseNumber(body, text: text) else { return .failure(malformed) }
            return .success(.money(v))
        }
        guard body.last == "원" else { return .failure(malformed) }
        body = body.dropLast()
        var total: Int64 = 0, group: Int64 = 0
        var digitStart: Int? = nil
        var lastBigUnit = Int64.max
        var i = body.startIndex
        func takeDigits(upTo end: Int) -> Int64?? {
            guard let start = digitStart else { return .some(nil) }
            digitStart = nil
            guard case .success(.integer(let v)) = parseNumber(body[start..<end], text: text), v >= 0 else { return nil }
            return .some(v)
        }
        while i < body.endIndex {
            let c = body[i]
            if isDigit(c) || c == "," {
                if digitStart == nil { digitStart = i }
            } else if let small = smallUnit(c) {
                guard let n = takeDigits(upTo: i) else { return .failure(malformed) }
                let (p, o1) = (n ?? 1).multipliedReportingOverflow(by: small)
                let (g, o2) = group.addingReportingOverflow(p)
                if o1 || o2 { return .failure(overflow) }
                group = g
            } else if let big = koreanUnit(c) {
                guard big < lastBigUnit, let n = takeDigits(upTo: i) else { return .failure(malformed) }
                let (g, o1) = group.addingReportingOverflow(n ?? 0)
                if g == 0 && n == nil { return .failure(malformed) }
                let (p, o2) = g.multipliedReportingOverflow(by: big)
                let (t, o3) = total.addingReportingOverflow(p)
                if o1 || o2 || o3 { return .failure(overflow) }
                total = t; group = 0; lastBigUnit = big
                if i + 1 < body.endIndex, body[i + 1] == " " { i += 1 }
            } else {
                return .failure(malformed)
            }
            i += 1
        }
        guard let n = takeDigits(upTo: body.endIndex) else { return .failure(malformed) }
        if n == nil && group == 0 && total == 0 && body.isEmpty { return .failure(malformed) }
        let (g, o1) = group.addingReportingOverflow(n ?? 0)
        let (t, o2) = total.addingReportingOverflow(g)
        if o1 || o2 { return .failure(overflow) }
        return .success(.money(t))
    }

    // MARK: Dates

    static func parseTemporal(_ s: [Unicode.Scalar], text: Substring) -> Result<Literal, Failure> {
        let malformed = Failure(message: "malformed date '\(text)': expected YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|±hh:mm]")
        func int(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= s.count, s[r].allSatisfy(isDigit) else { return nil }
            return s[r].reduce(0) { $0 * 10 + Int($1.value - 48) }
        }
        guard let y = int(0..<4), let m = int(5..<7), let d = int(8..<10) else { return .failure(malformed) }
        guard let date = CalendarDate(year: y, month: m, day: d) else {
            if (1...12).contains(m), y >= 1 {
                return .failure(Failure(message: "no such date '\(text.prefix(10))': \(monthNames[m - 1]) \(y) has \(CalendarDate.daysIn(month: m, year: y)) days"))
            }
            return .failure(Failure(message: "no such date '\(text.prefix(10))': months run from 01 to 12"))
        }
        if s.count == 10 { return .success(.date(date)) }
        guard s[10] == "T", s.count >= 16, s[13] == ":", let hh = int(11..<13), let mm = int(14..<16) else { return .failure(malformed) }
        var i = 16
        var ss: Int? = nil
        if i < s.count, s[i] == ":" {
            guard let v = int(17..<19) else { return .failure(malformed) }
            ss = v; i = 19
        }
        var offset: Int? = nil
        if i < s.count {
            if s[i] == "Z", i + 1 == s.count {
                offset = 0
            } else if s[i] == "+" || s[i] == "-", s.count == i + 6, s[i + 3] == ":", let oh = int(i + 1..<i + 3), let om = int(i + 4..<i + 6) {
                offset = (oh * 60 + om) * (s[i] == "-" ? -1 : 1)
            } else {
                return .failure(malformed)
            }
        }
        guard let dt = DateTime(date: date, hour: hh, minute: mm, second: ss, offsetMinutes: offset) else {
            return .failure(Failure(message: "no such time in '\(text)'"))
        }
        return .success(.dateTime(dt))
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    public static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
}
