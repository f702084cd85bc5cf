import Foundation
import KGModel
import Testing

// The seed graph in Knowledge/ checked fact by fact against its two source articles:
//   000 — 프레시안 (Pressian), "[인천 소식] 인천시, 지자체 혁신평가 최우수 선정 등", reporter 박진영;
//   001 — 아주경제 (Aju Business Daily), 2022-02-10 17:34, "대구시, 광역시 유일'4년 연속 우수기관'선정".
// Entities are resolved by the names a reader types (인천시, 행안부, 진흥원, TRYOUT…), so aliases are
// checked too; values are compared exactly (literal kinds included) and object sets in full.

// MARK: - Helpers (prefixed `seedGraph…` to stay clear of the other test files)

/// The entity a reader means by `name` (id, label or alias); records an issue unless exactly one.
private func seedGraphEntity(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> TermID {
    let resolution = seedStore.resolveEntity(name)
    var found: TermID?
    if case .found(let id) = resolution { found = id }
    return try #require(found, "'\(name)' should name exactly one entity, got \(resolution)", sourceLocation: sourceLocation)
}

/// The id of a schema predicate or of a built-in (`type`, `label`, `alias`).
private func seedGraphPredicate(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> TermID {
    let builtins = [seedStore.builtins.type, seedStore.builtins.label, seedStore.builtins.alias]
    var found: TermID?
    if let id = seedStore.terms.entity(name), seedStore.schema.predicates[id] != nil || builtins.contains(id) { found = id }
    return try #require(found, "'\(name)' should be a predicate", sourceLocation: sourceLocation)
}

/// The objects of `subject predicate ?` as stored (forward direction only).
private func seedGraphObjects(_ subject: String, _ predicate: String,
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [Term] {
    let s = try seedGraphEntity(subject, sourceLocation: sourceLocation)
    let p = try seedGraphPredicate(predicate, sourceLocation: sourceLocation)
    return seedStore.match(subject: s, predicate: p, object: nil).map { seedStore.terms[seedStore.triples[Int($0)].object] }
}

/// The ids of the entity objects of `subject predicate ?` (a literal object shows as `literal:…`).
private func seedGraphLinks(_ subject: String, _ predicate: String,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Set<String> {
    Set(try seedGraphObjects(subject, predicate, sourceLocation: sourceLocation).map { $0.entityName ?? "literal:\($0)" })
}

/// The literal objects of `subject predicate ?`.
private func seedGraphValues(_ subject: String, _ predicate: String,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Set<Literal> {
    Set(try seedGraphObjects(subject, predicate, sourceLocation: sourceLocation).compactMap(\.literal))
}

/// The Korean labels of the entity objects of `subject predicate ?`.
private func seedGraphKoreanNames(_ subject: String, _ predicate: String,
                                  sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Set<String> {
    let s = try seedGraphEntity(subject, sourceLocation: sourceLocation)
    let p = try seedGraphPredicate(predicate, sourceLocation: sourceLocation)
    var names = Set<String>()
    for fact in seedStore.match(subject: s, predicate: p, object: nil) {
        let object = seedStore.triples[Int(fact)].object
        for label in seedStore.literals(of: object, predicate: seedStore.builtins.label) where label.language == "ko" {
            names.insert(label.text)
        }
    }
    return names
}

/// The ids of the subjects of `? predicate object` — the inverse reading (awardedTo, operatedBy, …).
private func seedGraphSubjects(_ predicate: String, _ object: String,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Set<String> {
    let p = try seedGraphPredicate(predicate, sourceLocation: sourceLocation)
    let o = try seedGraphEntity(object, sourceLocation: sourceLocation)
    return Set(seedStore.match(subject: nil, predicate: p, object: o).map { seedStore.name(seedStore.triples[Int($0)].subject) })
}

/// The labels (or aliases) of an entity.
private func seedGraphNames(_ entity: String, aliases: Bool = false,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Set<Label> {
    let e = try seedGraphEntity(entity, sourceLocation: sourceLocation)
    return Set(seedStore.literals(of: e, predicate: aliases ? seedStore.builtins.alias : seedStore.builtins.label))
}

/// The id of the entity a reader's name resolves to (nil when it does not resolve to exactly one).
private func seedGraphResolved(_ name: String) -> String? {
    if case .found(let id) = seedStore.resolveEntity(name) { return seedStore.name(id) }
    return nil
}

/// The declared type of an entity, by name.
private func seedGraphType(_ entity: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String? {
    seedStore.type(of: try seedGraphEntity(entity, sourceLocation: sourceLocation)).map(seedStore.name)
}

private func seedGraphKo(_ text: String) -> Literal { .string(text, language: "ko") }

private func seedGraphDate(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: year, month: month, day: day)! }

/// One provenance of a fact: the article it cites and the sentence it quotes.
private struct SeedGraphCitation: Hashable {
    let article: String
    let quote: String?
}

/// Every provenance of the stored fact `subject predicate object`; records an issue if it is not stored.
private func seedGraphCitations(_ subject: String, _ predicate: String, _ object: Term,
                                sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [SeedGraphCitation] {
    let s = try seedGraphEntity(subject, sourceLocation: sourceLocation)
    let p = try seedGraphPredicate(predicate, sourceLocation: sourceLocation)
    let o = try #require(seedStore.terms.id(of: object), "no term \(object)", sourceLocation: sourceLocation)
    let fact = try #require(seedStore.factID(Triple(s, p, o)), "fact \(subject) \(predicate) \(object) is not stored",
                            sourceLocation: sourceLocation)
    return seedStore.provenance(ofFact: fact).map { provenance in
        SeedGraphCitation(article: provenance.source.map(seedStore.name) ?? "(none)",
                          quote: provenance.quote.map { seedStore.quotes[Int($0)] })
    }
}

/// The text of an article, found through its `seedFile` fact.
private func seedGraphArticleText(_ article: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
    var file: String?
    if case .string(let name, _)? = try seedGraphValues(article, "seedFile", sourceLocation: sourceLocation).first { file = name }
    let name = try #require(file, "\(article) has no seedFile", sourceLocation: sourceLocation)
    return try String(contentsOfFile: Paths.seeds + "/" + name, encoding: .utf8)
}

/// A fact, the article it must cite, and a phrase its quoted sentence must contain.
struct SeedGraphCitationCase: Sendable, CustomTestStringConvertible {
    let subject: String, predicate: String, object: Term, article: String, phrase: String
    init(_ subject: String, _ predicate: String, _ object: Term, cites article: String, quoting phrase: String) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.article = article
        self.phrase = phrase
    }
    var testDescription: String { "\(subject) \(predicate) … cites \(article)" }
}

// MARK: - Tests

@Suite("Seed graph states the articles' facts")
struct SeedGraphTests {

    // MARK: Agencies and ministries

    @Test("행정안전부 (행안부, MOIS): a ministry with Korean and English labels and aliases")
    func ministryOfInterior() throws {
        #expect(seedGraphResolved("행안부") == "mois")
        #expect(seedGraphResolved("행정안전부") == "mois")
        #expect(seedGraphResolved("MOIS") == "mois")
        #expect(seedGraphResolved("Ministry of the Interior and Safety") == "mois")
        #expect(seedGraphResolved("행안부는") == "mois")            // a trailing particle is dropped
        #expect(try seedGraphType("행안부") == "Ministry")
        #expect(try seedGraphNames("행안부") == [Label("행정안전부", language: "ko"),
                                              Label("Ministry of the Interior and Safety", language: "en")])
        #expect(try seedGraphNames("행안부", aliases: true) == [Label("행안부", language: "ko"), Label("MOIS", language: "en")])
    }

    @Test("인천경제자유구역청 (인천경제청) and 인천테크노파크: the bodies recruiting for TRYOUT")
    func incheonAgencies() throws {
        #expect(seedGraphResolved("인천경제청") == "ifez")
        #expect(seedGraphResolved("IFEZ") == "ifez")
        #expect(try seedGraphNames("인천경제청").contains(Label("인천경제자유구역청", language: "ko")))
        #expect(try seedGraphType("인천경제청") == "GovernmentBody")
        #expect(seedGraphResolved("인천테크노파크") == "incheon-technopark")
        #expect(try seedGraphType("인천테크노파크") == "Agency")
    }

    @Test("중소벤처기업부, 소상공인시장진흥공단 and 한국안광학산업진흥원 (진흥원)")
    func daeguArticleAgencies() throws {
        #expect(seedGraphResolved("중소벤처기업부") == "msme")
        #expect(try seedGraphType("중소벤처기업부") == "Ministry")
        #expect(try seedGraphNames("중소벤처기업부") == [Label("중소벤처기업부", language: "ko"),
                                                  Label("Ministry of SMEs and Startups", language: "en")])
        #expect(seedGraphResolved("소상공인시장진흥공단") == "semas")
        #expect(seedGraphResolved("semas") == "semas")
        #expect(try seedGraphType("소상공인시장진흥공단") == "Agency")
        #expect(seedGraphResolved("진흥원") == "koia")
        #expect(seedGraphResolved("진흥원이") == "koia")
        #expect(seedGraphResolved("한국안광학산업진흥원") == "koia")
        #expect(try seedGraphType("진흥원") == "Agency")
    }

    @Test("인천광역시 and 대구광역시: metropolitan governments, by every name a reader types")
    func metropolitanGovernments() throws {
        for name in ["인천시", "인천광역시", "인천", "Incheon", "INCHEON", "인천시는", "Incheon Metropolitan City"] {
            #expect(seedGraphResolved(name) == "incheon", "\(name)")
        }
        for name in ["대구시", "대구광역시", "대구", "Daegu", "대구시가", "Daegu Metropolitan City"] {
            #expect(seedGraphResolved(name) == "daegu", "\(name)")
        }
        #expect(try seedGraphNames("인천시") == [Label("인천광역시", language: "ko"), Label("Incheon Metropolitan City", language: "en")])
        #expect(try seedGraphNames("대구시") == [Label("대구광역시", language: "ko"), Label("Daegu Metropolitan City", language: "en")])
        #expect(try seedGraphType("인천시") == "MetropolitanGovernment")
        #expect(try seedGraphType("대구시") == "MetropolitanGovernment")
        let metropolitan = try #require(seedStore.terms.entity("MetropolitanGovernment"))
        let local = try #require(seedStore.terms.entity("LocalGovernment"))
        #expect(seedStore.schema.isSubtype(metropolitan, of: local))
    }

    // MARK: Innovation evaluations

    @Test("지방자치단체 혁신평가: conducted by 행안부 every year; its 2021 and 2023 editions")
    func evaluationSeries() throws {
        #expect(seedGraphResolved("지자체 혁신평가") == "eval-innovation")
        #expect(try seedGraphLinks("지자체 혁신평가", "conductedBy") == ["mois"])
        #expect(try seedGraphValues("지자체 혁신평가", "frequency") == [seedGraphKo("매년")])
        #expect(try seedGraphSubjects("editionOf", "지자체 혁신평가") == ["eval-innovation-2021", "eval-innovation-2023"])
    }

    @Test("2023 evaluation: 3 items (혁신역량, 혁신성과, 국민체감도), 10 indicators, conducted by 행안부")
    func evaluation2023() throws {
        let e = "2023년 지방자치단체 혁신평가"
        #expect(seedGraphResolved(e) == "eval-innovation-2023")
        #expect(try seedGraphType(e) == "Evaluation")
        #expect(try seedGraphLinks(e, "conductedBy") == ["mois"])
        #expect(try seedGraphLinks(e, "editionOf") == ["eval-innovation"])
        #expect(try seedGraphValues(e, "year") == [.year(2023)])
        #expect(try seedGraphValues(e, "itemCount") == [.integer(3)])
        #expect(try seedGraphValues(e, "indicatorCount") == [.integer(10)])
        #expect(try seedGraphKoreanNames(e, "hasItem") == ["기관의 혁신역량", "혁신성과", "국민체감도"])
        #expect(try seedGraphKoreanNames(e, "hasIndicator") == ["이용자 중심의 공공서비스 개선", "일하는 방식 혁신 및 조직문화 개선"])
    }

    @Test("2021 evaluation: 243 governments, 5 items, 14 indicators, two evaluation panels")
    func evaluation2021() throws {
        let e = "2021년 지자체 혁신평가"
        #expect(seedGraphResolved(e) == "eval-innovation-2021")
        #expect(try seedGraphLinks(e, "conductedBy") == ["mois"])
        #expect(try seedGraphValues(e, "year") == [.year(2021)])
        #expect(try seedGraphValues(e, "evaluatedCount") == [.integer(243)])
        #expect(try seedGraphValues(e, "itemCount") == [.integer(5)])
        #expect(try seedGraphValues(e, "indicatorCount") == [.integer(14)])
        #expect(try seedGraphKoreanNames(e, "hasItem") == ["기관 자율혁신", "참여와 협력", "포용적 행정", "신뢰받는 정부", "국민 체감"])
        #expect(try seedGraphKoreanNames(e, "evaluatedBy") == ["지자체 혁신평가단", "국민평가단"])
        #expect(try seedGraphValues("지자체 혁신평가단", "description") == [seedGraphKo("전문가로 구성된 평가단"),
                                                                     .string("panel made up of experts", language: "en")])
        #expect(try seedGraphValues("국민평가단", "description").contains(seedGraphKo("일반 국민을 대상으로 공모한 평가단")))
    }

    @Test("2021 support-centre evaluation: by 중기부 and 소진공; 31 centres, 11 A grades, 4 areas, 10 items")
    func centreEvaluation2021() throws {
        let e = "2021년도 소공인특화지원센터사업 성과평가"
        #expect(seedGraphResolved(e) == "eval-center-2021")
        #expect(try seedGraphLinks(e, "conductedBy") == ["msme", "semas"])
        #expect(try seedGraphValues(e, "year") == [.year(2021)])
        #expect(try seedGraphValues(e, "evaluatedCount") == [.integer(31)])
        #expect(try seedGraphValues(e, "topGradeCount") == [.integer(11)])
        #expect(try seedGraphValues(e, "areaCount") == [.integer(4)])
        #expect(try seedGraphValues(e, "itemCount") == [.integer(10)])
        #expect(try seedGraphKoreanNames(e, "hasArea") == ["사업성과", "사업관리", "사업 역량"])
        #expect(try seedGraphValues(e, "method") == [seedGraphKo("센터별 정량평가"), seedGraphKo("수혜기업 만족도 조사"),
                                                     seedGraphKo("외부전문가 정성평가")])
    }

    // MARK: Awards and grades

    @Test("Incheon: 2023 최우수기관, rank 1 of 17 광역지방자치단체, conferred by 행안부, 2 years running")
    func incheonAwards() throws {
        #expect(try seedGraphLinks("인천시", "won") == ["award-incheon-2023", "award-incheon-2022"])
        #expect(try seedGraphSubjects("won", "award-incheon-2023") == ["incheon"])  // read as awardedTo
        let a = "award-incheon-2023"
        #expect(try seedGraphLinks(a, "conferredBy") == ["mois"])
        #expect(try seedGraphLinks(a, "fromEvaluation") == ["eval-innovation-2023"])
        #expect(try seedGraphKoreanNames(a, "grade") == ["최우수기관"])
        #expect(try seedGraphValues(a, "year") == [.year(2023)])
        #expect(try seedGraphValues(a, "rank") == [.integer(1)])
        #expect(try seedGraphValues(a, "rankAmong") == [.integer(17)])
        #expect(try seedGraphValues(a, "rankScope") == [seedGraphKo("광역지방자치단체")])
        #expect(try seedGraphValues(a, "streakYears") == [.integer(2)])
        #expect(try seedGraphValues("award-incheon-2022", "year") == [.year(2022)])
        #expect(try seedGraphKoreanNames("award-incheon-2022", "grade") == ["최우수기관"])
    }

    @Test("Daegu: 2021 우수기관 from 행안부, 4 years running, the only metropolitan city; 표창 and 인센티브")
    func daeguAward() throws {
        #expect(try seedGraphLinks("대구시", "won") == ["award-daegu-2021"])
        let a = "award-daegu-2021"
        #expect(try seedGraphLinks(a, "conferredBy") == ["mois"])
        #expect(try seedGraphLinks(a, "fromEvaluation") == ["eval-innovation-2021"])
        #expect(try seedGraphKoreanNames(a, "grade") == ["우수기관"])
        #expect(try seedGraphValues(a, "year") == [.year(2021)])
        #expect(try seedGraphValues(a, "streakYears") == [.integer(4)])
        #expect(try seedGraphValues(a, "distinction") == [seedGraphKo("광역시 중 유일")])
        #expect(try seedGraphValues(a, "benefit") == [seedGraphKo("기관 표창"), seedGraphKo("재정 인센티브")])
    }

    @Test("The eyewear centre: A등급 (최우수) in 2021 from 중기부 and 소진공, worth 2천만원 more")
    func centreAward() throws {
        let centre = "대구노원안경제조 소공인특화지원센터"
        #expect(seedGraphResolved(centre) == "center-nowon-eyewear")
        #expect(try seedGraphType(centre) == "Center")
        #expect(try seedGraphLinks(centre, "won") == ["award-center-2021"])
        let a = "award-center-2021"
        #expect(try seedGraphKoreanNames(a, "grade") == ["A등급"])
        #expect(try seedGraphValues("grade-a", "description") == [seedGraphKo("최우수")])
        #expect(try seedGraphLinks(a, "conferredBy") == ["msme", "semas"])
        #expect(try seedGraphLinks(a, "fromEvaluation") == ["eval-center-2021"])
        #expect(try seedGraphValues(a, "year") == [.year(2021)])
        #expect(try seedGraphValues(a, "extraFunding") == [.money(20_000_000)])
    }

    // MARK: Programs, systems, groups, services

    @Test("인(仁)품 자립준비청년 지원 사업: Incheon's highlighted case; its services and 인품가족단")
    func inpumProgram() throws {
        #expect(seedGraphResolved("인품") == "program-inpum")
        #expect(seedGraphResolved("인(仁)품 자립준비청년 지원 사업") == "program-inpum")
        #expect(try seedGraphLinks("award-incheon-2023", "highlight") == ["program-inpum"])
        #expect(try seedGraphSubjects("operates", "인품") == ["incheon"])
        #expect(try seedGraphValues("인품", "beneficiary") == [seedGraphKo("자립준비청년")])
        #expect(try seedGraphKoreanNames("인품", "provides") == ["건강검진", "가사돌봄서비스", "생활물품 지원", "일자리 연계"])
        #expect(try seedGraphLinks("인품가족단", "partOf") == ["program-inpum"])
        #expect(try seedGraphKoreanNames("인품가족단", "provides") == ["1:1 멘토링"])
        #expect(try seedGraphKoreanNames("인천시", "excelledIn") == ["이용자 중심의 공공서비스 개선", "일하는 방식 혁신 및 조직문화 개선"])
    }

    @Test("Incheon runs 창조혁신 개발대회, 혜윰 (정책연구모임) and 소창균 이사 (조직문화 혁신모임)")
    func incheonOperates() throws {
        #expect(try seedGraphLinks("인천시", "operates") == ["program-inpum", "group-inpum-family", "program-creative-innovation-contest",
                                                         "group-hyeyum", "group-sochanggyun-isa"])
        #expect(try seedGraphValues("혜윰", "description") == [seedGraphKo("정책연구모임"), .string("policy study group", language: "en")])
        #expect(try seedGraphValues("소창균 이사", "description").contains(seedGraphKo("전 세대를 아우르는 조직문화 혁신모임")))
        #expect(try seedGraphValues("공직자 창조혁신 개발대회", "purpose").contains(seedGraphKo("공직자들의 혁신적인 아이디어 발굴")))
    }

    @Test("TRYOUT: run by 인천경제청 and 인천테크노파크, up to 13억원, about 50 companies")
    func tryout() throws {
        for name in ["TRYOUT", "tryout", "TR YOUT", "트라이아웃", "인천 스타트업 파크 트라이아웃", "Incheon Startup Park TRYOUT"] {
            #expect(seedGraphResolved(name) == "tryout", "\(name)")
        }
        #expect(try seedGraphType("TRYOUT") == "Program")
        #expect(try seedGraphLinks("TRYOUT", "organizedBy") == ["ifez", "incheon-technopark"])
        #expect(try seedGraphSubjects("organizedBy", "인천경제청") == ["tryout"])
        #expect(try seedGraphLinks("TRYOUT", "programOf") == ["incheon-startup-park"])
        #expect(try seedGraphValues("TRYOUT", "maxBudget") == [.money(1_300_000_000)])
        #expect(Literal.money(1_300_000_000).numericKey == Literal.integer(1_300_000_000).numericKey)
        #expect(try seedGraphValues("TRYOUT", "beneficiaryCount") == [.integer(50)])
        #expect(try seedGraphValues("TRYOUT", "beneficiary") == [seedGraphKo("스타트업"), seedGraphKo("실증 수요기업")])
        #expect(try seedGraphKoreanNames("TRYOUT", "provides") == ["실증자원 제공"])
    }

    @Test("TRYOUT eligibility: startups of at most 7 years, relocating to Incheon within 6 months; details online")
    func tryoutEligibility() throws {
        #expect(try seedGraphValues("TRYOUT", "maxCompanyAgeYears") == [.integer(7)])
        #expect(try seedGraphValues("TRYOUT", "relocationWithinMonths") == [.integer(6)])
        #expect(try seedGraphValues("TRYOUT", "field") == [seedGraphKo("4차 산업혁명 기술 기반 스마트시티·바이오 융합")])
        #expect(try seedGraphValues("TRYOUT", "eligibility").contains(seedGraphKo("공고일 기준 7년 이내의 스타트업")))
        #expect(try seedGraphKoreanNames("TRYOUT", "detailsAt") == ["인천테크노파크 홈페이지", "인천스타트업파크 홈페이지"])
        #expect(try seedGraphLinks("인천스타트업파크", "website") == ["site-incheon-startup-park"])
        #expect(try seedGraphLinks("인천테크노파크", "website") == ["site-incheon-technopark"])
    }

    @Test("Daegu's systems, 영 솔루션 and participation programs, highlighted in its 2021 award")
    func daeguSystems() throws {
        #expect(try seedGraphKoreanNames("award-daegu-2021", "highlight") == [
            "음성자동 받아쓰기 시스템", "민원분석예보시스템", "영 솔루션", "재난정보 스마트워크 시스템",
            "대구시민원탁회의", "지역문제 해결플랫폼", "청년정책 네트워크 사업"])
        #expect(try seedGraphKoreanNames("대구시", "operates").isSuperset(of: [
            "음성자동 받아쓰기 시스템", "민원분석예보시스템", "영 솔루션", "대구시민원탁회의", "지역문제 해결플랫폼", "청년정책 네트워크 사업"]))
        #expect(try seedGraphValues("음성자동 받아쓰기 시스템", "firstAmongLocalGovernments") == [.boolean(true)])
        #expect(try seedGraphValues("재난정보 스마트워크 시스템", "selfDeveloped") == [.boolean(true)])
        #expect(try seedGraphValues("민원분석예보시스템", "purpose") == [seedGraphKo("선제적 민원 대응")])
        #expect(try seedGraphValues("영 솔루션", "description") == [seedGraphKo("직원들의 혁신모임")])
        #expect(try seedGraphValues("대구시", "direction") == [seedGraphKo("시정혁신"), seedGraphKo("산업구조혁신"), seedGraphKo("공간혁신")])
        #expect(try seedGraphKoreanNames("대구시", "excelledIn") == ["조직문화 혁신", "주민참여 확대 및 정책화"])
    }

    @Test("The eyewear centre is operated by 진흥원; its services, plans and where 2022 details appear")
    func eyewearCentre() throws {
        let centre = "노원안경제조 소공인특화지원센터"
        #expect(try seedGraphSubjects("operates", centre) == ["koia"])
        #expect(try seedGraphLinks("진흥원", "operates") == ["center-nowon-eyewear"])
        #expect(try seedGraphKoreanNames(centre, "provides") == ["소공인 특화 교육", "소공인 상생제품 개발 지원", "국내외 지재권 및 규격인증 지원",
                                                             "소공인 토탈 마케팅 지원", "소공인 집적지 편람 제작 사업"])
        #expect(try seedGraphKoreanNames(centre, "plans") == ["시제품 제작 지원", "브랜드 디자인 개발 지원"])
        #expect(try seedGraphLinks("진흥원", "website") == ["site-koia"])
        #expect(try seedGraphLinks("2022년 소공인특화지원센터 운영사업", "detailsAt") == ["site-koia"])
        #expect(try seedGraphValues("2022년 소공인특화지원센터 운영사업", "year") == [.year(2022)])
    }

    // MARK: People and roles

    @Test("권영진 is mayor of 대구광역시 and said what the article quotes")
    func mayorKwon() throws {
        #expect(seedGraphResolved("권영진") == "kwon-youngjin")
        #expect(seedGraphResolved("권영진은") == "kwon-youngjin")
        #expect(try seedGraphType("권영진") == "Person")
        #expect(try seedGraphLinks("권영진", "mayorOf") == ["daegu"])
        #expect(try seedGraphSubjects("mayorOf", "대구광역시") == ["kwon-youngjin"])
        #expect(try seedGraphValues("권영진", "role") == [seedGraphKo("대구시장")])
        #expect(try seedGraphValues("권영진", "said") == [seedGraphKo(
            "지금까지 대구가 보여준 혁신의 성과를 바탕으로 대구만의 참신한 정책, 현장 중심의 정책을 발굴해 시민들을 위한 든든한 대구를 만들 수 있도록 끊임없이 노력하겠다")])
    }

    @Test("박진영, a reporter of Pressian's 경기인천취재본부, wrote the Incheon article; the Daegu article names no reporter")
    func reporterPark() throws {
        #expect(seedGraphResolved("박진영") == "park-jinyoung")
        #expect(try seedGraphLinks("art-incheon-2023", "writtenBy") == ["park-jinyoung"])
        #expect(try seedGraphSubjects("writtenBy", "박진영") == ["art-incheon-2023"])   // read as `wrote`
        #expect(try seedGraphValues("박진영", "role") == [seedGraphKo("기자")])
        #expect(try seedGraphKoreanNames("박진영", "worksFor") == ["경기인천취재본부"])
        #expect(try seedGraphLinks("경기인천취재본부", "partOf") == ["pressian"])
        #expect(try seedGraphLinks("art-daegu-2021", "writtenBy") == [])
    }

    // MARK: Outlets and articles

    @Test("Outlets: 프레시안 (Pressian) and 아주경제 (Aju Business Daily, '5개국어 글로벌 경제신문')")
    func outlets() throws {
        #expect(try seedGraphLinks("art-incheon-2023", "publishedBy") == ["pressian"])
        #expect(try seedGraphNames("프레시안") == [Label("프레시안", language: "ko"), Label("Pressian", language: "en")])
        #expect(try seedGraphType("Pressian") == "Outlet")
        #expect(try seedGraphLinks("art-daegu-2021", "publishedBy") == ["ajunews"])
        #expect(try seedGraphNames("아주경제") == [Label("아주경제", language: "ko"), Label("Aju Business Daily", language: "en")])
        #expect(try seedGraphValues("아주경제", "tagline") == [seedGraphKo("5개국어 글로벌 경제신문")])
    }

    @Test("Articles: titles and subtitles, each resolvable by its Korean title")
    func articles() throws {
        #expect(seedGraphResolved("[인천 소식] 인천시, 지자체 혁신평가 최우수 선정 등") == "art-incheon-2023")
        #expect(seedGraphResolved("대구시, 광역시 유일'4년 연속 우수기관'선정") == "art-daegu-2021")
        #expect(try seedGraphValues("art-incheon-2023", "title") == [seedGraphKo("[인천 소식] 인천시, 지자체 혁신평가 최우수 선정 등")])
        #expect(try seedGraphValues("art-incheon-2023", "subtitle") == [
            seedGraphKo("행안부 '2023년 지방자치단체 혁신평가' 결과 17개 시·도 1위"),
            seedGraphKo("인천스타트업파크 'TR YOUT' 참여 스타트업 모집")])
        #expect(try seedGraphValues("art-daegu-2021", "subtitle") == [
            seedGraphKo("2021년 지방자치단체 혁신평가… 행정혁신 노력 선정"),
            seedGraphKo("대구노원안경제조 소공인특화지원센터, 최우수인 A등급 획득")])
        #expect(try seedGraphValues("art-incheon-2023", "seedFile") == [.string("000_296f462231f8fdbd.txt", language: nil)])
        #expect(try seedGraphValues("art-daegu-2021", "seedFile") == [.string("001_9230505cb5ece198.txt", language: nil)])
    }

    // MARK: Dates

    @Test("Daegu: published 2022-02-10T17:34, announced 2022-02-10; Incheon: only '27일', a day of month")
    func dates() throws {
        let published = try #require(DateTime(date: seedGraphDate(2022, 2, 10), hour: 17, minute: 34, second: nil, offsetMinutes: nil))
        #expect(try seedGraphValues("art-daegu-2021", "publishedAt") == [.dateTime(published)])
        #expect(try seedGraphValues("award-daegu-2021", "announcedOn") == [.date(seedGraphDate(2022, 2, 10))])
        #expect(try seedGraphValues("art-incheon-2023", "publishedAt") == [])
        #expect(try seedGraphValues("award-incheon-2023", "announcedDayOfMonth") == [.integer(27)])
        #expect(try seedGraphValues("award-incheon-2023", "announcedOn") == [])
        #expect(try seedGraphValues("TRYOUT", "announcedDayOfMonth") == [.integer(27)])
        #expect(try seedGraphValues("TRYOUT", "announcedOn") == [])
    }

    // MARK: Provenance

    static let citationCases: [SeedGraphCitationCase] = [
        .init("incheon", "won", .entity("award-incheon-2023"), cites: "art-incheon-2023", quoting: "17개 광역지방자치단체 중 최우수기관(광역 1위)"),
        .init("award-incheon-2023", "streakYears", .literal(.integer(2)), cites: "art-incheon-2023", quoting: "2년 연속으로 최우수기관"),
        .init("eval-innovation-2023", "indicatorCount", .literal(.integer(10)), cites: "art-incheon-2023", quoting: "3개 평가항목, 10개 세부지표"),
        .init("tryout", "maxBudget", .literal(.money(1_300_000_000)), cites: "art-incheon-2023", quoting: "최대 13억원 규모의 예산"),
        .init("tryout", "organizedBy", .entity("ifez"), cites: "art-incheon-2023", quoting: "인천경제자유구역청과 인천테크노파크는"),
        .init("art-incheon-2023", "writtenBy", .entity("park-jinyoung"), cites: "art-incheon-2023", quoting: "박진영 기자입니다"),
        .init("eval-innovation-2021", "evaluatedCount", .literal(.integer(243)), cites: "art-daegu-2021", quoting: "전국 243개 지방자치단체"),
        .init("award-daegu-2021", "announcedOn", .literal(.date(seedGraphDate(2022, 2, 10))), cites: "art-daegu-2021", quoting: "2월 10일 밝혔다"),
        .init("kwon-youngjin", "mayorOf", .entity("daegu"), cites: "art-daegu-2021", quoting: "권영진 대구시장은"),
        .init("koia", "operates", .entity("center-nowon-eyewear"), cites: "art-daegu-2021", quoting: "한국안광학산업진흥원(이하 진흥원)이 운영하는"),
        .init("award-center-2021", "extraFunding", .literal(.money(20_000_000)), cites: "art-daegu-2021", quoting: "2천만원 추가 확보"),
        .init("art-daegu-2021", "publishedBy", .entity("ajunews"), cites: "art-daegu-2021", quoting: "아주경제"),
    ]

    @Test("A fact cites its article and quotes, verbatim, the sentence that states it", arguments: citationCases)
    func citation(_ c: SeedGraphCitationCase) throws {
        let citations = try seedGraphCitations(c.subject, c.predicate, c.object)
        #expect(!citations.isEmpty)
        #expect(Set(citations.map(\.article)) == [c.article])
        let quoting = citations.compactMap(\.quote).filter { $0.contains(c.phrase) }
        #expect(!quoting.isEmpty, "no quote of \(c.subject) \(c.predicate) contains “\(c.phrase)”: \(citations)")
        let text = try seedGraphArticleText(c.article)
        for quote in quoting { #expect(text.contains(quote), "quote not verbatim in \(c.article): \(quote)") }
    }

    @Test("A fact both articles state cites both; a fact stated twice in one article keeps both sentences")
    func sharedAndRepeatedCitations() throws {
        let shared = try seedGraphCitations("지자체 혁신평가", "conductedBy", .entity("mois"))
        #expect(Set(shared.map(\.article)) == ["art-incheon-2023", "art-daegu-2021"])
        #expect(shared.compactMap(\.quote).contains { $0.hasPrefix("행안부는") && $0.contains("매년 전국 지자체") })
        #expect(shared.compactMap(\.quote).contains { $0.contains("전국 243개 지방자치단체") })
        let streak = try seedGraphCitations("award-daegu-2021", "streakYears", .literal(.integer(4)))
        #expect(Set(streak.map(\.article)) == ["art-daegu-2021"])
        #expect(streak.count == 2 && streak.allSatisfy { $0.quote?.contains("4년 연속 우수기관") == true })
    }
}
