import Foundation
import MiaraStore
import XCTest

/// Commands run the way a hostile (or careless) environment runs them, through the built binary:
/// standard output closed early, a read-only store, a store in a folder that does not exist,
/// leftovers of a killed run, a report asked for while the first ingest still runs.
final class HostileCommandTests: XCTestCase {
    /// Runs the binary with its standard output's reader already gone (as `miara run | head -1`
    /// once `head` has exited): returns how the process ended and its standard error.
    static func miaraWithClosedStdout(_ args: [String], cwd: URL) throws -> (reason: Process.TerminationReason, status: Int32, err: String) {
        guard let bin = ReportHarness.binary else { throw XCTSkip("the miara binary is not built beside the tests") }
        let p = Process()
        p.executableURL = bin
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
}
