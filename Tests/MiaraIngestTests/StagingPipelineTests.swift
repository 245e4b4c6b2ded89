import Foundation
@testable import MiaraIngest
@testable import MiaraStore
import MiaraValues
import XCTest

/// The ingest's two halves — reading, validating and packing on a worker, writing the store on
/// the ingest's thread (`StagingPrefetch`) — on a file large enough to cross the hand-off's
/// bounds many times (chunks of 1024 records, 16384 in flight), against an expectation computed
/// here row by row, and against the same ingest on one thread.
final class StagingPipelineTests: XCTestCase {
    static let rows = 20_000
    static let start = Day(iso: "2021-01-01")!
    static let services = ["bed_night", "meal", "bath", "clothing", "counselling", "streetwork_contact", "medical"]

    /// What row `i` of the large file holds, and what the ingest must decide for it: each row has
    /// its own key (facility, date, service), some rows fail their own checks, some a cross-row
    /// check, one is malformed (a field too many).
    struct Row {
        let i: Int
        var line: Int { i + 2 }
        var facility: String { i % 1777 == 5 ? "F9" : (i % 2 == 0 ? "F1" : "F2") }
        var date: String { i % 1499 == 7 ? "2021-13-01" : StagingPipelineTests.start.adding(days: i / 14).iso }
        var service: String { StagingPipelineTests.services[(i % 14) / 2] }
        var quantity: String { i % 997 == 0 ? "x" : String(i % 50 + 1) }
        var malformed: Bool { i == 12_345 }
        var text: String { "\(facility),\(date),\(service),\(quantity)" + (malformed ? ",extra" : "") }
        /// The expected reject as `line:column:code`, nil for an accepted row (columns in order:
        /// the first failing column's check; C11 only for a row that passes its own checks).
        var reject: String? {
            if malformed { return "\(line)::C14" }
            if i % 1499 == 7 { return "\(line):date:C03" }
            if i % 997 == 0 { return "\(line):quantity:C04" }
            if facility == "F9" { return "\(line):facility_id:C11" }
            return nil
        }
    }

    func fixture() throws -> IngestHarness {
        let h = try IngestHarness()
        try h.baseline()
        let body = (0..<Self.rows).map { Row(i: $0).text }.joined(separator: "\n")
        try h.file("ngo/services/large.csv", "facility_id,date,service,quantity\n" + body + "\n")
        return h
    }

    func ingest(_ h: IngestHarness, workers: Int) throws -> (Store, [FileReport]) {
        let store = try Store.open(h.storePath, .readWrite)
        let ingestor = Ingestor(store: store, settings: h.settings, runID: "test")
        ingestor.workers = workers
        return (store, try ingestor.ingest(try Inbox.discover(h.inbox).files))
    }

    func testEveryRecordOfAFileLargerThanTheHandOffIsAcceptedOrRejectedOnceWithItsLineAndColumn() throws {
        let h = try fixture()
        let (store, reports) = try ingest(h, workers: 2)
        let expectedRows = (0..<Self.rows).map(Row.init)
        let expectedRejects = expectedRows.compactMap(\.reject)
        XCTAssertGreaterThan(expectedRejects.count, 40)

        let large = try XCTUnwrap(reports.first { $0.path == "ngo/services/large.csv" })
        XCTAssertEqual(large.rowsRead, Self.rows)
        XCTAssertEqual(large.rowsRejected, expectedRejects.count)
        XCTAssertEqual(large.rowsAccepted, Self.rows - expectedRejects.count)
        XCTAssertEqual(large.rowsRead, large.rowsAccepted + large.rowsRejected)

        let rejects = try store.db.query("""
            SELECT line, "column", check_code, raw FROM rejects WHERE file = 'ngo/services/large.csv' ORDER BY line
            """)
        XCTAssertEqual(rejects.map { "\($0[0].int!):\($0[1].text!):\($0[2].text!)" }, expectedRejects)
        // The malformed record in the middle of the file keeps its text; the rows after it are all there.
        XCTAssertEqual(rejects.first { $0[2].text == "C14" }?[3].text, Row(i: 12_345).text)
        let staged = try store.db.query("SELECT line, facility_id, date, service, quantity FROM services WHERE file_id = (SELECT id FROM files WHERE path = 'ngo/services/large.csv') ORDER BY row_id")
        let accepted = expectedRows.filter { $0.reject == nil }
        XCTAssertEqual(staged.count, accepted.count)
        XCTAssertEqual(staged.map { $0[0].int! }, accepted.map(\.line), "accepted rows in the file's order, none lost, none twice")
        for (s, r) in zip(staged, accepted) where s[1].text != r.facility || s[2].text != r.date || s[3].text != r.service || s[4].int != Int(r.quantity) {
            XCTFail("line \(r.line): stored \(s), expected \(r.text)")
            break
        }
    }

    /// Everything the ingest writes, as text (ids included, the run's clock excluded).
    func dump(_ store: Store) throws -> [String] {
        var out: [String] = []
        for sql in [
            "SELECT id, path, sha256, dataset, encoding, bytes, rows_read, rows_accepted, rows_rejected, file_check FROM files ORDER BY id",
            "SELECT row_id, file_id, line, raw, facility_id, date_month, service, quantity, person_id, day, held FROM staged_services ORDER BY row_id",
            "SELECT row_id, file_id, line, person_id, sex, birth_year, teryt, first_seen, ethos, held FROM staged_persons ORDER BY row_id",
            "SELECT id, file_id, file, line, dataset, \"column\", check_code, reason, raw, derived FROM rejects ORDER BY id",
            "SELECT id, file_id, file, line, dataset, \"column\", check_code, message, derived FROM warnings ORDER BY id",
            "SELECT file_id, bytes, hex(packed) FROM file_archive ORDER BY file_id",
        ] {
            out += try store.db.query(sql).map { row in row.map { v in v.text ?? v.int.map(String.init) ?? "∅" }.joined(separator: "|") }
        }
        return out
    }

    func testOneWorkerAndTwoWriteTheSameStore() throws {
        let one = try fixture(), two = try fixture()
        // The same bytes in both inboxes, so the digests and archives agree too.
        let (a, _) = try ingest(one, workers: 1)
        let (b, _) = try ingest(two, workers: 2)
        let da = try dump(a), db = try dump(b)
        XCTAssertGreaterThan(da.count, Self.rows)
        XCTAssertEqual(da.count, db.count)
        for (x, y) in zip(da, db) where x != y { XCTFail("one worker: \(x)\ntwo workers: \(y)"); break }
    }

    /// A first night loads every staged table in bulk: their indexes are dropped for the load and
    /// built after it, so the store ends with the indexes a fresh store has, and the queries of
    /// the derivation and the measures read them.
    func testAFirstNightEndsWithEveryIndexAndTheQueriesUseThem() throws {
        let h = try fixture()
        let (store, _) = try ingest(h, workers: 2)
        let fresh = try Store.open(h.root.appendingPathComponent("fresh.sqlite").path, .readWrite)
        let indexes = "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
        let expected = try fresh.db.query(indexes).map { "\($0[0].text!): \($0[1].text!)" }
        XCTAssertGreaterThan(expected.count, 20)
        XCTAssertEqual(try store.db.query(indexes).map { "\($0[0].text!): \($0[1].text!)" }, expected)
        func plan(_ sql: String) throws -> String {
            try store.db.query("EXPLAIN QUERY PLAN " + sql).map { $0[3].text ?? "" }.joined(separator: "; ")
        }
        XCTAssertTrue(try plan("SELECT sex FROM persons WHERE person_id = 'person01'").contains("INDEX persons_id"))
        XCTAssertTrue(try plan("SELECT type FROM facilities WHERE facility_id = 'F1'").contains("INDEX facilities_id"))
        XCTAssertTrue(try plan("SELECT count(*) FROM staged_services WHERE held IS NOT NULL").contains("INDEX staged_services_held"))
        XCTAssertTrue(try plan("SELECT sum(quantity) FROM services WHERE day BETWEEN '2021-03-01' AND '2021-03-31'").contains("COVERING INDEX services_day"))
        XCTAssertEqual(try store.db.scalar("PRAGMA integrity_check")?.text, "ok")
    }

    /// The first persons file drops the table's indexes for the bulk load, then turns out to be
    /// C15 (a PESEL without a key): its savepoint rolls back, bringing the indexes back; the next
    /// persons file drops them again. The night still ends with every index once, and the rows
    /// of the rolled-back file are nowhere.
    func testAFileRolledBackAfterDroppingItsTablesIndexesLeavesEveryIndexBuiltOnce() throws {
        let h = try IngestHarness()
        h.key = nil
        try h.baseline()
        try h.file("mops/persons/a.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\nperson03,m,1970,2464011,2024-01-01,2\n44051401359,m,1944,2464011,2024-01-01,2\n")
        let (store, reports) = try ingest(h, workers: 2)
        XCTAssertEqual(reports.first { $0.path == "mops/persons/a.csv" }?.fileCheck, .C15)
        XCTAssertEqual(try store.db.query("SELECT person_id FROM persons ORDER BY person_id").map { $0[0].text! }, ["person01", "person02"])
        let fresh = try Store.open(h.root.appendingPathComponent("fresh.sqlite").path, .readWrite)
        let indexes = "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
        XCTAssertEqual(try store.db.query(indexes).map { "\($0[0].text!): \($0[1].text!)" },
                       try fresh.db.query(indexes).map { "\($0[0].text!): \($0[1].text!)" })
        XCTAssertEqual(try store.db.scalar("PRAGMA integrity_check")?.text, "ok")
    }
}
