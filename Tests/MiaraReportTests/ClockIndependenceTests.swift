import Foundation
import MiaraPipeline
import MiaraReport
import MiaraStore
import XCTest

/// Outputs depend on the inputs and the as-of date, never on the clock: two stores holding the same
/// files, ingested on different days (every clock value in them differs), give byte-identical CSVs
/// and workbooks.
final class ClockIndependenceTests: XCTestCase {
    func testSameInputsIngestedOnOtherDaysGiveTheSameOutputs() throws {
        let a = try workspace(), b = try workspace()
        // Store b was ingested years later: every time the store records is different.
        let db = try SQLiteDatabase(path: b.store.path)
        try db.execute("UPDATE files SET ingested_at = '2031-07-04T23:59:59Z'")
        XCTAssertGreaterThan(try db.scalar("SELECT count(*) FROM files WHERE ingested_at LIKE '2031-%'")?.int ?? 0, 0)
        let ra = try ReportHarness.report(a, runID: "run-a")
        let rb = try ReportHarness.report(b, runID: "run-b")
        let files = try RunFolder.files(in: ra.runFolder).filter { $0 != RunFolder.manifestName }
        XCTAssertEqual(files, try RunFolder.files(in: rb.runFolder).filter { $0 != RunFolder.manifestName })
        XCTAssertTrue(files.contains { $0.hasSuffix(".xlsx") })
        for f in files {
            let x = try Data(contentsOf: ra.runFolder.appendingPathComponent(f))
            let y = try Data(contentsOf: rb.runFolder.appendingPathComponent(f))
            XCTAssertTrue(x == y, "\(f) differs between the two stores")
        }
    }
}
