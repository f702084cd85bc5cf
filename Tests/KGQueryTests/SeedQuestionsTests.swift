// Questions a reader would ask of the two seed articles, each asked in kgsh's query language and
// answered from Knowledge/. Every expected answer is checked against the article text
// (../shared/seeds/000_296f462231f8fdbd.txt = 프레시안 on Incheon; 001_9230505cb5ece198.txt = 아주경제 on Daegu);
// the sentence it comes from is quoted beside each case.

import Foundation
import KGFormats
import KGModel
import KGQuery
import Testing

private let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The seed graph, loaded once for every question.
private let seedGraph: FactStore = {
    switch KnowledgeFiles.load([repoRoot + "/Knowledge"], into: FactStore()) {
    case .success(let (store, _)): return store
    case .failure(let f): fatalError("Knowledge/ does not load:\n\(f.rendered)")
    }
}()

/// A value as a test reads it: an entity by its id, a literal as `Literal.description`, unbound as "".
private func text(_ id: TermID?, _ terms: TermTable) -> String {
    guard let id else { return "" }
    switch terms[id] {
    case .entity(let name): return name
    case .literal(let l): return l.description
    }
}

/// A fresh engine over the seed graph with `setup` (rule definitions) run first.
private func engine(after setup: [String] = []) -> QueryEngine {
    let engine = QueryEngine(store: seedGraph, language: "ko")
    for statement in setup {
        if case .failure(let f) = engine.run(statement) {
            Issue.record("setup statement failed: \(statement): \(f.message)")
        }
    }
    return engine
}

/// The rows of a statement's table in the order the engine returned them; a failure or another
/// kind of result comes back as one row describing it, so the expectation shows what happened.
private func orderedRows(_ statement: String, after setup: [String] = []) -> [[String]] {
    switch engine(after: setup).run(statement) {
    case .failure(let f): return [["error: \(f.message)"]]
    case .success(.table(let r)): return r.rows.map { $0.map { text($0, r.terms) } }
    case .success(let other): return [["not a table: \(other)"]]
    }
}

/// The rows of a statement's table, sorted (for questions whose answer is a set).
private func rows(_ statement: String, after setup: [String] = []) -> [[String]] {
    orderedRows(statement, after: setup).sorted { $0.lexicographicallyPrecedes($1) }
}

/// The column names of a statement's table.
private func columns(_ statement: String) -> [String] {
    guard case .success(.table(let r)) = engine().run(statement) else { return [] }
    return r.columns
}

/// One question with its statement and its exact answer.
struct SeedQuestion: Sendable, CustomTestStringConvertible {
    let question: String
    let statement: String
    let answer: [[String]]
    /// Whether the order of the rows is part of the answer (order by), else they compare as a set.
    var ordered = false
    /// Rules to define first.
    var setup: [String] = []

    var testDescription: String { question }
}

private let colleagueRule = "rule sibling(?a, ?b) :- ?o operates ?a, ?o operates ?b, ?a != ?b"
private let reachRules = [
    "rule reach(?a, ?b) :- ?a partOf ?b",
    "rule reach(?a, ?b) :- ?a worksFor ?b",
    "rule reach(?a, ?c) :- reach(?a, ?b), reach(?b, ?c)",
]
private let quietRules = [
    "rule awarded(?o) :- ?o won ?_",
    "rule quiet(?o) :- ?o type Agency, not { awarded(?o) }",
]

@Suite("Questions about the seed articles")
struct SeedQuestionsTests {
    static let questions: [SeedQuestion] = [
        // 000: "인천광역시는 행정안전부가 주관하는 '2023년 지방자치단체 혁신평가' 결과, 17개 광역지방자치단체 중 최우수기관(광역 1위)으로 선정됐다고 27일 밝혔다."
        SeedQuestion(question: "Who conferred Incheon's 2023 award? (name with a particle: 인천시는)",
                     statement: "find ?x where ?a awardedTo 인천시는, ?a year 2023, ?a conferredBy ?x",
                     answer: [["mois"]]),
        SeedQuestion(question: "What rank did Incheon get in 2023, out of how many, in which scope?",
                     statement: "find ?r, ?n, ?scope where 인천시 won ?a, ?a year 2023년, ?a rank ?r, ?a rankAmong ?n, ?a rankScope ?scope",
                     answer: [["1", "17", "광역지방자치단체"]]),
        // 000: "시는 2022년에 이어 2023년까지 2년 연속으로 최우수기관이 됐다."
        SeedQuestion(question: "In which years was Incheon a top-performing institution, oldest first? (English names)",
                     statement: "find ?y where Incheon won ?a, ?a grade \"Top-performing institution\", ?a year ?y order by ?y",
                     answer: [["2022"], ["2023"]], ordered: true),
        // 000: "2023년에는 기관의 혁신역량, 혁신성과, 국민체감도 등 3개 평가항목, 10개 세부지표를 평가했다."
        SeedQuestion(question: "How many items and indicators did the 2023 evaluation have, and which items?",
                     statement: "find ?items, ?indicators, ?l where \"2023년 지자체 혁신평가\" itemCount ?items, \"2023년 지자체 혁신평가\" indicatorCount ?indicators, \"2023년 지자체 혁신평가\" hasItem ?i, ?i label ?l, lang(?l) = \"ko\"",
                     answer: [["3", "10", "국민체감도"], ["3", "10", "기관의 혁신역량"], ["3", "10", "혁신성과"]]),
        // 001: "… 전국 243개 지방자치단체를 대상으로 기관 자율혁신, 참여와 협력, 포용적 행정, 신뢰받는 정부, 국민 체감 등 5개 항목 14개 지표에 대해 평가해 …"
        SeedQuestion(question: "How many local governments did the 2021 evaluation cover, with how many items and indicators?",
                     statement: "find ?n, ?items, ?indicators where ?e editionOf \"지자체 혁신평가\", ?e year 2021, ?e evaluatedCount ?n, ?e itemCount ?items, ?e indicatorCount ?indicators",
                     answer: [["243", "5", "14"]]),
        SeedQuestion(question: "How many items does each edition list, most first?",
                     statement: "find ?e, count(?i) as items where ?e hasItem ?i group by ?e order by items desc",
                     answer: [["eval-innovation-2021", "5"], ["eval-innovation-2023", "3"]], ordered: true),
        // 000: "이번 평가에서 시는 △이용자 중심의 공공서비스 개선 △일하는 방식 혁신 및 조직문화 개선 지표 등에서 우수한 평가를 받았다."
        SeedQuestion(question: "In which indicators did Incheon excel? (English labels)",
                     statement: "find ?l where 인천시 excelledIn ?i, ?i label ?l, lang(?l) = \"en\"",
                     answer: [["Innovation in ways of working and improvement of organizational culture"], ["User-centred public service improvement"]]),
        // 001: "더불어 대구시민원탁회의, 지역문제 해결플랫폼, 청년정책 네트워크 사업 등은 …"
        SeedQuestion(question: "Which programs does Daegu run?",
                     statement: "find ?x where 대구시 operates ?x, ?x type Program",
                     answer: [["program-citizen-roundtable"], ["program-local-problem-platform"], ["program-youth-policy-network"]]),
        // 001: "지자체 최초 ‘음성자동 받아쓰기 시스템’ 및 선제적 민원 대응을 위한 ‘민원분석예보시스템’을 운영하는 등"
        SeedQuestion(question: "Which systems does Daegu operate?",
                     statement: "find ?x where Daegu operates ?x, ?x is System",
                     answer: [["sys-complaint-forecast"], ["sys-voice-dictation"]]),
        // 001: "… 자체 개발한 ‘재난정보 스마트워크 시스템’은 일하는 방식 개선 성과로 평가단의 큰 관심을 받았다."
        SeedQuestion(question: "Which systems were highlighted in Daegu's 2021 award, and which was self-developed?",
                     statement: "find ?s, ?self where 대구광역시 won ?a, ?a highlight ?s, ?s type System, optional { ?s selfDeveloped ?self }",
                     answer: [["sys-complaint-forecast", ""], ["sys-disaster-smartwork", "true"], ["sys-voice-dictation", ""]]),
        // 001: "직원들의 혁신모임인 ‘영 솔루션’ 운영을 통한 조직문화 개선 노력에 좋은 점수를 받았다."
        SeedQuestion(question: "Which groups does Daegu run?",
                     statement: "find ?x where 대구 operates ?x, ?x type Group",
                     answer: [["group-young-solution"]]),
        // 001: "대구시는 … 광역시 중 유일하게 4년 연속 우수기관에 선정됐다고 2월 10일 밝혔다."
        SeedQuestion(question: "How many years running was Daegu named, and what was special about it?",
                     statement: "find ?n, ?d where 대구광역시 won ?a, ?a streakYears ?n, ?a distinction ?d",
                     answer: [["4", "광역시 중 유일"]]),
        // 001: "권영진 대구시장은 …"
        SeedQuestion(question: "Who is Daegu's mayor?",
                     statement: "find ?p where ?p mayorOf 대구",
                     answer: [["kwon-youngjin"]]),
        // 001: "한국안광학산업진흥원(이하 진흥원)이 운영하는 ‘대구노원안경제조 소공인특화지원센터’ … A등급을 획득했다" and
        // "올해 정부지원금에서 2천만원 추가 확보가 가능하게 됐으며"
        SeedQuestion(question: "Which centre got grade A, who operates it and what extra funding does it get?",
                     statement: "find ?c, ?op, ?f where ?a grade \"A등급\", ?a awardedTo ?c, ?c operatedBy ?op, ?a extraFunding ?f",
                     answer: [["center-nowon-eyewear", "koia", "2,000만원"]]),
        SeedQuestion(question: "What does 진흥원 (the article's own short name) operate?",
                     statement: "find ?c where 진흥원 operates ?c",
                     answer: [["center-nowon-eyewear"]]),
        // 001: "중소벤처기업부와 소상공인시장진흥공단이 실시하는 …" and "전국 31개 특화센터를 대상으로 11개 특화센터가 A등급을 받았으며"
        SeedQuestion(question: "Who ran the centre evaluation, how many centres did it cover and how many got grade A?",
                     statement: "find ?o, ?n, ?top where ?e conductedBy ?o, ?e evaluatedCount ?n, ?e topGradeCount ?top, ?e label \"2021년도 소공인특화지원센터사업 성과평가\"",
                     answer: [["msme", "31", "11"], ["semas", "31", "11"]]),
        // 001: "‘지자체 혁신평가단’과 일반 국민을 대상으로 공모한 ‘국민평가단’이 평가에 참여했다."
        SeedQuestion(question: "Which panels took part in the 2021 evaluation?",
                     statement: "find ?g where \"2021년 지자체 혁신평가\" evaluatedBy ?g",
                     answer: [["group-citizen-panel"], ["group-innovation-panel"]]),
        // 000 byline "경기인천취재본부 박진영 기자입니다." and "©'5개국어 글로벌 경제신문' 아주경제."
        SeedQuestion(question: "Who wrote which article, for which outlet?",
                     statement: "find ?art, ?p, ?outlet where ?art writtenBy ?p, ?art publishedBy ?outlet",
                     answer: [["art-incheon-2023", "park-jinyoung", "pressian"]]),
        SeedQuestion(question: "Every article with its outlet and, where the article names one, its reporter (optional)",
                     statement: "find ?art, ?outlet, ?p where ?art publishedBy ?outlet, optional { ?art writtenBy ?p }",
                     answer: [["art-daegu-2021", "ajunews", ""], ["art-incheon-2023", "pressian", "park-jinyoung"]]),
        // 000: "이 프로그램에는 최대 13억원 규모의 예산이 투입돼 50개사 내외의 실증 수요기업을 지원한다."
        SeedQuestion(question: "Which programs have a budget of at least 10억원?",
                     statement: "?p type Program, ?p maxBudget ?b, ?b >= 10억원",
                     answer: [["tryout", "13억원"]]),
        // 000: "참여 대상은 공고일 기준 7년 이내의 스타트업 … 협약 후 6개월 이내 인천으로 사업장 소재지 … 를 이전할 수 있는 스타트업이다."
        SeedQuestion(question: "TRYOUT's eligibility numbers: company age, relocation deadline and how many companies it supports",
                     statement: "find ?age, ?months, ?n where TRYOUT maxCompanyAgeYears ?age, 트라이아웃 relocationWithinMonths ?months, \"TR YOUT\" beneficiaryCount ?n",
                     answer: [["7", "6", "50"]]),
        // 000: "인천경제자유구역청과 인천테크노파크는 올해 '인천 스타트업 파크 트라이아웃(TRYOUT)'에 참여할 스타트업을 모집한다고 27일 밝혔다."
        SeedQuestion(question: "What does 인천경제청 organize? (inverse name organizes)",
                     statement: "find ?p where 인천경제청 organizes ?p",
                     answer: [["tryout"]]),
        // 000: "… 상세 내용은 인천테크노파크 및 인천스타트업파크 홈페이지 게시판에서 확인 가능하다."
        SeedQuestion(question: "Where are TRYOUT's details posted?",
                     statement: "find ?w where TRYOUT detailsAt ?w",
                     answer: [["site-incheon-startup-park"], ["site-incheon-technopark"]]),
        // Award counts: Incheon 2022 and 2023, Daegu 2021, the centre's grade A.
        SeedQuestion(question: "How many awards did each organisation win, most first, then by name?",
                     statement: "find ?o, count(?a) as n where ?a awardedTo ?o group by ?o order by n desc, ?o",
                     answer: [["incheon", "2"], ["daegu", "1"], ["center-nowon-eyewear", "1"]], ordered: true),
        SeedQuestion(question: "Which public agencies won nothing? (not { })",
                     statement: "?a type Agency, not { ?_ awardedTo ?a }",
                     answer: [["incheon-technopark"], ["koia"], ["semas"]]),
        SeedQuestion(question: "Every award with its rank where the article gives one (optional)",
                     statement: "find ?a, ?r where ?a type Award, optional { ?a rank ?r }",
                     answer: [["award-center-2021", ""], ["award-daegu-2021", ""], ["award-incheon-2022", ""], ["award-incheon-2023", "1"]]),
        // 000 '인품가족단', '혜윰', '소창균 이사'; 001 '영 솔루션'
        SeedQuestion(question: "Which groups do Incheon or Daegu run? (union)",
                     statement: "find ?x where { 인천시 operates ?x } or { 대구시 operates ?x }, ?x type Group",
                     answer: [["group-hyeyum"], ["group-inpum-family"], ["group-sochanggyun-isa"], ["group-young-solution"]]),
        // 000: "이번 평가에서 시는 … 17개 광역지방자치단체 중 최우수기관(광역 1위)으로 선정됐다"
        SeedQuestion(question: "Which award ranked among metropolitan governments? (an unquoted name as text, any language)",
                     statement: "find ?a where ?a rankScope 광역지방자치단체",
                     answer: [["award-incheon-2023"]]),
        SeedQuestion(question: "Which entity is called 대구 for short? (an unquoted alias as text)",
                     statement: "find ?x where ?x alias 대구",
                     answer: [["daegu"]]),
        SeedQuestion(question: "Which entity carries the label 대구광역시? (unquoted and quoted alike)",
                     statement: "find ?x where ?x label 대구광역시, ?x label \"대구광역시\"",
                     answer: [["daegu"]]),
        SeedQuestion(question: "What did Incheon run or win that is an award? (a parenthesised path after a bare name)",
                     statement: "find ?y where 인천 (operates|won) ?y, ?y type Award",
                     answer: [["award-incheon-2022"], ["award-incheon-2023"]]),
        SeedQuestion(question: "What is operated by Incheon? (^operates)",
                     statement: "find ?x where ?x ^operates 인천시",
                     answer: [["group-hyeyum"], ["group-inpum-family"], ["group-sochanggyun-isa"], ["program-creative-innovation-contest"], ["program-inpum"]]),
        // 001: "… 자세한 내용은 4월 중에 게시될 예정으로 진흥원 홈페이지를 통해 확인할 수 있다."
        SeedQuestion(question: "What is the website of the centre's operator? (operatedBy/website)",
                     statement: "find ?w where \"대구노원안경제조 소공인특화지원센터\" operatedBy/website ?w",
                     answer: [["site-koia"]]),
        // 000: "'인품가족단'을 구성·운영해 1:1 멘토링으로 …" and the services list in the sentence before it.
        SeedQuestion(question: "Which services reach youth through 인품, itself or through its parts? (p | (^partOf/p))",
                     statement: "find ?s where 인품 provides|(^partOf/provides) ?s",
                     answer: [["svc-daily-necessities"], ["svc-health-checkup"], ["svc-housekeeping-care"], ["svc-job-linkage"], ["svc-mentoring"]]),
        SeedQuestion(question: "What is the reporter's desk part of, at any depth? (worksFor/partOf*)",
                     statement: "find ?x where 박진영 worksFor/partOf* ?x",
                     answer: [["pressian"], ["pressian-gyeonggi-incheon-bureau"]]),
        SeedQuestion(question: "What lies below 프레시안? (partOf+)",
                     statement: "find ?x where ?x partOf+ 프레시안",
                     answer: [["pressian-gyeonggi-incheon-bureau"]]),
        SeedQuestion(question: "Which things does the body that runs 영 솔루션 also run? (a colleague rule)",
                     statement: "find ?b where sibling(group-young-solution, ?b)",
                     answer: [["program-citizen-roundtable"], ["program-local-problem-platform"], ["program-youth-policy-network"],
                              ["sys-complaint-forecast"], ["sys-voice-dictation"]],
                     setup: [colleagueRule]),
        SeedQuestion(question: "Where does 박진영 belong, transitively? (recursive rule, called as a predicate)",
                     statement: "find ?x where 박진영 reach ?x",
                     answer: [["pressian"], ["pressian-gyeonggi-incheon-bureau"]],
                     setup: reachRules),
        SeedQuestion(question: "Which agencies were never awarded? (negation of a lower-stratum rule)",
                     statement: "find ?o where quiet(?o)",
                     answer: [["incheon-technopark"], ["koia"], ["semas"]],
                     setup: quietRules),
        SeedQuestion(question: "Comparisons across numeric kinds: a Year fact matches 2023 and 2023년 alike",
                     statement: "find ?a where ?a year 2023, ?a year ?y, ?y = 2023년, ?y >= 2023.0, ?y != 2022",
                     answer: [["award-incheon-2023"], ["eval-innovation-2023"]]),
        SeedQuestion(question: "Comparisons across numeric kinds: 13억원 = 1300000000 = 1,300,000,000",
                     statement: "find ?p where ?p maxBudget 1300000000, ?p maxBudget ?b, ?b = 1,300,000,000, ?b = 13억원, ?b > 1299999999.5, ?b < 13억 1원",
                     answer: [["tryout"]]),
        SeedQuestion(question: "Numbers match across kinds after a path too: 13억원 = 1300000000",
                     statement: "find ?p where ?p maxBudget|extraFunding 1300000000",
                     answer: [["tryout"]]),
        SeedQuestion(question: "Numbers match across kinds after a closure too: 13억원 = 1300000000",
                     statement: "find ?p where ?p maxBudget+ 1300000000",
                     answer: [["tryout"]]),
        SeedQuestion(question: "Numbers match across kinds after a variable predicate too: 13억원 = 1,300,000,000",
                     statement: "find ?p, ?q where ?p ?q 1,300,000,000",
                     answer: [["tryout", "maxBudget"]]),
        SeedQuestion(question: "A Year fact matches 2023.0 after a path",
                     statement: "find ?a where ?a year|announcedDayOfMonth 2023.0",
                     answer: [["award-incheon-2023"], ["eval-innovation-2023"]]),
        SeedQuestion(question: "Which money amount lies between 2천만원 and 13억원, exclusive above?",
                     statement: "find ?a, ?f where ?a extraFunding ?f, ?f >= 2천만원, ?f < 13억원, ?f = 20000000",
                     answer: [["award-center-2021", "2,000만원"]]),
        // 001: "… 선정됐다고 2월 10일 밝혔다." / "2022-02-10 17:34"
        SeedQuestion(question: "Which award was announced in February 2022? (dates)",
                     statement: "find ?a, ?d where ?a announcedOn ?d, ?d >= 2022-02-01, ?d < 2022-03-01",
                     answer: [["award-daegu-2021", "2022-02-10"]]),
        SeedQuestion(question: "Which article was published on 2022-02-10 after noon? (a date-time against dates and a date-time)",
                     statement: "find ?art where ?art publishedAt ?t, ?t > 2022-02-10, ?t < 2022-02-11, ?t >= 2022-02-10T12:00",
                     answer: [["art-daegu-2021"]]),
        // 001: "시제품 제작 지원, 브랜드 디자인 개발 지원 등 …" and "소공인 상생제품 개발 지원, 국내외 지재권 및 규격인증 지원, 소공인 토탈 마케팅 지원"
        SeedQuestion(question: "Which of the centre's services (given or planned) are called 지원? (contains)",
                     statement: "find ?s where center-nowon-eyewear provides|plans ?s, ?s label ?l, ?l contains \"지원\"",
                     answer: [["svc-brand-design"], ["svc-ip-certification"], ["svc-joint-product-development"], ["svc-prototype-production"], ["svc-total-marketing"]]),
        SeedQuestion(question: "Which group's English name starts with S? (starts with, lang())",
                     statement: "find ?l where ?g type Group, ?g label ?l, lang(?l) = \"en\", ?l starts with \"S\"",
                     answer: [["Sochanggyun Isa"]]),
        SeedQuestion(question: "Which systems' Korean names end in 시스템? (matches)",
                     statement: "find ?s where ?s type System, ?s label ?l, ?l matches \"시스템$\"",
                     answer: [["sys-complaint-forecast"], ["sys-disaster-smartwork"], ["sys-voice-dictation"]]),
        SeedQuestion(question: "Which programs are called 사업 in Korean? (label() of an entity)",
                     statement: "find ?p where ?p type Program, label(?p) contains \"사업\"",
                     answer: [["program-center-operation-2022"], ["program-inpum"], ["program-youth-policy-network"]]),
        SeedQuestion(question: "How many awards, and how many distinct winners?",
                     statement: "find count(?o) as awards, count(distinct ?o) as winners where ?a awardedTo ?o",
                     answer: [["4", "3"]]),
        SeedQuestion(question: "Each award found twice (won or awardedTo): how many rows, how many distinct? (count(distinct *))",
                     statement: "find count(*) as rows, count(distinct *) as awards where { ?o won ?a } or { ?a awardedTo ?o }",
                     answer: [["8", "4"]]),
        // 000: "3개 평가항목, 10개 세부지표"; 001: "5개 항목 14개 지표", "11개 특화센터가 A등급", and the centre evaluation's 3 areas.
        SeedQuestion(question: "The mean of the evaluations' item, indicator and top-grade counts, 53/6 (avg rounds once to 6 places)",
                     statement: "find avg(?n) as mean, sum(?n) as total, count(?n) as n where ?e itemCount|indicatorCount|topGradeCount ?n",
                     answer: [["8.833333", "53", "6"]]),
        SeedQuestion(question: "How much money do the articles name in total: TRYOUT's budget plus the centre's extra funding (sum over money)",
                     statement: "find sum(?m) as total where ?x maxBudget|extraFunding ?m",
                     answer: [["13억 2,000만원"]]),
        SeedQuestion(question: "Average winning streak, and the smallest and largest number evaluated",
                     statement: "find avg(?s) as streak, min(?n) as fewest, max(?n) as most where { ?a streakYears ?s } or { ?e evaluatedCount ?n }",
                     answer: [["3", "31", "243"]]),
        SeedQuestion(question: "Which award years are there, newest first? (distinct)",
                     statement: "find distinct ?y where ?a type Award, ?a year ?y order by ?y desc",
                     answer: [["2023"], ["2022"], ["2021"]], ordered: true),
        SeedQuestion(question: "Awards by year (newest first) then by label; the 2nd and 3rd (order by two keys, limit, offset)",
                     statement: "find ?y, ?a where ?a type Award, ?a year ?y order by ?y desc, ?a limit 2 offset 1",
                     answer: [["2022", "award-incheon-2022"], ["2021", "award-daegu-2021"]], ordered: true),
        SeedQuestion(question: "What is the Ministry's English name? (alias 행안부)",
                     statement: "find ?l where 행안부 label ?l, lang(?l) = \"en\"",
                     answer: [["Ministry of the Interior and Safety"]]),
    ]

    @Test("a reader's question, asked in kgsh", arguments: questions)
    func question(_ q: SeedQuestion) {
        let got = q.ordered ? orderedRows(q.statement, after: q.setup) : rows(q.statement, after: q.setup)
        #expect(got == q.answer, "\(q.statement)")
    }

    @Test("a bare pattern prints every named variable; find names its columns and aggregates")
    func columnNames() {
        #expect(columns("?org won ?award, ?award year 2023") == ["org", "award"])
        #expect(columns("find ?o, count(?a) as n where ?a awardedTo ?o group by ?o") == ["o", "n"])
        #expect(columns("find count(distinct ?o) where ?a awardedTo ?o") == ["count(distinct ?o)"])
        #expect(columns("?a type Agency, not { ?_ awardedTo ?a }") == ["a"])
        // In order of first appearance, a triple's subject before its variable predicate.
        #expect(columns("?s ?p 인품가족단") == ["s", "p"])
        #expect(columns("?award year ?y, ?org won ?award") == ["award", "y", "org"])
        // With group by, a bare pattern shows the groups.
        #expect(columns("?a awardedTo ?org group by ?org") == ["org"])
        #expect(rows("?a awardedTo ?org group by ?org") == [["center-nowon-eyewear"], ["daegu"], ["incheon"]])
    }

    // 001: "대구시는 …" — 대구시 is an alias of 대구광역시.
    @Test("show resolves aliases, labels in either language and names with particles", arguments: [
        ("show 대구시", "daegu"),
        ("show Daegu Metropolitan City", "daegu"),
        ("show 인천시는", "incheon"),
        ("show 행안부의", "mois"),
        ("show \"TR YOUT\"", "tryout"),
        ("show 진흥원", "koia"),
    ])
    func show(statement: String, id: String) {
        guard case .success(.entity(let e)) = engine().run(statement) else {
            Issue.record("\(statement) did not show an entity")
            return
        }
        #expect(seedGraph.name(e) == id)
    }

    // 000: byline 박진영 → the Incheon article → the 2023 evaluation / award → 행정안전부.
    @Test("path 박진영 to 행정안전부: the two shortest connections, three steps each")
    func pathFromReporterToMinistry() {
        guard case .success(.paths(let paths, let from, let to, let maxLength)) = engine().run("path 박진영 to 행정안전부") else {
            Issue.record("path did not return paths")
            return
        }
        #expect(seedGraph.name(from) == "park-jinyoung")
        #expect(seedGraph.name(to) == "mois")
        #expect(maxLength == 6)
        let chains = paths.map { steps in
            steps.reduce(seedGraph.name(from)) { chain, step in
                let p = seedGraph.name(step.predicate)
                return chain + (step.forward ? " -\(p)-> " : " <-\(p)- ") + seedGraph.name(step.to)
            }
        }.sorted()
        #expect(chains == [
            "park-jinyoung <-writtenBy- art-incheon-2023 -about-> award-incheon-2023 -conferredBy-> mois",
            "park-jinyoung <-writtenBy- art-incheon-2023 -about-> eval-innovation-2023 -conductedBy-> mois",
        ])
    }

    @Test("path with max shorter than the connection finds none")
    func pathTooShort() {
        guard case .success(.paths(let paths, _, _, let maxLength)) = engine().run("path 박진영 to 행정안전부 max 2") else {
            Issue.record("path did not return paths")
            return
        }
        #expect(maxLength == 2)
        #expect(paths.isEmpty)
    }

    // 000: "인천광역시는 행정안전부가 주관하는 '2023년 지방자치단체 혁신평가' 결과, 17개 광역지방자치단체 중 최우수기관(광역 1위)으로 선정됐다고 27일 밝혔다."
    @Test("why gives each matched fact with its article and the quoted sentence")
    func whyIncheonWon() throws {
        guard case .success(.explanations(let explanations, let terms)) = engine().run("why 인천시 won ?a, ?a year 2023년") else {
            Issue.record("why did not explain")
            return
        }
        try #require(explanations.count == 1)
        let e = explanations[0]
        #expect(e.bindings.map { "\($0.0)=\(text($0.1, terms))" } == ["a=award-incheon-2023"])
        let facts = e.facts.map { fid -> String in
            let t = seedGraph.triples[Int(fid)]
            return "\(seedGraph.name(t.subject)) \(seedGraph.name(t.predicate)) \(text(t.object, terms))"
        }
        #expect(facts == ["incheon won award-incheon-2023", "award-incheon-2023 year 2023"])
        for fid in e.facts {
            let provenance = try #require(seedGraph.provenance(ofFact: fid).first)
            #expect(provenance.source.map { seedGraph.name($0) } == "art-incheon-2023")
            let quote = try #require(provenance.quote.map { seedGraph.quotes[Int($0)] })
            #expect(quote.contains("17개 광역지방자치단체 중 최우수기관(광역 1위)"))
        }
    }

    // 001: "대구시는 행정안전부 주관 ‘2021년 지방자치단체 혁신평가’에서 우수기관으로 선정돼 …"
    // 000: "이 프로그램에는 최대 13억원 규모의 예산이 투입돼 50개사 내외의 실증 수요기업을 지원한다."
    @Test("why lists the stored fact a number of another kind matched", arguments: [
        ("why tryout maxBudget 1300000000", [[String]](), ["tryout maxBudget 13억원"]),
        ("why tryout ?p 1,300,000,000", [["p=maxBudget"]], ["tryout maxBudget 13억원"]),
        ("why 13억원 ^maxBudget ?x", [["x=tryout"]], ["tryout maxBudget 13억원"]),
        ("why ?a year 2023.0, ?a type Award", [["a=award-incheon-2023"]], ["award-incheon-2023 year 2023", "award-incheon-2023 type Award"]),
    ])
    func whyNumericEquivalents(statement: String, bindings: [[String]], facts: [String]) throws {
        guard case .success(.explanations(let explanations, let terms)) = engine().run(statement) else {
            Issue.record("why did not explain: \(statement)")
            return
        }
        try #require(explanations.count == 1)
        let e = explanations[0]
        let shown = e.bindings.map { "\($0.0)=\(text($0.1, terms))" }
        #expect(shown == (bindings.first ?? []))
        #expect(e.facts.map { fid -> String in
            let t = seedGraph.triples[Int(fid)]
            return "\(seedGraph.name(t.subject)) \(seedGraph.name(t.predicate)) \(text(t.object, terms))"
        } == facts)
        for fid in e.facts {
            let provenance = try #require(seedGraph.provenance(ofFact: fid).first)
            #expect(provenance.source.map { seedGraph.name($0) } == "art-incheon-2023")
        }
    }

    @Test("why over an inverse predicate cites the Daegu article")
    func whyDaeguWon() throws {
        guard case .success(.explanations(let explanations, _)) = engine().run("why ?a awardedTo 대구시, ?a conferredBy 행안부") else {
            Issue.record("why did not explain")
            return
        }
        try #require(explanations.count == 1)
        #expect(explanations[0].facts.count == 2)
        for fid in explanations[0].facts {
            let provenance = try #require(seedGraph.provenance(ofFact: fid).first)
            #expect(provenance.source.map { seedGraph.name($0) } == "art-daegu-2021")
            let quote = try #require(provenance.quote.map { seedGraph.quotes[Int($0)] })
            #expect(quote.contains("우수기관으로 선정돼 광역시 중 유일하게 4년 연속"))
        }
    }

    @Test("explain: the plan's actual row counts are the rows each step and the query really give")
    func explainCounts() throws {
        let query = "?org won ?award, ?award year 2023"
        guard case .success(.plan(let printed, let root, let count)) = engine().run("explain " + query) else {
            Issue.record("explain did not return a plan")
            return
        }
        #expect(printed == query)
        #expect(count == 1)
        #expect(root.actual == 1)
        #expect(root.actual == rows(query).count)
        #expect(root.children.map(\.operation) == ["scan", "join"])
        #expect(root.children.map(\.detail) == ["?award year 2023", "?org won ?award"])
        #expect(root.children.map(\.actual) == [rows("?award year 2023").count, rows(query).count])
        #expect(root.children.map(\.actual) == [2, 1])
    }

    @Test("a rule defines a derived predicate; redefining with more clauses adds to it")
    func ruleDefinitions() {
        let e = engine()
        guard case .success(.ruleDefined(let name, let arity, let replaced)) = e.run(colleagueRule) else {
            Issue.record("rule was not defined")
            return
        }
        #expect(name == "sibling")
        #expect(arity == 2)
        #expect(!replaced)
        for r in reachRules { _ = e.run(r) }
        #expect(e.rules["reach"]?.count == 3)
    }

    @Test("a rule that cannot be stratified fails with a clear message and is not defined")
    func unstratifiableRule() {
        let e = engine(after: ["rule q(?x) :- ?x type Agency", "rule p(?x) :- ?x type Agency, not { q(?x) }"])
        guard case .failure(let f) = e.run("rule q(?x) :- p(?x)") else {
            Issue.record("a cycle through negation was accepted")
            return
        }
        #expect(f.message == "rules cannot be stratified: 'p' depends on the negation of 'q', which depends on 'p' — negation may only use rules defined without it")
        // The caret goes under the name of the rule being defined.
        #expect(f.span.map { [$0.start, $0.end] } == [5, 6])
        #expect(e.rules["q"]?.count == 1)
        // The earlier definitions still answer: no agency is outside q, so p is empty.
        guard case .success(.table(let t)) = e.run("find ?x where p(?x)") else {
            Issue.record("p no longer runs")
            return
        }
        #expect(t.rows.isEmpty)
    }
}
