import Foundation
import MiaraMeasures
import MiaraPipeline
import MiaraReport
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest

/// `miara explain`: numerator, denominator and the records behind them with file:line.
final class ExplainTests: XCTestCase {
    let tA = "2464011", prov = "KRS:0000000001"
    let asOf = Day(iso: "2024-12-31")!
    let q1 = Period("2024Q1")!

    func catalogue() throws -> MeasureCatalogue {
        try MeasureCatalogue.load(from: ReportHarness.pipelines.appendingPathComponent("measures.yaml"))
    }

    /// E01 by hand: F1 night shelter under contract C1; costs 1000 + 820 in Q1 (500 in April);
    /// stays of 10, 7 and 1 nights in Q1; F2 has no contract.
    func e01Fixture() throws -> FixtureStore {
        let fx = try FixtureStore()
        try fx.municipality(tA)
        try fx.provider(prov)
        try fx.facility("F1", provider: prov, teryt: tA, type: "night_shelter", places: 10)
        try fx.facility("F2", provider: prov, teryt: tA, type: "shelter", places: 5)
        try fx.contract("C1", teryt: tA, provider: prov, facility: "F1", service: "night_shelter",
                        start: "2024-01-01", end: "2024-12-31", amount: 12_000)
        for p in ["P000001", "P000002", "P000003", "P000004"] { try fx.person(p, teryt: tA) }
        try fx.cost(contract: "C1", month: "2024-01", amount: 1000)                                 // costs line 2
        try fx.cost(contract: "C1", month: "2024-02", category: "food", amount: 820, funding: "own") // line 3
        try fx.cost(contract: "C1", month: "2024-04", amount: 500)                                  // line 4, outside Q1
        try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2023-12-20", discharged: "2024-01-11", destination: "street") // 10
        try fx.stay("S2", person: "P000002", facility: "F1", admitted: "2024-03-25")                                                // 7
        try fx.stay("S3", person: "P000003", facility: "F1", admitted: "2024-02-01", discharged: "2024-02-02", destination: "rented") // 1
        try fx.stay("S4", person: "P000004", facility: "F2", admitted: "2024-01-01", discharged: "2024-01-31", destination: "street") // F2
        return fx
    }

    func testE01ShowsNumeratorDenominatorAndRecordsWithFileAndLine() throws {
        let fx = try e01Fixture()
        let e = try fx.measures { try Explain.explain($0, catalogue: try catalogue(), standard: Standard(criteria: [], floorAreaPerPlace: [:]),
                                    code: "E01", unit: "F1", period: q1, asOf: asOf) }
        XCTAssertEqual(e.grain, .facility)
        XCTAssertEqual(e.rows.count, 1)
        XCTAssertEqual(e.rows.first?.numerator, 1820)
        XCTAssertEqual(e.rows.first?.denominator, 18)
        XCTAssertEqual(e.rows.first?.value ?? 0, 1820.0 / 18, accuracy: 1e-9)
        XCTAssertEqual(e.total("numerator"), 1820)
        XCTAssertEqual(e.total("denominator"), 18)
        // Costs contribute per contract (its cost rows in the period summed), at the contract's line.
        let num = e.records.filter { $0.role == "numerator" }
        XCTAssertEqual(num.map { "\($0.file):\($0.line)" }, ["fixture/contracts.csv:2"])
        XCTAssertEqual(num.map(\.contribution), [1820])
        XCTAssertEqual(num.first?.dataset, "ngo/contracts")
        XCTAssertEqual(num.first?.key, "C1 (2 cost rows)")
        let den = e.records.filter { $0.role == "denominator" }
        XCTAssertEqual(den.map { "\($0.file):\($0.line)" }, ["fixture/stays.csv:2", "fixture/stays.csv:3", "fixture/stays.csv:4"])
        XCTAssertEqual(den.map(\.contribution), [10, 7, 1])
        XCTAssertEqual(den.map(\.key), ["S1", "S2", "S3"])

        let text = Explain.render(e)
        XCTAssertTrue(text.contains("numerator 1820   denominator 18"), text)
        XCTAssertTrue(text.contains("numerator: 1 records, total 1820; numerator = sum → 1820"), text)
        XCTAssertTrue(text.contains("  ngo/stays  fixture/stays.csv: 3 records, total 18"), text)
        XCTAssertTrue(text.contains("denominator: 3 records, total 18"), text)
        XCTAssertTrue(text.contains("fixture/stays.csv:3  ngo/stays  [S2]"), text)

        let csv = Explain.csv(e).split(separator: "\n").map(String.init)
        XCTAssertEqual(csv.first, "measure,period,grain,unit_id,role,dataset,file,line,key,person,contribution")
        XCTAssertEqual(csv.count, 5)
        XCTAssertEqual(csv[1], "E01,2024Q1,facility,F1,numerator,ngo/contracts,fixture/contracts.csv,2,C1 (2 cost rows),,1820")
    }

    /// As-of 2024-03-15 (settled 2024-02-29): E01 is explained over January–February, the records
    /// being the ones the row was computed from (S2, admitted 2024-03-25, is not among them).
    func testE01MidMonthIsExplainedUpToTheSettledDate() throws {
        let fx = try e01Fixture()
        let std = Standard(criteria: [], floorAreaPerPlace: [:])
        let e = try fx.measures { try Explain.explain($0, catalogue: try catalogue(), standard: std, code: "E01", unit: "F1", period: q1,
                                    asOf: Day(iso: "2024-03-15")!) }
        XCTAssertEqual(e.period.end.iso, "2024-02-29")
        XCTAssertEqual(e.rows.first?.numerator, 1820)
        XCTAssertEqual(e.rows.first?.denominator, 11)        // S1 10 + S3 1
        XCTAssertEqual(e.total("denominator"), 11)
        XCTAssertEqual(e.records.filter { $0.role == "denominator" }.map(\.key), ["S1", "S3"])
        XCTAssertTrue(e.rows.first?.flags.contains(.provisional) ?? false)
        XCTAssertTrue(Explain.render(e).contains("(clipped to 2024-02-29, provisional)"), Explain.render(e))
        // A month after the settled date has no E01 row: explain says why.
        XCTAssertThrowsError(try fx.measures { try Explain.explain($0, catalogue: try catalogue(), standard: std, code: "E01", unit: "F1",
                                                 period: Period("2024-03")!, asOf: Day(iso: "2024-03-15")!) }) { e in
            XCTAssertTrue("\(e)".contains("starts after the settled date 2024-02-29"), "\(e)")
        }
        // With a lag of 30 days (2024-02-14) the settled date is 2024-01-31: January's 1000 ÷ S1's 10 nights.
        let lagged = try fx.measures { try Explain.explain($0, catalogue: try catalogue(), standard: std, code: "E01", unit: "F1", period: q1,
                                         asOf: Day(iso: "2024-03-15")!, costLagDays: 30) }
        XCTAssertEqual(lagged.period.end.iso, "2024-01-31")
        XCTAssertEqual([lagged.total("numerator"), lagged.total("denominator")], [1000, 10])
    }

    /// A month-given services row in the month in which the clipped period ends: explain lists it
    /// with the share it counts (E04 over 2024-04-01..2024-04-10: 30 × 10 ÷ 30 = 10).
    func testExplainListsAMonthGivenServiceRowInProportion() throws {
        let fx = try FixtureStore()
        try fx.municipality(tA)
        try fx.provider(prov)
        try fx.facility("F2", provider: prov, teryt: tA, type: "shelter", places: 5)
        try fx.service(facility: "F2", date: "2024-04", service: "bed_night", quantity: 30)
        let e = try fx.measures { try Explain.explain($0, catalogue: try catalogue(), standard: Standard(criteria: [], floorAreaPerPlace: [:]),
                                    code: "E04", unit: "F2", period: Period("2024-04")!, asOf: Day(iso: "2024-04-10")!) }
        XCTAssertEqual(e.records.filter { $0.role == "numerator" }.map(\.contribution), [10])
        XCTAssertEqual(e.rows.first?.numerator, 10)
        XCTAssertEqual(e.rows.first?.denominator, 50)
    }

    func testE01AtMunicipalityAndAllSumsTheSameRecords() throws {
        let fx = try e01Fixture()
        for (unit, grain) in [(tA, Grain.municipality), ("all", .all), (prov, .provider)] {
            let e = try fx.measures { try Explain.explain($0, catalogue: try catalogue(), standard: Standard(criteria: [], floorAreaPerPlace: [:]),
                                        code: "E01", unit: unit, period: q1, asOf: asOf) }
            XCTAssertEqual(e.grain, grain)
            XCTAssertEqual(e.total("numerator"), 1820, unit)
            XCTAssertEqual(e.total("denominator"), 18, unit)
        }
    }

    func testS01ListsExitsAndQ04ListsLatestAudits() throws {
        let fx = try e01Fixture()
        try fx.audit(facility: "F1", date: "2024-01-10", criterion: "A1", result: "not_met")   // audits line 2, superseded
        try fx.audit(facility: "F1", date: "2024-02-10", criterion: "A1", result: "met")       // line 3
        try fx.audit(facility: "F1", date: "2024-02-10", criterion: "B2", result: "partial")   // line 4
        let standard = Standard(criteria: [.init(code: "A1", name: "a", weight: 2), .init(code: "B2", name: "b", weight: 1)],
                                floorAreaPerPlace: [:])
        let s01 = try fx.measures { try Explain.explain($0, catalogue: try catalogue(), standard: standard, code: "S01", unit: "F1",
                                      period: q1, asOf: asOf) }
        // Exits in Q1 from F1: S1 (street) and S3 (rented): 1 housing exit of 2.
        XCTAssertEqual(s01.rows.first?.numerator, 1)
        XCTAssertEqual(s01.rows.first?.denominator, 2)
        XCTAssertEqual(s01.records.filter { $0.role == "numerator" }.map(\.key), ["S3"])
        XCTAssertEqual(s01.records.filter { $0.role == "denominator" }.map(\.key), ["S1", "S3"])

        let q04 = try fx.measures { try Explain.explain($0, catalogue: try catalogue(), standard: standard, code: "Q04", unit: "F1",
                                      period: q1, asOf: asOf) }
        XCTAssertEqual(q04.rows.first?.numerator, 2.5)
        XCTAssertEqual(q04.rows.first?.denominator, 3)
        XCTAssertEqual(q04.records.filter { $0.role == "numerator" }.map { "\($0.file):\($0.line)" },
                       ["fixture/audits.csv:3", "fixture/audits.csv:4"])
        XCTAssertEqual(q04.total("numerator"), 2.5)
        XCTAssertEqual(q04.total("denominator"), 3)
    }

    /// S06 by hand (2024Q4: cohort = first housing exits discharged in (2023-01-01, 2024-01-01]):
    /// P5 leaves F1 for a rented flat and is back in a shelter 216 days later (returned); P6 leaves
    /// for his own flat and moves into a supported flat (not a return); P7's first housing exit
    /// was in 2022 (not in the cohort). Q05: a yearly streetworker row (2 FTE) and a November one
    /// (3 FTE): the yearly row gives the value of 2 of the 3 months.
    func testS06ListsTheCohortAndTheReturnsAndQ05SplitsTheFTE() throws {
        let fx = try e01Fixture()
        for p in ["P000005", "P000006", "P000007"] { try fx.person(p, teryt: tA) }
        try fx.facility("F3", provider: prov, teryt: tA, type: "supported_flat", places: 2)
        try fx.stay("R1", person: "P000005", facility: "F1", admitted: "2023-03-01", discharged: "2023-06-30", destination: "rented")
        try fx.stay("R2", person: "P000005", facility: "F2", admitted: "2024-02-01", discharged: "2024-02-10", destination: "street")
        try fx.stay("R3", person: "P000006", facility: "F1", admitted: "2023-05-01", discharged: "2023-07-31", destination: "own_flat")
        try fx.stay("R4", person: "P000006", facility: "F3", admitted: "2023-08-01")
        try fx.stay("R5", person: "P000007", facility: "F1", admitted: "2022-01-01", discharged: "2022-05-01", destination: "own_flat")
        try fx.stay("R6", person: "P000007", facility: "F1", admitted: "2023-01-01", discharged: "2023-06-01", destination: "rented")
        let q4 = Period("2024Q4")!
        let standard = Standard(criteria: [], floorAreaPerPlace: [:])
        let s06 = try fx.measures { try Explain.explain($0, catalogue: try catalogue(), standard: standard, code: "S06", unit: tA,
                                      period: q4, asOf: asOf) }
        XCTAssertEqual(s06.rows.first?.numerator, 1)
        XCTAssertEqual(s06.rows.first?.denominator, 2)
        XCTAssertEqual(s06.records.filter { $0.role == "numerator" }.map(\.key), ["R1"])
        XCTAssertEqual(s06.records.filter { $0.role == "denominator" }.map(\.key), ["R1", "R3"])

        try fx.staff(teryt: tA, period: "2024", role: "streetworker", fte: 2)
        try fx.staff(teryt: tA, period: "2024-11", role: "streetworker", fte: 3)
        let q05 = try fx.measures { try Explain.explain($0, catalogue: try catalogue(), standard: standard, code: "Q05", unit: tA,
                                      period: q4, asOf: asOf) }
        XCTAssertEqual(q05.rows.first?.numerator ?? 0, 7.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(q05.rows.first?.denominator, 100_000)
        // One record per month of Q4 clipped to the as-of (October, November: the monthly row wins
        // over the yearly one); the numerator is their mean.
        XCTAssertEqual(q05.records.filter { $0.role == "numerator" }.map(\.contribution).sorted(), [2, 2, 3])
        XCTAssertEqual(q05.total("numerator"), 7)
        XCTAssertTrue(Explain.render(q05).contains("numerator = mean → 2.333333"), Explain.render(q05))
        XCTAssertEqual(q05.total("denominator"), 100_000)
    }

    func testUnknownMeasureIsRefused() throws {
        let fx = try e01Fixture()
        XCTAssertThrowsError(try fx.measures { try Explain.explain($0, catalogue: try catalogue(), standard: Standard(criteria: [], floorAreaPerPlace: [:]),
                                                 code: "X99", unit: "F1", period: q1, asOf: asOf) })
    }

    /// Through the binary, on an inbox small enough to work out by hand: `miara run` publishes in
    /// measures.csv the values of five measures computed here from the SPEC's definitions (not
    /// from miara's records), and `miara explain --csv` lists the records behind E01 for F1.
    /// Unlike `testRecordsSumToTheRowOnGeneratedData`, this catches a wrong measure file.
    func testMeasuresCSVAndExplainMatchValuesWorkedOutByHand() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-explain-hand-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let files: [String: String] = [
            "inbox/mops/municipalities/m.csv": "teryt,name,year,population\n2464011,Częstochowa,2024,200000\n",
            "inbox/ngo/providers/p.csv": "provider_id,name,legal_form\nKRS:0000184388,Fundacja A,foundation\n",
            "inbox/mops/persons/p.csv": "person_id,sex,birth_year,teryt,first_seen,ethos\nperson01,m,1970,2464011,2023-12-20,2\n"
                + "person02,K,1980,2464011,2024-03-25,3\nperson03,m,1975,2464011,2024-02-01,2\n",
            "inbox/ngo/facilities/f.csv": "facility_id,provider_id,teryt,type,places,floor_area_m2,opened\nF1,KRS:0000184388,2464011,night_shelter,10,40,2020-01-01\n",
            "inbox/ngo/contracts/k.csv": "contract_id,teryt,provider_id,facility_id,service,start,end,amount_pln\nC1,2464011,KRS:0000184388,F1,night_shelter,2024-01-01,2024-12-31,12000\n",
            "inbox/ngo/costs/c.csv": "contract_id,month,category,amount_pln,funding\nC1,2024-01,staff,1000,municipal\nC1,2024-02,food,820,own\nC1,2024-04,staff,500,municipal\n",
            "inbox/ngo/stays/s.csv": "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2023-12-20,2024-01-11,street\n"
                + "S2,person02,F1,2024-03-25,,\nS3,person03,F1,2024-02-01,2024-02-02,rented\n",
            "key": "a-test-key-of-some-length\n",
            "p.yaml": "inbox: inbox\nstore: miara.sqlite\noutputs: out\nas_of: 2024-12-31\nperiods: [2024Q1]\nmin_cell: 1\npseudonym_key_file: key\n",
        ]
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir.appendingPathComponent("key").path)
        let run = try ReportHarness.miara(["run", "--pipeline", "p.yaml"], cwd: dir)
        XCTAssertEqual(run.status, 0, run.err)
        let csv = try String(contentsOf: dir.appendingPathComponent("out/latest/measures.csv"), encoding: .utf8)
        let lines: [[String]] = csv.split(separator: "\n").map { line -> [String] in
            line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header: [String] = lines.first ?? []
        let table: [[String: String]] = lines.dropFirst().filter { $0.count == header.count }.map { (fields: [String]) -> [String: String] in
            Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
        func published(_ measure: String, _ grain: String, _ unit: String, type: String = "") throws -> [String: String] {
            let wanted: [String: String] = ["measure": measure, "period": "2024Q1", "grain": grain, "unit_id": unit,
                                            "facility_type": type, "dimension": ""]
            let rows = table.filter { (row: [String: String]) -> Bool in wanted.allSatisfy { row[$0.key] == $0.value } }
            XCTAssertEqual(rows.count, 1, "\(measure) \(grain) \(unit) \(type)")
            return try XCTUnwrap(rows.first)
        }
        func number(_ row: [String: String], _ column: String) -> Double? { row[column].flatMap(Double.init) }
        // measures.csv rounds to 6 decimals (SPEC 9.1): 101.111111, 0.01978.
        // Bed-nights in 2024Q1 (a stay's nights: admitted up to the day before discharge, within
        // the period and the as-of): S1 1–10 Jan = 10, S2 25–31 Mar = 7, S3 1 Feb = 1; 18 in all.
        // Costs of C1 (F1's contract) in the quarter: 1000 + 820 (April's 500 is outside).
        let e01 = try published("E01", "facility", "F1")
        XCTAssertEqual(number(e01, "numerator"), 1820)
        XCTAssertEqual(number(e01, "denominator"), 18)
        XCTAssertEqual(e01["value"], "101.111111")
        XCTAssertEqual(try published("E01", "all", "all")["value"], "101.111111")
        // Occupancy: 18 bed-nights ÷ (10 places × 91 days of 2024Q1).
        let e04 = try published("E04", "facility", "F1")
        XCTAssertEqual(e04["value"], "0.01978")
        // Housing exit rate: exits in Q1 are S1 (street) and S3 (rented): 1 of 2.
        let s01 = try published("S01", "facility", "F1")
        XCTAssertEqual([number(s01, "numerator"), number(s01, "denominator"), number(s01, "value")], [1, 2, 0.5])
        // Median length of stay over exits in Q1: S1 22 days (20 Dec – 11 Jan), S3 1 day: (1 + 22) / 2.
        let s05 = try published("S05", "facility", "F1", type: "night_shelter")
        XCTAssertEqual(number(s05, "value"), 11.5)
        XCTAssertEqual(number(s05, "n"), 2)
        // Persons served per 10,000: person01–03 ÷ 200,000 × 10,000.
        let s09 = try published("S09", "municipality", "2464011")
        XCTAssertEqual(number(s09, "numerator"), 3)
        XCTAssertEqual(s09["value"], "0.15")

        let records = dir.appendingPathComponent("e01.csv")
        let explain = try ReportHarness.miara(["explain", "E01", "--unit", "F1", "--period", "2024Q1", "--csv", records.path,
                                               "--pipeline", "p.yaml"], cwd: dir)
        XCTAssertEqual(explain.status, 0, explain.err)
        XCTAssertEqual(try String(contentsOf: records, encoding: .utf8).split(separator: "\n").map(String.init), [
            "measure,period,grain,unit_id,role,dataset,file,line,key,person,contribution",
            "E01,2024Q1,facility,F1,numerator,ngo/contracts,ngo/contracts/k.csv,2,C1 (2 cost rows),,1820",
            "E01,2024Q1,facility,F1,denominator,ngo/stays,ngo/stays/s.csv,2,S1,,10",
            "E01,2024Q1,facility,F1,denominator,ngo/stays,ngo/stays/s.csv,3,S2,,7",
            "E01,2024Q1,facility,F1,denominator,ngo/stays,ngo/stays/s.csv,4,S3,,1",
        ])
    }

    /// Explain agrees with compute (not with an independent expectation: see the test above).
    /// On the generated tiny data, iterating the catalogue: for every measure, every row of 2026Q1
    /// and 2026 at every grain, unit, facility type and dimension, the contributions `explain` lists
    /// give the row's numerator, denominator and n (and an aggregate value such as S05's median);
    /// and every measure × grain × published dimension has rows with records, so no kind of row
    /// escapes the check.
    func testRecordsSumToTheRowOnGeneratedData() throws {
        let ws = try workspace()
        let config = try ws.config()
        let store = try Store.open(config.store, .readWrite)
        let catalogue = try MeasureCatalogue.load(from: URL(fileURLWithPath: config.measures))
        let standard = try Standard.load(path: config.standard)
        let asOf = try config.asOf()
        // Every measure of the catalogue, every grain, unit, facility type and dimension.
        let report = try store.measures { try MeasureConsistency.check(db: $0.connections[0], catalogue: catalogue, standard: standard,
                                                  periods: [Period("2026Q1")!, Period("2026")!], asOf: asOf) }
        XCTAssertEqual(report.mismatches.map(\.description), [])
        XCTAssertGreaterThan(report.rowsChecked, 1000)
        // Mid-month with a lag (as-of 2026-10-15, settled 2026-08-31): the cost measures run to the
        // settled date and monthly services count in proportion in October; the contributions
        // still give every row.
        let midMonth = try store.measures { try MeasureConsistency.check(db: $0.connections[0], catalogue: catalogue, standard: standard,
                                                    periods: [Period("2026Q3")!, Period("2026Q4")!, Period("2026-10")!],
                                                    asOf: Day(iso: "2026-10-15")!, costLagDays: 20) }
        XCTAssertEqual(midMonth.mismatches.map(\.description), [])
        XCTAssertGreaterThan(midMonth.rowsChecked, 500)
        XCTAssertTrue(midMonth.rowsWithRecords.keys.contains { $0.measure.raw == "E01" && $0.grain == .all },
                      "E01 of 2026Q3 up to the settled date has records")
        try store.measures { m in try checkEveryKindHasRows(m.connections[0], catalogue: catalogue, standard: standard, report: report, asOf: asOf) }
    }

    func checkEveryKindHasRows(_ db: MeasureConnection, catalogue: MeasureCatalogue, standard: Standard,
                               report: MeasureConsistency.Report, asOf: Day) throws {
        try MeasureEngine.prepare(db, standard: standard)
        var missing: [String] = []
        let year = Period("2026")!.clipped(asOf: asOf)!
        for d in catalogue.definitions {
            // The dimensions the measure publishes ('' alone when it is not split by dimension).
            let dimensions = Set(try MeasureEngine.compute(db: db, definition: d, periods: [year], asOf: asOf).map(\.dimension))
            if dimensions.isEmpty { missing.append("\(d.code.raw): no rows") }
            for g in d.grains {
                for dim in dimensions.sorted() {
                    let kind = MeasureConsistency.Report.Coverage(measure: d.code, grain: g, dimension: dim)
                    if (report.rowsWithRecords[kind] ?? 0) == 0 { missing.append("\(d.code.raw) \(g.rawValue) '\(dim)'") }
                }
            }
        }
        XCTAssertEqual(missing, [], "kinds of rows without a single checked row with records")
        // The check can fail: a catalogue whose E01 numerator counts instead of summing disagrees
        // with the rows computed with the real catalogue.
        var e01 = try XCTUnwrap(catalogue.definition(MeasureCode("E01")))
        let rows = try MeasureEngine.compute(db: db, definition: e01, periods: [Period("2026")!.clipped(asOf: asOf)!], asOf: asOf)
        e01.numerator = RoleAggregate(.count, "numerator")
        let contributions = try MeasureEngine.contributions(db: db, definition: e01, period: Period("2026")!.clipped(asOf: asOf)!, asOf: asOf)
        let all = try XCTUnwrap(rows.first { $0.grain == .all })
        XCTAssertFalse(MeasureConsistency.compare(all, contributions, e01).isEmpty)
    }

    /// For people: the summary by dataset and file, the first 20 records of a role, every record
    /// with `all`, none with `summaryOnly` (what `--csv` prints).
    func testExplainPrintsASummaryAndTheFirstTwentyRecords() throws {
        let ws = try workspace()
        let config = try ws.config()
        let store = try Store.open(config.store, .readWrite)
        let e = try store.measures { try Explain.explain($0, catalogue: try MeasureCatalogue.load(from: URL(fileURLWithPath: config.measures)),
                                    standard: try Standard.load(path: config.standard), code: "E02", unit: "all",
                                    period: Period("2026Q1")!, asOf: try config.asOf()) }
        let persons = e.records.filter { $0.role == "denominator" }
        XCTAssertGreaterThan(persons.count, 20)
        let recordLines = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("    ") }.count }
        let byFile = e.summary("denominator")
        XCTAssertEqual(byFile.map(\.records).reduce(0, +), persons.count)
        let text = Explain.render(e)
        XCTAssertTrue(text.contains("first 20 of \(persons.count) records (--all for every record)"), text)
        XCTAssertTrue(text.contains("  \(byFile[0].dataset)  \(byFile[0].file): \(byFile[0].records) records"), text)
        XCTAssertEqual(recordLines(text), min(20, e.records.filter { $0.role == "numerator" }.count) + 20)
        XCTAssertEqual(recordLines(Explain.render(e, all: true)), e.records.count)
        XCTAssertEqual(recordLines(Explain.render(e, summaryOnly: true)), 0)
        XCTAssertEqual(Explain.csv(e).split(separator: "\n").count, e.records.count + 1)
    }
}
