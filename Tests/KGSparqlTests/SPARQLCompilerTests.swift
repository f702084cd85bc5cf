import KGModel
import KGQuery
import KGSparql
import Testing

/// Query text in, SPARQL out (after the PREFIX lines): what the engine is asked, pinned.
@Suite("The algebra as SPARQL")
struct SPARQLCompilerTests {
    static func sparql(_ text: String, rules: [String] = [], oneLabelPerLanguage: Bool = false) throws -> String {
        let engine = QueryEngine(store: seedStore)
        for r in rules { _ = engine.run(r) }
        let syntax = try Parser.parse(text).get()
        let terms = TermTable(store: seedStore)
        guard case .query(let q) = try Resolver.resolve(syntax, terms: terms, rules: engine.ruleSignatures).get() else {
            throw SPARQLError(.badResults, "not a query")
        }
        var compiler = SPARQLCompiler(terms: terms, language: "ko", rules: engine.rules, oneLabelPerLanguage: oneLabelPerLanguage)
        let text = try compiler.compile(q).text
        return text.split(separator: "\n").filter { !$0.hasPrefix("PREFIX ") }.joined(separator: "\n")
    }

    static func num(_ x: String) -> String {
        "IF(DATATYPE(\(x)) IN (xsd:integer, xsd:decimal, xsd:gYear, <https://kgsh.example/dt/KRW>, xsd:int, xsd:long, xsd:double, xsd:float), xsd:decimal(STR(\(x))), 1/0)"
    }

    @Test("a pattern: the predicates' IRIs, DISTINCT for a bare pattern")
    func pattern() throws {
        #expect(try Self.sparql("?org won ?award") == """
            SELECT DISTINCT ?org ?award WHERE {
              ?org <https://kgsh.example/p/won> ?award .
            }
            """)
    }

    @Test("a numeric constant matches every numeric kind; a type its subtypes")
    func numbersAndTypes() throws {
        #expect(try Self.sparql("find ?a where ?a type Award, ?a year 2023") == """
            SELECT ?a WHERE {
              ?a rdf:type/rdfs:subClassOf* <https://kgsh.example/type/Award> .
              VALUES ?_n1 { "2023"^^<http://www.w3.org/2001/XMLSchema#integer> "2023"^^<https://kgsh.example/dt/KRW> "2023"^^<http://www.w3.org/2001/XMLSchema#decimal> "2023"^^<http://www.w3.org/2001/XMLSchema#gYear> }
              ?a <https://kgsh.example/p/year> ?_n1 .
            }
            """)
    }

    @Test("a comparison with a constant is written for the constant's kind: numbers as decimals, dates as their midnight, strings by text")
    func comparisons() throws {
        #expect(try Self.sparql("find ?p where ?p maxBudget ?b, ?b > 10억원") == """
            SELECT ?p WHERE {
              ?p <https://kgsh.example/p/maxBudget> ?b .
              FILTER(COALESCE(\(Self.num("?b")) > 1000000000, false))
            }
            """)
        #expect(try Self.sparql("find ?a where ?a publishedAt ?t, ?t >= 2022-02-10") == """
            SELECT ?a WHERE {
              ?a <https://kgsh.example/p/publishedAt> ?t .
              FILTER(COALESCE(IF(DATATYPE(?t) = xsd:date, xsd:dateTime(CONCAT(STR(?t), "T00:00:00")), IF(DATATYPE(?t) = xsd:dateTime, ?t, 1/0)) >= "2022-02-10T00:00:00"^^xsd:dateTime, false))
            }
            """)
        #expect(try Self.sparql("find ?a where ?a rankScope ?g, ?g != \"최우수\"@ko") == """
            SELECT ?a WHERE {
              ?a <https://kgsh.example/p/rankScope> ?g .
              FILTER(!COALESCE(IF(DATATYPE(?g) IN (xsd:string, rdf:langString), STR(?g), 1/0) = "최우수" && (LANG(?g) = "" || LANG(?g) = "ko"), false))
            }
            """)
    }

    @Test("group by, count, order by: ordered outside the grouping; an inverse predicate is the fact turned round")
    func grouped() throws {
        #expect(try Self.sparql("find ?o, count(?a) as n where ?a awardedTo ?o group by ?o order by n desc limit 2") == """
            SELECT ?o ?_c1 WHERE {
              { SELECT ?o (COUNT(?a) AS ?_c1) WHERE {
                  ?o <https://kgsh.example/p/won> ?a .
                }
                GROUP BY ?o }
            }
            ORDER BY DESC(\(Self.num("?_c1"))) DESC(?_c1)
            LIMIT 2
            """)
    }

    @Test("an entity column orders by its label in the session language, then any label, then its name")
    func orderedByLabel() throws {
        #expect(try Self.sparql("find ?o where ?o operates ?x order by ?o") == """
            SELECT ?o WHERE {
              { SELECT ?o WHERE {
                  ?o <https://kgsh.example/p/operates> ?x .
                } }
              OPTIONAL { SELECT ?o (SAMPLE(?_t) AS ?_l0_o) WHERE { ?o rdfs:label ?_t FILTER(LANG(?_t) = "ko") } GROUP BY ?o }
              OPTIONAL { SELECT ?o (SAMPLE(?_t) AS ?_l0_oa) WHERE { ?o rdfs:label ?_t } GROUP BY ?o }
            }
            ORDER BY ASC(\(Self.num("?o"))) ASC(COALESCE(?_l0_o, ?_l0_oa)) ASC(?o)
            """)
    }

    @Test("with one label per language (the seed graph has), a label is an optional triple per language")
    func cheapLabels() throws {
        #expect(SPARQLCompiler.oneLabelPerLanguage(in: seedStore))
        #expect(try Self.sparql("find ?o where ?o operates ?x order by ?o", oneLabelPerLanguage: true) == """
            SELECT ?o WHERE {
              { SELECT ?o WHERE {
                  ?o <https://kgsh.example/p/operates> ?x .
                } }
              OPTIONAL { ?o rdfs:label ?_l0_o FILTER(LANG(?_l0_o) = "ko") }
              OPTIONAL { ?o rdfs:label ?_l0_oo FILTER(LANG(?_l0_oo) = "en") }
              OPTIONAL { ?o rdfs:label ?_l0_ou FILTER(LANG(?_l0_ou) = "") }
              BIND(COALESCE(?_l0_oo, ?_l0_ou) AS ?_l0_oa)
            }
            ORDER BY ASC(\(Self.num("?o"))) ASC(COALESCE(?_l0_o, ?_l0_oa)) ASC(?o)
            """)
    }

    @Test("a column only an optional binds orders by its label through a key, never binding it where it is unbound")
    func orderedByOptionalLabel() throws {
        #expect(try Self.sparql("find ?a, ?c where ?a type Award, optional { ?a conferredBy ?c } order by ?c", oneLabelPerLanguage: true) == """
            SELECT ?a ?c WHERE {
              { SELECT ?a ?c WHERE {
                  ?a rdf:type/rdfs:subClassOf* <https://kgsh.example/type/Award> .
                  OPTIONAL {
                    ?a <https://kgsh.example/p/conferredBy> ?c .
                  }
                } }
              BIND(COALESCE(?c, kgsh:unbound) AS ?_l0_ck)
              OPTIONAL { ?_l0_ck rdfs:label ?_l0_c FILTER(LANG(?_l0_c) = "ko") }
              OPTIONAL { ?_l0_ck rdfs:label ?_l0_co FILTER(LANG(?_l0_co) = "en") }
              OPTIONAL { ?_l0_ck rdfs:label ?_l0_cu FILTER(LANG(?_l0_cu) = "") }
              BIND(COALESCE(?_l0_co, ?_l0_cu) AS ?_l0_ca)
            }
            ORDER BY ASC(\(Self.num("?c"))) ASC(COALESCE(?_l0_c, ?_l0_ca)) ASC(?c)
            """)
        // A text test on such a variable: the same key, in the group of the test.
        let text = try Self.sparql("find ?a where ?a type Award, optional { ?a conferredBy ?c }, ?c contains \"행정\"")
        #expect(text.contains("  BIND(COALESCE(?c, kgsh:unbound) AS ?_l0_ck)\n  OPTIONAL { SELECT ?_l0_ck (SAMPLE(?_t) AS ?_l0_c) WHERE { ?_l0_ck rdfs:label ?_t"), "\(text)")
        #expect(!text.contains("SELECT ?c "), "\(text)")
    }

    @Test("a path relates each pair once; a transitive rule is a property path")
    func paths() throws {
        #expect(try Self.sparql("find ?x where 박진영 reach ?x", rules: [
            "rule reach(?a, ?b) :- ?a partOf ?b", "rule reach(?a, ?b) :- ?a worksFor ?b", "rule reach(?a, ?c) :- reach(?a, ?b), reach(?b, ?c)",
        ]) == """
            SELECT ?x WHERE {
              { SELECT DISTINCT ?x WHERE { <https://kgsh.example/id/park-jinyoung> ((<https://kgsh.example/p/partOf>|<https://kgsh.example/p/worksFor>))+ ?x . } }
            }
            """)
    }

    @Test("a rule SPARQL cannot express is refused with the reason")
    func refused() throws {
        #expect(throws: TranslationRefusal(message: "rule 'odd' is recursive in a way SPARQL cannot express (only a chain of one-step patterns before or after the rule, or the rule twice in a row): on an endpoint, write it as a property path (p+ or p*)")) {
            try Self.sparql("find ?x where odd(?x, ?y)", rules: [
                "rule odd(?a, ?b) :- ?a partOf ?b", "rule odd(?a, ?c) :- odd(?a, ?b), ?b partOf ?x, ?x partOf ?c",
            ])
        }
    }
}
