import Foundation
import MiaraMeasures
import MiaraPipeline
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest

/// The coverage's derived state (`CoverageMonths`): a night queries only the months whose inputs
/// changed and takes the others from the store; the rows are those of a full recomputation.
final class CoverageMonthsTests: XCTestCase {
    /// For random splits of the tiny inbox over nights (in random order, some nights with a
    /// back-dated as-of: other clipped days, rows held back), the coverage of each night equals
    /// `Coverage.compute` over every month of the same store; once every file is in, a night as of
    /// the last date, a night with one services row more (which queries its month alone and counts
    /// the row) and a night with nothing new, which queries no month. Prints its seed (`MIARA_SEED` replays it); `MIARA_COVERAGE_CASES` sets the cases.
    func testCoverageOfTheChangedMonthsOnlyEqualsAFullRecomputation() throws {
        let name = "CoverageMonthsTests.testCoverageOfTheChangedMonthsOnlyEqualsAFullRecomputation"
        var rng = PropertySeed.generator(name)
        let cases = Int(ProcessInfo.processInfo.environment["MIARA_COVERAGE_CASES"] ?? "") ?? 2
        let fm = FileManager.default
        var partial = 0
        for c in 0..<cases {
            let ws = try ReportHarness.workspace(ingested: false)
            let held = ws.dir.appendingPathComponent("held")
            let files = (fm.enumerator(atPath: ws.inbox.path)?.compactMap { $0 as? String } ?? [])
                .filter { FileScan.isRegularFile(ws.inbox.appendingPathComponent($0).path) }.sorted()
            XCTAssertGreaterThan(files.count, 5)
            for rel in files {
                let to = held.appendingPathComponent(rel)
                try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.moveItem(at: ws.inbox.appendingPathComponent(rel), to: to)
            }
            var waiting = files.shuffled(using: &rng)
            var night = 0, settled = 0
            var story: [String] = []
            // After the settled night: one services row more, for a facility without beds in the
            // latest month it has a coverage row in (its month and activity count).
            var added: (month: String, facility: String, activity: Int)?
            while true {
                night += 1
                // Once every file is in: a night as of the last date, a night with one services row
                // more (its month alone is queried), then a night with nothing new.
                if waiting.isEmpty { settled += 1 }
                let last = settled == 3
                if settled == 2, let a = added {
                    try "facility_id,date,service,quantity,person_id\n\(a.facility),\(a.month),meal,1,\n"
                        .write(to: ws.inbox.appendingPathComponent("ngo/services/zz-one-more.csv"), atomically: true, encoding: .utf8)
                }
                let n = waiting.count <= 1 || night == 3 ? waiting.count : Int.random(in: 1...waiting.count, using: &rng)
                for rel in waiting.prefix(n) { try fm.moveItem(at: held.appendingPathComponent(rel), to: ws.inbox.appendingPathComponent(rel)) }
                waiting.removeFirst(n)
                let asOf = settled > 0 ? "2026-10-31" : ["2026-10-31", "2026-09-15", "2026-10-31"].randomElement(using: &rng)!
                let yaml = try String(contentsOf: ws.pipeline, encoding: .utf8).replacingOccurrences(
                    of: #"as_of: \d{4}-\d{2}-\d{2}"#, with: "as_of: \(asOf)", options: .regularExpression)
                try yaml.write(to: ws.pipeline, atomically: true, encoding: .utf8)
                story.append("night \(night) as of \(asOf): \(n) file(s)")
                let config = try ws.config()
                _ = try IngestStage().run(RunContext(config: config, runID: "i\(c)-\(night)", command: "ingest", console: Printer(mode: .quiet)))
                let store = try Store.open(ws.store.path, .readWrite)
                let context = try RunContext(config: config, runID: "c\(c)-\(night)", command: "run", console: Printer(mode: .quiet), store: store)
                var stage = ComputeStage(config: config)
                stage.keepsResults = true
                let r = try stage.run(context)
                let full = try store.read { db in
                    try Coverage.compute(db: db, periods: r.periods, asOf: context.asOf, costLagDays: context.dates.costLagDays)
                }
                XCTAssertEqual(CoverageCSV.text(r.coverage), CoverageCSV.text(full), story.joined(separator: "\n"))
                if settled > 0 { XCTAssertFalse(full.isEmpty) }
                let queried = try XCTUnwrap(r.coverageMonthsQueried)
                if settled == 1 {
                    let row = try XCTUnwrap(full.last { !Codes.bedFacilityTypes.contains($0.facilityType) && $0.activityRows > 0 })
                    added = (row.month, row.facilityID, row.activityRows)
                }
                if settled == 2, let a = added {
                    XCTAssertEqual(queried, [a.month], "one services row more queries its month alone\n" + story.joined(separator: "\n"))
                    XCTAssertEqual(r.coverage.first { $0.month == a.month && $0.facilityID == a.facility }?.activityRows, a.activity + 1)
                }
                if last {
                    XCTAssertEqual(queried, [], "a night with nothing new queries no month\n" + story.joined(separator: "\n"))
                    break
                }
                if queried.count < Coverage.months(of: r.periods, asOf: context.asOf, costLagDays: context.dates.costLagDays).count { partial += 1 }
            }
        }
        print("\(name): \(cases) case(s), \(partial) night(s) that queried only some months")
    }
}
