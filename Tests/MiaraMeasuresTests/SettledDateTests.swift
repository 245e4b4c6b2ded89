@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest
@testable import MiaraMeasures

/// SPEC 5 (v1.4): the cost-based measures E01, E02, E03, E05, E06, E07 run over their period
/// clipped at the settled date; month-given services count in proportion in a period that ends
/// inside their month. Fixtures small enough to check by hand.
///
/// F1 night shelter (10 places) under contract C1 for 2024; costs 1000 (January), 800 (February),
/// 600 (March); P1 stays in F1 from 2024-01-01 on (ongoing); P2 stays 2024-03-01..2024-03-10.
final class SettledDateTests: XCTestCase {
    private func fixture() throws -> FixtureStore {
        let fx = try baseFixture()
        try fx.facility("F1", provider: prov, teryt: tA, type: "night_shelter", places: 10)
        try fx.contract("C1", teryt: tA, provider: prov, facility: "F1", service: "night_shelter",
                        start: "2024-01-01", end: "2024-12-31", amount: 12_000)
        for p in ["P000001", "P000002", "P000003"] { try fx.person(p, teryt: tA) }
        try fx.cost(contract: "C1", month: "2024-01", amount: 1000)
        try fx.cost(contract: "C1", month: "2024-02", amount: 800)
        try fx.cost(contract: "C1", month: "2024-03", amount: 600)
        try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2024-01-01")
        try fx.stay("S2", person: "P000002", facility: "F1", admitted: "2024-03-01", discharged: "2024-03-10", destination: "rented")
        return fx
    }

    /// The measures `codes` of the catalogue over `periods` on `asOf` with `lag` days of cost lag.
    private func compute(_ fx: FixtureStore, _ codes: [String], periods: [String], asOf: String,
                         lag: Int = 0) throws -> [MeasureRow] {
        let cat = try catalogue()
        let defs = try codes.map { try XCTUnwrap(cat.definition(MeasureCode($0)), $0) }
        return try fx.measures { try MeasureEngine.compute($0, catalogue: MeasureCatalogue(definitions: defs),
                                         periods: periods.map { Period($0)! }, asOf: Day(iso: asOf)!, costLagDays: lag,
                                         standard: noStandard) }
    }

    private func rows(_ rows: [MeasureRow], _ code: String, _ period: String) -> [MeasureRow] {
        rows.filter { $0.measure.raw == code && $0.period.text == period }
    }

    // MARK: The settled date

    func testSettledDateIsTheEndOfTheLatestMonthEndedLagDaysBefore() {
        func settled(_ asOf: String, _ lag: Int) -> String { ClipDates(asOf: Day(iso: asOf)!, costLagDays: lag).settled.iso }
        XCTAssertEqual(settled("2024-03-31", 0), "2024-03-31")    // a month's last day: the as-of date itself
        XCTAssertEqual(settled("2024-03-30", 0), "2024-02-29")    // the last complete month (leap February)
        XCTAssertEqual(settled("2024-03-01", 0), "2024-02-29")
        XCTAssertEqual(settled("2024-01-15", 0), "2023-12-31")    // across the year
        XCTAssertEqual(settled("2024-03-15", 15), "2024-02-29")   // February ended exactly 15 days before
        XCTAssertEqual(settled("2024-03-14", 15), "2024-01-31")   // 14 days after: not yet
        XCTAssertEqual(settled("2024-04-10", 45), "2024-01-31")   // 45 days back is 2024-02-25
        XCTAssertEqual(settled("2024-04-10", -3), "2024-03-31")   // a negative lag counts as 0
    }

    // MARK: As-of on a month's last day: as in v1.3

    func testAsOfOnAMonthsLastDayComputesCostMeasuresUpToTheAsOfDate() throws {
        let fx = try fixture()
        let r = try compute(fx, ["E01", "E02", "E04"], periods: ["2024Q1", "2024"], asOf: "2024-03-31")
        // Q1 whole: (1000 + 800 + 600) ÷ (P1 91 nights + P2 9 nights) = 2400 ÷ 100.
        for p in ["2024Q1", "2024"] {
            assertValue(try row(rows(r, "E01", p), .facility, "F1"), 24, num: 2400, den: 100)
            assertValue(try row(rows(r, "E02", p), .municipality, tA), 1200, num: 2400, den: 2)   // ÷ {P1, P2}
            assertValue(try row(rows(r, "E04", p), .facility, "F1"), 100.0 / 910, num: 100, den: 910)
        }
        // Q1 ends on the settled date: not provisional; the year is, for every measure alike.
        XCTAssertFalse(rows(r, "E01", "2024Q1").contains { $0.flags.contains(.provisional) })
        XCTAssertTrue(rows(r, "E01", "2024").allSatisfy { $0.flags.contains(.provisional) })
        XCTAssertTrue(rows(r, "E04", "2024").allSatisfy { $0.flags.contains(.provisional) })
    }

    // MARK: As-of mid-month

    func testAsOfMidMonthEndsCostMeasuresAtThePreviousMonthEnd() throws {
        let fx = try fixture()
        let r = try compute(fx, ["E01", "E02", "E03", "E04"], periods: ["2024Q1", "2024-02", "2024-03"], asOf: "2024-03-15")
        // E01 over 2024-01-01..2024-02-29: March's costs and nights are out: 1800 ÷ 60.
        let e01 = try row(rows(r, "E01", "2024Q1"), .facility, "F1")
        assertValue(e01, 30, num: 1800, den: 60)
        XCTAssertTrue(e01.flags.contains(.provisional))
        // Every quantity of the row: P2 (served in March only) is not among E02's persons, and her
        // housing exit on 2024-03-10 is not among E03's exits.
        assertValue(try row(rows(r, "E02", "2024Q1"), .municipality, tA), 1800, num: 1800, den: 1)
        assertValue(try row(rows(r, "E03", "2024Q1"), .municipality, tA), nil, num: 1800, den: 0)
        // A period ending on the settled date is final; one starting after it has no cost rows.
        let feb = try row(rows(r, "E01", "2024-02"), .facility, "F1")
        assertValue(feb, 800.0 / 29, num: 800, den: 29)
        XCTAssertFalse(feb.flags.contains(.provisional))
        XCTAssertEqual(rows(r, "E01", "2024-03"), [])
        XCTAssertEqual(rows(r, "E02", "2024-03"), [])
        // E04 is not a cost measure: it runs to the as-of date, 75 days, 75 + 9 nights.
        let e04 = try row(rows(r, "E04", "2024Q1"), .facility, "F1")
        assertValue(e04, 84.0 / 750, num: 84, den: 750)
        XCTAssertTrue(e04.flags.contains(.provisional))
        assertValue(try row(rows(r, "E04", "2024-03"), .facility, "F1"), 24.0 / 150, num: 24, den: 150)   // 15 + 9 nights
    }

    // MARK: A lag that moves the settled date back two months

    func testCostLagMovesTheSettledDateBackTwoMonths() throws {
        let fx = try fixture()
        // As-of 2024-04-10: lag 0 settles 2024-03-31; lag 45 settles 2024-01-31.
        let lag0 = try compute(fx, ["E01"], periods: ["2024Q1", "2024Q2"], asOf: "2024-04-10")
        assertValue(try row(rows(lag0, "E01", "2024Q1"), .facility, "F1"), 24, num: 2400, den: 100)
        let r = try compute(fx, ["E01", "E06", "E04"], periods: ["2024Q1", "2024Q2"], asOf: "2024-04-10", lag: 45)
        let e01 = try row(rows(r, "E01", "2024Q1"), .facility, "F1")
        assertValue(e01, 1000.0 / 31, num: 1000, den: 31)
        XCTAssertTrue(e01.flags.contains(.provisional))
        assertValue(try row(rows(r, "E06", "2024Q1"), .municipality, tA), 1, num: 1000, den: 1000)
        XCTAssertEqual(rows(r, "E01", "2024Q2"), [])
        XCTAssertEqual(rows(r, "E06", "2024Q2"), [])
        // The lag does not move the other measures: E04 Q1 is whole and final, Q2 runs to the as-of date.
        let e04 = try row(rows(r, "E04", "2024Q1"), .facility, "F1")
        assertValue(e04, 100.0 / 910, num: 100, den: 910)
        XCTAssertFalse(e04.flags.contains(.provisional))
        assertValue(try row(rows(r, "E04", "2024Q2"), .facility, "F1"), 0.1, num: 10, den: 100)
    }

    // MARK: Month-given services in proportion

    /// F2 shelter (5 places) with no stays: its bed-nights are its `bed_night` services rows.
    private func servicesFixture() throws -> FixtureStore {
        let fx = try baseFixture()
        try fx.facility("F2", provider: prov, teryt: tA, type: "shelter", places: 5)
        try fx.facility("K1", provider: prov, teryt: tA, type: "soup_kitchen")
        try fx.person("P000003", teryt: tA)
        return fx
    }

    func testMonthGivenServicesInAThirtyDayMonthCountInProportion() throws {
        let fx = try servicesFixture()
        try fx.service(facility: "F2", date: "2024-04", service: "bed_night", quantity: 30)
        try fx.service(facility: "F2", date: "2024-04-02", service: "bed_night", quantity: 3)   // a day row: whole
        // As-of 2024-04-10: April has 30 days, 10 of them up to e: 30 × 10 ÷ 30 = 10, + 3.
        let r = try compute(fx, ["E04"], periods: ["2024-04", "2024Q2"], asOf: "2024-04-10")
        for p in ["2024-04", "2024Q2"] {
            assertValue(try row(rows(r, "E04", p), .facility, "F2"), 13.0 / 50, num: 13, den: 50)   // 5 places × 10 days
        }
        // Once the month is over, the row counts whole.
        let after = try compute(fx, ["E04"], periods: ["2024-04"], asOf: "2024-04-30")
        assertValue(try row(after, .facility, "F2"), 33.0 / 150, num: 33, den: 150)
    }

    func testMonthGivenServicesInAThirtyOneDayMonthCountInProportion() throws {
        let fx = try servicesFixture()
        try fx.service(facility: "F2", date: "2024-03", service: "bed_night", quantity: 7)
        try fx.service(facility: "K1", date: "2024-03", service: "meal", quantity: 62, person: "P000003")
        try fx.service(facility: "K1", date: "2024-02", service: "meal", quantity: 29)           // an earlier month: whole
        // As-of 2024-03-10: 7 × 10 ÷ 31 = 70/31 bed-nights against 5 × 10 place-days.
        let r = try compute(fx, ["E04", "S09"], periods: ["2024-03", "2024Q1"], asOf: "2024-03-10")
        let e04 = try row(rows(r, "E04", "2024-03"), .facility, "F2")
        XCTAssertEqual(try XCTUnwrap(e04.numerator), 70.0 / 31, accuracy: 1e-12)
        XCTAssertEqual(e04.denominator, 50)
        XCTAssertEqual(try XCTUnwrap(e04.value), 70.0 / 31 / 50, accuracy: 1e-12)
        // The person named on the month row is served all the same (S09 counts her).
        XCTAssertEqual(try row(rows(r, "S09", "2024-03"), .municipality, tA).numerator, 1)
        // The meals the measures read (temp.period_services): 62 × 10 ÷ 31 = 20 in March, + 29 in Q1.
        try fx.measures { m in
            let db = m.connections[0]
            try MeasureEngine.prepare(db, standard: noStandard)
            func meals(_ period: String) throws -> Double? {
                try SharedRelations.build(Period(period)!.clipped(asOf: Day(iso: "2024-03-10")!)!, on: db)
                return try db.scalar("SELECT sum(quantity) FROM temp.period_services WHERE service = 'meal'")?.double
            }
            XCTAssertEqual(try meals("2024-03"), 20)
            XCTAssertEqual(try meals("2024Q1"), 49)
            XCTAssertEqual(try meals("2024-02"), 29)
        }
    }
}
