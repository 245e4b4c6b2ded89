import Foundation
import MiaraPipeline
import MiaraReport
@testable import MiaraStore
import XCTest

/// The run folder is written under a temporary name and published atomically with `latest`
/// pointing at it; a failed run publishes nothing and leaves `latest` alone.
final class RunFolderTests: XCTestCase {
    struct Injected: Error {}

    func testReportPublishesRunFolderAndPointsLatestAtIt() throws {
        let ws = try workspace()
        let r = try ReportHarness.report(ws, runID: "run-a")
        XCTAssertEqual(r.runFolder.path, ws.outputs.appendingPathComponent("2026-10-31/run-a").standardizedFileURL.path)
        XCTAssertEqual(ws.latestTarget, "2026-10-31/run-a", "latest is a relative symlink")
        XCTAssertEqual(ws.runFolders, ["run-a"])
        XCTAssertEqual(ws.leftovers, [])
        let files = try RunFolder.files(in: r.runFolder)
        for name in ["measures.csv", "benchmark.csv", "rejects.csv", "manifest.json", "ministerstwo.xlsx", "benchmark.xlsx"] {
            XCTAssertTrue(files.contains(name), "\(name) in \(files)")
        }
        XCTAssertFalse(r.workbooks.isEmpty)
        XCTAssertTrue(r.workbooks.allSatisfy { files.contains($0) })
        // Reading through `latest` gives the same folder.
        let viaLatest = ws.outputs.appendingPathComponent("latest/measures.csv")
        XCTAssertEqual(try Data(contentsOf: viaLatest), try Data(contentsOf: r.runFolder.appendingPathComponent("measures.csv")))
        // The run is recorded as done, with its manifest.
        let db = try SQLiteDatabase(path: ws.store.path)
        let row = try db.query("SELECT command, status, as_of, manifest, finished_at FROM runs WHERE run_id = 'run-a'")
        XCTAssertEqual(row.first?[0].text, "report")
        XCTAssertEqual(row.first?[1].text, "done")
        XCTAssertEqual(row.first?[2].text, "2026-10-31")
        XCTAssertEqual(try Manifest.decode(Data((row.first?[3].text ?? "").utf8)).runID, "run-a")
        XCTAssertNotNil(row.first?[4].text)
    }

    func testSecondRunMovesLatestAndKeepsTheFirstFolder() throws {
        let ws = try workspace()
        try ReportHarness.report(ws, runID: "run-a")
        try ReportHarness.report(ws, runID: "run-b")
        XCTAssertEqual(ws.runFolders, ["run-a", "run-b"])
        XCTAssertEqual(ws.latestTarget, "2026-10-31/run-b")
        XCTAssertEqual(ws.leftovers, [])
    }

    func testThrowingWorkbookStepPublishesNothingAndKeepsLatest() throws {
        let ws = try workspace()
        try ReportHarness.report(ws, runID: "run-a")
        XCTAssertThrowsError(try ReportHarness.report(ws, runID: "run-b") { stage in
            stage.writeWorkbooks = { ctx, dir, _ in
                // Half a workbook set, then a failure.
                try Data("partial".utf8).write(to: dir.appendingPathComponent("gmina-partial.xlsx"))
                throw Injected()
            }
        }) { XCTAssertTrue($0 is Injected, "\($0)") }
        XCTAssertEqual(ws.runFolders, ["run-a"], "no folder of the failed run")
        XCTAssertEqual(ws.leftovers, [], "the temporary folder is removed")
        XCTAssertEqual(ws.latestTarget, "2026-10-31/run-a", "latest unchanged")
        let db = try SQLiteDatabase(path: ws.store.path)
        XCTAssertEqual(try db.scalar("SELECT status FROM runs WHERE run_id = 'run-b'")?.text, "failed")
        XCTAssertEqual(try db.scalar("SELECT manifest FROM runs WHERE run_id = 'run-b'"), .null)
    }

    func testFailureAfterEveryFileIsWrittenPublishesNothing() throws {
        let ws = try workspace()
        try ReportHarness.report(ws, runID: "run-a")
        var sawManifest = false
        XCTAssertThrowsError(try ReportHarness.report(ws, runID: "run-b") { stage in
            stage.beforePublish = { dir in
                sawManifest = FileManager.default.fileExists(atPath: dir.appendingPathComponent("manifest.json").path)
                throw Injected()
            }
        })
        XCTAssertTrue(sawManifest)
        XCTAssertEqual(ws.runFolders, ["run-a"])
        XCTAssertEqual(ws.leftovers, [])
        XCTAssertEqual(ws.latestTarget, "2026-10-31/run-a")
    }

    func testUnwritableOutputsPublishNothing() throws {
        let ws = try workspace()
        // The outputs path is a regular file: no folder can be made under it (even as root).
        try Data("not a folder".utf8).write(to: ws.dir.appendingPathComponent("blocked"))
        var config = try ws.config()
        config.outputs = ws.dir.appendingPathComponent("blocked/out").path
        XCTAssertThrowsError(try ReportCommandStage(config: config).run(RunContext(config: config, runID: "run-x", command: "report", console: Printer(mode: .quiet))))
        XCTAssertEqual(try Data(contentsOf: ws.dir.appendingPathComponent("blocked")), Data("not a folder".utf8))
        let db = try SQLiteDatabase(path: ws.store.path)
        XCTAssertEqual(try db.scalar("SELECT status FROM runs WHERE run_id = 'run-x'")?.text, "failed")
    }

    func testUnwritableLatestRollsThePublishBack() throws {
        let ws = try workspace()
        // `latest` is a non-empty real folder: rename(2) cannot replace it.
        try FileManager.default.createDirectory(at: ws.outputs.appendingPathComponent("latest/x"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try ReportHarness.report(ws, runID: "run-a"))
        XCTAssertEqual(ws.runFolders, [], "the renamed folder is taken back")
        XCTAssertEqual(ws.leftovers, [])
    }

    func testLatestResolvesToTheRunFolder() throws {
        let ws = try workspace()
        let r = try ReportHarness.report(ws, runID: "run-a")
        XCTAssertEqual(RunFolder.latest(in: ws.outputs)?.resolvingSymlinksInPath().path,
                       r.runFolder.resolvingSymlinksInPath().path)
    }
}
