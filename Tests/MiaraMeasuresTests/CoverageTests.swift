import Foundation
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest
@testable import MiaraMeasures

/// Data coverage (facility-months with costs and activity) and the `incomplete` flag, on a
/// fixture of two municipalities checked by hand. Period 2024Q1, as-of 2024-12-31 unless stated.
final class CoverageTests: XCTestCase {
    /// A: night shelter F1 (contract C1 all year), soup kitchen K1 (contract C2 from February),
    /// day centre D1 (no contract: never examined). B: shelter F2 (contract C3, closed 2024-03-01).
    private func fixture() throws -> FixtureStore {
        let fx = try baseFixture()
        try fx.facility("F1", provider: prov, teryt: tA, type: "night_shelter", places: 10)
        try fx.facility("K1", provider: prov, teryt: tA, type: "soup_kitchen")
        try fx.facility("D1", provider: prov, teryt: tA, type: "day_centre")
        try fx.facility("F2", provider: prov2, teryt: tB, type: "shelter", places: 5, closed: "2024-03-01")
        try fx.contract("C1", teryt: tA, provider: prov, facility: "F1", service: "night_shelter", start: "2024-01-01", end: "2024-12-31")
        try fx.contract("C2", teryt: tA, provider: prov, facility: "K1", service: "soup_kitchen", start: "2024-02-10", end: "2024-12-31")
        try fx.contract("C3", teryt: tB, provider: prov2, facility: "F2", service: "shelter", start: "2023-01-01", end: "2024-12-31")
        try fx.person("P000001", teryt: tA)
        try fx.person("P000002", teryt: tB)
        return fx
    }

    func testStatusPerFacilityMonth() throws {
        let fx = try fixture()
        // F1: costs Jan–Mar; a stay over Jan only; a bed_night row in March; a meal row in February
        // (not activity for a bed facility).
        for m in ["2024-01", "2024-02", "2024-03"] { try fx.cost(contract: "C1", month: m, amount: 100) }
        try fx.cost(contract: "C1", month: "2024-01", category: "food", amount: 5)
        try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2023-12-20", discharged: "2024-02-01", destination: "street")
        try fx.service(facility: "F1", date: "2024-03", service: "bed_night", quantity: 4)
        try fx.service(facility: "F1", date: "2024-02-05", service: "meal", quantity: 1)
        // K1: meals in February and March, costs in March only.
        try fx.service(facility: "K1", date: "2024-02-15", service: "meal", quantity: 30)
        try fx.service(facility: "K1", date: "2024-03-01", service: "meal", quantity: 30)
        try fx.cost(contract: "C2", month: "2024-03", amount: 50)
        // F2: nothing at all; closed 2024-03-01, so open on some day of Jan and Feb only.
        let rows = try Coverage.compute(db: fx.db.writer, periods: [Period("2024Q1")!], asOf: Day(iso: "2024-12-31")!)
        let got = rows.map { "\($0.month) \($0.teryt) \($0.facilityID) \($0.costRows) \($0.activityRows) \($0.status.rawValue)" }
        XCTAssertEqual(got, [
            "2024-01 \(tB) F2 0 0 no_data",
            "2024-01 \(tA) F1 2 1 complete",
            // S1 discharged 2024-02-01 overlaps February (discharged ≥ first day).
            "2024-02 \(tB) F2 0 0 no_data",
            "2024-02 \(tA) F1 1 1 complete",
            "2024-02 \(tA) K1 0 1 no_costs",
            "2024-03 \(tA) F1 1 1 complete",
            "2024-03 \(tA) K1 1 1 complete",
        ])
        let csv = CoverageCSV.text(rows)
        XCTAssertTrue(csv.hasPrefix("month,teryt,provider_id,facility_id,facility_type,cost_rows,activity_rows,status\n"))
        XCTAssertTrue(csv.contains("\n2024-02,\(tA),\(prov),K1,soup_kitchen,0,1,no_costs\n"))
    }

    func testMonthsSharedOutOverTheScopesConnectionsGiveTheSameRows() throws {
        // A store in a file, so the measures scope has readers beside the store's connection.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fx = try FixtureStore(path: dir.appendingPathComponent("s.sqlite").path)
        try fx.municipality(tA, name: "Częstochowa", year: 2024, population: 200_000)
        try fx.municipality(tB, name: "Koszalin", year: 2024, population: 100_000)
        try fx.provider(prov)
        try fx.provider(prov2)
        try fx.facility("F1", provider: prov, teryt: tA, type: "night_shelter", places: 10)
        try fx.facility("K1", provider: prov, teryt: tA, type: "soup_kitchen")
        try fx.facility("F2", provider: prov2, teryt: tB, type: "shelter", places: 5, closed: "2024-03-01")
        try fx.contract("C1", teryt: tA, provider: prov, facility: "F1", service: "night_shelter", start: "2024-01-01", end: "2024-12-31")
        try fx.contract("C2", teryt: tA, provider: prov, facility: "K1", service: "soup_kitchen", start: "2024-02-10", end: "2024-12-31")
        try fx.contract("C3", teryt: tB, provider: prov2, facility: "F2", service: "shelter", start: "2023-01-01", end: "2024-12-31")
        for m in ["2024-01", "2024-03", "2024-04", "2024-05"] { try fx.cost(contract: "C1", month: m, amount: 100) }
        try fx.service(facility: "F1", date: "2024-04", service: "bed_night", quantity: 4)
        try fx.service(facility: "K1", date: "2024-05-02", service: "meal", quantity: 3)
        let lists = [[Period("2024H1")!], [Period("2024Q1")!, Period("2024Q3")!]]
        let asOf = Day(iso: "2024-08-20")!
        func text(_ rows: [CoverageRow]) -> [String] {
            rows.map { "\($0.month) \($0.teryt) \($0.facilityID) \($0.costRows) \($0.activityRows) \($0.status.rawValue)" }
        }
        let one = try Coverage.compute(db: fx.db.writer, periodLists: lists, asOf: asOf).map(text)
        let shared = try fx.store.measures(readers: 2) { m in
            XCTAssertEqual(m.connections.count, 3, "the months are shared out over three connections")
            return try Coverage.compute(on: m, periodLists: lists, asOf: asOf).map(text)
        }
        XCTAssertEqual(shared, one)
        // Every month of both lists, from January to the clipped August: the work was shared out.
        XCTAssertEqual(Set(one[0].map { String($0.prefix(7)) }), ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"])
        XCTAssertEqual(Set(one[1].map { String($0.prefix(7)) }), ["2024-01", "2024-02", "2024-03", "2024-07", "2024-08"])
    }

    func testMonthsAreClippedAtTheAsOfDate() throws {
        let fx = try fixture()
        // As-of 2024-02-09: K1's contract starts on 2024-02-10, after the clipped February.
        let rows = try Coverage.compute(db: fx.db.writer, periods: [Period("2024Q1")!], asOf: Day(iso: "2024-02-09")!)
        XCTAssertEqual(Set(rows.map(\.month)), ["2024-01", "2024-02"])
        XCTAssertFalse(rows.contains { $0.facilityID == "K1" })
        // The settled date of 2024-02-09 (lag 0) is 2024-01-31: February's costs are not due yet.
        XCTAssertEqual(Coverage.months(of: [Period("2024")!, Period("2024Q1")!], asOf: Day(iso: "2024-02-09")!),
                       [CoverageMonth(month: "2024-01", first: "2024-01-01", last: "2024-01-31", costsDue: true),
                        CoverageMonth(month: "2024-02", first: "2024-02-01", last: "2024-02-09", costsDue: false)])
    }

    func testIncompleteFlagsTheUnitsHoldingAGapOfThePeriod() throws {
        let fx = try fixture()
        for m in ["2024-01", "2024-02", "2024-03"] { try fx.cost(contract: "C1", month: m, amount: 100) }
        try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2024-01-01", destination: nil)
        try fx.service(facility: "K1", date: "2024-02-15", service: "meal", quantity: 30)
        try fx.service(facility: "K1", date: "2024-03-15", service: "meal", quantity: 30)
        for m in ["2024-02", "2024-03"] { try fx.cost(contract: "C2", month: m, amount: 10) }
        // Only B's F2 has gaps (no_data in January and February).
        let cat = try catalogue()
        let asOf = Day(iso: "2024-12-31")!
        let periods = [Period("2024Q1")!, Period("2024Q2")!]
        var rows = try fx.measures { try MeasureEngine.compute($0, catalogue: cat, periods: periods, asOf: asOf, standard: noStandard) }
        let coverage = try Coverage.compute(db: fx.db.writer, periods: periods, asOf: asOf)
        Coverage.flagIncomplete(&rows, coverage: coverage, catalogue: cat, asOf: asOf)
        func flagged(_ code: String, _ period: String, _ grain: Grain, _ unit: String) -> Bool {
            rows.filter { $0.measure.raw == code && $0.period.text == period && $0.grain == grain && $0.unitID == unit }
                .allSatisfy { $0.flags.contains(.incomplete) }
        }
        func anyFlagged(_ code: String, _ period: String, _ grain: Grain, _ unit: String) -> Bool {
            rows.contains { $0.measure.raw == code && $0.period.text == period && $0.grain == grain && $0.unitID == unit
                && $0.flags.contains(.incomplete) }
        }
        XCTAssertTrue(flagged("E01", "2024Q1", .facility, "F2"))
        XCTAssertTrue(flagged("E04", "2024Q1", .provider, prov2))
        XCTAssertTrue(flagged("S01", "2024Q1", .municipality, tB))
        XCTAssertTrue(flagged("E02", "2024Q1", .all, "all"))
        XCTAssertTrue(flagged("S05", "2024Q1", .municipality, tB))          // every facility-type row
        XCTAssertFalse(anyFlagged("E01", "2024Q1", .facility, "F1"))
        XCTAssertFalse(anyFlagged("E01", "2024Q1", .municipality, tA))
        XCTAssertFalse(anyFlagged("E02", "2024Q1", .provider, prov))
        // Q2: F2 is closed (no gap there), but F1 has no costs after March.
        XCTAssertFalse(anyFlagged("E01", "2024Q2", .facility, "F2"))
        XCTAssertTrue(flagged("E01", "2024Q2", .facility, "F1"))
        XCTAssertTrue(flagged("E01", "2024Q2", .municipality, tA))
        // Measures outside E01–E07 and S01–S07 are never flagged.
        XCTAssertFalse(rows.contains { ["E08", "S08", "S09", "Q01", "Q04", "Q05"].contains($0.measure.raw) && $0.flags.contains(.incomplete) })
        // The flag survives publication, also on suppressed rows, and changes no value.
        let before = rows.filter { $0.measure.raw == "E01" }.map(\.value)
        let published = Publication.publish(rows: rows, catalogue: cat, standard: noStandard, targets: [:], minCell: 5,
                                            requestedPeriods: periods)
        XCTAssertEqual(published.ownView.filter { $0.measure.raw == "E01" }.map(\.value), before)
        XCTAssertTrue(published.measures.contains { $0.measure.raw == "E01" && $0.grain == .facility && $0.unitID == "F2"
            && $0.flags.contains(.incomplete) })
        XCTAssertEqual(MeasureFlag.allCases.last, .incomplete)
    }

    /// As-of 2024-03-15 (settled date 2024-02-29): March's missing costs are `costs_not_due`, not
    /// a gap; the cost measures look at January and February only, the others at the whole quarter.
    func testCostsNotYetDueAreNoGapAndCostMeasuresCountMonthsUpToTheSettledDate() throws {
        let fx = try fixture()
        // F1: costs for January and February, a stay over the whole quarter.
        for m in ["2024-01", "2024-02"] { try fx.cost(contract: "C1", month: m, amount: 100) }
        try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2024-01-01", destination: nil)
        // K1: meals and costs in February; nothing in March (no_data: a gap whatever the date).
        try fx.service(facility: "K1", date: "2024-02-15", service: "meal", quantity: 30)
        try fx.cost(contract: "C2", month: "2024-02", amount: 10)
        // F2 (B, closed 2024-03-01): costs and a stay in January and February.
        for m in ["2024-01", "2024-02"] { try fx.cost(contract: "C3", month: m, amount: 50) }
        try fx.stay("S2", person: "P000002", facility: "F2", admitted: "2024-01-01", discharged: "2024-02-28", destination: "street")
        let cat = try catalogue()
        let asOf = Day(iso: "2024-03-15")!
        let periods = [Period("2024Q1")!]
        let coverage = try Coverage.compute(db: fx.db.writer, periods: periods, asOf: asOf)
        XCTAssertEqual(coverage.map { "\($0.month) \($0.teryt) \($0.facilityID) \($0.costRows) \($0.activityRows) \($0.status.rawValue)" }, [
            "2024-01 \(tB) F2 1 1 complete",
            "2024-01 \(tA) F1 1 1 complete",
            "2024-02 \(tB) F2 1 1 complete",
            "2024-02 \(tA) F1 1 1 complete",
            "2024-02 \(tA) K1 1 1 complete",
            "2024-03 \(tA) F1 0 1 costs_not_due",
            "2024-03 \(tA) K1 0 0 no_data",
        ])
        XCTAssertTrue(CoverageCSV.text(coverage).contains("\n2024-03,\(tA),\(prov),F1,night_shelter,0,1,costs_not_due\n"))
        // With the month over (as-of 2024-03-31) the same March is a gap: no_costs.
        let later = try Coverage.compute(db: fx.db.writer, periods: periods, asOf: Day(iso: "2024-03-31")!)
        XCTAssertEqual(later.first { $0.month == "2024-03" && $0.facilityID == "F1" }?.status, .no_costs)
        // A lag of 15 days on 2024-03-15 settles February only just: March is still not due.
        XCTAssertEqual(try Coverage.compute(db: fx.db.writer, periods: periods, asOf: asOf, costLagDays: 15)
            .first { $0.month == "2024-03" && $0.facilityID == "F1" }?.status, .costs_not_due)

        var rows = try fx.measures { try MeasureEngine.compute($0, catalogue: cat, periods: periods, asOf: asOf, standard: noStandard) }
        Coverage.flagIncomplete(&rows, coverage: coverage, catalogue: cat, asOf: asOf)
        func incomplete(_ code: String, _ grain: Grain, _ unit: String) throws -> Bool {
            let r = rows.filter { $0.measure.raw == code && $0.grain == grain && $0.unitID == unit }
            XCTAssertFalse(r.isEmpty, "\(code) \(grain) \(unit)")
            return r.allSatisfy { $0.flags.contains(.incomplete) }
        }
        // costs_not_due makes nothing incomplete: F1's E04 (whole quarter) and E01 are complete.
        XCTAssertFalse(try incomplete("E04", .facility, "F1"))
        XCTAssertFalse(try incomplete("E01", .facility, "F1"))
        // K1's March gap lies after the settled date: the cost measures of A (January–February)
        // are complete, the others (up to the as-of date) are not.
        XCTAssertFalse(try incomplete("E01", .municipality, tA))
        XCTAssertFalse(try incomplete("E02", .municipality, tA))
        XCTAssertFalse(try incomplete("E07", .facility, "K1"))
        XCTAssertTrue(try incomplete("E04", .municipality, tA))
        XCTAssertTrue(try incomplete("S01", .municipality, tA))
        XCTAssertTrue(try incomplete("S01", .all, "all"))
        XCTAssertFalse(try incomplete("E02", .all, "all"))
        XCTAssertFalse(try incomplete("S01", .municipality, tB))
    }

    func testTargetsAndNormsCompareAtNineDecimals() {
        let mean = 3.4999999999999996                       // a mean of 21/6 as summed in floating point
        XCTAssertTrue(mean < 3.5)
        XCTAssertFalse(Target(min: 3.5).isMissed(by: mean))
        XCTAssertFalse(Target(max: 3.4999999999).isMissed(by: 3.49999999994))
        XCTAssertTrue(Target(min: 3.5).isMissed(by: 3.4999999))
        XCTAssertFalse(Target(max: 120).isMissed(by: 120.0000000001))
        XCTAssertTrue(Target(max: 120).isMissed(by: 120.000000001))
        let q05 = MeasureRow(measure: MeasureCode("Q05"), period: Period("2024")!, grain: .municipality, unitID: tA,
                             value: 1.9999999999999998, numerator: nil, denominator: nil, unit: "per 100k")
        XCTAssertFalse(Publication.missesNorm(MeasureNorm(min: 2), row: q05, value: 1.9999999999999998, standard: noStandard,
                                              facilityTypes: [:]))
        XCTAssertTrue(Publication.missesNorm(MeasureNorm(min: 2), row: q05, value: 1.999999998, standard: noStandard,
                                             facilityTypes: [:]))
    }
}
