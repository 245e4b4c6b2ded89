import Foundation
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest

/// The store's record functions return what was written, decoded field by field.
final class StoreRecordsTests: XCTestCase {
    /// The run-log bracket (`RunLog.withRun`): `running` while the body runs, `done` with the
    /// manifest the body hands to `done`, `failed` when the body throws (its error rethrown).
    func testRecordingBracketsARun() throws {
        let db = try FixtureStore().db.writer
        struct Boom: Error {}
        let value = try RunLog.withRun(db, runID: "ok", command: "report", asOf: "2026-11-30",
                                       startedAt: "2026-12-01T01:00:00Z") { run -> Int in
            XCTAssertEqual(try RunLog.recent(db).map(\.status), ["running"])
            try run.done(manifest: "{\"a\":1}\n")
            return 42
        }
        XCTAssertEqual(value, 42)
        XCTAssertThrowsError(try RunLog.withRun(db, runID: "boom", command: "run", asOf: "2026-11-30",
                                                  startedAt: "2026-12-01T02:00:00Z") { _ in throw Boom() }) { XCTAssertTrue($0 is Boom) }
        let runs = try RunLog.recent(db)
        XCTAssertEqual(runs.map(\.runID), ["boom", "ok"])
        XCTAssertEqual(runs.map(\.status), ["failed", "done"])
        XCTAssertEqual(runs.map(\.command), ["run", "report"])
        XCTAssertEqual(runs[1].manifest, "{\"a\":1}\n")
        XCTAssertNil(runs[0].manifest)
        XCTAssertNotNil(runs[0].finishedAt)
    }

    func testRunsAndStagesRoundTrip() throws {
        let db = try FixtureStore().db.writer
        try RunLog.begin(db, runID: "r1", command: "report", asOf: "2026-11-30", startedAt: "2026-12-01T01:00:00Z")
        try RunLog.begin(db, runID: "r2", command: "run", asOf: "2026-11-30", startedAt: "2026-12-01T02:00:00Z")
        XCTAssertEqual(try RunLog.recent(db).map(\.status), ["running", "running"])
        try RunLog.finish(db, runID: "r1", status: "done", manifest: "{}\n")
        XCTAssertEqual(try RunLog.failAbandoned(db), ["r2"])
        let runs = try RunLog.recent(db, limit: 5)
        XCTAssertEqual(runs.map(\.runID), ["r2", "r1"])
        XCTAssertEqual(runs.map(\.status), ["failed", "done"])
        XCTAssertEqual(runs[1].manifest, "{}\n")
        XCTAssertEqual(runs[1].manifestSHA256, FileScan.sha256(Data("{}\n".utf8)))
        XCTAssertEqual(try RunLog.manifestSHA256(db, runID: "r1"), .some(FileScan.sha256(Data("{}\n".utf8))))
        XCTAssertEqual(try RunLog.manifestSHA256(db, runID: "r2"), .some(nil))
        XCTAssertNil(try RunLog.manifestSHA256(db, runID: "unknown") as String??)

        struct Boom: Error {}
        try StageLog.record(db, runID: "r1", "compute", rows: { $0 }) { 7 }
        XCTAssertThrowsError(try StageLog.record(db, runID: "r1", "report") { throw Boom() })
        let stages = try StageLog.stages(db, runID: "r1")
        XCTAssertEqual(stages.map(\.stage), ["compute", "report"])
        XCTAssertEqual(stages.map(\.rows), [7, nil])
        XCTAssertEqual(stages.map(\.outcome), ["done", "failed"])
        XCTAssertNotNil(stages[0].finishedAt)
    }

    func testFilesRejectsAndTheNightAFileWasRead() throws {
        let fx = try FixtureStore()
        try fx.municipality("2464011", name: "Katowice")
        try fx.provider("KRS:0000000001", name: "Przystań")
        try fx.facility("F1", provider: "KRS:0000000001", teryt: "2464011", type: "night_shelter", places: 10, opened: "2020-01-01")
        try fx.person("P000001", teryt: "2464011")
        try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2026-11-20")
        let stays = try fx.file(for: Datasets.named("ngo/stays")!)
        let db = fx.db.writer

        XCTAssertEqual(try StoreRecords.files(db).first { $0.id == stays }?.runAsOf, nil)
        // The admitted date's timeliness buckets of the stay's municipality (0, 1–3, 4–6, 7–10, 11+ days).
        let delays = { try QualitySegments.load(db, asOf: "2026-11-30", reuse: nil).timeliness["2464011"]?[0] }
        XCTAssertEqual(try delays(), [0, 0, 0, 1, 0])
        // Read by a recorded run: its as-of is the night the file was read.
        try RunLog.begin(db, runID: "fixture", command: "run", asOf: "2026-11-22", startedAt: "2026-11-22T01:00:00Z")
        XCTAssertEqual(try StoreRecords.files(db).first { $0.id == stays }?.runAsOf, "2026-11-22")
        XCTAssertEqual(try delays(), [0, 1, 0, 0, 0])

        XCTAssertEqual(try StoreRecords.municipalityNames(db), ["2464011": "Katowice"])
        XCTAssertEqual(try StoreRecords.providers(db).map(\.name), ["Przystań"])
        XCTAssertEqual(try StoreRecords.facilityTypes(db), ["F1": "night_shelter"])
        let counts = try QualitySegments.load(db, asOf: "2026-11-30", reuse: nil)
        XCTAssertEqual(counts.owners[Int(stays)], ["2464011"])
        // Stays' optional columns: discharged, destination — both empty in the one stay.
        XCTAssertEqual(counts.empty["stays"], [Int(stays): [1, 1]])

        try db.execute("""
            INSERT INTO rejects (file_id, file, line, dataset, "column", check_code, reason, raw, run_id)
            VALUES (?, 'fixture/stays.csv', 3, 'ngo/stays', 'admitted', 'C03', 'not a date', 'x', 'r')
            """, [.integer(stays)])
        let r = try XCTUnwrap(try StoreRecords.rejects(db).first)
        XCTAssertEqual([String(r.fileID), r.file, String(r.line), r.dataset, r.column, r.check, r.reason, r.raw, String(r.derived)],
                       [String(stays), "fixture/stays.csv", "3", "ngo/stays", "admitted", "C03", "not a date", "x", "false"])
        XCTAssertEqual(try StoreRecords.rejectGroups(db).map(\.count), [1])
        XCTAssertEqual(try StoreRecords.columnRejectCounts(db).map(\.column), ["admitted"])
        XCTAssertEqual(try StoreRecords.rejectCount(db, runID: "r"), 1)
        try StoreRecords.updateFileCounts(db)
        XCTAssertEqual(try StoreRecords.files(db).first { $0.id == stays }?.rowsRejected, 1)

        // Pending rows: only C10–C13 count (the C03 above does not), per file.
        XCTAssertEqual(try StoreRecords.pendingRows(db), [])
        for (line, code) in [(4, "C11"), (5, "C10"), (6, "C16")] {
            try db.execute("""
                INSERT INTO rejects (file_id, file, line, dataset, "column", check_code, reason, raw, run_id, derived)
                VALUES (?, 'fixture/stays.csv', ?, 'ngo/stays', 'person_id', ?, 'r', 'x', 'r', 1)
                """, [.integer(stays), .integer(Int64(line)), .text(code)])
        }
        let sha = try XCTUnwrap(try StoreRecords.files(db).first { $0.id == stays }?.sha256)
        XCTAssertEqual(try StoreRecords.pendingRows(db).map { "\($0.dataset) \($0.sha256) \($0.count)" }, ["ngo/stays \(sha) 2"])
    }
}
