import KGModel
import Testing

@Suite("Literal syntax")
struct LiteralSyntaxTests {
    @Test("bare literals parse to their kind and value", arguments: [
        ("17", Literal.integer(17)),
        ("-3", .integer(-3)),
        ("1,300,000,000", .integer(1_300_000_000)),
        ("3.25", .decimal(DecimalNumber(mantissa: 325, scale: 2))),
        ("13억원", .money(1_300_000_000)),
        ("2천만원", .money(20_000_000)),
        ("1억 2천만원", .money(120_000_000)),
        ("1억2천만원", .money(120_000_000)),
        ("1,300,000,000원", .money(1_300_000_000)),
        ("₩5000", .money(5000)),
        ("3조 5억원", .money(3_000_500_000_000)),
        ("500원", .money(500)),
        ("2023년", .year(2023)),
        ("2022-02-10", .date(CalendarDate(year: 2022, month: 2, day: 10)!)),
        ("2024-02-29", .date(CalendarDate(year: 2024, month: 2, day: 29)!)),
        ("2022-02-10T17:34", .dateTime(DateTime(date: CalendarDate(year: 2022, month: 2, day: 10)!, hour: 17, minute: 34, second: nil, offsetMinutes: nil)!)),
        ("2022-02-10T17:34:05+09:00", .dateTime(DateTime(date: CalendarDate(year: 2022, month: 2, day: 10)!, hour: 17, minute: 34, second: 5, offsetMinutes: 540)!)),
        ("true", .boolean(true)),
        ("false", .boolean(false)),
    ])
    func parses(text: String, expected: Literal) {
        #expect(LiteralSyntax.looksLikeLiteral(Substring(text)))
        #expect(LiteralSyntax.parse(Substring(text)) == .success(expected))
    }

    @Test("bad literals are refused with a message that says why", arguments: [
        ("2022-02-30", "no such date '2022-02-30': February 2022 has 28 days"),
        ("2023-02-29", "no such date '2023-02-29': February 2023 has 28 days"),
        ("2022-13-01", "no such date '2022-13-01': months run from 01 to 12"),
        ("13억x원", "malformed money amount '13억x원': write it like 13억원, 2천만원 or 1,300,000,000원"),
        ("억원", "malformed money amount '억원': write it like 13억원, 2천만원 or 1,300,000,000원"),
        ("13억", "malformed money amount '13억': write it like 13억원, 2천만원 or 1,300,000,000원"),
        ("9223372036854775808", "number '9223372036854775808' does not fit in 64 bits"),
        ("99999999999999조원", "money amount '99999999999999조원' does not fit in 64 bits"),
        ("1,30", "malformed number '1,30'"),
        ("12x", "malformed number '12x'"),
        ("2022-02-10T25:00", "no such time in '2022-02-10T25:00'"),
        ("2022-02-10X", "malformed date '2022-02-10X': expected YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|±hh:mm]"),
        ("0년", "malformed year '0년': expected 1년 to 9999년"),
    ])
    func refuses(text: String, message: String) {
        #expect(LiteralSyntax.parse(Substring(text)) == .failure(LiteralSyntax.Failure(message: message)))
    }

    @Test("identifiers are not literals")
    func identifiersAreNotLiterals() {
        for word in ["incheon", "award-2023", "-x", "TRYOUT"] {
            #expect(!LiteralSyntax.looksLikeLiteral(Substring(word)))
        }
    }

    @Test("numeric kinds share one order; dates and date-times another")
    func ordering() {
        #expect(Literal.money(1_300_000_000).numericKey == Literal.integer(1_300_000_000).numericKey)
        #expect(Literal.year(2023).numericKey == Literal.integer(2023).numericKey)
        #expect(Literal.decimal(DecimalNumber(mantissa: 25, scale: 1)).numericKey! < Literal.integer(3).numericKey!)
        #expect(Literal.decimal(DecimalNumber(mantissa: 25, scale: 1)).numericKey! > Literal.integer(2).numericKey!)
        #expect(Literal.string("3", language: nil).numericKey == nil)
        let day = Literal.date(CalendarDate(year: 2022, month: 2, day: 10)!)
        let evening = Literal.dateTime(DateTime(date: CalendarDate(year: 2022, month: 2, day: 10)!, hour: 17, minute: 34, second: nil, offsetMinutes: nil)!)
        let nextDay = Literal.date(CalendarDate(year: 2022, month: 2, day: 11)!)
        #expect(day.temporalKey! < evening.temporalKey!)
        #expect(evening.temporalKey! < nextDay.temporalKey!)
    }

    @Test("literals print back in a form that parses to the same value", arguments: [
        Literal.money(1_300_000_000), .money(20_000_000), .money(-5000), .money(-120_000_000), .money(120_000_000), .money(5000), .money(3_000_500_000_000),
        .integer(-42), .decimal(DecimalNumber(mantissa: -5, scale: 3)), .year(2023),
        .date(CalendarDate(year: 2022, month: 2, day: 10)!),
        .dateTime(DateTime(date: CalendarDate(year: 2022, month: 2, day: 10)!, hour: 7, minute: 4, second: 9, offsetMinutes: -330)!),
        .boolean(true),
    ])
    func roundTrip(literal: Literal) {
        #expect(LiteralSyntax.parse(Substring(literal.kgText)) == .success(literal))
    }

    @Test("money prints in 억 and 만 units")
    func moneyText() {
        #expect(Literal.money(1_300_000_000).description == "13억원")
        #expect(Literal.money(20_000_000).description == "2,000만원")
        #expect(Literal.money(120_000_000).description == "1억 2,000만원")
        #expect(Literal.money(5000).description == "5,000원")
    }
}
