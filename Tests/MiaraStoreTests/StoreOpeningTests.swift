import Foundation
@testable import MiaraStore
import MiaraValues
import XCTest

/// `Store.open` is the one way into a store file: read-write creates and migrates, read-only
/// never writes (not even a migration), a private copy only reads the file it copies.
final class StoreOpeningTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-opening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// A store with one run, closed (its WAL checkpointed into the file).
    func makeStore(_ name: String = "s.sqlite") throws -> String {
        let path = dir.appendingPathComponent(name).path
        do {
            let s = try Store.open(path, .readWrite)
            try RunLog.begin(s.db.writer, runID: "r1", command: "run", asOf: "2026-11-30", startedAt: "2026-12-01T01:00:00Z")
        }
        return path
    }

    func sha(_ path: String) throws -> String { FileScan.sha256(try Data(contentsOf: URL(fileURLWithPath: path))) }

    func testReadWriteCreatesTheFolderAndMigrates() throws {
        let path = dir.appendingPathComponent("new/folder/s.sqlite").path
        let s = try Store.open(path, .readWrite)
        XCTAssertEqual(s.mode, .readWrite)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(s.db.userVersion, Schema.migrations.count)
    }

    func testReadOnlyReadsButCannotWrite() throws {
        let path = try makeStore()
        let before = try sha(path)
        let s = try Store.open(path, .readOnly)
        XCTAssertEqual(s.mode, .readOnly)
        XCTAssertEqual(try s.read { try RunLog.recent($0) }.map(\.runID), ["r1"])
        XCTAssertThrowsError(try RunLog.begin(s.db.writer, runID: "r2", command: "run", asOf: "2026-11-30", startedAt: "2026-12-01T02:00:00Z"))
        XCTAssertThrowsError(try s.write { _ in XCTFail("a write scope ran on a read-only store") }) {
            XCTAssertEqual(($0 as? MiaraError)?.code, .readOnlyStore, "\($0)")
        }
        XCTAssertEqual(try sha(path), before, "a read-only open changed the store file")
    }

    func testAWriteScopeCommitsOrRollsBackWhole() throws {
        let path = try makeStore()
        let s = try Store.open(path, .readWrite)
        struct Boom: Error {}
        XCTAssertThrowsError(try s.write { db in
            try RunLog.begin(db, runID: "r2", command: "run", asOf: "2026-11-30", startedAt: "2026-12-01T02:00:00Z")
            throw Boom()
        })
        XCTAssertEqual(try RunLog.recent(s.db.writer).map(\.runID), ["r1"], "the failed write left its row")
        try s.write(spilling: true) { db in
            try RunLog.begin(db, runID: "r3", command: "run", asOf: "2026-11-30", startedAt: "2026-12-01T03:00:00Z")
        }
        XCTAssertEqual(Set(try RunLog.recent(try Store.open(path, .readOnly).db.reader).map(\.runID)), ["r1", "r3"])
    }

    func testTheRunBracketMarksAFailedRun() throws {
        let s = try Store.open(try makeStore(), .readWrite)
        struct Boom: Error {}
        XCTAssertThrowsError(try s.withRun("r2", command: "report", asOf: "2026-11-30", startedAt: "2026-12-01T02:00:00Z") { _ in throw Boom() })
        try s.withRun("r3", command: "report", asOf: "2026-11-30", startedAt: "2026-12-01T03:00:00Z") { run in
            try run.done(manifest: "{}\n")
        }
        let byID = Dictionary(uniqueKeysWithValues: try RunLog.recent(s.db.writer, limit: 5).map { ($0.runID, $0.status) })
        XCTAssertEqual(byID, ["r1": "running", "r2": "failed", "r3": "done"])
    }

    func testReadOnlyNeverMigratesAnOlderStore() throws {
        let path = try makeStore()
        do { try Store.open(path, .readWrite).db.execute("PRAGMA user_version = \(Schema.migrations.count - 1)") }
        let before = try sha(path)
        XCTAssertThrowsError(try Store.open(path, .readOnly)) { error in
            XCTAssertEqual((error as? MiaraError)?.code, .readOnlyOlderStore, "\(error)")
        }
        XCTAssertEqual(try sha(path), before, "a read-only open migrated (wrote) the store")
    }

    func testANewerStoreIsRefusedEitherWay() throws {
        let path = try makeStore()
        do { try Store.open(path, .readWrite).db.execute("PRAGMA user_version = \(Schema.migrations.count + 1)") }
        for access in [Store.Access.readOnly, .readWrite, .privateCopy] {
            XCTAssertThrowsError(try Store.open(path, access)) { XCTAssertEqual(($0 as? MiaraError)?.code, .newerStore, "\(access): \($0)") }
        }
    }

    func testAPrivateCopyOnlyReadsItsSource() throws {
        let path = try makeStore()
        let before = try sha(path)
        let copy = try Store.open(path, .privateCopy)
        XCTAssertEqual(copy.mode, .privateCopy)
        try RunLog.begin(copy.db.writer, runID: "r2", command: "validate", asOf: "2026-11-30", startedAt: "2026-12-01T02:00:00Z")
        XCTAssertEqual(Set(try RunLog.recent(copy.db.writer).map(\.runID)), ["r1", "r2"])
        XCTAssertEqual(try RunLog.recent(try Store.open(path, .readOnly).db.reader).map(\.runID), ["r1"])
        XCTAssertEqual(try sha(path), before)
        // The empty path: an empty store of the newest schema, nowhere on disk.
        let empty = try Store.open("", .privateCopy)
        XCTAssertEqual(try empty.count("runs"), 0)
        XCTAssertEqual(empty.db.userVersion, Schema.migrations.count)
    }

    func testReadersSeeTheCommittedStore() throws {
        let path = try makeStore()
        let s = try Store.open(path, .readWrite)
        let readers = try s.db.readers(2)
        XCTAssertEqual(readers.count, 2)
        for r in readers { XCTAssertEqual(try RunLog.recent(r.reader).map(\.runID), ["r1"]) }
        XCTAssertEqual(try Store.open(":memory:", .readWrite).db.readers(3).count, 0, "an in-memory store has no second connection")
    }
}
