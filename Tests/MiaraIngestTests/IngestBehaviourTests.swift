import Foundation
import MiaraIngest
@testable import MiaraStore
import MiaraValues
import MiaraXLSX
import XCTest

/// Whole-file behaviour: XLSX inputs, idempotency, replacement, reconciliation, no PESEL in the store.
final class IngestBehaviourTests: XCTestCase {
    func testXLSXInputReadLikeCSV() throws {
        let h = try IngestHarness()
        try h.baseline()
        let url = h.inbox.appendingPathComponent("ngo/stays/s.xlsx")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let wb = try XLSXWorkbook(path: url.path)
        let ws = try wb.addWorksheet("Pobyty")
        let dateFormat = wb.addFormat(XLSXFormatSpec(numFormat: "yyyy-mm-dd"))
        for (i, h) in ["stay_id", "person_id", "facility_id", "admitted", "discharged", "destination"].enumerated() {
            ws.write(0, i, string: h)
        }
        ws.write(1, 0, number: 101)                       // numeric id → "101"
        ws.write(1, 1, string: "person01")
        ws.write(1, 2, string: "F1")
        ws.writeDate(1, 3, year: 2024, month: 3, day: 1, dateFormat)
        ws.write(1, 4, number: 45366)                     // a plain serial in a date column: 2024-03-15
        ws.write(1, 5, string: "Rented")
        ws.write(3, 0, string: "S2")                      // row 3 empty: skipped; row 4 read
        ws.write(3, 1, string: "person02")
        ws.write(3, 2, string: "F1")
        ws.write(3, 3, string: "01.04.2024")
        ws.write(3, 6, string: "beyond the header")       // C14
        ws.write(4, 0, string: "S3")
        ws.write(4, 1, string: "=HYPERLINK(\"http://x\",\"y\")")
        ws.write(4, 2, string: "F1")
        ws.write(4, 3, string: "2024-04-01")
        try wb.close()
        let (store, reports) = try h.ingest()
        XCTAssertEqual(try store.db.query("SELECT stay_id, admitted, discharged, destination, line FROM stays").map { $0.map { $0.text ?? "\($0.int ?? -1)" } },
                       [["101", "2024-03-01", "2024-03-15", "rented", "2"]])
        XCTAssertEqual(try h.rejects(store), ["ngo/stays/s.xlsx:4::C14", "ngo/stays/s.xlsx:5:person_id:C18"])
        XCTAssertEqual(try store.db.scalar("SELECT raw FROM rejects WHERE line = 5")?.text, "S3,=HYPERLINK(\"http://x\",\"y\"),F1,2024-04-01")
        let r = reports.first { $0.path == "ngo/stays/s.xlsx" }!
        XCTAssertEqual([r.rowsRead, r.rowsAccepted, r.rowsRejected], [3, 1, 2])
        XCTAssertEqual(r.encoding, "xlsx")
    }

    func testSameBytesAreIngestedOnceAcrossRuns() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/stays/a.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-01-01\n")
        try h.file("ngo/stays/copy of a.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-01-01\n")
        let (store, reports) = try h.ingest(runID: "r1")
        XCTAssertEqual(reports.first { $0.path == "ngo/stays/copy of a.csv" }?.duplicateOf, "ngo/stays/a.csv")
        let (_, again) = try h.ingest(runID: "r2")
        XCTAssertTrue(again.allSatisfy { $0.duplicateOf != nil })
        XCTAssertEqual(try store.count("files"), 5)
        XCTAssertEqual(try h.rejects(store), [])
    }

    func testReplacingRowThatFailsCrossCheckRemovesTheKey() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/stays/a.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-01-01\n")
        try h.file("ngo/stays/b.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F9,2024-01-01\n")
        let (store, reports) = try h.ingest()
        XCTAssertEqual(try store.count("stays"), 0)
        XCTAssertEqual(try h.rejects(store), ["ngo/stays/b.csv:2:facility_id:C11"])
        let a = reports.first { $0.path == "ngo/stays/a.csv" }!
        XCTAssertEqual([a.rowsRead, a.rowsAccepted, a.rowsRejected], [1, 1, 0], "a replaced row still counts as accepted in its own file")
    }

    func testPESELsArePseudonymisedAndNeverStored() throws {
        let h = try IngestHarness()
        try h.baseline()
        let pesels = ["44051401359", "02070803628"]
        XCTAssertTrue(pesels.allSatisfy { PESEL.isValid($0) })
        try h.file("mops/persons/z.csv", """
            person_id,sex,birth_year,teryt,first_seen,ethos
            44051401359,m,1944,2464011,2024-01-01,2
            02070803628,k,2002,2464011,2024-01-01,9
            """)
        try h.file("ngo/stays/z.csv", "stay_id,person_id,facility_id,admitted\nZ1,44051401359,F1,2024-02-01\nZ2,02070803628,F1,2024-02-01\n")
        let (store, _) = try h.ingest()
        let expected = Pseudonymiser(keyBytes: Array("test-key".utf8)).pseudonym(forPESEL: "44051401359")
        XCTAssertEqual(expected.count, 21)
        XCTAssertEqual(try store.db.scalar("SELECT person_id FROM stays WHERE stay_id = 'Z1'")?.text, expected)
        XCTAssertEqual(try h.rejects(store), ["mops/persons/z.csv:3:ethos:C19", "ngo/stays/z.csv:3:person_id:C11"])
        try store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for suffix in ["", "-wal", "-shm"] {
            guard let data = FileManager.default.contents(atPath: h.storePath + suffix) else { continue }
            for p in pesels {
                XCTAssertNil(data.range(of: Data(p.utf8)), "PESEL \(p) found in the store file\(suffix)")
            }
        }
    }

    func testStoreFileIsReadableByOwnerOnly() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.ingest()
        let mode = (try FileManager.default.attributesOfItem(atPath: h.storePath)[.posixPermissions] as! NSNumber).intValue
        XCTAssertEqual(mode & 0o777, 0o600)
    }
}
