// Error messages of the query language, as a table: each case names the mistake, the statement,
// the exact message and where the caret goes (1-based column of the span's start, and its length,
// both in Unicode scalars of the statement).

import Foundation
import KGFormats
import KGModel
import KGQuery
import Testing

private let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

private let seedGraph: FactStore = {
    switch KnowledgeFiles.load([repoRoot + "/Knowledge"], into: FactStore()) {
    case .success(let (store, _)): return store
    case .failure(let f): fatalError("Knowledge/ does not load:\n\(f.rendered)")
    }
}()

/// The seed graph plus a second agency that is also called 진흥원, so the name is ambiguous
/// (the seed graph itself has no name shared by two entities).
private let seedWithNamesake: FactStore = {
    let extra = """
        @source art-extra
        art-extra type Article
        nipa type Agency
        nipa label "정보통신산업진흥원"@ko
        nipa alias "진흥원"@ko
        """
    switch KGLoader.load([KGParser.parse(path: "namesake.kg", bytes: Array(extra.utf8))], into: seedGraph) {
    case .success(let (store, _)): return store
    case .failure(let f): fatalError("namesake.kg does not load:\n\(f.rendered)")
    }
}()

/// Rules every case's engine has, for the rule-call mistakes.
private let definedRules = [
    "rule awarded(?o) :- ?o won ?_",
    "rule sibling(?a, ?b) :- ?o operates ?a, ?o operates ?b, ?a != ?b",
]

private func engine(_ store: FactStore = seedGraph, rules: [String] = definedRules) -> QueryEngine {
    let engine = QueryEngine(store: store, language: "ko")
    for rule in rules {
        if case .failure(let f) = engine.run(rule) { Issue.record("setup rule failed: \(f.message)") }
    }
    return engine
}

struct QueryErrorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let statement: String
    let message: String
    /// 1-based column of the first scalar the caret marks.
    let column: Int
    /// How many scalars the caret marks.
    let length: Int
    var ambiguousGraph = false
    /// Run on an engine with no rules defined.
    var noRules = false
    /// An engine bug that still gives another message: the case asserts the right one as a known issue.
    var knownIssue: String? = nil

    var testDescription: String { name }
}

@Suite("Query error messages")
struct QueryErrorTests {
    static let cases: [QueryErrorCase] = [
        // Syntax.
        QueryErrorCase(name: "missing object", statement: "?a awardedTo",
                  message: "a pattern is SUBJECT PREDICATE OBJECT; expected an object after the predicate", column: 13, length: 1),
        QueryErrorCase(name: "missing object after a Korean name", statement: "인천시 won",
                  message: "a pattern is SUBJECT PREDICATE OBJECT; expected an object after the predicate", column: 8, length: 1),
        QueryErrorCase(name: "missing predicate", statement: "인천시",
                  message: "a pattern is SUBJECT PREDICATE OBJECT; expected a predicate after '인천시'", column: 4, length: 1),
        QueryErrorCase(name: "two commas", statement: "?a won ?b ,, ?c",
                  message: "expected a pattern: a ?variable, a name or a literal, found ','", column: 12, length: 1),
        QueryErrorCase(name: "missing comma between patterns", statement: "?a won ?b, ?b year 2023 extra",
                  message: "expected ',' between patterns, found 'extra'", column: 25, length: 5),
        QueryErrorCase(name: "unclosed brace", statement: "{ ?a won ?b",
                  message: "expected '}' to close the '{' at column 1, found end of statement", column: 12, length: 1),
        QueryErrorCase(name: "unclosed brace of not", statement: "?a won ?b, not { ?a won ?c",
                  message: "expected '}' to close the '{' at column 16, found end of statement", column: 27, length: 1),
        QueryErrorCase(name: "unterminated string", statement: "?a label \"혁신",
                  message: "unterminated string: add the closing \"", column: 10, length: 3),
        QueryErrorCase(name: "unknown escape in a string", statement: "?a label \"a\\q\"",
                  message: "unknown escape '\\q' in a string: use \\n \\t \\\\ \\\" or \\' — for a backslash and then q, write \\\\q", column: 12, length: 2),
        QueryErrorCase(name: "a regular expression's \\d in a string", statement: "?a label ?l, ?l matches \"^\\d+$\"",
                  message: "unknown escape '\\d' in a string: use \\n \\t \\\\ \\\" or \\' — for a backslash and then d, write \\\\d", column: 27, length: 2),
        QueryErrorCase(name: "unknown escape of a space: no advice to write it literally", statement: "?a label \"a\\ b\"",
                  message: "unknown escape '\\ ' in a string: use \\n \\t \\\\ \\\" or \\'", column: 12, length: 2),
        QueryErrorCase(name: "language tag missing after @", statement: "?a label \"x\"@",
                  message: "expected a language tag after '@', as in \"text\"@ko", column: 13, length: 1),
        QueryErrorCase(name: "bad money literal", statement: "?p maxBudget 13억x원",
                  message: "malformed money amount '13억x원': write it like 13억원, 2천만원 or 1,300,000,000원", column: 14, length: 5),
        QueryErrorCase(name: "day that does not exist", statement: "?a announcedOn 2022-02-30",
                  message: "no such date '2022-02-30': February 2022 has 28 days", column: 16, length: 10),
        QueryErrorCase(name: "month that does not exist", statement: "?a announcedOn 2023-13-01",
                  message: "no such date '2023-13-01': months run from 01 to 12", column: 16, length: 10),
        QueryErrorCase(name: "unexpected character", statement: "?a won ?b ~",
                  message: "unexpected character '~': put a name or text that contains it in quotes", column: 11, length: 1),
        QueryErrorCase(name: "unexpected character @ without a string before it", statement: "?a @ ?b",
                  message: "unexpected character '@': put a name or text that contains it in quotes", column: 4, length: 1),
        QueryErrorCase(name: "a curly quote", statement: "?a label \u{201C}혁신\u{201D}",
                  message: "unexpected character '\u{201C}': write quotes as plain \" or '", column: 10, length: 1),
        QueryErrorCase(name: "a control character is named by its code point", statement: "?a won\u{1B} ?b",
                  message: "unexpected character U+001B: remove this invisible character", column: 7, length: 1),
        QueryErrorCase(name: "a zero-width space (a format character)", statement: "?a won\u{200B} ?b",
                  message: "unexpected character U+200B: remove this invisible character", column: 7, length: 1),
        QueryErrorCase(name: "a no-break space", statement: "?a won\u{A0}?b",
                  message: "unexpected character U+00A0: replace it with a plain space", column: 7, length: 1),
        QueryErrorCase(name: "question mark without a name", statement: "? won ?b",
                  message: "expected a variable name after '?', as in ?org", column: 1, length: 1),
        QueryErrorCase(name: "stray brace after the statement", statement: "?a won ?b }",
                  message: "unexpected '}' after the end of the statement: nothing open to close", column: 11, length: 1),
        QueryErrorCase(name: "stray word after limit and offset", statement: "?a won ?b limit 3 offset 1 extra",
                  message: "unexpected 'extra' after the end of the statement: put ';' before another statement", column: 28, length: 5),
        QueryErrorCase(name: "stray word after a path", statement: "path 박진영 to 행정안전부 max 3 extra",
                  message: "unexpected 'extra' after the end of the statement: put ';' before another statement", column: 25, length: 5),
        QueryErrorCase(name: "limit is not a number", statement: "?a won ?b limit ten",
                  message: "expected a whole number after 'limit', found 'ten'", column: 17, length: 3),
        QueryErrorCase(name: "negative limit", statement: "?a won ?b limit -1",
                  message: "expected a whole number after 'limit', found '-1'", column: 17, length: 2),
        QueryErrorCase(name: "offset is not a number", statement: "?a won ?b limit 5 offset x",
                  message: "expected a whole number after 'offset', found 'x'", column: 26, length: 1),
        QueryErrorCase(name: "group without by", statement: "?a won ?b group ?a",
                  message: "expected 'by' after 'group', found '?a'", column: 17, length: 2),
        QueryErrorCase(name: "order by with no key", statement: "?a won ?b order by",
                  message: "expected a variable or column name after 'order by', found end of statement", column: 19, length: 1),
        QueryErrorCase(name: "path without its end", statement: "path 박진영 to",
                  message: "expected the end of the path: a ?variable, a name or a literal, found end of statement", column: 12, length: 1),
        QueryErrorCase(name: "path max is not a number", statement: "path 박진영 to 행정안전부 max x",
                  message: "expected a whole number after 'max', found 'x'", column: 23, length: 1),
        QueryErrorCase(name: "why without a pattern", statement: "why",
                  message: "'why' needs a pattern, as in 'why 대구광역시 won ?a'", column: 1, length: 3),
        QueryErrorCase(name: "explain without a query", statement: "explain",
                  message: "'explain' needs a query, as in 'explain ?o won ?a'", column: 1, length: 7),
        QueryErrorCase(name: "show without a name", statement: "show",
                  message: "'show' needs an entity: an id, label or alias, as in 'show 인천시'", column: 1, length: 4),
        QueryErrorCase(name: "show of a variable", statement: "show ?x",
                  message: "'show' takes an entity name, not a variable", column: 6, length: 2),
        QueryErrorCase(name: "misspelt statement keyword", statement: "shwo 인천시",
                  message: "unknown statement 'shwo' — did you mean 'show'?", column: 1, length: 4),
        QueryErrorCase(name: "misspelt statement keyword in capitals", statement: "SHWO 인천시",
                  message: "unknown statement 'SHWO' — did you mean 'show'?", column: 1, length: 4),
        QueryErrorCase(name: "find without where (a keyword, so no spelling suggestion)", statement: "FIND ?a",
                  message: "expected 'where' and a pattern after the columns of 'find', found end of statement", column: 1, length: 4),
        QueryErrorCase(name: "find with no comma between its columns", statement: "find ?a ?b where ?a won ?b",
                  message: "expected 'where' and a pattern after the columns of 'find', found '?b'", column: 9, length: 2),
        QueryErrorCase(name: "find without columns", statement: "find where ?a won ?b",
                  message: "expected a variable or an aggregate such as count(?x) after 'find', found 'where'", column: 6, length: 5),
        QueryErrorCase(name: "path without 'to'", statement: "path 박진영 행정안전부",
                  message: "expected 'to' between the two ends of 'path A to B', found '행정안전부'", column: 10, length: 5),
        QueryErrorCase(name: "path with one end", statement: "path 박진영",
                  message: "expected 'to' between the two ends of 'path A to B', found end of statement", column: 9, length: 1),
        QueryErrorCase(name: "a name touching '(' is a rule call, not the subject of a path", statement: "find ?y where 인천(operates|won) ?y",
                  message: "expected ',' between the arguments of 인천(…), found '|'", column: 26, length: 1),
        QueryErrorCase(name: "10,000 nested braces", statement: String(repeating: "{", count: 10_000) + "?a won ?b" + String(repeating: "}", count: 10_000),
                  message: "nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule", column: 201, length: 1),
        QueryErrorCase(name: "10,000 nested not { }", statement: "?a won ?b, " + String(repeating: "not { ", count: 10_000) + "?a won ?b" + String(repeating: " }", count: 10_000),
                  message: "nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule", column: 1216, length: 1),
        QueryErrorCase(name: "10,000 nested parentheses in a path", statement: "?a " + String(repeating: "(", count: 10_000) + "won" + String(repeating: ")", count: 10_000) + " ?b",
                  message: "nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule", column: 204, length: 1),
        QueryErrorCase(name: "a chain of 10,000 ^ in a path", statement: "?a " + String(repeating: "^", count: 10_000) + "won ?b",
                  message: "nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule", column: 204, length: 1),
        QueryErrorCase(name: "10,000 nested str( )", statement: "?x label ?l, " + String(repeating: "str(", count: 10_000) + "?l" + String(repeating: ")", count: 10_000) + " = \"a\"",
                  message: "nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule", column: 814, length: 3),
        QueryErrorCase(name: "10,000 nested label( )", statement: "?x label ?l, " + String(repeating: "label(", count: 10_000) + "?l" + String(repeating: ")", count: 10_000) + " = \"a\"",
                  message: "nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule", column: 1214, length: 5),
        QueryErrorCase(name: "201 nested lang( ), one too many", statement: "?x label ?l, " + String(repeating: "lang(", count: 201) + "?l" + String(repeating: ")", count: 201) + " = \"a\"",
                  message: "nesting deeper than 200 levels: flatten it — drop redundant { }, ( ) and ^, or name an inner part with a rule", column: 1014, length: 4),

        // Names.
        QueryErrorCase(name: "unknown entity, with a suggestion", statement: "인촌 won ?a",
                  message: "no entity '인촌' — did you mean 인천광역시?", column: 1, length: 2),
        QueryErrorCase(name: "unknown entity with nothing close: how to search the labels", statement: "qqqqzz won ?a",
                  message: "no entity 'qqqqzz': search the labels with ?e label ?l, ?l contains \"qqqqzz\"", column: 1, length: 6),
        QueryErrorCase(name: "unknown entity in show, with nothing close", statement: "show 없는것",
                  message: "no entity '없는것': search the labels with ?e label ?l, ?l contains \"없는것\"", column: 6, length: 3),
        QueryErrorCase(name: "unknown quoted entity: the search hint escapes its quote and backslash", statement: "?a won 'x\"y\\\\z'",
                  message: "no entity 'x\"y\\z': search the labels with ?e label ?l, ?l contains \"x\\\"y\\\\z\"", column: 8, length: 8),
        QueryErrorCase(name: "unknown entity at the end of a path", statement: "path 인촌 to 대구",
                  message: "no entity '인촌' — did you mean 인천광역시?", column: 6, length: 2),
        QueryErrorCase(name: "unknown entity in explain", statement: "explain 인촌 won ?a",
                  message: "no entity '인촌' — did you mean 인천광역시?", column: 9, length: 2),
        QueryErrorCase(name: "ambiguous name lists every candidate with its type", statement: "show 진흥원",
                  message: "'진흥원' names 2 entities: 한국안광학산업진흥원 (koia, Agency); 정보통신산업진흥원 (nipa, Agency) — use an id",
                  column: 6, length: 3, ambiguousGraph: true),
        QueryErrorCase(name: "ambiguous name in a pattern", statement: "진흥원 operates ?c",
                  message: "'진흥원' names 2 entities: 한국안광학산업진흥원 (koia, Agency); 정보통신산업진흥원 (nipa, Agency) — use an id",
                  column: 1, length: 3, ambiguousGraph: true),
        QueryErrorCase(name: "unknown predicate, with a suggestion", statement: "?a wonn ?b",
                  message: "unknown predicate 'wonn' — did you mean 'won'?", column: 4, length: 4),
        QueryErrorCase(name: "unknown predicate in why", statement: "why ?a wonn ?b",
                  message: "unknown predicate 'wonn' — did you mean 'won'?", column: 8, length: 4),
        QueryErrorCase(name: "unknown type, with a suggestion", statement: "?a type Agencyy",
                  message: "unknown type 'Agencyy' — did you mean 'Agency'?", column: 9, length: 7),
        QueryErrorCase(name: "type given a literal", statement: "?a type 2023",
                  message: "'type' takes a type name such as Agency, not a literal", column: 9, length: 4),
        QueryErrorCase(name: "unknown type in a type test", statement: "?a is Agencyy",
                  message: "unknown type 'Agencyy' — did you mean 'Agency'?", column: 7, length: 7),
        QueryErrorCase(name: "unknown type in a negated type test with alternatives", statement: "?a is not Program|Agencyy",
                  message: "unknown type 'Agencyy' — did you mean 'Agency'?", column: 19, length: 7),

        // Variables, columns, aggregates.
        QueryErrorCase(name: "find names a variable the pattern lacks", statement: "find ?x where ?a won ?b",
                  message: "?x does not appear in the pattern (its variables: ?a, ?b)", column: 6, length: 2),
        QueryErrorCase(name: "group by a variable the pattern lacks", statement: "find count(?a) where ?a won ?b group by ?c",
                  message: "?c does not appear in the pattern (its variables: ?a, ?b)", column: 41, length: 2),
        QueryErrorCase(name: "order by a variable that is not a column", statement: "?a won ?b order by ?c",
                  message: "cannot order by '?c': it is not a column of the result (columns: ?a, ?b)", column: 20, length: 2),
        QueryErrorCase(name: "order by a variable that is not a column lists aliases as written", statement: "find ?o, count(?a) as n where ?a awardedTo ?o group by ?o order by ?z",
                  message: "cannot order by '?z': it is not a column of the result (columns: ?o, n)", column: 68, length: 2),
        QueryErrorCase(name: "order by a variable that is not a column lists an unnamed aggregate as written", statement: "find ?o, count(?a) where ?a awardedTo ?o group by ?o order by ?z",
                  message: "cannot order by '?z': it is not a column of the result (columns: ?o, count(?a))", column: 63, length: 2),
        QueryErrorCase(name: "aggregate over a variable the pattern lacks", statement: "find count(?z) as n where ?a won ?_",
                  message: "?z does not appear in the pattern (its variables: ?a)", column: 6, length: 9),
        QueryErrorCase(name: "find names a variable where the pattern has none", statement: "find ?x where 대구 operates ?_",
                  message: "?x does not appear in the pattern (it names no variable)", column: 6, length: 2),
        QueryErrorCase(name: "filter over a variable no pattern binds", statement: "?a won ?b, ?c != 인천시",
                  message: "?c does not appear in the pattern: a filter can only test variables a pattern binds", column: 12, length: 2),
        QueryErrorCase(name: "type test over a variable no pattern binds", statement: "find ?x where ?x is Agency",
                  message: "?x does not appear in the pattern: a type test can only test variables a pattern binds", column: 15, length: 2),
        QueryErrorCase(name: "negated type test over a variable no pattern binds", statement: "?a won ?b, ?c is not Agency|Program",
                  message: "?c does not appear in the pattern: a type test can only test variables a pattern binds", column: 12, length: 2),
        QueryErrorCase(name: "variable neither grouped nor aggregated", statement: "find ?a, count(?b) where ?a won ?b",
                  message: "?a is neither grouped nor aggregated: add 'group by ?a' or wrap it in an aggregate", column: 6, length: 2),

        // Rules.
        QueryErrorCase(name: "unknown rule", statement: "find ?x where foo(?x)",
                  message: "unknown rule 'foo' (rules: awarded, sibling)", column: 15, length: 7),
        QueryErrorCase(name: "unknown rule with no rule defined: how to define one", statement: "find ?x where foo(?x)",
                  message: "unknown rule 'foo': define it first, as in 'rule foo(?x) :- ?x won ?a'", column: 15, length: 7, noRules: true),
        QueryErrorCase(name: "misspelt rule, with a suggestion", statement: "find ?x where awardd(?x)",
                  message: "unknown rule 'awardd' — did you mean 'awarded'?", column: 15, length: 10),
        QueryErrorCase(name: "rule called with too few arguments", statement: "find ?x where sibling(?x)",
                  message: "rule 'sibling' takes 2 arguments, not 1", column: 15, length: 11),
        QueryErrorCase(name: "rule called with too many arguments", statement: "find ?x where awarded(?x, ?y)",
                  message: "rule 'awarded' takes 1 argument, not 2", column: 15, length: 15),
        QueryErrorCase(name: "rule inside a longer path", statement: "?x operates/sibling ?y",
                  message: "rule 'sibling' cannot be part of a path: call it on its own, as sibling(?a, ?b)", column: 13, length: 7),
        QueryErrorCase(name: "one-parameter rule used as a predicate", statement: "?x awarded ?y",
                  message: "rule 'awarded' takes 1 argument: call it as awarded(…)", column: 4, length: 7),
        QueryErrorCase(name: "rule that depends on its own negation", statement: "rule bad(?x) :- ?x type Agency, not { bad(?x) }",
                  message: "rules cannot be stratified: 'bad' depends on the negation of itself — negation may only use rules defined without it",
                  column: 6, length: 3),
        QueryErrorCase(name: "rule head variable not in the body", statement: "rule r(?a, ?b) :- ?a won ?c",
                  message: "?b in the head of r must appear in a positive pattern of its body", column: 12, length: 2),
        QueryErrorCase(name: "rule head variable only under not", statement: "rule r(?b) :- ?a type Agency, not { ?a won ?b }",
                  message: "?b in the head of r must appear in a positive pattern of its body", column: 8, length: 2),
        QueryErrorCase(name: "rule named like a predicate", statement: "rule won(?a, ?b) :- ?a won ?b",
                  message: "'won' is already a predicate; give the rule another name", column: 6, length: 3),
        QueryErrorCase(name: "rule without a name", statement: "rule (?a) :- ?a won ?b",
                  message: "expected the rule's name, as in 'rule colleague(?a, ?b) :- …'", column: 6, length: 1),
        QueryErrorCase(name: "rule without parameters", statement: "rule r() :- ?a won ?b",
                  message: "a rule needs at least one parameter", column: 6, length: 1),
        QueryErrorCase(name: "rule parameter that is not a variable", statement: "rule r(a) :- ?a won ?b",
                  message: "expected a ?variable as a parameter of r(…), found 'a'", column: 8, length: 1),
        QueryErrorCase(name: "rule without :-", statement: "rule r(?a) ?a won ?b",
                  message: "expected ':-' between the rule's head and body, found '?a'", column: 12, length: 2),
    ]

    @Test("a mistake gets its message and a caret under the part at fault", arguments: cases)
    func error(_ c: QueryErrorCase) throws {
        let result = engine(c.ambiguousGraph ? seedWithNamesake : seedGraph, rules: c.noRules ? [] : definedRules).run(c.statement)
        guard case .failure(let failure) = result else {
            Issue.record("\(c.name): the statement succeeded")
            return
        }
        withKnownIssue(Comment(rawValue: c.knownIssue ?? "")) {
            #expect(failure.message == c.message)
        } when: { c.knownIssue != nil }
        let span = try #require(failure.span)
        #expect(span.start + 1 == c.column, "caret column")
        #expect(span.end - span.start == c.length, "caret length")
    }

    @Test("rules that cannot be stratified fail with a message naming the cycle and a caret under the rule's name", arguments: [
        (["rule bad(?x) :- ?x type Agency, not { bad(?x) }"],
         "1:6+3: rules cannot be stratified: 'bad' depends on the negation of itself — negation may only use rules defined without it"),
        (["rule q(?x) :- ?x type Agency", "rule p(?x) :- ?x type Agency, not { q(?x) }", "rule q(?x) :- p(?x)"],
         "3:6+1: rules cannot be stratified: 'p' depends on the negation of 'q', which depends on 'p' — negation may only use rules defined without it"),
    ])
    func unstratifiable(statements: [String], message: String) {
        let e = engine()
        var failures: [String] = []
        for (i, s) in statements.enumerated() {
            if case .failure(let f) = e.run(s) {
                let at = f.span.map { "\($0.start + 1)+\($0.end - $0.start)" } ?? "?"
                failures.append("\(i + 1):\(at): \(f.message)")
            }
        }
        #expect(failures == [message])
    }

    @Test("a script with several bad statements reports each one, and the good ones still run")
    func scriptReportsEveryError() {
        let script = [
            "인촌 won ?a",
            "?a won ?b, ?b year 2023",
            "?a wonn ?b",
            "rule bad(?x) :- ?x type Agency, not { bad(?x) }",
            "show 대구시",
            "find ?x where bad(?x)",
            "?a type Agencyy",
            "?p maxBudget 13억x원",
        ]
        let e = engine()
        var failures: [String] = []
        var successes = 0
        for (line, statement) in script.enumerated() {
            switch e.run(statement) {
            case .success: successes += 1
            case .failure(let f):
                let at = f.span.map { ":\($0.start + 1)" } ?? ""
                failures.append("\(line + 1)\(at): \(f.message)")
            }
        }
        #expect(successes == 2)
        #expect(failures == [
            "1:1: no entity '인촌' — did you mean 인천광역시?",
            "3:4: unknown predicate 'wonn' — did you mean 'won'?",
            "4:6: rules cannot be stratified: 'bad' depends on the negation of itself — negation may only use rules defined without it",
            "6:15: unknown rule 'bad' (rules: awarded, sibling)",
            "7:9: unknown type 'Agencyy' — did you mean 'Agency'?",
            "8:14: malformed money amount '13억x원': write it like 13억원, 2천만원 or 1,300,000,000원",
        ])
    }
}
