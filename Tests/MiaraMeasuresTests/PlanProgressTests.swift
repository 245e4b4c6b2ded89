import MiaraMeasures
import MiaraStore
import MiaraValues
import XCTest

/// plans.csv (SPEC 12) on plans whose every figure is worked out by hand below: as-of 2026-10-15,
/// S01 (higher is better) of 2464011 with 2025 = 0.2, 2025H2 = 0.25, 2026H1 = 0.3, 2026H2 = 0.25,
/// and S06 (lower is better) with 2025 = 0.3, 2025H2 = 0.32, 2026H1 = 0.28, 2026H2 = 0.19.
final class PlanProgressTests: XCTestCase {
    let asOf = Day(iso: "2026-10-15")!
    let t = "2464011"

    var values: PlanValues {
        func k(_ m: String, _ p: String) -> PlanValues.Key { .init(teryt: t, measure: MeasureCode(m), period: Period(p)!) }
        return PlanValues(entries: [
            k("S01", "2025"): .init(value: 0.2), k("S01", "2025H2"): .init(value: 0.25), k("S01", "2026H1"): .init(value: 0.3),
            k("S01", "2026H2"): .init(value: 0.25, incomplete: true),
            k("S06", "2025"): .init(value: 0.3), k("S06", "2025H2"): .init(value: 0.32), k("S06", "2026H1"): .init(value: 0.28), k("S06", "2026H2"): .init(value: 0.19),
            k("Q05", "2026H1"): .init(value: nil, suppressed: true),
        ])
    }
    let directions: [MeasureCode: Direction] = [MeasureCode("S01"): .higherIsBetter, MeasureCode("S06"): .lowerIsBetter,
                                                MeasureCode("Q05"): .higherIsBetter]

    func plan(_ m: String, _ no: Int, _ start: String, _ deadline: String, _ baseline: String, _ target: Double,
              _ state: String = "in_progress") -> PlanRecord {
        PlanRecord(teryt: t, measure: m, actionNo: no, start: start, deadline: deadline, baselinePeriod: baseline, target: target, state: state)
    }

    func csv(_ plans: [PlanRecord]) -> [String] {
        PlansCSV.text(PlanProgress.rows(plans, values: values, directions: directions, asOf: asOf))
            .split(separator: "\n").dropFirst().map(String.init)
    }

    /// Start 2025-07-01, deadline 2027-06-30: 730 days. 2025H2: 184 days elapsed (0.252055),
    /// progress (0.25 − 0.2) ÷ (0.3 − 0.2) = 0.5 ≥ elapsed: on track. 2026H1: 365 days (0.5), value
    /// 0.3 reaches the target: met. 2026H2 clipped at 2026-10-15: 472 days (0.646575), progress 0.5:
    /// behind, provisional and incomplete (the value's row is).
    func testAPlanSpanningTwoYearsIsOnTrackThenMetThenBehind() {
        XCTAssertEqual(csv([plan("S01", 1, "2025-07-01", "2027-06-30", "2025", 0.3)]), [
            "2464011,S01,1,2025H2,0.2,0.25,0.3,0.5,0.252055,on_track,",
            "2464011,S01,1,2026H1,0.2,0.3,0.3,1,0.5,met,",
            "2464011,S01,1,2026H2,0.2,0.25,0.3,0.5,0.646575,behind,provisional;incomplete",
        ])
    }

    /// Start 2026-01-01, deadline 2026-06-30 (181 days), target 0.35: in 2026H1 the value 0.3 is
    /// short of it, progress 0.1 ÷ 0.15 = 0.666667, and the deadline is the half-year's last day:
    /// overdue. Monitoring stops at the half-year of the deadline.
    func testAnActionPastItsDeadlineWithoutTheTargetIsOverdue() {
        XCTAssertEqual(csv([plan("S01", 3, "2026-01-01", "2026-06-30", "2025", 0.35)]), [
            "2464011,S01,3,2026H1,0.2,0.3,0.35,0.666667,1,overdue,",
        ])
    }

    /// S06, lower is better: baseline 0.3, target 0.2, start 2026-01-01, deadline 2026-12-31 (365
    /// days). 2026H1: progress (0.28 − 0.3) ÷ (0.2 − 0.3) = 0.2 < elapsed 181/365 = 0.49589: behind.
    /// 2026H2 (to 2026-10-15, 288 days): 0.19 ≤ 0.2: met.
    func testALowerIsBetterMeasureIsMetBelowItsTarget() {
        XCTAssertEqual(csv([plan("S06", 1, "2026-01-01", "2026-12-31", "2025", 0.2)]), [
            "2464011,S06,1,2026H1,0.3,0.28,0.2,0.2,0.49589,behind,",
            "2464011,S06,1,2026H2,0.3,0.19,0.2,1.1,0.789041,met,provisional",
        ])
    }

    /// No baseline (2024 has no value), a suppressed value (empty, flagged), or a target equal to
    /// the baseline: no progress, so `no_value`, even when the deadline has passed — unless the
    /// value reaches the target, which comes first (`met`).
    func testWithoutBaselineOrValueTheAssessmentIsNoValue() {
        XCTAssertEqual(csv([plan("S01", 1, "2026-01-01", "2026-03-31", "2024", 0.5),
                            plan("Q05", 1, "2026-02-01", "2026-06-30", "2026H1", 2),
                            plan("S06", 2, "2025-07-01", "2025-12-31", "2025", 0.3)]), [
            "2464011,Q05,1,2026H1,,,2,,1,no_value,suppressed",
            "2464011,S01,1,2026H1,,0.3,0.5,,1,no_value,",
            "2464011,S06,2,2025H2,0.3,0.32,0.3,,1,no_value,",
        ])
        XCTAssertEqual(csv([plan("S01", 1, "2026-01-01", "2026-03-31", "2024", 0.3)]), [
            "2464011,S01,1,2026H1,,0.3,0.3,,1,met,",
        ])
    }

    /// A dropped row and a row starting after the as-of date give no rows; action numbers sort as
    /// numbers (2 before 10).
    func testDroppedAndFuturePlansGiveNoRowsAndActionsSortAsNumbers() {
        XCTAssertEqual(csv([plan("S01", 10, "2026-07-01", "2026-12-31", "2025", 0.3),
                            plan("S01", 4, "2026-01-01", "2026-12-31", "2025", 0.3, "dropped"),
                            plan("S01", 5, "2026-10-16", "2027-12-31", "2025", 0.3, "planned"),
                            plan("S01", 2, "2026-10-15", "2026-10-15", "2025", 0.26)]), [
            // 2026-10-15 to 2026-10-15: one day of one; (0.25 − 0.2) ÷ 0.06 = 0.833333; deadline reached: overdue.
            "2464011,S01,2,2026H2,0.2,0.25,0.26,0.833333,1,overdue,provisional;incomplete",
            // 2026-07-01 to 2026-10-15: 107 of 184 days = 0.581522; progress 0.5: behind.
            "2464011,S01,10,2026H2,0.2,0.25,0.3,0.5,0.581522,behind,provisional;incomplete",
        ])
    }

    /// Values come from the unsplit municipality rows: a person count below min_cell empties the
    /// value (suppressed), a facility-month without costs in the half-year makes it incomplete,
    /// and other grains or splits are not read.
    func testPlanValuesApplyDisclosureAndCoverageOfTheirOwnPeriods() throws {
        let catalogue = try MeasureCatalogue.builtIn()
        let h1 = Period("2025H1")!, h2 = Period("2025H2")!
        let rows = [
            MeasureRow(measure: MeasureCode("S01"), period: h1, grain: .municipality, unitID: t, value: 0.5, numerator: 2, denominator: 4, unit: "share"),
            MeasureRow(measure: MeasureCode("S01"), period: h2, grain: .municipality, unitID: t, value: 0.4, numerator: 4, denominator: 10, unit: "share"),
            MeasureRow(measure: MeasureCode("S01"), period: h2, grain: .all, unitID: "all", value: 0.9, numerator: 9, denominator: 10, unit: "share"),
        ]
        let keys: Set<PlanValues.Key> = [.init(teryt: t, measure: MeasureCode("S01"), period: h1),
                                         .init(teryt: t, measure: MeasureCode("S01"), period: h2)]
        let collected = PlanValues.collect(rows, keys: keys)
        XCTAssertEqual(collected.count, 2)
        let gap = CoverageRow(month: "2025-08", teryt: t, providerID: "KRS:0000184388", facilityID: "F1", facilityType: "shelter",
                              costRows: 0, activityRows: 3)
        let v = PlanValues(rows: collected, catalogue: catalogue, minCell: 5, coverage: [gap], asOf: asOf)
        XCTAssertEqual(v[.init(teryt: t, measure: MeasureCode("S01"), period: h1)], .init(value: nil, suppressed: true, incomplete: false))
        XCTAssertEqual(v[.init(teryt: t, measure: MeasureCode("S01"), period: h2)], .init(value: 0.4, suppressed: false, incomplete: true))
    }

    /// The periods computed for the plans: each baseline and every half-year monitored.
    func testNeedsListBaselinesAndHalfYears() {
        let needs = PlanValues.needs([plan("S01", 1, "2025-07-01", "2027-06-30", "2024H2", 0.3),
                                      plan("S06", 1, "2026-11-01", "2027-06-30", "2023", 0.3)], asOf: asOf)
        XCTAssertEqual(needs.periods.map(\.text), ["2024H2", "2025H2", "2026H1", "2026H2"])
    }
}
