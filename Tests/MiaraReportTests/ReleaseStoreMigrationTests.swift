import Foundation
@testable import MiaraStore
@testable import MiaraTestSupport
import XCTest

/// A store written by an earlier release, kept as a fixture: `Tests/Fixtures/store-fa65cf1/`
/// holds a synthetic inbox of two nights, its key, and `miara.sql`, the SQL text (`sqlite3 .dump`
/// and its `user_version`) of the store release fa65cf1's `miara ingest` wrote from `night1/`
/// (see that folder's README); each test loads it into a store of its own. Today's binary opens it,
/// migrates it and runs the second night (`night1/` and `night2/` in the inbox); every published
/// file must equal, byte for byte, that of today's binary running the same two nights on a fresh
/// store.
final class ReleaseStoreMigrationTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/store-fa65cf1")

    /// A folder with the key and a pipeline file; with `oldStore`, the fixture's store is loaded
    /// into it from its SQL text.
    func workspace(oldStore: Bool) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-release-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("key"), to: dir.appendingPathComponent("key"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir.appendingPathComponent("key").path)
        if oldStore {
            let sql = try String(contentsOf: Self.fixture.appendingPathComponent("miara.sql"), encoding: .utf8)
            try SQLiteDatabase(path: dir.appendingPathComponent("miara.sqlite").path).execute(sql)
        }
        try """
            inbox: inbox
            store: miara.sqlite
            outputs: out
            as_of: 2024-12-31
            periods: [2024, 2024H2]
            max_reject_share: 1
            pseudonym_key_file: key
            standard: \(ReportHarness.pipelines.path)/standard.yaml
            surveys: \(ReportHarness.pipelines.path)/surveys
            measures: \(ReportHarness.pipelines.path)/measures.yaml
            """.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    /// Copies the files of the fixture's `night` folder into `dir/inbox`.
    func deliver(_ night: String, to dir: URL) throws {
        let from = Self.fixture.appendingPathComponent(night)
        let e = FileManager.default.enumerator(at: from, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in e where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let rel = String(url.standardizedFileURL.path.dropFirst(from.standardizedFileURL.path.count + 1))
            let to = dir.appendingPathComponent("inbox").appendingPathComponent(rel)
            try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: url, to: to)
        }
    }

    /// Published files of the latest run but the manifest (run id, clock times).
    func published(_ dir: URL) throws -> [String: Data] {
        let latest = dir.appendingPathComponent("out/latest")
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: latest.path) where name != "manifest.json" {
            out[name] = try Data(contentsOf: latest.appendingPathComponent(name))
        }
        return out
    }

    /// The second night adds stays, services and costs (a correction of a night-1 cost row, a
    /// services row replaced, a stay replaced and one of a person the first night rejected). It
    /// resends no row the earlier release rejected: that release kept no quarantined rows, so its
    /// rejects stay as they were (docs/decisions.md, ingestion 5) where a fresh store would check
    /// them again.
    func testAStoreWrittenByReleaseFa65cf1MigratesAndGivesTheOutputsOfAFreshStore() throws {
        let migrated = try workspace(oldStore: true)
        // The fixture is the earlier release's: an older schema version than today's.
        let oldVersion = try SQLiteDatabase(path: migrated.appendingPathComponent("miara.sqlite").path, readOnly: true).userVersion
        XCTAssertLessThan(oldVersion, Schema.migrations.count, "the fixture predates today's migrations")
        XCTAssertGreaterThan(oldVersion, 0)

        try deliver("night1", to: migrated)
        try deliver("night2", to: migrated)
        let m = try MiaraBinary.run(["run", "--pipeline", "p.yaml"], cwd: migrated)
        XCTAssertEqual(m.status, 0, m.out + m.err)
        XCTAssertEqual(try SQLiteDatabase(path: migrated.appendingPathComponent("miara.sqlite").path).userVersion,
                       Schema.migrations.count, "migrated to today's schema")
        // The first night's files were read by the earlier release: today's binary skips them.
        XCTAssertEqual(try SQLiteDatabase(path: migrated.appendingPathComponent("miara.sqlite").path)
            .scalar("SELECT count(DISTINCT run_id) FROM files WHERE path LIKE 'ngo/stays/s1.csv'")?.int, 1)

        let fresh = try workspace(oldStore: false)
        try deliver("night1", to: fresh)
        XCTAssertEqual(try MiaraBinary.run(["ingest", "--pipeline", "p.yaml"], cwd: fresh).status, 0)
        try deliver("night2", to: fresh)
        let f = try MiaraBinary.run(["run", "--pipeline", "p.yaml"], cwd: fresh)
        XCTAssertEqual(f.status, 0, f.out + f.err)

        let a = try published(migrated), b = try published(fresh)
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
        XCTAssertTrue(["measures.csv", "benchmark.csv", "coverage.csv", "rejects.csv"].allSatisfy { b[$0] != nil }, "\(b.keys.sorted())")
        XCTAssertGreaterThanOrEqual(b.keys.filter { $0.hasSuffix(".xlsx") }.count, 5)
        for name in b.keys.sorted() { XCTAssertTrue(a[name] == b[name], "\(name) differs between the migrated and the fresh store") }
        XCTAssertTrue(String(decoding: b["measures.csv"] ?? Data(), as: UTF8.self).contains("E01,2024,facility,F1,"))
    }
}
