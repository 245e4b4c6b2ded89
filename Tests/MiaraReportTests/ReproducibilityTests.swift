import Foundation
import MiaraPipeline
import MiaraReport
import XCTest

/// SPEC 9.3: the same inputs and as-of give byte-identical CSVs and workbooks; the manifests of
/// two such runs differ only in `run_id`, `started_at`, `timings` and the run an output was
/// copied from (`reused_from`).
final class ReproducibilityTests: XCTestCase {
    func testTwoReportRunsGiveByteIdenticalCSVsAndWorkbooks() throws {
        let ws = try workspace()
        let a = try ReportHarness.report(ws, runID: "20261101T023000Z-1")
        let b = try ReportHarness.report(ws, runID: "20261101T023500Z-2")
        let filesA = try RunFolder.files(in: a.runFolder), filesB = try RunFolder.files(in: b.runFolder)
        XCTAssertEqual(filesA, filesB)
        XCTAssertTrue(filesA.contains { $0.hasSuffix(".xlsx") })
        var differing: [String] = []
        for f in filesA where f != RunFolder.manifestName {
            if try Data(contentsOf: a.runFolder.appendingPathComponent(f)) != Data(contentsOf: b.runFolder.appendingPathComponent(f)) {
                differing.append(f)
            }
        }
        XCTAssertEqual(differing, [], "outputs that differ between two runs on the same store and as-of")
    }

    func testCSVsAreByteIdenticalAcrossRuns() throws {
        let ws = try workspace()
        let a = try ReportHarness.report(ws, runID: "run-1")
        let b = try ReportHarness.report(ws, runID: "run-2")
        for f in ["measures.csv", "benchmark.csv", "rejects.csv"] {
            XCTAssertEqual(try Data(contentsOf: a.runFolder.appendingPathComponent(f)),
                           try Data(contentsOf: b.runFolder.appendingPathComponent(f)), f)
        }
    }

    func testManifestsDifferOnlyInRunIDStartTimeAndTimings() throws {
        let ws = try workspace()
        var a = try ReportHarness.report(ws, runID: "run-1").manifest
        var b = try ReportHarness.report(ws, runID: "run-2").manifest
        a.runID = ""; b.runID = ""
        a.startedAt = ""; b.startedAt = ""
        a.timings = .init(); b.timings = .init()
        // Every CSV hash must agree (the workbooks' hashes are checked byte for byte above); the
        // second run copies the compute CSVs from the first (`reused_from`), with the same bytes.
        XCTAssertEqual(b.outputs.filter { $0.reusedFrom == "run-1" }.map(\.path).filter { $0.hasSuffix(".csv") },
                       ["benchmark.csv", "coverage.csv", "measures.csv", "plans.csv"])
        let csv = { (m: Manifest) in m.outputs.filter { $0.path.hasSuffix(".csv") }.map { o -> Manifest.Output in
            var o = o
            o.reusedFrom = nil
            return o
        } }
        XCTAssertEqual(csv(a), csv(b))
        a.outputs = csv(a); b.outputs = csv(b)
        XCTAssertEqual(a, b)
    }
}
