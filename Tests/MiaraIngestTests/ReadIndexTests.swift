import Foundation
import MiaraIngest
@testable import MiaraStore
import MiaraValues
import XCTest

/// The read index `services_day`: dropped and rebuilt around every derivation, back after a killed run.
final class ReadIndexTests: XCTestCase {
    /// Day- and month-dated services rows; `day` turns the month into its first day.
    func fixture() throws -> IngestHarness {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/services/s.csv", """
            facility_id,date,service,quantity,person_id
            F2,2024-03-05,meal,2,person01
            F2,2024-03,meal,40,
            F1,2024-04-30,bed_night,1,person02
            """)
        return h
    }

    func indexNames(_ store: Store) throws -> [String] {
        try store.db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'staged_services' AND name LIKE 'services%' AND sql IS NOT NULL ORDER BY name")
            .map { $0[0].text! }
    }

    func rows(_ store: Store) throws -> [String] {
        try store.db.query("SELECT facility_id, date, day, service, quantity FROM services ORDER BY day, facility_id").map {
            "\($0[0].text!) \($0[1].text!) \($0[2].text!) \($0[3].text!) \($0[4].int!)"
        }
    }

    func testBulkAndRowByRowIngestGiveTheSameRowsAndTheIndex() throws {
        let a = try fixture(), b = try fixture()
        let storeA = try Store.open(a.storePath, .readWrite)
        let ingA = Ingestor(store: storeA, settings: a.settings, runID: "t")
        _ = try ingA.ingest(try Inbox.discover(a.inbox).files)
        XCTAssertGreaterThan(ingA.indexSeconds, 0)
        let (storeB, _) = try b.ingest()

        let expected = ["F2 2024-03 2024-03-01 meal 40", "F2 2024-03-05 2024-03-05 meal 2", "F1 2024-04-30 2024-04-30 bed_night 1"]
        XCTAssertEqual(try rows(storeA), expected)
        XCTAssertEqual(try rows(storeB), expected)
        XCTAssertEqual(try indexNames(storeA), ["services_day"])
        XCTAssertEqual(try indexNames(storeB), ["services_day"])
        // a covering index: the period's rows are read without the table
        let plan = try storeA.db.query("EXPLAIN QUERY PLAN SELECT sum(quantity), count(DISTINCT person_id) FROM services WHERE day BETWEEN '2024-03-01' AND '2024-03-31'")
            .map { $0[3].text ?? "" }.joined(separator: " ")
        XCTAssertTrue(plan.contains("COVERING INDEX services_day"), plan)
        XCTAssertEqual(try storeA.db.scalar("SELECT sum(quantity) FROM services WHERE day BETWEEN '2024-03-01' AND '2024-03-31'")?.int, 42)
    }

    /// A night that re-sends services finds the rows they replace through `services_day` (by the
    /// day, which rows of one key share), not by scanning every staged row — and replaces them.
    func testTheRowsAResentDayReplacesAreLookedUpByDay() throws {
        let h = try fixture()
        let (store, _) = try h.ingest(runID: "n1")
        let spec = Datasets.named("ngo/services")!
        let since = try store.db.scalar("SELECT max(row_id) FROM staged_services")!.int!
        let plan = try store.db.query("EXPLAIN QUERY PLAN SELECT o.row_id FROM staged_services o WHERE o.row_id <= \(since) AND o.held IS NULL AND \(Derivation.sharesKeyColumns(spec, since: since))")
            .map { $0.last!.text! }
        XCTAssertTrue(plan.first?.contains("INDEX services_day (day=?)") == true, plan.joined(separator: "\n"))
        try h.file("ngo/services/t.csv", "facility_id,date,service,quantity,person_id\nF2,2024-03-05,meal,7,person01\nF2,2024-03,meal,41,\n")
        _ = try h.ingest(runID: "n2")
        XCTAssertEqual(try rows(store), ["F2 2024-03 2024-03-01 meal 41", "F2 2024-03-05 2024-03-05 meal 7", "F1 2024-04-30 2024-04-30 bed_night 1"])
    }

    func testOpeningTheStoreRestoresAReadIndexDroppedByAKilledRun() throws {
        let h = try fixture()
        let (store, _) = try h.ingest()
        try Schema.dropReadIndexes(store.db)
        XCTAssertEqual(try indexNames(store), [])
        let reopened = try Store.open(h.storePath, .readWrite)
        XCTAssertEqual(try indexNames(reopened), ["services_day"])
    }
}
