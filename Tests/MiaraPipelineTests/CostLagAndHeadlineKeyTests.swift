import Foundation
import MiaraPipeline
import MiaraValues
import XCTest

/// The pipeline keys `cost_lag_days` (SPEC 5, 11) and `headline` (SPEC 9.2, 11): read, checked
/// (a bad value names file, line and key) and handed to the run.
final class CostLagAndHeadlineKeyTests: XCTestCase {
    private func load(_ yaml: String) throws -> PipelineConfig {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = dir.appendingPathComponent("p.yaml")
        try yaml.write(to: p, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: p.path)
    }

    private func assertConfigError(_ yaml: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try load(yaml), file: file, line: line) { e in
            XCTAssertTrue("\(e)".contains(expected), "\(e)", file: file, line: line)
        }
    }

    func testDefaultsAreNoLagAndTheAsOfYear() throws {
        let c = try load("min_cell: 5\n")
        XCTAssertEqual(c.costLagDays, 0)
        XCTAssertEqual(c.headline, .year)
    }

    func testKeysAreReadAndReachTheRun() throws {
        var c = try load("as_of: 2026-12-04\ncost_lag_days: 15\nheadline: previous_year\n")
        XCTAssertEqual(c.costLagDays, 15)
        XCTAssertEqual(c.headline, .previousYear)
        let context = try RunContext(config: c, console: Printer(mode: .quiet), today: Day(iso: "2026-12-05")!)
        // 2026-12-04 − 15 days = 2026-11-19: November is not settled, October is.
        XCTAssertEqual(context.dates.settled.iso, "2026-10-31")
        XCTAssertEqual(context.headline.year(asOf: context.asOf), 2025)
        c = try load("headline: 2024\n")
        XCTAssertEqual(c.headline, .fixed(2024))
        XCTAssertEqual(c.headline.description, "2024")
        XCTAssertEqual(try load("headline: YEAR\n").headline, .year)
    }

    func testBadValuesAreConfigurationErrorsNamingFileLineAndKey() {
        assertConfigError("min_cell: 5\ncost_lag_days: -1\n", "p.yaml:2: cost_lag_days:")
        assertConfigError("cost_lag_days: 1.5\n", "p.yaml:1: cost_lag_days:")
        assertConfigError("cost_lag_days: fifteen\n", "expected a whole number")
        assertConfigError("lang: pl\nheadline: last_year\n", "p.yaml:2: headline:")
        assertConfigError("headline: 2026H1\n", "expected year, previous_year or a year YYYY")
        assertConfigError("headline: [2025]\n", "p.yaml:1: headline:")
    }

    /// The nightly pipeline waits 15 days for a month's costs.
    func testNightlyPipelineWaitsForMidMonthCostReports() throws {
        let config = try PipelineConfig.load(path: PeriodsKeywordTests.repo.appendingPathComponent("Pipelines/nightly.yaml").path)
        XCTAssertEqual(config.costLagDays, 15)
    }
}
