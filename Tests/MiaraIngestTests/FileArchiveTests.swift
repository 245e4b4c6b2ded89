import Foundation
@testable import MiaraIngest
@testable import MiaraStore
import MiaraTestSupport
import MiaraValues
import XCTest

/// Staged rows keep their values only; a record that a later night's derivation rejects shows
/// its text read again from the store's archive of its file, even once the inbox no longer
/// holds that file.
final class FileArchiveTests: XCTestCase {
    func testPackThenUnpackGivesTheBytesBack() throws {
        var rng = PropertySeed.generator("FileArchiveTests.testPackThenUnpackGivesTheBytesBack")
        for n in [0, 1, 17, 4096, 100_000] {
            let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next() % 7 == 0 ? rng.next() : 65 + rng.next() % 4) }
            let packed = try FileArchive.pack(bytes)
            XCTAssertEqual(try FileArchive.unpack(packed, size: n), bytes, "\(n) bytes; replay with MIARA_SEED=\(rng.seed)")
        }
        XCTAssertThrowsError(try FileArchive.unpack(try FileArchive.pack(Array("abc".utf8)), size: 4), "a size other than the archived file's")
    }

    func testARowRejectedOnALaterNightShowsItsLineAfterTheFileLeftTheInbox() throws {
        let h = try IngestHarness()
        try h.baseline()
        // `;`-delimited, a quoted field and CRLF line ends: the text is the line as written.
        let line2 = "F2;\"2024-11-05\";meal;2;person02"
        try h.file("ngo/services/v.csv", "facility_id;date;service;quantity;person_id\r\n\(line2)\r\nF2;2024-03-05;meal;1;person02\r\n")
        let (store, _) = try h.ingest(runID: "n1")
        XCTAssertEqual(try h.rejects(store), [])
        XCTAssertEqual(try store.db.query("SELECT DISTINCT raw FROM staged_services").map { $0[0].text }, [""], "staged rows keep no text")
        try FileManager.default.removeItem(at: h.inbox.appendingPathComponent("ngo/services/v.csv"))
        h.asOf = Day(iso: "2024-06-30")!
        _ = try h.ingest(runID: "n2")
        XCTAssertEqual(try h.rejects(store), ["ngo/services/v.csv:2:date:C10"])
        XCTAssertEqual(try store.db.scalar("SELECT raw FROM rejects")?.text, line2)
        // Derived again on the next night (another as-of that still rejects it), it keeps its text.
        h.asOf = Day(iso: "2024-07-31")!
        _ = try h.ingest(runID: "n3")
        XCTAssertEqual(try store.db.query("SELECT line, raw FROM rejects").map { [String($0[0].int ?? 0), $0[1].text ?? ""] }, [["2", line2]])
    }

    func testAPESELInTheTextOfARowRejectedLaterIsMasked() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/audits/a.csv", "facility_id,date,criterion,result,note\nF1,2024-11-05,B01,met,kontakt 44051401359 w sprawie\n")
        let (store, _) = try h.ingest(runID: "n1")
        XCTAssertEqual(try h.rejects(store), [])
        // The archive holds the file with the PESEL masked, never in clear.
        let a = try XCTUnwrap(try StoreRecords.archivedFile(store.db.reader, fileID: Int64(try store.db.scalar("SELECT id FROM files WHERE path = 'ngo/audits/a.csv'")?.int ?? 0)))
        let archived = String(decoding: try FileArchive.unpack(a.packed, size: a.bytes), as: UTF8.self)
        XCTAssertFalse(archived.contains("44051401359"))
        XCTAssertTrue(archived.contains("kontakt [PESEL] w sprawie"))
        h.asOf = Day(iso: "2024-06-30")!
        _ = try h.ingest(runID: "n2")
        XCTAssertEqual(try h.rejects(store), ["ngo/audits/a.csv:2:date:C10"])
        XCTAssertEqual(try store.db.scalar("SELECT raw FROM rejects")?.text, "F1,2024-11-05,B01,met,kontakt [PESEL] w sprawie")
    }

    func testAWindows1250FileIsReadBackInItsEncoding() throws {
        let h = try IngestHarness()
        try h.baseline()
        // "Łódź" in Windows-1250 (0xA3 0xF3 0x64 0x9F): not UTF-8, so the file is read as Windows-1250.
        let text: [UInt8] = Array("facility_id,date,criterion,result,note\nF1,2024-11-05,B01,met,".utf8) + [0xA3, 0xF3, 0x64, 0x9F] + [10]
        try h.file("ngo/audits/a.csv", bytes: text)
        let (store, _) = try h.ingest(runID: "n1")
        h.asOf = Day(iso: "2024-06-30")!
        _ = try h.ingest(runID: "n2")
        XCTAssertEqual(try store.db.scalar("SELECT raw FROM rejects")?.text, "F1,2024-11-05,B01,met,Łódź")
    }

    func testASurveyUnitRejectShowsTheResponseWhichTheAcceptedTableNoLongerRepeats() throws {
        let h = try IngestHarness()
        h.questionnaires = ["uzytkownicy": SurveyIngestTests.map]
        try h.baseline()
        try h.file("surveys/uzytkownicy/a.csv", """
            Placówka;Data wypełnienia;Personel traktuje mnie z szacunkiem;Czuję się tu niebezpiecznie
            F1;2024-05-01;4;2
            F9;2024-05-04;4;4
            """)
        let (store, _) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), ["surveys/uzytkownicy/a.csv:3:Placówka:C11"])
        XCTAssertEqual(try store.db.scalar("SELECT raw FROM rejects")?.text, "F9;2024-05-04;4;4")
        XCTAssertEqual(try store.db.query("SELECT line, raw FROM survey_responses").map { [String($0[0].int ?? 0), $0[1].text ?? "-"] }, [["2", ""]])
    }

    /// A CSV survey export is archived like a dataset file: its staged responses keep no text, and
    /// a response the as-of date rejects on a later night shows its line as written, read from
    /// the archive after the file left the inbox.
    func testASurveyResponseRejectedOnALaterNightShowsItsLineFromTheArchive() throws {
        let h = try IngestHarness()
        h.questionnaires = ["uzytkownicy": SurveyIngestTests.map]
        try h.baseline()
        let line3 = "F1;2024-11-04;\"Raczej się zgadzam\";4"
        try h.file("surveys/uzytkownicy/a.csv", "Placówka;Data wypełnienia;Personel traktuje mnie z szacunkiem;Czuję się tu niebezpiecznie\r\nF1;2024-05-01;4;2\r\n\(line3)\r\n")
        let (store, _) = try h.ingest(runID: "n1")
        XCTAssertEqual(try h.rejects(store), [])
        XCTAssertEqual(try store.db.query("SELECT DISTINCT raw FROM staged_survey_responses").map { $0[0].text }, [""], "staged responses keep no text")
        XCTAssertEqual(try store.db.scalar("SELECT count(*) FROM file_archive a JOIN files f ON f.id = a.file_id WHERE f.path = 'surveys/uzytkownicy/a.csv'")?.int, 1)
        try FileManager.default.removeItem(at: h.inbox.appendingPathComponent("surveys/uzytkownicy/a.csv"))
        h.asOf = Day(iso: "2024-06-30")!
        _ = try h.ingest(runID: "n2")
        XCTAssertEqual(try h.rejects(store), ["surveys/uzytkownicy/a.csv:3:Data wypełnienia:C10"])
        XCTAssertEqual(try store.db.scalar("SELECT raw FROM rejects")?.text, line3)
    }
}
