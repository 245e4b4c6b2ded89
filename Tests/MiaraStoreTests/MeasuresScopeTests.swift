import Foundation
import MiaraStore
import XCTest

/// `Store.measures(readers:)` is the only handle outside MiaraStore on which SQL can be prepared:
/// its connections read one snapshot and refuse writes to the store's own tables, while TEMP
/// tables (the engine's relations) are theirs to write. Outside MiaraStore, `Store` has no
/// connection to reach: the compiler keeps every other module to the typed record queries.
final class MeasuresScopeTests: XCTestCase {
    var path: String!

    override func setUpWithError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-measures-scope-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = dir.appendingPathComponent("s.sqlite").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    func addFile(_ store: Store, _ name: String) throws {
        _ = try store.write { w in
            try StoreRecords.insertFile(w, path: name, sha256: name, dataset: "ngo/stays", format: "csv", bytes: 1,
                                        ingestedAt: "2026-12-01T01:00:00Z", runID: "r1")
        }
    }

    func testEveryConnectionReadsOneSnapshotWhateverCommitsMeanwhile() throws {
        let store = try Store.open(path, .readWrite)
        try addFile(store, "a.csv")
        let other = try Store.open(path, .readWrite)   // a second process's ingest
        let seen: [Int] = try store.measures(readers: 2) { m in
            XCTAssertEqual(m.connections.count, 3, "the store's connection and two readers")
            try addFile(other, "b.csv")   // commits while the snapshot is open
            return try m.connections.map { try $0.scalar("SELECT count(*) FROM files")?.int ?? -1 }
                + [try StoreRecords.files(m.reader).count]
        }
        XCTAssertEqual(seen, [1, 1, 1, 1], "every connection, and the reader beside them, sees the store as the scope began")
        XCTAssertEqual(try store.read { try StoreRecords.files($0).map(\.path) }, ["a.csv", "b.csv"], "after the scope, the commit is seen")
    }

    func testTheScopeRefusesWritesToTheStoreButNotToTemporaryTables() throws {
        let store = try Store.open(path, .readWrite)
        try store.measures(readers: 1) { m in
            for c in m.connections {
                XCTAssertThrowsError(try c.execute("DELETE FROM files"), "a write to a store table is refused when prepared")
                XCTAssertThrowsError(try c.execute("CREATE TABLE main.x (a)"))
                XCTAssertThrowsError(try c.execute("DROP TABLE files"))
                try c.execute("CREATE TEMP TABLE t (a); INSERT INTO temp.t VALUES (1); DROP TABLE temp.t")
            }
        }
        // The store's own connection writes again once the scope has ended.
        try addFile(store, "a.csv")
        XCTAssertEqual(try store.count("files"), 1)
    }

    func testAnInMemoryStoreRunsOnItsOwnConnection() throws {
        let store = try Store.open(":memory:", .readWrite)
        XCTAssertEqual(try store.measures(readers: 3) { $0.connections.count }, 1)
    }
}
