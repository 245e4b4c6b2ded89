import Foundation
import MiaraPipeline
import MiaraReport
@testable import MiaraStore
@testable import MiaraTestSupport
import XCTest

/// Outputs depend on the inputs and the as-of date, never on the clock: the same inbox run through
/// the binary twice from scratch, at two moments, in two time zones 26 hours apart (so the two runs
/// see different local dates and times, whatever the hour), with two locales, gives byte-identical
/// CSVs and workbooks. Only the manifest (run id, clock times) may differ.
final class ClockIndependenceTests: XCTestCase {
    func testTheSameInboxRunAtOtherTimesInOtherTimeZonesGivesTheSameOutputs() throws {
        let zones = ["Pacific/Kiritimati", "Etc/GMT+12"]   // UTC+14 and UTC−12
        let now = Date()
        let localDays = zones.map { zone -> String in
            let f = DateFormatter()
            f.timeZone = TimeZone(identifier: zone)
            f.dateFormat = "yyyy-MM-dd"
            return f.string(from: now)
        }
        XCTAssertNotEqual(localDays[0], localDays[1], "the two runs see two local dates")
        var folders: [URL] = []
        var ingested: [String] = []
        for (zone, locale) in zip(zones, ["pl_PL.UTF-8", "C"]) {
            let ws = try workspace(ingested: false)
            let r = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path], cwd: ws.dir,
                                            environment: ["TZ": zone, "LC_ALL": locale, "LANG": locale])
            XCTAssertEqual(r.status, 3, "the generated inbox has a file over the reject share: " + r.err)
            let latest = ws.outputs.appendingPathComponent("latest").resolvingSymlinksInPath()
            folders.append(latest)
            let db = try SQLiteDatabase(path: ws.store.path)
            ingested.append(try db.scalar("SELECT max(ingested_at) FROM files")?.text ?? "")
            // The next run starts at least a second later.
            Thread.sleep(forTimeInterval: 1.1)
        }
        XCTAssertNotEqual(ingested[0], ingested[1], "the stores recorded two different clock times")
        let files = try RunFolder.files(in: folders[0]).filter { $0 != RunFolder.manifestName }
        XCTAssertEqual(files, try RunFolder.files(in: folders[1]).filter { $0 != RunFolder.manifestName })
        XCTAssertTrue(files.contains("measures.csv") && files.contains { $0.hasSuffix(".xlsx") }, "\(files)")
        for f in files {
            let x = try Data(contentsOf: folders[0].appendingPathComponent(f))
            let y = try Data(contentsOf: folders[1].appendingPathComponent(f))
            XCTAssertTrue(x == y, "\(f) differs between the two runs")
        }
    }
}
