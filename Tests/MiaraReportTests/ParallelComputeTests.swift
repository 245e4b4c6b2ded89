import Foundation
import MiaraMeasures
import MiaraPipeline
@testable import MiaraStore
import XCTest

/// Measures computed on several connections at once equal those computed on one.
final class ParallelComputeTests: XCTestCase {
    func testParallelComputeGivesTheSameCSVsAsSequential() throws {
        let ws = try ReportHarness.workspace()
        let store = try Store.open(ws.store.path, .readWrite)
        var csvs: [String] = []
        for jobs in [1, 3] {
            var stage = ComputeStage(config: try ws.config())
            stage.parallelism = jobs
            var timed: [String] = []
            stage.timing = { code, _, _ in timed.append(code.raw) }
            let r = try stage.run(try RunContext(config: try ws.config(), command: "compute", console: Printer(mode: .quiet), store: store))
            XCTAssertGreaterThan(r.measures.count, 1000)
            // timing lines come once per measure, in catalogue order, whatever the scheduling
            XCTAssertEqual(Array(timed.dropLast()), r.catalogue.definitions.map(\.code.raw))
            csvs.append(MeasuresCSV.measures(r.measures) + MeasuresCSV.benchmark(r.benchmark))
        }
        XCTAssertEqual(csvs[0], csvs[1])
    }
}
