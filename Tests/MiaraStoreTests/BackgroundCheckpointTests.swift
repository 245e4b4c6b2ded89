import Foundation
import XCTest
@testable import MiaraStore

/// A long commit leaves its pages in the write-ahead log and returns; the checkpoint beside it
/// copies them into the store file; the last close leaves the file whole and no log.
final class BackgroundCheckpointTests: XCTestCase {
    private var dir: URL!
    private var path: String { dir.appendingPathComponent("store.sqlite").path }

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func size(_ suffix: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + suffix))?[.size] as? Int) ?? -1
    }

    /// The rows in the store file alone (a copy without its log), as a reader of the file sees them.
    private func rowsInFileAlone() throws -> Int {
        let copy = dir.appendingPathComponent("copy.sqlite").path
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let db = try SQLiteDatabase(path: copy, readOnly: true)
        return try db.scalar("SELECT count(*) FROM t")?.int ?? -1
    }

    /// 3,000 rows of 4 KB: about 3,000 pages, three times the frames that start a checkpoint.
    private func writeLongCommit(_ db: SQLiteDatabase) throws {
        try db.execute("CREATE TABLE t (x BLOB)")
        try db.transaction {
            try db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO t SELECT zeroblob(4000) FROM n")
        }
    }

    func testTheCommitReturnsWithItsPagesInTheLogAndTheCheckpointCopiesThem() throws {
        let db = try SQLiteDatabase(path: path)
        // The checkpoint's work, held back until the files have been looked at.
        // @unchecked proof: the test's thread alone reads and writes `work`.
        final class Held: @unchecked Sendable { var work: [@Sendable () -> Void] = [] }
        let held = Held()
        let checkpoint = BackgroundCheckpoint(path: path, start: { held.work.append($0) })
        checkpoint.install(on: db.handle)
        try writeLongCommit(db)
        XCTAssertEqual(held.work.count, 1, "one checkpoint started by the long commit")
        XCTAssertGreaterThan(size("-wal"), 3000 * 4096, "the commit's pages are in the log")
        XCTAssertLessThan(size(""), 100 * 4096, "the commit did not copy them into the file itself")
        XCTAssertNil(try? rowsInFileAlone(), "the file alone does not hold the table yet")
        held.work.forEach { $0() }
        checkpoint.wait()
        XCTAssertGreaterThan(size(""), 3000 * 4096, "the checkpoint copied the pages into the file")
        XCTAssertEqual(try rowsInFileAlone(), 3000)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM t")?.int, 3000)
    }

    func testAShortCommitStartsNoCheckpoint() throws {
        let db = try SQLiteDatabase(path: path)
        // @unchecked proof: the test's thread alone reads and writes `n` (the hook runs in its commit).
        final class Count: @unchecked Sendable { var n = 0 }
        let started = Count()
        let checkpoint = BackgroundCheckpoint(path: path, start: { _ in started.n += 1 })
        checkpoint.install(on: db.handle)
        try db.execute("CREATE TABLE t (x BLOB)")
        try db.execute("INSERT INTO t VALUES (zeroblob(4000))")
        XCTAssertEqual(started.n, 0)
    }

    func testTheStoresLastCloseLeavesTheFileWholeAndNoLog() throws {
        do {
            let db = try SQLiteDatabase(path: path)
            try writeLongCommit(db)
            // A commit after the checkpoint began: its frames are copied by the close.
            try db.execute("INSERT INTO t VALUES (zeroblob(10))")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
        XCTAssertEqual(try rowsInFileAlone(), 3001)
        let db = try SQLiteDatabase(path: path, readOnly: true)
        XCTAssertEqual(try db.scalar("PRAGMA integrity_check")?.text, "ok")
    }
}
