import Foundation
import MiaraPipeline
import MiaraValues
import XCTest

/// `previous_year` keeps the year just closed: the January runs of `Pipelines/nightly.yaml`.
final class PeriodsKeywordTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testPreviousYearIsTheWholeYearBeforeTheAsOfYear() throws {
        let p = try Period.expand(["previous_year"], asOf: Day(iso: "2026-07-15")!).get()
        XCTAssertEqual(p.map(\.text), ["2025"])
        let clipped = try XCTUnwrap(p[0].clipped(asOf: Day(iso: "2026-07-15")!))
        XCTAssertFalse(clipped.provisional)
        XCTAssertEqual(clipped.days, 365)
    }

    func testJanuaryNightlyRunKeepsTheClosedYear() throws {
        let config = try PipelineConfig.load(path: Self.repo.appendingPathComponent("Pipelines/nightly.yaml").path)
        XCTAssertEqual(config.periods, ["previous_year", "year", "halves", "quarters"])
        // The run of 4 January 2027 with as_of: yesterday.
        let context = try RunContext(config: config, command: "run", console: Printer(mode: .quiet), today: Day(iso: "2027-01-04")!)
        XCTAssertEqual(context.asOf.iso, "2027-01-03")
        XCTAssertEqual(context.periods.map(\.text), ["2026", "2027", "2027H1", "2027H2", "2027Q1", "2027Q2", "2027Q3", "2027Q4"])
        // 2026 is whole and final; the new year is provisional, its later parts produce no rows.
        XCTAssertEqual(context.periods[0].clipped(asOf: context.asOf)?.provisional, false)
        XCTAssertEqual(context.periods[1].clipped(asOf: context.asOf)?.provisional, true)
        XCTAssertNil(context.periods[3].clipped(asOf: context.asOf))
    }

    func testWithoutTheKeywordJanuaryLosesTheClosedYear() throws {
        var config = PipelineConfig()
        config.asOfText = "2027-01-03"
        XCTAssertFalse(try config.resolvedPeriods(asOf: config.asOf()).map(\.text).contains("2026"))
    }

    func testUnknownPeriodKeywordNamesTheKeywords() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-periods-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = dir.appendingPathComponent("p.yaml")
        try "periods: [last_year]\n".write(to: p, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PipelineConfig.load(path: p.path)) { e in
            XCTAssertTrue("\(e)".contains("p.yaml:1: periods:"), "\(e)")
            XCTAssertTrue("\(e)".contains("previous_year"), "\(e)")
        }
    }

    /// `headline` (SPEC 11): year, previous_year or YYYY; anything else names file, line and key.
    func testHeadlineKeyIsReadAndCheckedWithItsLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-headline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = dir.appendingPathComponent("p.yaml")
        XCTAssertEqual(try PipelineConfig.load(path: p.path, writing: "lang: pl\n").headline, .year)
        XCTAssertEqual(try PipelineConfig.load(path: p.path, writing: "headline: previous_year\n").headline, .previousYear)
        XCTAssertEqual(try PipelineConfig.load(path: p.path, writing: "headline: 2025\n").headline, .fixed(2025))
        XCTAssertThrowsError(try PipelineConfig.load(path: p.path, writing: "lang: pl\nheadline: last_year\n")) { e in
            XCTAssertTrue("\(e)".contains("p.yaml:2: headline:"), "\(e)")
        }
    }

    func testOneContextResolvesTheAsOfDateOnce() throws {
        var config = PipelineConfig()
        config.asOfText = "yesterday"
        let context = try RunContext(config: config, console: Printer(mode: .quiet), today: Day(iso: "2026-12-01")!)
        // Stages read the context, not the clock: a run crossing midnight keeps its date.
        XCTAssertEqual(context.asOf.iso, "2026-11-30")
        XCTAssertEqual(context.catalogue.definitions.count, 28)
        XCTAssertEqual(context.questionnaires.keys.sorted().first, "mieszkancy")
    }
}

extension PipelineConfig {
    /// Writes `text` to `path`, then loads it.
    static func load(path: String, writing text: String) throws -> PipelineConfig {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try load(path: path)
    }
}
