import Foundation
import MiaraMeasures
import MiaraPipeline
import MiaraReport
@testable import MiaraStore
import MiaraValues
import XCTest

/// `miara explain … --action N`: each plans.csv row of a published run is found again by the
/// drill-down, which recomputes it from the measure's own file for just its two periods (not the
/// run's whole computation), with the plan row's file and line.
final class PlanExplainTests: XCTestCase {
    func testEveryPlansCSVRowIsExplainedWithItsPlanRowAndMeasureRows() throws {
        let ws = try ReportHarness.workspace()
        let run = try ReportHarness.report(ws, runID: "plans-explain")
        let lines = try String(contentsOf: run.runFolder.appendingPathComponent("plans.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map(String.init)
        XCTAssertFalse(lines.isEmpty, "the generated inbox has plans")
        let config = try ws.config()
        let store = try Store.open(ws.store.path, .readWrite)
        let catalogue = try config.measureCatalogue()
        let standard = try Standard.load(path: config.standard)
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let e = try store.measures { try PlanExplain.explain($0, catalogue: catalogue, standard: standard, teryt: f[0], code: f[1],
                                            actionNo: Int(f[2])!, period: Period(f[3])!, asOf: ReportHarness.asOf,
                                            costLagDays: config.costLagDays, minCell: config.minCell) }
            let text = PlanExplain.render(e)
            XCTAssertTrue(text.hasPrefix("plans.csv: \(line)\n"), text)
            XCTAssertTrue(text.contains("plan row: mops/plans/\(f[0])_plan_doskonalenia.csv:"), text)
            // The value measure row it lists is the one plans.csv shows (unless suppressed there).
            if e.row?.flags.contains(.suppressed) != true {
                XCTAssertEqual(e.value.flatMap(\.value).map(CSVText.number) ?? "", f[5], line)
            }
        }
        // A dropped action has no row to explain.
        let dropped = try StoreRecords.plans(store.db.writer).first { $0.state == "dropped" }
        if let d = dropped {
            let e = try store.measures { try PlanExplain.explain($0, catalogue: catalogue, standard: standard, teryt: d.teryt, code: d.measure,
                                            actionNo: d.actionNo, period: Period("2026H1")!, asOf: ReportHarness.asOf,
                                            costLagDays: config.costLagDays, minCell: config.minCell) }
            XCTAssertNil(e.row)
            XCTAssertTrue(PlanExplain.render(e).contains("the action is dropped"))
        } else {
            XCTFail("the generated inbox has a dropped action")
        }
    }
}
