import Foundation
@testable import MiaraStore
@testable import MiaraTestSupport
import XCTest

/// Commands run the way a hostile (or careless) environment runs them, through the built binary:
/// standard output closed early, a read-only store, a store in a folder that does not exist,
/// leftovers of a killed run, a report asked for while the first ingest still runs.
final class HostileCommandTests: XCTestCase {
    /// Runs the binary with its standard output's reader already gone (as `miara run | head -1`
    /// once `head` has exited): returns how the process ended and its standard error.
    static func miaraWithClosedStdout(_ args: [String], cwd: URL) throws -> (reason: Process.TerminationReason, status: Int32, err: String) {
        let p = Process()
        p.executableURL = try MiaraBinary.url()
        p.arguments = args
        p.currentDirectoryURL = cwd
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        try out.fileHandleForReading.close()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationReason, p.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    func testRunWithStandardOutputClosedPublishesAndExitsNormally() throws {
        let ws = try workspace(ingested: false)
        // --verbose: a line per file, so the run writes to the closed pipe early and often.
        let r = try Self.miaraWithClosedStdout(["run", "--pipeline", ws.pipeline.path, "--verbose"], cwd: ws.dir)
        // Old code: killed by SIGPIPE (the shell's 141), nothing published, the run left `running`.
        XCTAssertEqual(r.reason, .exit, "ended by signal \(r.status)")
        XCTAssertTrue([0, 3].contains(r.status), "exit \(r.status): \(r.err)")   // 3: the fixture has files over the reject share
        XCTAssertEqual(ws.runFolders.count, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.outputs.appendingPathComponent("latest/manifest.json").path))
        let db = try SQLiteDatabase(path: ws.store.path)
        XCTAssertEqual(try db.query("SELECT status FROM runs").map { $0[0].text! }, ["done"])
    }

    func testALinkFromOneDatasetFolderToAnotherIsNotFollowedAndLosesNothing() throws {
        let clean = try workspace()   // the same inbox ingested without a link
        let cleanStays = try SQLiteDatabase(path: clean.store.path).scalar("SELECT count(*) FROM stays")?.int ?? 0
        XCTAssertGreaterThan(cleanStays, 0)

        let ws = try workspace(ingested: false)
        let link = ws.inbox.appendingPathComponent("ngo/audits/link")
        XCTAssertEqual(symlink("../stays", link.path), 0)
        let first = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path], cwd: ws.dir)
        XCTAssertTrue(first.err.contains("ngo/audits/link: a symbolic link leading out of its dataset folder (ngo/audits), not followed"),
                      first.out + first.err)
        func stays() throws -> Int { try SQLiteDatabase(path: ws.store.path).scalar("SELECT count(*) FROM stays")?.int ?? -1 }
        func linkRejects() throws -> Int {
            try SQLiteDatabase(path: ws.store.path).scalar("SELECT count(*) FROM rejects WHERE file LIKE 'ngo/audits/link/%'")?.int ?? -1
        }
        XCTAssertEqual(try stays(), cleanStays)
        XCTAssertEqual(try linkRejects(), 0)
        // The link removed: nothing was lost, the stays are all there.
        try FileManager.default.removeItem(at: link)
        let second = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path], cwd: ws.dir)
        XCTAssertTrue([0, 3].contains(second.status), second.err)
        XCTAssertEqual(try stays(), cleanStays)
    }

    func testAStoreInAMissingFolderIsCreatedAndSaidSo() throws {
        let ws = try workspace(ingested: false)
        let yaml = try String(contentsOf: ws.pipeline, encoding: .utf8).replacingOccurrences(of: "store: miara.sqlite", with: "store: nowy/miara.sqlite")
        try yaml.write(to: ws.pipeline, atomically: true, encoding: .utf8)
        let r = try ReportHarness.miara(["ingest", "--pipeline", ws.pipeline.path], cwd: ws.dir)
        XCTAssertTrue([0, 3].contains(r.status), r.err)
        // Old: not a word.
        XCTAssertTrue(r.err.contains("the store's folder \(ws.dir.path)/nowy did not exist; created it and a new, empty store"), r.err)
        // The next night the store is there: nothing more is said about it.
        let again = try ReportHarness.miara(["ingest", "--pipeline", ws.pipeline.path], cwd: ws.dir)
        XCTAssertFalse(again.err.contains("new, empty store"), again.err)
    }

    func testReadOnlyCommandsWorkOnAReadOnlyStore() throws {
        let ws = try workspace()
        let published = try ReportHarness.miara(["report", "--pipeline", ws.pipeline.path], cwd: ws.dir)
        XCTAssertTrue([0, 3].contains(published.status), published.err)
        // The store in its own folder, mounted read-only (root ignores file modes: NOTES.md).
        let state = ws.dir.appendingPathComponent("state"), ro = ws.dir.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: ro, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: ws.dir.path) where name.hasPrefix("miara.sqlite") {
            try FileManager.default.moveItem(at: ws.dir.appendingPathComponent(name), to: state.appendingPathComponent(name))
        }
        func sh(_ args: [String]) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = args
            p.standardError = FileHandle.nullDevice
            try p.run(); p.waitUntilExit()
            return p.terminationStatus
        }
        guard try sh(["mount", "--bind", state.path, ro.path]) == 0 else { throw XCTSkip("cannot bind-mount (not root?)") }
        defer { _ = try? sh(["umount", ro.path]) }
        guard try sh(["mount", "-o", "remount,ro,bind", ro.path]) == 0 else { throw XCTSkip("cannot remount read-only") }
        XCTAssertFalse(FileManager.default.createFile(atPath: ro.appendingPathComponent("probe").path, contents: Data()), "the mount is read-only")

        let store = ["--pipeline", ws.pipeline.path, "--store", ro.appendingPathComponent("miara.sqlite").path]
        let status = try ReportHarness.miara(["status"] + store, cwd: ws.dir)
        XCTAssertEqual(status.status, 0, status.err)
        XCTAssertTrue(status.out.contains("report"), status.out)
        let explain = try ReportHarness.miara(["explain", "S05", "--unit", "all", "--period", "2026"] + store, cwd: ws.dir)
        XCTAssertEqual(explain.status, 0, explain.err)
        let compute = try ReportHarness.miara(["compute", "--out", ws.dir.appendingPathComponent("c").path] + store, cwd: ws.dir)
        XCTAssertEqual(compute.status, 0, compute.err)
        XCTAssertEqual(try Data(contentsOf: ws.dir.appendingPathComponent("c/measures.csv")),
                       try Data(contentsOf: ws.outputs.appendingPathComponent("latest/measures.csv")))
        let verify = try ReportHarness.miara(["verify", ws.outputs.appendingPathComponent("latest").path, "--lang", "en"] + store, cwd: ws.dir)
        XCTAssertEqual(verify.status, 0, verify.out + verify.err)
        XCTAssertTrue(verify.out.contains("recorded in the store"), verify.out)
        // report records its run in the store: it says it cannot, and why.
        let report = try ReportHarness.miara(["report", "--lang", "en"] + store, cwd: ws.dir)
        XCTAssertEqual(report.status, 2, report.err)
        XCTAssertTrue(report.err.contains("is read-only: report records its run there"), report.err)
    }

    func testComputeAndReportBeforeTheFirstIngestCommitsSaySo() throws {
        let ws = try workspace(ingested: false)
        // What a reader sees while the first ingest runs: a migrated store with no file yet, and
        // its writer lock held (here by this test, as `miara ingest` holds it).
        let lock = try StoreLock.acquire(storePath: ws.store.path)
        _ = try Store.open(ws.store.path, .readWrite)
        for command in [["compute", "--out", ws.dir.appendingPathComponent("c").path], ["report"],
                        ["explain", "S05", "--unit", "all", "--period", "2026"]] {
            let r = try ReportHarness.miara(command + ["--pipeline", ws.pipeline.path, "--lang", "en"], cwd: ws.dir)
            // Old: exit 0 (explain 1) and empty results.
            XCTAssertEqual(r.status, 75, "\(command[0]): \(r.err)")
            XCTAssertTrue(r.err.contains("no completed ingest yet: its first ingest is still running (pid \(getpid()))"), r.err)
        }
        XCTAssertEqual(ws.runFolders, [])
        _ = lock
        withExtendedLifetime(lock) {}
    }

    func testComputeOnAStoreWithNoCompletedIngestAndNoIngestRunningExits2() throws {
        let ws = try workspace(ingested: false)
        _ = try Store.open(ws.store.path, .readWrite)
        let r = try ReportHarness.miara(["compute", "--pipeline", ws.pipeline.path, "--out", ws.dir.appendingPathComponent("c").path, "--lang", "en"], cwd: ws.dir)
        XCTAssertEqual(r.status, 2, r.err)
        XCTAssertTrue(r.err.contains("has no completed ingest yet; run miara ingest first"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.dir.appendingPathComponent("c/measures.csv").path))
    }

    func testTemporaryFoldersAKilledRunLeftAreRemovedByTheNextIngest() throws {
        let ws = try workspace(ingested: false)
        let tmp = ws.dir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        func folder(_ name: String, lock: Bool) throws -> URL {
            let d = tmp.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Data("<sheetData>a sheet in clear</sheetData>".utf8).write(to: d.appendingPathComponent("part1.xml"))
            if lock { try Data().write(to: d.appendingPathComponent("owner.lock")) }
            return d
        }
        // Left by a killed process of this version (its lock free), by an earlier version (no lock,
        // untouched for two hours), and one still in use (its lock held here).
        let killed = try folder("miara-xlsx-killed", lock: true)
        let old = try folder("miara-xlsx-old", lock: false)
        let twoHoursAgo = timeval(tv_sec: time(nil) - 7200, tv_usec: 0)
        for u in [old.appendingPathComponent("part1.xml"), old] { _ = utimes(u.path, [twoHoursAgo, twoHoursAgo]) }
        let live = try folder("miara-xlsx-live", lock: true)
        let fd = open(live.appendingPathComponent("owner.lock").path, O_RDWR)
        XCTAssertEqual(flock(fd, LOCK_EX), 0)
        defer { close(fd) }

        let r = try ReportHarness.miara(["ingest", "--pipeline", ws.pipeline.path], cwd: ws.dir, environment: ["TMPDIR": tmp.path])
        XCTAssertTrue([0, 3].contains(r.status), r.err)
        // Old: all three stay for good.
        XCTAssertFalse(FileManager.default.fileExists(atPath: killed.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: old.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: live.appendingPathComponent("part1.xml").path))
        // The ingest read XLSX files (the fixture has some) and left nothing of its own.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.hasPrefix("miara-xlsx-") }, ["miara-xlsx-live"])
    }
}
