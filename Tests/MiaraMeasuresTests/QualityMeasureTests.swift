import Foundation
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest
@testable import MiaraMeasures

/// Q01–Q11 run through the engine on small fixtures; expected values are worked by hand.
final class QualityMeasureTests: XCTestCase {
    private static let cat = Result {
        try MeasureCatalogue.load(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Pipelines/measures.yaml"))
    }
    private let ta = "2464011", tb = "2461011", tc = "1234567", pr = "KRS:0000000001"

    private func run(_ fx: FixtureStore, _ code: String, period: String = "2024Q1",
                     standard: Standard = Standard(criteria: [], floorAreaPerPlace: [:])) throws -> [MeasureRow] {
        let def = try XCTUnwrap(Self.cat.get().definition(MeasureCode(code)))
        return try fx.measures { try MeasureEngine.compute($0, catalogue: MeasureCatalogue(definitions: [def]),
                                         periods: [Period(period)!], asOf: Day(iso: "2024-12-31")!, standard: standard) }
    }

    private func find(_ rows: [MeasureRow], _ grain: Grain, _ unit: String, _ dim: String = "",
                      file: StaticString = #filePath, line: UInt = #line) throws -> MeasureRow {
        let f = rows.filter { $0.grain == grain && $0.unitID == unit && $0.dimension == dim }
        XCTAssertEqual(f.count, 1, "\(grain) \(unit) [\(dim)]", file: file, line: line)
        return try XCTUnwrap(f.first, file: file, line: line)
    }

    private func check(_ r: MeasureRow, _ value: Double?, n: Int? = nil, num: Double? = nil, den: Double? = nil,
                       file: StaticString = #filePath, line: UInt = #line) {
        if let value {
            XCTAssertEqual(r.value ?? .nan, value, accuracy: 1e-9, "\(r.measure) \(r.grain) \(r.unitID) [\(r.dimension)]", file: file, line: line)
        } else {
            XCTAssertNil(r.value, "\(r.measure) \(r.grain) \(r.unitID) [\(r.dimension)]", file: file, line: line)
            XCTAssertTrue(r.flags.contains(.no_denominator), file: file, line: line)
        }
        if let n { XCTAssertEqual(r.n, n, file: file, line: line) }
        if let num { XCTAssertEqual(r.numerator ?? .nan, num, accuracy: 1e-9, file: file, line: line) }
        if let den { XCTAssertEqual(r.denominator ?? .nan, den, accuracy: 1e-9, file: file, line: line) }
    }

    /// The items of a map, as survey ingestion stores them: pooled for the group and per
    /// questionnaire (`ankieta` is the fixture's default questionnaire).
    private func surveyItems(_ fx: FixtureStore, _ group: String, _ items: [(String, String)],
                             questionnaire: String = "ankieta") throws {
        for (item, dim) in items {
            try fx.db.execute("INSERT OR IGNORE INTO survey_items (survey_group, item, dimension, questionnaire) VALUES (?, ?, ?, ?)",
                              [.text(group), .text(item), .text(dim), .text(questionnaire)])
            try fx.db.execute("INSERT INTO questionnaire_items (questionnaire, survey_group, item, dimension) VALUES (?, ?, ?, ?)",
                              [.text(questionnaire), .text(group), .text(item), .text(dim)])
        }
    }

    /// Municipalities A, B; provider P; F1 shelter in A, F2 soup kitchen in B, both of P.
    /// `users` items: U01, U02 (staff), U03, U04 (safety).
    /// R1 F1: 5,4 | 2,3   staff 4.5 (9 ≥ 8: top), safety 2.5, overall 14/4 = 3.5 (14 < 16)
    /// R2 F1: 3 only      staff 1 of 2 answered (2 ≥ 2) → 3; overall 1 of 4 (2 < 4) → left out
    /// R3 B (municipality unit): 4,4 | 5   staff 4 (8 ≥ 8: top), safety 1 of 2 → 5 (top),
    ///                    overall 13/3 (3 × 2 ≥ 4; 13 ≥ 12: top)
    /// R4 P (provider unit): 1,2 | 1,2     staff 1.5, safety 1.5, overall 1.5
    /// R5 F1 dated in April: outside 2024Q1.
    private func usersFixture() throws -> FixtureStore {
        let fx = try FixtureStore()
        try fx.municipality(ta, population: 200_000)
        try fx.municipality(tb, population: 100_000)
        try fx.provider(pr)
        try fx.facility("F1", provider: pr, teryt: ta, type: "shelter", places: 20)
        try fx.facility("F2", provider: pr, teryt: tb, type: "soup_kitchen")
        try surveyItems(fx, "users", [("U01", "staff"), ("U02", "staff"), ("U03", "safety"), ("U04", "safety")])
        try fx.surveyResponse(group: "users", unitKind: "facility", unitID: "F1", date: "2024-01-15",
                              answers: [("U01", "staff", 5), ("U02", "staff", 4), ("U03", "safety", 2), ("U04", "safety", 3)])
        try fx.surveyResponse(group: "users", unitKind: "facility", unitID: "F1", date: "2024-02-15",
                              answers: [("U01", "staff", 3)])
        try fx.surveyResponse(group: "users", unitKind: "municipality", unitID: tb, date: "2024-03-31",
                              answers: [("U01", "staff", 4), ("U02", "staff", 4), ("U03", "safety", 5)])
        try fx.surveyResponse(group: "users", unitKind: "provider", unitID: pr, date: "2024-01-01",
                              answers: [("U01", "staff", 1), ("U02", "staff", 2), ("U03", "safety", 1), ("U04", "safety", 2)])
        try fx.surveyResponse(group: "users", unitKind: "facility", unitID: "F1", date: "2024-04-01",
                              answers: [("U01", "staff", 5), ("U02", "staff", 5)])
        return fx
    }

    func testQ01SatisfactionIndexAttributionAndHalfAnsweredRule() throws {
        let rows = try run(usersFixture(), "Q01")
        // F1: staff R1 4.5 + R2 3 = 7.5 / 2; safety R1 2.5; overall R1 3.5 (R2 left out: 1 of 4 items).
        check(try find(rows, .facility, "F1", "staff"), 3.75, n: 2, num: 7.5, den: 2)
        check(try find(rows, .facility, "F1", "safety"), 2.5, n: 1)
        check(try find(rows, .facility, "F1"), 3.5, n: 1)
        check(try find(rows, .facility, "F2", "staff"), nil, n: 0, num: 0, den: 0)
        // Provider: F1's responses and R4 (provider unit): staff (4.5 + 3 + 1.5) / 3 = 3; safety (2.5 + 1.5) / 2.
        check(try find(rows, .provider, pr, "staff"), 3, n: 3, num: 9)
        check(try find(rows, .provider, pr, "safety"), 2, n: 2)
        check(try find(rows, .provider, pr), 2.5, n: 2)
        // Municipalities: A = F1; B = R3 only (R4, a provider response, has no municipality).
        check(try find(rows, .municipality, ta, "staff"), 3.75, n: 2)
        check(try find(rows, .municipality, tb, "staff"), 4, n: 1)
        check(try find(rows, .municipality, tb, "safety"), 5, n: 1)
        check(try find(rows, .municipality, tb), 13.0 / 3, n: 1)
        // all: staff (4.5 + 3 + 4 + 1.5) / 4 = 3.25; safety (2.5 + 5 + 1.5) / 3 = 3;
        // overall (3.5 + 13/3 + 1.5) / 3 = 28/9.
        let allStaff = try find(rows, .all, "all", "staff")
        check(allStaff, 3.25, n: 4, num: 13, den: 4)
        check(try find(rows, .all, "all", "safety"), 3, n: 3)
        check(try find(rows, .all, "all"), 28.0 / 9, n: 3)
        // sd of 4.5, 3, 4, 1.5 around 3.25: (1.5625 + 0.0625 + 0.5625 + 3.0625) / 3 = 1.75.
        XCTAssertEqual(allStaff.sd ?? .nan, 1.75.squareRoot(), accuracy: 1e-12)
        XCTAssertNil(try find(rows, .facility, "F1", "safety").sd, "n = 1 has no sample sd")
        XCTAssertEqual(Set(rows.map(\.dimension)), ["", "staff", "safety"])
        XCTAssertTrue(rows.allSatisfy { $0.unit == "score 1–5" && $0.facilityType.isEmpty })
    }

    func testQ02TopTwoBoxCountsSumExactlyFourTimesAnswered() throws {
        let rows = try run(usersFixture(), "Q02")
        // staff: R1 (9 ≥ 8) and R3 (8 ≥ 8, exactly) of R1–R4 → 2/4; safety: R3 of R1, R3, R4 → 1/3;
        // overall: R3 (13 ≥ 12) of R1, R3, R4 → 1/3.
        check(try find(rows, .all, "all", "staff"), 0.5, n: 4, num: 2, den: 4)
        check(try find(rows, .all, "all", "safety"), 1.0 / 3, n: 3, num: 1, den: 3)
        check(try find(rows, .all, "all"), 1.0 / 3, n: 3)
        // F1 staff: R1 top, R2 (3) not → 1/2.
        check(try find(rows, .facility, "F1", "staff"), 0.5, n: 2)
        check(try find(rows, .municipality, tb, "staff"), 1, n: 1)
    }

    func testQ03CronbachAlphaOnCompleteResponses() throws {
        let rows = try run(usersFixture(), "Q03")
        XCTAssertEqual(rows.map(\.dimension).sorted(), ["safety", "staff"], "per dimension only, grain all")
        XCTAssertTrue(rows.allSatisfy { $0.grain == .all && $0.numerator == nil && $0.denominator == nil })
        // staff, complete: R1 (5,4), R3 (4,4), R4 (1,2); k = 2, n = 3.
        // var U01 {5,4,1} = 13/3; var U02 {4,4,2} = 4/3; var sums {9,8,3} = 31/3.
        // alpha = 2 · (1 − (17/3) / (31/3)) = 28/31.
        check(try find(rows, .all, "all", "staff"), 28.0 / 31, n: 3)
        // safety, complete: R1 (2,3), R4 (1,2) (R3 answered U03 only); var 1/2 each, sums {5,3} var 2.
        // alpha = 2 · (1 − 1/2) = 1.
        check(try find(rows, .all, "all", "safety"), 1, n: 2)
    }

    /// Two `users` questionnaires with different items: each response is held against its own
    /// questionnaire's items (SPEC 6, Q01: "overall = all items of the questionnaire").
    /// A: U01, U02 (staff). B: U01–U04 (staff).
    /// RA (A) answers U01 = 4: 1 × 2 ≥ 2 counts in staff and overall, mean 4 (pooled, 1 × 2 < 4
    /// would leave it out). RB (B) answers U01 = U02 = 2: 2 × 2 ≥ 4 counts, mean 2.
    /// staff and overall at all: n = 2, numerator 4 + 2 = 6, value 3.
    func testSurveyResponsesAreHeldAgainstTheirOwnQuestionnaire() throws {
        let fx = try FixtureStore()
        try fx.municipality(ta)
        try surveyItems(fx, "users", [("U01", "staff"), ("U02", "staff")], questionnaire: "A")
        try surveyItems(fx, "users", [("U01", "staff"), ("U02", "staff"), ("U03", "staff"), ("U04", "staff")], questionnaire: "B")
        try fx.surveyResponse(questionnaire: "A", group: "users", unitKind: "municipality", unitID: ta, date: "2024-02-01",
                              answers: [("U01", "staff", 4)])
        try fx.surveyResponse(questionnaire: "B", group: "users", unitKind: "municipality", unitID: ta, date: "2024-02-02",
                              answers: [("U01", "staff", 2), ("U02", "staff", 2)])
        let rows = try run(fx, "Q01")
        check(try find(rows, .all, "all", "staff"), 3, n: 2, num: 6, den: 2)
        check(try find(rows, .all, "all", ""), 3, n: 2, num: 6, den: 2)
        check(try find(rows, .municipality, ta, "staff"), 3, n: 2, num: 6, den: 2)
        XCTAssertEqual(Set(rows.map(\.dimension)), ["", "staff"])
    }

    func testQ03ZeroVarianceOfSumAndSingleItemGiveNoValue() throws {
        let fx = try FixtureStore()
        try fx.municipality(ta)
        try surveyItems(fx, "users", [("U01", "staff"), ("U02", "staff"), ("U03", "solo")])
        for _ in 0..<2 {  // identical complete responses: the variance of the sum is 0
            try fx.surveyResponse(group: "users", unitKind: "municipality", unitID: ta, date: "2024-02-01",
                                  answers: [("U01", "staff", 4), ("U02", "staff", 2), ("U03", "solo", 3)])
        }
        let rows = try run(fx, "Q03")
        check(try find(rows, .all, "all", "staff"), nil, n: 2)
        check(try find(rows, .all, "all", "solo"), nil, n: 2)  // k = 1
    }

    func testQ04LatestAuditPerCriterionWithWeightsAndNotApplicable() throws {
        let fx = try FixtureStore()
        try fx.municipality(ta); try fx.municipality(tb); try fx.provider(pr)
        try fx.facility("F1", provider: pr, teryt: ta, type: "shelter", places: 10)
        try fx.facility("F2", provider: pr, teryt: tb, type: "soup_kitchen")
        try fx.facility("F3", provider: pr, teryt: tb, type: "day_centre")
        try fx.audit(facility: "F1", date: "2024-01-10", criterion: "B01", result: "not_met")
        try fx.audit(facility: "F1", date: "2024-03-01", criterion: "B01", result: "met")      // latest B01
        try fx.audit(facility: "F1", date: "2024-02-01", criterion: "K01", result: "partial")
        try fx.audit(facility: "F1", date: "2024-04-02", criterion: "K01", result: "met")      // outside P
        try fx.audit(facility: "F1", date: "2024-01-05", criterion: "S01", result: "met")
        try fx.audit(facility: "F1", date: "2024-03-15", criterion: "S01", result: "n_a")      // latest: drops out
        try fx.audit(facility: "F2", date: "2024-02-01", criterion: "b01", result: "partial")  // case-insensitive
        let std = Standard(criteria: [.init(code: "B01", name: "b", weight: 2), .init(code: "K01", name: "k", weight: 3),
                                      .init(code: "S01", name: "s", weight: 1)], floorAreaPerPlace: [:])
        let rows = try run(fx, "Q04", standard: std)
        check(try find(rows, .facility, "F1"), 0.7, num: 3.5, den: 5)        // (2·1 + 3·0.5) / (2 + 3)
        check(try find(rows, .facility, "F2"), 0.5, num: 1, den: 2)          // 2·0.5 / 2
        check(try find(rows, .facility, "F3"), nil, num: 0, den: 0)
        check(try find(rows, .provider, pr), 4.5 / 7, num: 4.5, den: 7)
        check(try find(rows, .municipality, ta), 0.7)
        check(try find(rows, .municipality, tb), 0.5)
        check(try find(rows, .all, "all"), 4.5 / 7)
    }

    /// A: population 200,000 (2024); B: 100,000 (2024); C: only a 2023 row, 50,000.
    private func staffFixture() throws -> FixtureStore {
        let fx = try FixtureStore()
        try fx.municipality(ta, year: 2023, population: 190_000)
        try fx.municipality(ta, year: 2024, population: 200_000)
        try fx.municipality(tb, year: 2024, population: 100_000)
        try fx.municipality(tc, year: 2023, population: 50_000)
        try fx.staff(teryt: ta, period: "2024", role: "streetworker", fte: 3)
        try fx.staff(teryt: ta, period: "2024-02", role: "streetworker", fte: 6)
        try fx.staff(teryt: tc, period: "2024-01", role: "streetworker", fte: 0.5)
        try fx.staff(teryt: ta, period: "2024", role: "social_worker", fte: 80)
        try fx.staff(teryt: tb, period: "2023", role: "social_worker", fte: 50)   // not 2024's months
        try fx.staff(teryt: ta, period: "2024", role: "assistant", fte: 2)
        return fx
    }

    func testQ05StreetworkersUseMonthlyRowsOverYearlyAndMeanOfMonthsWithValue() throws {
        let rows = try run(staffFixture(), "Q05")
        // A: Jan 3 (yearly), Feb 6 (monthly), Mar 3 → FTE 4; 4 / 200,000 × 100,000 = 2.
        check(try find(rows, .municipality, ta), 2, num: 4, den: 200_000)
        check(try find(rows, .municipality, tb), nil)                     // no FTE: unknown
        // C: only January has a value → 0.5; population of 2023 (latest earlier) → 0.5 / 50,000 × 10⁵ = 1.
        check(try find(rows, .municipality, tc), 1, num: 0.5, den: 50_000)
    }

    func testQ06CaseloadOnClippedLastDayByPersonsTeryt() throws {
        let fx = try staffFixture()
        for (p, t) in [("P00001", ta), ("P00002", ta), ("P00003", ta), ("P00004", ta), ("P00005", ta), ("P00006", tb)] {
            try fx.person(p, teryt: t)
        }
        try fx.programme("G1", person: "P00001", start: "2024-01-01")                                          // active
        try fx.programme("G2", person: "P00002", start: "2023-05-01", end: "2024-03-31", outcome: "completed") // end = e
        try fx.programme("G3", person: "P00003", start: "2023-05-01", end: "2024-03-30", outcome: "broken")    // ended
        try fx.programme("G4", person: "P00004", kind: "kontrakt", start: "2024-01-01")                        // not ipwzb
        try fx.programme("G5", person: "P00005", start: "2024-04-01")                                          // later
        try fx.programme("G6", person: "P00006", start: "2024-01-01")
        let rows = try run(fx, "Q06")
        check(try find(rows, .municipality, ta), 1, num: 2, den: 2)      // 2 persons ÷ 2 FTE
        check(try find(rows, .municipality, tb), nil, num: 1)            // no assistant FTE
        XCTAssertNil(try find(rows, .municipality, tb).denominator)
    }

    func testQ07InhabitantsPerSocialWorker() throws {
        let rows = try run(staffFixture(), "Q07")
        check(try find(rows, .municipality, ta), 2500, num: 200_000, den: 80)   // 200,000 / 80
        check(try find(rows, .municipality, tb), nil, num: 100_000)             // 2023 FTE does not cover 2024
        XCTAssertNil(try find(rows, .municipality, tb).denominator)
    }

    func testQ08FloorAreaPerPlaceOfOpenBedFacilities() throws {
        let fx = try FixtureStore()
        try fx.municipality(ta); try fx.provider(pr)
        try fx.facility("F1", provider: pr, teryt: ta, type: "shelter", places: 20, floorArea: 90)
        try fx.facility("F2", provider: pr, teryt: ta, type: "soup_kitchen", floorArea: 50)
        try fx.facility("F3", provider: pr, teryt: ta, type: "night_shelter", places: 10)
        try fx.facility("F4", provider: pr, teryt: ta, type: "training_flat", places: 0, floorArea: 30)
        try fx.facility("F5", provider: pr, teryt: ta, type: "shelter", places: 5, floorArea: 0)
        try fx.facility("F6", provider: pr, teryt: ta, type: "shelter", places: 5, floorArea: 40, closed: "2023-12-31")
        let rows = try run(fx, "Q08")
        XCTAssertEqual(rows.map(\.unitID), ["F1", "F3", "F4", "F5"])   // bed facilities open in P
        check(try find(rows, .facility, "F1"), 4.5, num: 90, den: 20)
        check(try find(rows, .facility, "F3"), nil)
        check(try find(rows, .facility, "F4"), nil)
        // 0 m² is a known area: numerator 0, no value (not 0 ÷ 5 = 0)
        check(try find(rows, .facility, "F5"), nil, num: 0, den: 5)
        XCTAssertEqual(try find(rows, .facility, "F5").flags, [.no_denominator])
        XCTAssertTrue(rows.allSatisfy { $0.facilityType.isEmpty && $0.unit == "m²" })
    }

    func testQ09ToQ11PoolGroupsAtMunicipalityAndAll() throws {
        let fx = try FixtureStore()
        try fx.municipality(ta); try fx.municipality(tb); try fx.provider(pr)
        try fx.facility("F2", provider: pr, teryt: tb, type: "day_centre")
        // No survey_items rows: the items are the answered ones (C01, C02 in `coop`).
        try fx.surveyResponse(questionnaire: "wspolpraca-a", group: "cooperation", unitKind: "municipality", unitID: ta,
                              date: "2024-02-01", answers: [("C01", "coop", 4), ("C02", "coop", 2)])   // mean 3
        try fx.surveyResponse(questionnaire: "wspolpraca-b", group: "cooperation", unitKind: "municipality", unitID: ta,
                              date: "2024-02-02", answers: [("C01", "coop", 5)])                        // 1 of 2 → 5
        try fx.surveyResponse(group: "professionals", unitKind: "facility", unitID: "F2", date: "2024-03-01",
                              answers: [("P01", "help", 2), ("P02", "help", 3)])                       // → B, 2.5
        try fx.surveyResponse(group: "residents", unitKind: "provider", unitID: pr, date: "2024-03-01",
                              answers: [("R01", "att", 1)])                                            // all only
        let q09 = try run(fx, "Q09")
        check(try find(q09, .municipality, ta, "coop"), 4, n: 2)          // (3 + 5) / 2
        check(try find(q09, .municipality, ta), 4, n: 2)                  // overall: same two items
        check(try find(q09, .municipality, tb), nil, n: 0)
        check(try find(q09, .all, "all"), 4, n: 2)
        XCTAssertTrue(q09.allSatisfy { $0.grain == .municipality || $0.grain == .all })
        let q10 = try run(fx, "Q10")
        check(try find(q10, .municipality, tb, "help"), 2.5, n: 1)
        check(try find(q10, .all, "all"), 2.5, n: 1)
        let q11 = try run(fx, "Q11")
        check(try find(q11, .municipality, ta), nil, n: 0)
        check(try find(q11, .municipality, tb), nil, n: 0)
        check(try find(q11, .all, "all", "att"), 1, n: 1)
    }
    func testQ01FromStoreToPublishedCSVWithDisclosure() throws {
        let rows = try run(usersFixture(), "Q01")
        let out = Publication.publish(rows: rows, catalogue: try Self.cat.get(), standard: Standard(criteria: [], floorAreaPerPlace: [:]),
                                      targets: [:], minCell: 2, requestedPeriods: [Period("2024Q1")!])
        // Every municipality cell but A's staff (n = 2) has n = 1 < min_cell 2: suppressed.
        let expected = """
            measure,period,grain,unit_id,facility_type,dimension,value,numerator,denominator,n,unit,flags
            Q01,2024Q1,municipality,2461011,,,,,,,score 1–5,suppressed
            Q01,2024Q1,municipality,2461011,,safety,,,,,score 1–5,suppressed
            Q01,2024Q1,municipality,2461011,,staff,,,,,score 1–5,suppressed
            Q01,2024Q1,municipality,2464011,,,,,,,score 1–5,suppressed
            Q01,2024Q1,municipality,2464011,,safety,,,,,score 1–5,suppressed
            Q01,2024Q1,municipality,2464011,,staff,3.75,7.5,2,2,score 1–5,

            """
        XCTAssertEqual(MeasuresCSV.measures(out.measures.filter { $0.grain == .municipality }), expected)
        // Benchmark: overall rows only; both suppressed, so no statistics.
        XCTAssertEqual(MeasuresCSV.benchmark(out.benchmark), """
            measure,period,teryt,value,mean,median,q1,q3,min,max,deviation,rank,delta_prev,flags
            Q01,2024Q1,2461011,,,,,,,,,,,suppressed
            Q01,2024Q1,2464011,,,,,,,,,,,suppressed

            """)
        // The own view keeps B's overall value 13/3, marked.
        let own = try XCTUnwrap(out.ownView.first { $0.grain == .municipality && $0.unitID == tb && $0.dimension.isEmpty })
        XCTAssertEqual(own.value ?? .nan, 13.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(own.flags, [.suppressed])
    }
}
