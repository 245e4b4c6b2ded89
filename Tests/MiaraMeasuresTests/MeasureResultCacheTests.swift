import Foundation
@testable import MiaraStore
import MiaraTestSupport
import MiaraValues
import XCTest
@testable import MiaraMeasures

/// The measures' derived state: rows stored as text read back bit for bit, per-month digests of
/// the dated datasets, and a compute that takes stored rows only for unchanged inputs.
final class MeasureResultCacheTests: XCTestCase {
    let asOf = Day(iso: "2024-12-31")!
    let periods = ["2024", "2024H1", "2024Q1", "2024Q3"].map { Period($0)! }

    func testRowsReadBackBitForBit() throws {
        let d = try catalogue().definitions.first { $0.code.raw == "E04" }!
        let p = Period("2024Q1")!
        let rows = [
            MeasureRow(measure: d.code, period: p, grain: .facility, unitID: "F\t1\n%0A\r\n", facilityType: "shel%ter",
                       dimension: "", value: -0.0, numerator: 0.1 + 0.2, denominator: .leastNonzeroMagnitude, n: -3,
                       unit: d.unit, flags: [.provisional, .no_denominator], sd: 1e300),
            MeasureRow(measure: d.code, period: p, grain: .all, unitID: "all", value: nil, numerator: nil, denominator: nil,
                       unit: d.unit),
        ]
        let back = try XCTUnwrap(MeasureRowText.decode(MeasureRowText.encode(rows), definition: d, period: p))
        XCTAssertEqual(back, rows)
        XCTAssertEqual(back[0].value?.bitPattern, (-0.0).bitPattern)   // the sign of zero kept
        XCTAssertEqual(back[0].numerator?.bitPattern, (0.1 + 0.2).bitPattern)
        XCTAssertNil(MeasureRowText.decode("facility\tF1\n", definition: d, period: p))
    }

    func fixture(path: String = ":memory:") throws -> FixtureStore {
        let fx = try FixtureStore(path: path)
        try fx.municipality("2464011", year: 2024, population: 1000)
        try fx.provider("KRS:0000000001")
        try fx.facility("F1", provider: "KRS:0000000001", teryt: "2464011", type: "night_shelter", places: 10, opened: "2020-01-01")
        try fx.facility("F2", provider: "KRS:0000000001", teryt: "2464011", type: "soup_kitchen", opened: "2020-01-01")
        try fx.person("P1", teryt: "2464011")
        try fx.person("P2", teryt: "2464011")
        try fx.stay("S1", person: "P1", facility: "F1", admitted: "2024-01-10", discharged: "2024-02-20", destination: "rented")
        try fx.service(facility: "F2", date: "2024-01-15", service: "meal", quantity: 2, person: "P1")
        try fx.service(facility: "F2", date: "2024-08-15", service: "meal", quantity: 3, person: "P2")
        return fx
    }

    func testANewServicesDayChangesTheDigestOfItsMonthOnly() throws {
        let fx = try fixture()
        let before = try fx.store.read { try MeasureInputDigests.read($0) }
        try fx.service(facility: "F2", date: "2024-08-16", service: "meal", quantity: 1, person: "P1")
        let after = try fx.store.read { try MeasureInputDigests.read($0) }
        XCTAssertEqual(before.months["services"]?["2024-01"], after.months["services"]?["2024-01"])
        XCTAssertNotEqual(before.months["services"]?["2024-08"], after.months["services"]?["2024-08"])
        XCTAssertEqual(before.whole["stays"], after.whole["stays"])
        // A period's lines name the months it overlaps, of the dated tables only.
        let q1 = after.lines(tables: ["stays", "services"], first: Day(iso: "2024-01-01")!, last: Day(iso: "2024-03-31")!)
        XCTAssertEqual(q1.count, 2)
        XCTAssertTrue(q1.contains { $0.hasPrefix("services 2024-01 ") })
        XCTAssertFalse(q1.contains { $0.hasPrefix("services 2024-08") })
    }

    /// The digests read on three connections at once are those read on one, dataset by dataset
    /// (each dated one with its months), from the rows and from the store alike.
    func testTheDigestsReadOnSeveralConnectionsAreThoseReadOnOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-digests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fx = try fixture(path: dir.appendingPathComponent("store.sqlite").path)
        try fx.surveyResponse(group: "users", unitKind: "facility", unitID: "F2", date: "2024-03-01",
                              answers: [(item: "A1", dimension: "safety", score: 4)])
        try fx.questionnaireItem(group: "users", item: "A1", dimension: "safety")
        for round in ["from the rows", "from the store"] {
            let (one, several) = try fx.store.measures(readers: 2) { m in
                XCTAssertEqual(m.connections.count, 3)
                return (try MeasureInputDigests.read(m.reader), try MeasureInputDigests.read(m))
            }
            XCTAssertEqual(one.whole, several.whole, round)
            XCTAssertEqual(one.months, several.months, round)
            XCTAssertEqual(Set(one.months.keys), ["services", "costs", "benefits", "audits"], round)
            XCTAssertNotNil(one.whole["survey_responses"], round)
            XCTAssertEqual(one.months["services"]?.keys.sorted(), ["2024-01", "2024-08"], round)
            try fx.store.write { try several.save($0) }
        }
    }

    /// The survey measures read the questionnaires' items beside the responses: an item a map
    /// brings without any response changing (a survey file whose rows are all rejected) changes
    /// the fingerprint of a survey entry, and not that of an entry that reads no survey.
    func testAQuestionnaireItemAloneChangesTheSurveyEntriesFingerprints() throws {
        let fx = try fixture()
        try fx.surveyResponse(group: "users", unitKind: "facility", unitID: "F2", date: "2024-03-01",
                              answers: [(item: "A1", dimension: "safety", score: 4)])
        try fx.questionnaireItem(group: "users", item: "A1", dimension: "safety")
        let defs = try catalogue().definitions
        let q = try XCTUnwrap(defs.firstIndex { $0.code.raw == "Q01" }), e = try XCTUnwrap(defs.firstIndex { $0.code.raw == "E04" })
        let p = try XCTUnwrap(Period("2024")!.clipped(asOf: asOf))
        func prints() throws -> (survey: String, other: String) {
            let cache = try fx.store.read { try MeasureResultCache(settings: "s", asOf: asOf, reader: $0) }
            return (cache.fingerprint(q, defs[q], p), cache.fingerprint(e, defs[e], p))
        }
        let before = try prints()
        try fx.questionnaireItem(group: "users", item: "A2", dimension: "safety")
        let after = try prints()
        XCTAssertNotEqual(before.survey, after.survey)
        XCTAssertEqual(before.other, after.other)
    }

    /// Computes with a cache over `fx`, stores the results; returns the rows and the cache.
    func night(_ fx: FixtureStore, settings: String = "s", asOf given: Day? = nil) throws -> ([MeasureRow], MeasureResultCache) {
        let asOf = given ?? asOf
        let cat = try catalogue()
        let (rows, cache) = try fx.measures { m in
            let cache = try MeasureResultCache(settings: settings, asOf: asOf, measures: m)
            return (try MeasureEngine.compute(m, catalogue: cat, periods: periods, asOf: asOf, standard: noStandard, results: cache), cache)
        }
        try fx.store.write { try cache.save($0) }
        return (rows, cache)
    }

    /// The survey items answered (`temp.answered_items`, 0.7 M answers read on a national store)
    /// are built by the first measure that reads them: a computation that takes every survey
    /// measure from the store builds none, and none is left on the connection from the
    /// computation before (the store's own connection outlives both).
    func testSurveyItemsAreReadOnlyWhenASurveyMeasureIsComputed() throws {
        let fx = try fixture()
        try fx.surveyResponse(group: "users", unitKind: "facility", unitID: "F2", date: "2024-03-01",
                              answers: [(item: "A1", dimension: "safety", score: 4)])
        try fx.questionnaireItem(group: "users", item: "A1", dimension: "safety")
        let cat = try catalogue()
        func night() throws -> (cache: MeasureResultCache, items: Bool) {
            let out = try fx.measures { m -> (MeasureResultCache, Bool) in
                let cache = try MeasureResultCache(settings: "s", asOf: asOf, measures: m)
                _ = try MeasureEngine.compute(m, catalogue: cat, periods: periods, asOf: asOf, standard: noStandard, results: cache)
                let built = try m.reader.scalar("SELECT count(*) FROM temp.sqlite_master WHERE name = 'answered_items'")?.int == 1
                return (cache, built)
            }
            try fx.store.write { try out.0.save($0) }
            return out
        }
        let first = try night()
        XCTAssertGreaterThan(first.cache.computed, 0)
        XCTAssertTrue(first.items, "the survey measures computed read the items")
        let second = try night()
        XCTAssertEqual(second.cache.computed, 0)
        XCTAssertFalse(second.items, "nothing computed: the items are neither built nor left from the night before")
    }

    func testStoredRowsAreTakenOnlyWhereTheInputsAreTheSame() throws {
        let fx = try fixture()
        let cat = try catalogue()
        let (first, c1) = try night(fx)
        XCTAssertEqual(c1.reused, 0)
        let pairs = c1.computed
        XCTAssertGreaterThan(pairs, 0)
        // Nothing new: every pair from the store, the same rows.
        let (second, c2) = try night(fx)
        XCTAssertEqual(c2.reused, pairs)
        XCTAssertEqual(c2.computed, 0)
        XCTAssertEqual(second, first)
        // A new services day in August: the pairs of the periods containing August (2024, 2024Q3)
        // of the measures that read services are computed again; the rest come from the store.
        try fx.service(facility: "F2", date: "2024-08-20", service: "meal", quantity: 4, person: "P1")
        let (third, c3) = try night(fx)
        let fresh = try fx.measures { try MeasureEngine.compute($0, catalogue: cat, periods: periods, asOf: asOf, standard: noStandard) }
        XCTAssertEqual(third, fresh)
        XCTAssertNotEqual(third, first)
        let readers = cat.definitions.filter { $0.datasets.contains("ngo/services") }.count
        XCTAssertEqual(c3.computed, 2 * readers)
        XCTAssertEqual(c3.reused, pairs - 2 * readers)
        XCTAssertTrue(c3.changed.allSatisfy { ["2024", "2024Q3"].contains($0.period.text) })
        // A later as-of that clips no period otherwise (every period of 2024 ended before both):
        // everything from the store.
        let (later, c5) = try night(fx, asOf: Day(iso: "2025-02-28")!)
        XCTAssertEqual(c5.reused, pairs)
        XCTAssertEqual(later, third)
        // Other settings (catalogue, tool): everything computed again.
        let (_, c4) = try night(fx, settings: "other")
        XCTAssertEqual(c4.reused, 0)
        XCTAssertEqual(c4.computed, pairs)
    }
}
