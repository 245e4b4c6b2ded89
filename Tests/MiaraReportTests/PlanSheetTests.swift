import Foundation
import MiaraPipeline
import MiaraValues
import XCTest

/// The improvement-plan sheets (SPEC 12) read back from the files: the municipal sheet lists the
/// plans.csv rows of its municipality with their assessment, then the headline period's
/// below-average measures (benchmark.csv) that no plan row other than `dropped` covers; the
/// benchmark workbook's counts add up to benchmark.csv's below-average rows.
final class PlanSheetTests: XCTestCase {
    func csv(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func testThePlanSheetShowsPlansCSVAndTheUncoveredBelowAverageMeasures() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("no python3") }
        let ws = try ReportHarness.workspace()
        let run = try ReportHarness.report(ws, runID: "plan-sheet")
        let teryt = "2464011"
        let plans = try csv(run.runFolder.appendingPathComponent("plans.csv")).filter { $0[0] == teryt }
        let benchmark = try csv(run.runFolder.appendingPathComponent("benchmark.csv"))
        XCTAssertFalse(plans.isEmpty, "the generated inbox has a plan for \(teryt)")
        let books = try ReadBack.load([run.runFolder.appendingPathComponent("gmina-\(teryt).xlsx"),
                                       run.runFolder.appendingPathComponent("benchmark.xlsx")])
        let sheet = try XCTUnwrap(books["gmina-\(teryt).xlsx"]?.sheet("Plan doskonalenia"))
        func cell(_ r: Int, _ c: Int) -> String? { sheet.cells.first { $0.r == r && $0.c == c }?.v }
        let header = sheet.cells.filter { $0.v == "Półrocze" }.map(\.r).first!
        XCTAssertEqual(sheet.freeze, "A\(header + 1)")
        // Monitored lines: those with a half-year, in order.
        let lines = (header + 1...header + 40).filter { cell($0, 10) != nil }
        XCTAssertEqual(lines.map { [cell($0, 1)!, cell($0, 3)!, cell($0, 10)!] }, plans.map { [$0[1], $0[2], $0[3]] })
        let labels = ["met": "cel osiągnięty", "on_track": "zgodnie z planem", "behind": "opóźnienie", "overdue": "po terminie",
                      "no_value": "brak wartości"]
        XCTAssertEqual(lines.map { cell($0, 16)! }, plans.map { "● " + labels[$0[9]]! })

        // Below average in 2026 (the headline year) without a plan row other than dropped.
        let below = benchmark.filter { $0[1] == "2026" && $0[2] == teryt && $0[13].split(separator: ";").contains("below_average") }.map { $0[0] }
        let covered = Set(plans.map { $0[1] })   // the dropped E02 has no plans.csv rows; the others all started
        let title = sheet.cells.first { $0.v.hasPrefix("Miary poniżej średniej w 2026") }!.r
        let listed = (title + 2...title + 40).compactMap { cell($0, 1) }
        XCTAssertEqual(listed.sorted(), below.filter { !covered.contains($0) }.sorted())   // the sheet: catalogue order

        // Benchmark workbook: with + without = below average, per municipality.
        let counts = try XCTUnwrap(books["benchmark.xlsx"]?.sheet("Plany doskonalenia"))
        func count(_ r: Int, _ c: Int) -> Int { Int(Double(counts.cells.first { $0.r == r && $0.c == c }?.v ?? "") ?? -1) }
        for r in 2...counts.cells.map(\.r).max()! {
            guard let t = counts.cells.first(where: { $0.r == r && $0.c == 1 })?.v, t.count == 7 else { continue }
            let n = benchmark.filter { $0[1] == "2026" && $0[2] == t && $0[13].split(separator: ";").contains("below_average") }.count
            XCTAssertEqual(count(r, 3), n, t)
            XCTAssertEqual(count(r, 4) + count(r, 5), n, t)
            if t == teryt { XCTAssertEqual(count(r, 4), below.filter { covered.contains($0) }.count) }
        }
    }
}
