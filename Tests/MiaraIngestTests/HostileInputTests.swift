import Foundation
import MiaraIngest
@testable import MiaraStore
import MiaraValues
import MiaraXLSX
import XCTest
import ZIPFoundation

/// Inputs an adversary (or an old export) sends: identifiers that are PESELs, CR-only lines, NUL
/// bytes, numbers beyond a double, unreadable files, links, FIFOs and odd names in the inbox.
final class HostileInputTests: XCTestCase {
    /// `P` + 20 hex of HMAC-SHA256("test-key", "44051401359"), computed outside miara.
    let pseudonym = "P1359128048243803c13e"

    func testPESELInIdentifierColumnsIsPseudonymisedAndStillJoins() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("mops/persons/q.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\n44051401359,m,1970,2464011,2024-01-10,2\n")
        try h.file("ngo/facilities/g.csv", "facility_id,provider_id,teryt,type,places,opened\n44051401359,KRS:0000184388,2464011,shelter,10,2020-01-01\n")
        try h.file("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\n44051401359,44051401359,44051401359,2024-03-01\n")
        let (store, _) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), [])
        XCTAssertEqual(try store.db.query("SELECT stay_id, person_id, facility_id FROM stays").map { $0.map { $0.text! } },
                       [[pseudonym, pseudonym, pseudonym]])
        // W02 for the identifier columns (not for person_id, whose pseudonymisation is the rule).
        XCTAssertEqual(try h.warnings(store), ["ngo/facilities/g.csv:2:facility_id:W02",
                                               "ngo/stays/s.csv:2:stay_id:W02", "ngo/stays/s.csv:2:facility_id:W02"])
    }

    func testPESELInAnIdentifierColumnWithoutKeyRejectsTheFile() throws {
        let h = try IngestHarness()
        h.key = nil
        try h.baseline()
        try h.file("ngo/contracts/c.csv", """
            contract_id,teryt,provider_id,facility_id,service,start,end,amount_pln
            44051401359,2464011,KRS:0000184388,F1,night_shelter,2024-01-01,2024-12-31,100
            C2,2464011,KRS:0000184388,F1,night_shelter,2024-01-01,2024-12-31,100
            """)
        let (store, reports) = try h.ingest()
        XCTAssertEqual(reports.first { $0.path == "ngo/contracts/c.csv" }?.fileCheck, .C15)
        XCTAssertEqual(try h.rejects(store), ["ngo/contracts/c.csv:0:person_id:C15"])
        XCTAssertEqual(try store.count("contracts"), 0)
    }

    func testPESELInsideAnIdentifierIsPseudonymisedInPlaceAndWithoutAKeyIsC15() throws {
        let h = try IngestHarness()
        try h.baseline()
        // `NC-` + a PESEL, and the same with another PESEL: two facilities, each id pseudonymised in place.
        try h.file("ngo/facilities/g.csv", "facility_id,provider_id,teryt,type,places,opened\nNC-44051401359,KRS:0000184388,2464011,shelter,10,2020-01-01\nNC-70111213891,KRS:0000184388,2464011,shelter,10,2020-01-01\n")
        try h.file("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,NC-44051401359,2024-03-01\n")
        let (store, _) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), [])
        // HMAC-SHA256("test-key", …) computed outside miara (Python hmac).
        XCTAssertEqual(try store.db.query("SELECT facility_id FROM facilities WHERE facility_id LIKE 'NC-%' ORDER BY 1").map { $0[0].text! },
                       ["NC-P1359128048243803c13e", "NC-Pe6be8e99cd009c368642"])
        XCTAssertEqual(try store.db.scalar("SELECT facility_id FROM stays")?.text, "NC-\(pseudonym)")
        XCTAssertEqual(try h.warnings(store).filter { $0.hasSuffix("W02") },
                       ["ngo/facilities/g.csv:2:facility_id:W02", "ngo/facilities/g.csv:3:facility_id:W02", "ngo/stays/s.csv:2:facility_id:W02"])

        let n = try IngestHarness()
        n.key = nil
        try n.baseline()
        try n.file("ngo/contracts/c.csv", "contract_id,teryt,provider_id,facility_id,service,start,end,amount_pln\nC1,2464011,KRS:0000184388,NC-44051401359,night_shelter,2024-01-01,2024-12-31,100\n")
        let (bare, reports) = try n.ingest()
        XCTAssertEqual(reports.first { $0.path == "ngo/contracts/c.csv" }?.fileCheck, .C15)
        XCTAssertEqual(try bare.count("contracts"), 0)
    }

    func testXLSXPersonIDThatLostItsLeadingZeroIsThatPESEL() throws {
        let h = try IngestHarness()
        try h.baseline()
        // 02070803628 typed into Excel as a number: 2070803628.
        let url = h.inbox.appendingPathComponent("mops/persons/x.xlsx")
        let wb = try XLSXWorkbook(path: url.path)
        let ws = try wb.addWorksheet("Osoby")
        for (i, name) in ["person_id", "sex", "birth_year", "teryt", "first_seen", "ethos"].enumerated() { ws.write(0, i, string: name) }
        ws.write(1, 0, number: 2070803628)
        ws.write(1, 1, string: "f"); ws.write(1, 2, number: 1980); ws.write(1, 3, string: "2464011")
        ws.write(1, 4, string: "2024-01-10"); ws.write(1, 5, number: 2)
        try wb.close()
        try h.file("mops/benefits/b.csv", "person_id,teryt,benefit,date_from,amount_pln\n02070803628,2464011,posilek,2024-03-01,10\n")
        let (store, _) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), [])
        let expected = Pseudonymiser(keyBytes: Array("test-key".utf8)).pseudonym(forPESEL: "02070803628")
        XCTAssertEqual(try store.db.scalar("SELECT person_id FROM benefits")?.text, expected)
        XCTAssertEqual(try store.db.scalar("SELECT raw FROM staged_persons WHERE line = 2 AND person_id = ?", [.text(expected)])?.text,
                       "[PESEL],f,1980,2464011,2024-01-10,2")
    }

    func testPESELInANumberColumnIsRefusedAndMasked() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/costs/c.csv", "contract_id,month,category,amount_pln,funding\nC1,2024-01,staff,44051401359,own\n")
        let (store, _) = try h.ingest()
        let r = try store.db.query("SELECT check_code, \"column\", reason, raw FROM rejects WHERE file = 'ngo/costs/c.csv'")
        XCTAssertEqual(r.first?[0].text, "C19")
        XCTAssertEqual(r.first?[1].text, "amount_pln")
        XCTAssertEqual(r.first?[3].text, "C1,2024-01,staff,[PESEL],own")
        XCTAssertFalse(r.first?[2].text?.contains("44051401359") ?? true)
    }

    func testCarriageReturnOnlyLinesAreLines() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\rS1,person01,F1,2024-03-01\rS2,person02,F1,\"2024-03-02\"\r")
        let (store, reports) = try h.ingest()
        XCTAssertEqual(reports.first { $0.path == "ngo/stays/s.csv" }?.rowsRead, 2)
        XCTAssertEqual(try store.db.query("SELECT stay_id, admitted, line FROM stays ORDER BY stay_id").map { "\($0[0].text!) \($0[1].text!) \($0[2].int!)" },
                       ["S1 2024-03-01 2", "S2 2024-03-02 3"])
    }

    func testNULByteAndNumbersBeyondADoubleAreRejectedNamingTheColumn() throws {
        let h = try IngestHarness()
        try h.baseline()
        let nines = String(repeating: "9", count: 400)
        try h.file("ngo/costs/c.csv", bytes: Array("contract_id,month,category,amount_pln,funding\n".utf8)
            + Array("C1,2024-01,staff,12".utf8) + [0] + Array("3,own\n".utf8)
            + Array("C1,2024-02,st".utf8) + [0] + Array("aff,100,own\n".utf8)
            + Array("C1,2024-03,staff,\(nines),own\nC1,2024-04,staff,NaN,own\nC1,2024-05,staff,Inf,own\n".utf8))
        let (store, _) = try h.ingest()
        XCTAssertEqual(try h.rejects(store).filter { $0.hasPrefix("ngo/costs") }, [
            "ngo/costs/c.csv:2:amount_pln:C04", "ngo/costs/c.csv:3:category:C05", "ngo/costs/c.csv:4:amount_pln:C04",
            "ngo/costs/c.csv:5:amount_pln:C04", "ngo/costs/c.csv:6:amount_pln:C04",
        ])
    }

    func testXLSXNonFiniteNumberCellIsC04() throws {
        let h = try IngestHarness()
        try h.baseline()
        let url = h.inbox.appendingPathComponent("ngo/costs/k.xlsx")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // libxlsxwriter refuses to write NaN, so the parts are written by hand.
        func row(_ r: Int, _ v: String) -> String {
            "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"inlineStr\"><is><t>C1</t></is></c><c r=\"B\(r)\" t=\"inlineStr\"><is><t>2024-0\(r)</t></is></c>"
                + "<c r=\"C\(r)\" t=\"inlineStr\"><is><t>staff</t></is></c><c r=\"D\(r)\"><v>\(v)</v></c><c r=\"E\(r)\" t=\"inlineStr\"><is><t>own</t></is></c></row>"
        }
        let header = "<row r=\"1\">" + ["contract_id", "month", "category", "amount_pln", "funding"].enumerated().map { i, n in
            "<c r=\"\(["A", "B", "C", "D", "E"][i])1\" t=\"inlineStr\"><is><t>\(n)</t></is></c>"
        }.joined() + "</row>"
        let ns = "http://schemas.openxmlformats.org"
        let parts: [(String, String)] = [
            ("xl/workbook.xml", "<workbook xmlns=\"\(ns)/spreadsheetml/2006/main\" xmlns:r=\"\(ns)/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"\(ns)/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(ns)/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
            ("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"\(ns)/spreadsheetml/2006/main\"><sheetData>\(header)\(row(2, "NaN"))\(row(3, "INF"))\(row(4, "1e999"))</sheetData></worksheet>"),
        ]
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
                data.subdata(in: Int(pos)..<Int(pos) + size)
            }
        }
        let (store, _) = try h.ingest()
        XCTAssertEqual(try h.rejects(store).filter { $0.hasPrefix("ngo/costs") }, ["ngo/costs/k.xlsx:2:amount_pln:C04", "ngo/costs/k.xlsx:3:amount_pln:C04",
                                                                             "ngo/costs/k.xlsx:4:amount_pln:C04"])
    }

    func testUnreadableFileIsC20NotRecordedAndTheRunGoesOn() throws {
        let h = try IngestHarness()
        try h.baseline()
        let store = try Store.open(h.storePath, .readWrite)
        var files = try Inbox.discover(h.inbox).files
        // A file that cannot be opened (as when its permissions deny the reader).
        files.insert(InboxFile(path: "ngo/stays/gone.csv", url: h.inbox.appendingPathComponent("ngo/stays/gone.csv"), dataset: "ngo/stays"), at: 0)
        let ing = Ingestor(store: store, settings: h.settings, runID: "t")
        var warnings: [String] = []
        ing.onWarning = { warnings.append($0) }
        let reports = try ing.ingest(files)
        XCTAssertEqual(reports.first?.fileCheck, .C20)
        XCTAssertTrue(warnings.contains { $0.hasPrefix("ngo/stays/gone.csv: C20") && $0.contains("No such file") }, "\(warnings)")
        XCTAssertEqual(try store.count("files"), 4)          // the others are ingested, the unreadable one is not recorded
        XCTAssertEqual(try store.count("facilities"), 2)
    }

    func testInboxLinksFIFOsAndOddNamesAreWarnedNeverSilentOrHanging() throws {
        let h = try IngestHarness()
        try h.baseline()
        let outside = h.root.appendingPathComponent("outside.csv")
        try "stay_id,person_id,facility_id,admitted\nS9,person01,F1,2024-03-01\n".write(to: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: h.inbox.appendingPathComponent("ngo/stays"), withIntermediateDirectories: true)
        XCTAssertEqual(symlink(outside.path, h.inbox.appendingPathComponent("ngo/stays/out.csv").path), 0)
        // A folder linked within its dataset folder is read once; a link to another dataset's folder
        // is not followed (its files would be read as the wrong dataset); the loop back to the
        // inbox root is not followed.
        try h.file("mops/persons/2024/q.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\nperson03,m,1970,2464011,2024-01-10,2\n")
        XCTAssertEqual(symlink(h.inbox.appendingPathComponent("mops/persons/2024").path, h.inbox.appendingPathComponent("mops/persons/latest").path), 0)
        XCTAssertEqual(symlink(h.inbox.appendingPathComponent("mops/persons").path, h.inbox.appendingPathComponent("mops/programmes").path), 0)
        XCTAssertEqual(symlink(h.inbox.path, h.inbox.appendingPathComponent("mops/persons/loop").path), 0)
        XCTAssertEqual(mkfifo(h.inbox.appendingPathComponent("ngo/stays/pipe.csv").path, 0o600), 0)
        var bad = Array((h.inbox.path + "/ngo/stays/").utf8) + [0x7A, 0xFF, 0x2E, 0x63, 0x73, 0x76, 0]  // "z\xFF.csv"
        let fd = bad.withUnsafeMutableBufferPointer { p in p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { open($0, O_CREAT | O_WRONLY, 0o600) } }
        XCTAssertGreaterThanOrEqual(fd, 0); close(fd)
        let l = try Inbox.list(h.inbox)
        XCTAssertEqual(l.files.map(\.path), ["mops/municipalities/m.csv", "mops/persons/2024/q.csv", "mops/persons/latest/q.csv",
                                             "mops/persons/p.csv", "ngo/facilities/f.csv", "ngo/providers/p.csv"])
        XCTAssertEqual(l.unsafe.count, 5, "\(l.unsafe)")
        XCTAssertTrue(l.unsafe.contains { $0.hasPrefix("mops/persons/loop: ") })
        XCTAssertTrue(l.unsafe.contains { $0 == "mops/programmes: a symbolic link leading out of its dataset folder (mops/programmes), not followed" },
                      "\(l.unsafe)")
        XCTAssertTrue(l.unsafe.contains { $0.hasPrefix("ngo/stays/out.csv: ") && $0.contains("outside the inbox") })
        XCTAssertTrue(l.unsafe.contains { $0.hasPrefix("ngo/stays/pipe.csv: ") && $0.contains("FIFO") })
        XCTAssertTrue(l.unsafe.contains { $0.contains("not valid UTF-8") })
    }

    func testSameBytesRejectedWholeInAnotherDatasetFolderDoNotHideTheRealFile() throws {
        let h = try IngestHarness()
        try h.baseline()
        let stays = try h.file("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-03-01\nS2,person02,F1,2024-03-02\n")
        // A store that once read the stays file as audits (as a link from ngo/audits did): C01 there.
        let store = try Store.open(h.storePath, .readWrite)
        let wrong = InboxFile(path: "ngo/audits/link/s.csv", url: stays, dataset: "ngo/audits")
        XCTAssertEqual(try Ingestor(store: store, settings: h.settings, runID: "a").ingest([wrong]).first?.fileCheck, .C01)
        // The real file, the same bytes in its own folder, is read, not skipped as a copy.
        var warnings: [String] = []
        let ing = Ingestor(store: store, settings: h.settings, runID: "b")
        ing.onWarning = { warnings.append($0) }
        let reports = try ing.ingest(try Inbox.discover(h.inbox).files)
        XCTAssertNil(reports.first { $0.path == "ngo/stays/s.csv" }?.duplicateOf, "\(warnings)")
        XCTAssertEqual(try store.count("stays"), 2)
        XCTAssertEqual(try h.rejects(store).filter { $0.hasPrefix("ngo/audits") }, [])
        // A copy in the same dataset folder is still skipped as the same bytes.
        try h.file("ngo/stays/s (kopia).csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-03-01\nS2,person02,F1,2024-03-02\n")
        let again = try Ingestor(store: store, settings: h.settings, runID: "c").ingest(try Inbox.discover(h.inbox).files)
        XCTAssertEqual(again.first { $0.path == "ngo/stays/s (kopia).csv" }?.duplicateOf, "ngo/stays/s.csv")
    }

    func testInboxThatIsAFileIsAnError() throws {
        let h = try IngestHarness()
        let f = try h.file("x.csv", "a\n")
        XCTAssertThrowsError(try Inbox.list(f)) { XCTAssertTrue("\($0)".contains("is not a folder"), "\($0)") }
        XCTAssertThrowsError(try Inbox.list(h.root.appendingPathComponent("nowhere"))) { XCTAssertTrue("\($0)".contains("does not exist")) }
    }
}
