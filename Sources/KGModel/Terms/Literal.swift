/// A typed literal value: the object of a fact that is not an entity.
///
/// Integer, decimal, money and year share one numeric order (`numericKey`);
/// dates and date-times share another (`temporalKey`).
public enum Literal: Hashable, Sendable {
    case integer(Int64)
    case decimal(DecimalNumber)
    case string(String, language: String?)
    case date(CalendarDate)
    case dateTime(DateTime)
    case year(Int32)
    case money(Int64)
    case boolean(Bool)

    /// The kind of this literal, as named in schemas and type tests.
    public var kind: LiteralKind {
        switch self {
        case .integer: .integer
        case .decimal: .decimal
        case .string: .string
        case .date: .date
        case .dateTime: .dateTime
        case .year: .year
        case .money: .money
        case .boolean: .boolean
        }
    }

    /// The value scaled by 10^18 for the numeric kinds, nil otherwise.
    /// Two numeric literals compare by this key whatever their kinds.
    public var numericKey: Int128? {
        switch self {
        case .integer(let v), .money(let v): Int128(v) * DecimalNumber.unit
        case .year(let y): Int128(y) * DecimalNumber.unit
        case .decimal(let d): d.scaledKey
        default: nil
        }
    }

    /// Seconds since 0001-01-01T00:00 (UTC where a zone is given, local otherwise) for dates
    /// and date-times; nil for every other kind.
    public var temporalKey: Int64? {
        switch self {
        case .date(let d): d.dayNumber * 86_400
        case .dateTime(let t): t.secondsKey
        default: nil
        }
    }
}

/// The kinds of literal a schema can name as a predicate's range.
public enum LiteralKind: String, CaseIterable, Sendable {
    case string = "String"
    case integer = "Integer"
    case decimal = "Decimal"
    case money = "Money"
    case date = "Date"
    case dateTime = "DateTime"
    case year = "Year"
    case boolean = "Boolean"

    public var isNumeric: Bool {
        switch self {
        case .integer, .decimal, .money, .year: true
        default: false
        }
    }
}

/// An exact decimal: `mantissa × 10^-scale`, normalised so the mantissa has no trailing zeros.
public struct DecimalNumber: Hashable, Sendable {
    public static let maxScale: UInt8 = 18
    static let unit: Int128 = 1_000_000_000_000_000_000

    public let mantissa: Int64
    public let scale: UInt8

    public init(mantissa: Int64, scale: UInt8) {
        var m = mantissa, s = scale
        while s > 0 && m % 10 == 0 { m /= 10; s -= 1 }
        self.mantissa = m
        self.scale = s
    }

    var scaledKey: Int128 {
        var factor: Int128 = 1
        for _ in 0..<(Int(Self.maxScale) - Int(scale)) { factor *= 10 }
        return Int128(mantissa) * factor
    }
}

/// A proleptic Gregorian calendar date, checked on construction.
public struct CalendarDate: Hashable, Sendable {
    public let year: Int32
    public let month: UInt8
    public let day: UInt8

    /// Nil when the day does not exist (2022-02-30) or the year is outside 1…9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = Int32(year)
        self.month = UInt8(month)
        self.day = UInt8(day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 0001-01-01.
    var dayNumber: Int64 {
        let y = Int64(year) - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<Int(month) { days += Int64(CalendarDate.daysIn(month: m, year: Int(year))) }
        return days + Int64(day) - 1
    }
}

/// A date with a time of day and an optional zone offset in minutes.
public struct DateTime: Hashable, Sendable {
    public let date: CalendarDate
    public let hour: UInt8
    public let minute: UInt8
    public let second: UInt8
    public let hasSeconds: Bool
    public let offsetMinutes: Int16?

    public init?(date: CalendarDate, hour: Int, minute: Int, second: Int?, offsetMinutes: Int?) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second ?? 0) else { return nil }
        if let o = offsetMinutes, abs(o) > 14 * 60 { return nil }
        self.date = date
        self.hour = UInt8(hour)
        self.minute = UInt8(minute)
        self.second = UInt8(second ?? 0)
        self.hasSeconds = second != nil
        self.offsetMinutes = offsetMinutes.map { Int16($0) }
    }

    var secondsKey: Int64 {
        date.dayNumber * 86_400 + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
            - Int64(offsetMinutes ?? 0) * 60
    }
}
