import Foundation
@testable import MiaraStore
import MiaraTestSupport
import MiaraValues
import XCTest

/// Migration "v19 lean staging": a services row's date stored once (`day`, and `date_month` for a
/// row dated by month), no staged table indexed by file — with the dataset view, the key and the
/// read index showing what they showed before.
final class LeanStagingTests: XCTestCase {
    static let sep = "\u{1F}"

    func texts(_ db: SQLiteDatabase, _ sql: String) throws -> [String] {
        try db.query(sql).map { $0.map { $0.text ?? $0.int.map(String.init) ?? "∅" }.joined(separator: "|") }
    }

    func testAServicesDateIsStoredOnceAndTheViewShowsItAsGiven() throws {
        let fx = try FixtureStore()
        try fx.service(facility: "F1", date: "2024-03-05", service: "meal", quantity: 2, person: "P1")
        try fx.service(facility: "F1", date: "2024-03", service: "meal", quantity: 40)
        try fx.service(facility: "F2", date: "2024-04-30", service: "bed_night", quantity: 1, person: "P2")
        let db = fx.store.db
        // Stored: a day's date only in `day`; a month in `date_month`, its first day in `day`.
        XCTAssertEqual(try texts(db, "SELECT date_month, day FROM staged_services ORDER BY row_id"),
                       ["∅|2024-03-05", "2024-03|2024-03-01", "∅|2024-04-30"])
        // Shown as given, and the key with the date as given (facility, date, service, person).
        let s = Self.sep
        XCTAssertEqual(try texts(db, "SELECT date, day, key FROM services ORDER BY row_id"), [
            "2024-03-05|2024-03-05|F1\(s)2024-03-05\(s)meal\(s)P1",
            "2024-03|2024-03-01|F1\(s)2024-03\(s)meal\(s)",
            "2024-04-30|2024-04-30|F2\(s)2024-04-30\(s)bed_night\(s)P2",
        ])
        // The month-dated row told from the view's date alone, read from the covering index.
        let sql = "SELECT sum(CASE WHEN length(date) = 7 THEN quantity END), sum(quantity) FROM services WHERE day BETWEEN '2024-03-01' AND '2024-03-31'"
        XCTAssertEqual(try texts(db, sql), ["40|42"])
        let plan = try db.query("EXPLAIN QUERY PLAN " + sql).map { $0[3].text ?? "" }.joined(separator: " ")
        XCTAssertTrue(plan.contains("COVERING INDEX services_day"), plan)
    }

    func testNoStagedTableIsIndexedByFile() throws {
        let fx = try FixtureStore()
        let names = try texts(fx.store.db, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name LIKE 'staged_%' AND sql LIKE '%(file_id)%'")
        XCTAssertEqual(names, [])
        // Every dataset is staged; the only indexes of staged services are the held rows' and the read index.
        XCTAssertEqual(try texts(fx.store.db, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'staged_services' ORDER BY name"),
                       ["services_day", "staged_services_held"])
    }

    /// A store of the previous shape (v18) with services of both kinds and a held row: after the
    /// migration the view, the keys and the held row are what they were, and the rows are stored
    /// in the new shape.
    func testMigratingAStoreOfThePreviousShapeKeepsTheView() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lean-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("miara.sqlite").path
        let previous = Schema.migrations.firstIndex { $0.name == "v19 lean staging" }!
        do {
            let db = try SQLiteDatabase(path: path)
            for (i, m) in Schema.migrations.prefix(previous).enumerated() {
                try db.execute(m.sql)
                try db.execute("PRAGMA user_version = \(i + 1)")
            }
            try db.execute("""
                INSERT INTO files (id, path, sha256, dataset, format, encoding, bytes, ingested_at, run_id)
                  VALUES (1, 's.csv', 'x', 'ngo/services', 'csv', 'utf-8', 0, '2024-01-01T00:00:00Z', 'r');
                INSERT INTO staged_services (file_id, line, raw, facility_id, date, service, quantity, person_id, day, held) VALUES
                  (1, 2, '', 'F1', '2024-03-05', 'meal', 2, 'P1', '2024-03-05', NULL),
                  (1, 3, '', 'F1', '2024-03', 'meal', 40, NULL, '2024-03-01', NULL),
                  (1, 4, '', 'F1', '2024-03-05', 'meal', 3, 'P1', '2024-03-05', 'C16');
                """)
            XCTAssertEqual(try texts(db, "SELECT name FROM sqlite_schema WHERE name = 'staged_services_file'"), ["staged_services_file"])
        }
        let view = "SELECT row_id, key, file_id, line, facility_id, date, service, quantity, person_id, day FROM services ORDER BY row_id"
        let s = Self.sep
        let expected = ["1|F1\(s)2024-03-05\(s)meal\(s)P1|1|2|F1|2024-03-05|meal|2|P1|2024-03-05",
                        "2|F1\(s)2024-03\(s)meal\(s)|1|3|F1|2024-03|meal|40|∅|2024-03-01"]
        XCTAssertEqual(try texts(try SQLiteDatabase(path: path), view), expected)
        let store = try Store.open(path, .readWrite)
        XCTAssertEqual(try texts(store.db, view), expected)
        XCTAssertEqual(try texts(store.db, "SELECT row_id, date_month, day, held FROM staged_services ORDER BY row_id"),
                       ["1|∅|2024-03-05|∅", "2|2024-03|2024-03-01|∅", "3|∅|2024-03-05|C16"])
        XCTAssertEqual(try texts(store.db, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE '%_file'"), ["rejects_file"])
        XCTAssertEqual(try texts(store.db, "SELECT name FROM sqlite_schema WHERE name = 'services_day'"), ["services_day"])
        XCTAssertEqual(try store.db.scalar("PRAGMA integrity_check")?.text, "ok")
    }

    /// Empty optional values counted per file, whatever the order of the files' rows.
    func testEmptyValuesAreCountedPerFileAsAGroupingWould() throws {
        let fx = try FixtureStore()
        for (i, person) in ["P1", nil, nil, "P2", nil, "P3"].enumerated() {
            try fx.service(facility: "F1", date: "2024-03-0\(i + 1)", service: "meal", quantity: 1, person: person)
        }
        let db = fx.store.db
        try db.execute("""
            INSERT INTO files (path, sha256, dataset, format, encoding, bytes, ingested_at, run_id)
            VALUES ('fixture/services2.csv', 'x2', 'ngo/services', 'csv', 'utf-8', 0, '2024-01-01T00:00:00Z', 'r')
            """)
        let second = db.lastInsertRowID
        // Rows 2, 4 and 6 (one empty person) in the second file, interleaved with the first file's.
        try db.execute("UPDATE staged_services SET file_id = ? WHERE row_id % 2 = 0", [.integer(second)])
        let first = try XCTUnwrap(try db.scalar("SELECT file_id FROM staged_services WHERE row_id = 1")?.int)
        // Services' one optional column: person_id (`QualitySegments`, counted from scratch).
        let counts = try QualitySegments.load(db.reader, asOf: "2024-12-31", reuse: nil)
        XCTAssertEqual(counts.empty["services"], [first: [2], Int(second): [1]])
    }
}
