import Foundation
import MiaraPipeline
import MiaraReport
@testable import MiaraStore
import XCTest

/// The commands through the built binary: `miara report`, `miara run` (exit 0, 3, 75),
/// `miara status`, `miara explain`.
final class ReportCommandTests: XCTestCase {
    func testReportCommandPublishesAndPrintsTheRunFolder() throws {
        let ws = try workspace()
        let r = try ReportHarness.miara(["report", "--pipeline", ws.pipeline.path, "--out", ws.dir.appendingPathComponent("o2").path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("folder wyników: \(ws.dir.appendingPathComponent("o2/2026-10-31").path)/"), r.out)
        let latest = ws.dir.appendingPathComponent("o2/latest")
        XCTAssertEqual(Verifier.verify(runFolder: latest, inbox: ws.inbox), [])
    }

    func testRunExitsThreeWhenAFileIsOverTheRejectShareThenZero() throws {
        let ws = try workspace(ingested: false)
        // The console speaks the run's language (here English).
        let first = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path, "--lang", "en"])
        XCTAssertEqual(first.status, 3, first.out + first.err)
        XCTAssertTrue(first.err.contains("of rows rejected, above max_reject_share 5 %"), first.err)
        // Outputs are written and the manifest says which files.
        let m = try Manifest.load(ws.outputs.appendingPathComponent("latest/manifest.json"))
        XCTAssertFalse(m.filesOverRejectShare.isEmpty)
        XCTAssertNotNil(m.timings.ingest)
        XCTAssertEqual(m.command, "run")
        for line in first.err.split(separator: "\n") where line.contains("of rows rejected, above") {
            // Off a terminal a line starts with its UTC timestamp.
            let afterPrefix = line[line.range(of: "miara: ")!.upperBound...]
            let path = String(afterPrefix.prefix { $0 != ":" })
            XCTAssertTrue(m.filesOverRejectShare.contains(path), path)
        }
        // Nothing new to ingest; the survey folder without a map is read again every night (it is
        // rejected for a reason of the configuration), the same bytes still over the share: named
        // as still pending, exit 0 (SPEC 10: exit 3 once per file version).
        let second = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path, "--lang", "en"])
        XCTAssertEqual(second.status, 0, second.out + second.err)
        XCTAssertFalse(second.err.contains("of rows rejected, above"), second.err)
        XCTAssertTrue(second.err.contains("still pending: surveys/ankieta-bez-mapy/odpowiedzi.csv (100 % rejected), since 2026-10-31"), second.err)
        XCTAssertEqual(ws.runFolders.count, 2)
    }

    func testRunUnderTheLimitExitsZero() throws {
        let ws = try workspace(ingested: false, maxRejectShare: 1)
        let r = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path])
        XCTAssertEqual(r.status, 0, r.out + r.err)
    }

    func testRunExits75WhenTheLockIsHeld() throws {
        let ws = try workspace()
        try FileManager.default.createDirectory(at: ws.outputs, withIntermediateDirectories: true)
        let fd = open(ws.outputs.appendingPathComponent(".miara.lock").path, O_CREAT | O_RDWR, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        let held = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path])
        XCTAssertEqual(held.status, 75, held.out + held.err)
        XCTAssertEqual(ws.runFolders, [])
        XCTAssertNil(ws.latestTarget)
        flock(fd, LOCK_UN)
        close(fd)
        let free = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path])
        // The survey folder without a map is read again, but its exit 3 was given by the ingest
        // that built the workspace's store: still pending, exit 0.
        XCTAssertEqual(free.status, 0, free.out + free.err)
        XCTAssertEqual(ws.runFolders.count, 1)
    }

    func testRunStageReportsLockedInProcess() throws {
        let ws = try workspace()
        let config = try ws.config()
        try FileManager.default.createDirectory(at: ws.outputs, withIntermediateDirectories: true)
        let fd = try XCTUnwrap(try RunStage.lock(ws.outputs.appendingPathComponent(RunStage.lockName)))
        defer { close(fd) }
        var stage = RunStage(config: config)
        XCTAssertEqual(try stage.run(RunContext(config: config, runID: "locked", console: Printer(mode: .quiet))).status, .locked)
    }

    func testRunWithBadConfigurationExitsTwo() throws {
        let ws = try workspace()
        try "inbox: inbox\nno_such_key: 1\n".write(to: ws.pipeline, atomically: true, encoding: .utf8)
        let r = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path])
        XCTAssertEqual(r.status, 2, r.err)
    }

    func testStatusListsRunsAndFiles() throws {
        let ws = try workspace()
        try ReportHarness.report(ws, runID: "20261101T023000Z-1")
        let r = try ReportHarness.miara(["status", "--pipeline", ws.pipeline.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("20261101T023000Z-1  report  stan na 2026-10-31"), r.out)
        XCTAssertTrue(r.out.contains("gotowe"), r.out)   // the stage outcome `done`, in Polish
        XCTAssertNotNil(r.out.range(of: #"ngo/stays  \d+ (plik|pliki|plików), "#, options: .regularExpression), r.out)   // CountedNoun
        XCTAssertTrue(r.out.contains(", w tym oczekujące: "), r.out)
        XCTAssertTrue(r.out.contains("najnowsze wyniki: "), r.out)
        // In English with --lang en.
        let en = try ReportHarness.miara(["status", "--pipeline", ws.pipeline.path, "--lang", "en"])
        XCTAssertTrue(en.out.contains("20261101T023000Z-1  report  as-of 2026-10-31") && en.out.contains("latest: "), en.out)
        XCTAssertTrue(en.out.contains("done"), en.out)
    }

    func testExplainCommandPrintsRecordsAndWritesCSV() throws {
        let ws = try workspace()
        let db = try SQLiteDatabase(path: ws.store.path)
        let teryt = try XCTUnwrap(try db.scalar("SELECT min(teryt) FROM municipalities")?.text)
        let csv = ws.dir.appendingPathComponent("e01.csv")
        let r = try ReportHarness.miara(["explain", "E01", "--unit", teryt, "--period", "2026Q1", "--pipeline", ws.pipeline.path,
                                         "--csv", csv.path, "--lang", "en"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("E01 "), r.out)
        XCTAssertTrue(r.out.contains("numerator: "), r.out)
        // With --csv only the summary by dataset and file is printed (costs count per contract).
        XCTAssertTrue(r.out.contains("  ngo/contracts  ngo/contracts/"), r.out)
        XCTAssertFalse(r.out.contains("records (--all for every record)"), r.out)
        XCTAssertTrue(r.out.contains("records: \(csv.path)"), r.out)
        let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 1)
        XCTAssertTrue(lines.dropFirst().allSatisfy { $0.hasPrefix("E01,2026Q1,municipality,\(teryt),") })
    }
}
