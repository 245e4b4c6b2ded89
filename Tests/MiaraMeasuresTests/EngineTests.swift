import Foundation
import MiaraStore
import MiaraTestSupport
import MiaraValues
import XCTest
@testable import MiaraMeasures

// MARK: Shared helpers for the Economic*, Social* and Engine* tests

/// The package's catalogue, `Pipelines/measures.yaml`.
let catalogueURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Pipelines/measures.yaml")

private let sharedCatalogue = Result { try MeasureCatalogue.load(from: catalogueURL) }

func catalogue() throws -> MeasureCatalogue { try sharedCatalogue.get() }

let noStandard = Standard(criteria: [], floorAreaPerPlace: [:])

/// Municipalities A and B, provider KRS:0000000001 (and KRS:0000000002 with nothing).
let tA = "2464011", tB = "2461011", prov = "KRS:0000000001", prov2 = "KRS:0000000002"

/// `path`: a store in a file (the measures scope then has readers beside the store's connection).
func baseFixture(path: String = ":memory:") throws -> FixtureStore {
    let fx = try FixtureStore(path: path)
    try fx.municipality(tA, name: "Częstochowa", year: 2024, population: 200_000)
    try fx.municipality(tB, name: "Koszalin", year: 2024, population: 100_000)
    try fx.provider(prov)
    try fx.provider(prov2)
    return fx
}

/// Runs one measure of the catalogue over `periods`.
func compute(_ fx: FixtureStore, _ code: String, periods: [String] = ["2024Q1"], asOf: String = "2024-12-31") throws -> [MeasureRow] {
    let cat = try catalogue()
    let def = try XCTUnwrap(cat.definition(MeasureCode(code)), "no \(code) in the catalogue")
    return try fx.measures { try MeasureEngine.compute($0, catalogue: MeasureCatalogue(definitions: [def]),
                                     periods: periods.map { Period($0)! }, asOf: Day(iso: asOf)!, standard: noStandard) }
}

/// The single row of a grain and unit (and facility type), failing the test when absent.
func row(_ rows: [MeasureRow], _ grain: Grain, _ unit: String, type: String = "",
         file: StaticString = #filePath, line: UInt = #line) throws -> MeasureRow {
    let found = rows.filter { $0.grain == grain && $0.unitID == unit && $0.facilityType == type }
    XCTAssertEqual(found.count, 1, "rows for \(grain) \(unit) \(type)", file: file, line: line)
    return try XCTUnwrap(found.first, file: file, line: line)
}

func assertValue(_ r: MeasureRow, _ expected: Double?, num: Double? = nil, den: Double? = nil,
                 file: StaticString = #filePath, line: UInt = #line) {
    if let expected {
        XCTAssertEqual(try XCTUnwrap(r.value, "\(r.grain) \(r.unitID): no value", file: file, line: line), expected,
                       accuracy: 1e-9, file: file, line: line)
        XCTAssertFalse(r.flags.contains(.no_denominator), file: file, line: line)
    } else {
        XCTAssertNil(r.value, file: file, line: line)
        XCTAssertTrue(r.flags.contains(.no_denominator), "\(r.grain) \(r.unitID) flags \(r.flags)", file: file, line: line)
    }
    if let num { XCTAssertEqual(r.numerator, num, file: file, line: line) }
    if let den { XCTAssertEqual(r.denominator, den, file: file, line: line) }
}

// MARK: Engine and catalogue

final class EngineTests: XCTestCase {
    func testCatalogueHasEveryMeasureOfSpec6() throws {
        let cat = try catalogue()
        let codes = cat.definitions.map(\.code.raw)
        XCTAssertEqual(codes, (1...8).map { "E0\($0)" } + (1...9).map { "S0\($0)" }
                       + (1...11).map { $0 < 10 ? "Q0\($0)" : "Q\($0)" })
        // The person counts of disclosure control: the denominator, n, the numerator, or none.
        let counts: [PersonCountSource: [String]] = [
            .denominator: ["E02", "E03", "E08", "S01", "S02", "S03", "S04", "S06", "S07"],
            .n: ["S05", "Q01", "Q02", "Q03", "Q09", "Q10", "Q11"], .numerator: ["S08", "S09", "Q06"],
        ]
        for d in cat.definitions {
            let expected = counts.first { $0.value.contains(d.code.raw) }?.key ?? PersonCountSource.none
            XCTAssertEqual(d.personCount, expected, d.code.raw)
            XCTAssertNotNil(d.sqlText, d.code.raw)
            XCTAssertEqual(d.benchmarked, d.code.raw != "S05", d.code.raw)
            XCTAssertEqual(d.family.rawValue.first?.uppercased(), d.code.raw.first.map(String.init), d.code.raw)
        }
        let e01 = try XCTUnwrap(cat.definition(MeasureCode("E01")))
        XCTAssertEqual(e01.unit, "PLN"); XCTAssertEqual(e01.direction, .lowerIsBetter)
        XCTAssertEqual(e01.grains, [.facility, .provider, .municipality, .all])
        XCTAssertEqual(cat.definition(MeasureCode("S05"))?.split, .facilityType)
        XCTAssertEqual(cat.definition(MeasureCode("S09"))?.unit, "per 10k")
        XCTAssertEqual(cat.definition(MeasureCode("Q01"))?.unit, "score 1–5")
        XCTAssertEqual(cat.definition(MeasureCode("Q01"))?.split, .dimension)
        XCTAssertEqual(cat.definition(MeasureCode("Q08"))?.unit, "m²")
        XCTAssertEqual(cat.definition(MeasureCode("Q05"))?.norm, MeasureNorm(min: 2))
        XCTAssertEqual(cat.definition(MeasureCode("Q06"))?.norm, MeasureNorm(max: 10))
        XCTAssertEqual(cat.definition(MeasureCode("Q07"))?.norm, MeasureNorm(max: 2000))
        XCTAssertEqual(cat.definition(MeasureCode("Q08"))?.norm, MeasureNorm(standard: "floor_area"))
        XCTAssertNil(cat.definition(MeasureCode("X99")))
    }

    private func loadError(_ yaml: String) throws -> MiaraError.Location? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-cat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("measures.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        do { _ = try MeasureCatalogue.load(from: url); return nil } catch let e as MiaraError { return e.location }
    }

    private func entry(_ code: String, unit: String = "PLN", direction: String = "\"-\"", grains: String = "[all]",
                       extra: String = "") -> String {
        """
          - code: \(code)
            name_pl: a
            name_en: b
            unit: \(unit)
            direction: \(direction)
            grains: \(grains)
            person_count: none
            formula_pl: f
            formula_en: f
            sql: measures/\(code).sql\(extra)
            family: economic
            numerator: sum

        """
    }

    func testCatalogueErrorsNameLineAndKey() throws {
        let dup = try XCTUnwrap(try loadError("measures:\n" + entry("E01") + entry("E01")))
        XCTAssertEqual(dup.key, "code"); XCTAssertEqual(dup.line, 14)
        XCTAssertTrue(dup.text.contains("measures.yaml:14: code"), dup.text)
        let grain = try XCTUnwrap(try loadError("measures:\n" + entry("E01", grains: "[all, city]")))
        XCTAssertEqual(grain.key, "grains"); XCTAssertEqual(grain.line, 7)
        let unit = try XCTUnwrap(try loadError("measures:\n" + entry("E01", unit: "zł")))
        XCTAssertEqual(unit.key, "unit"); XCTAssertEqual(unit.line, 5)
        let dir = try XCTUnwrap(try loadError("measures:\n" + entry("E01", direction: "up")))
        XCTAssertEqual(dir.key, "direction"); XCTAssertEqual(dir.line, 6)
        let unknown = try XCTUnwrap(try loadError("measures:\n" + entry("E01", extra: "\n    colour: red")))
        XCTAssertEqual(unknown.key, "colour"); XCTAssertEqual(unknown.line, 12)
        XCTAssertNil(try loadError("measures:\n" + entry("E01")))
    }

    func testMissingSQLFileIsAClearError() throws {
        let cat = try catalogue()
        let d = try XCTUnwrap(cat.definition(MeasureCode("E01")))
        var missing = d
        missing.sqlPath = "measures/NOPE.sql"; missing.sqlURL = URL(fileURLWithPath: "/nonexistent/NOPE.sql"); missing.sqlText = nil
        let fx = try baseFixture()
        XCTAssertThrowsError(try fx.measures { try MeasureEngine.compute($0, catalogue: MeasureCatalogue(definitions: [missing]),
                                                       periods: [Period("2024")!], asOf: Day(iso: "2024-12-31")!,
                                                       standard: noStandard) }) { error in
            XCTAssertTrue("\(error)".contains("measures/NOPE.sql does not exist"), "\(error)")
            XCTAssertTrue("\(error)".contains("E01"), "\(error)")
        }
    }

    func testAQueryThatWouldChangeTheStoreIsRefused() throws {
        let cat = try catalogue()
        let d = try XCTUnwrap(cat.definition(MeasureCode("E01")))
        let writing = MeasureDefinition(code: d.code, namePL: d.namePL, nameEN: d.nameEN, unit: d.unit, direction: d.direction,
                                        grains: d.grains, split: d.split, norm: d.norm, personCount: d.personCount,
                                        formulaPL: d.formulaPL, formulaEN: d.formulaEN, sqlPath: "measures/E01.sql",
                                        sqlURL: d.sqlURL, sqlText: """
                                            DELETE FROM staged_stays RETURNING 'all', '', NULL, '', 1, 1, NULL, NULL
                                            """, line: d.line)
        let fx = try baseFixture()
        try fx.stay("S9", person: "P000001", facility: "F1", admitted: "2024-01-10", discharged: "2024-01-20", destination: "rented")
        XCTAssertThrowsError(try fx.measures { try MeasureEngine.compute($0, catalogue: MeasureCatalogue(definitions: [writing]),
                                                       periods: [Period("2024")!], asOf: Day(iso: "2024-12-31")!,
                                                       standard: noStandard) }) { error in
            XCTAssertTrue("\(error)".contains("may only read"), "\(error)")
        }
        XCTAssertEqual(try fx.store.count("stays"), 1)
    }

    func testPeriodStartingAfterAsOfGivesNoRows() throws {
        let fx = try baseFixture()
        XCTAssertTrue(try compute(fx, "E06", periods: ["2024Q3"], asOf: "2024-06-30").isEmpty)
        // 2024Q2 ends on the as-of date: not clipped, not provisional.
        let q2 = try compute(fx, "E06", periods: ["2024Q2", "2024Q3"], asOf: "2024-06-30")
        XCTAssertFalse(q2.isEmpty)
        XCTAssertTrue(q2.allSatisfy { $0.period.text == "2024Q2" && !$0.flags.contains(.provisional) })
    }

    func testClippedPeriodIsProvisionalAndCountsToAsOf() throws {
        let fx = try baseFixture()
        try fx.facility("F1", provider: prov, teryt: tA, type: "night_shelter", places: 10)
        try fx.person("P000001", teryt: tA)
        try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2023-06-01")
        let rows = try compute(fx, "E04", periods: ["2024Q1"], asOf: "2024-02-15")
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0.flags.contains(.provisional) })
        // Clipped Q1 = 2024-01-01..2024-02-15 = 31 + 15 = 46 days; the ongoing stay runs to e:
        // 46 bed-nights ÷ (10 places × 46 days) = 0.1.
        assertValue(try row(rows, .facility, "F1"), 0.1, num: 46, den: 460)
    }

    func testRowsOutsideTheCatalogueGrainsAreDropped() throws {
        let fx = try baseFixture()
        let d = try XCTUnwrap(try catalogue().definition(MeasureCode("E06")))
        var onlyAll = d
        onlyAll.grains = [.all]
        let rows = try fx.measures { try MeasureEngine.compute($0, catalogue: MeasureCatalogue(definitions: [onlyAll]),
                                             periods: [Period("2024")!], asOf: Day(iso: "2024-12-31")!, standard: noStandard) }
        XCTAssertEqual(rows.map(\.grain), [.all])
        XCTAssertEqual(rows.first?.unit, "share")
    }

    func testNamedParametersAreNumberedOutsideStringsAndComments() throws {
        let (sql, used) = try MeasureEngine.numberParameters("SELECT :e, ':s' -- :s\n/* :ps */ , \":asof\", :days")
        XCTAssertEqual(sql, "SELECT ?2, ':s' -- :s\n/* :ps */ , \":asof\", ?7")
        XCTAssertEqual(used, 7)
        XCTAssertThrowsError(try MeasureEngine.numberParameters("SELECT :start"))
    }

    func testWholeCatalogueRunsOnAnEmptyStore() throws {
        let fx = try baseFixture()
        let cat = try catalogue()
        let defs = cat.definitions
        let rows = try fx.measures { try MeasureEngine.compute($0, catalogue: MeasureCatalogue(definitions: defs),
                                             periods: [Period("2024")!], asOf: Day(iso: "2024-12-31")!, standard: noStandard) }
        // Every measure gives its municipality rows for A and B even without data.
        for d in defs where d.grains.contains(.municipality) {
            XCTAssertTrue(rows.contains { $0.measure == d.code && $0.grain == .municipality && $0.unitID == tB }, d.code.raw)
        }
        XCTAssertEqual(rows.map(\.sortKey), rows.map(\.sortKey).sorted { $0.lexicographicallyPrecedes($1) })
    }
}
