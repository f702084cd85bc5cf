import Foundation
import KGFormats
import KGModel
import KGShell
import Testing

/// A small graph whose values exercise every output mode: Hangul, Latin and a combining mark in
/// labels (`Spin̈al Tap`: n + U+0308, which has no precomposed form and so survives NFC), every
/// literal kind, commas, quotes, newlines, tabs, backslashes and `|` in text, and values an
/// `optional` leaves unbound.
private func outputStore() throws -> FactStore {
    let text = #"""
        type City "도시"@ko "City"@en
        type Doc "문서"@ko "Document"@en
        predicate population : City -> Integer "인구"@ko "population"@en
        predicate area : City -> Decimal "면적"@ko "area"@en
        predicate budget : City -> Money "예산"@ko "budget"@en
        predicate coastal : City -> Boolean "해안"@ko "coastal"@en
        predicate founded : City -> Date "설립"@ko "founded"@en
        predicate since : City -> Year "연도"@ko "since"@en
        predicate motto : City -> String "표어"@ko "motto"@en
        @source doc
        doc type Doc
        doc label "시험 문서"@ko
        seoul type City
        seoul label "서울특별시"@ko
        seoul label "Seoul"@en
        seoul population 9,400,000
        seoul area 605.25
        seoul budget 47조원
        seoul coastal false
        seoul founded 1394-10-28
        seoul since 1394
        seoul motto "Seoul, my soul"
        busan type City
        busan label "부산"@ko
        busan label "Busan"@en
        busan population 3300000
        busan area 770.1
        busan budget 2천만원
        busan coastal true
        busan motto "say \"hi\"\nbye"
        tap type City
        tap label "Spin\u0308al Tap"@en
        tap population 12
        tap motto "a|b\tc\\d"
        """#
    return try KGLoader.load([KGParser.parse(path: "cities.kg", bytes: Array(text.utf8))], into: FactStore()).get().0
}

@Suite("Output modes")
struct OutputModeTests {
    /// Every kind of value except text, one row per city, largest first.
    static let values = "find ?city, ?pop, ?area, ?budget, ?coastal, ?since, ?founded where ?city type City, ?city population ?pop, "
        + "optional { ?city area ?area }, optional { ?city budget ?budget }, optional { ?city coastal ?coastal }, "
        + "optional { ?city since ?since }, optional { ?city founded ?founded } order by ?pop desc"
    /// Text that needs escaping in some format.
    static let mottos = "find ?city, ?motto where ?city motto ?motto order by ?city"

    func session(_ mode: OutputMode, _ configure: (inout RenderOptions) -> Void = { _ in }) throws -> Session {
        let s = Session(store: try outputStore())
        s.options.mode = mode
        configure(&s.options)
        return s
    }

    func run(_ s: Session, _ statement: String) -> String {
        let outcome = s.run(statement)
        #expect(outcome.errors == "")
        #expect(!outcome.failed)
        return outcome.output
    }

    @Test("table: columns sized by display width (Hangul 2, combining mark 0), numbers right-aligned, other values left")
    func table() throws {
        let s = try session(.table)
        #expect(run(s, Self.values) == """
            ┌────────────┬─────────┬────────┬───────────┬─────────┬───────┬────────────┐
            │ city       │ pop     │ area   │ budget    │ coastal │ since │ founded    │
            ├────────────┼─────────┼────────┼───────────┼─────────┼───────┼────────────┤
            │ 서울특별시 │ 9400000 │ 605.25 │    47조원 │ false   │  1394 │ 1394-10-28 │
            │ 부산       │ 3300000 │  770.1 │ 2,000만원 │ true    │       │            │
            │ Spin\u{308}al Tap │      12 │        │           │         │       │            │
            └────────────┴─────────┴────────┴───────────┴─────────┴───────┴────────────┘
            3 rows

            """)
        s.language = "en"
        #expect(run(s, "find ?city, ?pop where ?city population ?pop order by ?pop") == """
            ┌────────────┬─────────┐
            │ city       │ pop     │
            ├────────────┼─────────┤
            │ Spin\u{308}al Tap │      12 │
            │ Busan      │ 3300000 │
            │ Seoul      │ 9400000 │
            └────────────┴─────────┘
            3 rows

            """)
    }

    @Test("table: every line of the box has the same display width")
    func tableWidths() throws {
        let s = try session(.table)
        let lines = run(s, Self.values).split(separator: "\n").dropLast().map(String.init)
        #expect(Set(lines.map { DisplayWidth.of($0) }).count == 1)
    }

    @Test("table: a newline or tab inside a cell does not break the box")
    func tableControlCharacters() throws {
        let s = try session(.table)
        let lines = run(s, Self.mottos).split(separator: "\n").dropLast().map(String.init)
        #expect(lines.count == 7)
        #expect(Set(lines.map { DisplayWidth.of($0) }).count == 1)
        #expect(!lines.contains { $0.contains("\t") })
    }

    @Test("table: no column prints yes or no; no rows prints the header and 0 rows")
    func tableEdges() throws {
        let s = try session(.table)
        #expect(run(s, "seoul coastal false") == "yes\n")
        #expect(run(s, "seoul coastal true") == "no\n")
        #expect(run(s, "?c population 1") == "┌───┐\n│ c │\n├───┤\n└───┘\n0 rows\n")
        #expect(run(s, "find ?c where ?c population 12") == "┌────────────┐\n│ c          │\n├────────────┤\n│ Spin\u{308}al Tap │\n└────────────┘\n1 row\n")
    }

    @Test("interactive tables: at most maxRows rows, then '… N more rows'; scripts print every row")
    func interactiveRows() throws {
        let s = try session(.table) { $0.interactive = true; $0.maxRows = 2 }
        #expect(run(s, "find ?c, ?pop where ?c population ?pop order by ?pop desc") == """
            ┌────────────┬─────────┐
            │ c          │ pop     │
            ├────────────┼─────────┤
            │ 서울특별시 │ 9400000 │
            │ 부산       │ 3300000 │
            └────────────┴─────────┘
            … 1 more row (3 in all; .mode csv or a script prints every row)

            """)
        s.options.maxRows = 1
        #expect(run(s, "find ?c, ?pop where ?c population ?pop order by ?pop desc").hasSuffix("└────────────┴─────────┘\n… 2 more rows (3 in all; .mode csv or a script prints every row)\n"))
        s.options.maxRows = 3
        #expect(run(s, "find ?c where ?c population ?pop order by ?c").hasSuffix("\n3 rows\n"))
        s.options.maxRows = 1
        s.options.interactive = false
        #expect(run(s, "find ?c where ?c population ?pop order by ?c").hasSuffix("\n3 rows\n"))
        s.options.interactive = true
        s.options.mode = .csv
        #expect(run(s, "find ?c where ?c population ?pop order by ?c") == "c\r\nSpin\u{308}al Tap\r\n부산\r\n서울특별시\r\n")
    }

    @Test("interactive tables cut long cells to maxCellWidth columns, ending in …, never inside a character")
    func interactiveCut() throws {
        let s = try session(.table) { $0.interactive = true; $0.maxCellWidth = 6 }
        // 서울특별시 is 10 columns: 서울 (4) + … fits in 6, 서울특 (6) + … would not.
        // Spin̈al Tap: n̈ is one character of one column, kept whole.
        #expect(run(s, "find ?city, ?since where ?city population ?pop, optional { ?city since ?since } order by ?city") == """
            ┌────────┬───────┐
            │ city   │ since │
            ├────────┼───────┤
            │ Spin\u{308}a… │       │
            │ 부산   │       │
            │ 서울…  │  1394 │
            └────────┴───────┘
            3 rows

            """)
        s.options.maxCellWidth = 7
        let seven = run(s, "find ?city where ?city population ?pop order by ?city")
        #expect(seven.contains("│ 서울특… │\n"))
        #expect(seven.contains("│ Spin\u{308}al… │\n"))
        // Headers are never cut; only cells are.
        s.options.maxCellWidth = 2
        #expect(run(s, "find ?longColumnName where ?longColumnName population 12") == """
            ┌────────────────┐
            │ longColumnName │
            ├────────────────┤
            │ S…             │
            └────────────────┘
            1 row

            """)
        // Scripts (not interactive) never cut.
        s.options.interactive = false
        #expect(run(s, "find ?city where seoul population ?pop, ?city population ?pop").contains("│ 서울특별시 │"))
    }

    @Test("csv (RFC 4180): CRLF line ends; fields with commas, quotes or newlines quoted, quotes doubled")
    func csv() throws {
        let s = try session(.csv)
        #expect(run(s, Self.values) == "city,pop,area,budget,coastal,since,founded\r\n"
            + "서울특별시,9400000,605.25,47조원,false,1394,1394-10-28\r\n"
            + "부산,3300000,770.1,\"2,000만원\",true,,\r\n"
            + "Spin\u{308}al Tap,12,,,,,\r\n")
        #expect(run(s, Self.mottos) == "city,motto\r\n"
            + "Spin\u{308}al Tap,a|b\tc\\d\r\n"
            + "부산,\"say \"\"hi\"\"\nbye\"\r\n"
            + "서울특별시,\"Seoul, my soul\"\r\n")
        #expect(run(s, "find ?x where ?x population 1") == "x\r\n")
    }

    @Test("tsv: tabs, newlines, carriage returns and backslashes escaped; nothing quoted")
    func tsv() throws {
        let s = try session(.tsv)
        #expect(run(s, Self.mottos) == "city\tmotto\n"
            + "Spin\u{308}al Tap\ta|b\\tc\\\\d\n"
            + "부산\tsay \"hi\"\\nbye\n"
            + "서울특별시\tSeoul, my soul\n")
        #expect(run(s, Self.values) == "city\tpop\tarea\tbudget\tcoastal\tsince\tfounded\n"
            + "서울특별시\t9400000\t605.25\t47조원\tfalse\t1394\t1394-10-28\n"
            + "부산\t3300000\t770.1\t2,000만원\ttrue\t\t\n"
            + "Spin\u{308}al Tap\t12\t\t\t\t\t\n")
    }

    @Test("json: an array of objects; integers, decimals, money and years as numbers, booleans, null when unbound, dates as strings")
    func json() throws {
        let s = try session(.json)
        #expect(run(s, Self.values) == """
            [
              {"city": "서울특별시", "pop": 9400000, "area": 605.25, "budget": 47000000000000, "coastal": false, "since": 1394, "founded": "1394-10-28"},
              {"city": "부산", "pop": 3300000, "area": 770.1, "budget": 20000000, "coastal": true, "since": null, "founded": null},
              {"city": "Spin\u{308}al Tap", "pop": 12, "area": null, "budget": null, "coastal": null, "since": null, "founded": null}
            ]

            """)
        #expect(run(s, Self.mottos) == #"""
            [
              {"city": "Spin̈al Tap", "motto": "a|b\tc\\d"},
              {"city": "부산", "motto": "say \"hi\"\nbye"},
              {"city": "서울특별시", "motto": "Seoul, my soul"}
            ]

            """#)
        #expect(run(s, "find ?x where ?x population 1") == "[]\n")
        // What it prints parses as JSON, with the same values.
        let parsed = try JSONSerialization.jsonObject(with: Data(run(s, Self.values).utf8)) as? [[String: Any]]
        #expect(parsed?.count == 3)
        #expect(parsed?[0]["budget"] as? Int == 47_000_000_000_000)
        #expect(parsed?[0]["coastal"] as? Bool == false)
        #expect(parsed?[2]["area"] is NSNull)
    }

    @Test("jsonl: one object per line, nothing for no rows")
    func jsonl() throws {
        let s = try session(.jsonl)
        #expect(run(s, Self.values) == """
            {"city": "서울특별시", "pop": 9400000, "area": 605.25, "budget": 47000000000000, "coastal": false, "since": 1394, "founded": "1394-10-28"}
            {"city": "부산", "pop": 3300000, "area": 770.1, "budget": 20000000, "coastal": true, "since": null, "founded": null}
            {"city": "Spin\u{308}al Tap", "pop": 12, "area": null, "budget": null, "coastal": null, "since": null, "founded": null}

            """)
        #expect(run(s, "find ?x where ?x population 1") == "")
        for line in run(s, Self.mottos).split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line)")
        }
    }

    @Test("json with .ids on names entities by id")
    func jsonIds() throws {
        let s = try session(.json) { $0.ids = true }
        #expect(run(s, "find ?c, ?pop where ?c population ?pop order by ?pop") == """
            [
              {"c": "tap", "pop": 12},
              {"c": "busan", "pop": 3300000},
              {"c": "seoul", "pop": 9400000}
            ]

            """)
    }

    @Test("markdown: a pipe table; | and \\ escaped, newlines as <br>, numeric columns right-aligned")
    func markdown() throws {
        let s = try session(.markdown)
        #expect(run(s, Self.values) == """
            | city | pop | area | budget | coastal | since | founded |
            | --- | ---: | ---: | ---: | --- | ---: | --- |
            | 서울특별시 | 9400000 | 605.25 | 47조원 | false | 1394 | 1394-10-28 |
            | 부산 | 3300000 | 770.1 | 2,000만원 | true |  |  |
            | Spin\u{308}al Tap | 12 |  |  |  |  |  |

            """)
        #expect(run(s, Self.mottos) == #"""
            | city | motto |
            | --- | --- |
            | Spin̈al Tap | a\|b	c\\d |
            | 부산 | say "hi"<br>bye |
            | 서울특별시 | Seoul, my soul |

            """#)
    }

    @Test(".headers off drops the header line in table, csv and tsv")
    func headersOff() throws {
        let s = try session(.table) { $0.headers = false }
        let q = "find ?c, ?pop where ?c population ?pop order by ?pop"
        #expect(run(s, q) == """
            ┌────────────┬─────────┐
            │ Spin\u{308}al Tap │      12 │
            │ 부산       │ 3300000 │
            │ 서울특별시 │ 9400000 │
            └────────────┴─────────┘
            3 rows

            """)
        s.options.mode = .csv
        #expect(run(s, q) == "Spin\u{308}al Tap,12\r\n부산,3300000\r\n서울특별시,9400000\r\n")
        s.options.mode = .tsv
        #expect(run(s, q) == "Spin\u{308}al Tap\t12\n부산\t3300000\n서울특별시\t9400000\n")
        s.options.mode = .jsonl
        #expect(run(s, q) == "{\"c\": \"Spin\u{308}al Tap\", \"pop\": 12}\n{\"c\": \"부산\", \"pop\": 3300000}\n{\"c\": \"서울특별시\", \"pop\": 9400000}\n")
    }

    @Test(".ids on prints label (id) in tables")
    func idsInTables() throws {
        let s = try session(.table) { $0.ids = true }
        #expect(run(s, "find ?c where ?c population 12, ?c motto ?m") == """
            ┌──────────────────┐
            │ c                │
            ├──────────────────┤
            │ Spin\u{308}al Tap (tap) │
            └──────────────────┘
            1 row

            """)
        s.options.mode = .csv
        #expect(run(s, "find ?c where ?c population 12") == "c\r\nSpin\u{308}al Tap (tap)\r\n")
    }

    @Test("the seed graph in csv: a real result with a comma in an article title")
    func seedCSV() throws {
        let s = Session(store: seedStore)
        s.options.mode = .csv
        #expect(s.run("find ?article, ?outlet where ?article publishedBy ?outlet order by ?outlet").output
            == "article,outlet\r\n\"대구시, 광역시 유일'4년 연속 우수기관'선정\",아주경제\r\n\"[인천 소식] 인천시, 지자체 혁신평가 최우수 선정 등\",프레시안\r\n")
    }
}
