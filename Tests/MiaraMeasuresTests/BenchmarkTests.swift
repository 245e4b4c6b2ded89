import MiaraTestSupport
import MiaraValues
import XCTest
@testable import MiaraMeasures

/// Helpers shared by the Benchmark, Disclosure and Publication tests.
enum PubFixture {
    static let std = Standard(criteria: [], floorAreaPerPlace: ["shelter": 4, "night_shelter": 3])

    /// A municipality-grain row.
    static func row(_ code: String, _ period: String, _ unit: String, value: Double?, num: Double? = nil,
                    den: Double? = nil, n: Int? = nil, dim: String = "", type: String = "",
                    flags: Set<MeasureFlag> = []) -> MeasureRow {
        row(code, period, .municipality, unit, value: value, num: num, den: den, n: n, dim: dim, type: type, flags: flags)
    }

    static func row(_ code: String, _ period: String, _ grain: Grain, _ unit: String, value: Double?,
                    num: Double? = nil, den: Double? = nil, n: Int? = nil, dim: String = "", type: String = "",
                    flags: Set<MeasureFlag> = []) -> MeasureRow {
        MeasureRow(measure: MeasureCode(code), period: Period(period)!, grain: grain, unitID: unit, facilityType: type,
                   dimension: dim, value: value, numerator: num, denominator: den, n: n, unit: "share", flags: flags)
    }

    /// The shipped catalogue's rules (directions, person counts, norms, benchmarking).
    static let rules: [MeasureCode: PublicationRule] = {
        var r: [MeasureCode: PublicationRule] = [:]
        for d in (try? catalogue().definitions) ?? [] { r[d.code] = PublicationRule(d) }
        return r
    }()

    static func publish(_ rows: [MeasureRow], periods: [String] = ["2024H1"], targets: [MeasureCode: Target] = [:],
                        minCell: Int = 5, types: [String: String] = [:])
        -> (measures: [MeasureRow], benchmark: [BenchmarkRow], ownView: [MeasureRow]) {
        Publication.publish(rows: rows, rules: rules, standard: std, targets: targets, minCell: minCell,
                            requestedPeriods: periods.map { Period($0)! }, facilityTypes: types)
    }
}

final class BenchmarkTests: XCTestCase {
    func testQuartileIncMatchesSpreadsheetOnEvenCounts() {
        // QUARTILE.INC({1,2,3,4,5,6}, k): h = 5·p → q1 h = 1.25: 2 + 0.25 = 2.25; median h = 2.5: 3.5;
        // q3 h = 3.75: 4 + 0.75 = 4.75.
        let s = BenchmarkStatistics([6, 1, 5, 2, 4, 3])!
        XCTAssertEqual(s.q1, 2.25); XCTAssertEqual(s.median, 3.5); XCTAssertEqual(s.q3, 4.75)
        XCTAssertEqual(s.mean, 3.5); XCTAssertEqual(s.min, 1); XCTAssertEqual(s.max, 6)
        // {10, 20, 40, 80}: h = 3·p → q1 0.75: 10 + 7.5 = 17.5; median 1.5: 30; q3 2.25: 40 + 10 = 50.
        let t = BenchmarkStatistics([80, 10, 40, 20])!
        XCTAssertEqual(t.q1, 17.5); XCTAssertEqual(t.median, 30); XCTAssertEqual(t.q3, 50)
        // One value: every statistic is that value.
        let u = BenchmarkStatistics([7])!
        XCTAssertEqual([u.q1, u.median, u.q3, u.mean], [7, 7, 7, 7])
        XCTAssertNil(BenchmarkStatistics([]))
    }

    func testRanksTieAtNineDecimalsByDirection() {
        // Lower is better: 50 → 1; 100 and 100.0000000001 tie (equal at 9 decimals) → 2, 2; 200 → 4.
        let xs = [100, 100.0000000001, 50, 200]
        XCTAssertEqual(xs.map { BenchmarkStatistics.rank(of: $0, among: xs, .lowerIsBetter) }, [2, 2, 1, 4])
        // Higher is better: 200 → 1, 100s → 2, 2; 50 → 4.
        XCTAssertEqual(xs.map { BenchmarkStatistics.rank(of: $0, among: xs, .higherIsBetter) }, [2, 2, 4, 1])
        // But 100.000000001 (a difference at the 9th decimal) is strictly better when higher is better.
        XCTAssertEqual(BenchmarkStatistics.rank(of: 100, among: [100, 100.000000001], .higherIsBetter), 2)
    }

    func testRankingGivesTheCountedRankOfEveryValue() {
        // The ranking by binary search against the definition (1 + the values strictly better at
        // 9 decimals, counted one by one), on random groups with ties and near-ties.
        var rng = PropertySeed.generator("BenchmarkTests.testRankingGivesTheCountedRankOfEveryValue")
        let seed = rng.seed
        for _ in 0..<200 {
            let n = Int(rng.next() % 40) + 1
            let xs: [Double] = (0..<n).map { _ in
                let base = Double(rng.next() % 7) - 3
                switch rng.next() % 4 {
                case 0: return base
                case 1: return base + 1e-10     // equal at 9 decimals
                case 2: return base + 1e-9      // different at the 9th
                default: return base * 0.1 + Double(rng.next() % 1000) / 997
                }
            }
            for direction in [Direction.higherIsBetter, .lowerIsBetter] {
                let ranking = BenchmarkStatistics.Ranking(xs, direction)
                XCTAssertEqual(xs.map { ranking.rank(of: $0) }, xs.map { BenchmarkStatistics.rank(of: $0, among: xs, direction) },
                               "seed \(seed), \(direction), \(xs)")
            }
        }
    }

    func testBenchmarkRowsStatisticsFlagsAndEveryMunicipality() throws {
        // S01 (+, person count = denominator): A 0.2, B 0.4, C 0.4, D 0.9; E no value; F suppressed (den 3).
        let rows = [
            PubFixture.row("S01", "2024H1", "A", value: 0.2, num: 2, den: 10),
            PubFixture.row("S01", "2024H1", "B", value: 0.4, num: 4, den: 10),
            PubFixture.row("S01", "2024H1", "C", value: 0.4, num: 4, den: 10),
            PubFixture.row("S01", "2024H1", "D", value: 0.9, num: 9, den: 10),
            PubFixture.row("S01", "2024H1", "E", value: nil, num: 0, den: 0),
            PubFixture.row("S01", "2024H1", "F", value: 1, num: 3, den: 3),
            PubFixture.row("S01", "2024H1", .all, "all", value: 0.42, num: 22, den: 53),
            PubFixture.row("S01", "2024H1", .facility, "F1", value: 0.1, num: 1, den: 10),
            PubFixture.row("E08", "2024H1", "G", value: 10, num: 100, den: 10),   // G has no S01 row
        ]
        let out = PubFixture.publish(rows)
        let b = Dictionary(uniqueKeysWithValues: out.benchmark.filter { $0.measure.raw == "S01" }.map { ($0.teryt, $0) })
        XCTAssertEqual(b.keys.sorted(), ["A", "B", "C", "D", "E", "F", "G"])
        // mean (0.2 + 0.4 + 0.4 + 0.9) / 4 = 0.475; median h = 1.5 → 0.4; q1 h = 0.75 → 0.2 + 0.75·0.2 = 0.35;
        // q3 h = 2.25 → 0.4 + 0.25·0.5 = 0.525.
        let a = try XCTUnwrap(b["A"])
        XCTAssertEqual(a.mean!, 0.475, accuracy: 1e-12); XCTAssertEqual(a.median!, 0.4, accuracy: 1e-12)
        XCTAssertEqual(a.q1!, 0.35, accuracy: 1e-12); XCTAssertEqual(a.q3!, 0.525, accuracy: 1e-12)
        XCTAssertEqual(a.min, 0.2); XCTAssertEqual(a.max, 0.9)
        XCTAssertEqual([b["A"]!.rank, b["B"]!.rank, b["C"]!.rank, b["D"]!.rank], [4, 2, 2, 1])
        XCTAssertEqual(b["D"]!.deviation!, 0.9 / 0.475 - 1, accuracy: 1e-12)
        XCTAssertEqual(b["A"]!.deviation!, 0.2 / 0.475 - 1, accuracy: 1e-12)
        XCTAssertEqual(b["A"]!.flags, [.below_average]); XCTAssertEqual(b["D"]!.flags, [])
        XCTAssertEqual(b["E"]!.flags, [.no_denominator]); XCTAssertNil(b["E"]!.value); XCTAssertNil(b["E"]!.rank)
        XCTAssertEqual(b["F"]!.flags, [.suppressed]); XCTAssertNil(b["F"]!.value); XCTAssertNil(b["F"]!.deviation)
        XCTAssertEqual(b["G"]!.flags, [.no_denominator]); XCTAssertNil(b["G"]!.value)
        // below_average is also written on the municipality's measures row, not on other grains.
        let m = out.measures.filter { $0.measure.raw == "S01" }
        XCTAssertEqual(m.first { $0.unitID == "B" }!.flags, [.below_average])
        XCTAssertEqual(m.first { $0.unitID == "all" }!.flags, [])
        XCTAssertEqual(m.first { $0.unitID == "F1" }!.flags, [])
    }

    func testMeanZeroLeavesDeviationEmptyAndLowerIsBetterBelowAverage() throws {
        // E02 (−): A 0, B 0 → mean 0: no deviation. S08 (−, persons, count = numerator): 10, 20 → mean 15.
        let rows = [
            PubFixture.row("E02", "2024H1", "A", value: 0, num: 0, den: 10),
            PubFixture.row("E02", "2024H1", "B", value: 0, num: 0, den: 10),
            PubFixture.row("S08", "2024H1", "A", value: 10, num: 10),
            PubFixture.row("S08", "2024H1", "B", value: 20, num: 20),
        ]
        let out = PubFixture.publish(rows)
        XCTAssertTrue(out.benchmark.filter { $0.measure.raw == "E02" }.allSatisfy { $0.deviation == nil && $0.rank == 1 })
        let s08 = out.benchmark.filter { $0.measure.raw == "S08" }
        XCTAssertEqual(s08.map(\.teryt), ["A", "B"])
        XCTAssertEqual(s08.map(\.flags), [[], [.below_average]])   // 20 > 15 is worse when lower is better
        XCTAssertEqual(s08.map(\.rank), [1, 2])
    }

    func testSplitRowsS05AndDimensionsAreNotBenchmarked() {
        let rows = [
            PubFixture.row("S05", "2024H1", "A", value: 30, n: 10, type: "shelter"),
            PubFixture.row("Q01", "2024H1", "A", value: 4, num: 40, den: 10, n: 10, dim: "staff"),
            PubFixture.row("Q01", "2024H1", "A", value: 3.5, num: 35, den: 10, n: 10),
        ]
        let out = PubFixture.publish(rows)
        XCTAssertEqual(out.benchmark.map(\.measure.raw), ["Q01"])
        XCTAssertEqual(out.benchmark.first?.value, 3.5)
    }

    func testDeltaPrevAgainstPreviousHalfOnlyWhenBothPublished() throws {
        // 2024H1 → 2023H2. A: 0.5 − 0.3 = 0.2. B: previous suppressed (den 3) → none. C: no previous row.
        let rows = [
            PubFixture.row("S01", "2024H1", "A", value: 0.5, num: 5, den: 10),
            PubFixture.row("S01", "2024H1", "B", value: 0.6, num: 6, den: 10),
            PubFixture.row("S01", "2024H1", "C", value: 0.7, num: 7, den: 10),
            PubFixture.row("S01", "2023H2", "A", value: 0.3, num: 3, den: 10),
            PubFixture.row("S01", "2023H2", "B", value: 1, num: 3, den: 3),
            PubFixture.row("S01", "2023H1", "C", value: 0.1, num: 1, den: 10),   // not the previous half
        ]
        let out = PubFixture.publish(rows, periods: ["2024H1"])
        XCTAssertEqual(out.benchmark.map(\.teryt), ["A", "B", "C"])
        XCTAssertEqual(out.benchmark[0].deltaPrev!, 0.2, accuracy: 1e-12)
        XCTAssertNil(out.benchmark[1].deltaPrev)
        XCTAssertNil(out.benchmark[2].deltaPrev)
        // Only the requested period is output.
        XCTAssertTrue(out.measures.allSatisfy { $0.period.text == "2024H1" })
        XCTAssertTrue(out.benchmark.allSatisfy { $0.period.text == "2024H1" })
        XCTAssertEqual(Period("2024H1")!.previous.text, "2023H2")
    }

    func testProvisionalCarriesToBenchmarkRows() {
        let rows = [
            PubFixture.row("S08", "2024H1", "A", value: 10, num: 10, flags: [.provisional]),
            PubFixture.row("E08", "2024H1", "B", value: 10, num: 100, den: 10, flags: [.provisional]),
        ]
        let b = PubFixture.publish(rows).benchmark.filter { $0.measure.raw == "S08" }
        XCTAssertEqual(b.map(\.flags), [[.provisional], [.provisional, .no_denominator]])
    }
}

/// SPEC 7 (v1.4): an `incomplete` municipality row is shown with its value, delta_prev and flags
/// but enters no statistic and gets no deviation, rank or below_average — per period.
final class IncompleteBenchmarkTests: XCTestCase {
    /// E01 (lower is better) in A, B, C. C's stays file is missing in 2024Q1 (1,000 zł per
    /// bed-night, incomplete) but not in 2024Q2 (30 zł) nor in 2023Q4 (900 zł).
    func testAnIncompleteRowIsLeftOutOfTheStatisticsOfItsPeriodOnly() {
        let rows = [
            PubFixture.row("E01", "2023Q4", "C", value: 900, num: 900, den: 1),
            PubFixture.row("E01", "2024Q1", "A", value: 10, num: 10, den: 1),
            PubFixture.row("E01", "2024Q1", "B", value: 20, num: 20, den: 1),
            PubFixture.row("E01", "2024Q1", "C", value: 1000, num: 1000, den: 1, flags: [.incomplete]),
            PubFixture.row("E01", "2024Q2", "A", value: 10, num: 10, den: 1),
            PubFixture.row("E01", "2024Q2", "B", value: 20, num: 20, den: 1),
            PubFixture.row("E01", "2024Q2", "C", value: 30, num: 30, den: 1),
        ]
        let out = PubFixture.publish(rows, periods: ["2024Q1", "2024Q2"])
        func bench(_ p: String, _ t: String) -> BenchmarkRow { out.benchmark.first { $0.period.text == p && $0.teryt == t }! }
        // 2024Q1 over A and B only: mean 15, median 15, QUARTILE.INC 12.5 and 17.5, min 10, max 20.
        for t in ["A", "B", "C"] {
            let b = bench("2024Q1", t)
            XCTAssertEqual([b.mean, b.median, b.q1, b.q3, b.min, b.max], [15, 15, 12.5, 17.5, 10, 20], t)
        }
        XCTAssertEqual(bench("2024Q1", "A").rank, 1)
        XCTAssertEqual(bench("2024Q1", "B").rank, 2)
        XCTAssertEqual(bench("2024Q1", "B").deviation ?? 0, 20.0 / 15 - 1, accuracy: 1e-12)
        XCTAssertTrue(bench("2024Q1", "B").flags.contains(.below_average))
        // C in 2024Q1: value, delta_prev (1000 − 900) and flags shown; nothing compared.
        let c = bench("2024Q1", "C")
        XCTAssertEqual(c.value, 1000)
        XCTAssertEqual(c.deltaPrev, 100)
        XCTAssertNil(c.deviation)
        XCTAssertNil(c.rank)
        XCTAssertEqual(c.flags, [.incomplete])
        func measureRow(_ p: String, _ t: String) -> MeasureRow { out.measures.first { $0.period.text == p && $0.unitID == t }! }
        XCTAssertEqual(measureRow("2024Q1", "C").flags, [.incomplete])
        XCTAssertFalse(out.ownView.first { $0.period.text == "2024Q1" && $0.unitID == "C" }!.flags.contains(.below_average))
        // 2024Q2: C is complete and counts: mean 20, C ranks 3rd and is below average.
        let c2 = bench("2024Q2", "C")
        XCTAssertEqual([c2.mean, c2.median, c2.min, c2.max], [20, 20, 10, 30])
        XCTAssertEqual(c2.rank, 3)
        XCTAssertEqual(c2.deviation ?? 0, 0.5, accuracy: 1e-12)
        XCTAssertEqual(c2.deltaPrev, -970)
        XCTAssertTrue(measureRow("2024Q2", "C").flags.contains(.below_average))
        XCTAssertFalse(measureRow("2024Q2", "B").flags.contains(.below_average))   // equal to the mean
    }
}
