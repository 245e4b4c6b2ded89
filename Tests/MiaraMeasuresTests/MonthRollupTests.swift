import Foundation
import MiaraStore
import MiaraTestSupport
import MiaraValues
import XCTest
@testable import MiaraMeasures

/// The month grain (`months: true`): a period rolled up from its months gives the rows of one
/// query over the whole period, for every entry of the catalogue that says so; and the exact sums
/// it rests on do not depend on the order or grouping of their values.
final class MonthRollupTests: XCTestCase {
    static let teryts = ["2464011", "1465011"]
    static let providers = ["KRS:0000000001", "KRS:0000000002"]
    static let groups = ["users", "residents", "professionals", "cooperation"]
    /// The built-in measures that can be rolled up from months (decision 194).
    static let composable: Set<String> = ["E08", "S01", "S03", "S04", "S05", "S07", "S08", "Q01", "Q02", "Q09", "Q10", "Q11"]

    /// A random store over 2023 and 2024: stays crossing months, day- and month-dated services,
    /// costs in grosze with two fundings, benefits, programmes, new persons and survey responses
    /// of every group — every dataset a `months: true` entry reads.
    static func randomStore(_ rng: inout SplitMix, path: String = ":memory:") throws -> FixtureStore {
        let fx = try FixtureStore(path: path)
        for t in Self.teryts { try fx.municipality(t, year: 2024, population: 50_000) }
        for p in Self.providers { try fx.provider(p) }
        let types = ["night_shelter", "shelter", "training_flat", "soup_kitchen", "streetwork"]
        var facilities: [String] = []
        for i in 0..<6 {
            let id = "F\(i)"
            try fx.facility(id, provider: Self.providers[i % 2], teryt: Self.teryts[i / 3], type: types[i % types.count],
                            places: 10, opened: i == 5 ? "2024-03-15" : "2020-01-01")
            facilities.append(id)
            let c = "C\(i)"
            try fx.contract(c, teryt: Self.teryts[i / 3], provider: Self.providers[i % 2], facility: id, service: "bed_night",
                            start: "2023-01-01", end: "2024-12-31", amount: 100_000)
            for y in [2023, 2024] {
                for m in 1...12 where Int.random(in: 0..<5, using: &rng) > 0 {
                    for funding in ["municipal", "own"] where Bool.random(using: &rng) {
                        // An amount in grosze: the sums of such values are where the order of addition shows.
                        let grosze = Int.random(in: 1...5_000_000, using: &rng)
                        try fx.cost(contract: c, month: String(format: "%04d-%02d", y, m), amount: Double(grosze) / 100, funding: funding)
                    }
                }
            }
        }
        func day(_ rng: inout SplitMix) -> Day {
            Day(iso: "2023-01-01")!.adding(days: Int.random(in: 0..<730, using: &rng))
        }
        let destinations = ["rented", "social_housing", "other_facility", "died", "family", "unknown"]
        for p in 0..<40 {
            let person = "P\(p)"
            try fx.person(person, teryt: Self.teryts[p % 2], firstSeen: day(&rng).iso)
            for s in 0..<Int.random(in: 0...3, using: &rng) {
                let admitted = day(&rng)
                let discharged: Day? = Int.random(in: 0..<4, using: &rng) == 0 ? nil : admitted.adding(days: Int.random(in: 0...120, using: &rng))
                try fx.stay("S\(p)-\(s)", person: person, facility: facilities.randomElement(using: &rng)!, admitted: admitted.iso,
                            discharged: discharged?.iso, destination: discharged == nil ? nil : destinations.randomElement(using: &rng))
            }
            if p % 3 == 0 {
                // A move up the levels within a week (S07): a night shelter, then a shelter.
                let out = day(&rng)
                try fx.stay("U\(p)-1", person: person, facility: "F0", admitted: out.adding(days: -30).iso, discharged: out.iso)
                try fx.stay("U\(p)-2", person: person, facility: "F1", admitted: out.adding(days: Int.random(in: 0...9, using: &rng)).iso,
                            discharged: out.adding(days: 60).iso, destination: "rented")
            }
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                let d = day(&rng)
                let c = d.components
                let date = Bool.random(using: &rng) ? d.iso : String(format: "%04d-%02d", c.year, c.month)
                try fx.service(facility: facilities.randomElement(using: &rng)!, date: date,
                               service: ["meal", "bed_night", "streetwork_contact"].randomElement(using: &rng)!,
                               quantity: Int.random(in: 1...9, using: &rng), person: Bool.random(using: &rng) ? person : nil)
            }
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                try fx.benefit(person: person, teryt: Self.teryts[p % 2], dateFrom: day(&rng).iso,
                               amount: Double(Int.random(in: 1...200_000, using: &rng)) / 100)
            }
            if Bool.random(using: &rng) {
                let start = day(&rng)
                let ended = Int.random(in: 0..<3, using: &rng) > 0
                try fx.programme("G\(p)", person: person, kind: Bool.random(using: &rng) ? "ipwzb" : "kontrakt", start: start.iso,
                                 end: ended ? start.adding(days: Int.random(in: 0...300, using: &rng)).iso : nil,
                                 outcome: ended ? (Bool.random(using: &rng) ? "completed" : "broken") : "ongoing")
            }
        }
        for g in Self.groups {
            for item in ["A1", "A2", "B1"] { try fx.questionnaireItem(group: g, item: item, dimension: item.hasPrefix("A") ? "safety" : "respect") }
            for _ in 0..<12 {
                let (kind, unit): (String, String) = g == "users" ? ("facility", facilities.randomElement(using: &rng)!)
                    : (g == "cooperation" ? ("provider", Self.providers.randomElement(using: &rng)!) : ("municipality", Self.teryts.randomElement(using: &rng)!))
                let answers = ["A1", "A2", "B1"].filter { _ in Int.random(in: 0..<4, using: &rng) > 0 }
                    .map { (item: $0, dimension: $0.hasPrefix("A") ? "safety" : "respect", score: Double(Int.random(in: 1...5, using: &rng))) }
                try fx.surveyResponse(group: g, unitKind: kind, unitID: unit, date: day(&rng).iso, answers: answers)
            }
        }
        return fx
    }

    /// A property (fresh seed each run, printed; MIARA_SEED replays): on random stores, as of a
    /// day inside a month and with a cost lag, every built-in entry that can be rolled up from
    /// months gives with `months: true` through the engine exactly the rows of its file run once
    /// over each period. The engine runs on two connections; the last round's periods all clip
    /// to the same days of January, so its one month job runs on one connection while both run
    /// periods (whose survey rows read `answered_items`).
    func testEveryMonthsEntryGivesTheRowsOfOneQueryOverThePeriod() throws {
        var rng = PropertySeed.generator("MonthRollupTests.testEveryMonthsEntryGivesTheRowsOfOneQueryOverThePeriod")
        // The built-in entries whose contributions over a period are those over its months (the
        // catalogue leaves the flag off: decision 194), each with the flag set.
        let monthly = try MeasureCatalogue.builtIn().definitions.filter { Self.composable.contains($0.code.raw) }.map { d in
            var d = d
            d.months = true
            return d
        }
        XCTAssertEqual(monthly.count, Self.composable.count)
        var compared = 0, valued = Set<String>()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-months-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for round in 0..<4 {
            let fx = try Self.randomStore(&rng, path: dir.appendingPathComponent("store\(round).sqlite").path)
            let asOf = Day(iso: ["2024-08-20", "2024-12-31", "2024-02-29", "2024-01-20"][round])!
            let lag = [20, 0, 45, 0][round]
            let periods = (round == 3 ? ["2024", "2024H1", "2024Q1"]
                           : ["2024", "2024H1", "2024H2", "2024Q1", "2024Q2", "2024Q3", "2024Q4", "2023", "2023H2", "2023Q4"]).map { Period($0)! }
            let dates = ClipDates(asOf: asOf, costLagDays: lag)
            let noStandard = Standard(criteria: [], floorAreaPerPlace: [:])
            let engine = try fx.store.measures(readers: 1) { m in
                try MeasureEngine.compute(m, catalogue: MeasureCatalogue(definitions: monthly), periods: periods, asOf: asOf,
                                          costLagDays: lag, standard: noStandard)
            }
            let direct = try fx.measures { m -> [MeasureRow] in
                let db = m.connections[0]
                try MeasureEngine.prepare(db, standard: noStandard)
                var out: [MeasureRow] = []
                for d in monthly {
                    let clipped = periods.compactMap { d.clipped($0, at: dates) }
                    out += try MeasureEngine.compute(db: db, definition: d, periods: clipped, asOf: asOf)
                }
                return out.sorted(by: MeasureRow.precedes)
            }
            XCTAssertEqual(engine.count, direct.count, "round \(round)")
            for (a, b) in zip(engine, direct) where a != b || a.numerator?.bitPattern != b.numerator?.bitPattern
                || a.value?.bitPattern != b.value?.bitPattern || a.sd?.bitPattern != b.sd?.bitPattern {
                XCTFail("round \(round): \(a.measure.raw) \(a.period.text) \(a.grain) \(a.unitID) \(a.dimension): months \(a) ≠ period \(b)")
                break
            }
            compared += engine.count
            for r in engine where (r.numerator ?? 0) != 0 || (r.n ?? 0) != 0 { valued.insert(r.measure.raw) }
        }
        // The stores exercise every entry: each has rows with something counted.
        XCTAssertEqual(valued, Set(monthly.map(\.code.raw)), "entries without a counted contribution in any round")
        print("MonthRollupTests: \(compared) rows compared over \(monthly.count) entries")
    }

    /// The months of a clipped period: whole months, the last one clipped where the period is.
    func testTheMonthsOfAPeriodClippedInsideAMonth() throws {
        let p = try XCTUnwrap(Period("2024H2")!.clipped(asOf: Day(iso: "2024-08-20")!))
        XCTAssertEqual(MonthRollup.months(of: p).map { "\($0.period.text) \($0.start.iso) \($0.end.iso)" },
                       ["2024-07 2024-07-01 2024-07-31", "2024-08 2024-08-01 2024-08-20"])
    }

    /// A property: the exact sum of reals whose exact total is known (multiples of 2⁻²⁰ below 2³³,
    /// summed as integers: a second implementation) is that total rounded once; the same bits
    /// for any order of the values and any split into parts merged afterwards.
    func testExactSumIsTheRoundedTotalWhateverTheOrderAndGrouping() throws {
        var rng = PropertySeed.generator("MonthRollupTests.testExactSumIsTheRoundedTotalWhateverTheOrderAndGrouping")
        var naiveDiffered = 0
        for _ in 0..<500 {
            let count = Int.random(in: 1...60, using: &rng)
            // Values of very different magnitudes, both signs, each exact in a double, needing up to 59 bits together:
            // where a naive sum loses bits (the total stays within Int64).
            let units = (0..<count).map { _ in Int64.random(in: -(1 << 53)...(1 << 53), using: &rng) >> Int64.random(in: 0...50, using: &rng) }
            let values = units.map { Double($0) / Double(1 << 20) }
            let expected = Double(units.reduce(0, +)) / Double(1 << 20)   // Int64 → Double: rounded once
            var s = ExactSum()
            for v in values { s.add(v) }
            XCTAssertEqual(s.value.bitPattern, expected.bitPattern, "values \(values)")
            var shuffled = ExactSum()
            for v in values.shuffled(using: &rng) { shuffled.add(v) }
            XCTAssertEqual(shuffled.value.bitPattern, expected.bitPattern)
            var merged = SQLSum(exact: true), parts: [SQLSum] = [SQLSum(exact: true)]
            for v in values.shuffled(using: &rng) {
                if Int.random(in: 0..<4, using: &rng) == 0 { parts.append(SQLSum(exact: true)) }
                parts[parts.count - 1].add(.real(v))
            }
            for p in parts.shuffled(using: &rng) { merged.merge(p) }
            XCTAssertEqual(try merged.sum(), .real(expected))
            XCTAssertEqual(merged.count, count)
            if values.reduce(0, +) != expected { naiveDiffered += 1 }
        }
        // The cases are ones a naive sum gets wrong, so the property says something.
        XCTAssertGreaterThan(naiveDiffered, 5)
        print("MonthRollupTests: a naive sum differed from the exact one in \(naiveDiffered) of 500 cases")
    }

    /// Integers stay an exact integer sum through merging; an all-integer overflow is SQLite's
    /// error; a real among them makes the sum real.
    func testIntegerSumsMergeExactly() throws {
        var a = SQLSum(exact: true), b = SQLSum(exact: true)
        a.add(.int(.max - 1)); b.add(.int(-5)); b.add(.int(3))
        var m = a; m.merge(b)
        XCTAssertEqual(try m.sum(), .int(.max - 3))
        var over = SQLSum(exact: true); over.add(.int(.max)); var one = SQLSum(exact: true); one.add(.int(1))
        over.merge(one)
        XCTAssertThrowsError(try over.sum())
        var real = SQLSum(exact: true); real.add(.real(0.5))
        m.merge(real)
        XCTAssertEqual(try m.sum(), .real(Double(Int64.max - 3) + 0.5))
    }

    /// The catalogue refuses `months: true` on a file that reads a bound of the whole period.
    func testAMonthsEntryMayNotReadThePeriodsBounds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("months-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "SELECT 'numerator', NULL, NULL, teryt, '', '', :days, NULL, file_id, line, key FROM benefits WHERE date_from BETWEEN :s AND :e"
            .write(to: dir.appendingPathComponent("m.sql"), atomically: true, encoding: .utf8)
        let yaml = """
            measures:
              - code: X01
                family: economic
                name_pl: x
                name_en: x
                unit: PLN
                direction: "-"
                grains: [all]
                split: none
                person_count: none
                formula_pl: x
                formula_en: x
                numerator: sum
                sql: m.sql
                months: true
            """
        try yaml.write(to: dir.appendingPathComponent("measures.yaml"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try MeasureCatalogue.load(from: dir.appendingPathComponent("measures.yaml"))) { e in
            XCTAssertTrue("\(e)".contains(":days"), "\(e)")
        }
        try yaml.replacingOccurrences(of: "months: true", with: "months: false").write(to: dir.appendingPathComponent("measures.yaml"), atomically: true, encoding: .utf8)
        XCTAssertNoThrow(try MeasureCatalogue.load(from: dir.appendingPathComponent("measures.yaml")))
    }
}

/// `everyGrain`: the periods outside it come back at the municipality grain only (what
/// benchmarking and the plans read of a previous period); the periods in it, and the results kept
/// in the store, are whole.
final class EveryGrainTests: XCTestCase {
    func testPeriodsOutsideEveryGrainKeepTheirMunicipalityRowsOnly() throws {
        var rng = PropertySeed.generator("EveryGrainTests.testPeriodsOutsideEveryGrainKeepTheirMunicipalityRowsOnly")
        let fx = try MonthRollupTests.randomStore(&rng)
        let cat = try MeasureCatalogue.builtIn()
        let asOf = Day(iso: "2024-12-31")!
        let periods = ["2024", "2024Q4", "2023", "2024Q3"].map { Period($0)! }
        let noStandard = Standard(criteria: [], floorAreaPerPlace: [:])
        let whole = try fx.measures { try MeasureEngine.compute($0, catalogue: cat, periods: periods, asOf: asOf, standard: noStandard) }
        let cache = try fx.store.read { try MeasureResultCache(settings: "s", asOf: asOf, reader: $0) }
        let kept: Set<Period> = [Period("2024")!, Period("2024Q4")!]
        let some = try fx.measures { m in
            try MeasureEngine.compute(m, catalogue: cat, periods: periods, asOf: asOf, standard: noStandard, results: cache, everyGrain: kept)
        }
        let expected = whole.filter { kept.contains($0.period) || $0.grain == Grain.municipality }
        XCTAssertLessThan(expected.count, whole.count, "the previous periods have rows at other grains to leave out")
        XCTAssertEqual(some, expected)
        // The results kept for the store are whole: a night that asks for 2023 at every grain gets them.
        try fx.store.write { try cache.save($0) }
        let again = try fx.store.read { try MeasureResultCache(settings: "s", asOf: asOf, reader: $0) }
        let all = try fx.measures { m in
            try MeasureEngine.compute(m, catalogue: cat, periods: periods, asOf: asOf, standard: noStandard, results: again)
        }
        XCTAssertEqual(again.computed, 0, "every result taken from the store")
        XCTAssertEqual(all, whole)
    }
}
