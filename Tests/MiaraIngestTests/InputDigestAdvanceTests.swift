import Foundation
@testable import MiaraStore
import MiaraValues
import XCTest

/// The measures' input digests of a dated dataset brought up to date by the derivation that
/// appends rows to it (`StoredInputDigests.advance`): the next night reads none of its rows, and
/// the digests it takes are those of the rows.
final class InputDigestAdvanceTests: XCTestCase {
    /// `advance` reads again only the months of the rows added: a row they replace must lie in
    /// the same month, so each dated dataset's day is part of its key (directly, or derived by
    /// the store from key columns alone).
    func testEachDatedDatasetsDayIsPartOfItsKey() throws {
        for (table, day) in MeasureInputDigests.monthColumns {
            let spec = try XCTUnwrap(Datasets.all.first { $0.table == table }, table)
            let column = String(day.prefix { $0.isLetter || $0 == "_" })
            if spec.key.contains(column) { continue }
            let derived = try XCTUnwrap(Schema.derivedColumns[table]?.first { $0.column == column }, "\(table).\(column)")
            let read = spec.columns.map(\.name).filter { derived.expression.contains(":" + $0) }
            XCTAssertFalse(read.isEmpty, table)
            XCTAssertTrue(read.allSatisfy(spec.key.contains), "\(table).\(column) is derived from \(read), not all in the key \(spec.key)")
        }
    }

    /// The first night: the baseline and a services file of January and August (plus `extra`
    /// rows), its input digests read from the rows and kept as compute keeps them; `after` then
    /// sees the store. Returns the digests and the services' generation.
    func firstNight(_ h: IngestHarness, extra: String = "", after: (Store) throws -> Void = { _ in }) throws
        -> (digests: MeasureInputDigests, generation: Int?) {
        try h.baseline()
        try h.file("ngo/services/a.csv", "facility_id,date,service,quantity,person_id\n"
                   + "F2,2024-01-15,meal,2,person01\nF2,2024-08-15,meal,3,person02\n" + extra)
        let (first, _) = try h.ingest(runID: "n1")
        let digests = try MeasureInputDigests.read(first.db)
        XCTAssertNotNil(digests.readNow["services"], "the first night reads the services' rows")
        try first.write { try digests.save($0) }
        try after(first)
        return (digests, try StoredInputDigests.read(first.db).generations["services"])
    }

    /// The second night: a file that re-sends August 15 with another quantity and adds October 1.
    func appendNight(_ h: IngestHarness) throws -> Store {
        try h.file("ngo/services/b.csv", "facility_id,date,service,quantity,person_id\n"
                   + "F2,2024-08-15,meal,5,person02\nF2,2024-10-01,meal,1,person01\n")
        return try h.ingest(runID: "n2").0
    }

    /// A second file re-sends one August day with another quantity (it replaces the earlier row)
    /// and adds a day of October: the derivation appends it, the digests kept from the night
    /// before move to the new generation, and the next night takes them without reading the
    /// services: they equal the digests read from every row; January's is unchanged.
    func testAnAppendedFileLeavesStoredDigestsEqualToTheRows() throws {
        let h = try IngestHarness()
        let (night1, generation1) = try firstNight(h, extra: "F2,2024-08-16,meal,1,person01\n")
        let second = try appendNight(h)
        // The file was appended: the earlier row of its key is held back as replaced.
        XCTAssertEqual(try second.db.scalar("SELECT count(*) FROM staged_services WHERE held = 'replaced'")?.int, 1)
        let stored = try StoredInputDigests.read(second.db)
        XCTAssertEqual(stored.generations["services"], generation1.map { $0 + 1 })
        let kept = try MeasureInputDigests.read(second.db), rows = try MeasureInputDigests.read(second.db, stored: false)
        XCTAssertNil(kept.readNow["services"], "the services' digests are taken from the store")
        XCTAssertEqual(kept.months["services"], rows.months["services"])
        XCTAssertEqual(kept, rows)
        XCTAssertEqual(kept.months["services"]?.keys.sorted(), ["2024-01", "2024-08", "2024-10"])
        XCTAssertEqual(kept.months["services"]?["2024-01"], night1.months["services"]?["2024-01"])
        XCTAssertNotEqual(kept.months["services"]?["2024-08"], night1.months["services"]?["2024-08"])
    }

    /// Only the months of the appended rows are read again: a stored digest of another month
    /// (marked here by hand) is kept as it was, while those of August and October are the rows'.
    func testAnAppendRereadsOnlyTheMonthsOfItsRows() throws {
        let h = try IngestHarness()
        _ = try firstNight(h) { store in
            try store.db.execute("UPDATE input_digests SET digest = 'marked' WHERE dataset = 'services' AND month IN ('2024-01', '2024-08')")
        }
        let second = try appendNight(h)
        let kept = try MeasureInputDigests.read(second.db), rows = try MeasureInputDigests.read(second.db, stored: false)
        XCTAssertNil(kept.readNow["services"])
        XCTAssertEqual(kept.months["services"]?["2024-01"], "marked", "a month without appended rows is not read again")
        XCTAssertEqual(kept.months["services"]?["2024-08"], rows.months["services"]?["2024-08"])
        XCTAssertEqual(kept.months["services"]?["2024-10"], rows.months["services"]?["2024-10"])
    }

    /// Digests not kept the night before (a night whose compute did not save them) are not
    /// advanced: the next night reads the rows.
    func testDigestsNotKeptAreReadFromTheRows() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/services/a.csv", "facility_id,date,service,quantity,person_id\nF2,2024-01-15,meal,2,person01\n")
        _ = try h.ingest(runID: "n1")
        try h.file("ngo/services/b.csv", "facility_id,date,service,quantity,person_id\nF2,2024-02-15,meal,2,person01\n")
        let (second, _) = try h.ingest(runID: "n2")
        let kept = try MeasureInputDigests.read(second.db), rows = try MeasureInputDigests.read(second.db, stored: false)
        XCTAssertNotNil(kept.readNow["services"])
        XCTAssertEqual(kept, rows)
    }
}
